"""The bulk-enrolment service decides whose people its actor may enrol (decision 0185), not the view."""

import pytest
from django.core.exceptions import PermissionDenied

from courses import services
from courses.models import Enrollment
from courses.models.progress import enrolment_institution
from tests.lms.factories import InstitutionFactory, UserFactory

from .factories import build_course

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["Trainees", "Advisors", "Counsellors"])
def test_roles_that_do_not_enrol_others_are_refused_and_nothing_is_saved(role):
    course = build_course(modules=1).course
    target = UserFactory(email="target@example.org")
    with pytest.raises(PermissionDenied):
        services.enrollment_create_bulk(actor=UserFactory(role=role), course=course, emails=[target.email])
    assert not Enrollment.objects.exists()


def test_a_coordinator_without_an_institution_is_refused(coordinator):
    coordinator.institution = None
    coordinator.save()
    with pytest.raises(PermissionDenied):
        enrolment_institution(coordinator)


def test_an_administrator_enrols_anyone():
    course = build_course(modules=1).course
    elsewhere = UserFactory(institution=InstitutionFactory(), email="elsewhere@example.org")
    report = services.enrollment_create_bulk(
        actor=UserFactory(role="Administrators"), course=course, emails=[elsewhere.email]
    )
    assert report.enrolled == [elsewhere.email]
