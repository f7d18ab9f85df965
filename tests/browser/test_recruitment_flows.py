"""The whole way in, in a real browser: apply → the coordinator offers interview times → the applicant books one →
the interview is held → accepted → the new trainee logs in and opens module 1. And the refusal: a signed-up person
who was not accepted gets a kind page on every module and quiz route. axe on every new page (en and nb);
screenshots in .screenshots/recruitment-*.png."""

import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.users.models import UserProfile

from courses.models import Enrollment
from recruitment.models import Application, InterviewSlot
from tests.courses.factories import build_course, modules_of
from tests.lms.factories import TEST_PASSWORD, InstitutionFactory, UserFactory
from tests.recruitment.factories import ApplicationFactory, CohortFactory, InterviewSlotFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _roles_and_permissions(transactional_db):
    """Re-run the role data migrations when the serialized test data did not come back (see
    test_supervision_flows): idempotent."""

    if Group.objects.filter(name="Coordinators").exists():
        return
    import_module("lms.migrations.0003_roles").create_roles(apps, None)
    import_module("recruitment.migrations.0002_role_permissions").grant_permissions(apps, None)


def sign_in(page, user, live_server):
    """A signed-in session for staff (their login with a second factor is tested by the accounts suite)."""

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def log_in(page, email):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def check(page, axe, screenshot, name, language="en", context=None):
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    axe(page, context=context)
    return screenshot(page, f"recruitment-{name}-{language}")


@pytest.fixture
def setting():
    institution = InstitutionFactory(name="OsloMet test", slug="oslomet-test")
    coordinator = UserFactory(
        role="Coordinators", with_totp=True, institution=institution, full_name="Kari Coordinator", language="en"
    )
    course_page = build_course(modules=2, quiz_on=(1,), title="Peer support basics")
    cohort = CohortFactory(name="Autumn 2027", courses=[course_page.course])
    return institution, coordinator, course_page, cohort


def test_the_whole_way_in(page, axe, screenshot, live_server, setting):
    institution, coordinator, course_page, cohort = setting
    applicant = UserFactory(full_name="Sara Søker", preferred_name="Sara", institution=institution, language="en")

    # A visitor finds the way in from the header.
    page.goto("/")
    click_and_wait(page, page.get_by_role("link", name="Become a peer supporter").first)
    assert page.get_by_role("link", name="Create an account to apply").is_visible()
    check(page, axe, screenshot, "apply-visitor")

    # Signed in, the applicant fills in the form; less than a year is explained, not silently refused.
    log_in(page, applicant.email)
    page.goto("/apply/")
    check(page, axe, screenshot, "apply-form")
    page.get_by_label("Where you study").select_option(label="OsloMet test")
    page.get_by_label("Study programme").fill("Social work")
    page.get_by_label("How long have you been a student?").select_option("under_1")
    page.get_by_label("Hours per week you can give").fill("4")
    page.get_by_label("Which semesters").select_option("both")
    page.get_by_label("Daytime or evening").select_option("evening")
    page.get_by_label("Languages you can support fellow students in").fill("Norwegian, English")
    page.get_by_label("Why would you like to be a peer supporter?").fill("I want to be there for others.")
    page.get_by_label("I agree to the processing of my application as described").check()
    click_and_wait(page, page.get_by_role("button", name="Send my application"))
    assert page.get_by_text("studied for at least a year").is_visible()
    check(page, axe, screenshot, "apply-too-new")
    page.get_by_label("How long have you been a student?").select_option("1_2")
    page.get_by_label("I agree to the processing of my application as described").check()
    click_and_wait(page, page.get_by_role("button", name="Send my application"))
    assert page.get_by_text("Your application is received").is_visible()
    check(page, axe, screenshot, "mine-new")
    application = Application.objects.get(user=applicant)
    assert application.owner_institution == institution

    # The coordinator offers two interview times in the admin.
    sign_in(page, coordinator, live_server)
    for days, place in ((3, "P46 room 210"), (4, "P46 room 211")):
        page.goto("/admin/recruitment_slots/new/")
        starts = timezone.localtime(timezone.now() + timedelta(days=days)).replace(hour=10, minute=0)
        page.locator("input[name=starts_at]").fill(starts.strftime("%Y-%m-%d %H:%M"))
        page.locator("input[name=place]").fill(place)
        click_and_wait(page, page.locator("main form button[type=submit]").first)
    assert InterviewSlot.objects.filter(institution=institution, coordinator=coordinator).count() == 2
    page.goto("/admin/recruitment_applications/")
    assert page.get_by_role("link", name="Sara Søker").is_visible()
    screenshot(page, "recruitment-admin-pipeline-en")

    # The applicant books the first time.
    log_in(page, applicant.email)
    page.goto("/apply/my-application/")
    check(page, axe, screenshot, "mine-slots")
    click_and_wait(page, page.get_by_role("button", name=re.compile("Book this time")).first)
    assert page.get_by_text("Your interview is booked").is_visible()
    check(page, axe, screenshot, "mine-booked")
    application.refresh_from_db()
    assert application.stage == Application.Stage.INTERVIEW_PLANNED

    # The interview is held; the coordinator records it and accepts.
    sign_in(page, coordinator, live_server)
    page.goto(f"/admin/recruitment/applications/{application.pk}/")
    axe(page, context=".recruitment-admin")
    page.get_by_label("Move to", exact=True).select_option("interviewed")
    click_and_wait(page, page.get_by_role("button", name="Change stage"))
    page.get_by_label("Interview note").fill("Warm, reflective; good fit for evening shifts.")
    click_and_wait(page, page.get_by_role("button", name="Save note"))
    click_and_wait(page, page.get_by_role("button", name="Accept into the cohort"))
    assert page.get_by_text("Accepted: the trainee is enrolled").is_visible()
    screenshot(page, "recruitment-admin-accepted-en")
    application.refresh_from_db()
    assert application.stage == Application.Stage.ACCEPTED
    assert Enrollment.objects.filter(user=applicant, course=course_page.course).exists()

    # The new trainee logs in and opens module 1.
    log_in(page, applicant.email)
    page.goto(course_page.url)
    click_and_wait(page, page.get_by_role("link", name=re.compile("Start the first module")))
    assert page.get_by_role("heading", name="Module 1", exact=True).is_visible()
    screenshot(page, "recruitment-trainee-module-1-en")


