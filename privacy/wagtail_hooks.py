from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from .admin_views import export_person, may_export_others


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("privacy/export/<int:user_pk>/", export_person, name="privacy_export_person")]


@hooks.register("register_user_listing_buttons")
def export_button(user, request_user):
    if may_export_others(request_user):
        yield ListingButton(_("Export data"), reverse("privacy_export_person", args=[user.pk]), priority=30)
