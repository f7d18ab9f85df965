import pytest
from django.db import IntegrityError

from lms.models import AuditEvent, User
from tests.lms.factories import UserFactory


@pytest.mark.django_db
def test_email_is_unique_whatever_its_case():
    UserFactory(email="Someone@Example.org")
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="someone@EXAMPLE.org", full_name="Another", password="x" * 12)


@pytest.mark.django_db
def test_audit_events_cannot_be_changed_or_deleted():
    event = AuditEvent.objects.create(action="test")
    event.action = "changed"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.update(action="x")