def test_a_signed_up_person_who_was_not_accepted_gets_a_kind_page(page, axe, screenshot, live_server, setting):
    _institution, _coordinator, course_page, _cohort = setting
    person = UserFactory(full_name="Ola Signed-Up", language="en")
    module_one, module_two = modules_of(course_page)
    log_in(page, person.email)
    for url in (module_one.url, module_two.url, module_two.url + "quiz/"):
        response = page.goto(url)
        assert response.status == 403
        assert page.get_by_role("heading", name="This training opens when you are accepted").is_visible()
        assert not page.get_by_text("Body of Module").count()
    check(page, axe, screenshot, "training-closed")
    click_and_wait(page, page.get_by_role("link", name="Become a peer supporter").last)
    assert page.url.endswith("/apply/")


def test_new_pages_in_norwegian(page, axe, screenshot, live_server, setting):
    institution, coordinator, course_page, cohort = setting
    slot = InterviewSlot.objects.create(
        institution=institution, coordinator=coordinator, starts_at=timezone.now() + timedelta(days=3), place="Rom 1"
    )
    page.context.add_cookies([{"name": "django_language", "value": "nb", "url": live_server.url}])
    page.goto("/apply/")
    assert page.get_by_role("heading", name="Bli likeperson").is_visible()
    check(page, axe, screenshot, "apply-visitor", "nb")

    applicant = UserFactory(full_name="Nora Nordmann", institution=institution, language="nb")
    log_in(page, applicant.email)
    page.goto("/apply/")
    check(page, axe, screenshot, "apply-form", "nb")
    click_and_wait(page, page.get_by_role("button", name="Send søknaden min"))
    check(page, axe, screenshot, "apply-errors", "nb")

    Application.objects.create(
        cohort=cohort,
        user=applicant,
        full_name=applicant.full_name,
        email=applicant.email,
        institution=institution,
        owner_institution=institution,
        study_programme="Sykepleie",
        student_for="2_3",
        hours_per_week=3,
        semesters="both",
        time_of_day="evening",
        languages="Norsk",
        motivation="Hjelpe andre.",
        consent_at=timezone.now(),
        language="nb",
    )
    page.goto("/apply/my-application/")
    assert page.get_by_role("heading", name="Min søknad").is_visible()
    check(page, axe, screenshot, "mine-slots", "nb")
    click_and_wait(page, page.get_by_role("button", name=re.compile("Book dette tidspunktet")).first)
    slot.refresh_from_db()
    assert slot.application is not None
    check(page, axe, screenshot, "mine-booked", "nb")

    outsider = UserFactory(language="nb")
    log_in(page, outsider.email)
    page.goto(modules_of(course_page)[0].url)
    check(page, axe, screenshot, "training-closed", "nb")


@pytest.mark.parametrize("language", ["en", "nb"])
def test_coordinator_screens_pass_axe(page, axe, screenshot, live_server, setting, language):
    """The pipeline list (with a search), the interview times and an application, as a coordinator sees them."""
    institution, coordinator, _course_page, cohort = setting
    profile = UserProfile.get_for_user(coordinator)  # the admin's language is Wagtail's preference
    profile.preferred_language = language
    profile.save()
    application = ApplicationFactory(
        cohort=cohort, institution=institution, user=UserFactory(full_name="Sara Søker", institution=institution)
    )
    InterviewSlotFactory(institution=institution, coordinator=coordinator)
    sign_in(page, coordinator, live_server)
    for name, url in (
        ("pipeline", "/admin/recruitment_applications/?q=Sara"),
        ("slots", "/admin/recruitment_slots/"),
        ("application", f"/admin/recruitment/applications/{application.pk}/"),
    ):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        assert page.get_by_text("Sara Søker").first.is_visible() or name == "slots"
        axe(page)
        screenshot(page, f"recruitment-admin-{name}-{language}")
