"""Email the day-before reminder for tomorrow's booked interviews. Idempotent; run hourly (or daily) from cron."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from recruitment.services import interview_reminders_send


class Command(BaseCommand):
    help = "Send reminders for booked informal interviews tomorrow (Europe/Oslo); each booking is reminded once."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the interviews due, send and record nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        slots = interview_reminders_send(dry_run=dry_run)
        if verbosity >= 2:
            for slot in slots:
                self.stdout.write(f"  {timezone.localtime(slot.starts_at):%Y-%m-%d %H:%M} {slot.institution}")
        if verbosity >= 1:
            verb = "due (dry run, nothing sent)" if dry_run else "reminded"
            style = self.style.WARNING if dry_run else self.style.SUCCESS
            self.stdout.write(style(f"{len(slots)} interview(s) {verb}."))
