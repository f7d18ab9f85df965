"""Signing keys, for one server or several (docs/decisions/0150-signing-keys-on-several-servers.md).

Where each half lives:
- the **public** half is a `SigningKey` row, shared by every server through the database and published in
  /.well-known/jwks.json from the moment it is staged until the site stops (retired keys too, so credentials signed
  with them keep verifying);
- the **private** half never enters the database: it comes from a mounted secret, the folder
  settings.CERTIFICATES_KEY_DIR (any `*.pem` file in it), and/or the environment variable
  CERTIFICATES_PRIVATE_KEYS (one or more PEM blocks). A key is known by its RFC 7638 thumbprint (`kid`), computed
  from the key itself, so file names do not matter.

Each process parses the private keys once (its key ring) and looks again only when the active key is not in it, or
every CERTIFICATES_KEY_RESCAN_SECONDS to pick up a staged key; files already parsed are not parsed again.

Rotation in two steps, never leaving a server unable to sign: `stage` publishes a new public key and hands out its
private half; each process that loads it reports so (`SigningKeyHolder`); `activate` refuses while a server seen
recently lacks it. A server that still lacks the active key's private half (a secret not yet mounted there) signs
with the newest key it holds that was active before and is not retired, and logs a warning, instead of failing.

A credential's `kid` header is the absolute URL of the public JWK (Open Badges 3.0 asks for a URI that dereferences
to the key); the key itself is found by the thumbprint at the end of that URL, whatever the host, so credentials keep
resolving their key after BASE_URL changes (docs/decisions/0151-key-ids-that-survive-a-move.md).
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import os
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from joserfc.jwk import RSAKey

from .models import SigningKey, SigningKeyHolder

ALGORITHM = "RS256"
KEY_SIZE = 3072
PEM_BLOCK = re.compile(rb"-----BEGIN (?:RSA )?PRIVATE KEY-----.+?-----END (?:RSA )?PRIVATE KEY-----", re.DOTALL)
THUMBPRINT = re.compile(r"^[A-Za-z0-9_-]{43}$")
logger = logging.getLogger(__name__)


class SigningKeyMissing(ImproperlyConfigured):
    pass


def key_dir() -> Path:
    return Path(settings.CERTIFICATES_KEY_DIR)


def private_key_path(kid: str) -> Path:
    return key_dir() / f"{kid}.pem"


# --- key ids ------------------------------------------------------------------------------------------------------
def kid_url(thumbprint: str, base_url: str | None = None) -> str:
    base = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return base + reverse("certificates:public_key", kwargs={"kid": thumbprint})


def thumbprint_of(kid: str) -> str | None:
    """The thumbprint a `kid` names: a bare thumbprint, or the URL of our public JWK under any host (the site may
    have moved since the credential was signed)."""
    candidate = kid.rstrip("/").rsplit("/", 1)[-1]
    if candidate.endswith(".json"):
        candidate = candidate[: -len(".json")]
    return candidate if THUMBPRINT.match(candidate) else None


def resolve_kid(kid: str) -> SigningKey | None:
    """The published key a credential's `kid` header names, or None. Host-independent: the thumbprint binds the key."""
    thumbprint = thumbprint_of(kid)
    if thumbprint is None:
        return None
    return SigningKey.objects.filter(kid=thumbprint).first()


def base_urls() -> list[str]:
    """The current BASE_URL first, then the former ones (CERTIFICATES_FORMER_BASE_URLS) the site moved away from."""
    urls = [settings.WAGTAILADMIN_BASE_URL.rstrip("/")]
    for url in getattr(settings, "CERTIFICATES_FORMER_BASE_URLS", []):
        if url.rstrip("/") not in urls:
            urls.append(url.rstrip("/"))
    return urls


def public_jwk(key: SigningKey, base_url: str | None = None) -> dict:
    """The published JWK: its `kid` is the URL that dereferences to it."""
    return {**key.public_jwk, "kid": kid_url(key.kid, base_url), "use": "sig", "alg": ALGORITHM}


def jwks() -> dict:
    """Every published key (staged, active, superseded, retired), once under the current BASE_URL and once under each
    former one, so a verifier that matches an old credential's `kid` against this set still finds its key."""
    rows = list(SigningKey.objects.order_by("created_at", "id"))
    return {"keys": [public_jwk(key, base) for base in base_urls() for key in rows]}


