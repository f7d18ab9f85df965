"""Wiring only: viewsets, admin URLs, the admin home panel and the My page panel."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from certificates.hooks import RECONCILE_SOURCES_HOOK
from courses.models.progress import PROGRESS_VISIBILITY_HOOK
from home.hooks import HEADER_LINKS_HOOK, MY_PAGE_PANELS_HOOK
from home.menu import PermissionMenuItem
from home.panels import Panel
from lms import roles

from . import access, admin_urls, admin_views
from .filters import EngagementFilterSet, SessionFilterSet
from .forms import AssignmentForm, EngagementPeriodForm, GroupForm, SessionForm
from .integration import reconcile_engagement_certificates as reconcile
from .models import AdvisorAssignment, AdvisorProfile, EngagementPeriod, Session, SupervisionGroup
from .oslo import oslo_display
from .reports import may_view_attendance_report
from .views import supporter_overview

SESSION_EXPORT = [
    "topic",
    "starts_at",
    "duration_minutes",
    "get_kind_display",
    "group",
    "supporter",
    "advisor",
    "get_status_display",
    "place",
    "online_url",
]
SESSION_EXPORT_HEADINGS = {
    "topic": _("Topic"),
    "starts_at": _("Starts (Europe/Oslo)"),
    "duration_minutes": _("Duration (minutes)"),
    "get_kind_display": _("Kind"),
    "group": _("Group"),
    "supporter": _("Supporter"),
    "advisor": _("Advisor"),
    "get_status_display": _("Status"),
    "place": _("Place"),
    "online_url": _("Online meeting link"),
}


def oslo_column(name):
    return lambda obj: oslo_display(getattr(obj, name))


class SessionViewSet(ModelViewSet):
    name = "supervision_sessions"
    model = Session
    icon = "date"
    menu_label = _("Sessions")
    menu_order = 100
    add_to_admin_menu = False
    copy_view_enabled = False
    add_to_reference_index = False
    ordering = ["-starts_at"]
    filterset_class = SessionFilterSet
    list_export = SESSION_EXPORT
    export_headings = SESSION_EXPORT_HEADINGS
    export_filename = "supervision-sessions"
    search_fields = ["topic"]
    index_view_class = admin_views.SessionIndexView
    delete_view_class = admin_views.ScopedDeleteView
    history_view_class = admin_views.ScopedHistoryView
    usage_view_class = admin_views.ScopedUsageView
    add_view_class = admin_views.SessionCreateView
    edit_view_class = admin_views.SessionEditView
    edit_handler = ObjectList(
        [
            FieldPanel("kind"),
            FieldPanel("advisor"),
            FieldPanel("group"),
            FieldPanel("supporter"),
            FieldPanel("starts_at"),
            FieldPanel("duration_minutes"),
            FieldPanel("place"),
            FieldPanel("online_url"),
            FieldPanel("topic"),
            FieldPanel("status"),
            FieldPanel("confirm_overlap"),
        ],
        base_form_class=SessionForm,
    )

    @property
    def list_display(self):
        return [
            TitleColumn(
                "topic",
                label=_("Topic"),
                get_url=lambda obj: reverse("supervision_admin:session_detail", args=[obj.pk]),
                sort_key="topic",
            ),
            Column(
                "starts_at", label=_("Starts (Europe/Oslo)"), accessor=oslo_column("starts_at"), sort_key="starts_at"
            ),
            Column("kind", label=_("Kind"), accessor="get_kind_display"),
            Column("with", label=_("Group or supporter"), accessor=lambda s: s.group or s.supporter),
            Column("advisor", label=_("Advisor")),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        ]


class EngagementViewSet(ModelViewSet):
    name = "supervision_supporters"
    model = EngagementPeriod
    icon = "group"
    menu_label = _("Supporters")
    menu_order = 50
    copy_view_enabled = False
    add_to_reference_index = False
    ordering = ["supporter__full_name"]
    filterset_class = EngagementFilterSet
    list_export = [
        "supporter_name",
        "supporter.email",
        "institution.name",
        "starts_on",
        "ends_on",
        "get_status_display",
        "sessions_attended",
        "activity_hours",
        "sessions_progress",
        "hours_progress",
        "course_certificate",
        "behind_pace",
        "approved_at",
    ]
    export_headings = {
        "supporter_name": _("Supporter"),
        "supporter.email": _("Email"),
        "institution.name": _("Institution"),
        "starts_on": _("Start"),
        "ends_on": _("End"),
        "get_status_display": _("Status"),
        "sessions_attended": _("Sessions attended (number)"),
        "activity_hours": _("Hours of activity (number)"),
        "sessions_progress": _("Sessions attended"),
        "hours_progress": _("Hours of activity"),
        "course_certificate": _("Course certificate"),
        "behind_pace": _("Pace"),
        "approved_at": _("Approved (Europe/Oslo)"),
    }
    export_filename = "supervision-supporters"
    search_fields = ["supporter__full_name", "supporter__email"]
    index_view_class = admin_views.EngagementIndexView
    edit_view_class = admin_views.EngagementEditView
    edit_handler = ObjectList(
        [
            FieldPanel("supporter"),
            FieldPanel("institution"),
            FieldPanel("starts_on"),
            FieldPanel("ends_on"),
            FieldPanel("status"),
        ],
        base_form_class=EngagementPeriodForm,
    )
    delete_view_class = admin_views.ScopedDeleteView
    history_view_class = admin_views.ScopedHistoryView
    usage_view_class = admin_views.ScopedUsageView

    @property
    def list_display(self):
        return [
            TitleColumn(
                "supporter_name",
                label=_("Supporter"),
                accessor="supporter_name",
                get_url=lambda obj: reverse("supervision_admin:supporter_detail", args=[obj.pk]),
                sort_key="supporter__full_name",
            ),
            Column("institution", label=_("Institution")),
            Column("starts_on", label=_("Start"), sort_key="starts_on"),
            Column("ends_on", label=_("End"), sort_key="ends_on"),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("sessions", label=_("Sessions attended"), accessor="sessions_progress"),
            Column("hours", label=_("Hours of activity"), accessor="hours_progress"),
            Column("course_certificate", label=_("Course certificate"), accessor="course_certificate"),
            Column("pace", label=_("Pace"), accessor="behind_pace"),
        ]


class GroupViewSet(ModelViewSet):
    name = "supervision_groups"
    model = SupervisionGroup
    icon = "folder-open-inverse"
    menu_label = _("Groups")
    menu_order = 200
    copy_view_enabled = False
    add_to_reference_index = False
    list_filter = ["institution"]
    list_export = ["name", "institution"]
    export_headings = {"name": _("Name"), "institution": _("Institution")}
    index_view_class = admin_views.GroupIndexView
    add_view_class = admin_views.GroupCreateView
    edit_view_class = admin_views.GroupEditView
    delete_view_class = admin_views.GroupDeleteView
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("institution"), FieldPanel("advisors")], base_form_class=GroupForm
    )
    history_view_class = admin_views.ScopedHistoryView
    usage_view_class = admin_views.ScopedUsageView

    @property
    def list_display(self):
        return [
            TitleColumn(
                "name",
                label=_("Name"),
                get_url=lambda obj: reverse("supervision_admin:group_members", args=[obj.pk]),
                sort_key="name",
            ),
            Column("institution", label=_("Institution")),
        ]


class AssignmentViewSet(ModelViewSet):
    name = "supervision_assignments"
    model = AdvisorAssignment
    icon = "user"
    menu_label = _("Advisor assignments")
    menu_order = 300
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = ["__str__", "starts_on", "ends_on"]
    list_filter = ["advisor"]
    list_export = ["advisor", "supporter", "starts_on", "ends_on"]
    export_headings = {"advisor": _("Advisor"), "supporter": _("Supporter"), "starts_on": _("From"), "ends_on": _("To")}
    index_view_class = admin_views.AssignmentIndexView
    add_view_class = admin_views.AssignmentCreateView
    edit_view_class = admin_views.AssignmentEditView
    delete_view_class = admin_views.AssignmentDeleteView
    edit_handler = ObjectList(
        [FieldPanel("advisor"), FieldPanel("supporter"), FieldPanel("starts_on"), FieldPanel("ends_on")],
        base_form_class=AssignmentForm,
    )
    history_view_class = admin_views.ScopedHistoryView
    usage_view_class = admin_views.ScopedUsageView


class AdvisorProfileViewSet(ModelViewSet):
    name = "supervision_leads"
    model = AdvisorProfile
    icon = "crosshairs"
    menu_label = _("Lead advisors")
    menu_order = 400
    copy_view_enabled = False
    add_to_reference_index = False
    form_fields = ["user", "is_lead"]
    list_display = ["__str__", "is_lead"]


class SupervisionViewSetGroup(ModelViewSetGroup):
    menu_label = _("Supervision")
    menu_icon = "group"
    menu_order = 250
    items = (EngagementViewSet, SessionViewSet, GroupViewSet, AssignmentViewSet, AdvisorProfileViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return SupervisionViewSetGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("supervision/", include(admin_urls)),
        path("supervision/reports/", include(admin_urls.report_urlpatterns, namespace="supervision_reports")),
    ]


@hooks.register("register_reports_menu_item")
def register_attendance_report_menu_item():
    return PermissionMenuItem(
        _("Attendance"),
        reverse("supervision_reports:attendance"),
        icon_name="tasks",
        order=910,
        check=may_view_attendance_report,
    )


class UpcomingSessionsPanel(Component):
    """Admin home: the signed-in advisor's next sessions."""

    name = "supervision_upcoming"
    template_name = "supervision/admin/home_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        context["sessions"] = list(
            Session.objects.for_advisor(request.user).upcoming().select_related("group", "supporter")[:10]
        )
        return context


