"""Request ids and JSON log lines (docs/operations.md, "Logs").

`RequestIdMiddleware` gives every request an id: the proxy's `X-Request-ID` when it looks like one (nginx's
`$request_id`, a UUID), otherwise a new one. The id is sent back in the `X-Request-ID` response header and added to
every log record written while the request runs (`RequestIdFilter`), so one line in nginx's access log, the app's
log and a Sentry event can be matched. `JSONFormatter` writes one JSON object per line for a log collector.
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

from django.core.exceptions import ImproperlyConfigured

HEADER = "X-Request-ID"
_META_KEY = "HTTP_X_REQUEST_ID"
# What we accept from a proxy: letters, digits, dashes, dots and underscores, 8-64 long. Anything else (or nothing)
# gets a fresh id, so a client cannot write arbitrary text into the logs through this header.
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def new_request_id() -> str:
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Outermost middleware: sets the id before anything logs, and puts it on every response, errors included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get(_META_KEY, "")
        request_id = incoming if _VALID.match(incoming) else new_request_id()
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request: the worker, the scheduler, commands)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


# Attributes every LogRecord has; anything else passed with `extra=` is written as its own field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "request_id"}


class JSONFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id, extras, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool | type(None)) else repr(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=repr)


def logging_config(*, level: str, fmt: str, mail_admins: bool) -> dict:
    """The LOGGING setting: console in `fmt` ("json" or "plain"), and mail to ADMINS on server errors if asked."""
    handlers = {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": fmt,
            "filters": ["request_id"],
        }
    }
    if mail_admins:
        handlers["mail_admins"] = {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["request_id", "require_debug_false"],
        }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "lms.observability.RequestIdFilter"},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        },
        "formatters": {
            "json": {"()": "lms.observability.JSONFormatter"},
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": handlers,
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Server errors (500s) and security events also go to ADMINS by mail (the handler takes ERROR only).
            "django.request": {
                "handlers": ["console", *(["mail_admins"] if mail_admins else [])],
                "level": level,
                "propagate": False,
            },
            "django.security": {
                "handlers": ["console", *(["mail_admins"] if mail_admins else [])],
                "level": level,
                "propagate": False,
            },
        },
    }


def sentry_init(dsn: str | None, *, environment: str, release: str | None, traces_sample_rate: float) -> bool:
    """Start Sentry when SENTRY_DSN is set; the sentry-sdk package is the optional extra `sentry`.

    No personal data is sent (send_default_pii=False: no user emails, cookies or IPs); the request id is attached
    as a tag so an event can be matched with the log lines.
    """
    if not dsn:
        return False
    try:
        import sentry_sdk  # noqa: PLC0415 - optional dependency: sentry-sdk is in the `sentry` extra only
        from sentry_sdk.integrations.django import DjangoIntegration  # noqa: PLC0415 - optional dependency: sentry-sdk is in the `sentry` extra only
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: install requirements/production.txt "
            "(it includes the `sentry` extra) or unset SENTRY_DSN."
        ) from exc

    def _tag_request_id(event, hint):
        request_id = request_id_var.get()
        if request_id != "-":
            event.setdefault("tags", {})["request_id"] = request_id
        return event

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=environment,
        release=release,
        send_default_pii=False,
        traces_sample_rate=traces_sample_rate,
        before_send=_tag_request_id,
    )
    return True
