"""Delete confidential notes older than the retention period (Settings → Supervision). Run daily from cron."""

from django.core.management.base import BaseCommand

from supervision.services import notes_purge_expired


class Command(BaseCommand):
    help = "Delete confidential supervision notes older than the retention period set in the site settings."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the expired notes, delete nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        count = notes_purge_expired(dry_run=dry_run)
        if verbosity >= 1:
            verb = "would be deleted" if dry_run else "deleted"
            style = self.style.WARNING if dry_run else self.style.SUCCESS
            self.stdout.write(style(f"{count} expired note(s) {verb}."))
