"""Recruitment's admin screens that a viewset does not give, under /admin/recruitment/ (namespace
`recruitment_admin`)."""

from django.urls import path

from . import admin_views

app_name = "recruitment_admin"

urlpatterns = [
    path("applications/<int:pk>/", admin_views.application_detail, name="application_detail"),
    path("applications/<int:pk>/take/", admin_views.application_take, name="application_take"),
    path("applications/<int:pk>/stage/", admin_views.application_stage, name="application_stage"),
    path("applications/<int:pk>/accept/", admin_views.application_accept, name="application_accept"),
    path("applications/<int:pk>/book/", admin_views.application_book, name="application_book"),
    path("applications/<int:pk>/release/", admin_views.application_release, name="application_release"),
    path("applications/<int:pk>/notes/", admin_views.note_add, name="note_add"),
    path("slots/<int:pk>/cancel/", admin_views.slot_cancel, name="slot_cancel"),
]
