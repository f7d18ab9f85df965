"""Two staff deciding the same Feide institution claim at once: exactly one decision, one audit event, no crash."""

import pytest

from lms.feide import pending
from lms.models import AuditEvent, Institution, InstitutionClaim
from tests import races
from tests.lms.factories import UserFactory

pytestmark = races.MARKS


def _claim_and_deciders(n):
    bi = Institution.objects.get(slug="bi")
    person = UserFactory(email="eva@ntnu.no")
    claim = InstitutionClaim.objects.create(user=person, realm="ntnu.no", proposed_institution=bi)
    deciders = [UserFactory(role="Coordinators", institution=bi) for _ in range(n - 1)]
    deciders.append(UserFactory(role="Administrators"))
    return claim, deciders


def _decide(action, claim_pk, actor):
    def run():
        try:
            if action == "confirm":
                pending.claim_confirm(claim_pk=claim_pk, actor=actor)
            else:
                pending.claim_refuse(claim_pk=claim_pk, actor=actor)
        except pending.ClaimError as error:
            return error.code
        return action

    return run


@pytest.mark.parametrize("mix", ["all_confirm", "confirm_and_refuse"])
def test_simultaneous_decisions_apply_once(mix):
    claim, deciders = _claim_and_deciders(6)
    actions = ["confirm"] * 6 if mix == "all_confirm" else ["confirm", "refuse"] * 3
    outcome = races.race([_decide(a, claim.pk, actor) for a, actor in zip(actions, deciders, strict=True)])
    outcome.raise_errors()
    decided = [result for result in outcome.results if result in ("confirm", "refuse")]
    assert len(decided) == 1, outcome.results
    assert outcome.results.count("decided") == 5, outcome.results
    claim.refresh_from_db()
    assert claim.state == {"confirm": "confirmed", "refuse": "refused"}[decided[0]]
    events = AuditEvent.objects.filter(action__in=["feide.claim.confirmed", "feide.claim.refused"])
    assert events.count() == 1
    claim.user.refresh_from_db()
    assert (claim.user.institution is not None) is (decided[0] == "confirm")
