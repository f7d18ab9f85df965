from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users import apps as wagtail_users_apps


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Peer Support Academy")
    default_auto_field = "django.db.models.BigAutoField"
    default = True

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from . import signals  # noqa: F401 - connects the audit receivers
        from .exports import guard_spreadsheet_exports
        from .feide import signals as feide_signals  # noqa: F401 - Feide connections
        from .models import AuditEvent
        from .viewsets import ReadOnlyPermissionPolicy

        # The audit log is append-only in the admin too: no add, change or delete for anyone.
        register_permission_policy(AuditEvent, ReadOnlyPermissionPolicy(AuditEvent))
        # Every CSV/XLSX export of the admin goes through lms.exports.csv_safe (docs/security.md#spreadsheet-exports).
        guard_spreadsheet_exports()


class WagtailUsersConfig(wagtail_users_apps.WagtailUsersAppConfig):
    """Wagtail's documented way to customise user management: our UserViewSet with our user fields."""

    default = False
    user_viewset = "lms.viewsets.UserViewSet"
