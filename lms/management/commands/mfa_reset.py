"""Remove a person's authenticators after they lost their phone and recovery codes."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lms.models import User
from lms.services import user_mfa_reset


class Command(BaseCommand):
    help = (
        "Remove all authenticators (app and recovery codes) of the person with this email, after checking who they "
        "are. Staff are asked to set up a new authenticator on their next page. Audited."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be removed; change nothing.")

    def handle(self, *args, email, dry_run=False, verbosity=1, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the email {email}.")
        with transaction.atomic():
            removed = user_mfa_reset(user=user)
            if dry_run:
                transaction.set_rollback(True)
        if verbosity:
            verb = "Would remove" if dry_run else "Removed"
            self.stdout.write(self.style.SUCCESS(f"{verb} {removed} authenticator(s) of {user.email}."))
