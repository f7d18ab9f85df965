"""Give the role groups the certificate permissions their jobs need.

Coordinators: see, issue by exception, suspend, revoke and correct (their institution's, enforced in the views).
Administrators: the same on all certificates, and the signing keys list.
Counsellors: the certificate design (logo, signatories, wording).
"""

from django.db import migrations

from lms.migrations_utils import grant

MANAGE = [
    "certificates.view_certificate",
    "certificates.issue_certificate",
    "certificates.suspend_certificate",
    "certificates.revoke_certificate",
    "certificates.correct_certificate",
]
DESIGN = [
    "certificates.add_certificatedesign",
    "certificates.change_certificatedesign",
    "certificates.view_certificatedesign",
]


def grant_permissions(apps, schema_editor):
    grant(apps, "Coordinators", MANAGE)
    grant(apps, "Administrators", MANAGE + DESIGN + ["certificates.delete_certificatedesign", "certificates.view_signingkey"])
    grant(apps, "Counsellors", DESIGN)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("lms", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