# --- the key ring: private keys parsed once per process -----------------------------------------------------------
@dataclass
class _Ring:
    source: tuple = ()
    keys: dict[str, RSAKey] = field(default_factory=dict)
    files: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # path -> (mtime_ns, size, kid)
    scanned_at: float = 0.0
    reported: tuple[frozenset, float] = (frozenset(), 0.0)
    warned: set = field(default_factory=set)
    parses: int = 0


_ring = _Ring()
_lock = threading.Lock()


def _source() -> tuple:
    env_keys = os.environ.get("CERTIFICATES_PRIVATE_KEYS", "")
    return (str(key_dir()), hashlib.sha256(env_keys.encode()).hexdigest())


def _parse(pem: bytes) -> tuple[str, RSAKey]:
    private = RSAKey.import_key(pem)
    _ring.parses += 1
    return private.thumbprint(), private


def _scan(*, force: bool = False) -> None:
    """Bring the ring up to date with the secret folder and the environment; parse only what is new or changed."""
    source = _source()
    if source != _ring.source:
        _ring.__init__(source=source)
        env_keys = os.environ.get("CERTIFICATES_PRIVATE_KEYS", "").encode()
        for block in PEM_BLOCK.findall(env_keys):
            kid, private = _parse(block)
            _ring.keys[kid] = private
    elif not force and time.monotonic() - _ring.scanned_at < settings.CERTIFICATES_KEY_RESCAN_SECONDS:
        return
    directory = key_dir()
    seen = set()
    if directory.is_dir():
        for path in sorted(directory.glob("*.pem")):
            try:
                stat = path.stat()
            except OSError:
                continue
            name = str(path)
            seen.add(name)
            known = _ring.files.get(name)
            if known and known[:2] == (stat.st_mtime_ns, stat.st_size):
                continue
            try:
                kid, private = _parse(path.read_bytes())
            except (OSError, ValueError) as error:
                logger.error("Cannot read the signing key %s: %s", path, error)
                continue
            _ring.files[name] = (stat.st_mtime_ns, stat.st_size, kid)
            _ring.keys[kid] = private
    for name in set(_ring.files) - seen:  # a file taken out of the secret: forget its key unless the env has it
        kid = _ring.files.pop(name)[2]
        if kid not in {entry[2] for entry in _ring.files.values()}:
            _ring.keys.pop(kid, None)
    _ring.scanned_at = time.monotonic()


