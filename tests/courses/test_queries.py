"""Query counts stay flat with data size: every trainee page (My page, course, module, quiz start, quiz result) at
6 and 60 modules and at 1 and 1,000 quiz attempts, within TRAINEE_PAGE_QUERY_BUDGET; the progress report.

The large data sets are built once per class (Django's setUpTestData), not once per test.
"""

import io
import time
from datetime import timedelta

import openpyxl
from django.conf import settings
from django.db import connection
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from courses import services
from courses.models import CoursePage, Enrollment, ModuleCompletion, ModulePage, QuizAttempt, TrainingIndexPage
from courses.views import ATTEMPTS_SHOWN
from home.panels import get_my_page_panels
from lms.models import User
from recruitment.models import Application
from supervision.models import EngagementPeriod, Session
from tests.certificates.factories import CertificateFactory
from tests.courses.factories import add_attempts, build_course, enrol, modules_of, wrong_answers
from tests.lms.factories import InstitutionFactory, UserFactory
from tests.recruitment.factories import ApplicationFactory
from tests.supervision.factories import (
    ActivityLogFactory,
    AdvisorAssignmentFactory,
    AttendanceFactory,
    EngagementPeriodFactory,
    GroupMembershipFactory,
    OneToOneSessionFactory,
    SessionFactory,
)

# Issue 18: a warm trainee page costs at most this many SQL statements, the session, the user and the role lookup
# included (the same count benchmarks/run.py reports).
TRAINEE_PAGE_QUERY_BUDGET = 12


def capture(fn) -> list[str]:
    fn()  # warm the caches (site root paths) so that both sizes are measured alike
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return [query["sql"] for query in ctx.captured_queries]


def count_queries(fn) -> int:
    return len(capture(fn))


