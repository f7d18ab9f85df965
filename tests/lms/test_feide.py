"""Log in with Feide, end to end against a real OpenID Connect provider on localhost (tests/lms/oidc_provider.py).

Nothing here mocks HTTP: the site fetches discovery, exchanges the code (with its client secret and PKCE verifier)
and reads userinfo from the provider over real sockets, as it would from Feide.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from lms.models import AuditEvent, FeideRealm, Institution, User
from lms.services import user_erase
from lms.settings.base import feide_providers
from recruitment.models import Application
from tests.lms.factories import TEST_PASSWORD, UserFactory
from tests.lms.feide_helpers import FEIDE_LOGIN_URL, authorize, feide_login, oidc, oidc_server, query_of, start
from tests.lms.helpers import login_with_totp, session_user_id, totp_code
from tests.lms.oidc_provider import feide_claims
from tests.recruitment.factories import CohortFactory

__all__ = ["oidc", "oidc_server"]  # fixtures

pytestmark = pytest.mark.django_db


def uio():
    return Institution.objects.get(slug="uio")


# --- configuration ----------------------------------------------------------------------------------------------


def test_seeded_realms_map_to_the_four_institutions():
    assert {r.realm: r.institution.slug for r in FeideRealm.objects.select_related("institution")} == {
        "uio.no": "uio",
        "oslomet.no": "oslomet",
        "bi.no": "bi",
        "kristiania.no": "kristiania",
    }


def test_feide_is_off_when_unconfigured(client):
    """Base settings without FEIDE_CLIENT_ID/SECRET: no button, and the login URL does not start anything."""
    assert "Log in with Feide" not in client.get(reverse("account_login")).content.decode()
    assert client.post(FEIDE_LOGIN_URL, {"process": "login"}).status_code == 404


@pytest.mark.parametrize(("client_id", "secret"), [("id", ""), ("", "secret")])
def test_half_a_feide_configuration_refuses_to_start(client_id, secret):
    with pytest.raises(ImproperlyConfigured):
        feide_providers(client_id, secret, "https://auth.dataporten.no")


def test_button_on_login_signup_and_application_pages(client, oidc):
    for url in (reverse("account_login"), reverse("account_signup"), reverse("recruitment:apply")):
        html = client.get(url).content.decode()
        assert "Log in with Feide" in html, url
        assert f'action="{FEIDE_LOGIN_URL}?process=login' in html, url


def test_the_authorization_request_carries_state_nonce_pkce_and_feide_scopes(client, oidc):
    params = query_of(start(client))
    assert params["client_id"] == oidc.client_id
    assert params["redirect_uri"] == "http://testserver/accounts/oidc/feide/login/callback/"
    assert set(params["scope"].split()) == {"openid", "profile", "email", "userid-feide"}
    assert params["code_challenge_method"] == "S256"
    assert len(params["state"]) >= 16 and len(params["nonce"]) >= 32


# --- new accounts ------------------------------------------------------------------------------------------------


def test_first_login_creates_an_account_with_the_institution_from_the_realm(client, oidc):
    response = feide_login(client, oidc, feide_claims("kari@uio.no", name="Kari  Nordmann"))
    assert response.status_code == 302
    user = User.objects.get(email="kari@uio.no")
    assert (user.full_name, user.institution) == ("Kari Nordmann", uio())
    assert not user.has_usable_password()
    assert session_user_id(client) == str(user.pk)
    assert EmailAddress.objects.get(user=user).verified is True
    assert SocialAccount.objects.get(user=user).provider == "feide"
    assert AuditEvent.objects.filter(action="login.success", actor=user, detail__method="feide").exists()
    assert AuditEvent.objects.filter(action="account.signup", actor=user).exists()
    assert oidc.refusals == []


def test_a_new_account_has_no_role(client, oidc):
    feide_login(client, oidc, feide_claims("ola@oslomet.no"))
    assert User.objects.get(email="ola@oslomet.no").role_names == frozenset()


def test_realm_case_and_userid_sec_fallback(client, oidc):
    claims = feide_claims("per@BI.NO")
    del claims["https://n.feide.no/claims/eduPersonPrincipalName"]
    feide_login(client, oidc, claims)
    assert User.objects.get(email="per@bi.no").institution.slug == "bi"


def test_a_second_login_finds_the_same_account_and_follows_a_changed_realm(client, oidc):
    claims = feide_claims("kari@uio.no")
    feide_login(client, oidc, claims)
    client.logout()
    realm = FeideRealm.objects.get(realm="uio.no")
    realm.institution = Institution.objects.get(slug="oslomet")
    realm.save()
    feide_login(client, oidc, claims)
    assert User.objects.count() == 1
    assert User.objects.get().institution.slug == "oslomet"


def test_unverified_feide_email_must_be_confirmed_before_login(client, oidc, mailoutbox):
    """email_verified false (decision 0131): the account is made, but the address is unverified and must be
    confirmed by the emailed link, as with a password signup; no session until then."""
    response = feide_login(client, oidc, feide_claims("nils@uio.no", verified=False))
    user = User.objects.get(email="nils@uio.no")
    assert EmailAddress.objects.get(user=user).verified is False
    assert response["Location"] == reverse("account_email_verification_sent")
    assert session_user_id(client) is None
    assert len(mailoutbox) == 1


# --- institution locked --------------------------------------------------------------------------------------------


def test_profile_institution_is_locked_for_a_feide_user(client, oidc):
    feide_login(client, oidc, feide_claims("kari@uio.no"))
    page = client.get(reverse("account_profile")).content.decode()
    assert "Set by your Feide login." in page
    client.post(
        reverse("account_profile"),
        {
            "full_name": "Kari Nordmann",
            "preferred_name": "",
            "institution": Institution.objects.get(slug="bi").pk,
            "language": "en",
        },
    )
    assert User.objects.get(email="kari@uio.no").institution == uio()


def test_profile_institution_stays_editable_without_feide(client):
    user = UserFactory()
    client.force_login(user)
    bi = Institution.objects.get(slug="bi")
    client.post(
        reverse("account_profile"),
        {"full_name": user.full_name, "preferred_name": "", "institution": bi.pk, "language": "en"},
    )
    user.refresh_from_db()
    assert user.institution == bi


# --- unknown realm -------------------------------------------------------------------------------------------------


def test_unknown_realm_is_refused_with_a_way_on(client, oidc):
    response = feide_login(client, oidc, feide_claims("eva@ntnu.no"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "ntnu.no" in html and "does not use Feide here yet" in html
    assert reverse("account_signup") in html and reverse("account_login") in html
    assert not User.objects.filter(email="eva@ntnu.no").exists()
    assert session_user_id(client) is None
    event = AuditEvent.objects.get(action="feide.failure")
    assert event.detail["reason"] == "unknown_realm" and event.detail["realm"] == "ntnu.no"


def test_missing_realm_is_refused(client, oidc):
    claims = feide_claims("x@uio.no")
    del claims["https://n.feide.no/claims/eduPersonPrincipalName"]
    del claims["https://n.feide.no/claims/userid_sec"]
    response = feide_login(client, oidc, claims)
    assert response.status_code == 403
    assert not User.objects.filter(email="x@uio.no").exists()


def test_a_realm_of_an_inactive_institution_is_unknown(client, oidc):
    Institution.objects.filter(slug="uio").update(is_active=False)
    assert feide_login(client, oidc, feide_claims("kari@uio.no")).status_code == 403


# --- existing accounts: no takeover by email ------------------------------------------------------------------------


def test_same_email_does_not_log_in_to_the_existing_account(client, oidc):
    owner = UserFactory(email="kari@uio.no")
    response = feide_login(client, oidc, feide_claims("kari@uio.no"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Faccounts%2F3rdparty%2F"
    assert session_user_id(client) is None
    assert not SocialAccount.objects.filter(user=owner).exists()
    assert User.objects.count() == 1
    assert AuditEvent.objects.filter(action="feide.link_required").exists()
    page = client.get(response["Location"]).content.decode()
    assert "never join accounts by email address alone" in page


def test_linking_after_logging_in_with_the_password(client, oidc):
    owner = UserFactory(email="kari@uio.no", institution=Institution.objects.get(slug="bi"))
    response = client.post(reverse("account_login"), {"login": owner.email, "password": TEST_PASSWORD})
    assert session_user_id(client) == str(owner.pk)
    response = feide_login(client, oidc, feide_claims("kari@uio.no"), process="connect")
    assert response["Location"] == reverse("socialaccount_connections")
    assert SocialAccount.objects.get(provider="feide").user == owner
    owner.refresh_from_db()
    assert owner.institution == uio()
    assert AuditEvent.objects.filter(action="feide.connected", actor=owner).exists()
    # From now on Feide logs in to that account.
    client.logout()
    feide_login(client, oidc, feide_claims("kari@uio.no"))
    assert session_user_id(client) == str(owner.pk)


def test_linking_a_feide_identity_with_another_email(client, oidc):
    owner = UserFactory(email="kari.private@example.org")
    client.force_login(owner)
    feide_login(client, oidc, feide_claims("kari@uio.no"), process="connect")
    assert SocialAccount.objects.get(provider="feide").user == owner
    assert User.objects.count() == 1


def test_a_feide_identity_connected_to_one_account_cannot_be_connected_to_another(client, oidc):
    feide_login(client, oidc, feide_claims("kari@uio.no"))
    client.logout()
    other = UserFactory()
    client.force_login(other)
    feide_login(client, oidc, feide_claims("kari@uio.no"), process="connect")
    assert SocialAccount.objects.get(provider="feide").user.email == "kari@uio.no"


# --- disconnecting -------------------------------------------------------------------------------------------------


def _disconnect(client):
    account = SocialAccount.objects.get(provider="feide")
    return client.post(reverse("socialaccount_connections"), {"account": account.pk})


def test_disconnect_refused_when_feide_is_the_only_way_in(client, oidc):
    feide_login(client, oidc, feide_claims("kari@uio.no"))
    response = _disconnect(client)
    assert SocialAccount.objects.filter(provider="feide").exists()
    assert "no password set up" in response.content.decode()


def test_disconnect_allowed_with_a_password_and_unlocks_the_institution(client, oidc):
    owner = UserFactory(email="kari@uio.no")
    client.force_login(owner)
    feide_login(client, oidc, feide_claims("kari@uio.no"), process="connect")
    # allauth asks to confirm the password before a disconnect.
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    _disconnect(client)
    assert not SocialAccount.objects.filter(provider="feide").exists()
    assert AuditEvent.objects.filter(action="feide.disconnected", actor=owner).exists()
    assert "Set by your Feide login." not in client.get(reverse("account_profile")).content.decode()


# --- replay and injection ------------------------------------------------------------------------------------------


def test_replayed_callback_state_is_refused(client, oidc):
    oidc.next_claims = feide_claims("kari@uio.no")
    callback = authorize(start(client))
    assert session_user_id(client) is None
    client.get(callback)
    user_id = session_user_id(client)
    assert user_id
    client.logout()
    response = client.get(callback)  # the same state and code again
    assert session_user_id(client) is None
    assert response.status_code == 401 and "Third-Party Login Failure" in response.content.decode()
    assert AuditEvent.objects.filter(action="feide.failure", detail__reason="state").exists()


def _inject_attackers_code(client, oidc):
    """An attacker's code (issued for their own login, with their nonce and PKCE challenge) pasted into the victim's
    login, which has its own valid state."""
    attacker = client.__class__()
    oidc.next_claims = feide_claims("mallory@uio.no")
    attacker_callback = query_of(authorize(start(attacker)))
    victim_state = query_of(start(client))["state"]
    return client.get(
        "/accounts/oidc/feide/login/callback/", {"code": attacker_callback["code"], "state": victim_state}
    )


def test_a_code_from_another_login_is_refused_by_pkce(client, oidc):
    response = _inject_attackers_code(client, oidc)
    assert response.status_code == 401
    assert "PKCE verifier does not match" in oidc.refusals
    assert session_user_id(client) is None
    assert not User.objects.filter(email="mallory@uio.no").exists()


def test_a_code_from_another_login_is_refused_by_the_nonce_alone(client, oidc, settings):
    """The same injection with PKCE switched off at both ends: the ID token's nonce is not the victim's."""
    providers = feide_providers(oidc.client_id, oidc.client_secret, oidc.issuer)
    providers["openid_connect"]["APPS"][0]["settings"]["oauth_pkce_enabled"] = False
    settings.SOCIALACCOUNT_PROVIDERS = providers
    oidc.require_pkce = False
    response = _inject_attackers_code(client, oidc)
    assert response.status_code == 403
    assert "did not belong to this login" in response.content.decode()
    assert oidc.refusals == []
    assert session_user_id(client) is None
    assert not User.objects.filter(email="mallory@uio.no").exists()
    assert AuditEvent.objects.filter(action="feide.failure", detail__reason="nonce").exists()


def test_a_callback_without_a_started_login_is_refused(client, oidc):
    response = client.get("/accounts/oidc/feide/login/callback/", {"code": "x", "state": "y"})
    assert session_user_id(client) is None
    assert "Third-Party Login Failure" in response.content.decode()


def test_an_error_from_the_provider_is_audited(client, oidc):
    state = query_of(start(client))["state"]
    client.get("/accounts/oidc/feide/login/callback/", {"error": "server_error", "state": state})
    assert AuditEvent.objects.filter(action="feide.failure").exists()
    assert session_user_id(client) is None


def test_the_site_sends_its_secret_and_pkce_verifier(client, oidc, settings):
    """The provider refuses a wrong client secret: the login then fails, so the happy-path tests prove the site
    authenticates itself to the token endpoint."""
    settings.SOCIALACCOUNT_PROVIDERS = feide_providers(oidc.client_id, "wrong-secret", oidc.issuer)
    feide_login(client, oidc, feide_claims("kari@uio.no"))
    assert session_user_id(client) is None
    assert "client authentication failed" in oidc.refusals


# --- staff: the same second factor ---------------------------------------------------------------------------------


def _staff_with_feide(client, oidc, **kwargs):
    staff = UserFactory(email="coord@uio.no", role="Coordinators", **kwargs)
    client.force_login(staff)
    feide_login(client, oidc, feide_claims("coord@uio.no"), process="connect")
    client.logout()
    return staff


def test_staff_with_totp_are_sent_to_the_second_factor(client, oidc):
    staff = _staff_with_feide(client, oidc, with_totp=True)
    response = feide_login(client, oidc, feide_claims("coord@uio.no"))
    assert response["Location"] == reverse("mfa_authenticate")
    assert session_user_id(client) is None
    assert client.get("/admin/").status_code == 302
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert session_user_id(client) == str(staff.pk)
    assert client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(action="login.success", actor=staff, detail__method="feide").exists()


def test_staff_without_totp_get_only_the_totp_setup(client, oidc):
    _staff_with_feide(client, oidc)
    feide_login(client, oidc, feide_claims("coord@uio.no"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_a_wrong_code_after_feide_gives_no_session(client, oidc):
    _staff_with_feide(client, oidc, with_totp=True)
    feide_login(client, oidc, feide_claims("coord@uio.no"))
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert session_user_id(client) is None


# --- rate limits ---------------------------------------------------------------------------------------------------


def test_failed_feide_returns_are_rate_limited(client, oidc, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "feide_failed": "3/m/ip"}
    for _ in range(3):
        client.get("/accounts/oidc/feide/login/callback/", {"code": "x", "state": "y"})
    assert client.get("/accounts/oidc/feide/login/callback/", {"code": "x", "state": "y"}).status_code == 429
    # A correct login from that address is refused too, until the window passes.
    assert client.post(FEIDE_LOGIN_URL, {"process": "login"}).status_code == 429
    assert AuditEvent.objects.filter(action="feide.limited").exists()


def test_feide_starts_are_rate_limited(client, oidc, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "feide_login": "2/m/ip"}
    assert client.post(FEIDE_LOGIN_URL, {"process": "login"}).status_code == 302
    assert client.post(FEIDE_LOGIN_URL, {"process": "login"}).status_code == 302
    assert client.post(FEIDE_LOGIN_URL, {"process": "login"}).status_code == 429


def test_password_login_still_works_beside_feide(client, oidc):
    staff = UserFactory(role="Advisors", with_totp=True)
    login_with_totp(client, staff.email)
    assert session_user_id(client) == str(staff.pk)


# --- Bokmål ----------------------------------------------------------------------------------------------------------


def test_the_feide_pages_are_in_bokmal(client, oidc):
    client.cookies["django_language"] = "nb"
    assert "Logg inn med Feide" in client.get(reverse("account_login")).content.decode()
    html = feide_login(client, oidc, feide_claims("eva@ntnu.no")).content.decode()
    assert "Ifølge Feide hører du til «ntnu.no»" in html
    assert "Institusjonen din bruker ikke Feide her ennå" in html


# --- edge cases --------------------------------------------------------------------------------------------------


def test_an_anonymous_connect_neither_logs_in_nor_creates(client, oidc):
    UserFactory(email="kari@uio.no")
    response = feide_login(client, oidc, feide_claims("kari@uio.no"), process="connect")
    assert response.status_code == 302
    assert session_user_id(client) is None
    assert not SocialAccount.objects.exists()
    assert User.objects.count() == 1


def test_without_a_name_the_signup_form_asks_for_it_and_keeps_the_realm_institution(client, oidc):
    claims = feide_claims("kari@uio.no")
    del claims["name"]
    response = feide_login(client, oidc, claims)
    assert response["Location"] == reverse("socialaccount_signup")
    page = client.get(reverse("socialaccount_signup")).content.decode()
    assert 'name="full_name"' in page and 'name="institution"' not in page
    response = client.post(
        reverse("socialaccount_signup"),
        {"email": "kari@uio.no", "full_name": "Kari Nordmann", "preferred_name": "", "language": "nb"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="kari@uio.no")
    assert (user.full_name, user.institution, user.language) == ("Kari Nordmann", uio(), "nb")


def test_erasing_a_person_forgets_their_feide_identity(client, oidc, administrator):
    feide_login(client, oidc, feide_claims("kari@uio.no"))
    user = User.objects.get(email="kari@uio.no")
    client.logout()
    user_erase(user=user, actor=administrator)
    assert not SocialAccount.objects.exists()
    # A later Feide login is a new person, not the erased placeholder.
    feide_login(client, oidc, feide_claims("kari@uio.no"))
    assert session_user_id(client) != str(user.pk)


# --- applying with Feide (recruitment) ---------------------------------------------------------------------------


def _application(cohort, **overrides):
    data = {
        "cohort": cohort.pk,
        "full_name": "Kari Nordmann",
        "institution": "bi",
        "institution_other": "",
        "study_programme": "Nursing",
        "student_for": "2_3",
        "hours_per_week": "5",
        "semesters": "autumn",
        "time_of_day": "evening",
        "languages": "Norwegian",
        "motivation": "I like listening to people.",
        "consent": "on",
    }
    return {**data, **overrides}


def test_applying_with_feide_fills_in_and_fixes_the_institution(client, oidc):
    cohort = CohortFactory()
    response = feide_login(client, oidc, feide_claims("kari@uio.no"), next_url=reverse("recruitment:apply"))
    assert response["Location"] == reverse("recruitment:apply")
    page = client.get(reverse("recruitment:apply")).content.decode()
    assert "Set by your Feide login." in page
    assert '<option value="uio" selected>' in page
    # A posted "bi" is ignored: the field is fixed to the Feide institution.
    response = client.post(reverse("recruitment:apply"), _application(cohort, institution="bi"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Application.objects.get().institution == uio()


def test_applying_without_feide_keeps_the_choice(client):
    cohort = CohortFactory()
    user = UserFactory(institution=uio())
    client.force_login(user)
    page = client.get(reverse("recruitment:apply")).content.decode()
    assert "Set by your Feide login." not in page
    assert '<option value="uio" selected>' in page  # their profile's institution, as a suggestion
    client.post(reverse("recruitment:apply"), _application(cohort, institution="bi"))
    assert Application.objects.get().institution.slug == "bi"
