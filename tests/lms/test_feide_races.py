"""Two first Feide logins of the same person at once (double click, two tabs): one account, no crash."""

from allauth.socialaccount.models import SocialAccount
from django.test import Client

from lms.models import User
from tests import races
from tests.lms.feide_helpers import authorize, oidc, oidc_server, start
from tests.lms.oidc_provider import feide_claims

__all__ = ["oidc", "oidc_server"]  # fixtures

pytestmark = races.MARKS


def test_simultaneous_first_logins_make_one_account(oidc):
    oidc.next_claims = feide_claims("kari@uio.no")
    flows = []
    for _ in range(6):
        client = Client(raise_request_exception=False)
        flows.append((client, authorize(start(client))))

    def finish(client, callback):
        return lambda: client.get(callback).status_code

    outcome = races.race([finish(client, callback) for client, callback in flows])
    outcome.raise_errors()
    assert User.objects.filter(email="kari@uio.no").count() == 1
    assert SocialAccount.objects.filter(provider="feide").count() == 1
    assert sorted(set(outcome.results)) in ([302], [302, 409]), outcome.results
