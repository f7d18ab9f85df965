"""Wagtail admin screens of recruitment that a viewset does not give: the application detail with its stage actions,
booking for an applicant, acceptance, and the confidential interview notes. Every lookup is scoped through
`Application.objects.visible_to`; anything else answers 404. Notes are read through `InterviewNote.objects.visible_to`
only, and only here."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.models import CreateView

from lms.exports import csv_safe
from supervision.models import SupervisionGroup

from . import services
from .forms import AcceptForm, BookForForm, NoteForm, StageForm
from .models import Application, InterviewNote, InterviewSlot, is_coordinator, sees_everything

# A spreadsheet cell that cannot run (docs/security.md#spreadsheet-exports), written once in lms.exports.
neutralise = csv_safe


class SafeExportMixin:
    """CSV and XLSX exports whose text cells never start a formula."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))


def may_use_pipeline(user) -> bool:
    return sees_everything(user) or is_coordinator(user)


class PipelineOnlyMixin:
    """Coordinators (with an institution) and administrators only, whatever model permissions say."""

    def dispatch(self, request, *args, **kwargs):
        if not may_use_pipeline(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ApplicationIndexView(PipelineOnlyMixin, SafeExportMixin, IndexView):
    """The pipeline: the coordinator's institution's applications plus the shared queue, with counts per stage."""

    template_name = "recruitment/admin/application_index.html"

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


class SlotIndexView(PipelineOnlyMixin, SafeExportMixin, IndexView):
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
    return SupervisionGroup.objects.select_related("institution").visible_to(user).order_by("name")


def application_detail(request, pk):
    application = _visible_application(request, pk)
    manageable = Application.objects.manageable_by(request.user).filter(pk=application.pk).exists()
    notes = list(
        InterviewNote.objects.visible_to(request.user).filter(application=application).select_related("author")
    )
    if notes:
        services.notes_read(application=application, reader=request.user, count=len(notes), request=request)
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
    return redirect("recruitment_admin:application_detail", application.pk)


def _action(*, form=None, invalid: str = "", run, success: str):
    """A POST on the application page: check the form (if any), run the service, say what happened, go back.

    `form(request, application)` builds the bound form; `run(request, application, cleaned_data)` calls the service.
    A RecruitmentError becomes an error message; the object is looked up through `visible_to` (404 otherwise)."""

    @require_POST
    def view(request, pk):
        application = _visible_application(request, pk)
        data = {}
        if form is not None:
            bound = form(request, application)
            if not bound.is_valid():
                messages.error(request, invalid)
                return _back(application)
            data = bound.cleaned_data
        try:
            run(request, application, data)
        except services.RecruitmentError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, success)
        return _back(application)

    return view


application_take = _action(
    run=lambda request, application, data: services.application_take(
        application=application, actor=request.user, request=request
    ),
    success=gettext_lazy("The application is yours to handle now."),
)
application_stage = _action(
    form=lambda request, application: StageForm(request.POST),
    invalid=gettext_lazy("Choose one of the stages shown."),
    run=lambda request, application, data: services.application_move(
        application=application, stage=data["stage"], actor=request.user, request=request
    ),
    success=gettext_lazy("Stage changed; the applicant has been told by email."),
)
application_accept = _action(
    form=lambda request, application: AcceptForm(request.POST, groups=_groups_for(request.user)),
    invalid=gettext_lazy("Choose a supervision group from the list, or none."),
    run=lambda request, application, data: services.application_accept(
        application=application, actor=request.user, group=data["group"], request=request
    ),
    success=gettext_lazy(
        "Accepted: the trainee is enrolled in the cohort's courses and has been sent a welcome email."
    ),
)
application_book = _action(
    form=lambda request, application: BookForForm(request.POST, slots=InterviewSlot.objects.bookable_for(application)),
    invalid=gettext_lazy("That interview time is no longer free. Choose another one."),
    run=lambda request, application, data: services.slot_book(
        slot=data["slot"], application=application, actor=request.user, request=request
    ),
    success=gettext_lazy("The interview is booked; the applicant and the interviewer get a calendar invitation."),
)
application_release = _action(
    run=lambda request, application, data: services.slot_release(
        application=application, actor=request.user, request=request
    ),
    success=gettext_lazy("The interview is cancelled; the applicant has been told."),
)
note_add = sensitive_post_parameters("text")(
    _action(
        form=lambda request, application: NoteForm(request.POST),
        invalid=gettext_lazy("Write the note (at most 5000 characters) before saving it."),
        run=lambda request, application, data: services.note_add(
            application=application, author=request.user, text=data["text"], request=request
        ),
        success=gettext_lazy(
            "Note saved. Only the coordinators handling this application and administrators can read it."
        ),
    )
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