class ReadyToApprovePanel(Component):
    """Admin home for coordinators (and administrators): engagement certificates ready to approve. One query."""

    name = "supervision_ready_to_approve"
    template_name = "supervision/admin/ready_panel.html"
    order = 80

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        context.update(admin_views.ready_to_approve(request))
        return context


@hooks.register("construct_homepage_panels")
def add_upcoming_sessions_panel(request, panels):
    if access.is_advisor(request.user):
        panels.insert(0, UpcomingSessionsPanel())
    if access.is_coordinator(request.user) or (request.user.is_authenticated and request.user.is_administrator):
        panels.insert(0, ReadyToApprovePanel())


@hooks.register(MY_PAGE_PANELS_HOOK)
def add_supervision_panel(request, panels):
    """Supporters (the Trainees role) see their sessions, progress and the urgent link on My page."""

    if not request.user.has_role(roles.TRAINEES):
        return
    context = supporter_overview(request)
    panels.append(
        Panel(
            name="supervision",
            title=_("Supervision"),
            order=300,
            template_name="supervision/panels/my_supervision.html",
            context=context,
        )
    )


@hooks.register(HEADER_LINKS_HOOK)
def add_urgent_header_link(request, links):
    """Duty to report: one click from every signed-in page to what to do when life or health is in danger."""
    links.append(
        {
            "url": reverse("supervision:urgent"),
            "label": _("Urgent: life or health in danger"),
            "css_class": "header-link--urgent",
        }
    )


@hooks.register(PROGRESS_VISIBILITY_HOOK)
def training_progress_of_my_supporters(user):
    """Courses' progress report and its export: advisors also follow the supporters assigned to them now or in a
    group they advise now (one subquery)."""
    if access.is_advisor(user):
        return access.visible_supporters_for_advisor(user).values("pk")
    return None


@hooks.register(RECONCILE_SOURCES_HOOK)
def reconcile_engagement_certificates(*, dry_run=False):
    return reconcile(dry_run=dry_run)
