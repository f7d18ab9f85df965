"""Wiring only: the results screens' URLs and menu item, and counsellors' rights on every new survey page."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.hooks import MY_PAGE_ROLE_LINKS_HOOK
from home.panels import RoleLink
from lms import roles

from . import admin_urls, services
from .models import SurveyPage
from .results import can_see_results


@hooks.register("register_admin_urls")
def register_survey_admin_urls():
    return [path("survey/", include(admin_urls))]


class SurveyResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_results(request.user)


@hooks.register("register_admin_menu_item")
def register_survey_menu_item():
    return SurveyResultsMenuItem(_("Survey results"), reverse("survey_admin:index"), icon_name="table", order=450)


@hooks.register("after_create_page")
def give_counsellors_new_surveys(request, page):
    if isinstance(page.specific, SurveyPage):
        services.survey_page_set_up(page=page)


@hooks.register(MY_PAGE_ROLE_LINKS_HOOK)
def add_survey_results_links(request, links):
    for role in (roles.COUNSELLORS, roles.ADMINISTRATORS):
        if role in links:
            links[role].append(
                RoleLink(
                    label=_("Survey results"),
                    url=reverse("survey_admin:index"),
                    description=_("Charts, counts and free-text answers; CSV and XLSX export."),
                    order=300,
                )
            )
