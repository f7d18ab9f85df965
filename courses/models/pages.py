"""Training content: TrainingIndexPage → CoursePage → ModulePage.

Pages hold what counsellors write. A CoursePage links to a `Course` (state and rules), created when the page is
first saved and synced from the page whenever it is published (courses.signals). Access to module content is
decided on the server in `ModulePage.serve` for every route (courses.access).
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.blocks import StreamValue
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index

from home import structure
from home.i18n import TranslatedContent
from home.models import translation_tab
from home.structure import StructureCachedPage

from ..blocks import RICH_TEXT_FEATURES, ModuleBodyBlock, QuizQuestionsBlock, questions_snapshot
from .progress import Course


def _reflections(stream) -> list:
    return [block for block in stream if block.block_type == "reflection"]


def _split_nb(value, *, bokmal: bool):
    """The quiz's raw data with only the Bokmål (`*_nb`) or only the other values, for its translation digests."""
    if isinstance(value, dict):
        return {
            key: _split_nb(item, bokmal=bokmal)
            for key, item in value.items()
            if isinstance(item, (dict, list)) or key.endswith("_nb") == bokmal
        }
    if isinstance(value, list):
        return [_split_nb(item, bokmal=bokmal) for item in value]
    return value


def _quiz_text_digest(stream, *, bokmal: bool) -> str:
    raw = [dict(item) for item in getattr(stream, "raw_data", None) or []]
    data = json.dumps(_split_nb(raw, bokmal=bokmal), sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


UUID_RE = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


class TrainingPagePermissionTester(PagePermissionTester):
    """Training pages go live only through "Counsellor review" approval, or by an Administrator.

    Page permissions granted higher up the tree (for example publish rights on the whole site for Counsellors, who
    write the site's other pages) never let a counsellor publish or unpublish training directly: a second counsellor
    approves first. See docs/decisions/0034 and 0035.
    """

    def _may_publish_training(self) -> bool:
        return self.user.is_administrator

    def can_publish(self):
        return self._may_publish_training() and super().can_publish()

    def can_publish_subpage(self):
        return self._may_publish_training() and super().can_publish_subpage()

    def can_unpublish(self):
        return self._may_publish_training() and super().can_unpublish()


class TrainingPageMixin(StructureCachedPage):
    def permissions_for_user(self, user):
        return TrainingPagePermissionTester(user, self)


class TrainingIndexPage(TrainingPageMixin, TranslatedContent, Page):
    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    introduction_nb = RichTextField(_("introduction (Bokmål)"), blank=True, features=RICH_TEXT_FEATURES)

    translated_fields = ("title", "introduction")
    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            translation_tab("title_nb", "introduction_nb"),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("training index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().select_related("course")
        return context


class CoursePage(TrainingPageMixin, RoutablePageMixin, TranslatedContent, Page):
    course = models.OneToOneField(
        Course,
        verbose_name=_("course"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="page",
    )
    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    learning_outcomes = RichTextField(
        _("learning outcomes"),
        blank=True,
        features=["ul", "ol", "bold", "italic"],
        help_text=_("What a trainee can do after the course; a bulleted list reads best."),
    )
    introduction_nb = RichTextField(_("introduction (Bokmål)"), blank=True, features=RICH_TEXT_FEATURES)
    learning_outcomes_nb = RichTextField(
        _("learning outcomes (Bokmål)"), blank=True, features=["ul", "ol", "bold", "italic"]
    )
    estimated_hours = models.DecimalField(_("estimated hours"), max_digits=5, decimal_places=1, default=0)
    enrolment_opens_at = models.DateTimeField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes_at = models.DateTimeField(_("enrolment closes"), null=True, blank=True)
    completion_deadline = models.DateTimeField(_("completion deadline"), null=True, blank=True)
    modules_unlock_in_order = models.BooleanField(
        _("modules unlock in order"),
        default=True,
        help_text=_("A trainee opens a module only after completing every required module before it."),
    )
    open_to_all_signed_in = models.BooleanField(
        _("open to every signed-in user"),
        default=False,
        help_text=_(
            "Material meant for all: anyone with an account may enrol. Otherwise only accepted trainees and staff."
        ),
    )
    certificate_title = models.CharField(_("certificate title (English)"), max_length=200, blank=True)
    certificate_title_nb = models.CharField(_("certificate title (Bokmål)"), max_length=200, blank=True)
    certificate_description = models.TextField(_("certificate description (English)"), blank=True)
    certificate_description_nb = models.TextField(_("certificate description (Bokmål)"), blank=True)
    certificate_criteria = models.TextField(_("certificate criteria (English)"), blank=True)
    certificate_criteria_nb = models.TextField(_("certificate criteria (Bokmål)"), blank=True)
    certificate_valid_years = models.PositiveSmallIntegerField(
        _("certificate valid for (years)"), null=True, blank=True, help_text=_("Leave empty for no expiry.")
    )
    refresher_of = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("refresher of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A short refresher: completing it renews the certificate of the chosen course (same code, new "
            "validity) instead of issuing a certificate of its own."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("learning_outcomes"),
        FieldPanel("estimated_hours"),
    ]
    rules_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("enrolment_opens_at"), FieldPanel("enrolment_closes_at")]),
                FieldPanel("completion_deadline"),
                FieldPanel("modules_unlock_in_order"),
                FieldPanel("open_to_all_signed_in"),
            ],
            heading=_("Enrolment and progress"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(content=_("The certificate carries this text; it is copied to the course when published.")),
                FieldPanel("certificate_title"),
                FieldPanel("certificate_title_nb"),
                FieldPanel("certificate_description"),
                FieldPanel("certificate_description_nb"),
                FieldPanel("certificate_criteria"),
                FieldPanel("certificate_criteria_nb"),
                FieldPanel("certificate_valid_years"),
                FieldPanel("refresher_of"),
            ],
            heading=_("Certificate"),
        ),
    ]
    translated_fields = ("title", "introduction", "learning_outcomes")
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            translation_tab("title_nb", "introduction_nb", "learning_outcomes_nb"),
            ObjectList(rules_panels, heading=_("Rules and certificate")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("learning_outcomes")]

    parent_page_types = ["courses.TrainingIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")

    def clean(self):
        super().clean()
        if self.enrolment_opens_at and self.enrolment_closes_at and self.enrolment_closes_at < self.enrolment_opens_at:
            raise ValidationError({"enrolment_closes_at": _("Enrolment must close after it opens.")})

    def save(self, *args, **kwargs):
        if self.course_id is None:
            from ..services import course_create_for_page  # noqa: PLC0415 - import cycle: courses.views and courses.services import the page models

            self.course = course_create_for_page(page=self)
        return super().save(*args, **kwargs)

    @classmethod
    def route_queryset(cls):
        """How home.routing fetches a course page it routes to (its Course is read on every view)."""
        return cls.objects.select_related("course")

    def modules(self):
        return ModulePage.objects.child_of(self).live().defer("body", "quiz_questions")

    def published_modules(self) -> list:
        """The live modules in order, cached per structure version (home.structure): the same for every reader."""

        return structure.cached("course-modules", lambda: list(self.modules().defer("body_nb")), self.pk)

    @path("")
    def overview(self, request):
        from ..views import course_overview, show_only  # noqa: PLC0415 - import cycle: courses.views and courses.services import the page models

        return show_only(request) or course_overview(request, self)

    @path("enrol/")
    def enrol(self, request):
        from ..views import course_enrol  # noqa: PLC0415 - import cycle: courses.views and courses.services import the page models

        return course_enrol(request, self)


