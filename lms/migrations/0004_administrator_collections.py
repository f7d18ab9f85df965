"""Administrators manage collections (Wagtail checks collection permissions on the collection tree, not the group)."""

from django.db import migrations

from lms.migrations_utils import ensure_permissions

COLLECTION_MANAGEMENT = ["add_collection", "change_collection", "delete_collection"]


def grant_collection_management(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    ensure_permissions(apps)
    root = Collection.objects.filter(depth=1).first()
    administrators = Group.objects.filter(name="Administrators").first()
    if root is None or administrators is None:
        return
    for codename in COLLECTION_MANAGEMENT:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=administrators, collection=root, permission=permission)


class Migration(migrations.Migration):
    dependencies = [("lms", "0003_roles")]

    operations = [migrations.RunPython(grant_collection_management, migrations.RunPython.noop)]
