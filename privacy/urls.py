from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
    path("delete/", views.delete_account, name="delete_account"),
    path("after-engagement/", views.after_engagement, name="after_engagement"),
]
