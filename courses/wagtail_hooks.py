"""Wiring only: My page panel, admin URLs and menu (the code is in outline, admin_views)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from home.hooks import MY_PAGE_PANELS_HOOK
from home.menu import PermissionMenuItem
from home.panels import Panel

from . import admin_urls
from .models import CoursePage, Enrollment
from .models.progress import can_enrol_others, can_view_progress
from .outline import outlines_for_enrollments


@hooks.register(MY_PAGE_PANELS_HOOK)
def add_my_training_panel(request, panels):
    user = request.user
    if not user.is_authenticated:
        return
    enrollments = list(Enrollment.objects.current().for_user(user).select_related("course"))
    # One query for the live course pages: those of the person's courses (the outlines) and the open ones.
    live_pages = list(CoursePage.objects.live().select_related("course"))
    outlines = outlines_for_enrollments(enrollments, pages=live_pages)
    enrolled_course_ids = {enrollment.course_id for enrollment in enrollments}
    open_courses = [
        page
        for page in live_pages
        if page.course_id not in enrolled_course_ids and page.course is not None and page.course.is_enrolment_open()
    ]
    panels.append(
        Panel(
            name="training",
            title=_("My training"),
            order=100,
            template_name="courses/panels/my_training.html",
            context={
                "active": [o for o in outlines if o.enrollment.status == Enrollment.Status.ACTIVE],
                "completed": [o for o in outlines if o.enrollment.status == Enrollment.Status.COMPLETED],
                "open_courses": open_courses,
            },
        )
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("training/", include(admin_urls))]


@hooks.register("register_reports_menu_item")
def register_progress_report_menu_item():
    return PermissionMenuItem(
        _("Training progress"),
        reverse("courses_admin:progress"),
        icon_name="list-ul",
        order=900,
        check=can_view_progress,
    )


@hooks.register("register_admin_menu_item")
def register_bulk_enrol_menu_item():
    return PermissionMenuItem(
        _("Enrol trainees"),
        reverse("courses_admin:bulk_enrol"),
        icon_name="user",
        order=850,
        check=can_enrol_others,
    )
