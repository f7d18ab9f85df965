"""Listens to the training app's `course_completed` event and issues the course certificate (idempotent)."""

from __future__ import annotations

import logging

from django.dispatch import receiver

from courses.signals import course_completed

from .services import issue_course_certificate

logger = logging.getLogger(__name__)


@receiver(course_completed, dispatch_uid="certificates.issue_on_course_completed")
def issue_on_course_completed(sender, *, enrollment, user, course, **kwargs):
    if course.refresher_for_id:  # a refresher renews the other course's certificate (certificates.lifecycle)
        return None
    certificate = issue_course_certificate(holder=user, course=course, evidence=enrollment.evidence())
    logger.info("Course certificate %s for enrolment %s", certificate.pk, enrollment.pk)
    return certificate
