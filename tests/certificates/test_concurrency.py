from certificates.models import Certificate
from certificates.services import issue_course_certificate
from tests import races
from tests.courses.factories import CourseFactory
from tests.lms.factories import UserFactory

from .factories import sample_evidence

pytestmark = races.MARKS

THREADS = 50


def test_50_concurrent_issues_give_one_certificate_and_every_caller_gets_it():
    holder = UserFactory(role="Trainees")
    course = CourseFactory()

    def issue():
        return issue_course_certificate(holder=holder, course=course, evidence=sample_evidence()).pk

    outcome = races.race(issue, threads=THREADS)
    outcome.raise_errors()
    assert Certificate.objects.filter(holder=holder, course=course).count() == 1
    assert set(outcome.results) == {Certificate.objects.get(holder=holder).pk} and len(outcome.results) == THREADS
