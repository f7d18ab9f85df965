"""Post/redirect/get: every one of the project's own (non-admin) URL patterns either refuses POST (405) or is a form
that answers a successful POST with a redirect, so a reload never sends it again (issue 12, item 6).

The routes are read from the URL configuration, so a new view must be listed here as one or the other.
Forms served by Wagtail pages (quiz, reflections, survey, network contact) are not URL patterns; see their apps' tests.
"""

import uuid

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from recruitment.models import Application
from supervision.models import ActivityLog, UrgentReport
from tests.lms.factories import UserFactory
from tests.recruitment.conftest import world as recruitment_world  # noqa: F401 - fixture
from tests.recruitment.test_views import form_data
from tests.supervision.conftest import world as supervision_world  # noqa: F401 - fixture
from tests.supervision.test_supporter_views import log

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


SCENARIOS = {
    "account_profile": ("supervision_world", post_profile),
    "supervision:home": ("supervision_world", post_activity),
    "supervision:urgent": ("supervision_world", post_urgent),
    "recruitment:apply": ("recruitment_world", post_apply),
    "recruitment:book": ("recruitment_world", post_book),
    "recruitment:cancel_booking": ("recruitment_world", post_cancel),
    "recruitment:withdraw": ("recruitment_world", post_withdraw),
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
