"""Post/redirect/get: every one of the project's own (non-admin) URL patterns either refuses POST (405) or is a form
that answers a successful POST with a redirect, so a reload never sends it again (issue 12, item 6).

The routes are read from the URL configuration, so a new view must be listed here as one or the other. Forms served
by Wagtail pages (enrol, quiz, reflections, survey, network contact) are not URL patterns: the second half of this
module enumerates the page types (every page model that serves for itself, every routable page's routes) the same
way, so a new page form that answers a valid POST with 200 fails here too.
"""

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.contrib.forms.models import FormMixin, FormSubmission
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models

from courses.models import Enrollment, ModuleCompletion, QuizAttempt, ReflectionAnswer
from lms.models import Institution, InstitutionClaim
from network.models import InstitutionsPage
from privacy.models import Alumnus, ErasureRequest
from recruitment.models import Application
from supervision.models import ActivityLog, EngagementPeriod, UrgentReport
from tests.courses.factories import _id, add_module, build_course, enrol, post_data, single_choice, wrong_answers
from tests.home.factories import HomePageFactory, SiteSettingsFactory
from tests.lms.factories import TEST_PASSWORD, UserFactory
from tests.lms.feide_helpers import feide_login, oidc, oidc_server  # noqa: F401 - fixtures
from tests.lms.oidc_provider import feide_claims
from tests.network.test_institutions import request_data
from tests.recruitment.conftest import world as recruitment_world  # noqa: F401 - fixture
from tests.recruitment.test_views import form_data
from tests.supervision.conftest import world as supervision_world  # noqa: F401 - fixture
from tests.supervision.factories import EngagementPeriodFactory
from tests.supervision.test_supporter_views import log
from tests.survey.conftest import good_answer
from tests.survey.factories import SurveyPageFactory

# Routes that only show or download something: POST must be refused.
NO_POST = {
    "certificates:jwks",
    "certificates:verify_form",
    "certificates:issuer",
    "certificates:status_list",
    "certificates:status_list_suspension",
    "certificates:public_key",
    "certificates:achievement",
    "certificates:verify",
    "certificates:verify_json",
    "certificates:credential_jwt",
    "certificates:credential_json",
    "certificates:pdf",
    "certificates:qr",
    "certificates:my_certificates",
    "supervision:urgent_sent",
    "supervision:my_data",
    "supervision:session_calendar",
    "recruitment:mine",
    "recruitment:interview_calendar",
    "home:my_page",
    "home:search",
    "privacy:my_data",
}
# Stand-ins for Wagtail's own login and password views: they read nothing and send on to allauth (or say 404).
# allauth's Feide login and callback behind the site's rate limits: a POST starts the login and always answers with a
# redirect to the provider (tests/lms/test_feide.py).
NOT_FORMS = {"wagtail_login_redirect", "lms.views.redirect_to_login", "lms.views.gone", "feide_login", "feide_callback"}
# Forms that change data: each has a scenario below that posts valid data.
FORMS = {
    "account_profile",
    "supervision:home",
    "supervision:urgent",
    "recruitment:apply",
    "recruitment:book",
    "recruitment:cancel_booking",
    "recruitment:withdraw",
    "privacy:delete_account",
    "privacy:after_engagement",
    "set_language",
    "feide_other_institution",
}


def project_routes():
    """(name, pattern) of every URL pattern whose view lives in one of our apps, outside the admin."""

    def walk(resolver, namespace="", prefix=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield namespace, prefix + str(pattern.pattern), pattern

    admin = reverse("wagtailadmin_home").lstrip("/")
    routes = {}
    for namespace, route, pattern in walk(get_resolver()):
        module = getattr(pattern.callback, "__module__", "")
        if module.split(".")[0] not in settings.PROJECT_APPS or route.lstrip("^").startswith(admin):
            continue
        name = f"{namespace}{pattern.name}" if pattern.name else f"{module}.{pattern.callback.__name__}"
        routes[name] = pattern
    return routes


def dummy_path(name, pattern) -> str:
    converters = pattern.pattern.converters
    kwargs = {key: uuid.uuid4() if type(c).__name__ == "UUIDConverter" else "x" for key, c in converters.items()}
    return reverse(name, kwargs=kwargs)


def test_every_project_route_is_a_form_or_refuses_post():
    names = set(project_routes())
    assert names - NO_POST - NOT_FORMS - FORMS == set(), "new route: list it in NO_POST or FORMS (with a scenario)"
    assert (NO_POST | FORMS) - names == set(), "listed but gone"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(NO_POST))
def test_views_that_only_show_refuse_post(client, name):
    client.force_login(UserFactory(role="Trainees"))
    response = client.post(dummy_path(name, project_routes()[name]), {"anything": "1"})
    assert response.status_code == 405


def post_profile(client, world):
    user = UserFactory()
    client.force_login(user)
    data = {"full_name": "Ingrid New", "preferred_name": "", "institution": "", "language": "en"}
    return client.post(reverse("account_profile"), data), lambda: user.__class__.objects.filter(
        pk=user.pk, full_name="Ingrid New"
    ).exists()


