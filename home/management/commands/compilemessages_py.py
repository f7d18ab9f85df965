"""Compile every django.po in the project to django.mo with polib: no GNU gettext needed on any machine."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SKIP_PARTS = {".venv", "venv", "node_modules", ".git", "staticfiles", "build"}


def project_catalogues(base_dir: Path | None = None) -> list[Path]:
    """Every `<somewhere>/locale/<lang>/LC_MESSAGES/django.po` of the project (root and apps), sorted."""
    base_dir = Path(base_dir or settings.BASE_DIR)
    return sorted(
        path
        for path in base_dir.glob("**/locale/*/LC_MESSAGES/django.po")
        if not SKIP_PARTS.intersection(path.relative_to(base_dir).parts)
    )


class Command(BaseCommand):
    help = "Compile every django.po of the project to django.mo (pure Python, polib). Fuzzy entries are left out."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the catalogues without writing anything.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        base_dir = Path(settings.BASE_DIR)
        catalogues = project_catalogues(base_dir)
        if not catalogues:
            raise CommandError("No django.po files found under locale/ or <app>/locale/.")
        for po_path in catalogues:
            po = polib.pofile(str(po_path))
            untranslated = len(po.untranslated_entries()) + len(po.fuzzy_entries())
            if not dry_run:
                po.save_as_mofile(str(po_path.with_suffix(".mo")))
            if verbosity >= 1:
                note = self.style.WARNING(f" ({untranslated} untranslated or fuzzy)") if untranslated else ""
                verb = "Would compile" if dry_run else "Compiled"
                self.stdout.write(f"{verb} {po_path.relative_to(base_dir)}: {po.percent_translated()}%{note}")
