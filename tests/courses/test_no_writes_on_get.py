"""A GET of a trainee page writes nothing (docs/decisions/0160): the session is refreshed at most every
SESSION_REFRESH_INTERVAL seconds and the enrollment's last activity at most every ACTIVITY_THROTTLE; idle expiry
still logs a person out after SESSION_COOKIE_AGE."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import Enrollment
from lms import session_refresh
from tests.courses.factories import build_course, correct_answers, enrol, modules_of

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def writes_of(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]


@pytest.fixture
def trainee_pages(client, trainee):
    course = build_course(modules=3, quiz_on=(1,), modules_unlock_in_order=False)
    enrollment = enrol(trainee, course)
    module, quiz_module = modules_of(course)[0], modules_of(course)[1]
    attempt = services.quiz_attempt_start(enrollment=enrollment, module=quiz_module)
    services.quiz_attempt_submit(attempt=attempt, answers=correct_answers(attempt))
    client.force_login(trainee)
    return {
        "my page": reverse("home:my_page"),
        "course": course.url,
        "module": module.url,
        "quiz start": quiz_module.url + "quiz/",
        "result": quiz_module.url + f"quiz/{attempt.public_id}/result/",
    }


@pytest.mark.parametrize("page", ["my page", "course", "module", "quiz start", "result"])
def test_a_get_of_a_trainee_page_writes_nothing(client, trainee_pages, page):
    url = trainee_pages[page]
    client.get(url)  # the first visit may record things once (the session's refresh stamp, the module visit)
    assert writes_of(client, url) == []
    assert writes_of(client, url) == []


def test_browsing_every_trainee_page_in_turn_writes_nothing(client, trainee_pages):
    for url in trainee_pages.values():
        client.get(url)
    for url in trainee_pages.values():
        assert writes_of(client, url) == [], url


def test_the_session_is_refreshed_once_the_interval_has_passed(client, trainee_pages, monkeypatch):
    url = trainee_pages["course"]
    started = session_refresh.time.time()  # the refresh stamp of the first GET is between started and ended
    client.get(url)
    ended = session_refresh.time.time()
    key = client.session.session_key
    before = Session.objects.get(session_key=key).expire_date
    monkeypatch.setattr(session_refresh.time, "time", lambda: started + 299)
    assert writes_of(client, url) == []
    monkeypatch.setattr(session_refresh.time, "time", lambda: ended + 301)
    writes = writes_of(client, url)
    assert len(writes) == 1 and "django_session" in writes[0]
    assert Session.objects.get(session_key=key).expire_date >= before
    assert writes_of(client, url) == []  # and then quiet again


def test_an_idle_session_still_expires_after_the_cookie_age(client, trainee_pages, settings):
    url = trainee_pages["my page"]
    client.get(url)
    session = Session.objects.get(session_key=client.session.session_key)
    # The expiry a refresh sets is SESSION_COOKIE_AGE from then; without requests nothing moves it.
    assert abs((session.expire_date - timezone.now()).total_seconds() - settings.SESSION_COOKIE_AGE) < 60
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_session_stays_alive_while_the_person_keeps_working(client, trainee_pages, monkeypatch, settings):
    """A request after the interval moves the expiry forward, so a person active all day is not logged out."""
    url = trainee_pages["my page"]
    client.get(url)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(minutes=1))
    now = session_refresh.time.time()
    monkeypatch.setattr(session_refresh.time, "time", lambda: now + settings.SESSION_REFRESH_INTERVAL + 1)
    assert client.get(url).status_code == 200
    left = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert left > timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_anonymous_visitors_get_no_session(client):
    client.get(reverse("certificates:verify_form"))
    assert Session.objects.count() == 0


def test_last_activity_is_throttled_not_dropped(trainee):
    course = build_course(modules=2, modules_unlock_in_order=False)
    enrollment = enrol(trainee, course)
    first, second = modules_of(course)
    old = timezone.now() - timedelta(minutes=6)
    Enrollment.objects.filter(pk=enrollment.pk).update(last_activity_at=old)
    enrollment.refresh_from_db()
    services.module_visit(enrollment=enrollment, module=first)
    enrollment.refresh_from_db()
    stamped = enrollment.last_activity_at
    assert stamped > old + timedelta(minutes=5)
    with CaptureQueriesContext(connection) as ctx:
        services.module_visit(enrollment=enrollment, module=first)
    assert not [q for q in ctx.captured_queries if q["sql"].upper().startswith(WRITES)]
    enrollment.refresh_from_db()
    assert enrollment.last_activity_at == stamped
