"""A course's title in the recipient's language where emails and certificates name it (issue 13, item 5): a course
without a certificate title of its own gives its certificate the page's Bokmål title too."""

import pytest
from django.core import mail
from django.utils import timezone

from certificates.models import Certificate
from certificates.reconcile import certificates_reconcile
from courses.models import Enrollment
from tests.courses.factories import CoursePageFactory
from tests.lms.factories import UserFactory

pytestmark = pytest.mark.django_db


def translated_course(**fields):
    page = CoursePageFactory(title="Active listening", **fields)
    page.title_nb = "Aktiv lytting"
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_the_certificate_title_follows_the_course_title_in_both_languages():
    course = translated_course().course
    course.refresh_from_db()
    assert (course.certificate_title, course.certificate_title_nb) == ("Active listening", "Aktiv lytting")


def test_a_translation_added_later_reaches_the_certificate_title():
    page = CoursePageFactory(title="Listening again")
    page.course.refresh_from_db()
    assert page.course.certificate_title_nb == ""
    page.title_nb = "Lytting igjen"
    page.save_revision().publish()
    page.course.refresh_from_db()
    assert page.course.certificate_title_nb == "Lytting igjen"


def test_an_english_only_certificate_title_gets_no_mismatched_bokmal_title():
    course = translated_course(certificate_title="Certified listener").course
    course.refresh_from_db()
    assert (course.certificate_title, course.certificate_title_nb) == ("Certified listener", "")


@pytest.mark.parametrize(("language", "title"), [("nb", "Aktiv lytting"), ("en", "Active listening")])
def test_the_certificate_email_names_the_course_in_the_recipients_language(language, title):
    course = translated_course().course
    user = UserFactory(role="Trainees", language=language)
    Enrollment.objects.create(user=user, course=course, status=Enrollment.Status.COMPLETED, completed_at=timezone.now())
    certificates_reconcile()
    assert Certificate.objects.filter(holder=user, course=course).exists()
    [message] = mail.outbox
    assert title in message.subject and title in message.body
    other = "Active listening" if language == "nb" else "Aktiv lytting"
    assert other not in message.subject
