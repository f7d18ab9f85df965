"""A sentinel string in advisor A's notes appears in 0 responses for every role that may not read it, and appears in
the author's (and a lead advisor's) views. Covers pages, admin listings, exports, search, emails and audit."""

from io import BytesIO

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse
from django.views.debug import SafeExceptionReporterFilter
from wagtail.search.index import class_is_indexed

from lms.models import AuditEvent
from supervision import services
from supervision.admin_views import note_add
from supervision.models import Note

from .conftest import SENTINEL

pytestmark = pytest.mark.django_db
# Search for the start of the sentinel: the page echoes the query, which must not count as a leak.
SEARCH = SENTINEL.rsplit("-", 1)[0]

ROUTES = [
    ("supervision:home", None, ""),
    ("supervision:urgent", None, ""),
    ("supervision:my_data", None, ""),
    ("home:my_page", None, ""),
    ("wagtailadmin_home", None, ""),
    ("supervision_supporters:index", None, ""),
    ("supervision_supporters:index", None, f"?q={SEARCH}"),
    ("supervision_supporters:index", None, "?export=csv"),
    ("supervision_supporters:index", None, "?export=xlsx"),
    ("supervision_sessions:index", None, ""),
    ("supervision_sessions:index", None, f"?q={SEARCH}"),
    ("supervision_sessions:index", None, "?export=csv"),
    ("supervision_sessions:index", None, "?export=xlsx"),
    ("supervision_groups:index", None, "?export=csv"),
    ("supervision_assignments:index", None, "?export=csv"),
    ("wagtailadmin_pages:search", None, f"?q={SEARCH}"),
    ("supervision_admin:session_detail", "session_a", ""),
    ("supervision_admin:supporter_detail", "period1", ""),
    ("supervision_sessions:edit", "session_a", ""),
    ("supervision_supporters:edit", "period1", ""),
]


def body(response) -> str:
    raw = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if "spreadsheetml" in response.get("Content-Type", ""):
        workbook = openpyxl.load_workbook(BytesIO(raw))
        return " ".join(str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row)
    return raw.decode("utf-8", errors="replace")


def sentinel_hits(client, world, user) -> dict[str, int]:
    client.force_login(user)
    hits = {}
    for name, arg, query in ROUTES:
        args = [getattr(world, arg).pk] if arg else []
        response = client.get(reverse(name, args=args) + query, follow=False)
        hits[f"{name}{query}"] = body(response).count(SENTINEL)
    return hits


@pytest.fixture
def only_a_notes(world):
    """Advisor B's note gets a text of its own, so the sentinel marks advisor A's notes only."""
    Note.objects.filter(pk=world.note_b.pk).update(text="Advisor B's own note")
    return world


@pytest.mark.parametrize(
    "who", ["advisor_b", "coordinator_a", "coordinator_b", "counsellor", "administrator", "s2", "s3"]
)
def test_roles_that_may_not_read_see_the_sentinel_nowhere(client, only_a_notes, who):
    hits = sentinel_hits(client, only_a_notes, getattr(only_a_notes, who))
    assert {route: n for route, n in hits.items() if n} == {}


def test_the_supporter_sees_the_note_about_them_only_in_their_data_export(client, only_a_notes):
    hits = sentinel_hits(client, only_a_notes, only_a_notes.s1)
    assert {route: n for route, n in hits.items() if n} == {"supervision:my_data": 1}


def test_the_author_sees_the_notes_on_the_session_and_supporter_pages(client, only_a_notes):
    hits = sentinel_hits(client, only_a_notes, only_a_notes.advisor_a)
    assert {route: n for route, n in hits.items() if n} == {
        "supervision_admin:session_detail": 1,
        "supervision_admin:supporter_detail": 1,
    }


def test_a_lead_advisor_reads_the_notes_on_the_supporter_page(client, only_a_notes):
    client.force_login(only_a_notes.lead)
    response = client.get(reverse("supervision_admin:supporter_detail", args=[only_a_notes.period1.pk]))
    assert body(response).count(SENTINEL) == 1


def test_reading_a_note_is_audited_without_its_text(client, only_a_notes):
    client.force_login(only_a_notes.lead)
    client.get(reverse("supervision_admin:supporter_detail", args=[only_a_notes.period1.pk]))
    events = AuditEvent.objects.filter(action="note.read", actor=only_a_notes.lead)
    assert events.count() == 1
    assert SENTINEL not in str(events[0].detail) + events[0].object_label


def test_no_email_ever_carries_the_sentinel(world, django_capture_on_commit_callbacks):
    previous = services.session_snapshot(world.session_a)
    world.session_a.topic = "Moved topic"
    with django_capture_on_commit_callbacks(execute=True):
        services.session_save(session=world.session_a, actor=world.advisor_a, previous=previous)
    services.urgent_report_send(sender=world.s1, message="Call me")
    services.session_reminders_send()
    assert mail.outbox
    assert sum(str(m.message()).count(SENTINEL) for m in mail.outbox) == 0


def test_notes_are_not_indexed_for_search():
    assert class_is_indexed(Note) is False


def test_the_note_form_views_hide_the_text_from_error_reports(rf, world):
    request = rf.post("/", {"text": SENTINEL})
    request.user = world.coordinator_a  # not an advisor: the view refuses before saving anything
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied; we only need the request marked
        note_add(request, "supporter", world.period1.pk)
    cleaned = SafeExceptionReporterFilter().get_post_parameters(request)
    assert SENTINEL not in str(cleaned)
