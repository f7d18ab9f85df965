"""Wires the certificates admin: the coordinator viewset, the design snippet, the action URLs, the My page panel."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.hooks import MY_PAGE_PANELS_HOOK
from home.menu import PermissionMenuItem
from home.panels import Panel
from lms.exports import OsloTimeColumn, export_fields

from . import admin_urls
from .models import Certificate, CertificateDesign
from .views.admin import CertificateIndexView, CertificateInspectView
from .views.holder import holder_rows


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Certificates change only through the services (issue, suspend, revoke, correct): no generic add/edit/delete."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))


class CertificateViewSet(ModelViewSet):
    model = Certificate
    name = "certificates_admin_viewset"
    url_prefix = "certificates/records"
    icon = "success"
    menu_label = _("Certificates")
    menu_order = 300
    add_to_admin_menu = True
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Required by ModelViewSet; the add/edit views are never reachable (the permission policy refuses them).
    form_fields = ["holder_name"]
    list_per_page = 50
    list_display = [
        "holder_name",
        "achievement_title",
        "kind",
        "status",
        "institution_name",
        OsloTimeColumn("issued_at", label=_("Issued")),
    ]
    list_filter = ["kind", "status", "course", "holder__institution"]
    list_export, export_headings = export_fields(
        [
            ("display_code", _("Code")),
            ("holder_name", _("Holder")),
            ("achievement_title", _("Achievement")),
            ("get_kind_display", _("Kind")),
            ("get_status_display", _("Status")),
            ("status_reason", _("Reason for the status")),
            ("institution_name", _("Institution")),
            ("issued_at", _("Issued")),
            ("valid_until", _("Valid until")),
        ]
    )
    export_filename = "certificates"
    search_fields = ["holder_name", "achievement_title", "code"]
    search_backend_name = None
    inspect_view_fields = [
        "display_code",
        "kind",
        "status",
        "status_reason",
        "status_changed_at",
        "holder_name",
        "institution_name",
        "achievement_title",
        "achievement_title_nb",
        "course",
        "issuer_name",
        "issued_at",
        "issue_method",
        "issue_reason",
        "valid_from",
        "valid_until",
        "corrected_at",
        "credential_kid",
    ]


certificate_viewset = CertificateViewSet()


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return certificate_viewset


class CertificateDesignViewSet(SnippetViewSet):
    model = CertificateDesign
    icon = "image"
    menu_label = _("Certificate designs")
    add_to_admin_menu = False
    list_display = ["name", "is_active", "updated_at"]


register_snippet(CertificateDesignViewSet)


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [path("certificates/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_manual_issue_menu_item():
    return PermissionMenuItem(
        _("Issue a certificate"),
        reverse("certificates_admin:issue"),
        icon_name="plus",
        order=301,
        check=lambda user: user.has_perm("certificates.issue_certificate"),
    )


@hooks.register("register_admin_menu_item")
def register_zip_menu_item():
    return PermissionMenuItem(
        _("Course PDFs (ZIP)"),
        reverse("certificates_admin:zip"),
        icon_name="download",
        order=302,
        check=lambda user: user.has_perm("certificates.view_certificate"),
    )


@hooks.register(MY_PAGE_PANELS_HOOK)
def add_my_certificates_panel(request, panels):
    panels.append(
        Panel(
            name="certificates",
            title=_("My certificates"),
            order=200,
            template_name="certificates/panels/my_certificates.html",
            context={"rows": holder_rows(request.user)},
        )
    )
