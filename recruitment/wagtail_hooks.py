"""Wiring only: viewsets, admin URLs, header links, the My page panel and the link on the training-closed page."""

from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import DeleteView, EditView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from courses.outline import TRAINING_ACCESS_REFUSED_HOOK
from home.hooks import HEADER_LINKS_HOOK, MY_PAGE_PANELS_HOOK, MY_PAGE_ROLE_LINKS_HOOK, PUBLIC_HEADER_LINKS_HOOK
from home.panels import Panel, RoleLink
from lms import roles

from . import admin_urls, admin_views
from .forms import SlotForm
from .models import Application, Cohort, InterviewSlot


class _Gone:
    """Views a viewset would give that recruitment does not offer (stages change through services, never a form)."""

    def dispatch(self, request, *args, **kwargs):
        raise Http404


class NoEditView(_Gone, EditView):
    pass


class NoDeleteView(_Gone, DeleteView):
    pass


class NoHistoryView(_Gone, HistoryView):
    """Unscoped by default (docs/security.md#scoped-admin-views): an application's history would name it to any
    coordinator."""


class NoUsageView(_Gone, UsageView):
    pass


APPLICATION_EXPORT = [
    "full_name",
    "email",
    "cohort.name",
    "institution_label",
    "owner_institution",
    "study_programme",
    "get_student_for_display",
    "hours_per_week",
    "get_semesters_display",
    "get_time_of_day_display",
    "languages",
    "get_stage_display",
    "created_at",
    "stage_changed_at",
]


class ApplicationViewSet(ModelViewSet):
    name = "recruitment_applications"
    model = Application
    icon = "form"
    menu_label = _("Applications")
    menu_order = 100
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    ordering = ["-created_at"]
    list_filter = ["stage", "cohort", "institution", "owner_institution"]
    search_fields = ["full_name", "email", "study_programme", "languages"]
    list_export = APPLICATION_EXPORT
    export_headings = {
        "cohort.name": _("Cohort"),
        "institution_label": _("Institution"),
        "owner_institution": _("Handled by"),
        "get_student_for_display": _("Time as a student"),
        "get_semesters_display": _("Semesters"),
        "get_time_of_day_display": _("Daytime or evening"),
        "get_stage_display": _("Stage"),
    }
    export_filename = "applications"
    form_fields = ["stage"]
    index_view_class = admin_views.ApplicationIndexView
    add_view_class = NoEditView
    edit_view_class = NoEditView
    delete_view_class = NoDeleteView
    history_view_class = NoHistoryView
    usage_view_class = NoUsageView

    @property
    def list_display(self):
        return [
            TitleColumn(
                "full_name",
                label=_("Name"),
                get_url=lambda obj: reverse("recruitment_admin:application_detail", args=[obj.pk]),
                sort_key="full_name",
            ),
            Column("cohort", label=_("Cohort")),
            Column("institution_label", label=_("Institution")),
            Column(
                "queue",
                label=_("Handled by"),
                accessor=lambda obj: obj.owner_institution or _("Shared queue"),
            ),
            Column("stage", label=_("Stage"), accessor="get_stage_display", sort_key="stage"),
            DateColumn("created_at", label=_("Applied"), sort_key="created_at"),
        ]


class SlotViewSet(ModelViewSet):
    name = "recruitment_slots"
    model = InterviewSlot
    icon = "date"
    menu_label = _("Interview times")
    menu_order = 200
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    ordering = ["starts_at"]
    list_filter = ["status", "institution"]
    list_export = [
        "starts_at",
        "duration_minutes",
        "place",
        "video_url",
        "get_status_display",
        "institution",
        "coordinator",
        "booked_by",
    ]
    export_headings = {"get_status_display": _("Status"), "booked_by": _("Booked by")}
    export_filename = "interview-times"
    form_fields = ["starts_at", "duration_minutes", "place", "video_url"]
    index_view_class = admin_views.SlotIndexView
    add_view_class = admin_views.SlotCreateView
    edit_view_class = NoEditView
    delete_view_class = NoDeleteView
    history_view_class = NoHistoryView
    usage_view_class = NoUsageView

    def get_form_class(self, for_update=False):
        return SlotForm

    @property
    def list_display(self):
        return [
            Column("starts_at", label=_("Starts"), sort_key="starts_at"),
            Column("where", label=_("Place or video")),
            Column("coordinator", label=_("Interviewer")),
            Column("status", label=_("Status"), accessor="get_status_display"),
            Column("booked", label=_("Booked by"), accessor="booked_by"),
        ]


class CohortViewSet(ModelViewSet):
    name = "recruitment_cohorts"
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    menu_order = 300
    copy_view_enabled = False
    add_to_reference_index = False
    form_fields = ["name", "intake_opens_on", "intake_closes_on", "training_deadline", "courses"]
    list_display = ["name", "intake_opens_on", "intake_closes_on", "training_deadline"]
    delete_view_class = NoDeleteView


class RecruitmentViewSetGroup(ModelViewSetGroup):
    menu_label = _("Recruitment")
    menu_icon = "form"
    menu_order = 240
    items = (ApplicationViewSet, SlotViewSet, CohortViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return RecruitmentViewSetGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("recruitment/", include(admin_urls))]


def _applicant_link():
    return {"url": reverse("recruitment:apply"), "label": _("Become a peer supporter")}


@hooks.register(PUBLIC_HEADER_LINKS_HOOK)
def add_public_apply_link(request, links):
    links.append(_applicant_link())


@hooks.register(HEADER_LINKS_HOOK)
def add_apply_link(request, links):
    """Signed-in people who are neither trainees nor staff: the way in (no query: role names are cached)."""
    user = request.user
    if user.role_names:
        return
    links.append(_applicant_link())


@hooks.register(TRAINING_ACCESS_REFUSED_HOOK)
def add_training_refused_link(request, links):
    links.append({"url": reverse("recruitment:mine"), "label": _("See your application")})
    links.append(_applicant_link())


@hooks.register(MY_PAGE_PANELS_HOOK)
def add_application_panel(request, panels):
    user = request.user
    # One query: trainees see the panel only when they have an application, everyone with a role likewise.
    applications = list(Application.objects.own_of(user).select_related("cohort"))
    if not applications and user.role_names:
        return
    panels.append(
        Panel(
            name="recruitment",
            title=_("My application"),
            order=50,
            template_name="recruitment/panels/my_application.html",
            context={"applications": applications},
        )
    )


@hooks.register(MY_PAGE_ROLE_LINKS_HOOK)
def add_pipeline_links(request, links):
    for role in (roles.COORDINATORS, roles.ADMINISTRATORS):
        if role in links:
            links[role].append(
                RoleLink(
                    label=_("Applications"),
                    url=reverse("recruitment_applications:index"),
                    description=_("New peer supporters: applications, interviews and acceptance."),
                    order=20,
                )
            )