def post_activity(client, world):
    return log(client, world.s1), lambda: ActivityLog.objects.filter(supporter=world.s1).count() == 1


def post_urgent(client, world):
    client.force_login(world.s1)
    response = client.post(reverse("supervision:urgent"), {"message": "Please call me"})
    return response, lambda: UrgentReport.objects.filter(sender=world.s1).count() == 1


def post_apply(client, world):
    applicant = UserFactory(full_name="Nora Ny", institution=world.inst_a)
    client.force_login(applicant)
    response = client.post(reverse("recruitment:apply"), form_data(cohort=world.cohort.pk))
    return response, lambda: Application.objects.filter(user=applicant).exists()


def post_book(client, world):
    client.force_login(world.applicant_a)
    response = client.post(reverse("recruitment:book", args=[world.app_a.public_id, world.slot_a.public_id]))
    return response, lambda: world.slot_a.__class__.objects.get(pk=world.slot_a.pk).application_id == world.app_a.pk


def post_cancel(client, world):
    post_book(client, world)
    response = client.post(reverse("recruitment:cancel_booking", args=[world.app_a.public_id]))
    return response, lambda: world.slot_a.__class__.objects.get(pk=world.slot_a.pk).application_id is None


def post_withdraw(client, world):
    client.force_login(world.applicant_a)
    response = client.post(reverse("recruitment:withdraw", args=[world.app_a.public_id]))
    return response, lambda: Application.objects.get(pk=world.app_a.pk).stage == Application.Stage.WITHDRAWN


def post_delete_account(client, world):
    client.force_login(world.s1)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})  # a fresh sign-in, as allauth asks
    response = client.post(reverse("privacy:delete_account"), {"certificate_choice": "keep", "confirm": "on"})
    return response, lambda: ErasureRequest.objects.pending().filter(user=world.s1).exists()


def post_after_engagement(client, world):
    supporter = UserFactory(role="Trainees", institution=world.inst_a)
    EngagementPeriodFactory(
        supporter=supporter,
        institution=world.inst_a,
        starts_on=timezone.localdate() - timedelta(days=200),
        ends_on=timezone.localdate() - timedelta(days=1),
        status=EngagementPeriod.Status.COMPLETED,
    )
    client.force_login(supporter)
    response = client.post(reverse("privacy:after_engagement"), {"choice": "stay"})
    return response, lambda: Alumnus.objects.filter(user=supporter).exists()


def post_set_language(client, world):
    user = UserFactory(language="en")
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "nb", "next": reverse("home:my_page")})
    return response, lambda: user.__class__.objects.get(pk=user.pk).language == "nb"


def post_feide_other_institution(client, provider):
    """An unknown Feide realm, then "go on, for a coordinator to confirm" (lms/feide/pending.py)."""

    feide_login(client, provider, feide_claims("eva@ntnu.no"))
    response = client.post(reverse("feide_other_institution"), {"institution": Institution.objects.get(slug="bi").pk})
    return response, lambda: InstitutionClaim.objects.filter(user__email="eva@ntnu.no").exists()


SCENARIOS = {
    "feide_other_institution": ("oidc", post_feide_other_institution),
    "account_profile": ("supervision_world", post_profile),
    "supervision:home": ("supervision_world", post_activity),
    "supervision:urgent": ("supervision_world", post_urgent),
    "recruitment:apply": ("recruitment_world", post_apply),
    "recruitment:book": ("recruitment_world", post_book),
    "recruitment:cancel_booking": ("recruitment_world", post_cancel),
    "recruitment:withdraw": ("recruitment_world", post_withdraw),
    "privacy:delete_account": ("supervision_world", post_delete_account),
    "privacy:after_engagement": ("supervision_world", post_after_engagement),
    "set_language": ("supervision_world", post_set_language),
}


def test_every_form_has_a_scenario():
    assert set(SCENARIOS) == FORMS


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_successful_post_redirects(client, request, name):
    fixture, scenario = SCENARIOS[name]
    response, saved = scenario(client, request.getfixturevalue(fixture))
    assert saved(), f"{name}: the POST did not save"
    assert response.status_code in (302, 303), f"{name}: {response.status_code}"
    assert client.get(response["Location"]).status_code == 200


# --- Forms served by Wagtail pages -------------------------------------------------------------------------------

# Page routes that only show something: POST must be refused.
PAGE_NO_POST = {"courses.CoursePage:overview", "courses.ModulePage:module_view", "courses.ModulePage:quiz_result"}
# Page routes and pages that take a form: each has a scenario below.
PAGE_FORMS = {
    "courses.CoursePage:enrol",
    "courses.ModulePage:mark_done",
    "courses.ModulePage:reflection",
    "courses.ModulePage:quiz",
    "courses.ModulePage:quiz_attempt",
    "survey.SurveyPage",
    "network.InstitutionsPage",
}


