"""Role × route: every URL of the project's apps, public and admin, for every role, from one table (issue 19).

The routes are read from the URL resolver (as tests/test_post_redirect_get.py reads them): every pattern whose view
lives in one of `settings.PROJECT_APPS`, or whose Wagtail viewset/snippet model belongs to one. So a new route, a new
viewset or a new admin URL fails `test_every_project_route_is_in_the_table` until it is given an expectation in
`EXPECTED` below; a route that is gone fails it too.

Each cell is one GET as one role. A route that takes an object is asked for an object of institution A (the world of
tests/supervision/conftest.py: advisor A, coordinator A and supporter s1 belong to it, coordinator B does not), so
"coordinator (own)" and "coordinator (other)" differ where the rows are scoped. A public verify route is asked for that
certificate's code. Routes whose object this module has no fixture for (a survey page, a Feide realm, a design
snippet, a signing key, an applicant's own booking links) are asked for an id that does not exist: the cell then
says who reaches the view at all (404) and who is stopped before it (login, denied). The object-level matrices
with POSTs and both object sets stay where they are (tests/supervision/test_route_matrix.py,
tests/certificates/test_route_matrix.py); `test_object_matrices_cover_their_routes` checks they still do.

Outcomes: "ok" (200), "login" (sent to sign in), "denied" (403, or Wagtail's redirect to the admin home with "you do
not have permission"), "missing" (404: never a 403 that would confirm the object exists), "no_get" (405: a POST-only
action), "redirect" (sent on elsewhere, e.g. a signed-in user away from a login page).
"""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lms.models import AuditEvent
from supervision.models import AdvisorAssignment, Session
from tests.certificates.factories import CertificateFactory
from tests.certificates.test_route_matrix import ROUTES as CERTIFICATE_OBJECT_ROUTES
from tests.recruitment.factories import ApplicationFactory, InterviewSlotFactory
from tests.supervision.conftest import past_session
from tests.supervision.conftest import world as supervision_world  # noqa: F401 - the `world` fixture
from tests.supervision.test_route_matrix import MATRIX as SUPERVISION_OBJECT_ROUTES
from tests.supervision.test_route_matrix import url_for as supervision_url_for

ROLES = ("anonymous", "trainee", "advisor", "coordinator_own", "coordinator_other", "counsellor", "administrator")
MISSING_UUID = uuid.UUID("00000000-0000-4000-8000-000000000000")
MISSING_ID = 999999

# --- the table ------------------------------------------------------------------------------------------------------
# Each policy is the outcome for the ROLES in order. Policies are named for who gets through.


def policy(*outcomes: str) -> tuple[str, ...]:
    assert len(outcomes) == len(ROLES)
    return outcomes


