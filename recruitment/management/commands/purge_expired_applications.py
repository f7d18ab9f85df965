"""Delete closed applications older than the retention period (Settings → Recruitment), with their interview notes.
Run daily from cron."""

from django.core.management.base import BaseCommand

from recruitment.services import applications_purge_expired


class Command(BaseCommand):
    help = "Delete accepted, declined and withdrawn applications (and their interview notes) past the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the expired applications, delete nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        report = applications_purge_expired(dry_run=dry_run)
        if verbosity >= 1:
            verb = "would be deleted" if dry_run else "deleted"
            style = self.style.WARNING if dry_run else self.style.SUCCESS
            self.stdout.write(style(f"{report.applications} application(s) and {report.notes} note(s) {verb}."))
