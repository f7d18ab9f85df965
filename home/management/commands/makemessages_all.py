"""Update every translation catalogue: the root one (lms, home, templates/) and one per feature app.

Feature apps (courses, certificates, supervision) keep their catalogue in `<app>/locale/`; the root catalogue in
`locale/` covers lms, home and the shared templates. Needs GNU gettext (xgettext, msgmerge) — only for whoever
changes strings; `compilemessages_py` and the running site need none.
"""

import contextlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

# Apps whose strings live in the root catalogue (locale/). Every other project app has its own.
ROOT_CATALOGUE_APPS = ("lms", "home")
# Never scanned from the root: other apps' folders, tests, docs and generated files.
ROOT_IGNORE = ["tests", "docs", "staticfiles", "media", "node_modules", "build", "*.egg-info"]


def feature_apps() -> list[str]:
    return [label for label in settings.PROJECT_APPS if label not in ROOT_CATALOGUE_APPS]


class Command(BaseCommand):
    help = "Run makemessages for the root catalogue (locale/) and for each feature app in its own folder."

    def add_arguments(self, parser):
        parser.add_argument("--locale", "-l", action="append", help="Locale(s) to update (default: nb).")

    def handle(self, *args, locale=None, verbosity=1, **options):
        locales = locale or ["nb"]
        base_dir = Path(settings.BASE_DIR)
        common = {"locale": locales, "no_obsolete": True, "add_location": "file", "verbosity": verbosity}

        (base_dir / "locale").mkdir(exist_ok=True)
        with contextlib.chdir(base_dir):
            call_command("makemessages", ignore_patterns=[*ROOT_IGNORE, *feature_apps()], **common)
        self.stdout.write(self.style.SUCCESS("Updated locale/ (lms, home, templates/)"))

        for label in feature_apps():
            app_dir = Path(apps.get_app_config(label).path)
            (app_dir / "locale").mkdir(exist_ok=True)
            # Without LOCALE_PATHS, makemessages writes to the app's own locale/ (not the root one).
            with contextlib.chdir(app_dir), override_settings(LOCALE_PATHS=[]):
                call_command("makemessages", ignore_patterns=["tests", "static"], **common)
            self.stdout.write(self.style.SUCCESS(f"Updated {label}/locale/"))
        self.stdout.write("Now translate every empty msgstr, clear “fuzzy” flags, then run `make compilemessages`.")
