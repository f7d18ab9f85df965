"""Give the roles the supervision permissions their jobs need. Notes have no model permissions on purpose: only the
author and lead advisors read them, checked in code (supervision.access)."""

from django.db import migrations

from lms.migrations_utils import grant

ADVISORS = [
    "supervision.add_session",
    "supervision.change_session",
    "supervision.view_session",
    "supervision.view_engagementperiod",
    "supervision.add_supervisiongroup",
    "supervision.change_supervisiongroup",
    "supervision.view_supervisiongroup",
    "supervision.add_advisorassignment",
    "supervision.change_advisorassignment",
    "supervision.view_advisorassignment",
]
COORDINATORS = [
    "supervision.add_engagementperiod",
    "supervision.change_engagementperiod",
    "supervision.view_engagementperiod",
    "supervision.view_supervisiongroup",
]
ADMINISTRATORS = [
    f"supervision.{action}_{model}"
    for model in ["session", "engagementperiod", "supervisiongroup", "advisorassignment", "advisorprofile"]
    for action in ["add", "change", "delete", "view"]
] + ["supervision.change_supervisionsettings", "supervision.view_supervisionsettings"]


def grant_permissions(apps, schema_editor):
    grant(apps, "Advisors", ADVISORS)
    grant(apps, "Coordinators", COORDINATORS)
    grant(apps, "Administrators", ADMINISTRATORS)


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0001_initial"),
        ("lms", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
