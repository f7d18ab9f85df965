import pytest
from allauth.mfa.models import Authenticator
from django.db import IntegrityError

from lms.models import AuditEvent, User
from tests.lms.factories import InstitutionFactory, UserFactory


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


@pytest.mark.django_db
def test_factories_build():
    institution = InstitutionFactory()
    user = UserFactory(role="Advisors", with_totp=True, institution=institution)
    assert user.institution == institution
    assert user.has_role("Advisors") and user.is_staff_role
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert user.emailaddress_set.get().verified


@pytest.mark.django_db
def test_role_names_cost_one_query(django_assert_num_queries):
    user = User.objects.get(pk=UserFactory(role="Trainees").pk)
    with django_assert_num_queries(1):
        assert user.role_names == {"Trainees"}
        assert user.has_role("Trainees")
        assert not user.is_staff_role
