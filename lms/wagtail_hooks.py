"""Admin wiring for lms: institutions and the read-only audit log (user management is in lms.apps)."""

from django.urls import path
from wagtail import hooks

from .erase_views import erase_instead_of_delete, refuse_bulk_delete_of_history
from .feide import admin_views
from .viewsets import AuditEventViewSet, FeideRealmViewSet, InstitutionViewSet


@hooks.register("register_admin_viewset")
def register_institution_viewset():
    return InstitutionViewSet("institutions", url_prefix="institutions")


@hooks.register("register_admin_viewset")
def register_feide_realm_viewset():
    return FeideRealmViewSet("feide_realms", url_prefix="feide-realms")


@hooks.register("register_admin_viewset")
def register_audit_event_viewset():
    return AuditEventViewSet("audit_log", url_prefix="audit-log")


@hooks.register("before_delete_user")
def erase_accounts_with_history(request, user):
    """Deleting a user with history (held sessions, certificates…) erases the account instead (lms.erase_views)."""

    return erase_instead_of_delete(request, user)


@hooks.register("before_bulk_action")
def no_bulk_delete_of_history(request, action_type, objects, action):
    return refuse_bulk_delete_of_history(request, action_type, objects, action)


# --- Feide: institutions to confirm (lms/feide/pending.py, lms/feide/admin_views.py) ------------------------------


@hooks.register("register_admin_urls")
def register_feide_claim_urls():
    return [
        path("feide-confirmations/", admin_views.index, name="feide_claims"),
        path("feide-confirmations/<int:pk>/confirm/", admin_views.confirm, name="feide_claim_confirm"),
        path("feide-confirmations/<int:pk>/refuse/", admin_views.refuse, name="feide_claim_refuse"),
    ]
