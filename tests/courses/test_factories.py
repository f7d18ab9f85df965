from courses.models import Enrollment
from tests.courses.factories import CourseFactory, EnrollmentFactory, build_course, modules_of


def test_course_factory_builds(db):
    assert CourseFactory().pk


def test_enrollment_factory_builds_active_enrolment(db):
    assert EnrollmentFactory().status == Enrollment.Status.ACTIVE


def test_build_course_builds_live_tree_with_modules(db):
    course_page = build_course(modules=3, quiz_on=(1,))
    assert [m.has_quiz for m in modules_of(course_page)] == [False, True, False]
