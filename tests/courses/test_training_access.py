"""Who may train: accepted trainees (the Trainees role) and staff; anyone signed in only for a course marked open to
every signed-in user. A signed-up person who was not accepted gets a kind page on every module and quiz route."""

import pytest
from django.urls import reverse

from courses import services
from courses.models import Enrollment
from tests.lms.factories import UserFactory

from .factories import build_course, enrol, modules_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_page(db):
    return build_course(modules=2, quiz_on=(0,), modules_unlock_in_order=False)


def module_routes(module, attempt_id="00000000-0000-4000-8000-000000000000"):
    url = module.url
    return [
        ("get", url),
        ("post", url + "done/"),
        ("get", url + "quiz/"),
        ("post", url + "quiz/"),
        ("get", url + f"quiz/{attempt_id}/"),
        ("get", url + f"quiz/{attempt_id}/result/"),
    ]


def test_a_signed_up_person_gets_a_kind_page_on_every_module_and_quiz_route(client, course_page):
    person = UserFactory()  # signed up, never accepted: no role
    client.force_login(person)
    for module in modules_of(course_page):
        for method, url in module_routes(module):
            response = getattr(client, method)(url)
            assert response.status_code == 403, (method, url)
            assert "This training opens when you are accepted" in response.content.decode(), url
            assert "Body of" not in response.content.decode()


def test_even_an_enrolment_does_not_open_modules_without_training_access(client, course_page):
    person = UserFactory()
    enrol(person, course_page)
    client.force_login(person)
    response = client.get(modules_of(course_page)[0].url)
    assert response.status_code == 403
    assert "Body of Module 1" not in response.content.decode()


def test_a_trainee_opens_the_module(client, course_page):
    trainee = UserFactory(role="Trainees")
    enrol(trainee, course_page)
    client.force_login(trainee)
    response = client.get(modules_of(course_page)[1].url)
    assert response.status_code == 200
    assert "Body of Module 2" in response.content.decode()


@pytest.mark.parametrize("role", ["Counsellors", "Advisors", "Coordinators", "Administrators"])
def test_staff_read_modules_without_enrolling(client, course_page, role):
    client.force_login(UserFactory(role=role, with_totp=True))
    response = client.get(modules_of(course_page)[1].url)
    assert response.status_code == 200


def test_a_signed_up_person_cannot_enrol_and_is_told_why(client, course_page):
    person = UserFactory()
    client.force_login(person)
    overview = client.get(course_page.url)
    assert "Enrol in this course" not in overview.content.decode()
    assert "taken on by the programme" in overview.content.decode()
    response = client.post(course_page.url + "enrol/", follow=True)
    assert not Enrollment.objects.filter(user=person).exists()
    assert "taken on by the programme" in response.content.decode()


def test_a_course_open_to_every_signed_in_user_opens_without_acceptance(client):
    open_course = build_course(modules=1, open_to_all_signed_in=True)
    person = UserFactory()
    client.force_login(person)
    client.post(open_course.url + "enrol/")
    assert Enrollment.objects.filter(user=person, course=open_course.course).exists()
    assert client.get(modules_of(open_course)[0].url).status_code == 200


def test_the_open_flag_is_copied_from_the_page_to_the_course(db):
    page = build_course(modules=0, open_to_all_signed_in=True)
    page.course.refresh_from_db()
    assert page.course.open_to_all_signed_in is True


def test_self_enrolment_service_refuses_without_training_access(course_page):
    with pytest.raises(services.TrainingError) as error:
        services.enrollment_create(user=UserFactory(), course=course_page.course)
    assert error.value.code == "no_access"


def test_anonymous_visitors_are_sent_to_log_in(client, course_page):
    response = client.get(modules_of(course_page)[0].url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
