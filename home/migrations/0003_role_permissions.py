"""Counsellors and administrators edit the site settings (organisation, footer help numbers).

Page permissions are not granted here: which pages counsellors may edit and publish is decided with the training
workflow (courses, docs/decisions/0034).
"""

from django.db import migrations

from lms.migrations_utils import grant


def grant_permissions(apps, schema_editor):
    grant(apps, "Counsellors", ["home.change_sitesettings"])
    grant(apps, "Administrators", ["home.change_sitesettings"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_blocks_and_site_settings"),
        ("lms", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
