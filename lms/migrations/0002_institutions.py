from django.db import migrations

INSTITUTIONS = [
    ("BI Norwegian Business School", "BI", "bi", "Oslo"),
    ("Kristiania University College", "Kristiania", "kristiania", "Oslo"),
    ("University of Oslo", "UiO", "uio", "Oslo"),
    ("OsloMet – Oslo Metropolitan University", "OsloMet", "oslomet", "Oslo"),
]


def seed(apps, schema_editor):
    Institution = apps.get_model("lms", "Institution")
    for name, short_name, slug, city in INSTITUTIONS:
        Institution.objects.update_or_create(
            slug=slug, defaults={"name": name, "short_name": short_name, "city": city, "is_active": True}
        )


class Migration(migrations.Migration):
    dependencies = [("lms", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
