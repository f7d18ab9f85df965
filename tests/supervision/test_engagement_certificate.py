import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import certificate_revoke
from certificates.signing import validate_credential
from supervision import services
from supervision.models import Attendance, EngagementPeriod, Rules

pytestmark = pytest.mark.django_db


def test_all_requirements_met(ready_period, rules):
    assert EngagementPeriod.objects.with_progress(rules).get(pk=ready_period.pk).requirements_met(rules)


def test_a_revoked_course_certificate_does_not_count(ready_period, course_certificate, rules, world):
    certificate_revoke(certificate=course_certificate, actor=world.administrator, reason="Issued in error")
    period = EngagementPeriod.objects.with_progress(rules).get(pk=ready_period.pk)
    assert {r.key: r.met for r in period.requirements(rules)}["course_certificate"] is False


def test_approval_issues_an_engagement_certificate_with_the_evidence(ready_period, world):
    certificate = services.engagement_approve(period=ready_period, actor=world.coordinator_a)
    assert (certificate.kind, certificate.evidence) == (
        "engagement",
        {
            "period": {"start": ready_period.starts_on.isoformat(), "end": ready_period.ends_on.isoformat()},
            "sessions_attended": 2,
            "hours": 5.0,
        },
    )


def test_engagement_certificate_refers_to_the_course_certificate(ready_period, course_certificate, world):
    certificate = services.engagement_approve(period=ready_period, actor=world.coordinator_a)
    assert certificate.related_certificate == course_certificate
    assert course_certificate.public_url() in str(certificate.credential)


def test_engagement_credential_validates_against_the_official_schema(ready_period, world):
    certificate = services.engagement_approve(period=ready_period, actor=world.coordinator_a)
    validate_credential(certificate.credential)


def test_approval_completes_the_period_and_is_idempotent(ready_period, world):
    first = services.engagement_approve(period=ready_period, actor=world.coordinator_a)
    second = services.engagement_approve(period=ready_period, actor=world.coordinator_a)
    ready_period.refresh_from_db()
    assert (first.pk, ready_period.status, ready_period.certificate_id) == (second.pk, "completed", first.pk)


def test_approval_refused_when_a_requirement_is_missing(ready_period, world):
    Attendance.objects.filter(supporter=world.s1).first().delete()
    with pytest.raises(ValidationError):
        services.engagement_approve(period=ready_period, actor=world.coordinator_a)
    assert not Certificate.objects.filter(kind="engagement").exists()


def test_coordinator_approves_through_the_admin(client, ready_period, world):
    client.force_login(world.coordinator_a)
    client.post(reverse("supervision_admin:engagement_approve", args=[ready_period.pk]))
    assert Certificate.objects.filter(kind="engagement", holder=world.s1).count() == 1


def test_coordinator_of_another_institution_gets_404(client, ready_period, world):
    client.force_login(world.coordinator_b)
    response = client.post(reverse("supervision_admin:engagement_approve", args=[ready_period.pk]))
    assert response.status_code == 404


def test_advisor_may_not_approve(client, ready_period, world):
    """Wagtail answers PermissionDenied in the admin with a redirect to the dashboard and an error message."""
    client.force_login(world.advisor_a)
    response = client.post(reverse("supervision_admin:engagement_approve", args=[ready_period.pk]))
    assert (response.status_code, response.url, Certificate.objects.filter(kind="engagement").count()) == (
        302,
        reverse("wagtailadmin_home"),
        0,
    )


def test_rules_without_course_certificate_skip_that_requirement(ready_period):
    keys = [r.key for r in ready_period.requirements(Rules(2, 5, False))]
    assert "course_certificate" not in keys
