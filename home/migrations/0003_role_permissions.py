"""Counsellors write the site's pages and, with administrators, edit the site settings (footer help numbers)."""

from django.db import migrations

from lms.migrations_utils import ensure_permissions, grant

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def grant_permissions(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")

    grant(apps, "Counsellors", ["home.change_sitesettings"])
    grant(apps, "Administrators", ["home.change_sitesettings"])
    counsellors = Group.objects.get(name="Counsellors")
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=counsellors, page=root_page, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_blocks_and_site_settings"),
        ("lms", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
