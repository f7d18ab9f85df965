"""The training app's admin screens, under /admin/training/ (namespace `courses_admin`)."""

from django.urls import path

from . import admin_views

app_name = "courses_admin"

urlpatterns = [
    path("progress/", admin_views.ProgressReportView.as_view(), name="progress"),
    path("progress/results/", admin_views.ProgressReportView.as_view(results_only=True), name="progress_results"),
    path("enrol/", admin_views.bulk_enrol, name="bulk_enrol"),
]
