"""Model permissions of the training app for the role groups.

Page permissions on the training tree and the "Counsellor review" workflow are set up when a TrainingIndexPage is
created (courses.authoring.training_index_set_up, from a post_save receiver): the index does not exist yet here.
"""

from django.db import migrations

from lms.migrations_utils import grant

COORDINATORS = ["courses.view_enrollment", "courses.add_enrollment", "courses.view_course"]
ADMINISTRATORS = [
    "courses.view_enrollment",
    "courses.add_enrollment",
    "courses.change_enrollment",
    "courses.view_course",
    "courses.view_quizattempt",
    "courses.view_modulecompletion",
]


def grant_permissions(apps, schema_editor):
    grant(apps, "Coordinators", COORDINATORS)
    grant(apps, "Administrators", ADMINISTRATORS)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_pages_quiz_progress"),
        ("lms", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
