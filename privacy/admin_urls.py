"""Privacy's admin screens, under /admin/privacy/ (namespace `privacy_admin`)."""

from django.urls import path

from .admin_views import export_person

app_name = "privacy_admin"

urlpatterns = [
    path("export/<int:user_pk>/", export_person, name="export_person"),
]
