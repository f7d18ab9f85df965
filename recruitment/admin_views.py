"""Wagtail admin screens of recruitment that a viewset does not give: the application detail with its stage actions,
booking for an applicant, acceptance, and the confidential interview notes. Every lookup is scoped through
`Application.objects.visible_to`; anything else answers 404. Notes are read through `InterviewNote.objects.readable_by`
only, and only here."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.models import CreateView

from . import services
from .forms import AcceptForm, BookForForm, NoteForm, StageForm
from .models import Application, InterviewNote, InterviewSlot, is_coordinator, sees_everything

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A spreadsheet cell that cannot run: text starting like a formula gets a leading apostrophe (security note 17)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeExportMixin:
    """CSV and XLSX exports whose text cells never start a formula."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))


def may_use_pipeline(user) -> bool:
    return sees_everything(user) or is_coordinator(user)


class ApplicationIndexView(SafeExportMixin, IndexView):
    """The pipeline: the coordinator's institution's applications plus the shared queue, with counts per stage."""

    template_name = "recruitment/admin/application_index.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_use_pipeline(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return (
            Application.objects.visible_to(self.request.user)
            .select_related("cohort", "institution", "owner_institution")
            .defer("motivation")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = Application.objects.visible_to(self.request.user).stage_counts()
        context["stage_counts"] = [(value, label, counts[value]) for value, label in Application.Stage.choices]
        return context


class SlotIndexView(SafeExportMixin, IndexView):
    def dispatch(self, request, *args, **kwargs):
        if not may_use_pipeline(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return (
            InterviewSlot.objects.visible_to(self.request.user)
            .select_related("institution", "coordinator", "application")
            .defer("application__motivation")
        )


class SlotCreateView(CreateView):
    """Offer an interview time: the service sets the institution and interviewer from the signed-in coordinator."""

    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        data = self.form.cleaned_data
        try:
            return services.slot_offer(
                actor=self.request.user,
                starts_at=data["starts_at"],
                duration_minutes=data["duration_minutes"],
                place=data["place"],
                video_url=data["video_url"],
                request=self.request,
            )
        except services.RecruitmentError as error:
            raise PermissionDenied(error.message) from error


def _visible_application(request, pk) -> Application:
    if not may_use_pipeline(request.user):
        raise PermissionDenied
    return get_object_or_404(
        Application.objects.visible_to(request.user).select_related(
            "cohort", "institution", "owner_institution", "user"
        ),
        pk=pk,
    )


def _groups_for(user):
    from supervision.access import visible_groups
    from supervision.models import SupervisionGroup

    return visible_groups(SupervisionGroup.objects.select_related("institution"), user).order_by("name")


def application_detail(request, pk):
    application = _visible_application(request, pk)
    manageable = Application.objects.manageable_by(request.user).filter(pk=application.pk).exists()
    notes = list(
        InterviewNote.objects.readable_by(request.user).filter(application=application).select_related("author")
    )
    slot = InterviewSlot.objects.filter(application=application).select_related("coordinator").first()
    moves = [
        (value, label)
        for value, label in Application.Stage.choices
        if application.can_move_to(value) and value != Application.Stage.ACCEPTED
    ]
    return TemplateResponse(
        request,
        "recruitment/admin/application_detail.html",
        {
            "title": application.full_name,
            "application": application,
            "manageable": manageable,
            "notes": notes,
            "can_read_notes": manageable,
            "note_form": NoteForm(),
            "slot": slot,
            "moves": moves,
            "can_accept": manageable and application.can_move_to(Application.Stage.ACCEPTED),
            "accept_form": AcceptForm(groups=_groups_for(request.user)),
            "book_form": BookForForm(slots=InterviewSlot.objects.bookable_for(application)) if manageable else None,
            "can_take": application.in_shared_queue and is_coordinator(request.user),
        },
    )


def _back(application):
    return redirect("recruitment_application_detail", application.pk)


def _run(request, application, action, success):
    try:
        action()
    except services.RecruitmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return _back(application)


@require_POST
def application_take(request, pk):
    application = _visible_application(request, pk)
    return _run(
        request,
        application,
        lambda: services.application_take(application=application, actor=request.user, request=request),
        _("The application is yours to handle now."),
    )


@require_POST
def application_stage(request, pk):
    application = _visible_application(request, pk)
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the stages shown."))
        return _back(application)
    stage = form.cleaned_data["stage"]
    return _run(
        request,
        application,
        lambda: services.application_move(application=application, stage=stage, actor=request.user, request=request),
        _("Stage changed; the applicant has been told by email."),
    )


@require_POST
def application_accept(request, pk):
    application = _visible_application(request, pk)
    form = AcceptForm(request.POST, groups=_groups_for(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose a supervision group from the list, or none."))
        return _back(application)
    group = form.cleaned_data["group"]
    return _run(
        request,
        application,
        lambda: services.application_accept(application=application, actor=request.user, group=group, request=request),
        _("Accepted: the trainee is enrolled in the cohort's courses and has been sent a welcome email."),
    )


@require_POST
def application_book(request, pk):
    application = _visible_application(request, pk)
    form = BookForForm(request.POST, slots=InterviewSlot.objects.bookable_for(application))
    if not form.is_valid():
        messages.error(request, _("That interview time is no longer free. Choose another one."))
        return _back(application)
    slot = form.cleaned_data["slot"]
    return _run(
        request,
        application,
        lambda: services.slot_book(slot=slot, application=application, actor=request.user, request=request),
        _("The interview is booked; the applicant and the interviewer get a calendar invitation."),
    )


@require_POST
def application_release(request, pk):
    application = _visible_application(request, pk)
    return _run(
        request,
        application,
        lambda: services.slot_release(application=application, actor=request.user, request=request),
        _("The interview is cancelled; the applicant has been told."),
    )


@sensitive_post_parameters("text")
@require_POST
def note_add(request, pk):
    application = _visible_application(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the note (at most 5000 characters) before saving it."))
        return _back(application)
    return _run(
        request,
        application,
        lambda: services.note_add(
            application=application, author=request.user, text=form.cleaned_data["text"], request=request
        ),
        _("Note saved. Only the coordinators handling this application and administrators can read it."),
    )


@require_POST
def slot_cancel(request, pk):
    if not may_use_pipeline(request.user):
        raise PermissionDenied
    slot = get_object_or_404(InterviewSlot.objects.visible_to(request.user), pk=pk)
    try:
        services.slot_cancel(slot=slot, actor=request.user, request=request)
    except services.RecruitmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The interview time is withdrawn."))
    return redirect(reverse("recruitment_slots:index"))
