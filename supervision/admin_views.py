"""Wagtail admin screens of supervision that a viewset does not give: session detail, attendance, notes, the
supporter detail with approval, and group membership. Querysets are scoped by each model's `visible_to(user)`;
objects a user may not see answer 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods
from wagtail.admin.views.generic import DeleteView, EditView, IndexView, InspectView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.models import CreateView
from wagtail.admin.views.generic.usage import UsageView

from . import access, services
from .exports import SupervisionExportMixin
from .forms import AttendanceForm, MoveMemberForm, NoteForm
from .models import Attendance, EngagementPeriod, Note, Session, SupervisionGroup, SupervisionSettings

# --- scoping for viewset views -------------------------------------------------------------------------------------


class ScopedObjectMixin:
    """An object the user may not see answers 404 (never a 403 that confirms it). The scope is the model's own
    `QuerySet.visible_to(user)`."""

    def scope_queryset(self, queryset):
        return queryset.visible_to(self.request.user)

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.scope_queryset(self.model._default_manager.filter(pk=obj.pk)).exists():
            raise Http404
        return obj


class ScopedMixin(ScopedObjectMixin):
    """Also limit listings to what the user may see."""

    def get_base_queryset(self):
        return self.scope_queryset(super().get_base_queryset())


class ScopedIndexView(ScopedMixin, IndexView):
    pass


class ScopedEditView(ScopedMixin, EditView):
    pass


class ScopedDeleteView(ScopedMixin, DeleteView):
    pass


class ScopedInspectView(ScopedMixin, InspectView):
    pass


# The history and usage listings are of log entries and references, not of the model: scoping their base queryset
# would be a FieldError (docs/security.md#scoped-admin-views); their object is scoped.
class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, UsageView):
    pass


class SessionCreateView(CreateView):
    def save_instance(self):
        return services.session_save(session=self.form.instance, actor=self.request.user, request=self.request)

    def get_success_url(self):
        return reverse("supervision_admin:session_detail", args=[self.object.pk])


class SessionEditView(ScopedEditView):
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        self.previous = services.session_snapshot(obj)
        return obj

    def save_instance(self):
        return services.session_save(
            session=self.form.instance, actor=self.request.user, request=self.request, previous=self.previous
        )


class SessionIndexView(SupervisionExportMixin, ScopedIndexView):
    pass


class AssignmentIndexView(SupervisionExportMixin, ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("advisor", "supporter")


class EngagementIndexView(SupervisionExportMixin, ScopedIndexView):
    """ "My supporters": one row per engagement period with attendance and hours against the requirements, and
    under the listing the supporters the user follows who have no engagement period yet (they are still theirs)."""

    template_name = "supervision/admin/engagement_index.html"

    def get_base_queryset(self):
        rules = SupervisionSettings.current(self.request).rules()
        return super().get_base_queryset().with_progress(rules).select_related("supporter", "institution")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only:
            context["without_period"] = list(
                access.visible_supporter_choices(self.request.user)
                .filter(engagement_periods__isnull=True)
                .select_related("institution")[:200]
            )
        return context


def ready_to_approve(request, limit: int = 20) -> dict:
    """Engagement periods the user may approve now (coordinators: their institution's), for the admin home."""
    rules = SupervisionSettings.current(request).rules()
    user = request.user
    periods = EngagementPeriod.objects.with_progress(rules).ready_to_approve().approvable_by(user)
    periods = list(periods.select_related("supporter", "institution").order_by("ends_on", "pk")[: limit + 1])
    return {"periods": periods[:limit], "more": len(periods) > limit}


class EngagementEditView(ScopedEditView):
    pass


class GroupIndexView(SupervisionExportMixin, ScopedIndexView):
    pass


# --- assignments and groups: saved through services, which apply the authority rule and audit ---------------------


class AuthorityEditMixin:
    """Change screens of assignments and groups: an object the user sees but may not manage is refused (the rule in
    `access`, through the permission policy), and one they do not see answers 404 (ScopedMixin)."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.permission_required, obj
        ):
            raise PermissionDenied
        return obj


class AuthoritySaveMixin:
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("You may not change who supervises this supporter."))
            return self.form_invalid(form)


class AssignmentCreateView(AuthoritySaveMixin, CreateView):
    def save_instance(self):
        return services.assignment_save(assignment=self.form.instance, actor=self.request.user, request=self.request)


class AssignmentEditView(AuthoritySaveMixin, AuthorityEditMixin, ScopedEditView):
    def save_instance(self):
        return services.assignment_save(assignment=self.form.instance, actor=self.request.user, request=self.request)


class AssignmentDeleteView(AuthorityEditMixin, ScopedDeleteView):
    def delete_action(self):
        services.assignment_delete(assignment=self.object, actor=self.request.user, request=self.request)


def _save_group(view):
    group = view.form.save(commit=False)
    return services.group_save(
        group=group, advisors=view.form.cleaned_data["advisors"], actor=view.request.user, request=view.request
    )


class GroupCreateView(AuthoritySaveMixin, CreateView):
    def save_instance(self):
        return _save_group(self)

    def get_success_url(self):
        return reverse("supervision_admin:group_members", args=[self.object.pk])


class GroupEditView(AuthoritySaveMixin, AuthorityEditMixin, ScopedEditView):
    def save_instance(self):
        return _save_group(self)


class GroupDeleteView(AuthorityEditMixin, ScopedDeleteView):
    def delete_action(self):
        services.group_delete(group=self.object, actor=self.request.user, request=self.request)


# --- sessions ------------------------------------------------------------------------------------------------------


def _session_or_404(request, pk) -> Session:
    queryset = Session.objects.select_related("advisor", "group", "supporter").visible_to(request.user)
    return get_object_or_404(queryset, pk=pk)


def session_detail(request, pk):
    session = _session_or_404(request, pk)
    participants = list(session.participant_users())
    statuses = dict(session.attendance.values_list("supporter_id", "status"))
    labels = dict(Attendance.Status.choices)
    rows = [(user, labels.get(statuses.get(user.pk), "")) for user in participants]
    notes = list(Note.objects.visible_to(request.user).filter(session=session).select_related("author"))
    services.notes_read(notes=notes, reader=request.user, request=request, via="session_detail")
    return TemplateResponse(
        request,
        "supervision/admin/session_detail.html",
        {
            "session": session,
            "rows": rows,
            "notes": notes,
            "can_write_notes": access.is_advisor(request.user),
            "snapshotted": session.participants.exists(),
        },
    )


@require_http_methods(["GET", "POST"])
def session_attendance(request, pk):
    """Attendance for the whole session on one screen: a fieldset of radio buttons per participant, one submit."""
    session = _session_or_404(request, pk)
    if not access.is_advisor(request.user) and not access.sees_everything(request.user):
        raise PermissionDenied
    if session.status == Session.Status.CANCELLED:
        messages.error(request, _("This session was cancelled; attendance cannot be taken."))
        return redirect("supervision_admin:session_detail", pk=session.pk)
    if not session.has_started():
        messages.error(request, session.not_started_message())
        return redirect("supervision_admin:session_detail", pk=session.pk)
    participants = list(session.participant_users())
    existing = dict(session.attendance.values_list("supporter_id", "status"))
    if request.method == "POST" and "all_present" in request.POST:
        # "Mark everyone present" fills the form for review; nothing is saved until "Save attendance".
        existing = {user.pk: Attendance.Status.PRESENT for user in participants}
        form = AttendanceForm(participants=participants, existing=existing)
        return TemplateResponse(
            request, "supervision/admin/attendance.html", {"session": session, "form": form, "prefilled": True}
        )
    form = AttendanceForm(request.POST or None, participants=participants, existing=existing)
    if request.method == "POST":
        if form.is_valid():
            try:
                result = services.attendance_record(
                    session=session, statuses=form.statuses(), actor=request.user, request=request
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if result["created"] or result["changed"]:
                    messages.success(request, _("Attendance saved."))
                else:
                    messages.info(request, _("Attendance was already recorded; nothing changed."))
                return redirect("supervision_admin:session_detail", pk=session.pk)
        messages.error(request, _("Attendance was not saved. Please correct the errors below."))
    return TemplateResponse(
        request,
        "supervision/admin/attendance.html",
        {"session": session, "form": form},
        status=400 if form.errors else 200,
    )


# --- notes ---------------------------------------------------------------------------------------------------------


def _require_advisor(user):
    if not access.is_advisor(user):
        raise PermissionDenied


@sensitive_post_parameters("text")
@sensitive_variables("form")
@require_http_methods(["GET", "POST"])
def note_add(request, subject, pk):
    """An advisor writes a note on a session or a supporter they can see."""
    _require_advisor(request.user)
    session = supporter = None
    if subject == "session":
        session = _session_or_404(request, pk)
        back = reverse("supervision_admin:session_detail", args=[session.pk])
    else:
        period = get_object_or_404(EngagementPeriod.objects.visible_to(request.user), pk=pk)
        supporter = period.supporter
        back = reverse("supervision_admin:supporter_detail", args=[period.pk])
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.note_create(
            author=request.user, text=form.cleaned_data["text"], session=session, supporter=supporter, request=request
        )
        messages.success(request, _("Note saved. Only you and the lead advisors can read it."))
        return redirect(back)
    return TemplateResponse(
        request,
        "supervision/admin/note_form.html",
        {"form": form, "session": session, "supporter": supporter, "back": back},
        status=400 if form.errors else 200,
    )


@sensitive_post_parameters("text")
@sensitive_variables("form")
@require_http_methods(["GET", "POST"])
def note_edit(request, public_id):
    note = get_object_or_404(Note.objects.filter(author=request.user), public_id=public_id)
    _require_advisor(request.user)
    form = NoteForm(request.POST or None, initial={"text": note.text})
    if request.method == "POST":
        if request.POST.get("delete"):
            services.note_delete(note=note, actor=request.user, request=request)
            messages.success(request, _("Note deleted."))
            return redirect("wagtailadmin_home")
        if form.is_valid():
            services.note_update(note=note, text=form.cleaned_data["text"], actor=request.user, request=request)
            messages.success(request, _("Note saved."))
            return redirect("wagtailadmin_home")
    else:
        services.notes_read(notes=[note], reader=request.user, request=request, via="note_edit")
    return TemplateResponse(
        request, "supervision/admin/note_form.html", {"form": form, "note": note}, status=400 if form.errors else 200
    )


# --- supporters and the engagement certificate ---------------------------------------------------------------------


def supporter_detail(request, pk):
    rules = SupervisionSettings.current(request).rules()
    queryset = EngagementPeriod.objects.with_progress(rules).visible_to(request.user)
    period = get_object_or_404(queryset.select_related("supporter", "institution"), pk=pk)
    supporter = period.supporter
    attendance = (
        Attendance.objects.filter(supporter=supporter).select_related("session").order_by("-session__starts_at")[:50]
    )
    notes = list(Note.objects.visible_to(request.user).about(supporter).select_related("author", "session"))
    services.notes_read(notes=notes, reader=request.user, request=request, via="supporter_detail")
    return TemplateResponse(
        request,
        "supervision/admin/supporter_detail.html",
        {
            "period": period,
            "supporter": supporter,
            "requirements": period.requirements(rules),
            "all_met": period.requirements_met(rules),
            "behind": period.is_behind_pace(rules),
            "attendance": attendance,
            "notes": notes,
            "can_write_notes": access.is_advisor(request.user),
            "can_approve": EngagementPeriod.objects.filter(pk=period.pk).approvable_by(request.user).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
def engagement_approve(request, pk):
    """GET: a confirmation page with the requirements; POST: approve and issue the engagement certificate."""
    rules = SupervisionSettings.current(request).rules()
    queryset = EngagementPeriod.objects.with_progress(rules).visible_to(request.user)
    period = get_object_or_404(queryset.select_related("supporter", "institution"), pk=pk)
    if not EngagementPeriod.objects.filter(pk=period.pk).approvable_by(request.user).exists():
        raise PermissionDenied
    if request.method == "GET":
        return TemplateResponse(
            request,
            "supervision/admin/approve_confirm.html",
            {
                "period": period,
                "supporter": period.supporter,
                "requirements": period.requirements(rules),
                "all_met": period.requirements_met(rules),
            },
        )
    try:
        services.engagement_approve(period=period, actor=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Approved. The engagement certificate was issued."))
    return redirect("supervision_admin:supporter_detail", pk=period.pk)


# --- groups --------------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def group_members(request, pk):
    """A group's membership history; those who manage the group (decision 0056) add, move and remove members."""
    group = get_object_or_404(SupervisionGroup.objects.visible_to(request.user), pk=pk)
    may_edit = access.may_manage_group(request.user, group)
    form = MoveMemberForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if request.POST.get("remove"):
            member_ids = group.memberships.open().values("supporter_id")
            supporter = get_object_or_404(
                access.manageable_supporters(request.user).filter(pk__in=member_ids), pk=request.POST["remove"]
            )
            services.group_member_remove(supporter=supporter, group=group, actor=request.user, request=request)
            messages.success(request, _("%(name)s left the group.") % {"name": supporter})
            return redirect("supervision_admin:group_members", pk=group.pk)
        if form.is_valid():
            supporter = form.cleaned_data["supporter"]
            try:
                services.group_member_move(supporter=supporter, to_group=group, actor=request.user, request=request)
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
            else:
                messages.success(request, _("%(name)s is now in this group.") % {"name": supporter})
                return redirect("supervision_admin:group_members", pk=group.pk)
    memberships = group.memberships.select_related("supporter").order_by("left_at", "supporter__full_name")
    return TemplateResponse(
        request,
        "supervision/admin/group_members.html",
        {"group": group, "memberships": memberships, "form": form, "may_edit": may_edit},
        status=400 if form.errors else 200,
    )
