"""Whether peer support is established at an institution. BI, Kristiania, UiO and OsloMet are in the establishment
phase (the programme's own description), so they start as "establishing"; every other institution as "not yet"."""

from django.db import migrations, models

FOUNDING = ["bi", "kristiania", "uio", "oslomet"]


def mark_founding(apps, schema_editor):
    Institution = apps.get_model("lms", "Institution")
    Institution.objects.filter(slug__in=FOUNDING).update(peer_support="establishing")


class Migration(migrations.Migration):

    dependencies = [
        ('lms', '0004_administrator_collections'),
    ]

    operations = [
        migrations.AddField(
            model_name='institution',
            name='peer_support',
            field=models.CharField(choices=[('not_yet', 'Not yet'), ('establishing', 'Being established'), ('established', 'Established')], default='not_yet', help_text='Whether peer support is established at this institution (shown on the institutions page).', max_length=20, verbose_name='peer support'),
        ),
        migrations.RunPython(mark_founding, migrations.RunPython.noop),
    ]
