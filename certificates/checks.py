"""System checks: the private signing key must never be where the web server publishes files."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


@register()
def key_dir_not_public(app_configs, **kwargs):
    key_dir = Path(settings.CERTIFICATES_KEY_DIR).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        root = getattr(settings, name, None)
        if root and key_dir.is_relative_to(Path(root).resolve()):
            errors.append(
                Error(
                    f"CERTIFICATES_KEY_DIR ({key_dir}) is inside {name}: the private signing key would be public.",
                    id="certificates.E001",
                )
            )
    return errors
