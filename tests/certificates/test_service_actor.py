"""Certificate services check their actor themselves (issue 19): a view that forgot its check still could not let
the wrong person suspend, revoke, withdraw, correct, renew or issue by hand. The system (actor None) may; a person
must hold the action's permission and manage the holder (administrators: everyone; coordinators: their own
institution's people). A refusal changes nothing: no status, no event, no audit entry, no certificate."""

import pytest
from django.core.exceptions import PermissionDenied

from certificates.models import Certificate, CertificateEvent
from certificates.services import (
    certificate_correct,
    certificate_renew,
    certificate_revoke,
    certificate_suspend,
    certificate_unsuspend,
    certificate_withdraw,
    issue_course_certificate,
)
from lms.models import AuditEvent
from tests.courses.factories import CourseFactory
from tests.lms.factories import InstitutionFactory, UserFactory

from .factories import CertificateFactory, sample_evidence

pytestmark = pytest.mark.django_db


def suspend(certificate, actor):
    return certificate_suspend(certificate=certificate, actor=actor, reason="Checked")


def unsuspend(certificate, actor):
    return certificate_unsuspend(certificate=certificate, actor=actor, reason="Checked")


def revoke(certificate, actor):
    return certificate_revoke(certificate=certificate, actor=actor, reason="Checked")


def withdraw(certificate, actor):
    return certificate_withdraw(certificate=certificate, actor=actor, reason="Checked")


def correct(certificate, actor):
    return certificate_correct(certificate=certificate, holder_name="Corrected Name", actor=actor, reason="Typo")


def renew(certificate, actor):
    return certificate_renew(certificate=certificate, actor=actor, reason="Refresher")


CHANGES = {
    "suspend": suspend,
    "unsuspend": unsuspend,
    "revoke": revoke,
    "withdraw": withdraw,
    "correct": correct,
    "renew": renew,
}


def people(institution):
    """Everyone who may not act on a certificate of a holder at `institution`."""
    other = InstitutionFactory()
    return {
        "coordinator of another institution": UserFactory(role="Coordinators", institution=other),
        "coordinator without an institution": UserFactory(role="Coordinators"),
        "advisor of the same institution": UserFactory(role="Advisors", institution=institution),
        "counsellor": UserFactory(role="Counsellors", institution=institution),
        "trainee of the same institution": UserFactory(role="Trainees", institution=institution),
    }


@pytest.fixture
def holder(institution):
    return UserFactory(role="Trainees", institution=institution)


@pytest.fixture(params=CHANGES)
def change(request):
    return request.param


@pytest.fixture
def held(holder, change):
    """A certificate the change applies to (suspended by the system first, for unsuspend)."""
    certificate = CertificateFactory(holder=holder, course=CourseFactory(certificate_valid_years=3))
    if change == "unsuspend":
        certificate = certificate_suspend(certificate=certificate, actor=None, reason="Suspended by the system")
    return certificate


def snapshot(certificate):
    certificate.refresh_from_db()
    return (
        certificate.status,
        certificate.holder_name,
        certificate.valid_until,
        certificate.credential_jwt,
        CertificateEvent.objects.filter(certificate=certificate).count(),
        AuditEvent.objects.count(),
    )


def test_nobody_but_the_holders_managers_may_change_a_certificate(held, institution, change):
    refused = people(institution)
    before = snapshot(held)
    for who, person in refused.items():
        with pytest.raises(PermissionDenied):
            CHANGES[change](held, person)
        assert snapshot(held) == before, who


def test_the_holder_may_not_change_their_own_certificate(held, holder, change):
    with pytest.raises(PermissionDenied):
        CHANGES[change](held, holder)


def test_the_coordinator_of_the_holders_institution_may(held, coordinator, change):
    changed = CHANGES[change](held, coordinator)
    assert CertificateEvent.objects.filter(certificate=changed, actor=coordinator).exists()


def test_an_administrator_may_for_anyone(held, administrator, change):
    changed = CHANGES[change](held, administrator)
    assert CertificateEvent.objects.filter(certificate=changed, actor=administrator).exists()


def test_the_system_may(held, change):
    CHANGES[change](held, None)


def test_a_coordinator_who_lost_the_role_may_not(held, coordinator, change):
    coordinator.groups.clear()
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)  # drop the cached permissions
    before = snapshot(held)
    with pytest.raises(PermissionDenied):
        CHANGES[change](held, coordinator)
    assert snapshot(held) == before


def manual(holder, course, actor):
    return issue_course_certificate(
        holder=holder, course=course, evidence=sample_evidence(course), issued_by=actor, reason="Completed on paper"
    )


def test_issuing_by_hand_is_refused_for_anyone_who_does_not_manage_the_holder(holder, institution):
    course, refused = CourseFactory(), people(institution)
    audited = AuditEvent.objects.count()
    for who, person in refused.items():
        with pytest.raises(PermissionDenied):
            manual(holder, course, person)
        assert not Certificate.objects.filter(holder=holder).exists(), who
    assert AuditEvent.objects.count() == audited


def test_issuing_by_hand_is_allowed_for_the_holders_coordinator_and_an_administrator(
    holder, coordinator, administrator
):
    first = manual(holder, CourseFactory(), coordinator)
    second = manual(holder, CourseFactory(), administrator)
    assert (first.issued_by, first.issue_method) == (coordinator, Certificate.Method.MANUAL)
    assert (second.issued_by, second.issue_method) == (administrator, Certificate.Method.MANUAL)


def test_automatic_issue_has_no_actor_to_check(holder):
    certificate = issue_course_certificate(holder=holder, course=CourseFactory(), evidence=sample_evidence())
    assert certificate.issue_method == Certificate.Method.AUTOMATIC
