"""Query counts stay flat with data size: My page panel, course page, module page, progress report."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Enrollment, ModuleCompletion, QuizAttempt
from home.panels import get_my_page_panels
from tests.courses.factories import build_course, enrol, modules_of
from tests.lms.factories import UserFactory


def capture(fn) -> list[str]:
    fn()  # warm the caches (site root paths) so that both sizes are measured alike
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return [query["sql"] for query in ctx.captured_queries]


def count_queries(fn) -> int:
    return len(capture(fn))


def course_with_progress(trainee, modules):
    course = build_course(modules=modules, modules_unlock_in_order=False)
    enrollment = enrol(trainee, course)
    for module in modules_of(course)[: modules // 2]:
        ModuleCompletion.objects.create(enrollment=enrollment, module=module, module_title=module.title)
    return course


@pytest.mark.parametrize("kind", ["panel", "course", "module"])
def test_queries_are_flat_from_6_to_60_modules(client, rf, db, kind):
    counts = []
    for size in (6, 60):
        trainee = UserFactory(role="Trainees")
        course = course_with_progress(trainee, size)
        client.force_login(trainee)
        if kind == "panel":
            request = rf.get("/my/")
            request.user = trainee
            counts.append(
                count_queries(lambda request=request: [p.render(request) for p in get_my_page_panels(request)])
            )
        elif kind == "course":
            counts.append(count_queries(lambda course=course: client.get(course.url)))
        else:
            module = modules_of(course)[-1]
            counts.append(count_queries(lambda module=module: client.get(module.url)))
    assert counts[0] == counts[1], counts


def make_trainees(course, modules, n):
    users = UserFactory.create_batch(n, verified_email=False)
    enrollments = Enrollment.objects.bulk_create([Enrollment(user=u, course=course.course) for u in users])
    completions = []
    attempts = []
    for enrollment in enrollments:
        for module in modules[:6]:
            completions.append(ModuleCompletion(enrollment=enrollment, module=module, module_title=module.title))
        attempts.append(
            QuizAttempt(
                user=enrollment.user,
                enrollment=enrollment,
                module=modules[0],
                attempt_number=1,
                pass_mark=80,
                score=100,
                passed=True,
                status="submitted",
            )
        )
    ModuleCompletion.objects.bulk_create(completions)
    QuizAttempt.objects.bulk_create(attempts)


@pytest.mark.parametrize("export", [None, "csv"])
def test_progress_report_is_flat_from_10_to_2000_trainees(client, db, administrator, export):
    course = build_course(modules=12)
    modules = modules_of(course)
    client.force_login(administrator)
    url = reverse("courses_admin:progress")
    params = {"export": export} if export else {}

    def fetch():
        response = client.get(url, params)
        if export:
            b"".join(response.streaming_content)
        assert response.status_code == 200

    make_trainees(course, modules, 10)
    small = capture(fetch)
    make_trainees(course, modules, 1990)
    large = capture(fetch)
    # The whole request (session, user, MFA check, Wagtail admin chrome included) is flat; the report's own
    # queries (count, filter choices, the annotated rows) stay within 10.
    report = [sql for sql in large if "courses_" in sql or "lms_institution" in sql]
    assert len(small) == len(large) and len(report) <= 10, (len(small), len(large), len(report))
