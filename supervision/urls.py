from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.home, name="home"),
    path("urgent/", views.urgent, name="urgent"),
    path("urgent/sent/<uuid:public_id>/", views.urgent_sent, name="urgent_sent"),
    path("my-data/", views.my_data, name="my_data"),
    path("sessions/<uuid:public_id>/calendar.ics", views.session_calendar, name="session_calendar"),
]
