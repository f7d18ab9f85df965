"""Demo certificates: a valid course certificate for the demo supporter and one revoked certificate.

Idempotent. If the training demo has completed the course for the supporter, the course_completed receiver has
issued the certificate already and this finds it; otherwise it is issued here from the training demo's course, or
from a small demo course of our own when the training app has none.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from courses.models import Course, Enrollment
from lms.models import User

from .models import Certificate, CertificateDesign, CertificateSignatory
from .services import certificate_revoke, issue_course_certificate

DEMO_COURSE_SLUG = "demo-certificate-course"
REVOKED_EMAIL = "former.supporter@example.org"


def _design():
    design = CertificateDesign.objects.filter(is_active=True).first()
    if design is None:
        design = CertificateDesign.objects.create(
            name="Peer Support Network – standard",
            is_active=True,
            footer="Peer Support Network Oslo · a programme of the student welfare organisations and institutions",
            footer_nb="Likepersonsnettverket i Oslo · et program i regi av studentsamskipnadene og lærestedene",
        )
        CertificateSignatory.objects.create(
            design=design, sort_order=0, name="Ingrid Haugen", title="Programme Lead", title_nb="Programleder"
        )
        CertificateSignatory.objects.create(
            design=design, sort_order=1, name="Jonas Berg", title="Lead Counsellor", title_nb="Ledende rådgiver"
        )
    return design


def _course():
    course = Course.objects.exclude(slug=DEMO_COURSE_SLUG).order_by("created_at").first()
    if course is not None:
        return course
    course, _ = Course.objects.get_or_create(
        slug=DEMO_COURSE_SLUG,
        defaults={
            "title": "Peer Supporter Training (certificate demo)",
            "estimated_hours": Decimal("14.0"),
            "certificate_title": "Certified Peer Supporter",
            "certificate_title_nb": "Sertifisert likeperson",
            "certificate_description": (
                "Completed the Peer Support Network's training for student peer supporters: the role and its limits, "
                "active listening, empathy, confidentiality and the duty to report, referral, group work and self-care."
            ),
            "certificate_description_nb": (
                "Har fullført Likepersonsnettverkets opplæring for studenter som er likepersoner: rollen og grensene "
                "for den, aktiv lytting, empati, taushetsplikt og avvergeplikt, henvisning, gruppearbeid og egenomsorg."
            ),
            "certificate_criteria": "Completed every required module and passed each module quiz.",
            "certificate_criteria_nb": "Har fullført alle obligatoriske moduler og bestått quizen i hver modul.",
            "certificate_valid_years": 3,
        },
    )
    return course


def _evidence(user, course) -> dict:
    enrollment = Enrollment.objects.filter(user=user, course=course).first()
    if enrollment is not None and enrollment.status == Enrollment.Status.COMPLETED:
        return enrollment.evidence()
    done = timezone.localdate() - timedelta(days=14)
    return {
        "course": course.title,
        "enrolled_at": (done - timedelta(days=30)).isoformat(),
        "completed_at": done.isoformat(),
        "hours": float(course.estimated_hours or 0),
        "modules": [],
    }


def seed(context) -> None:
    _design()
    course = _course()
    supporter = User.objects.filter(email="supporter@example.org").first()
    if supporter is None:
        context.log("certificates: no demo supporter; skipped", level=1)
        return
    valid = issue_course_certificate(holder=supporter, course=course, evidence=_evidence(supporter, course))
    former, created = User.objects.get_or_create(
        email=REVOKED_EMAIL,
        defaults={"full_name": "Per Olsen", "institution": supporter.institution, "language": "nb"},
    )
    if created:
        former.set_unusable_password()
        former.save()
    revoked = Certificate.objects.filter(holder=former, course=course, status=Certificate.Status.REVOKED).first()
    if revoked is None:
        revoked = issue_course_certificate(holder=former, course=course, evidence=_evidence(former, course))
        if revoked.status != Certificate.Status.REVOKED:
            admin = User.objects.filter(email="admin@example.org").first()
            revoked = certificate_revoke(
                certificate=revoked,
                actor=admin,
                reason="Issued in error: the final module was not completed. (Demo)",
            )
    context.add_url("Valid certificate", valid.public_url())
    context.add_url("Revoked certificate", revoked.public_url())
