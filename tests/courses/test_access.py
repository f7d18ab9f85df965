"""Role × route: who may reach which training page, quiz route and admin screen."""

import pytest
from django.urls import reverse

from courses.models import QuizAttempt
from tests.courses.factories import build_course, enrol, modules_of
from tests.lms.factories import InstitutionFactory, UserFactory

STAFF_ROLES = ["Counsellors", "Advisors", "Coordinators", "Administrators"]


@pytest.fixture
def course(db):
    return build_course(modules=3, quiz_on=(2,))


def test_anonymous_sees_course_overview(client, course):
    response = client.get(course.url)
    assert response.status_code == 200 and "Module 1" in response.content.decode()


@pytest.mark.parametrize("suffix", ["", "quiz/", "done/"])
def test_anonymous_is_sent_to_login_from_module_routes(client, course, suffix):
    module = modules_of(course)[0]
    response = client.get(module.url + suffix)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_anonymous_never_sees_module_body(client, course):
    module = modules_of(course)[0]
    assert "Body of Module 1" not in client.get(module.url, follow=True).content.decode()


def test_trainee_not_enrolled_is_sent_to_course_page(client, course, trainee):
    client.force_login(trainee)
    response = client.get(modules_of(course)[0].url)
    assert response.status_code == 302 and response["Location"] == course.url


def test_enrolled_trainee_reads_first_module(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    assert "Body of Module 1" in client.get(modules_of(course)[0].url).content.decode()


@pytest.mark.parametrize("suffix", ["", "quiz/"])
def test_locked_module_is_refused_on_the_server(client, course, trainee, suffix):
    enrol(trainee, course)
    client.force_login(trainee)
    response = client.get(modules_of(course)[2].url + suffix)
    assert response.status_code == 403 and "Body of Module 3" not in response.content.decode()


def test_locked_module_quiz_cannot_be_started(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    assert client.post(modules_of(course)[2].url + "quiz/").status_code == 403
    assert not QuizAttempt.objects.exists()


def test_modules_in_any_order_are_open(client, trainee):
    course = build_course(modules=3, modules_unlock_in_order=False)
    enrol(trainee, course)
    client.force_login(trainee)
    assert client.get(modules_of(course)[2].url).status_code == 200


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_read_every_module_without_enrolling(client, course, role):
    client.force_login(UserFactory(role=role, with_totp=True))
    assert client.get(modules_of(course)[2].url).status_code == 200


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_without_enrolment_cannot_record_progress(client, course, role):
    client.force_login(UserFactory(role=role, with_totp=True))
    client.post(modules_of(course)[0].url + "done/")
    client.post(modules_of(course)[2].url + "quiz/")
    assert not QuizAttempt.objects.exists()


def test_mark_done_requires_post(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    assert client.get(modules_of(course)[0].url + "done/").status_code == 405


def test_enrol_requires_post(client, course, trainee):
    client.force_login(trainee)
    assert client.get(course.url + "enrol/").status_code == 405


def test_anonymous_enrol_is_sent_to_login(client, course):
    response = client.post(course.url + "enrol/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_withdrawn_trainee_loses_access(client, course, trainee):
    enrollment = enrol(trainee, course)
    enrollment.status = "withdrawn"
    enrollment.save()
    client.force_login(trainee)
    assert client.get(modules_of(course)[0].url).status_code == 302


# --- Admin screens --------------------------------------------------------------------------------------------

ADMIN_ROUTES = ["courses_admin:progress", "courses_admin:progress_results", "courses_admin:bulk_enrol"]


@pytest.mark.parametrize("route", ADMIN_ROUTES)
@pytest.mark.parametrize(
    "role,allowed", [("Coordinators", True), ("Administrators", True), ("Counsellors", False), ("Advisors", False)]
)
def test_admin_training_screens_by_role(client, db, route, role, allowed):
    if role == "Advisors" and route != "courses_admin:bulk_enrol":
        allowed = True  # the progress report (listing only their supporters: tests/supervision); never bulk enrol
    user = UserFactory(role=role, with_totp=True, institution=InstitutionFactory())
    client.force_login(user)
    response = client.get(reverse(route))
    assert (response.status_code == 200) is allowed
    if not allowed:
        assert response.status_code in (302, 403)


@pytest.mark.parametrize("route", ADMIN_ROUTES)
def test_trainee_cannot_reach_admin_training_screens(client, trainee, route):
    client.force_login(trainee)
    assert client.get(reverse(route)).status_code in (302, 403)


@pytest.mark.parametrize("route", ADMIN_ROUTES)
def test_anonymous_cannot_reach_admin_training_screens(client, db, route):
    assert client.get(reverse(route)).status_code == 302


def test_progress_report_shows_coordinator_only_own_institution(client, course):
    mine, theirs = InstitutionFactory(), InstitutionFactory()
    coordinator = UserFactory(role="Coordinators", with_totp=True, institution=mine)
    enrol(UserFactory(role="Trainees", institution=mine, full_name="Own Student"), course)
    enrol(UserFactory(role="Trainees", institution=theirs, full_name="Other Student"), course)
    client.force_login(coordinator)
    html = client.get(reverse("courses_admin:progress")).content.decode()
    assert "Own Student" in html and "Other Student" not in html


def test_coordinator_of_another_institution_sees_none_of_ours(client, course):
    mine, theirs = InstitutionFactory(), InstitutionFactory()
    enrol(UserFactory(role="Trainees", institution=mine, full_name="Own Student"), course)
    client.force_login(UserFactory(role="Coordinators", with_totp=True, institution=theirs))
    response = client.get(reverse("courses_admin:progress"), {"export": "csv"})
    csv = b"".join(response.streaming_content).decode()
    assert "Own Student" not in csv


def test_administrator_sees_every_institution(client, course, administrator):
    enrol(UserFactory(role="Trainees", institution=InstitutionFactory(), full_name="Student One"), course)
    enrol(UserFactory(role="Trainees", institution=InstitutionFactory(), full_name="Student Two"), course)
    client.force_login(administrator)
    html = client.get(reverse("courses_admin:progress")).content.decode()
    assert "Student One" in html and "Student Two" in html


def test_coordinator_cannot_enrol_people_from_another_institution(client, course):
    mine, theirs = InstitutionFactory(), InstitutionFactory()
    outsider = UserFactory(role="Trainees", institution=theirs, email="outsider@example.org")
    client.force_login(UserFactory(role="Coordinators", with_totp=True, institution=mine))
    response = client.post(reverse("courses_admin:bulk_enrol"), {"course": course.course_id, "emails": outsider.email})
    assert "Not at your institution" in response.content.decode() and not outsider.enrollments.exists()
