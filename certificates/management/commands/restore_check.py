"""After restoring a backup (docs/operations.md, "Restore drill"): does every certificate still verify, and does
every PDF still download?

For each certificate: its stored VC-JWT verifies (RS256) against the public keys the restored site publishes at
/.well-known/jwks.json, and names this certificate; its PDF file is present in the media storage (local or object
storage) and is a PDF. The active signing key's private half must be present too (the key backup), or no new
certificate could be signed. Up to --http certificates are also fetched through the site itself (verification.json,
credential.jwt, certificate.pdf), as a visitor would. Exit status 1, with the codes, when anything fails.
"""

import hashlib
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from certificates import codes, keys
from certificates.models import Certificate


class Command(BaseCommand):
    help = "Check a restored installation: every certificate verifies, every PDF downloads, the signing key is there."

    def add_arguments(self, parser):
        parser.add_argument("--http", type=int, default=10, help="Certificates also fetched through the site (10).")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON (with each PDF's sha256).")

    def handle(self, *args, http=10, verbosity=1, **options):
        as_json = options["json"]
        host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".")
        client = Client(HTTP_HOST=host, raise_request_exception=False)
        secure = getattr(settings, "SECURE_SSL_REDIRECT", False)
        problems: list[str] = []

        jwks = client.get("/.well-known/jwks.json", secure=secure)
        if jwks.status_code != 200:
            raise CommandError(f"/.well-known/jwks.json answered {jwks.status_code}")
        key_set = KeySet.import_key_set(jwks.json())

        try:
            keys.active_signing_key()
        except Exception as exc:  # noqa: BLE001 - any failure here means no new certificate can be signed
            problems.append(f"signing key: the active key cannot sign ({exc}); restore the key backup")

        verified, pdfs, fetched = 0, {}, 0
        for certificate in Certificate.objects.order_by("pk").iterator():
            code = certificate.code
            try:
                token = jwt.decode(certificate.credential_jwt, key_set, algorithms=["RS256"])
                if token.claims.get("jti") != certificate.credential.get("id") or not token.claims.get("jti"):
                    problems.append(f"{code}: the credential names another certificate")
                else:
                    verified += 1
            except (JoseError, ValueError) as exc:
                problems.append(f"{code}: the credential does not verify ({exc.__class__.__name__})")
            if not certificate.pdf:
                problems.append(f"{code}: no PDF recorded")
            else:
                try:
                    with certificate.pdf.open("rb") as handle:
                        data = handle.read()
                    if not data.startswith(b"%PDF-"):
                        problems.append(f"{code}: {certificate.pdf.name} is not a PDF")
                    else:
                        pdfs[code] = hashlib.sha256(data).hexdigest()
                except OSError as exc:
                    problems.append(f"{code}: PDF {certificate.pdf.name} missing from the media storage ({exc})")
            if fetched < http:
                fetched += 1
                problems.extend(self._fetch(client, secure, certificate))

        total = Certificate.objects.count()
        result = {"certificates": total, "verified": verified, "pdfs": len(pdfs), "fetched": fetched}
        if as_json:
            self.stdout.write(_dumps({**result, "problems": problems, "pdf_sha256": pdfs}))
        elif verbosity:
            self.stdout.write(
                f"{total} certificates: {verified} verify, {len(pdfs)} PDFs readable, {fetched} fetched through "
                f"the site; {len(problems)} problems"
            )
            for problem in problems:
                self.stdout.write(self.style.ERROR(problem))
        if problems:
            raise CommandError(f"{len(problems)} problems after the restore")

    def _fetch(self, client, secure, certificate) -> list[str]:
        problems = []
        base = f"/verify/{codes.format_code(certificate.code)}/"
        facts = client.get(base + "verification.json", secure=secure)
        if facts.status_code != 200:
            return [f"{certificate.code}: verification.json answered {facts.status_code}"]
        if facts.json()["recorded_status"] != certificate.status:
            problems.append(f"{certificate.code}: the site shows another status")
        credential = client.get(base + "credential.jwt", secure=secure)
        if credential.status_code != 200 or credential.content.decode().strip() != certificate.credential_jwt:
            problems.append(f"{certificate.code}: credential.jwt answered {credential.status_code} or differs")
        pdf = client.get(base + "certificate.pdf", secure=secure)
        body = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
        if pdf.status_code != 200 or not body.startswith(b"%PDF-"):
            problems.append(f"{certificate.code}: certificate.pdf answered {pdf.status_code}")
        return problems


def _dumps(value) -> str:
    return json.dumps(value, indent=2, sort_keys=True)
