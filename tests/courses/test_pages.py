"""Page types: parents and children, creation through the real admin form, rendering and preview."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import Course, CoursePage, ModulePage, TrainingIndexPage
from home.models import HomePage, StandardPage
from tests.courses.factories import add_module, all_question_types, build_course, home_page, training_index
from tests.lms.factories import UserFactory


def module_form_data(title="Listening", slug="listening", *, correct_index=0):
    """POST data of the module edit form with a body paragraph and one single-choice question (3 answers)."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "estimated_minutes": "25",
            "required": "on",
            "summary": "Listening well.",
            "body": streamfield([("paragraph", rich_text("<p>Listen first.</p>"))]),
            "body_nb": streamfield([]),
            "quiz_pass_mark": "80",
            "quiz_attempts_allowed": "3",
            "quiz_draw_count": "0",
        }
    )
    prefix = "quiz_questions"
    data.update(
        {
            f"{prefix}-count": "1",
            f"{prefix}-0-type": "single_choice",
            f"{prefix}-0-deleted": "",
            f"{prefix}-0-order": "0",
            f"{prefix}-0-id": "11111111-1111-4111-8111-111111111111",
            f"{prefix}-0-value-prompt": "What helps most?",
            f"{prefix}-0-value-explanation": "",
            f"{prefix}-0-value-choices-count": "3",
        }
    )
    for i in range(3):
        item = f"{prefix}-0-value-choices-{i}"
        data.update(
            {
                f"{item}-deleted": "",
                f"{item}-order": str(i),
                f"{item}-id": f"2222222{i}-2222-4222-8222-222222222222",
                f"{item}-value-text": f"Answer {i}",
                f"{item}-value-feedback": f"Feedback {i}",
            }
        )
        if i == correct_index:
            data[f"{item}-value-is_correct"] = "on"
    return data


class TrainingPageTypeTests(WagtailPageTestCase):
    def setUp(self):
        self.admin = UserFactory(is_superuser=True, is_staff=True, with_totp=True)
        self.client.force_login(self.admin)

    def test_training_index_lives_under_home_only(self):
        self.assertAllowedParentPageTypes(TrainingIndexPage, {HomePage})

    def test_training_index_holds_courses_only(self):
        self.assertAllowedSubpageTypes(TrainingIndexPage, {CoursePage})

    def test_course_lives_under_training_index(self):
        self.assertAllowedParentPageTypes(CoursePage, {TrainingIndexPage})

    def test_course_holds_modules_only(self):
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})

    def test_module_lives_under_course_and_has_no_children(self):
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertAllowedSubpageTypes(ModulePage, set())

    def test_module_cannot_be_created_under_home_or_standard_page(self):
        self.assertCanNotCreateAt(HomePage, ModulePage)
        self.assertCanNotCreateAt(StandardPage, ModulePage)

    def test_create_course_through_admin_form_makes_its_course(self):
        index = training_index()
        self.assertCanCreate(
            index,
            CoursePage,
            nested_form_data(
                {
                    "title": "Peer Supporter Training, Spring",
                    "slug": "spring",
                    "introduction": rich_text("<p>Intro</p>"),
                    "learning_outcomes": rich_text("<ul><li>Listen</li></ul>"),
                    "estimated_hours": "12.0",
                    "modules_unlock_in_order": "on",
                    "certificate_title": "Certified peer supporter",
                    "certificate_title_nb": "Sertifisert likeperson",
                }
            ),
        )
        page = CoursePage.objects.get(slug="spring")
        assert page.course.certificate_title_nb == "Sertifisert likeperson"

    def test_create_module_with_single_choice_quiz_through_admin_form(self):
        course_page = build_course(modules=0)
        self.assertCanCreate(course_page, ModulePage, module_form_data())
        module = ModulePage.objects.get(slug="listening")
        assert module.quiz_snapshot_source()[0]["choices"][0]["correct"] is True

    def test_admin_form_refuses_single_choice_without_a_correct_answer(self):
        course_page = build_course(modules=0)
        data = module_form_data()
        del data["quiz_questions-0-value-choices-0-value-is_correct"]
        url = reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course_page.pk])
        self.client.post(url, data)
        assert not ModulePage.objects.filter(slug="listening").exists()

    def test_create_module_with_true_false_quiz_through_admin_form(self):
        course_page = build_course(modules=0)
        self.assertCanCreate(
            course_page,
            ModulePage,
            nested_form_data(
                {
                    "title": "Listening",
                    "slug": "listening",
                    "estimated_minutes": "25",
                    "required": "on",
                    "summary": "Listening well.",
                    "body": streamfield([("paragraph", rich_text("<p>Listen first.</p>"))]),
                    "body_nb": streamfield([]),
                    "quiz_pass_mark": "80",
                    "quiz_attempts_allowed": "3",
                    "quiz_draw_count": "0",
                    "quiz_questions": streamfield(
                        [
                            (
                                "true_false",
                                {
                                    "statement": "Silence can help.",
                                    "is_true": "on",
                                    "feedback_true": "Yes.",
                                    "feedback_false": "It can.",
                                    "explanation": "",
                                },
                            )
                        ]
                    ),
                }
            ),
        )
        module = ModulePage.objects.get(slug="listening")
        assert module.has_quiz

    def test_pages_render(self):
        course_page = build_course(modules=2, quiz_on=(0,))
        module = ModulePage.objects.child_of(course_page).first()
        self.assertPageIsRenderable(training_index())
        self.assertPageIsRenderable(course_page)
        self.assertPageIsRenderable(module, user=self.admin)

    def test_pages_preview(self):
        course_page = build_course(modules=1, quiz_on=(0,))
        module = ModulePage.objects.child_of(course_page).first()
        self.assertPageIsPreviewable(course_page, user=self.admin)
        self.assertPageIsPreviewable(module, user=self.admin, post_data=module_form_data(module.title, module.slug))

    def test_module_preview_marks_the_answer_key_for_authors(self):
        course_page = build_course(modules=1, quiz_on=(0,))
        module = ModulePage.objects.child_of(course_page).first()
        response = self.client.get(reverse("wagtailadmin_pages:view_draft", args=[module.pk]))
        html = response.content.decode()
        assert response.status_code == 200
        assert "KEY-MARKER" in html
        assert "answer key" in html


def test_course_publish_copies_certificate_text_to_course(db):
    course_page = build_course(modules=0)
    course_page.certificate_description = "Completed seven modules."
    course_page.certificate_valid_years = 2
    course_page.save_revision().publish()
    course = Course.objects.get(pk=course_page.course_id)
    assert (course.certificate_description, course.certificate_valid_years) == ("Completed seven modules.", 2)


def test_course_draft_does_not_change_course_rules(db):
    course_page = build_course(modules=0)
    course_page.certificate_description = "Draft text"
    course_page.save_revision()
    assert Course.objects.get(pk=course_page.course_id).certificate_description == ""


def test_module_with_questions_has_quiz_flag(db):
    course_page = build_course(modules=0)
    assert add_module(course_page, quiz=all_question_types()).has_quiz
    assert not add_module(course_page).has_quiz


def test_module_pages_are_not_in_the_sitemap(db):
    course_page = build_course(modules=1)
    module = ModulePage.objects.child_of(course_page).first()
    assert module.get_sitemap_urls() == []


def test_module_pages_are_not_in_the_search_index(db):
    course_page = build_course(modules=0)
    add_module(course_page, title="Zanzibarian listening secrets")
    results = list(Page.objects.live().search("Zanzibarian"))
    assert results == []


def test_home_page_fixture_is_reused(db):
    assert home_page() == home_page()
