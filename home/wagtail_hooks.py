"""Wiring only: the links the foundation itself gives each role on My page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lms import roles

from .panels import RoleLink


@hooks.register("construct_my_page_role_links")
def foundation_role_links(request, links):
    admin_home = RoleLink(label=_("Open the admin"), url=reverse("wagtailadmin_home"), order=900)
    if roles.COUNSELLORS in links:
        links[roles.COUNSELLORS] += [
            RoleLink(
                label=_("Edit pages"),
                url=reverse("wagtailadmin_explore_root"),
                description=_("Write and publish the information pages of the site."),
                order=10,
            ),
            RoleLink(
                label=_("Images and documents"),
                url=reverse("wagtailimages:index"),
                description=_("Upload pictures and handouts for pages and training."),
                order=20,
            ),
            admin_home,
        ]
    for role in (roles.ADVISORS, roles.COORDINATORS):
        if role in links:
            links[role].append(admin_home)
    if roles.ADMINISTRATORS in links:
        links[roles.ADMINISTRATORS] += [
            RoleLink(
                label=_("Users and roles"),
                url=reverse("wagtailusers_users:index"),
                description=_("Give people roles, or take them away."),
                order=10,
            ),
            RoleLink(
                label=_("Site settings"),
                url=reverse("wagtailsettings:edit", args=["home", "sitesettings"]),
                description=_("Organisation name, contact email and the help numbers in the footer."),
                order=30,
            ),
            admin_home,
        ]
