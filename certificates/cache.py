"""Caches of the public pages: the verify facts per code and the status list, each at most 60 seconds old and
cleared at once (and again after commit) on any status change."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction

VERIFY_TTL = 60
STATUS_LIST_TTL = 60
STATUS_PURPOSES = ("revocation", "suspension")


LANGUAGES = ("en", "nb")


def status_list_key(purpose: str) -> str:
    return f"certificates:status-list:v2:{purpose}"


def status_list_jwt_key(purpose: str) -> str:
    return f"certificates:status-list-jwt:v2:{purpose}"


def verify_key(code: str) -> str:
    return f"certificates:verify:v1:{code}"


def verify_html_key(code: str, language: str) -> str:
    return f"certificates:verify-html:v1:{code}:{language}"


def _clear(code: str) -> None:
    cache.delete_many(
        [
            verify_key(code),
            *(status_list_key(purpose) for purpose in STATUS_PURPOSES),
            *(status_list_jwt_key(purpose) for purpose in STATUS_PURPOSES),
            *(verify_html_key(code, language) for language in LANGUAGES),
        ]
    )


def invalidate(certificate) -> None:
    """Clear now and after commit: a request between the two cannot leave the old state cached."""
    code = certificate.code
    _clear(code)
    transaction.on_commit(lambda: _clear(code))