#            anonymous, trainee, advisor (A), coordinator (A: own), coordinator (B: other), counsellor, administrator
# Everyone, signed in or not.
PUBLIC = policy("ok", "ok", "ok", "ok", "ok", "ok", "ok")
# Public, asked for an object that does not exist: 404 for everyone.
PUBLIC_UNKNOWN = policy("missing", "missing", "missing", "missing", "missing", "missing", "missing")
# Everyone; a POST-only action (the Feide refusal page's "continue" form).
PUBLIC_POST_ONLY = policy("no_get", "no_get", "no_get", "no_get", "no_get", "no_get", "no_get")
# Sends everyone on (set_language).
SENDS_ON = policy("redirect", "redirect", "redirect", "redirect", "redirect", "redirect", "redirect")
# Anyone signed in.
SIGNED_IN = policy("login", "ok", "ok", "ok", "ok", "ok", "ok")
# Signed in, asked for someone else"s or an unknown object: 404.
SIGNED_IN_UNKNOWN = policy("login", "missing", "missing", "missing", "missing", "missing", "missing")
# Signed in; a POST-only action.
SIGNED_IN_POST_ONLY = policy("login", "no_get", "no_get", "no_get", "no_get", "no_get", "no_get")
# Wagtail's login stand-ins: the signed-in are sent on.
LOGIN_STAND_IN = policy("login", "redirect", "redirect", "redirect", "redirect", "redirect", "redirect")
# Every staff role.
ANY_STAFF = policy("login", "login", "ok", "ok", "ok", "ok", "ok")
# Staff reach the view; the object is not theirs or does not exist: 404.
STAFF_UNKNOWN = policy("login", "login", "missing", "missing", "missing", "missing", "missing")
# Staff; a POST-only action.
STAFF_POST_ONLY = policy("login", "login", "no_get", "no_get", "no_get", "no_get", "no_get")
# Nobody, administrators included (audit log rows and certificates are never edited generically).
NOBODY = policy("login", "login", "denied", "denied", "denied", "denied", "denied")
# Administrators only.
ADMINISTRATORS = policy("login", "login", "denied", "denied", "denied", "denied", "ok")
# Administrators reach it (the object does not exist); others refused.
ADMINISTRATORS_UNKNOWN = policy("login", "login", "denied", "denied", "denied", "denied", "missing")
# Coordinators (either institution) and administrators.
COORDINATORS = policy("login", "login", "denied", "ok", "ok", "denied", "ok")
# Coordinators only (administrators hold no add permission on slots).
COORDINATORS_NOT_ADMIN = policy("login", "login", "denied", "ok", "ok", "denied", "denied")
# Advisors, coordinators and administrators (each sees their own rows).
FOLLOWERS = policy("login", "login", "ok", "ok", "ok", "denied", "ok")
# The coordinator of institution A and administrators; coordinator B gets 404.
OWN_COORDINATOR = policy("login", "login", "denied", "ok", "missing", "denied", "ok")
# Coordinator A and administrators; the advisor sees it but may not act (403); others 404.
OWN_COORDINATOR_ADVISOR_REFUSED = policy("login", "login", "denied", "ok", "missing", "missing", "ok")
# Advisor A, coordinator A and administrators; others 404.
OWN_SUPERVISORS = policy("login", "login", "ok", "ok", "missing", "missing", "ok")
# Coordinator A and administrators; everyone else 404.
OWN_COORDINATOR_ONLY_SEEN = policy("login", "login", "missing", "ok", "missing", "missing", "ok")
# Advisor A and administrators; others 404.
OWN_ADVISOR = policy("login", "login", "ok", "missing", "missing", "missing", "ok")
# Advisors and administrators.
ADVISORS = policy("login", "login", "ok", "denied", "denied", "denied", "ok")
# Advisors only (notes: never administrators).
ADVISORS_ONLY = policy("login", "login", "ok", "denied", "denied", "denied", "denied")
# The note's author only.
NOTE_AUTHOR = policy("login", "login", "ok", "missing", "missing", "missing", "missing")
# Administrators only; advisor and coordinator A see the object but may not delete it.
ADMINISTRATORS_DELETE = policy("login", "login", "denied", "denied", "missing", "missing", "ok")
# Administrators only; the advisor sees it but may not delete it.
ADMINISTRATORS_DELETE_SESSION = policy("login", "login", "denied", "missing", "missing", "missing", "ok")
# Counsellors and administrators.
COUNSELLORS = policy("login", "login", "denied", "denied", "denied", "ok", "ok")
# Counsellors and administrators reach it (the page does not exist); others refused.
COUNSELLORS_UNKNOWN = policy("login", "login", "denied", "denied", "denied", "missing", "missing")