def course_with_progress(trainee, modules):
    """A course of `modules` modules (the last with a quiz) with half of them done and one quiz attempt submitted."""
    course = build_course(modules=modules, quiz_on=(modules - 1,), modules_unlock_in_order=False)
    enrollment = enrol(trainee, course)
    for module in modules_of(course)[: modules // 2]:
        ModuleCompletion.objects.create(enrollment=enrollment, module=module, module_title=module.title)
    quiz_module = modules_of(course)[-1]
    attempt = services.quiz_attempt_start(enrollment=enrollment, module=quiz_module)
    services.quiz_attempt_submit(attempt=attempt, answers=wrong_answers(attempt))
    return course


def trainee_urls(course) -> dict[str, str]:
    """The five trainee pages of `course` for the trainee who has its latest attempt."""
    quiz_module = modules_of(course)[-1]
    attempt = QuizAttempt.objects.filter(module_id=quiz_module.pk).order_by("-attempt_number").first()
    return {
        "my page": reverse("home:my_page"),
        "course": course.url,
        "module": modules_of(course)[0].url,
        "quiz module": quiz_module.url,
        "quiz start": quiz_module.url + "quiz/",
        "quiz result": quiz_module.url + f"quiz/{attempt.public_id}/result/",
    }


TRAINEE_PAGES = ["my page", "course", "module", "quiz module", "quiz start", "quiz result"]


class TraineePagesQueryCounts(TestCase):
    """Every trainee page at 6 and at 60 modules. The two courses are built once for the class (setUpTestData,
    rolled back after it); each test runs in its own savepoint."""

    @classmethod
    def setUpTestData(cls):
        cls.sizes = {}
        cls.urls = {}
        for size in (6, 60):
            trainee = UserFactory(role="Trainees")
            cls.sizes[size] = (trainee, course_with_progress(trainee, size))
            cls.urls[size] = trainee_urls(cls.sizes[size][1])

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

    def test_every_trainee_page_is_flat_from_6_to_60_modules_and_within_budget(self):
        for page in TRAINEE_PAGES:
            counts = []
            for size, (trainee, _course) in self.sizes.items():
                self.client.force_login(trainee)
                url = self.urls[size][page]

                def fetch(url=url, page=page):
                    response = self.client.get(url)
                    assert response.status_code == 200, (page, response.status_code)

                counts.append(count_queries(fetch))
            assert counts[0] == counts[1], (page, counts)
            assert counts[1] <= TRAINEE_PAGE_QUERY_BUDGET, (page, counts)

    def test_the_course_page_takes_about_the_same_time_at_6_and_60_modules(self):
        # The page lists every module, but each row is rendered once per published version and variant and then
        # shared (courses.views.module_rows): a request only joins them. Rendering all 60 rows in every request
        # took 1.42 times the CPU of 6 in the benchmark, and more here. Process time (this process's CPU, best of
        # five) is little disturbed by other load.
        cpu = {}
        for size, (trainee, course) in self.sizes.items():
            self.client.force_login(trainee)
            self.client.get(course.url)
            runs = []
            for _ in range(5):
                started = time.process_time()
                response = self.client.get(course.url)
                runs.append(time.process_time() - started)
            assert response.status_code == 200
            assert response.content.decode().count("courses-modules__item--") == size
            cpu[size] = min(runs)
        assert cpu[60] < 1.35 * cpu[6], cpu


class TraineePagesQueryCountsInBokmal(TraineePagesQueryCounts):
    """The same pages read in Bokmål with every page translated (docs/decisions/0100): still flat, and no more
    queries than in English (the translations are columns of the same rows)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()

        ModulePage.objects.update(title_nb="Modul", summary_nb="Sammendrag på bokmål.")
        CoursePage.objects.update(title_nb="Kurs", introduction_nb="<p>Innledning.</p>")
        TrainingIndexPage.objects.update(title_nb="Opplæring")

    def setUp(self):
        super().setUp()
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"

    def test_bokmal_costs_no_more_queries_than_english(self):
        trainee, course = self.sizes[60]
        self.client.force_login(trainee)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
        url = modules_of(course)[-1].url
        bokmal = count_queries(lambda: self.client.get(url))
        html = self.client.get(url).content.decode()
        assert "Modul" in html and "Sammendrag på bokmål." in html
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        assert count_queries(lambda: self.client.get(url)) == bokmal


class TraineePagesWithManyAttempts(TestCase):
    """Every trainee page for a trainee with 1 quiz attempt and for one with 1,000 (unlimited attempts): the same
    number of queries within the budget, and the same work: the page lists at most ATTEMPTS_SHOWN attempts, so the
    HTML and the CPU time hardly differ (a generous CPU-time ratio, not a wall-clock limit)."""

    @classmethod
    def setUpTestData(cls):
        cls.cases = {}
        for size in (1, 1000):
            trainee = UserFactory(role="Trainees")
            course = build_course(modules=6, quiz_on=(5,), modules_unlock_in_order=False)
            quiz_module = modules_of(course)[-1]
            ModulePage.objects.filter(pk=quiz_module.pk).update(quiz_attempts_allowed=0)
            enrollment = enrol(trainee, course)
            add_attempts(enrollment, ModulePage.objects.get(pk=quiz_module.pk), size)
            cls.cases[size] = (trainee, trainee_urls(course))

    def fetch(self, size, page):
        trainee, urls = self.cases[size]
        self.client.force_login(trainee)

        def get():
            response = self.client.get(urls[page])
            assert response.status_code == 200, (page, size, response.status_code)
            return response

        return get

    def test_the_data_is_what_the_test_says(self):
        assert QuizAttempt.objects.filter(user=self.cases[1000][0]).count() == 1000
        assert QuizAttempt.objects.filter(user=self.cases[1][0]).count() == 1

    def test_every_trainee_page_has_the_same_queries_at_1_and_1000_attempts(self):
        for page in TRAINEE_PAGES:
            counts = [count_queries(self.fetch(size, page)) for size in (1, 1000)]
            assert counts[0] == counts[1], (page, counts)
            assert counts[1] <= TRAINEE_PAGE_QUERY_BUDGET, (page, counts)

    def test_no_query_reads_every_attempt(self):
        # The attempts are summarised by aggregates (GROUP BY) or read with a LIMIT, never loaded one row each.
        for page in TRAINEE_PAGES:
            for sql in capture(self.fetch(1000, page)):
                if 'FROM "courses_quizattempt"' in sql and "GROUP BY" not in sql:
                    assert "LIMIT" in sql, (page, sql)

    def test_quiz_start_lists_the_latest_attempts_and_says_how_many_are_not_listed(self):
        html = self.fetch(1000, "quiz start")().content.decode()
        assert html.count("/result/") == ATTEMPTS_SHOWN
        assert "Attempt 1000" in html and "Attempt 1:" not in html
        assert f"{1000 - ATTEMPTS_SHOWN} earlier attempts are not listed." in html
        small = self.fetch(1, "quiz start")().content.decode()
        assert small.count("/result/") == 1 and "not listed" not in small

    def test_the_pages_do_the_same_work_at_1_and_1000_attempts(self):
        for page in TRAINEE_PAGES:
            sizes = {size: len(self.fetch(size, page)().content) for size in (1, 1000)}
            # At most ATTEMPTS_SHOWN list items more (about 170 bytes each), not 999 (uncapped: 35 times the size).
            assert sizes[1000] < 1.5 * sizes[1], (page, sizes)
            cpu = {}
            for size in (1, 1000):
                get = self.fetch(size, page)
                get()
                runs = []
                for _ in range(5):
                    started = time.process_time()
                    get()
                    runs.append(time.process_time() - started)
                cpu[size] = min(runs)
            # Before issue 18 quiz start took 3.9 times as long at 1,000 attempts; process time (this process's CPU,
            # best of five) is little disturbed by other load, and the bound is generous.
            assert cpu[1000] < 2 * cpu[1] + 0.01, (page, cpu)


def trainee_with_everything(modules, items, *, engagement_ended=False):
    """A trainee with a course of `modules` modules in progress and `items` of everything My page's other panels
    show: supervision sessions (group and one-to-one, upcoming), attendance and logged activity, course
    certificates, applications; an engagement period that is active, or (`engagement_ended`) one that has ended, so
    that the privacy panel offers the alumnus-or-leave choice."""

    institution = InstitutionFactory(contact_name="Kari Nordmann", contact_email="kari@example.org")
    trainee = UserFactory(role="Trainees", institution=institution)
    course_with_progress(trainee, modules)
    today = timezone.localdate()
    period = EngagementPeriodFactory(
        supporter=trainee,
        starts_on=today - timedelta(days=400 if engagement_ended else 90),
        ends_on=today - timedelta(days=10) if engagement_ended else today + timedelta(days=90),
        status=EngagementPeriod.Status.COMPLETED if engagement_ended else EngagementPeriod.Status.ACTIVE,
    )
    membership = GroupMembershipFactory(supporter=trainee)
    AdvisorAssignmentFactory(supporter=trainee)
    for _ in range(items):
        SessionFactory(group=membership.group)
        OneToOneSessionFactory(supporter=trainee)
        AttendanceFactory(supporter=trainee)
        ActivityLogFactory(engagement=period)
        CertificateFactory(holder=trainee)
        ApplicationFactory(user=trainee)
    return trainee


class MyPageWithEverything(TestCase):
    """My page for a trainee who has something in every panel (training, certificates, supervision, application,
    the after-engagement choice, the institution's help contact): within the budget, and the same number of queries
    with 6 modules and one of everything as with 60 modules and eight of everything."""

    @classmethod
    def setUpTestData(cls):
        cls.cases = {
            (ended, size): trainee_with_everything(modules, items, engagement_ended=ended)
            for ended in (False, True)
            for size, modules, items in (("small", 6, 1), ("large", 60, 8))
        }

    def my_page(self, trainee):
        self.client.force_login(trainee)

        def get():
            response = self.client.get(reverse("home:my_page"), HTTP_ACCEPT_LANGUAGE="en")
            assert response.status_code == 200
            return response

        return get

    def test_the_data_is_what_the_test_says(self):
        trainee = self.cases[(False, "large")]
        assert Certificate.objects.filter(holder=trainee).count() == 8
        assert Application.objects.filter(user=trainee).count() == 8
        assert Session.objects.for_participant(trainee).upcoming().count() == 16

    def test_every_panel_is_on_the_page(self):
        for (ended, size), trainee in self.cases.items():
            html = self.my_page(trainee)().content.decode()
            for heading in ("My training", "My certificates", "Supervision", "My application"):
                assert f">{heading}</h2>" in html, (ended, size, heading)
            assert ("Your engagement has ended" in html) is ended, (ended, size)
            assert trainee.institution.name in html  # About you: the institution, read from the structure cache

    def test_my_page_is_within_budget_and_flat_with_data(self):
        for ended in (False, True):
            counts = {size: count_queries(self.my_page(self.cases[(ended, size)])) for size in ("small", "large")}
            assert counts["small"] == counts["large"], (ended, counts)
            assert counts["large"] <= TRAINEE_PAGE_QUERY_BUDGET, (ended, counts)

    def test_no_panel_re_reads_the_user_their_institution_or_their_roles(self):
        queries = capture(self.my_page(self.cases[(True, "large")]))
        for table in ("lms_user", "lms_institution", "auth_group", "supervision_supervisionsettings"):
            reads = [sql for sql in queries if f'FROM "{table}"' in sql]
            assert len(reads) <= (1 if table in ("lms_user", "auth_group") else 0), (table, reads)
        assert len([sql for sql in queries if 'FROM "supervision_engagementperiod"' in sql]) == 1


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
