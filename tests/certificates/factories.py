"""Factories for the certificates tests. Courses and enrolments are built from the courses contract models directly
(the courses app's own factories may not exist yet on this branch)."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from certificates.models import Certificate, CertificateDesign, CertificateSignatory
from certificates.services import certificate_issue
from courses.models import Course, Enrollment
from tests.lms.factories import UserFactory


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Peer Supporter Training {n}")
    slug = factory.Sequence(lambda n: f"peer-supporter-training-{n}")
    estimated_hours = Decimal("12.0")
    certificate_title = factory.LazyAttribute(lambda o: f"Certified Peer Supporter ({o.title})")
    certificate_title_nb = factory.LazyAttribute(lambda o: f"Sertifisert likeperson ({o.title})")
    certificate_description = "Completed the training for student peer supporters."
    certificate_description_nb = "Har fullført opplæringen for likepersoner."
    certificate_criteria = "Every required module completed and every quiz passed."
    certificate_criteria_nb = "Alle obligatoriske moduler fullført og alle quizer bestått."
    certificate_valid_years = 3


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    user = factory.SubFactory(UserFactory, role="Trainees")
    course = factory.SubFactory(CourseFactory)
    status = Enrollment.Status.COMPLETED
    enrolled_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    completed_at = factory.LazyFunction(timezone.now)


def sample_evidence(course=None) -> dict:
    return {
        "course": course.title if course else "Training",
        "enrolled_at": "2026-09-01",
        "completed_at": "2026-10-15",
        "hours": 12.5,
        "modules": [
            {"title": "The role of a peer supporter", "completed_at": "2026-09-05", "minutes": 90},
            {"title": "Active listening", "completed_at": "2026-09-12", "minutes": 120},
        ],
    }


class CertificateFactory(factory.Factory):
    """Issues through the real service (snapshots, code, status index, signed credential)."""

    class Meta:
        model = Certificate

    holder = factory.SubFactory(UserFactory, role="Trainees")
    course = factory.SubFactory(CourseFactory)
    kind = Certificate.Kind.COURSE

    @classmethod
    def _create(cls, model_class, *, holder, course, kind, evidence=None, **kwargs):
        return certificate_issue(
            holder=holder, kind=kind, course=course, evidence=evidence or sample_evidence(course), **kwargs
        )

    _build = _create


class CertificateDesignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificateDesign
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Design {n}")
    is_active = True
    heading = "Certificate of Completion"
    heading_nb = "Kursbevis"

    @factory.post_generation
    def signatories(self, create, extracted, **kwargs):
        if not create:
            return
        for index, (name, title) in enumerate(extracted or [("Ingrid Haugen", "Programme Lead")]):
            CertificateSignatory.objects.create(design=self, sort_order=index, name=name, title=title)
