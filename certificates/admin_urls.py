from django.urls import path

from .views import admin

app_name = "certificates_admin"

urlpatterns = [
    path("issue/", admin.manual_issue, name="issue"),
    path("zip/", admin.course_zip, name="zip"),
    path("<int:pk>/correct/", admin.correct, name="correct"),
    path("<int:pk>/<str:action>/", admin.status_action, name="action"),
]
