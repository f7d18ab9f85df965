"""Helpers for data migrations that grant permissions to the role groups."""

from django.contrib.auth.management import create_permissions


def ensure_permissions(apps) -> None:
    """Create the permissions of every migrated app now; Django otherwise creates them after `migrate`."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, role: str, labels: list[str]) -> None:
    """Give the role group the permissions named "app_label.codename" (used by later apps' migrations)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ensure_permissions(apps)
    group, _ = Group.objects.get_or_create(name=role)
    for label in labels:
        app_label, codename = label.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
