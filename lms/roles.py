"""The five roles of the platform. Each is a Django group created by a data migration (lms/migrations)."""

from django.utils.translation import gettext_lazy as _

TRAINEES = "Trainees"
COUNSELLORS = "Counsellors"
ADVISORS = "Advisors"
COORDINATORS = "Coordinators"
ADMINISTRATORS = "Administrators"

ALL_ROLES = (TRAINEES, COUNSELLORS, ADVISORS, COORDINATORS, ADMINISTRATORS)
# Roles that reach staff pages or the Wagtail admin: they must have a second factor.
STAFF_ROLES = frozenset({COUNSELLORS, ADVISORS, COORDINATORS, ADMINISTRATORS})

ROLE_LABELS = {
    TRAINEES: _("Trainee supporter"),
    COUNSELLORS: _("Counsellor"),
    ADVISORS: _("Advisor"),
    COORDINATORS: _("Coordinator"),
    ADMINISTRATORS: _("Administrator"),
}
