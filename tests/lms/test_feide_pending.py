"""Feide from an unknown realm: "my institution is not listed", for a coordinator to confirm (lms/feide/pending.py).

End to end through the local OpenID Connect provider (tests/lms/oidc_provider.py): refusal page → go on → account
with a pending claim (no institution, no role, recruitment refuses acceptance) → a coordinator of the named
institution (or an administrator) confirms or refuses in the Wagtail admin → the person's next Feide login.
"""

import time
from types import SimpleNamespace

import pytest
from allauth.socialaccount.models import SocialAccount
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.feide import pending
from lms.feide.adapter import SocialAccountAdapter
from lms.feide.claims import FEIDE_MFA_ACR as FEIDE_MFA_ACR_FOR_TESTS
from lms.feide.claims import acr_of
from lms.models import AuditEvent, FeideRealm, Institution, InstitutionClaim, User
from lms.services import user_erase
from recruitment import services
from recruitment.models import Application
from tests.home.factories import SiteSettingsFactory
from tests.lms.factories import UserFactory
from tests.lms.feide_helpers import feide_login, oidc, oidc_server
from tests.lms.helpers import session_user_id, totp_code
from tests.lms.oidc_provider import feide_claims
from tests.lms.test_access import DENIED, LOGIN, OK, _outcome
from tests.recruitment.factories import ApplicationFactory, CohortFactory

__all__ = ["oidc", "oidc_server"]  # fixtures

pytestmark = pytest.mark.django_db

CONTINUE_URL = "/accounts/feide/other-institution/"
CLAIMS_URL = "/admin/feide-confirmations/"


def inst(slug):
    return Institution.objects.get(slug=slug)


def go_on(client, oidc, eppn="eva@ntnu.no", institution="bi", **claims_kwargs):
    """Feide login from an unknown realm, then "go on" naming `institution` (a slug, or "" for not listed)."""
    refused = feide_login(client, oidc, feide_claims(eppn, **claims_kwargs))
    assert refused.status_code == 403
    assert CONTINUE_URL in refused.content.decode()
    return client.post(CONTINUE_URL, {"institution": inst(institution).pk if institution else ""})


def coordinator_of(slug, **kwargs):
    return UserFactory(role="Coordinators", with_totp=True, institution=inst(slug), **kwargs)


def confirm(client, claim, **data):
    return client.post(reverse("feide_claim_confirm", args=[claim.pk]), data)


def refuse(client, claim):
    return client.post(reverse("feide_claim_refuse", args=[claim.pk]))


# --- the person: going on ------------------------------------------------------------------------------------------


def test_going_on_makes_an_account_with_a_pending_claim_and_no_access(client, oidc):
    response = go_on(client, oidc, institution="bi")
    assert response.status_code == 302
    person = User.objects.get(email="eva@ntnu.no")
    claim = InstitutionClaim.objects.get(user=person)
    assert (claim.realm, claim.proposed_institution.slug, claim.state) == ("ntnu.no", "bi", "pending")
    assert claim.decided_by is None and claim.decided_at is None
    assert person.institution is None and person.role_names == frozenset()
    assert SocialAccount.objects.get(user=person).provider == "feide"
    assert session_user_id(client) == str(person.pk)
    assert pending.awaiting_confirmation(person)
    event = AuditEvent.objects.get(action="feide.claim.requested")
    assert event.detail == {"realm": "ntnu.no", "proposed_institution": "bi"}
    page = client.get(reverse("home:my_page")).content.decode()
    assert "A coordinator of" in page and "has been asked to confirm" in page
    assert "cannot be taken on as a peer supporter" in page
    assert client.get("/training/").status_code != 200  # no role: no training
    assert client.get(reverse("recruitment:apply")).status_code == 200  # may apply; acceptance waits (below)


