"""Manage the certificate signing keys: `generate` (first key), `rotate` (new key signs; old ones stay published),
`list`. The private key is written to settings.CERTIFICATES_KEY_DIR; only the public key enters the database."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from certificates import keys
from certificates.models import SigningKey


class Command(BaseCommand):
    help = "Generate, rotate or list the signing keys of certificate credentials (RS256)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["generate", "rotate", "list"])
        parser.add_argument("--dry-run", action="store_true", help="Say what would happen; write nothing.")
        parser.add_argument(
            "--force", action="store_true", help="With generate: create a new active key even if one exists."
        )

    def handle(self, *args, action, dry_run=False, force=False, verbosity=1, **options):
        if action == "list":
            return self._list(verbosity)
        active = SigningKey.objects.filter(is_active=True).first()
        if action == "generate" and active is not None and not force:
            if keys.private_key_path(active.kid).exists():
                self.stdout.write(f"An active key exists already: {active.kid}. Use `rotate` to replace it.")
                return
            raise CommandError(
                f"The active key {active.kid} has no private file in {keys.key_dir()}. Restore it, or run `rotate`."
            )
        if dry_run:
            verb = "rotate: a new key would sign from now on" if action == "rotate" else "generate a new key"
            self.stdout.write(self.style.WARNING(f"Dry run: would {verb} in {keys.key_dir()}. Nothing written."))
            if active is not None:
                self.stdout.write(f"The current key {active.kid} would stay published in /.well-known/jwks.json.")
            return
        with transaction.atomic():
            key = keys.key_generate(activate=True)
        self.stdout.write(self.style.SUCCESS(f"New active signing key {key.kid}"))
        if verbosity >= 2:
            self.stdout.write(f"Private key: {keys.private_key_path(key.kid)} (mode 600; back it up, never commit it)")
        if active is not None:
            self.stdout.write(f"Retired {active.kid}; it stays published so its credentials still verify.")

    def _list(self, verbosity):
        rows = SigningKey.objects.order_by("created_at")
        if not rows:
            self.stdout.write("No signing keys yet. Run `manage.py certificates_keys generate`.")
        for key in rows:
            state = "active" if key.is_active else f"retired {key.retired_at:%Y-%m-%d}" if key.retired_at else "idle"
            private = "private key present" if keys.private_key_path(key.kid).exists() else "no private key here"
            self.stdout.write(f"{key.kid}  {key.created_at:%Y-%m-%d %H:%M}  {state:<18} {private}")