EXPECTED: dict[str, tuple[str, ...]] = {
    "account_profile": SIGNED_IN,
    "audit_log:add": NOBODY,
    "audit_log:delete": NOBODY,
    "audit_log:edit": NOBODY,
    "audit_log:history": NOBODY,
    "audit_log:history_results": NOBODY,
    "audit_log:index": ADMINISTRATORS,
    "audit_log:index_results": ADMINISTRATORS,
    "audit_log:inspect": ADMINISTRATORS,
    "audit_log:usage": NOBODY,
    "certificates:achievement": PUBLIC_UNKNOWN,
    "certificates:credential_json": PUBLIC,
    "certificates:credential_jwt": PUBLIC,
    "certificates:issuer": PUBLIC,
    "certificates:jwks": PUBLIC,
    "certificates:my_certificates": SIGNED_IN,
    "certificates:pdf": PUBLIC,
    "certificates:public_key": PUBLIC_UNKNOWN,
    "certificates:qr": PUBLIC,
    "certificates:status_list": PUBLIC,
    "certificates:status_list_suspension": PUBLIC,
    "certificates:verify": PUBLIC,
    "certificates:verify_form": PUBLIC,
    "certificates:verify_json": PUBLIC,
    "certificates_admin:action": OWN_COORDINATOR,
    "certificates_admin:correct": OWN_COORDINATOR,
    "certificates_admin:issue": COORDINATORS,
    "certificates_admin:zip": COORDINATORS,
    "certificates_admin_viewset:add": NOBODY,
    "certificates_admin_viewset:delete": NOBODY,
    "certificates_admin_viewset:edit": NOBODY,
    "certificates_admin_viewset:history": NOBODY,
    "certificates_admin_viewset:history_results": NOBODY,
    "certificates_admin_viewset:index": COORDINATORS,
    "certificates_admin_viewset:index_results": COORDINATORS,
    "certificates_admin_viewset:inspect": OWN_COORDINATOR_ONLY_SEEN,
    "certificates_admin_viewset:usage": NOBODY,
    "courses_admin:bulk_enrol": COORDINATORS,
    "courses_admin:progress": FOLLOWERS,
    "courses_admin:progress_results": FOLLOWERS,
    "feide_callback": PUBLIC_UNKNOWN,
    "feide_login": PUBLIC_UNKNOWN,
    "feide_claims": COORDINATORS,
    "feide_claim_confirm": STAFF_POST_ONLY,
    "feide_claim_refuse": STAFF_POST_ONLY,
    "feide_other_institution": PUBLIC_POST_ONLY,
    "feide_realms:add": ADMINISTRATORS,
    "feide_realms:delete": STAFF_UNKNOWN,
    "feide_realms:edit": ADMINISTRATORS_UNKNOWN,
    "feide_realms:history": STAFF_UNKNOWN,
    "feide_realms:history_results": STAFF_UNKNOWN,
    "feide_realms:index": COORDINATORS,
    "feide_realms:index_results": COORDINATORS,
    "feide_realms:usage": STAFF_UNKNOWN,
    "home:my_page": SIGNED_IN,
    "home:search": PUBLIC,
    "home_admin:translations_report": ADMINISTRATORS,
    "institutions:add": ADMINISTRATORS,
    "institutions:delete": ADMINISTRATORS,
    "institutions:edit": ADMINISTRATORS,
    "institutions:history": ADMINISTRATORS,
    "institutions:history_results": ADMINISTRATORS,
    "institutions:index": COORDINATORS,
    "institutions:index_results": COORDINATORS,
    "institutions:inspect": COORDINATORS,
    "institutions:usage": ADMINISTRATORS,
    "lms.views.gone": PUBLIC_UNKNOWN,
    "lms.views.redirect_to_login": LOGIN_STAND_IN,
    "privacy:after_engagement": SIGNED_IN_UNKNOWN,
    "privacy:delete_account": SIGNED_IN,
    "privacy:my_data": SIGNED_IN,
    "privacy_admin:export_person": ADMINISTRATORS,
    "recruitment:apply": PUBLIC,
    "recruitment:book": SIGNED_IN_POST_ONLY,
    "recruitment:cancel_booking": SIGNED_IN_POST_ONLY,
    "recruitment:interview_calendar": SIGNED_IN_UNKNOWN,
    "recruitment:mine": SIGNED_IN,
    "recruitment:withdraw": SIGNED_IN_POST_ONLY,
    "recruitment_admin:application_accept": STAFF_POST_ONLY,
    "recruitment_admin:application_book": STAFF_POST_ONLY,
    "recruitment_admin:application_detail": OWN_COORDINATOR,
    "recruitment_admin:application_release": STAFF_POST_ONLY,
    "recruitment_admin:application_stage": STAFF_POST_ONLY,
    "recruitment_admin:application_take": STAFF_POST_ONLY,
    "recruitment_applications:add": STAFF_UNKNOWN,
    "recruitment_applications:delete": STAFF_UNKNOWN,
    "recruitment_applications:edit": STAFF_UNKNOWN,
    "recruitment_applications:history": STAFF_UNKNOWN,
    "recruitment_applications:history_results": STAFF_UNKNOWN,
    "recruitment_applications:index": COORDINATORS,
    "recruitment_applications:index_results": COORDINATORS,
    "recruitment_applications:usage": STAFF_UNKNOWN,
    "recruitment_cohorts:add": ADMINISTRATORS,
    "recruitment_cohorts:delete": STAFF_UNKNOWN,
    "recruitment_cohorts:edit": ADMINISTRATORS,
    "recruitment_cohorts:history": ADMINISTRATORS,
    "recruitment_cohorts:history_results": ADMINISTRATORS,
    "recruitment_cohorts:index": COORDINATORS,
    "recruitment_cohorts:index_results": COORDINATORS,
    "recruitment_cohorts:usage": ADMINISTRATORS,
    "recruitment_admin:note_add": STAFF_POST_ONLY,
    "recruitment_admin:slot_cancel": STAFF_POST_ONLY,
    "recruitment_slots:add": COORDINATORS_NOT_ADMIN,
    "recruitment_slots:delete": STAFF_UNKNOWN,
    "recruitment_slots:edit": STAFF_UNKNOWN,
    "recruitment_slots:history": STAFF_UNKNOWN,
    "recruitment_slots:history_results": STAFF_UNKNOWN,
    "recruitment_slots:index": COORDINATORS,
    "recruitment_slots:index_results": COORDINATORS,
    "recruitment_slots:usage": STAFF_UNKNOWN,
    "set_language": SENDS_ON,
    "supervision:home": SIGNED_IN,
    "supervision:my_data": SIGNED_IN,
    "supervision:session_calendar": SIGNED_IN_UNKNOWN,
    "supervision:urgent": SIGNED_IN,
    "supervision:urgent_sent": SIGNED_IN_UNKNOWN,
    "supervision_assignments:add": COORDINATORS,
    "supervision_assignments:delete": ADMINISTRATORS_DELETE,
    "supervision_assignments:edit": OWN_COORDINATOR,
    "supervision_assignments:history": OWN_COORDINATOR_ADVISOR_REFUSED,
    "supervision_assignments:history_results": OWN_COORDINATOR_ADVISOR_REFUSED,
    "supervision_assignments:index": FOLLOWERS,
    "supervision_assignments:index_results": FOLLOWERS,
    "supervision_assignments:usage": OWN_COORDINATOR_ADVISOR_REFUSED,
    "supervision_admin:engagement_approve": OWN_COORDINATOR_ADVISOR_REFUSED,
    "supervision_admin:group_members": OWN_SUPERVISORS,
    "supervision_groups:add": COORDINATORS,
    "supervision_groups:delete": ADMINISTRATORS_DELETE,
    "supervision_groups:edit": OWN_COORDINATOR,
    "supervision_groups:history": OWN_COORDINATOR_ADVISOR_REFUSED,
    "supervision_groups:history_results": OWN_COORDINATOR_ADVISOR_REFUSED,
    "supervision_groups:index": FOLLOWERS,
    "supervision_groups:index_results": FOLLOWERS,
    "supervision_groups:usage": OWN_COORDINATOR_ADVISOR_REFUSED,
    "supervision_leads:add": ADMINISTRATORS,
    "supervision_leads:delete": ADMINISTRATORS,
    "supervision_leads:edit": ADMINISTRATORS,
    "supervision_leads:history": ADMINISTRATORS,
    "supervision_leads:history_results": ADMINISTRATORS,
    "supervision_leads:index": ADMINISTRATORS,
    "supervision_leads:index_results": ADMINISTRATORS,
    "supervision_leads:usage": ADMINISTRATORS,
    "supervision_admin:note_add": ADVISORS_ONLY,
    "supervision_admin:note_edit": NOTE_AUTHOR,
    "supervision_reports:attendance": FOLLOWERS,
    "supervision_reports:attendance_results": FOLLOWERS,
    "supervision_admin:session_attendance": OWN_ADVISOR,
    "supervision_admin:session_detail": OWN_ADVISOR,
    "supervision_sessions:add": ADVISORS,
    "supervision_sessions:delete": ADMINISTRATORS_DELETE_SESSION,
    "supervision_sessions:edit": ADVISORS,
    "supervision_sessions:history": OWN_ADVISOR,
    "supervision_sessions:history_results": OWN_ADVISOR,
    "supervision_sessions:index": ADVISORS,
    "supervision_sessions:index_results": ADVISORS,
    "supervision_sessions:usage": OWN_ADVISOR,
    "supervision_admin:supporter_detail": OWN_SUPERVISORS,
    "supervision_supporters:add": COORDINATORS,
    "supervision_supporters:delete": ADMINISTRATORS_DELETE,
    "supervision_supporters:edit": OWN_COORDINATOR,
    "supervision_supporters:history": OWN_COORDINATOR_ADVISOR_REFUSED,
    "supervision_supporters:history_results": OWN_COORDINATOR_ADVISOR_REFUSED,
    "supervision_supporters:index": FOLLOWERS,
    "supervision_supporters:index_results": FOLLOWERS,
    "supervision_supporters:usage": OWN_COORDINATOR_ADVISOR_REFUSED,
    "survey_admin:export_csv": COUNSELLORS_UNKNOWN,
    "survey_admin:export_xlsx": COUNSELLORS_UNKNOWN,
    "survey_admin:index": COUNSELLORS,
    "survey_admin:results": COUNSELLORS_UNKNOWN,
    "wagtail_login_redirect": LOGIN_STAND_IN,
    "wagtailsnippetchoosers_certificates_certificatedesign:choose": ANY_STAFF,
    "wagtailsnippetchoosers_certificates_certificatedesign:choose_results": ANY_STAFF,
    "wagtailsnippetchoosers_certificates_certificatedesign:chosen": STAFF_UNKNOWN,
    "wagtailsnippetchoosers_certificates_certificatedesign:chosen_multiple": ANY_STAFF,
    "wagtailsnippetchoosers_certificates_certificatedesign:create": COUNSELLORS,
    "wagtailsnippets_certificates_certificatedesign:add": COUNSELLORS,
    "wagtailsnippets_certificates_certificatedesign:copy": STAFF_UNKNOWN,
    "wagtailsnippets_certificates_certificatedesign:delete": STAFF_UNKNOWN,
    "wagtailsnippets_certificates_certificatedesign:edit": STAFF_UNKNOWN,
    "wagtailsnippets_certificates_certificatedesign:history": STAFF_UNKNOWN,
    "wagtailsnippets_certificates_certificatedesign:history_results": STAFF_UNKNOWN,
    "wagtailsnippets_certificates_certificatedesign:list": COUNSELLORS,
    "wagtailsnippets_certificates_certificatedesign:list_results": COUNSELLORS,
    "wagtailsnippets_certificates_certificatedesign:usage": STAFF_UNKNOWN,
    "wagtailusers_users:add": ADMINISTRATORS,
    "wagtailusers_users:copy": ADMINISTRATORS,
    "wagtailusers_users:delete": ADMINISTRATORS,
    "wagtailusers_users:edit": ADMINISTRATORS,
    "wagtailusers_users:history": ADMINISTRATORS,
    "wagtailusers_users:history_results": ADMINISTRATORS,
    "wagtailusers_users:index": ADMINISTRATORS,
    "wagtailusers_users:index_results": ADMINISTRATORS,
    "wagtailusers_users:usage": ADMINISTRATORS,
}