def page_routes() -> set[str]:
    """`app.Model:route` for every route of a routable page, `app.Model` for other project pages that serve for
    themselves (their own `serve`, or a Wagtail form page). Plain pages render the same for any method."""

    found = set()
    for model in get_page_models():
        if model._meta.app_label not in settings.PROJECT_APPS:
            continue
        label = model._meta.label
        own = [cls for cls in model.__mro__ if cls.__module__.split(".")[0] in settings.PROJECT_APPS]
        if issubclass(model, RoutablePageMixin):
            found |= {
                f"{label}:{route[0].name}"
                for cls in own
                for value in vars(cls).values()
                for route in getattr(value, "_routablepage_routes", ())
            }
        elif issubclass(model, FormMixin) or any("serve" in vars(cls) for cls in own):
            found.add(label)
    return found


def test_every_page_form_is_listed():
    names = page_routes()
    assert names - PAGE_NO_POST - PAGE_FORMS == set(), "new page route: list it in PAGE_NO_POST or PAGE_FORMS"
    assert (PAGE_NO_POST | PAGE_FORMS) - names == set(), "listed but gone"


@pytest.fixture
def course_world(trainee):
    course = build_course(modules=0, modules_unlock_in_order=False)
    reading = add_module(course, title="Reading")
    module = add_module(course, quiz=[single_choice("A?")], quiz_attempts_allowed=3)
    module.body = [{"type": "reflection", "id": _id(), "value": {"prompt": "What did you notice?", "guidance": ""}}]
    module.save_revision().publish()
    return {"course": course, "module": module, "reading": reading, "trainee": trainee, "enrol": enrol}


def _enrolled(client, world):
    world["enrol"](world["trainee"], world["course"])
    client.force_login(world["trainee"])
    return world["module"]


def post_enrol(client, world):
    client.force_login(world["trainee"])
    response = client.post(world["course"].url + "enrol/")
    return response, lambda: Enrollment.objects.filter(user=world["trainee"]).exists()


def post_mark_done(client, world):
    _enrolled(client, world)
    module = world["reading"]
    response = client.post(module.url + "done/")
    return response, lambda: ModuleCompletion.objects.filter(module_id=module.pk).exists()


def post_reflection(client, world):
    module = _enrolled(client, world)
    block_id = module.body[0].id
    response = client.post(module.url + f"reflection/{block_id}/", {"text": "My private thought"})
    return response, lambda: ReflectionAnswer.objects.filter(user=world["trainee"]).exists()


def post_quiz_start(client, world):
    module = _enrolled(client, world)
    response = client.post(module.url + "quiz/")
    return response, lambda: QuizAttempt.objects.in_progress().filter(module_id=module.pk).exists()


def post_quiz_answers(client, world):
    module = _enrolled(client, world)
    client.post(module.url + "quiz/")
    attempt = QuizAttempt.objects.in_progress().get()
    response = client.post(module.url + f"quiz/{attempt.public_id}/", post_data(wrong_answers(attempt)))
    return response, lambda: QuizAttempt.objects.submitted().filter(pk=attempt.pk).exists()


@pytest.fixture
def survey_world(db):
    home = HomePageFactory()
    SiteSettingsFactory()
    return SurveyPageFactory(parent=home)


def post_survey(client, survey):
    return client.post(survey.url, good_answer()), lambda: FormSubmission.objects.filter(page=survey).count() == 1


@pytest.fixture
def network_world(db):
    home = HomePageFactory()
    SiteSettingsFactory(contact_email="programme@example.org")
    page = InstitutionsPage(title="Institutions", slug="institutions", introduction="<p>Where we are.</p>")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def post_network_contact(client, page):
    mail.outbox = []
    response = client.post(page.url, request_data())
    return response, lambda: len(mail.outbox) == 1


PAGE_SCENARIOS = {
    "courses.CoursePage:enrol": ("course_world", post_enrol),
    "courses.ModulePage:mark_done": ("course_world", post_mark_done),
    "courses.ModulePage:reflection": ("course_world", post_reflection),
    "courses.ModulePage:quiz": ("course_world", post_quiz_start),
    "courses.ModulePage:quiz_attempt": ("course_world", post_quiz_answers),
    "survey.SurveyPage": ("survey_world", post_survey),
    "network.InstitutionsPage": ("network_world", post_network_contact),
}


def test_every_page_form_has_a_scenario():
    assert set(PAGE_SCENARIOS) == PAGE_FORMS


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PAGE_FORMS))
def test_a_successful_page_form_post_redirects(client, request, django_capture_on_commit_callbacks, name):
    fixture, scenario = PAGE_SCENARIOS[name]
    world = request.getfixturevalue(fixture)
    with django_capture_on_commit_callbacks(execute=True):
        response, saved = scenario(client, world)
    assert saved(), f"{name}: the POST did not save"
    assert response.status_code in (302, 303), f"{name}: {response.status_code}"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted(PAGE_NO_POST))
def test_page_routes_that_only_show_refuse_post(client, course_world, route):
    module = _enrolled(client, course_world)
    client.post(module.url + "quiz/")
    attempt = QuizAttempt.objects.in_progress().get()
    urls = {
        "courses.CoursePage:overview": course_world["course"].url,
        "courses.ModulePage:module_view": module.url,
        "courses.ModulePage:quiz_result": module.url + f"quiz/{attempt.public_id}/result/",
    }
    assert client.post(urls[route], {"anything": "1"}).status_code == 405
