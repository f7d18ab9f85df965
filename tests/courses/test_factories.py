from courses.models import Enrollment
from tests.courses.factories import (
    CourseFactory,
    CoursePageFactory,
    EnrollmentFactory,
    ModulePageFactory,
    build_course,
    modules_of,
    training_index,
)


def test_course_factory_builds_a_course_with_certificate_text(db):
    course = CourseFactory()
    assert course.pk and course.certificate_title_nb


def test_enrollment_factory_builds_active_enrolment(db):
    assert EnrollmentFactory().status == Enrollment.Status.ACTIVE


def test_enrollment_factory_completed_trait_builds_a_completed_enrolment(db):
    enrollment = EnrollmentFactory(completed=True)
    assert enrollment.status == Enrollment.Status.COMPLETED and enrollment.completed_at > enrollment.enrolled_at


def test_page_factories_build_a_published_tree(db):
    index = training_index()
    course_page = CoursePageFactory(parent=index)
    module = ModulePageFactory(parent=course_page)
    assert module.live and module.get_parent().specific == course_page and course_page.course_id
    assert module.revisions.exists()


def test_build_course_builds_live_tree_with_modules(db):
    course_page = build_course(modules=3, quiz_on=(1,))
    assert [m.has_quiz for m in modules_of(course_page)] == [False, True, False]
