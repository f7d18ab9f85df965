"""Staff need a second factor: the middleware sends them to TOTP setup from every admin and staff page."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

from lms.middleware import StaffMFARequiredMiddleware
from tests.lms.factories import TEST_PASSWORD, UserFactory
from tests.lms.helpers import login_with_totp, totp_code
from tests.lms.routes import all_route_samples

STAFF_ROLES = ["Counsellors", "Advisors", "Coordinators", "Administrators"]
NAMED_STAFF_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/snippets/",
    "/admin/reports/locked/",
    "/admin/reports/site-history/",
    "/admin/sites/",
    "/admin/collections/",
    "/admin/redirects/",
    "/admin/institutions/",
    "/admin/audit-log/",
    "/admin/account/",
    "/my/",
    "/",
]


def admin_routes():
    urls, _ = all_route_samples()
    return [url for url in urls if url.startswith("/admin/")]


def _setup_url(next_url):
    return f"{reverse('mfa_activate_totp')}?{urlencode({'next': next_url})}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF_ROLES)
@pytest.mark.parametrize("url", NAMED_STAFF_PAGES)
def test_staff_without_totp_is_sent_to_mfa_setup(client, role, url):
    client.force_login(UserFactory(role=role))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == _setup_url(url)


@pytest.mark.django_db
def test_superuser_without_totp_is_sent_to_mfa_setup(client):
    client.force_login(UserFactory(is_superuser=True))
    assert client.get("/admin/")["Location"] == _setup_url("/admin/")


@pytest.mark.django_db
def test_every_admin_route_sends_staff_without_totp_to_mfa_setup(client):
    """All ~200 admin routes of the resolver, GET and POST, for an administrator without TOTP."""
    client.force_login(UserFactory(role="Administrators"))
    setup = reverse("mfa_activate_totp")
    routes = admin_routes()
    assert len(routes) > 150
    leaks = []
    for url in routes:
        for method in (client.get, client.post):
            response = method(url)
            if response.status_code != 302 or not response["Location"].startswith(setup):
                leaks.append((method.__name__, url, response.status_code))
    assert leaks == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/2fa/totp/activate/", "/accounts/logout/", "/accounts/profile/"])
def test_staff_without_totp_can_still_reach_setup_and_logout(client, url):
    client.force_login(UserFactory(role="Advisors"))
    response = client.get(url)
    assert not (response.status_code == 302 and response["Location"].startswith(reverse("mfa_activate_totp")))


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_with_totp_reach_the_admin(client, role):
    client.force_login(UserFactory(role=role, with_totp=True))
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_trainee_is_not_asked_for_mfa(client, trainee):
    client.force_login(trainee)
    assert client.get("/my/").status_code == 200


@pytest.mark.django_db
def test_recovery_codes_alone_do_not_count_as_the_second_factor(client):
    user = UserFactory(role="Advisors")
    Authenticator.objects.create(user=user, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x"})
    client.force_login(user)
    assert client.get("/admin/")["Location"].startswith(reverse("mfa_activate_totp"))


@pytest.mark.django_db
def test_activating_totp_lets_staff_in(client):
    user = UserFactory(role="Counsellors")
    client.force_login(user)
    page = client.get(reverse("mfa_activate_totp"), follow=True)
    if page.redirect_chain:  # allauth asks for the password again first
        client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
        page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_totp_setup_page_is_accessible_html(client):
    user = UserFactory(role="Counsellors")
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    html = client.get(reverse("mfa_activate_totp")).content.decode()
    assert html.count("<h1") == 1
    assert 'alt="QR code for your authenticator app"' in html
    assert 'aria-describedby="authenticator_secret_helptext"' in html
    assert '<label for="id_code"' in html


@pytest.mark.django_db
def test_staff_cannot_switch_two_factor_off(client, advisor):
    login_with_totp(client, advisor.email)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=advisor, type=Authenticator.Type.TOTP).exists()
    assert response.status_code == 200


@pytest.mark.django_db
def test_trainee_may_switch_two_factor_off(client):
    user = UserFactory(role="Trainees", with_totp=True)
    login_with_totp(client, user.email)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    client.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


@pytest.mark.django_db
def test_a_wrong_totp_code_gives_no_session(client, advisor):
    client.post(reverse("account_login"), {"login": advisor.email, "password": TEST_PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


# --- Cost: the middleware runs on every request -------------------------------------------------------------------


@pytest.mark.django_db
def test_middleware_costs_no_query_for_anonymous_users(client, rf):
    request = rf.get("/my/")

    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as ctx:
        StaffMFARequiredMiddleware(lambda r: None)(request)
    assert len(ctx.captured_queries) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), [("Trainees", 1), ("Advisors", 2)])
def test_middleware_cost_is_one_or_two_small_queries(rf, role, expected):
    user = UserFactory(role=role, with_totp=True)
    user = type(user).objects.get(pk=user.pk)
    request = rf.get("/my/")
    request.user = user
    with CaptureQueriesContext(connection) as ctx:
        StaffMFARequiredMiddleware(lambda r: None)(request)
    assert len(ctx.captured_queries) == expected


@pytest.mark.django_db
def test_middleware_costs_nothing_on_account_pages(rf):
    request = rf.get("/accounts/login/")
    request.user = UserFactory(role="Advisors")
    with CaptureQueriesContext(connection) as ctx:
        StaffMFARequiredMiddleware(lambda r: None)(request)
    assert len(ctx.captured_queries) == 0


@pytest.mark.django_db
def test_reauthentication_by_emailed_code_is_off(client, advisor):
    login_with_totp(client, advisor.email)
    assert client.get(reverse("account_request_reauthentication_code")).status_code == 403
    assert "Send me a sign-in code" not in client.get(reverse("account_reauthenticate")).content.decode()


@pytest.mark.django_db
def test_the_login_code_field_says_which_code(client, advisor):
    client.post(reverse("account_login"), {"login": advisor.email, "password": TEST_PASSWORD})
    html = client.get(reverse("mfa_authenticate")).content.decode()
    assert '<label for="id_code">Authenticator code:</label>' in html
    assert 'aria-describedby="id_code_helptext"' in html


@pytest.mark.django_db
def test_a_recovery_code_also_logs_in(client):
    user = UserFactory(role="Advisors", with_totp=True)
    code = RecoveryCodes.activate(user).get_unused_codes()[0]
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.session.get("_auth_user_id") == str(user.pk)