class ModulePage(TrainingPageMixin, RoutablePageMixin, TranslatedContent, Page):
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=30, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    required = models.BooleanField(_("required"), default=True, help_text=_("Required modules count for completion."))
    summary = models.TextField(_("summary"), max_length=400, blank=True, help_text=_("One or two sentences."))
    body = StreamField(ModuleBodyBlock(), blank=True, verbose_name=_("body"))
    summary_nb = models.TextField(_("summary (Bokmål)"), max_length=400, blank=True)
    body_nb = StreamField(ModuleBodyBlock(), blank=True, verbose_name=_("body (Bokmål)"))
    quiz_pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    quiz_attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=3, help_text=_("0 means unlimited.")
    )
    quiz_shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    quiz_shuffle_choices = models.BooleanField(_("shuffle answers"), default=True)
    quiz_draw_count = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        default=0,
        help_text=_("Draw this many questions at random from the pool for each attempt; 0 asks them all."),
    )
    quiz_questions = StreamField(QuizQuestionsBlock(), blank=True, verbose_name=_("quiz questions"))
    has_quiz = models.BooleanField(default=False, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("required")]),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    quiz_panels = [
        HelpPanel(
            content=_(
                "Leave the questions empty for a module without a quiz: trainees then mark it as done. "
                "Trainees never see which answers are correct before they submit; the preview shows the key."
            )
        ),
        FieldRowPanel([FieldPanel("quiz_pass_mark"), FieldPanel("quiz_attempts_allowed")]),
        FieldRowPanel(
            [FieldPanel("quiz_shuffle_questions"), FieldPanel("quiz_shuffle_choices"), FieldPanel("quiz_draw_count")]
        ),
        FieldPanel("quiz_questions"),
    ]
    translated_fields = ("title", "summary", "body")
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            translation_tab("title_nb", "summary_nb", "body_nb"),
            ObjectList(quiz_panels, heading=_("Quiz")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    # Module content is for enrolled trainees and staff only: module pages are kept out of the search index
    # entirely (not only the quiz), so no search can show their titles or text. See docs/decisions/0033.
    search_fields = []

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module")

    def clean(self):
        super().clean()
        if self.body_nb and len(self.body_nb) and len(_reflections(self.body_nb)) != len(_reflections(self.body)):
            raise ValidationError(
                {
                    "body_nb": _(
                        "The Bokmål body must have as many reflection prompts as the English (%(count)s), in the "
                        "same order: a trainee's answer belongs to both."
                    )
                    % {"count": len(_reflections(self.body))}
                }
            )
        count = len(self.quiz_questions or [])
        if self.quiz_draw_count and self.quiz_draw_count > count:
            raise ValidationError(
                {"quiz_draw_count": _("The quiz has only %(count)s questions to draw from.") % {"count": count}}
            )

    def save(self, *args, **kwargs):
        self.has_quiz = bool(self.quiz_questions and len(self.quiz_questions))
        self._align_reflection_ids()
        return super().save(*args, **kwargs)

    def _align_reflection_ids(self) -> None:
        """The n-th reflection prompt of the Bokmål body gets the id of the n-th English one, so a trainee's answer
        (keyed by block id) is one answer in both languages."""
        if not self.body_nb or not len(self.body_nb):
            return
        english = [block.id for block in _reflections(self.body)]
        stream = []
        changed = False
        position = 0
        for block in self.body_nb:
            block_id = block.id
            if block.block_type == "reflection" and position < len(english):
                if block_id != english[position]:
                    block_id = english[position]
                    changed = True
                position += 1
            stream.append((block.block_type, block.value, block_id))
        if changed:
            self.body_nb = StreamValue(self.body_nb.stream_block, stream)

    def translation_source_extra(self) -> str:
        # The quiz's English text and key: a changed question makes its Bokmål out of date too.
        return _quiz_text_digest(self.quiz_questions, bokmal=False)

    def translation_extra(self) -> str:
        return _quiz_text_digest(self.quiz_questions, bokmal=True)

    def get_sitemap_urls(self, request=None):
        # Never listed: module content is not public.
        return []

    @cached_property
    def course_page(self):
        return CoursePage.objects.select_related("course").get(path=self.path[: -self.steplen])

    def prepare_route(self, parent_id: int) -> None:
        """Called by home.routing when it routed here: fetch the course page once for the whole request."""
        course_page = CoursePage.objects.select_related("course").filter(pk=parent_id).first()
        if course_page is not None:
            self.course_page = course_page

    def quiz_snapshot_source(self) -> list[dict]:
        return questions_snapshot(self.quiz_questions)

    def serve(self, request, *args, **kwargs):
        from ..views import module_access_refused  # noqa: PLC0415 - import cycle: courses.views and courses.services import the page models

        refusal = module_access_refused(request, self)
        if refusal is not None:
            return refusal
        return super().serve(request, *args, **kwargs)

    @path("")
    def module_view(self, request):
        from ..views import module_detail, show_only  # noqa: PLC0415 - import cycle: courses.views and courses.services import the page models

        return show_only(request) or module_detail(request, self)

    @path("done/")
    def mark_done(self, request):
        from ..views import module_mark_done  # noqa: PLC0415 - import cycle: courses.views and courses.services import the page models

        return module_mark_done(request, self)

    @re_path(r"^reflection/(?P<block_id>[0-9a-f-]{36})/$")
    def reflection(self, request, block_id):
        from ..views import reflection_save  # noqa: PLC0415 - import cycle: courses.views and courses.services import the page models

        return reflection_save(request, self, block_id)

    @path("quiz/")
    def quiz(self, request):
        from ..views import quiz_start  # noqa: PLC0415 - import cycle: courses.views and courses.services import the page models

        return quiz_start(request, self)

    @re_path(rf"^quiz/(?P<attempt_id>{UUID_RE})/$")
    def quiz_attempt(self, request, attempt_id):
        from ..views import quiz_take  # noqa: PLC0415 - import cycle: courses.views and courses.services import the page models

        return quiz_take(request, self, attempt_id)

    @re_path(rf"^quiz/(?P<attempt_id>{UUID_RE})/result/$")
    def quiz_result(self, request, attempt_id):
        from ..views import quiz_result, show_only  # noqa: PLC0415 - import cycle: courses.views and courses.services import the page models

        return show_only(request) or quiz_result(request, self, attempt_id)
