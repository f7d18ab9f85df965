from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import views

app_name = "home"

urlpatterns = [
    path("my/", views.my_page, name="my_page"),
    path("search/", views.search, name="search"),
    # Wagtail's sitemap lists live, public pages only: private sections never appear in it.
    path("sitemap.xml", sitemap, name="sitemap"),
]