# --- reading the routes ---------------------------------------------------------------------------------------------


def _walk(resolver, namespace="", prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield namespace, prefix + str(pattern.pattern), pattern


def _project_app(pattern) -> str | None:
    """The project app a URL pattern serves: its view's module, or the model of a Wagtail viewset/snippet view."""
    callback = pattern.callback
    module = getattr(callback, "__module__", "").split(".")[0]
    if module in settings.PROJECT_APPS:
        return module
    initkwargs = getattr(callback, "view_initkwargs", None) or {}
    model = initkwargs.get("model") or getattr(getattr(callback, "view_class", None), "model", None)
    label = getattr(getattr(model, "_meta", None), "app_label", "")
    return label if label in settings.PROJECT_APPS else None


def project_routes() -> dict[str, tuple[str, URLPattern]]:
    """name → (route, pattern) of every URL pattern of the project's apps, public and admin. Unnamed patterns are
    named by their view (`module.function`)."""
    routes = {}
    for namespace, route, pattern in _walk(get_resolver()):
        if _project_app(pattern) is None:
            continue
        callback = pattern.callback
        name = f"{namespace}{pattern.name}" if pattern.name else f"{callback.__module__}.{callback.__name__}"
        routes[name] = (route, pattern)
    return routes


# --- the objects of institution A -----------------------------------------------------------------------------------


@pytest.fixture
def objects(request):
    world = request.getfixturevalue("supervision_world")
    session = past_session(advisor=world.advisor_a, group=world.group_a, status=Session.Status.PLANNED)
    application = ApplicationFactory(institution=world.inst_a)
    return {
        # the kinds tests/supervision/test_route_matrix.py's url_for understands
        "session": session,
        "period": world.period1,
        "group": world.group_a,
        "note": world.note_a_supporter,
        "assignment": AdvisorAssignment.objects.create(advisor=world.advisor_a, supporter=world.s1),
        "profile": world.lead.advisor_profile,
        # the other apps' objects
        "certificate": CertificateFactory(holder=world.s1),
        "application": application,
        "slot": InterviewSlotFactory(institution=world.inst_a, coordinator=world.coordinator_a),
        "cohort": application.cohort,
        "institution": world.inst_a,
        "user": world.s1,
        "audit_event": AuditEvent.objects.create(action="test.matrix", object_label="s1"),
        "world": world,
    }


# Route name prefix → the object its id names. Checked in order; the first match wins.
OBJECT_OF_PREFIX = (
    ("certificates_admin", "certificate"),
    ("recruitment_admin:slot_cancel", "slot"),
    ("recruitment_admin:", "application"),
    ("recruitment_applications:", "application"),
    ("recruitment_slots:", "slot"),
    ("recruitment_cohorts:", "cohort"),
    ("institutions:", "institution"),
    ("wagtailusers_users:", "user"),
    ("privacy_admin:export_person", "user"),
    ("audit_log:", "audit_event"),
)


def url_of(name: str, route: str, pattern: URLPattern, objects: dict) -> str:
    converters = pattern.pattern.converters
    if not pattern.name:
        return "/" + route.lstrip("^").rstrip("$")
    if not converters:
        return reverse(name)
    if name in SUPERVISION_OBJECT_ROUTES:
        return supervision_url_for(name, SUPERVISION_OBJECT_ROUTES[name][0], objects)
    if name.startswith("certificates:") and set(converters) == {"code"}:
        return reverse(name, kwargs={"code": objects["certificate"].display_code})
    if name == "certificates_admin:action":
        return reverse(name, args=[objects["certificate"].pk, "suspend"])
    for prefix, kind in OBJECT_OF_PREFIX:
        if name.startswith(prefix):
            return reverse(name, args=[objects[kind].pk])
    kwargs = {}
    for key, converter in converters.items():
        kind = type(converter).__name__
        kwargs[key] = MISSING_UUID if kind == "UUIDConverter" else MISSING_ID if kind == "IntConverter" else "999999"
    return reverse(name, kwargs=kwargs)


def outcome(response) -> str:
    if response.status_code in (301, 302):
        target = response.headers["Location"]
        if target.startswith((reverse("account_login"), reverse("wagtail_login_redirect"))):
            return "login"
        if target == reverse("wagtailadmin_home"):
            return "denied"  # Wagtail's "Sorry, you do not have permission to access this area."
        return "redirect"
    return {200: "ok", 403: "denied", 404: "missing", 405: "no_get"}.get(
        response.status_code, str(response.status_code)
    )


def actor(world, role):
    return {
        "anonymous": None,
        "trainee": world.s1,
        "advisor": world.advisor_a,
        "coordinator_own": world.coordinator_a,
        "coordinator_other": world.coordinator_b,
        "counsellor": world.counsellor,
        "administrator": world.administrator,
    }[role]


# --- the tests ------------------------------------------------------------------------------------------------------


def test_every_project_route_is_in_the_table():
    names = set(project_routes())
    assert sorted(names - set(EXPECTED)) == [], "new route: give it an expectation per role in EXPECTED"
    assert sorted(set(EXPECTED) - names) == [], "in EXPECTED but no longer a route"


def test_object_matrices_cover_their_routes():
    """The supervision and certificates id routes keep their object-level matrices (both object sets, POSTs)."""
    names = set(project_routes())
    assert set(SUPERVISION_OBJECT_ROUTES) <= names
    assert set(CERTIFICATE_OBJECT_ROUTES) <= names
    routes = project_routes()
    supervision_ids = {
        n
        for n, (route, pattern) in routes.items()
        if "supervision" in n and route.startswith("admin/") and "<" in route
    }
    assert supervision_ids - set(SUPERVISION_OBJECT_ROUTES) == set()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_table_says(client, objects, role):
    user = actor(objects["world"], role)
    if user is not None:
        client.force_login(user)
    column = ROLES.index(role)
    wrong = []
    for name, (route, pattern) in sorted(project_routes().items()):
        got = outcome(client.get(url_of(name, route, pattern, objects)))
        if name in EXPECTED and got != EXPECTED[name][column]:
            wrong.append((name, f"expected {EXPECTED[name][column]}", f"got {got}"))
    assert wrong == [], f"{role}: {wrong}"
