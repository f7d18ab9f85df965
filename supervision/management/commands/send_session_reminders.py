"""Email the day-before reminder for tomorrow's planned sessions. Idempotent; run hourly (or daily) from cron."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from supervision.services import session_reminders_send


class Command(BaseCommand):
    help = "Send reminders for planned supervision sessions tomorrow (Europe/Oslo); each session is reminded once."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the sessions due, send and record nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        sessions = session_reminders_send(dry_run=dry_run)
        if verbosity >= 2:
            for session in sessions:
                self.stdout.write(f"  {timezone.localtime(session.starts_at):%Y-%m-%d %H:%M} {session.topic}")
        if verbosity >= 1:
            verb = "due (dry run, nothing sent)" if dry_run else "reminded"
            style = self.style.WARNING if dry_run else self.style.SUCCESS
            self.stdout.write(style(f"{len(sessions)} session(s) {verb}."))
