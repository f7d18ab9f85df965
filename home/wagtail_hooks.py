"""Wiring only: the links the foundation itself gives each role on My page.

The links to lms screens (audit log, institutions) are registered here rather than in lms/wagtail_hooks.py: lms sits
below home in the dependency order and never imports it (docs/decisions/0060-my-page-links-to-lms-screens.md).
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from lms import roles
from lms.feide.admin_views import may_confirm
from lms.feide.pending import claim_of

from . import admin_urls
from .hooks import MY_PAGE_PANELS_HOOK, MY_PAGE_ROLE_LINKS_HOOK
from .menu import PermissionMenuItem
from .panels import Panel, RoleLink


@hooks.register(MY_PAGE_ROLE_LINKS_HOOK)
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
    if roles.ADVISORS in links:
        links[roles.ADVISORS].append(admin_home)
    if roles.COORDINATORS in links:
        links[roles.COORDINATORS] += [*_institution_links(request.user), admin_home]
    if roles.ADMINISTRATORS in links:
        links[roles.ADMINISTRATORS] += [
            RoleLink(
                label=_("Users and roles"),
                url=reverse("wagtailusers_users:index"),
                description=_("Give people roles, or take them away."),
                order=10,
            ),
            RoleLink(
                label=_("Audit log"),
                url=reverse("audit_log:index"),
                description=_("Who logged in, failed to, or changed roles, passwords and second factors."),
                order=20,
            ),
            RoleLink(
                label=_("Institutions"),
                url=reverse("institutions:index"),
                description=_("The universities and colleges that take part."),
                order=25,
            ),
            RoleLink(
                label=_("Site settings"),
                url=reverse("wagtailsettings:edit", args=["home", "sitesettings"]),
                description=_("Organisation name, contact email and the help numbers in the footer."),
                order=30,
            ),
            admin_home,
        ]


def _institution_links(user) -> list[RoleLink]:
    """A coordinator's own institution first (its record in the admin), then the list of all institutions.

    `user.institution` is the object My page shows anyway, so this adds no query.
    """
    links = []
    if user.institution_id:
        links.append(
            RoleLink(
                label=_("Your institution: %(name)s") % {"name": user.institution.short_name or user.institution.name},
                url=reverse("institutions:inspect", args=[user.institution_id]),
                description=_("Its details as the programme has them."),
                order=10,
            )
        )
    links.append(
        RoleLink(
            label=_("Institutions"),
            url=reverse("institutions:index"),
            description=_("The universities and colleges that take part."),
            order=20,
        )
    )
    return links


@hooks.register("register_admin_urls")
def translations_admin_urls():
    return [path("reports/", include(admin_urls))]


class TranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().explorable_root_instance(request.user) is not None


@hooks.register("register_reports_menu_item")
def translations_menu_item():
    return TranslationsMenuItem(
        _("Translations"), reverse("home_admin:translations_report"), name="translations", icon_name="globe", order=650
    )


@hooks.register(MY_PAGE_PANELS_HOOK)
def add_institution_claim_panel(request, panels):
    """A person whose Feide institution waits for (or was refused) a coordinator's confirmation sees it here."""

    if request.user.institution_id:
        return  # a confirmed claim set it; pending or refused ones leave it empty
    claim = claim_of(request.user)
    if claim is None or claim.state == claim.State.CONFIRMED:
        return
    panels.append(
        Panel(
            name="institution_claim",
            title=_("Your institution"),
            order=10,
            template_name="feide/panels/institution_claim.html",
            context={"claim": claim},
        )
    )


@hooks.register("register_admin_menu_item")
def register_feide_claims_menu_item():
    return PermissionMenuItem(
        _("Institutions to confirm"), reverse("feide_claims"), icon_name="key", order=260, check=may_confirm
    )
