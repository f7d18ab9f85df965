"""Advisors no longer hold add/change on advisor assignments and supervision groups: an ordinary advisor must not
widen their own set of supporters (decision 0056). Coordinators may view assignments (of their institution's
supporters; the screens scope them) and hold add/change on both, as the authority rule lets them manage their
institution's supporters. The rule itself is supervision.access; these permissions only keep `has_perm` in line."""

from django.db import migrations

from lms.migrations_utils import ensure_permissions, grant

REVOKED_FROM_ADVISORS = [
    "add_supervisiongroup",
    "change_supervisiongroup",
    "add_advisorassignment",
    "change_advisorassignment",
]
COORDINATORS = [
    "supervision.add_supervisiongroup",
    "supervision.change_supervisiongroup",
    "supervision.add_advisorassignment",
    "supervision.change_advisorassignment",
    "supervision.view_advisorassignment",
]


def apply(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ensure_permissions(apps)
    advisors = Group.objects.filter(name="Advisors").first()
    if advisors is not None:
        advisors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="supervision", codename__in=REVOKED_FROM_ADVISORS)
        )
    grant(apps, "Coordinators", COORDINATORS)


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0004_history_survives_account_deletion"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