def test_the_refusal_page_without_a_realm_or_when_connecting_offers_no_way_on(client, oidc):
    claims = feide_claims("x@ntnu.no")
    del claims["https://n.feide.no/claims/eduPersonPrincipalName"]
    del claims["https://n.feide.no/claims/userid_sec"]
    assert CONTINUE_URL not in feide_login(client, oidc, claims).content.decode()
    assert client.post(CONTINUE_URL, {"institution": ""}).status_code == 400
    user = UserFactory(email="signed-in@uio.no")
    client.force_login(user)
    html = feide_login(client, oidc, feide_claims("eva@ntnu.no"), process="connect").content.decode()
    assert "does not use Feide here yet" in html and CONTINUE_URL not in html
    assert not InstitutionClaim.objects.exists()


def test_going_on_without_a_kept_login_creates_nothing(client, oidc):
    response = client.post(CONTINUE_URL, {"institution": inst("bi").pk})
    assert response.status_code == 400
    assert "did not work" in response.content.decode()
    assert not User.objects.exists() and not InstitutionClaim.objects.exists()
    assert AuditEvent.objects.filter(action="feide.failure", detail__reason="no_pending_login").exists()


def test_going_on_is_a_post_and_needs_csrf(client, oidc):
    feide_login(client, oidc, feide_claims("eva@ntnu.no"))
    client.handler.enforce_csrf_checks = True
    assert client.get(CONTINUE_URL).status_code == 405
    assert client.post(CONTINUE_URL, {"institution": ""}).status_code == 403
    assert not InstitutionClaim.objects.exists()


def test_going_on_twice_replays_nothing(client, oidc):
    assert go_on(client, oidc).status_code == 302
    client.logout()
    assert client.post(CONTINUE_URL, {"institution": ""}).status_code == 400
    assert User.objects.filter(email="eva@ntnu.no").count() == 1
    assert InstitutionClaim.objects.count() == 1


def test_an_old_kept_login_has_expired(client, oidc, monkeypatch):
    feide_login(client, oidc, feide_claims("eva@ntnu.no"))
    later = time.time() + pending.MAX_AGE_SECONDS + 1
    monkeypatch.setattr(pending, "time", SimpleNamespace(time=lambda: later))
    assert client.post(CONTINUE_URL, {"institution": ""}).status_code == 400
    assert not User.objects.filter(email="eva@ntnu.no").exists()


def test_a_bad_institution_shows_the_form_again_and_keeps_the_login(client, oidc):
    feide_login(client, oidc, feide_claims("eva@ntnu.no"))
    inactive = Institution.objects.create(name="Closed college", slug="closed", is_active=False)
    for bad in ("999999", "x", str(inactive.pk)):
        response = client.post(CONTINUE_URL, {"institution": bad})
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(email="eva@ntnu.no").exists()
    assert client.post(CONTINUE_URL, {"institution": inst("uio").pk}).status_code == 302
    assert InstitutionClaim.objects.get().proposed_institution.slug == "uio"


def test_going_on_with_the_email_of_an_existing_account_does_not_take_it_over(client, oidc):
    owner = UserFactory(email="eva@ntnu.no")
    response = go_on(client, oidc)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not SocialAccount.objects.exists() and not InstitutionClaim.objects.exists()
    assert session_user_id(client) is None
    assert User.objects.filter(email="eva@ntnu.no").get() == owner


