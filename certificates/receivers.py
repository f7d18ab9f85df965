"""Listens to the training app's `course_completed` event and issues the course certificate (idempotent)."""

from __future__ import annotations

import logging

from django.dispatch import receiver

from courses.signals import course_completed

from .models import Certificate
from .services import certificate_issue

logger = logging.getLogger(__name__)


@receiver(course_completed, dispatch_uid="certificates.issue_on_course_completed")
def issue_course_certificate(sender, *, enrollment, user, course, **kwargs):
    if course.refresher_for_id:  # a refresher renews the other course's certificate (certificates.lifecycle)
        return None
    certificate = certificate_issue(
        holder=user,
        kind=Certificate.Kind.COURSE,
        course=course,
        evidence=enrollment.evidence(),
    )
    logger.info("Course certificate %s for enrolment %s", certificate.pk, enrollment.pk)
    return certificate
