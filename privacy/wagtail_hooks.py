from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import ListingButton

from certificates.hooks import REMINDER_EXEMPT_HOLDERS_HOOK
from home.hooks import MY_PAGE_PANELS_HOOK
from home.panels import Panel
from lms import roles
from supervision.views import engagement_periods

from . import admin_urls
from .admin_views import may_export_others
from .alumni import alumni_holder_ids, may_choose_after_engagement, supporter_counts


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("privacy/", include(admin_urls))]


@hooks.register("register_user_listing_buttons")
def export_button(user, request_user):
    if may_export_others(request_user):
        yield ListingButton(_("Export data"), reverse("privacy_admin:export_person", args=[user.pk]), priority=30)


class SupporterCountsPanel(Component):
    """Admin home for coordinators and administrators: active supporters vs alumni (two queries)."""

    name = "privacy_supporter_counts"
    template_name = "privacy/admin/supporter_counts_panel.html"
    order = 85

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["counts"] = supporter_counts(parent_context["request"].user)
        return context


@hooks.register("construct_homepage_panels")
def add_supporter_counts_panel(request, panels):
    user = request.user
    if user.is_administrator or user.has_role(roles.COORDINATORS):
        panels.append(SupporterCountsPanel())


@hooks.register(REMINDER_EXEMPT_HOLDERS_HOOK)
def alumni_get_no_reminders():
    return alumni_holder_ids()


@hooks.register(MY_PAGE_PANELS_HOOK)
def after_engagement_choice(request, panels):
    """My page offers the alumnus-or-leave choice once the engagement period has ended."""

    user = request.user
    if not user.is_authenticated or not user.has_role(roles.TRAINEES):
        return
    if may_choose_after_engagement(user, periods=engagement_periods(request)):
        panels.append(
            Panel(
                name="after_engagement",
                title=_("Your engagement has ended"),
                order=50,
                template_name="privacy/panels/after_engagement.html",
            )
        )
