"""Re-sign the credentials signed before the status lists became one bit per purpose (docs/decisions/0046).

Those credentials name `/verify/status/` with `statusPurpose: "message"` and `statusSize: 2`; the list there now has
the purpose `revocation`, so standard verifiers refuse the old entries (a purpose mismatch) instead of misreading
them. This command gives each such certificate a new credential with the revocation entry at the same position,
signed with the active key, and clears its stored PDF so the next download embeds the new credential. Idempotent:
a second run finds nothing to do.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from certificates import cache as certificate_cache
from certificates.models import Certificate
from certificates.signing import sign_certificate
from certificates.status import REVOCATION


def needs_upgrade(certificate: Certificate) -> bool:
    entry = (certificate.credential or {}).get("credentialStatus") or {}
    return entry.get("statusPurpose") != REVOCATION or "statusSize" in entry


class Command(BaseCommand):
    help = "Re-sign credentials whose credentialStatus predates the per-purpose status lists."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would change; write nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        candidates = [
            pk
            for pk, credential in Certificate.objects.exclude(credential_jwt="").values_list("pk", "credential")
            if needs_upgrade(Certificate(credential=credential))
        ]
        if dry_run:
            self.stdout.write(self.style.WARNING(f"Dry run: {len(candidates)} credential(s) would be re-signed."))
            return
        for pk in candidates:
            with transaction.atomic():
                certificate = Certificate.objects.select_for_update().select_related("holder").get(pk=pk)
                if not needs_upgrade(certificate):
                    continue
                sign_certificate(certificate)
                certificate.pdf = ""
                certificate.save(update_fields=["credential", "credential_jwt", "credential_kid", "pdf"])
                certificate_cache.invalidate(certificate)
            if verbosity >= 2:
                self.stdout.write(f"Re-signed {certificate.display_code}")
        self.stdout.write(self.style.SUCCESS(f"{len(candidates)} credential(s) re-signed."))
