from django.urls import path

from . import views

app_name = "home"

urlpatterns = [
    path("my/", views.my_page, name="my_page"),
]
