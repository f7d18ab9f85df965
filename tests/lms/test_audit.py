"""The audit log: which events are written, that no secret ever lands in it, and who may read it."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from lms.audit import audit_record
from lms.models import AuditEvent
from tests.lms.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory
from tests.lms.helpers import login_with_totp, totp_code
from tests.lms.test_accounts import signup_data

SENTINEL = "Sentinel-Secret-Passphrase-7731"


def actions():
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


# --- Events -------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_success_is_recorded_with_actor_and_ip(client, trainee):
    client.post(reverse("account_login"), {"login": trainee.email, "password": TEST_PASSWORD}, REMOTE_ADDR="192.0.2.5")
    event = AuditEvent.objects.get(action="login.success")
    assert (event.actor, event.actor_label, event.ip_address) == (trainee, trainee.email, "192.0.2.5")


@pytest.mark.django_db
def test_login_failure_is_recorded_with_the_identifier_only(client, trainee):
    client.post(reverse("account_login"), {"login": trainee.email, "password": SENTINEL})
    event = AuditEvent.objects.get(action="login.failure")
    assert event.detail == {"identifier": trainee.email}


@pytest.mark.django_db
def test_a_locked_login_is_recorded(client, trainee):
    for _ in range(6):
        client.post(reverse("account_login"), {"login": trainee.email, "password": "wrong-password-1"})
    assert actions().count("login.failure") == 5
    assert actions().count("login.locked") == 1


@pytest.mark.django_db
def test_logout_is_recorded(client, trainee):
    client.force_login(trainee)
    client.post(reverse("account_logout"))
    assert "logout" in actions()


@pytest.mark.django_db
def test_signup_is_recorded(client):
    client.post(reverse("account_signup"), signup_data())
    assert actions()[:2] == ["role.added", "account.signup"] or "account.signup" in actions()


@pytest.mark.django_db
def test_email_confirmation_is_recorded(client):
    client.post(reverse("account_signup"), signup_data())
    link = re.search(r"http://testserver(/accounts/confirm-email/[^/\s]+/)", mail.outbox[0].body).group(1)
    client.post(link)
    assert "email.confirmed" in actions()


@pytest.mark.django_db
def test_password_change_is_recorded(client, trainee):
    client.force_login(trainee)
    client.post(
        reverse("account_change_password"),
        {"oldpassword": TEST_PASSWORD, "password1": SENTINEL, "password2": SENTINEL},
    )
    assert "password.changed" in actions()


@pytest.mark.django_db
def test_password_reset_is_recorded(client, trainee):
    client.post(reverse("account_reset_password"), {"email": trainee.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)
    set_url = client.get(link)["Location"]
    client.post(set_url, {"password1": SENTINEL, "password2": SENTINEL})
    assert "password.reset" in actions()


@pytest.mark.django_db
def test_mfa_added_is_recorded(client, django_capture_on_commit_callbacks):
    user = UserFactory(role="Counsellors")
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):  # allauth sends the signal after the commit
        client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    events = [e for e in AuditEvent.objects.filter(action="mfa.added") if e.detail.get("type") == "totp"]
    assert [e.actor for e in events] == [user]
    assert secret not in str(events[0].detail)


@pytest.mark.django_db
def test_mfa_removed_is_recorded(client):
    user = UserFactory(role="Trainees", with_totp=True)
    login_with_totp(client, user.email)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    client.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=user, type="totp").exists()
    assert "mfa.removed" in actions()


@pytest.mark.django_db
def test_mfa_failure_is_recorded(client, advisor):
    client.post(reverse("account_login"), {"login": advisor.email, "password": TEST_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    event = AuditEvent.objects.get(action="mfa.failure")
    assert event.actor == advisor


@pytest.mark.django_db
def test_role_change_in_code_is_recorded(trainee):
    start = AuditEvent.objects.latest("id").id
    trainee.groups.add(Group.objects.get(name="Advisors"))
    trainee.groups.remove(Group.objects.get(name="Trainees"))
    events = AuditEvent.objects.for_object(trainee).filter(action__startswith="role.", id__gt=start)
    assert [(e.action, e.detail["roles"]) for e in events.order_by("id")] == [
        ("role.added", ["Advisors"]),
        ("role.removed", ["Trainees"]),
    ]


@pytest.mark.django_db
def test_clearing_roles_records_which_were_removed(trainee):
    trainee.groups.clear()
    event = AuditEvent.objects.for_object(trainee).get(action="role.removed")
    assert event.detail["roles"] == ["Trainees"]


@pytest.mark.django_db
def test_role_change_from_the_group_side_is_recorded(trainee):
    start = AuditEvent.objects.latest("id").id
    Group.objects.get(name="Coordinators").user_set.add(trainee)
    event = AuditEvent.objects.for_object(trainee).get(action="role.added", id__gt=start)
    assert event.detail["roles"] == ["Coordinators"]


@pytest.mark.django_db
def test_role_change_in_the_wagtail_user_editor_records_the_administrator(client, administrator, trainee):
    client.force_login(administrator)
    start = AuditEvent.objects.latest("id").id
    advisors = Group.objects.get(name="Advisors")
    response = client.post(
        reverse("wagtailusers_users:edit", args=[trainee.pk]),
        {
            "email": trainee.email,
            "full_name": trainee.full_name,
            "preferred_name": trainee.preferred_name,
            "institution": "",
            "language": "en",
            "is_active": "on",
            "groups": [advisors.pk],
        },
    )
    assert response.status_code == 302
    events = AuditEvent.objects.for_object(trainee).filter(action__startswith="role.", id__gt=start)
    assert {(e.action, tuple(e.detail["roles"])) for e in events} == {
        ("role.added", ("Advisors",)),
        ("role.removed", ("Trainees",)),
    }
    assert {e.actor for e in events} == {administrator}


@pytest.mark.django_db
def test_making_someone_superuser_is_recorded(trainee):
    trainee.is_superuser = True
    trainee.save()
    assert AuditEvent.objects.for_object(trainee).get(action="role.superuser").detail == {"is_superuser": True}


@pytest.mark.django_db
def test_deactivating_an_account_is_recorded(trainee):
    trainee.is_active = False
    trainee.save()
    assert AuditEvent.objects.for_object(trainee).filter(action="account.deactivated").exists()


@pytest.mark.django_db
def test_last_login_updates_cost_no_extra_audit_query(trainee, django_assert_num_queries):
    trainee.last_login = timezone.now()
    with django_assert_num_queries(1):
        trainee.save(update_fields=["last_login"])


@pytest.mark.django_db
def test_deleting_a_user_is_recorded_and_keeps_their_events(trainee):
    client = Client()
    client.force_login(trainee)
    client.post(reverse("account_logout"))
    email = trainee.email
    trainee.delete()
    assert AuditEvent.objects.get(action="account.deleted").detail["user"] == email
    assert AuditEvent.objects.get(action="logout").actor_label == email


# --- Never secrets ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sentinel_password_never_reaches_the_audit_log(client):
    """Run every password-bearing flow with one sentinel, then search every column of every event for it."""

    user = UserFactory(role="Trainees", email="sentinel@example.org")
    # signup, failed logins, login, password change (old and new), reset to the sentinel, MFA codes.
    Client().post(reverse("account_signup"), signup_data(password1=SENTINEL, password2=SENTINEL))
    client.post(reverse("account_login"), {"login": user.email, "password": SENTINEL})
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    client.post(
        reverse("account_change_password"), {"oldpassword": TEST_PASSWORD, "password1": SENTINEL, "password2": SENTINEL}
    )
    mail.outbox.clear()
    client.post(reverse("account_reset_password"), {"email": user.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)
    set_url = client.get(link)["Location"]
    client.post(set_url, {"password1": SENTINEL + "x", "password2": SENTINEL + "x"})
    staff = UserFactory(role="Advisors", with_totp=True)
    client.post(reverse("account_login"), {"login": staff.email, "password": TEST_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": SENTINEL})

    audit_record(action="test.detail", detail={"password": SENTINEL, "api_token": SENTINEL, "note": SENTINEL})

    assert AuditEvent.objects.count() >= 8
    for row in AuditEvent.objects.values():
        assert SENTINEL not in str(row)
        assert TEST_TOTP_SECRET not in str(row)
        assert TEST_PASSWORD not in str(row)


@pytest.mark.django_db
def test_audit_events_are_append_only_in_the_orm():
    event = AuditEvent.objects.create(action="test")
    event.action = "changed"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).delete()


# --- Reading the log in the Wagtail admin -------------------------------------------------------------------------


@pytest.fixture
def some_events(db, trainee):
    audit_record(action="login.success", actor=trainee, obj=trainee)
    return audit_record(action="login.failure", detail={"identifier": "x@example.org"})


@pytest.mark.django_db
def test_administrators_see_the_audit_log(client, administrator, some_events):
    client.force_login(administrator)
    response = client.get(reverse("audit_log:index"))
    assert response.status_code == 200
    assert "login.failure" in response.content.decode()


@pytest.mark.django_db
def test_audit_log_filters_by_action(client, administrator, some_events):
    client.force_login(administrator)
    response = client.get(reverse("audit_log:index"), {"action": "login.failure"})
    events = list(response.context["object_list"])
    assert {e.action for e in events} == {"login.failure"}


@pytest.mark.django_db
def test_audit_log_filters_by_date(client, administrator, some_events):
    client.force_login(administrator)
    response = client.get(reverse("audit_log:index"), {"created_at_from": "2000-01-01", "created_at_to": "2000-01-02"})
    assert list(response.context["object_list"]) == []


@pytest.mark.django_db
def test_audit_log_inspect_view_shows_the_detail(client, administrator, some_events):
    client.force_login(administrator)
    response = client.get(reverse("audit_log:inspect", args=[some_events.pk]))
    assert response.status_code == 200
    assert "x@example.org" in response.content.decode()


@pytest.mark.django_db
def test_audit_log_exports_csv(client, administrator, some_events):
    client.force_login(administrator)
    response = client.get(reverse("audit_log:index"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "login.failure" in body
    assert response["Content-Disposition"].startswith('attachment; filename="audit-log')


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["add", "edit", "delete", "copy"])
def test_nobody_may_write_the_audit_log_in_the_admin(client, some_events, view):
    superuser = UserFactory(is_superuser=True, with_totp=True)
    client.force_login(superuser)

    try:
        url = reverse(f"audit_log:{view}", args=[] if view == "add" else [some_events.pk])
    except NoReverseMatch:
        return
    assert client.get(url).status_code in (302, 403)
    assert client.post(url).status_code in (302, 403)
    assert AuditEvent.objects.filter(pk=some_events.pk).exists()


@pytest.mark.django_db
def test_the_audit_log_listing_offers_no_add_button(client, administrator, some_events):
    client.force_login(administrator)
    html = client.get(reverse("audit_log:index")).content.decode()
    assert reverse("audit_log:add") not in html
    assert reverse("audit_log:edit", args=[some_events.pk]) not in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["counsellor", "advisor", "coordinator"])
def test_other_staff_get_403_from_the_audit_log(client, request, role, some_events):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("audit_log:index")).status_code in (302, 403)
    assert client.get(reverse("audit_log:inspect", args=[some_events.pk])).status_code in (302, 403)
    assert client.get(reverse("audit_log:index"), {"export": "csv"}).status_code in (302, 403)


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, 30])
def test_audit_log_listing_query_count_is_flat(client, administrator, size, django_assert_max_num_queries):
    users = [UserFactory() for _ in range(3)]
    for n in range(size):
        audit_record(action="login.success", actor=users[n % 3], obj=users[n % 3])
    client.force_login(administrator)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("audit_log:index")).status_code == 200