def server_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def _report() -> None:
    """Tell the other servers (through the database) which private keys this process holds, when that changes and
    at least every CERTIFICATES_KEY_REPORT_SECONDS. One upsert, safe under concurrency."""
    held = frozenset(_ring.keys)
    last, when = _ring.reported
    if held == last and time.monotonic() - when < settings.CERTIFICATES_KEY_REPORT_SECONDS:
        return
    SigningKeyHolder.objects.bulk_create(
        [SigningKeyHolder(server=server_name(), kids=sorted(held), seen_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["server"],
        update_fields=["kids", "seen_at"],
    )
    _ring.reported = (held, time.monotonic())


def held_kids(*, rescan: bool = False) -> set[str]:
    """The thumbprints of the private keys this process holds."""
    with _lock:
        _scan(force=rescan)
        return set(_ring.keys)


def ring_parses() -> int:
    """How many private keys this process has parsed (for tests and benchmarks)."""
    return _ring.parses


def reset_ring() -> None:
    """Forget the parsed keys (tests, benchmarks); the next signature reads the secret again."""
    with _lock:
        _ring.__init__()


# --- key life cycle -----------------------------------------------------------------------------------------------
def _write_private(kid: str, pem: bytes, path: Path | None = None) -> Path:
    path = path or private_key_path(kid)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return path


@transaction.atomic
def key_stage(*, out: Path | None = None) -> SigningKey:
    """Step 1 of a rotation: a new key pair. The private PEM goes to `out` (for the secret store) or into the key
    folder; the public key is published at once, but nothing signs with it until `key_activate`."""
    private = RSAKey.generate_key(KEY_SIZE)
    kid = private.thumbprint()
    _write_private(kid, private.as_pem(private=True), out)
    return SigningKey.objects.create(kid=kid, public_jwk=private.as_dict(private=False), created_at=timezone.now())


def holders_without(key: SigningKey) -> list[SigningKeyHolder]:
    """Servers seen within CERTIFICATES_KEY_HOLDER_WINDOW seconds that have not reported the key's private half."""
    since = timezone.now() - datetime.timedelta(seconds=settings.CERTIFICATES_KEY_HOLDER_WINDOW)
    return [holder for holder in SigningKeyHolder.objects.filter(seen_at__gte=since) if key.kid not in holder.kids]


class KeyNotReady(Exception):
    pass


def key_activate(key: SigningKey, *, force: bool = False) -> SigningKey:
    """Step 2: the staged key signs from now on; the previous active key is superseded (still published, and still
    used by a server that lacks the new one). Refuses, unless `force`, while this process or a server seen recently
    lacks the private half. The check (and this process's own report) comes before, and outside, the atomic switch."""
    if key.retired_at is not None:
        raise KeyNotReady(f"The key {key.kid} is retired; stage a new one.")
    if not force:
        if key.kid not in held_kids(rescan=True):
            raise KeyNotReady(f"This server does not hold the private key {key.kid}.")
        with _lock:
            _report()
        # This process has just checked its own ring; its row may lag (another thread's report not yet committed).
        missing = [holder for holder in holders_without(key) if holder.server != server_name()]
        if missing:
            names = ", ".join(holder.server for holder in missing)
            raise KeyNotReady(f"Servers seen recently do not hold the private key {key.kid} yet: {names}.")
    with transaction.atomic():
        return _switch(key)


def _switch(key: SigningKey) -> SigningKey:
    # Lock every key row (a handful), in one order: two activations at once run one after the other, so the
    # one-active-key constraint is never hit by the loser (found by tests/certificates/test_key_races.py).
    locked = {row.pk: row for row in SigningKey.objects.select_for_update().order_by("pk")}
    key = locked[key.pk]
    if key.retired_at is not None:
        raise KeyNotReady(f"The key {key.kid} is retired; stage a new one.")
    now = timezone.now()
    SigningKey.objects.filter(is_active=True).exclude(pk=key.pk).update(is_active=False)
    key.is_active = True
    key.activated_at = key.activated_at or now
    key.save(update_fields=["is_active", "activated_at"])
    return key


@transaction.atomic
def key_retire(key: SigningKey) -> SigningKey:
    """A retired key never signs again, on any server; it stays published so its credentials keep verifying."""
    if key.is_active:
        raise KeyNotReady(f"The key {key.kid} is active: activate another key first.")
    if key.retired_at is None:
        key.retired_at = timezone.now()
        key.save(update_fields=["retired_at"])
    return key


def key_generate(*, activate: bool = True, force: bool = False) -> SigningKey:
    """Stage a key and (by default) activate it at once: the first key, or a rotation on a single server. Without an
    active key nothing can sign anyway, so the first key is activated without asking the other servers."""
    key = key_stage()
    if activate:
        key = key_activate(key, force=force or not SigningKey.objects.filter(is_active=True).exists())
    return key


def active_signing_key() -> tuple[SigningKey, RSAKey]:
    """The key that signs new credentials, and its parsed private half (from this process's key ring).

    One indexed query per call tells which key is active, so an activation on any server takes effect everywhere
    at the next signature. In development a missing key is generated on first use."""
    active = SigningKey.objects.filter(is_active=True).first()
    with _lock:
        _scan()
        if active is not None and active.kid not in _ring.keys:
            _scan(force=True)  # just staged and activated elsewhere: look at the secret again
        if active is not None and active.kid in _ring.keys:
            _report()
            return active, _ring.keys[active.kid]
        fallback = (
            SigningKey.objects.filter(
                kid__in=list(_ring.keys), is_active=False, activated_at__isnull=False, retired_at__isnull=True
            )
            .order_by("-activated_at")
            .first()
        )
        if fallback is not None:
            if active is not None and active.kid not in _ring.warned:
                _ring.warned.add(active.kid)
                logger.warning(
                    "Signing key %s is active but this server does not hold its private half; signing with %s "
                    "until the secret is updated here.",
                    active.kid,
                    fallback.kid,
                )
            _report()
            return fallback, _ring.keys[fallback.kid]
    if not settings.CERTIFICATES_AUTO_GENERATE_KEY:
        raise SigningKeyMissing(
            "No certificate signing key this server can use (the active key's private half is not in "
            f"{key_dir()} nor in CERTIFICATES_PRIVATE_KEYS). Run `manage.py certificates_keys generate`, or mount "
            "the secret."
        )
    key = key_generate(activate=True, force=True)  # development only (CERTIFICATES_AUTO_GENERATE_KEY)
    with _lock:
        _scan(force=True)
        _report()
        return key, _ring.keys[key.kid]
