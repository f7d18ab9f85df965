"""Survey results in the admin, under /admin/survey/ (namespace `survey_admin`)."""

from django.urls import path

from . import admin_views

app_name = "survey_admin"

urlpatterns = [
    path("", admin_views.survey_index, name="index"),
    path("<int:page_id>/", admin_views.survey_results_view, name="results"),
    path("<int:page_id>/answers.csv", admin_views.survey_export, {"fmt": "csv"}, name="export_csv"),
    path("<int:page_id>/answers.xlsx", admin_views.survey_export, {"fmt": "xlsx"}, name="export_xlsx"),
]
