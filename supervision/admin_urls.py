"""Supervision's admin screens that a viewset does not give, under /admin/supervision/ (namespace `supervision_admin`).
The attendance report has its own namespace, `supervision_reports`."""

from django.urls import path

from . import admin_views
from .reports import AttendanceReportView

app_name = "supervision_admin"

urlpatterns = [
    path("sessions/<int:pk>/", admin_views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/attendance/", admin_views.session_attendance, name="session_attendance"),
    path("notes/add/<str:subject>/<int:pk>/", admin_views.note_add, name="note_add"),
    path("notes/<uuid:public_id>/", admin_views.note_edit, name="note_edit"),
    path("supporters/<int:pk>/", admin_views.supporter_detail, name="supporter_detail"),
    path("supporters/<int:pk>/approve/", admin_views.engagement_approve, name="engagement_approve"),
    path("groups/<int:pk>/members/", admin_views.group_members, name="group_members"),
]

report_urlpatterns = (
    [
        path("attendance/", AttendanceReportView.as_view(), name="attendance"),
        path("attendance/results/", AttendanceReportView.as_view(results_only=True), name="attendance_results"),
    ],
    "supervision_reports",
)
