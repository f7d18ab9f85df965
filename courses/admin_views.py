"""Wagtail admin screens of the training app: the progress report and enrolling a list of people."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from lms.exports import OsloExportMixin, OsloTimeColumn, ValuesExportMixin, export_fields
from lms.models import Institution

from . import services
from .forms import BulkEnrolmentForm
from .models import Course, Enrollment, ModuleCompletion, ModulePage, QuizAttempt
from .models.progress import can_view_progress, enrolment_institution


def _count(queryset):
    return Coalesce(
        Subquery(queryset.order_by().values("enrollment_id").annotate(n=Count("pk")).values("n")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def module_totals() -> dict[int, int]:
    """{course pk: live modules in it}, for every course, in one query (a course has few modules, a site few
    courses)."""
    live_children = Coalesce(
        Subquery(
            ModulePage.objects.live()
            .filter(path__startswith=OuterRef("page__path"), depth=OuterRef("page__depth") + 1)
            .order_by()
            .values("depth")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        Value(0),
        output_field=IntegerField(),
    )
    return dict(Course.objects.annotate(n=live_children).values_list("pk", "n"))


def progress_queryset(user):
    """Enrolments `user` may follow, each annotated in SQL (no per-row queries): modules done and in the course,
    percent, submitted quiz attempts. The modules in each course are counted once per course beforehand
    (`module_totals`) and enter the query as constants: as a subquery per row (a prefix match on the page tree),
    SQLite evaluated it three times per row, 80 % of a 2,000-row export's SQL."""
    module_total = Case(
        *[When(course_id=pk, then=Value(total)) for pk, total in module_totals().items() if total],
        default=Value(0),
        output_field=IntegerField(),
    )
    return (
        Enrollment.objects.visible_to(user)
        .select_related("user", "user__institution", "course")
        .annotate(
            modules_done=_count(ModuleCompletion.objects.filter(enrollment=OuterRef("pk"), module__live=True)),
            module_total=module_total,
            attempt_count=_count(QuizAttempt.objects.filter(enrollment=OuterRef("pk"), status="submitted")),
        )
        .annotate(
            percent=Case(
                When(module_total=0, then=Value(0)),
                default=F("modules_done") * 100 / F("module_total"),
                output_field=IntegerField(),
            )
        )
        .order_by("course__title", "user__full_name", "pk")
    )


class ProgressFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(label=_("Course"), queryset=Course.objects.all())
    institution = django_filters.ModelChoiceFilter(
        label=_("Institution"), field_name="user__institution", queryset=Institution.objects.all()
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Enrollment.Status.choices)

    class Meta:
        model = Enrollment
        fields = ["course", "institution", "status"]


class ProgressReportView(ValuesExportMixin, OsloExportMixin, ReportView):
    page_title = _("Training progress")
    header_icon = "list-ul"
    model = Enrollment
    index_url_name = "courses_admin:progress"
    index_results_url_name = "courses_admin:progress_results"
    filterset_class = ProgressFilterSet
    paginate_by = 50
    columns = [
        Column("trainee", label=_("Trainee"), accessor="user.full_name"),
        Column("email", label=_("Email"), accessor="user.email"),
        Column("institution", label=_("Institution"), accessor="user.institution"),
        Column("course", label=_("Course"), accessor="course.title"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("modules_done", label=_("Modules done")),
        Column("module_total", label=_("Modules")),
        Column("percent", label=_("Percent")),
        OsloTimeColumn("last_activity_at", label=_("Last activity")),
        Column("attempt_count", label=_("Quiz attempts")),
        OsloTimeColumn("completed_at", label=_("Completed")),
    ]
    list_export, export_headings = export_fields(
        [
            ("user.full_name", _("Trainee")),
            ("user.email", _("Email")),
            ("user.institution", _("Institution")),
            ("course.title", _("Course")),
            ("get_status_display", _("Status")),
            ("modules_done", _("Modules done")),
            ("module_total", _("Modules")),
            ("percent", _("Percent")),
            ("last_activity_at", _("Last activity")),
            ("attempt_count", _("Quiz attempts")),
            ("completed_at", _("Completed")),
        ]
    )
    export_values = {"user.institution": "user__institution__name"}  # Institution.__str__ is its name
    # Search by the trainee's name or email (database search: enrolments are not in the search index).
    is_searchable = True
    search_fields = ["user__full_name", "user__preferred_name", "user__email"]
    search_backend_name = None

    def dispatch(self, request, *args, **kwargs):
        if not can_view_progress(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "training-progress"

    def get_queryset(self):
        return self.search_queryset(progress_queryset(self.request.user))


def bulk_enrol(request):
    """Enrol a list of people by email; reports who was enrolled, already enrolled, unknown or out of reach."""
    user = request.user
    institution = enrolment_institution(user)  # PermissionDenied for whoever may not enrol others
    form = BulkEnrolmentForm(request.POST or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = services.enrollment_create_bulk(
            actor=user,
            course=form.cleaned_data["course"],
            emails=form.cleaned_data["emails"],
        )
    return render(
        request,
        "courses/admin/bulk_enrol.html",
        {"form": form, "report": report, "institution": institution, "page_title": _("Enrol trainees")},
    )
