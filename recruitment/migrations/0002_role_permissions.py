"""Give the roles the recruitment permissions their jobs need. Interview notes have no model permissions on purpose:
who reads them is decided in code (InterviewNote.objects.visible_to)."""

from django.db import migrations

from lms.migrations_utils import grant

COORDINATORS = [
    "recruitment.view_application",
    "recruitment.view_interviewslot",
    "recruitment.add_interviewslot",
    "recruitment.view_cohort",
]
ADMINISTRATORS = [
    "recruitment.view_application",
    "recruitment.view_interviewslot",
    "recruitment.add_cohort",
    "recruitment.change_cohort",
    "recruitment.view_cohort",
    "recruitment.change_recruitmentsettings",
    "recruitment.view_recruitmentsettings",
]


def grant_permissions(apps, schema_editor):
    grant(apps, "Coordinators", COORDINATORS)
    grant(apps, "Administrators", ADMINISTRATORS)


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0001_initial"),
        ("lms", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