def test_without_a_name_the_signup_form_finishes_and_keeps_the_claim(client, oidc):
    response = go_on(client, oidc, name="")
    assert response["Location"] == reverse("socialaccount_signup")
    assert not InstitutionClaim.objects.exists()
    response = client.post(
        reverse("socialaccount_signup"),
        {"full_name": "Eva Fjell", "preferred_name": "", "language": "en", "email": "eva@ntnu.no"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    claim = InstitutionClaim.objects.get(user__email="eva@ntnu.no")
    assert claim.proposed_institution.slug == "bi" and claim.user.institution is None


# --- the coordinator's screen: who may see and act -----------------------------------------------------------------


ROLE_CASES = [
    ("anonymous", LOGIN),
    ("trainee", "no-admin"),
    ("counsellor", DENIED),
    ("advisor", DENIED),
    ("coordinator_without_institution", DENIED),
    ("coordinator_bi", OK),
    ("coordinator_uio", OK),
    ("administrator", OK),
]


def make(role):
    if role == "trainee":
        return UserFactory(role="Trainees", institution=inst("bi"))
    if role in ("counsellor", "advisor"):
        return UserFactory(role=role.capitalize() + "s", with_totp=True, institution=inst("bi"))
    if role == "coordinator_without_institution":
        return UserFactory(role="Coordinators", with_totp=True)
    if role.startswith("coordinator_"):
        return coordinator_of(role.removeprefix("coordinator_"))
    return UserFactory(role="Administrators", with_totp=True)


@pytest.fixture
def waiting(client, oidc):
    """One person waiting for BI, one for "not listed"; the client is logged out again."""
    go_on(client, oidc, "eva@ntnu.no", institution="bi", name="Eva Fjell")
    client.logout()
    go_on(client, oidc, "ola@nord.no", institution="", name="Ola Nord")
    client.logout()
    return InstitutionClaim.objects.get(realm="ntnu.no"), InstitutionClaim.objects.get(realm="nord.no")


@pytest.mark.parametrize(("role", "expected"), ROLE_CASES)
def test_the_confirmation_screen_by_role(client, role, expected, waiting):
    if role != "anonymous":
        client.force_login(make(role))
    assert _outcome(client.get(CLAIMS_URL), client) == expected


@pytest.mark.parametrize(
    ("role", "sees_bi", "sees_not_listed"),
    [("coordinator_bi", True, False), ("coordinator_uio", False, False), ("administrator", True, True)],
)
def test_each_sees_only_their_own(client, waiting, role, sees_bi, sees_not_listed):
    client.force_login(make(role))
    html = client.get(CLAIMS_URL).content.decode()
    assert ("Eva Fjell" in html) is sees_bi
    assert ("Ola Nord" in html) is sees_not_listed


@pytest.mark.parametrize("role", [r for r, expected in ROLE_CASES if expected != OK] + ["coordinator_uio"])
def test_who_may_not_act_changes_nothing(client, waiting, role):
    bi_claim, _ = waiting
    if role != "anonymous":
        client.force_login(make(role))
    confirm(client, bi_claim)
    refuse(client, bi_claim)
    bi_claim.refresh_from_db()
    assert bi_claim.state == "pending" and bi_claim.user.institution is None
    assert not AuditEvent.objects.filter(action__in=["feide.claim.confirmed", "feide.claim.refused"]).exists()


def test_the_actions_are_posts(client, waiting):
    client.force_login(coordinator_of("bi"))
    assert client.get(reverse("feide_claim_confirm", args=[waiting[0].pk])).status_code == 405
    assert client.get(reverse("feide_claim_refuse", args=[waiting[0].pk])).status_code == 405


def test_the_menu_item_shows_for_coordinators_and_administrators_only(client, waiting):
    for role, shown in (("coordinator_bi", True), ("administrator", True), ("counsellor", False)):
        client.force_login(make(role))
        assert (CLAIMS_URL in client.get("/admin/").content.decode()) is shown, role


# --- deciding -----------------------------------------------------------------------------------------------------


def test_coordinator_confirms_and_the_person_gets_the_institution_locked(client, oidc, waiting):
    bi_claim, _ = waiting
    coordinator = coordinator_of("bi")
    client.force_login(coordinator)
    response = confirm(client, bi_claim)
    assert response.status_code == 302 and response["Location"] == CLAIMS_URL
    bi_claim.refresh_from_db()
    assert (bi_claim.state, bi_claim.decided_by) == ("confirmed", coordinator) and bi_claim.decided_at
    person = bi_claim.user
    assert person.institution.slug == "bi" and not pending.awaiting_confirmation(person)
    event = AuditEvent.objects.get(action="feide.claim.confirmed")
    assert event.actor == coordinator and event.object_id == str(person.pk)
    assert event.detail["institution"] == "bi" and event.detail["realm"] == "ntnu.no"
    assert not FeideRealm.objects.filter(realm="ntnu.no").exists()
    # The person's next Feide login (realm still unknown) works and keeps the confirmed institution, locked.
    client.logout()
    response = feide_login(client, oidc, feide_claims("eva@ntnu.no", name="Eva Fjell"))
    assert response.status_code == 302 and session_user_id(client) == str(person.pk)
    page = client.get(reverse("home:my_page")).content.decode()
    assert "has been asked to confirm" not in page
    client.post(
        reverse("account_profile"),
        {"full_name": "Eva Fjell", "preferred_name": "", "institution": inst("uio").pk, "language": "en"},
    )
    person.refresh_from_db()
    assert person.institution.slug == "bi"


def test_confirming_twice_says_so_and_changes_nothing(client, waiting):
    bi_claim, _ = waiting
    first, second = coordinator_of("bi"), coordinator_of("bi")
    client.force_login(first)
    confirm(client, bi_claim)
    client.force_login(second)
    response = confirm(client, bi_claim)
    assert "already been decided" in client.get(response["Location"]).content.decode()
    bi_claim.refresh_from_db()
    assert bi_claim.decided_by == first
    assert AuditEvent.objects.filter(action="feide.claim.confirmed").count() == 1


def test_refused_then_confirmed_stays_refused(client, oidc, waiting):
    bi_claim, _ = waiting
    client.force_login(coordinator_of("bi"))
    refuse(client, bi_claim)
    response = confirm(client, bi_claim)
    assert "already been decided" in client.get(response["Location"]).content.decode()
    bi_claim.refresh_from_db()
    assert bi_claim.state == "refused" and bi_claim.user.institution is None
    assert AuditEvent.objects.filter(action="feide.claim.refused").count() == 1
    assert pending.awaiting_confirmation(bi_claim.user)
    client.logout()
    feide_login(client, oidc, feide_claims("eva@ntnu.no", name="Eva Fjell"))
    assert session_user_id(client) == str(bi_claim.user.pk)
    assert "was not confirmed" in client.get(reverse("home:my_page")).content.decode()


def test_a_coordinator_cannot_confirm_someone_of_another_institution(client, waiting):
    bi_claim, not_listed = waiting
    client.force_login(coordinator_of("uio"))
    for claim in (bi_claim, not_listed):
        response = confirm(client, claim, institution=inst("uio").pk)
        assert "cannot decide" in client.get(response["Location"]).content.decode()
        claim.refresh_from_db()
        assert claim.state == "pending" and claim.user.institution is None


def test_a_coordinator_confirms_only_the_proposed_institution_and_adds_no_realm(client, waiting):
    bi_claim, _ = waiting
    client.force_login(coordinator_of("bi"))
    response = confirm(client, bi_claim, institution=inst("uio").pk, add_realm="on")
    assert "Only administrators" in client.get(response["Location"]).content.decode()
    bi_claim.refresh_from_db()
    assert bi_claim.state == "pending" and not FeideRealm.objects.filter(realm="ntnu.no").exists()
    confirm(client, bi_claim, institution=inst("uio").pk)
    bi_claim.user.refresh_from_db()
    assert bi_claim.user.institution.slug == "bi"


def test_administrator_confirms_not_listed_with_an_institution_and_adds_the_realm(client, oidc, waiting):
    _, not_listed = waiting
    administrator = make("administrator")
    client.force_login(administrator)
    response = confirm(client, not_listed)
    assert "Choose the institution" in client.get(response["Location"]).content.decode()
    response = confirm(client, not_listed, institution="nonsense")
    assert "Choose an institution from the list" in client.get(response["Location"]).content.decode()
    not_listed.refresh_from_db()
    assert not_listed.state == "pending"
    confirm(client, not_listed, institution=inst("kristiania").pk, add_realm="on")
    not_listed.refresh_from_db()
    assert not_listed.state == "confirmed" and not_listed.user.institution.slug == "kristiania"
    assert FeideRealm.objects.institution_for("nord.no").slug == "kristiania"
    assert AuditEvent.objects.filter(action="feide.realm.added", detail__realm="nord.no").exists()
    # Everyone else from that realm now logs in directly with the institution.
    client.logout()
    feide_login(client, oidc, feide_claims("kari@nord.no"))
    assert User.objects.get(email="kari@nord.no").institution.slug == "kristiania"


def test_adding_a_realm_that_belongs_elsewhere_is_refused(client, waiting):
    _, not_listed = waiting
    FeideRealm.objects.create(realm="nord.no", institution=inst("uio"))
    client.force_login(make("administrator"))
    response = confirm(client, not_listed, institution=inst("bi").pk, add_realm="on")
    assert "already belongs to" in client.get(response["Location"]).content.decode()
    not_listed.refresh_from_db()
    assert not_listed.state == "pending" and not_listed.user.institution is None


def test_an_unknown_claim_is_refused(client, waiting):
    client.force_login(make("administrator"))
    response = confirm(client, InstitutionClaim(pk=999999), institution=inst("bi").pk)
    assert "cannot decide" in client.get(response["Location"]).content.decode()


def test_recruitment_will_not_accept_a_person_waiting_for_confirmation(client, waiting):
    bi_claim, _ = waiting
    coordinator = coordinator_of("bi")
    application = ApplicationFactory(
        cohort=CohortFactory(), user=bi_claim.user, institution=inst("bi"), stage=Application.Stage.INTERVIEWED
    )
    with pytest.raises(services.RecruitmentError) as refused:
        services.application_accept(application=application, actor=coordinator)
    assert refused.value.code == "institution"
    assert not bi_claim.user.groups.filter(name="Trainees").exists()
    pending.claim_confirm(claim_pk=bi_claim.pk, actor=coordinator)
    services.application_accept(application=application, actor=coordinator)
    assert bi_claim.user.groups.filter(name="Trainees").exists()


def test_the_list_does_not_query_per_row(client, oidc):
    administrator = make("administrator")

    def add(n):
        for i in range(n):
            person = UserFactory(email=f"p{InstitutionClaim.objects.count()}-{i}@far.no")
            InstitutionClaim.objects.create(user=person, realm="far.no", proposed_institution=inst("bi"))

    add(1)
    client.force_login(administrator)
    client.get(CLAIMS_URL)
    with CaptureQueriesContext(connection) as small:
        assert client.get(CLAIMS_URL).status_code == 200
    add(25)
    with CaptureQueriesContext(connection) as large:
        assert client.get(CLAIMS_URL).status_code == 200
    assert len(large) <= len(small), (len(small), len(large))


# --- Feide's acr (decision 0134): recorded, never instead of the site's TOTP ----------------------------------------


def test_the_acr_of_a_feide_login_is_recorded(client, oidc):
    oidc.next_acr = "urn:mace:feide.no:auth:level:fad08:2"
    feide_login(client, oidc, feide_claims("kari@uio.no"))
    event = AuditEvent.objects.get(action="login.success")
    assert event.detail == {"method": "feide", "acr": "urn:mace:feide.no:auth:level:fad08:2"}


def test_a_login_without_acr_records_it_empty(client, oidc):
    feide_login(client, oidc, feide_claims("kari@uio.no"))
    assert AuditEvent.objects.get(action="login.success").detail["acr"] == ""


def test_staff_with_feide_mfa_still_pass_the_sites_totp(client, oidc):
    staff = UserFactory(email="coord@uio.no", role="Coordinators", with_totp=True)
    client.force_login(staff)
    feide_login(client, oidc, feide_claims("coord@uio.no"), process="connect")
    client.logout()
    oidc.next_acr = FEIDE_MFA_ACR_FOR_TESTS
    response = feide_login(client, oidc, feide_claims("coord@uio.no"))
    assert response["Location"] == reverse("mfa_authenticate")
    assert session_user_id(client) is None
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert session_user_id(client) == str(staff.pk)
    event = AuditEvent.objects.get(action="login.success", actor=staff)
    assert event.detail["acr"] == FEIDE_MFA_ACR_FOR_TESTS


def test_acr_is_read_from_the_id_token_only():
    assert acr_of({"id_token": {"acr": "a"}, "userinfo": {"acr": "b"}}) == "a"
    assert acr_of({"userinfo": {"acr": "b"}}) == ""
    assert acr_of({"id_token": {"acr": ["x"]}}) == ""


# --- Bokmål ---------------------------------------------------------------------------------------------------------


def test_the_new_pages_are_in_bokmal(client, oidc):
    client.cookies["django_language"] = "nb"
    html = feide_login(client, oidc, feide_claims("eva@ntnu.no", name="Eva Fjell")).content.decode()
    assert "Eller fortsett med Feide, og la en koordinator bekrefte" in html
    assert "Ikke på listen" in html and "Fortsett og la en koordinator bekrefte" in html
    assert "Velg institusjonen du hører til" in html
    client.post(CONTINUE_URL, {"institution": inst("bi").pk})
    page = client.get(reverse("home:my_page")).content.decode()
    assert "Din institusjon" in page and "Du logget inn med Feide fra «ntnu.no»" in page
    assert "er bedt om å bekrefte at du hører til der" in page
    assert "Fram til da kan du ikke bli tatt opp som likeperson" in page
    client.logout()
    client.force_login(coordinator_of("bi", language="nb"))
    client.cookies["django_language"] = "nb"
    admin = client.get(CLAIMS_URL).content.decode()
    for text in ("Institusjoner å bekrefte", "Foreslått institusjon", "Bekreft", "Avslå", "Venter", "Personer som"):
        assert text in admin, text
    response = confirm(client, InstitutionClaim.objects.get())
    assert "Bekreftet: Eva Fjell hører til" in client.get(response["Location"]).content.decode()


def test_erasing_a_person_forgets_their_claim(client, oidc, waiting):
    bi_claim, _ = waiting
    user_erase(user=bi_claim.user, actor=make("administrator"))
    assert not InstitutionClaim.objects.filter(pk=bi_claim.pk).exists()


def test_going_on_when_signup_is_closed_creates_nothing(client, oidc, monkeypatch):
    monkeypatch.setattr(SocialAccountAdapter, "is_open_for_signup", lambda self, request, sociallogin: False)
    response = go_on(client, oidc)
    assert response.status_code == 403
    assert not User.objects.filter(email="eva@ntnu.no").exists() and not InstitutionClaim.objects.exists()


def test_an_existing_account_never_goes_on_without_its_second_factor(client, oidc):
    """Going on only ever signs up a new identity: a staff member whose connected Feide realm became unknown is
    refused with no way on, and a POST to go on gives no session (the one-login-path rule)."""
    staff = UserFactory(email="coord@uio.no", role="Coordinators", with_totp=True)
    client.force_login(staff)
    feide_login(client, oidc, feide_claims("coord@uio.no"), process="connect")
    client.logout()
    Institution.objects.filter(slug="uio").update(is_active=False)
    response = feide_login(client, oidc, feide_claims("coord@uio.no"))
    assert response.status_code == 403 and CONTINUE_URL not in response.content.decode()
    assert client.post(CONTINUE_URL, {"institution": ""}).status_code == 400
    assert session_user_id(client) is None
    assert not InstitutionClaim.objects.exists()


@pytest.mark.parametrize("eppn", ["eva@" + "x" * 120 + ".no", "eva@not a realm", "eva@-bad.no", "eva@nodot"])
def test_a_realm_that_could_never_be_added_offers_no_way_on(client, oidc, eppn):
    response = feide_login(client, oidc, feide_claims(eppn, email="eva@example.org"))
    assert response.status_code == 403 and CONTINUE_URL not in response.content.decode()
    assert client.post(CONTINUE_URL, {"institution": ""}).status_code == 400
    assert not User.objects.filter(email="eva@example.org").exists()


def test_my_page_names_whom_to_ask_while_waiting(client, oidc):
    SiteSettingsFactory(contact_email="counsellors@example.org")
    go_on(client, oidc, institution="")
    page = client.get(reverse("home:my_page")).content.decode()
    assert "An administrator has been asked to confirm" in page
    assert 'href="mailto:counsellors@example.org"' in page
