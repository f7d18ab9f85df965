"""The restore drill of docs/operations.md, performed for real on PostgreSQL: certificates issued (one revoked),
`pg_dump` of the database, media and keys copied as their backups would be, `deploy/restore-drill.sh` restoring the
dump into a new database and running `manage.py restore_check` there with production settings: every certificate
verifies against the restored site's published keys, every PDF downloads, byte for byte the one issued. Then the
drill fails as it should without the media backup and without the key backup."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from certificates.models import Certificate
from certificates.services import certificate_revoke
from tests import races
from tests.certificates.factories import CertificateFactory
from tests.lms.factories import UserFactory

pytestmark = races.MARKS

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_MODULE = """
from lms.settings.production import *  # noqa: F403
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
"""


def database_url(name: str) -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def need(tool):
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} (postgresql-client) is needed for the restore drill")
    return path


@pytest.fixture
def drill(tmp_path, settings):
    """Issued certificates, a dump, and copies of the media and keys; yields a function that runs the drill."""
    settings.CERTIFICATES_KEY_DIR = str(tmp_path / "keys")
    settings.CERTIFICATES_AUTO_GENERATE_KEY = True
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    issued = [CertificateFactory() for _ in range(3)]
    certificate_revoke(certificate=issued[0], actor=UserFactory(is_superuser=True), reason="Issued in error")
    originals = {}
    for certificate in Certificate.objects.all():
        assert certificate.pdf, "the PDF is rendered when the certificate is issued"
        with certificate.pdf.open("rb") as handle:
            originals[certificate.code] = hashlib.sha256(handle.read()).hexdigest()

    dump = tmp_path / "academy.dump"
    subprocess.run(  # noqa: S603
        [
            need("pg_dump"),
            "--format=custom",
            "--no-owner",
            f"--file={dump}",
            database_url(connection.settings_dict["NAME"]),
        ],
        check=True,
        timeout=300,
    )
    shutil.copytree(settings.MEDIA_ROOT, tmp_path / "media-backup")
    shutil.copytree(settings.CERTIFICATES_KEY_DIR, tmp_path / "keys-backup")
    (tmp_path / "drill_settings.py").write_text(SETTINGS_MODULE)
    target = f"psa_prod_restore_{uuid.uuid4().hex[:8]}"

    def run(*, media: Path, keys: Path, replace=False):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO", "DATABASE_URL"))}
        env.update(
            DJANGO_SETTINGS_MODULE="drill_settings",
            PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]),
            PYTHON=sys.executable,
            SECRET_KEY="restore-drill-" + "n0t-a-s3cret-" * 5,
            ALLOWED_HOSTS="testserver",
            BASE_URL="http://testserver",
            REDIS_URL="redis://127.0.0.1:6379/8",
            CACHE_KEY_PREFIX=f"drill-{uuid.uuid4().hex}",
            MEDIA_ROOT=str(media),
            CERTIFICATES_KEY_DIR=str(keys),
            LOG_LEVEL="CRITICAL",
            **({"DRILL_REPLACE": "1"} if replace else {}),
        )
        return subprocess.run(  # noqa: S603
            [need("bash"), str(ROOT / "deploy" / "restore-drill.sh"), str(dump), database_url(target), "--json"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )

    yield run, originals, tmp_path
    subprocess.run(  # noqa: S603
        [need("psql"), database_url("postgres"), "-qc", f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)'],
        check=False,
        timeout=60,
    )


def result_of(completed) -> dict:
    start = completed.stdout.index("{")
    return json.loads(completed.stdout[start : completed.stdout.rindex("}") + 1])


def test_the_restore_drill_passes_and_fails_where_it_should(drill):
    run, originals, tmp_path = drill

    restored = run(media=tmp_path / "media-backup", keys=tmp_path / "keys-backup")
    assert restored.returncode == 0, restored.stdout[-3000:] + restored.stderr[-3000:]
    result = result_of(restored)
    assert result["certificates"] == 3
    assert result["verified"] == 3
    assert result["pdfs"] == 3
    assert result["fetched"] == 3
    assert result["problems"] == []
    assert result["pdf_sha256"] == originals

    # A second drill into the same database is refused unless asked for.
    again = run(media=tmp_path / "media-backup", keys=tmp_path / "keys-backup")
    assert again.returncode == 2
    assert "refusing" in again.stderr

    # Without the media backup: every PDF is reported missing.
    (tmp_path / "no-media").mkdir()
    no_media = run(media=tmp_path / "no-media", keys=tmp_path / "keys-backup", replace=True)
    assert no_media.returncode == 1
    assert len([p for p in result_of(no_media)["problems"] if "missing from the media storage" in p]) == 3

    # Without the key backup (key loss): old certificates still verify (public keys are in the database), but the
    # installation cannot sign new ones, and the drill says so.
    (tmp_path / "no-keys").mkdir()
    no_keys = run(media=tmp_path / "media-backup", keys=tmp_path / "no-keys", replace=True)
    assert no_keys.returncode == 1
    lost = result_of(no_keys)
    assert lost["verified"] == 3
    assert any(problem.startswith("signing key:") for problem in lost["problems"])
