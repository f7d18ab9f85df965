"""Factories for certificates and their designs. Courses and enrolments come from tests/courses/factories.py (one
factory per model)."""

import factory

from certificates.models import Certificate, CertificateDesign, CertificateSignatory
from certificates.services import issue_course_certificate, issue_engagement_certificate
from tests.courses.factories import CourseFactory
from tests.lms.factories import UserFactory


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
        if kind == Certificate.Kind.ENGAGEMENT:
            return issue_engagement_certificate(holder=holder, evidence=evidence or sample_evidence(course), **kwargs)
        return issue_course_certificate(
            holder=holder, course=course, evidence=evidence or sample_evidence(course), **kwargs
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
