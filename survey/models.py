"""The network's survey: a Wagtail form page whose questions counsellors write in the admin.

Answers are Wagtail's own `FormSubmission` rows (the JSON of the answers and the time; no user, no IP). What keeps
spam and repeated answers out is in `survey.forms` and `SurveyPage.serve`; the results screen is in
`survey.admin_views`. See docs/survey.md and docs/decisions/0072-survey-and-institutions.md.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from home import antispam
from home.i18n import TranslatedContent
from home.models import INTRODUCTION_FEATURES, tabs, translation_tab

from . import services
from .forms import SurveyFormBuilder

# The question types a survey offers: choices, scales and free text, plus an optional email for a reply.
QUESTION_TYPES = (
    ("radio", _("One choice (radio buttons)")),
    ("checkboxes", _("Several choices (checkboxes)")),
    ("dropdown", _("One choice (drop-down list)")),
    ("scale", _("Scale (1 to N)")),
    ("singleline", _("Short free text")),
    ("multiline", _("Long free text")),
    ("email", _("Email address (always optional)")),
)
CHOICE_TYPES = frozenset({"radio", "checkboxes", "dropdown"})
SCALE_TYPES = frozenset({"scale"})
TEXT_TYPES = frozenset({"singleline", "multiline"})


class SurveyQuestion(AbstractFormField):
    """One question. Choices are one per line; a scale runs from 1 to `scale_max` with optional end labels."""

    page = ParentalKey("SurveyPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("question type"), max_length=16, choices=QUESTION_TYPES)
    field_type.required_on_save = True
    scale_max = models.PositiveSmallIntegerField(
        _("scale maximum"),
        default=5,
        validators=[MinValueValidator(3), MaxValueValidator(10)],
        help_text=_("Scales run from 1 to this number (3 to 10)."),
    )
    scale_min_label = models.CharField(_("label of 1"), max_length=60, blank=True, help_text=_("E.g. “Not at all”."))
    scale_max_label = models.CharField(
        _("label of the maximum"), max_length=60, blank=True, help_text=_("E.g. “Very much”.")
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
        FieldPanel("choices", classname="formbuilder-choices"),
        MultiFieldPanel(
            [FieldPanel("scale_max"), FieldRowPanel([FieldPanel("scale_min_label"), FieldPanel("scale_max_label")])],
            heading=_("Scale"),
        ),
    ]

    class Meta(AbstractFormField.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label


class SurveyPage(TranslatedContent, AbstractForm):
    """A survey anyone can answer without an account, once, in a few minutes."""

    introduction = RichTextField(_("introduction"), blank=True, features=INTRODUCTION_FEATURES)
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, features=INTRODUCTION_FEATURES, help_text=_("Shown after an answer is sent.")
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("minutes to answer"), default=4, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    is_open = models.BooleanField(_("open for answers"), default=True)
    introduction_nb = RichTextField(_("introduction (Bokmål)"), blank=True, features=INTRODUCTION_FEATURES)
    thank_you_text_nb = RichTextField(_("thank-you text (Bokmål)"), blank=True, features=INTRODUCTION_FEATURES)

    form_builder = SurveyFormBuilder

    content_panels = [
        *AbstractForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("introduction"),
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("is_open")]),
        InlinePanel("form_fields", label=_("Questions")),
        FieldPanel("thank_you_text"),
    ]
    translated_fields = ("title", "introduction", "thank_you_text")
    edit_handler = tabs(content_panels, translation_tab("title_nb", "introduction_nb", "thank_you_text_nb"))
    search_fields = [*AbstractForm.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("survey")

    ANSWERED_PARAMETER = "answered"

    def get_form_class(self):
        return self.form_builder(self.get_form_fields(), page=self).get_form_class()

    def answered_cookie_name(self) -> str:
        return f"survey_{self.pk}_answered"

    def has_answered(self, request) -> bool:
        """The signed "already answered" cookie this browser got when it sent an answer."""
        value = request.get_signed_cookie(self.answered_cookie_name(), default=None, salt=services.COOKIE_SALT)
        return value == "1"

    def serve(self, request, *args, **kwargs):
        """GET shows the questions; POST runs `services.survey_answer`, which refuses spam and repeats."""
        if not self.is_open:
            return self._render(request, "closed", status=200)
        if self.has_answered(request):
            if request.method == "GET" and request.GET.get(self.ANSWERED_PARAMETER) == "1":
                return TemplateResponse(request, self.get_landing_page_template(request), self.get_context(request))
            return self._render(request, "already", status=409 if request.method == "POST" else 200)
        form = None
        status = 200
        if request.method == "POST":
            outcome = services.survey_answer(page=self, request=request)
            if outcome.submission is not None:
                # Post/redirect/get: the thanks are a GET of this page (with the answered cookie), so a reload
                # never sends the answers again.
                response = redirect(f"{self.url}?{self.ANSWERED_PARAMETER}=1")
                services.mark_answered(response, page=self, secure=request.is_secure())
                return response
            if outcome.refusal == services.Refusal.RATE_LIMITED:
                response = self._render(request, "rate_limited", status=429)
                response["Retry-After"] = str(antispam.retry_after(settings.SURVEY_RATE_LIMIT))
                return response
            if outcome.refusal == services.Refusal.REPEATED:
                return self._render(request, "already", status=409)
            form = outcome.form
            status = 400
        if form is None:
            form = self.get_form(page=self, user=request.user)
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def _render(self, request, state: str, *, status: int):
        context = self.get_context(request)
        context["state"] = state
        return TemplateResponse(request, "survey/survey_page_notice.html", context, status=status)

    def process_form_submission(self, form):
        return services.submission_create(page=self, answers=form.public_data())

    def serve_submissions_list_view(self, request, *args, **kwargs):
        """Wagtail's stock submission list (and its unguarded CSV export) is replaced by the survey results."""
        return redirect(reverse("survey_admin:results", args=[self.pk]))
