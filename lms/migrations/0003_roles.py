"""Create the five role groups with the permissions their jobs need, and remove Wagtail's stock groups."""

from django.db import migrations

from lms.migrations_utils import ensure_permissions

ADMIN_ACCESS = ["wagtailadmin.access_admin"]
MEDIA = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
ADMINISTRATOR_APPS = ["lms", "auth", "wagtailcore", "wagtailimages", "wagtaildocs", "wagtailredirects", "wagtailadmin"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")

    ensure_permissions(apps)
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()

    def perms(labels):
        found = []
        for label in labels:
            app_label, codename = label.split(".")
            found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        return found

    Group.objects.get_or_create(name="Trainees")
    counsellors, _ = Group.objects.get_or_create(name="Counsellors")
    counsellors.permissions.add(*perms(ADMIN_ACCESS + MEDIA))
    advisors, _ = Group.objects.get_or_create(name="Advisors")
    advisors.permissions.add(*perms(ADMIN_ACCESS))
    coordinators, _ = Group.objects.get_or_create(name="Coordinators")
    coordinators.permissions.add(*perms(ADMIN_ACCESS + ["lms.view_institution"]))
    administrators, _ = Group.objects.get_or_create(name="Administrators")
    administrators.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS).exclude(
            content_type__model="auditevent", codename__in=["add_auditevent", "change_auditevent", "delete_auditevent"]
        )
    )

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for group, labels in ((counsellors, MEDIA), (administrators, MEDIA + ["wagtaildocs.delete_document",
                                                                              "wagtailimages.delete_image"])):
            for permission in perms(labels):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"]:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=administrators, page=root_page, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0002_institutions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
