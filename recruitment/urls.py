from django.urls import path

from . import views

app_name = "recruitment"

urlpatterns = [
    path("", views.apply, name="apply"),
    path("my-application/", views.mine, name="mine"),
    path("my-application/<uuid:public_id>/book/<uuid:slot_id>/", views.book, name="book"),
    path("my-application/<uuid:public_id>/cancel-interview/", views.cancel_booking, name="cancel_booking"),
    path("my-application/<uuid:public_id>/withdraw/", views.withdraw, name="withdraw"),
    path("my-application/<uuid:public_id>/interview.ics", views.interview_calendar, name="interview_calendar"),
]
