"""Role × route: each role reaches what it should and is turned away from the rest.

To add your app's routes, import `ROLES`, the outcome constants and `assert_access` in your own test module and
write a table like `ACCESS` below; `access_cases(table)` turns it into pytest parameters:

    from tests.lms.test_access import ALL_BUT, DENIED, LOGIN, OK, access_cases, assert_access

    MY_ACCESS = {"/training/": {**ALL_BUT(OK), "anonymous": LOGIN}}

    @pytest.mark.django_db
    @pytest.mark.parametrize(("role", "url", "expected"), access_cases(MY_ACCESS))
    def test_training_access(client, request, role, url, expected):
        assert_access(client, request, role, url, expected)

Outcomes:
  OK        200.
  LOGIN     302 to the login page (anonymous visitors).
  DENIED    Wagtail's refusal inside the admin: 302 to the admin dashboard with "Sorry, you do not have permission"
            (Wagtail turns PermissionDenied into that redirect; an XHR gets 403). Outside the admin, 403.
  NO_ADMIN  a signed-in person without admin access at an admin URL: 302 to My page with a message.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

ROLES = ("anonymous", "trainee", "counsellor", "advisor", "coordinator", "administrator")
OK, LOGIN, DENIED, NO_ADMIN = "200", "login", "denied", "no-admin"


def ALL_BUT(outcome, **exceptions):  # noqa: N802 - reads as a table constant
    """Every role gets `outcome` except those named: ALL_BUT(DENIED, administrator=OK)."""
    return {role: exceptions.get(role, outcome) for role in ROLES}


def ADMIN_ROUTE(**allowed):  # noqa: N802
    """An admin URL: anonymous LOGIN, trainee NO_ADMIN, staff DENIED unless given."""
    return {**ALL_BUT(DENIED, **allowed), "anonymous": LOGIN, "trainee": NO_ADMIN}


ACCESS = {
    "/": ALL_BUT(OK),
    "/my/": ALL_BUT(OK, anonymous=LOGIN),
    "/accounts/profile/": ALL_BUT(OK, anonymous=LOGIN),
    "/accounts/2fa/": ALL_BUT(OK, anonymous=LOGIN),
    "/admin/": ADMIN_ROUTE(counsellor=OK, advisor=OK, coordinator=OK, administrator=OK),
    "/admin/account/": ADMIN_ROUTE(counsellor=OK, advisor=OK, coordinator=OK, administrator=OK),
    "/admin/users/": ADMIN_ROUTE(administrator=OK),
    "/admin/users/new/": ADMIN_ROUTE(administrator=OK),
    "/admin/groups/": ADMIN_ROUTE(administrator=OK),
    "/admin/groups/new/": ADMIN_ROUTE(administrator=OK),
    "/admin/institutions/": ADMIN_ROUTE(coordinator=OK, administrator=OK),
    "/admin/institutions/new/": ADMIN_ROUTE(administrator=OK),
    "/admin/audit-log/": ADMIN_ROUTE(administrator=OK),
    "/admin/pages/": ADMIN_ROUTE(administrator=OK),
    "/admin/images/": ADMIN_ROUTE(counsellor=OK, administrator=OK),
    "/admin/documents/": ADMIN_ROUTE(counsellor=OK, administrator=OK),
    "/admin/sites/": ADMIN_ROUTE(administrator=OK),
    "/admin/redirects/": ADMIN_ROUTE(administrator=OK),
    "/admin/collections/": ADMIN_ROUTE(administrator=OK),
    "/admin/workflows/list/": ADMIN_ROUTE(administrator=OK),
}


def access_cases(table):
    return [pytest.param(role, url, table[url][role], id=f"{role}-{url}") for url in table for role in ROLES]


def _outcome(response, client=None) -> str:
    # Wagtail sends every refusal of admin access to its login URL, our one-hop redirect: follow that hop.
    if (
        client is not None
        and response.status_code == 302
        and response["Location"].startswith(reverse("wagtail_login_redirect"))
    ):
        response = client.get(response["Location"])
    if response.status_code == 200:
        return OK
    if response.status_code == 403:
        return DENIED
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("account_login")):
            return LOGIN
        if location == reverse("wagtailadmin_home"):
            return DENIED
        if location == reverse("home:my_page"):
            return NO_ADMIN
        return f"302 to {location}"
    return str(response.status_code)


def assert_access(client, request, role, url, expected):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get(url)
    assert _outcome(response, client) == expected
    if expected == NO_ADMIN:  # and it really ends there, not in a redirect loop
        assert client.get(url, follow=True).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "url", "expected"), access_cases(ACCESS))
def test_role_route_access(client, request, role, url, expected):
    assert_access(client, request, role, url, expected)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["counsellor", "advisor", "coordinator"])
def test_admin_refusal_is_403_for_xhr(client, request, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get("/admin/audit-log/", headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 403


# --- Only Administrators manage users and groups ------------------------------------------------------------------


USER_PERMISSIONS = {"lms.add_user", "lms.change_user", "lms.delete_user", "auth.add_group", "auth.change_group"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["trainee", "counsellor", "advisor", "coordinator"])
def test_only_administrators_hold_user_permissions(request, role):
    user = request.getfixturevalue(role)
    assert not any(user.has_perm(permission) for permission in USER_PERMISSIONS)


@pytest.mark.django_db
def test_administrators_hold_the_user_permissions(administrator):
    assert all(administrator.has_perm(permission) for permission in USER_PERMISSIONS)


@pytest.mark.django_db
def test_no_role_but_administrators_has_any_auth_or_user_permission():
    risky = Permission.objects.filter(content_type__app_label__in=["auth"]) | Permission.objects.filter(
        content_type__app_label="lms", content_type__model="user"
    )
    holders = set(risky.values_list("group__name", flat=True)) - {None}
    assert holders == {"Administrators"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["counsellor", "advisor", "coordinator"])
def test_other_staff_cannot_post_to_user_management(client, request, role, trainee):
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        reverse("wagtailusers_users:edit", args=[trainee.pk]),
        {"email": trainee.email, "full_name": "Changed", "language": "en", "is_superuser": "on"},
    )
    assert _outcome(response, client) == DENIED
    trainee.refresh_from_db()
    assert (trainee.full_name, trainee.is_superuser) != ("Changed", True)
