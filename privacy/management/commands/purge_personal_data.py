"""The one retention purge: every category in privacy.retention.CATEGORIES, each audited with its count."""

from django.core.management.base import BaseCommand, CommandError

from privacy.retention import CATEGORIES, purge_all


class Command(BaseCommand):
    help = (
        "Delete personal data older than its retention period (site settings), for every category: applications, "
        "interview notes, supervision notes, activity logs, the security log, inactive accounts, task results."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")
        parser.add_argument("--category", choices=[c.key for c in CATEGORIES], help="Only this category.")

    def handle(self, *args, dry_run=False, category=None, verbosity=1, **options):
        try:
            counts = purge_all(dry_run=dry_run, only=category)
        except Exception as error:  # say which run failed; the transaction rolled back its category
            raise CommandError(f"Purge failed: {error}") from error
        if verbosity >= 1:
            verb = "would be deleted" if dry_run else "deleted"
            style = self.style.WARNING if dry_run else self.style.SUCCESS
            for key, count in counts.items():
                self.stdout.write(style(f"{key}: {count} {verb}"))
