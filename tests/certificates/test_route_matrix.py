"""Role × route × object over every certificates staff route that takes an id.

The routes are enumerated from the resolver (`certificate_id_routes`), so a new route in the certificates admin
namespaces fails `test_every_id_route_is_in_the_matrix` until it is given an expectation here. Each cell requests the
route for one certificate of institution A as one role and checks that nothing is shown or changed beyond what the
role may: 0 cells that widen access.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from certificates.models import Certificate
from certificates.views.admin import ACTIONS
from tests.lms.factories import InstitutionFactory, UserFactory

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db

NAMESPACES = {"certificates_admin", "certificates_admin_viewset"}

# Route name -> the viewers who may open it for a certificate they manage (coordinator of the holder's institution,
# administrator). Empty: nobody (the permission policy refuses generic add/edit/delete of certificates).
MANAGERS = {"coordinator_own", "administrator"}
ROUTES = {
    "certificates_admin_viewset:inspect": MANAGERS,
    # Wagtail's history and usage views need "change", which nobody has (the history is on the inspect page).
    "certificates_admin_viewset:history": set(),
    "certificates_admin_viewset:history_results": set(),
    "certificates_admin_viewset:usage": set(),  # likewise refused by the permission policy
    "certificates_admin_viewset:edit": set(),
    "certificates_admin_viewset:delete": set(),
    "certificates_admin:correct": MANAGERS,
    "certificates_admin:action": MANAGERS,
}
VIEWERS = [
    "anonymous",
    "trainee_holder",
    "counsellor",
    "advisor",
    "coordinator_other",
    "coordinator_own",
    "administrator",
]
DENIED = {302, 403, 404, 405}


def _walk(patterns, namespaces=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, namespaces + ((pattern.namespace,) if pattern.namespace else ()))
        elif isinstance(pattern, URLPattern):
            yield namespaces, pattern


def certificate_id_routes() -> set[str]:
    """Every named route in the certificates admin namespaces whose URL takes a value (an id)."""
    routes = set()
    for namespaces, pattern in _walk(get_resolver().url_patterns):
        if namespaces and namespaces[-1] in NAMESPACES and pattern.pattern.converters:
            routes.add(f"{namespaces[-1]}:{pattern.name}")
    return routes


def test_every_id_route_is_in_the_matrix():
    assert certificate_id_routes() == set(ROUTES)


def urls_for(route, certificate):
    if route == "certificates_admin:action":
        return [reverse(route, args=[certificate.pk, action]) for action in [*ACTIONS, "delete", "x"]]
    return [reverse(route, args=[certificate.pk])]


@pytest.fixture
def world():
    a, b = InstitutionFactory(name="A", slug="inst-a"), InstitutionFactory(name="B", slug="inst-b")
    holder = UserFactory(role="Trainees", institution=a, full_name="Hanne Holder")
    certificate = CertificateFactory(holder=holder)
    people = {
        "anonymous": None,
        "trainee_holder": holder,
        "counsellor": UserFactory(role="Counsellors", with_totp=True),
        "advisor": UserFactory(role="Advisors", with_totp=True),
        "coordinator_other": UserFactory(role="Coordinators", with_totp=True, institution=b),
        "coordinator_own": UserFactory(role="Coordinators", with_totp=True, institution=a),
        "administrator": UserFactory(role="Administrators", with_totp=True),
    }
    return certificate, people


def _client_for(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("viewer", VIEWERS)
def test_get_opens_only_what_the_role_may(client, world, viewer):
    certificate, people = world
    _client_for(client, people[viewer])
    widened = []
    for route, allowed in ROUTES.items():
        for url in urls_for(route, certificate):
            response = client.get(url)
            body = response.content.decode(errors="replace") if not response.streaming else ""
            if viewer in allowed:
                valid_action = not url.endswith(("/delete/", "/x/")) and (
                    route != "certificates_admin:action"
                    or url.rstrip("/").rsplit("/", 1)[1] in ("suspend", "revoke", "withdraw")
                )
                if valid_action:
                    assert response.status_code == 200, (viewer, url, response.status_code)
                continue
            if response.status_code not in DENIED or certificate.display_code in body or "Hanne Holder" in body:
                widened.append((url, response.status_code))
    assert widened == []


@pytest.mark.parametrize("viewer", [v for v in VIEWERS if v not in MANAGERS])
def test_post_changes_nothing_for_roles_that_may_not(client, world, viewer):
    certificate, people = world
    _client_for(client, people[viewer])
    for route in ("certificates_admin:action", "certificates_admin:correct", "certificates_admin_viewset:delete"):
        for url in urls_for(route, certificate):
            response = client.post(url, {"reason": "forged", "holder_name": "Forged Name"})
            assert response.status_code in DENIED, (url, response.status_code)
    certificate.refresh_from_db()
    assert (certificate.status, certificate.holder_name) == (Certificate.Status.VALID, "Hanne Holder")
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_post_by_the_own_coordinator_does_change_it(client, world):
    """The matrix can fail: the same POST by a manager takes effect."""
    certificate, people = world
    _client_for(client, people["coordinator_own"])
    response = client.post(reverse("certificates_admin:action", args=[certificate.pk, "suspend"]), {"reason": "check"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.SUSPENDED


@pytest.mark.parametrize("viewer", ["coordinator_own", "administrator"])
def test_nobody_edits_or_deletes_through_the_generic_views(client, world, viewer):
    certificate, people = world
    _client_for(client, people[viewer])
    assert client.post(reverse("certificates_admin_viewset:delete", args=[certificate.pk])).status_code in DENIED
    assert Certificate.objects.filter(pk=certificate.pk).exists()
