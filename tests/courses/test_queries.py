"""Query counts stay flat with data size: My page panel, course page, module page, progress report.

The large data sets are built once per class (Django's setUpTestData), not once per test.
"""

import io

import openpyxl
from django.db import connection
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Enrollment, ModuleCompletion, QuizAttempt
from home.panels import get_my_page_panels
from lms.models import User
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


class TraineePagesQueryCounts(TestCase):
    """My training panel, course page and module page at 6 and at 60 modules. The two courses are built once for
    the class (setUpTestData, rolled back after it); each test runs in its own savepoint."""

    @classmethod
    def setUpTestData(cls):
        cls.sizes = {}
        for size in (6, 60):
            trainee = UserFactory(role="Trainees")
            cls.sizes[size] = (trainee, course_with_progress(trainee, size))

    def counts(self, fetch) -> list[int]:
        counts = []
        for trainee, course in self.sizes.values():
            self.client.force_login(trainee)
            counts.append(count_queries(lambda trainee=trainee, course=course: fetch(trainee, course)))
        return counts

    def test_my_training_panel_is_flat_from_6_to_60_modules(self):
        rf = RequestFactory()

        def panel(trainee, course):
            request = rf.get("/my/")
            request.user = trainee
            return [p.render(request) for p in get_my_page_panels(request)]

        counts = self.counts(panel)
        assert counts[0] == counts[1], counts

    def test_course_page_is_flat_from_6_to_60_modules(self):
        counts = self.counts(lambda trainee, course: self.client.get(course.url))
        assert counts[0] == counts[1], counts

    def test_module_page_is_flat_from_6_to_60_modules(self):
        counts = self.counts(lambda trainee, course: self.client.get(modules_of(course)[-1].url))
        assert counts[0] == counts[1], counts


class TraineePagesQueryCountsInBokmal(TraineePagesQueryCounts):
    """The same pages read in Bokmål with every page translated (docs/decisions/0100): still flat, and no more
    queries than in English (the translations are columns of the same rows)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from courses.models import CoursePage, ModulePage, TrainingIndexPage

        ModulePage.objects.update(title_nb="Modul", summary_nb="Sammendrag på bokmål.")
        CoursePage.objects.update(title_nb="Kurs", introduction_nb="<p>Innledning.</p>")
        TrainingIndexPage.objects.update(title_nb="Opplæring")

    def counts(self, fetch) -> list[int]:
        from django.conf import settings

        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
        return super().counts(fetch)

    def test_bokmal_costs_no_more_queries_than_english(self):
        from django.conf import settings

        trainee, course = self.sizes[60]
        self.client.force_login(trainee)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
        url = modules_of(course)[-1].url
        bokmal = count_queries(lambda: self.client.get(url))
        html = self.client.get(url).content.decode()
        assert "Modul" in html and "Sammendrag på bokmål." in html
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        assert count_queries(lambda: self.client.get(url)) == bokmal


def make_trainees(course, modules, n):
    """`n` trainees enrolled in `course`, each with 6 modules done and a passed quiz: bulk inserts throughout."""
    users = User.objects.bulk_create(UserFactory.build_batch(n))
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


class ProgressReportQueryCounts(TestCase):
    """The progress report for a course with 10 trainees and for one with 2,000 (12 modules each), built once for
    the class and filtered by course, as page and as CSV."""

    @classmethod
    def setUpTestData(cls):
        cls.administrator = UserFactory(role="Administrators", with_totp=True)
        cls.courses = {}
        for size in (10, 2000):
            course = build_course(modules=12)
            make_trainees(course, modules_of(course), size)
            cls.courses[size] = course

    def report_queries(self, export) -> tuple[list[str], list[str]]:
        self.client.force_login(self.administrator)
        url = reverse("courses_admin:progress")
        captured = []
        for course in self.courses.values():
            params = {"course": course.course.pk, **({"export": export} if export else {})}

            def fetch(params=params):
                response = self.client.get(url, params)
                if export:
                    b"".join(response.streaming_content)
                assert response.status_code == 200

            captured.append(capture(fetch))
        return captured[0], captured[1]

    def assert_flat(self, small, large):
        # The whole request (session, user, MFA check, Wagtail admin chrome included) is flat; the report's own
        # queries (count, filter choices, the annotated rows) stay within 10.
        report = [sql for sql in large if "courses_" in sql or "lms_institution" in sql]
        assert len(small) == len(large) and len(report) <= 10, (len(small), len(large), len(report))

    def test_progress_report_is_flat_from_10_to_2000_trainees(self):
        self.assert_flat(*self.report_queries(export=None))

    def test_progress_report_csv_is_flat_from_10_to_2000_trainees(self):
        small, large = self.report_queries(export="csv")
        self.assert_flat(small, large)
        response = self.client.get(
            reverse("courses_admin:progress"), {"course": self.courses[2000].course.pk, "export": "csv"}
        )
        rows = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
        assert len(rows) == 2001  # the heading and every trainee: the flat count is not an empty report

    def test_progress_report_xlsx_is_flat_from_10_to_2000_trainees(self):
        small, large = self.report_queries(export="xlsx")
        self.assert_flat(small, large)
        response = self.client.get(
            reverse("courses_admin:progress"), {"course": self.courses[2000].course.pk, "export": "xlsx"}
        )
        sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
        assert sum(1 for _row in sheet.iter_rows()) == 2001
