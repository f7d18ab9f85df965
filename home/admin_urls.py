"""home's admin screens, under /admin/reports/ (namespace `home_admin`)."""

from django.urls import path

from .admin_views import translations_report

app_name = "home_admin"

urlpatterns = [
    path("translations/", translations_report, name="translations_report"),
]
