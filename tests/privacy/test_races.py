"""An erasure racing a certificate issue (PostgreSQL, threads): whichever wins, the state is consistent."""

import pytest

from certificates.models import Certificate
from certificates.services import CertificateError, issue_course_certificate
from lms.models import User
from lms.services import user_erase
from tests import races
from tests.certificates.factories import sample_evidence
from tests.courses.factories import CourseFactory
from tests.lms.factories import UserFactory

pytestmark = races.MARKS

ROUNDS = 6


@pytest.mark.parametrize("choice", ["withdraw", "keep"])
def test_erasure_racing_a_certificate_issue_leaves_a_consistent_state(choice):
    admin = UserFactory(role="Administrators")
    outcomes = set()
    for _ in range(ROUNDS):
        holder = UserFactory(role="Trainees")
        name = holder.full_name
        course = CourseFactory()

        def issue(holder=holder, course=course):
            try:
                return issue_course_certificate(holder=holder, course=course, evidence=sample_evidence()).pk
            except CertificateError:
                return "refused"

        def erase(holder=holder):
            user_erase(user=holder, actor=admin, certificate_choice=choice)
            return "erased"

        outcome = races.race([issue, erase])
        outcome.raise_errors()
        assert User.objects.get(pk=holder.pk).is_erased
        certificates = list(Certificate.objects.filter(holder=holder))
        if "refused" in outcome.results:  # the erasure came first: nothing was issued to the erased account
            assert certificates == []
            outcomes.add("erasure first")
            continue
        outcomes.add("issue first")
        (certificate,) = certificates  # issued before the erasure, then treated as the person chose
        if choice == "withdraw":
            assert certificate.status == Certificate.Status.WITHDRAWN and certificate.holder_name == ""
            assert certificate.credential_jwt == ""
        else:
            assert certificate.status == Certificate.Status.VALID and certificate.holder_name == name
    assert outcomes  # at least one ordering was seen (which one is up to the scheduler)
