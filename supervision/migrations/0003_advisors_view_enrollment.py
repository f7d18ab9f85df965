"""Advisors may open the training progress report (courses); it lists only their supporters (see
supervision.wagtail_hooks.training_progress_of_my_supporters)."""

from django.db import migrations

from lms.migrations_utils import grant


def grant_permissions(apps, schema_editor):
    grant(apps, "Advisors", ["courses.view_enrollment"])


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0002_role_permissions"),
        ("courses", "0003_role_permissions"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
