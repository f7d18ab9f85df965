"""Manage the certificate signing keys (RS256). On several servers, rotate in two steps:

    certificates_keys stage [--out FILE]     new key pair; public half published, private half to FILE or the key folder
    (put the private PEM into every server's secret; each server reports it holds it)
    certificates_keys activate --kid=KID     the staged key signs from now on (refuses while a server lacks it)
    certificates_keys retire --kid=KID       an old key never signs again (stays published)

(`--kid=KID` or a plain KID; a thumbprint may start with '-', which only `--kid=` takes.)
    certificates_keys list                   every key, its state, and which servers hold it

`generate` makes the first key (stage + activate); `rotate` is stage + activate in one go, for a single server.
Only public keys enter the database; see docs/scale-out.md.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates import keys
from certificates.models import SigningKey, SigningKeyHolder


class Command(BaseCommand):
    help = "Stage, activate, retire, generate, rotate or list the signing keys of certificate credentials (RS256)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["generate", "stage", "activate", "retire", "rotate", "list"])
        parser.add_argument("kid", nargs="?", help="With activate and retire: the key id (thumbprint).")
        parser.add_argument(
            "--kid", dest="kid_option", help="The key id, for one that starts with '-' (write --kid=KID)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Say what would happen; write nothing.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="generate: a new active key even if one exists; activate: even if a server lacks the private key.",
        )
        parser.add_argument("--out", help="With stage: write the private PEM to this file instead of the key folder.")

    def handle(self, *args, **options):
        try:
            return self._handle(*args, **options)
        finally:  # a command is not a server: its own report must not hold up the next activation
            SigningKeyHolder.objects.filter(server=keys.server_name()).delete()

    def _handle(
        self, *args, action, kid=None, kid_option=None, dry_run=False, force=False, out=None, verbosity=1, **options
    ):
        kid = kid_option or kid
        if action == "list":
            return self._list()
        if action in {"activate", "retire"}:
            return self._change(action, kid, dry_run=dry_run, force=force)
        active = SigningKey.objects.filter(is_active=True).first()
        if action == "generate" and active is not None and not force:
            if active.kid in keys.held_kids(rescan=True):
                self.stdout.write(f"An active key exists already: {active.kid}. Use `stage` and `activate` to rotate.")
                return
            raise CommandError(
                f"The active key {active.kid} has no private half here ({keys.key_dir()}). Restore it, or rotate."
            )
        if dry_run:
            verb = {"stage": "stage a new key (published, not signing)", "rotate": "rotate: a new key would sign"}
            self.stdout.write(
                self.style.WARNING(f"Dry run: would {verb.get(action, 'generate a new key')}. Nothing written.")
            )
            if active is not None:
                self.stdout.write(f"The current key {active.kid} would stay published in /.well-known/jwks.json.")
            return
        try:
            if action == "stage":
                key = keys.key_stage(out=Path(out) if out else None)
            else:
                key = keys.key_generate(activate=True)
        except keys.KeyNotReady as error:
            raise CommandError(f"{error} Nothing activated; the new key is staged.") from error
        except FileExistsError as error:
            raise CommandError(f"{error.filename} exists already; choose another --out.") from error
        if action == "stage":
            where = out or keys.private_key_path(key.kid)
            self.stdout.write(self.style.SUCCESS(f"Staged signing key {key.kid} (published, not signing yet)"))
            self.stdout.write(
                f"Private key: {where} (mode 600). Put it into every server's secret, then run "
                f"`certificates_keys activate --kid={key.kid}`."
            )
            return
        self.stdout.write(self.style.SUCCESS(f"New active signing key {key.kid}"))
        if verbosity >= 2:
            self.stdout.write(f"Private key: {keys.private_key_path(key.kid)} (mode 600; back it up, never commit it)")
        if active is not None:
            self.stdout.write(f"Superseded {active.kid}; it stays published so its credentials still verify.")

    def _change(self, action, kid, *, dry_run, force):
        if not kid:
            raise CommandError(f"{action} needs a key id: see `certificates_keys list`.")
        key = SigningKey.objects.filter(kid=kid).first()
        if key is None:
            raise CommandError(f"No signing key {kid}.")
        if dry_run:
            missing = keys.holders_without(key) if action == "activate" else []
            self.stdout.write(self.style.WARNING(f"Dry run: would {action} {kid}. Nothing written."))
            for holder in missing:
                self.stdout.write(f"Not held yet by {holder.server} (seen {holder.seen_at:%Y-%m-%d %H:%M})")
            return
        try:
            if action == "activate":
                keys.key_activate(key, force=force)
            else:
                keys.key_retire(key)
        except keys.KeyNotReady as error:
            raise CommandError(str(error)) from error
        verb = {"activate": "now signs new credentials", "retire": "is retired (never signs; stays published)"}
        self.stdout.write(self.style.SUCCESS(f"{kid} {verb[action]}"))

    def _list(self):
        rows = SigningKey.objects.order_by("created_at")
        if not rows:
            self.stdout.write("No signing keys yet. Run `manage.py certificates_keys generate`.")
            return
        held = keys.held_kids(rescan=True)
        holders = list(SigningKeyHolder.objects.order_by("server"))
        for key in rows:
            private = "private key here" if key.kid in held else "no private key here"
            servers = sum(1 for holder in holders if key.kid in holder.kids)
            self.stdout.write(
                f"{key.kid}  {key.created_at:%Y-%m-%d %H:%M}  {key.state:<10}  {private:<19}  held by {servers} "
                f"of {len(holders)} server processes"
            )
