"""Admin wiring for lms: institutions and the read-only audit log (user management is in lms.apps)."""

from wagtail import hooks

from .viewsets import AuditEventViewSet, InstitutionViewSet


@hooks.register("register_admin_viewset")
def register_institution_viewset():
    return InstitutionViewSet("institutions", url_prefix="institutions")


@hooks.register("register_admin_viewset")
def register_audit_event_viewset():
    return AuditEventViewSet("audit_log", url_prefix="audit-log")
