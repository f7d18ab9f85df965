from django.core.management.base import BaseCommand

from certificates.lifecycle import expiry_reminders_send


class Command(BaseCommand):
    help = "Remind holders (and their coordinators) 60 and 14 days before a certificate expires; once each."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the reminders due; send nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        count = expiry_reminders_send(dry_run=dry_run)
        if verbosity >= 1:
            verb = "would be sent" if dry_run else "sent"
            self.stdout.write(f"{count} expiry reminder(s) {verb}.")
