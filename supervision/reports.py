"""The attendance report: per supporter, for a group and a period, with CSV/XLSX. One query per page, whatever the
data (conditional counts in SQL). Scoped like every supervision screen: advisors see their supporters,
coordinators their institution's, administrators and lead advisors everyone (`access.visible_supporter_choices`)."""

from __future__ import annotations

from datetime import datetime, time

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from lms.exports import ValuesExportMixin
from lms.models import Institution

from . import access
from .exports import SupervisionExportMixin
from .models import Attendance, GroupMembership, Session, SupervisionGroup
from .oslo import OSLO, oslo_display

STATUSES = [status for status, _label in Attendance.Status.choices]


def _full_name(full_name, email):
    return get_user_model()(full_name=full_name, email=email).get_full_name()


def may_view_attendance_report(user) -> bool:
    return bool(
        user.is_authenticated
        and (access.sees_everything(user) or access.is_advisor(user) or access.is_coordinator(user))
    )


def _no_op(queryset, name, value):
    return queryset  # applied to the counts in AttendanceReportView.get_queryset


class AttendanceFilterSet(WagtailFilterSet):
    group = django_filters.ModelChoiceFilter(
        label=_("Group"), queryset=SupervisionGroup.objects.none(), method="filter_group"
    )
    institution = django_filters.ModelChoiceFilter(
        label=_("Institution"), field_name="institution", queryset=Institution.objects.all()
    )
    starts_on = django_filters.DateFilter(label=_("From (date)"), method=_no_op)
    ends_on = django_filters.DateFilter(label=_("To (date)"), method=_no_op)
    q = django_filters.CharFilter(label=_("Supporter name or email"), method="filter_search")

    class Meta:
        model = get_user_model()
        fields = []

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.filters["group"].queryset = SupervisionGroup.objects.visible_to(user)

    def filter_group(self, queryset, name, value):
        """Everyone who was a member of the group at any time (their counts are limited to its sessions)."""
        return queryset.filter(pk__in=GroupMembership.objects.filter(group=value).values("supporter_id"))

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(full_name__icontains=value) | Q(email__icontains=value))


def attendance_counts(queryset, *, group=None, starts_on=None, ends_on=None):
    """Annotate each supporter with their attendance at held sessions (optionally of one group, between two dates
    in Oslo), one count per status, attended (present or late), recorded, and the last session's start."""
    condition = Q(supervision_attendance__session__status=Session.Status.HELD)
    if group is not None:
        condition &= Q(supervision_attendance__session__group=group)
    if starts_on is not None:
        condition &= Q(supervision_attendance__session__starts_at__gte=datetime.combine(starts_on, time.min, OSLO))
    if ends_on is not None:
        condition &= Q(supervision_attendance__session__starts_at__lte=datetime.combine(ends_on, time.max, OSLO))
    counts = {
        f"count_{status}": Count(
            "supervision_attendance", filter=condition & Q(supervision_attendance__status=status), distinct=True
        )
        for status in STATUSES
    }
    return queryset.annotate(
        **counts,
        attended=Count(
            "supervision_attendance",
            filter=condition & Q(supervision_attendance__status__in=Attendance.ATTENDED),
            distinct=True,
        ),
        recorded=Count("supervision_attendance", filter=condition, distinct=True),
        last_session_at=Max("supervision_attendance__session__starts_at", filter=condition),
    )


class AttendanceReportView(ValuesExportMixin, SupervisionExportMixin, ReportView):
    page_title = _("Attendance report")
    header_icon = "tasks"
    model = get_user_model()
    index_url_name = "supervision_reports:attendance"
    index_results_url_name = "supervision_reports:attendance_results"
    filterset_class = AttendanceFilterSet
    paginate_by = 50
    columns = [
        Column("full_name", label=_("Supporter"), accessor="get_full_name"),
        Column("institution", label=_("Institution"), accessor="institution"),
        Column("count_present", label=_("Present")),
        Column("count_late", label=_("Late")),
        Column("count_excused", label=_("Excused")),
        Column("count_absent", label=_("Absent")),
        Column("attended", label=_("Attended (present or late)")),
        Column("recorded", label=_("Sessions recorded")),
        Column("last_session", label=_("Last session"), accessor="last_session_display"),
    ]
    list_export = [
        "get_full_name",
        "email",
        "institution",
        "count_present",
        "count_late",
        "count_excused",
        "count_absent",
        "attended",
        "recorded",
        "last_session_at",
    ]
    export_headings = {
        "get_full_name": _("Supporter"),
        "email": _("Email"),
        "institution": _("Institution"),
        "count_present": _("Present"),
        "count_late": _("Late"),
        "count_excused": _("Excused"),
        "count_absent": _("Absent"),
        "attended": _("Attended (present or late)"),
        "recorded": _("Sessions recorded"),
        "last_session_at": _("Last session (Europe/Oslo)"),
    }
    # The export reads tuples (lms.exports.ValuesExportMixin): the name as User.get_full_name gives it.
    export_values = {
        "get_full_name": (("full_name", "email"), _full_name),
        "institution": "institution__name",
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_view_attendance_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "user": self.request.user}

    def get_filename(self):
        return "supervision-attendance"

    def get_queryset(self):
        form = self.filters.form if self.filters else None
        data = form.cleaned_data if form is not None and form.is_valid() else {}
        queryset = access.visible_supporter_choices(self.request.user).select_related("institution")
        return attendance_counts(
            queryset, group=data.get("group"), starts_on=data.get("starts_on"), ends_on=data.get("ends_on")
        ).order_by("full_name", "email")

    def decorate_paginated_queryset(self, object_list):
        for row in object_list:
            row.last_session_display = oslo_display(row.last_session_at) or "—"
        return object_list
