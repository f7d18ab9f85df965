from django.core.management.base import BaseCommand

from privacy.services import erasures_execute_due


class Command(BaseCommand):
    help = "Erase the accounts whose owners asked for it and whose waiting period has passed (not cancelled)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the due erasures; erase nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        count = erasures_execute_due(dry_run=dry_run)
        if verbosity >= 1:
            verb = "would be erased" if dry_run else "erased"
            self.stdout.write(f"{count} account(s) {verb}.")
