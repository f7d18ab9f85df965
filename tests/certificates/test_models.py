from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_revoke

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db


def test_partial_unique_constraint_exists_in_the_database():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Certificate._meta.db_table)
    constraint = constraints["certificates_one_active_per_holder_course_kind"]
    assert constraint["unique"] and constraint["columns"] == ["holder_id", "course_id", "kind"]


def test_partial_unique_constraint_is_partial_in_the_database():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_get_indexdef(indexrelid) FROM pg_index JOIN pg_class c ON c.oid = indexrelid "
                "WHERE c.relname = 'certificates_one_active_per_holder_course_kind'"
            )
        else:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'certificates_one_active_per_holder_course_kind'"
            )
        definition = cursor.fetchone()[0]
    assert "WHERE" in definition.upper() and "valid" in definition and "suspended" in definition


def test_database_refuses_a_second_active_certificate(certificate):
    duplicate = Certificate(
        code="X" * 28,
        holder=certificate.holder,
        course=certificate.course,
        kind=certificate.kind,
        holder_name="Someone",
        achievement_title="Title",
        issuer_name="Issuer",
        status_list_index=1,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_revoked_certificate_frees_the_slot(certificate, administrator):
    certificate_revoke(certificate=certificate, actor=administrator, reason="Issued in error")
    again = CertificateFactory(holder=certificate.holder, course=certificate.course)
    assert again.pk != certificate.pk


def test_effective_status_is_expired_after_valid_until(certificate):
    certificate.valid_until = timezone.now() - timedelta(days=1)
    certificate.valid_from = timezone.now() - timedelta(days=10)
    assert certificate.effective_status() == "expired"


def test_localized_title_falls_back_to_english(certificate):
    certificate.achievement_title_nb = ""
    assert certificate.localized("achievement_title", "nb") == certificate.achievement_title


def test_pk_never_appears_in_the_public_url(certificate):
    assert f"/{certificate.pk}/" not in certificate.get_absolute_url()
    assert certificate.display_code in certificate.get_absolute_url()
