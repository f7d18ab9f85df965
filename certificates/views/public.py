"""Public verification: no login, no cookies, minimal personal data.

Every response here is built without touching the session or the CSRF token (so no cookie and no `Vary: Cookie`),
sends `X-Robots-Tag: noindex` and `Referrer-Policy: no-referrer`, uses only our own static files, and runs at most
one SQL query (none when the facts are cached). Lookups are rate-limited per client.
"""

from __future__ import annotations

import json
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .. import cache as certificate_cache
from .. import codes, keys, ratelimit, signing
from ..models import Certificate, SigningKey
from ..pdf import ensure_pdf, ensure_stamped_pdf, pdf_stamp, qr_svg
from ..status import REVOCATION, SUSPENSION, status_list_credential, status_list_jwt

PUBLIC_HEADERS = {
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache, max-age=0",
    "X-Content-Type-Options": "nosniff",
}
FACT_FIELDS = (
    "code",
    "kind",
    "status",
    "status_reason",
    "status_changed_at",
    "holder_name",
    "achievement_title",
    "achievement_title_nb",
    "achievement_description",
    "achievement_description_nb",
    "achievement_criteria",
    "achievement_criteria_nb",
    "issuer_name",
    "institution_name",
    "evidence",
    "valid_from",
    "valid_until",
    "issued_at",
    "corrected_at",
)
LANGUAGES = ("en", "nb")


def public(view):
    """Add the public headers; honour ?lang=nb|en without a cookie."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = request.GET.get("lang")
        with translation.override(language if language in LANGUAGES else translation.get_language()):
            try:
                response = view(request, *args, **kwargs)
            except Http404:
                # Our own 404 page: the site's would render base.html (CSRF token, session, messages).
                response = _error(
                    request,
                    status=404,
                    title=_("Not found"),
                    message=_("There is nothing at this address. Check the certificate code and try again."),
                )
        for header, value in PUBLIC_HEADERS.items():
            response.headers.setdefault(header, value)
        response.certificates_public = True  # certificates.middleware strips any cookie
        return response

    return wrapper


def _render(request, template: str, context: dict, *, status: int = 200) -> HttpResponse:
    """Render without the request context processors (they would touch the session, messages and CSRF)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    base = {
        "LANGUAGE_CODE": language,
        "lang_links": [
            {"code": code, "label": label, "current": language.startswith(code)}
            for code, label in (("nb", "Norsk bokmål"), ("en", "English"))
        ],
        "request_path": request.path,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    return HttpResponse(render_to_string(template, {**base, **context}), status=status)


def _error(request, *, status: int, title: str, message: str, code_text: str = "") -> HttpResponse:
    return _render(
        request,
        "certificates/verify_error.html",
        {"title": title, "message": message, "code_text": code_text[:80], "status": status},
        status=status,
    )


def too_many(request, retry_after: int = 60) -> HttpResponse:
    response = _error(
        request,
        status=429,
        title=_("Too many lookups"),
        message=_(
            "You have checked many certificate codes in a short time. Please wait a few minutes and try again. "
            "If you need to check many certificates, contact the issuer."
        ),
    )
    response["Retry-After"] = str(retry_after)  # the real end of the window that refused (ratelimit)
    return response


def _facts(code: str) -> dict | None:
    """The verifiable facts of one certificate (one query, cached ≤ 60 s, cleared on any status change)."""
    key = certificate_cache.verify_key(code)
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    row = Certificate.objects.filter(code=code).values(*FACT_FIELDS).first()
    facts = _serialize(row) if row else {}
    cache.set(key, facts, certificate_cache.VERIFY_TTL)
    return facts or None


def _iso(value):
    return value.isoformat() if value else None


def _serialize(row: dict) -> dict:
    evidence = row["evidence"] or {}
    if row["kind"] == Certificate.Kind.COURSE:
        summary = {
            "completed_at": evidence.get("completed_at"),
            "hours": evidence.get("hours"),
            "modules": [
                {"title": str(m.get("title", "")), "completed_at": m.get("completed_at")}
                for m in evidence.get("modules", [])
            ],
        }
    else:
        summary = {
            "period": evidence.get("period"),
            "sessions_attended": evidence.get("sessions_attended"),
            "hours": evidence.get("hours"),
        }
    summary["renewals"] = [
        {"renewed_at": r.get("renewed_at"), "previous_valid_until": r.get("previous_valid_until")}
        for r in evidence.get("renewals", [])
        if isinstance(r, dict)
    ]
    return {
        **{field: row[field] for field in FACT_FIELDS if field not in ("evidence",)},
        "status_changed_at": _iso(row["status_changed_at"]),
        "valid_from": _iso(row["valid_from"]),
        "valid_until": _iso(row["valid_until"]),
        "issued_at": _iso(row["issued_at"]),
        "corrected_at": _iso(row["corrected_at"]),
        "evidence": summary,
    }


def effective_status(facts: dict, at=None) -> str:
    """`Certificate.effective_status` of the cached facts (no query): the same rule, not a copy of it."""
    until = parse_datetime(facts["valid_until"]) if facts["valid_until"] else None
    return Certificate(status=facts["status"], valid_until=until).effective_status(at)


def _links(display: str) -> dict:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return {
        "page": base + reverse("certificates:verify", kwargs={"code": display}),
        "json": base + reverse("certificates:verify_json", kwargs={"code": display}),
        "pdf": base + reverse("certificates:pdf", kwargs={"code": display}),
        "credential_jwt": base + reverse("certificates:credential_jwt", kwargs={"code": display}),
        "credential_json": base + reverse("certificates:credential_json", kwargs={"code": display}),
        "jwks": base + reverse("certificates:jwks"),
        "issuer": base + reverse("certificates:issuer"),
        "status_list": base + reverse("certificates:status_list"),
        "suspension_list": base + reverse("certificates:status_list_suspension"),
    }


def code_problem_message(raw: str) -> str:
    """What is wrong with a typed code, naming the group(s) of four to check when that can be told."""
    problem = codes.diagnose(raw)
    if problem is None or problem.kind == "length":
        length = problem.length if problem else codes.CODE_LENGTH
        return _(
            "A certificate code has 28 letters and digits in seven groups of four, for example ABCD-EFGH-…; "
            "this has %(count)d."
        ) % {"count": length}
    groups = [str(group) for group in problem.groups]
    if problem.kind == "symbol":
        return _("Group %(group)s has “%(symbol)s”, which is never used in certificate codes. Check that group.") % {
            "group": groups[0],
            "symbol": problem.symbol,
        }
    if len(groups) == 1:
        return _("Group %(group)s looks wrong: one of its letters or digits does not match. Check that group.") % {
            "group": groups[0]
        }
    if len(groups) == 2:
        return _(
            "One letter or digit is wrong, in group %(first)s or group %(second)s. Check those groups against the "
            "certificate."
        ) % {"first": groups[0], "second": groups[1]}
    if len(groups) == 3:
        return _(
            "One letter or digit is wrong, in group %(first)s, %(second)s or %(third)s. Check those groups against "
            "the certificate."
        ) % {"first": groups[0], "second": groups[1], "third": groups[2]}
    return _("One letter or digit is wrong. Check each group of four against the certificate.")


def _lookup(request, code: str, view_name: str):
    """(facts, None) or (None, error response). Counts the lookup and, if unknown, the unknown-code bucket."""
    if (retry_after := ratelimit.lookup_refusal(request)) is not None:
        return None, too_many(request, retry_after)
    canonical = codes.normalize(code)
    if canonical is None:
        return None, _error(
            request,
            status=404,
            title=_("This is not a certificate code"),
            message=code_problem_message(code),
            code_text=code,
        )
    display = codes.format_code(canonical)
    if code != display:
        return None, redirect(reverse(view_name, kwargs={"code": display}) + _lang_query(request))
    facts = _facts(canonical)
    if facts is None:
        ratelimit.record_unknown(request)
        return None, _error(
            request,
            status=404,
            title=_("No certificate has this code"),
            message=_("We could not find a certificate with this code. Check the code and try again."),
            code_text=display,
        )
    return facts, None


def _lang_query(request) -> str:
    language = request.GET.get("lang")
    return f"?lang={language}" if language in LANGUAGES else ""


@require_safe
@public
def verify_form(request):
    raw = request.GET.get("code", "")
    error = ""
    if raw:
        if len(raw) > codes.MAX_INPUT_LENGTH:
            error = _("That is too long to be a certificate code.")
        else:
            canonical = codes.normalize(raw)
            if canonical is None:
                error = code_problem_message(raw)
            else:
                target = reverse("certificates:verify", kwargs={"code": codes.format_code(canonical)})
                return redirect(target + _lang_query(request))
    return _render(
        request,
        "certificates/verify_form.html",
        {"error": error, "value": raw[:80]},
        status=400 if error else 200,
    )


def _localized(facts: dict, field: str) -> str:
    if (translation.get_language() or "en").startswith("nb") and facts.get(f"{field}_nb"):
        return facts[f"{field}_nb"]
    return facts[field]


@require_safe
@public
def verify_detail(request, code: str):
    facts, error = _lookup(request, code, "certificates:verify")
    if error:
        return error
    display = codes.format_code(facts["code"])
    language = "nb" if (translation.get_language() or "en").startswith("nb") else "en"
    html_key = certificate_cache.verify_html_key(facts["code"], language)
    html = cache.get(html_key)
    if html is not None:
        return HttpResponse(html)
    context = {
        "facts": facts,
        "display_code": display,
        "status": effective_status(facts),
        "title": _localized(facts, "achievement_title"),
        "description": _localized(facts, "achievement_description"),
        "criteria": _localized(facts, "achievement_criteria"),
        "kind_label": Certificate.Kind(facts["kind"]).label,
        "valid_from": parse_datetime(facts["valid_from"]),
        "valid_until": parse_datetime(facts["valid_until"]) if facts["valid_until"] else None,
        "issued_at": parse_datetime(facts["issued_at"]),
        "status_changed_at": parse_datetime(facts["status_changed_at"]) if facts["status_changed_at"] else None,
        "links": _links(display),
        "renewals": [
            {
                "renewed_at": parse_datetime(r["renewed_at"]),
                "previous_valid_until": parse_datetime(r["previous_valid_until"]),
            }
            for r in facts["evidence"].get("renewals", [])
            if r.get("renewed_at") and r.get("previous_valid_until")
        ],
    }
    response = _render(request, "certificates/verify_detail.html", context)
    # The page as rendered, for as long as the facts (≤ 60 s, cleared on any status change). An expiry that falls
    # inside that minute shows at most 60 s late.
    cache.set(html_key, response.content, certificate_cache.VERIFY_TTL)
    return response


@require_safe
@public
def verify_json(request, code: str):
    facts, error = _lookup(request, code, "certificates:verify_json")
    if error:
        if error.status_code in (301, 302):
            return error
        return JsonResponse({"error": error.status_code, "detail": _("Not found.")}, status=error.status_code)
    display = codes.format_code(facts["code"])
    data = {
        "code": display,
        "status": effective_status(facts),
        "recorded_status": facts["status"],
        "status_reason": facts["status_reason"] if facts["status"] != "valid" else "",
        "status_changed_at": facts["status_changed_at"],
        "kind": facts["kind"],
        "holder_name": facts["holder_name"],
        "achievement": {
            "title": {"en": facts["achievement_title"], "nb": facts["achievement_title_nb"]},
            "description": {"en": facts["achievement_description"], "nb": facts["achievement_description_nb"]},
            "criteria": {"en": facts["achievement_criteria"], "nb": facts["achievement_criteria_nb"]},
        },
        "issuer": {"name": facts["issuer_name"], "institution": facts["institution_name"]},
        "issued_at": facts["issued_at"],
        "valid_from": facts["valid_from"],
        "valid_until": facts["valid_until"],
        "corrected_at": facts["corrected_at"],
        "evidence": facts["evidence"],
        "links": _links(display),
        "checked_at": timezone.now().isoformat(),
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})


def _certificate_or_error(request, code: str, view_name: str, *, fields=("pk",)):
    """For the downloads: the same limits and tolerant lookup as the page, then the row itself (one query)."""
    if (retry_after := ratelimit.lookup_refusal(request)) is not None:
        return None, too_many(request, retry_after)
    canonical = codes.normalize(code)
    if canonical is None:
        raise Http404
    display = codes.format_code(canonical)
    if code != display:
        return None, redirect(reverse(view_name, kwargs={"code": display}))
    certificate = Certificate.objects.filter(code=canonical).only(*fields).first()
    if certificate is None:
        ratelimit.record_unknown(request)
        raise Http404
    return certificate, None


@require_safe
@public
def credential_jwt(request, code: str):
    certificate, error = _certificate_or_error(
        request, code, "certificates:credential_jwt", fields=("code", "credential_jwt")
    )
    if error:
        return error
    response = HttpResponse(certificate.credential_jwt, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.jwt"'
    return response


@require_safe
@public
def credential_json(request, code: str):
    certificate, error = _certificate_or_error(
        request, code, "certificates:credential_json", fields=("code", "credential")
    )
    if error:
        return error
    response = HttpResponse(
        json.dumps(certificate.credential, indent=2, ensure_ascii=False), content_type="application/ld+json"
    )
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.json"'
    return response


@require_safe
@public
def certificate_pdf(request, code: str):
    """The certificate PDF; once revoked, withdrawn or expired, a copy stamped with that status instead of the issued
    one (the page and the JSON say "expired" from the same Certificate.effective_status)."""
    certificate, error = _certificate_or_error(
        request, code, "certificates:pdf", fields=("code", "pdf", "status", "uuid", "valid_until")
    )
    if error:
        return error
    if pdf_stamp(certificate):
        handle = default_storage.open(ensure_stamped_pdf(certificate), "rb")
    else:
        if not certificate.pdf:
            certificate = ensure_pdf(Certificate.objects.get(pk=certificate.pk))
        handle = certificate.pdf.open("rb")
    return FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=request.GET.get("download") == "1",
        filename=f"certificate-{codes.format_code(certificate.code)}.pdf",
    )


@require_safe
@public
def qr_code(request, code: str):
    canonical = codes.normalize(code)
    if canonical is None:
        raise Http404
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "certificates:verify", kwargs={"code": codes.format_code(canonical)}
    )
    return HttpResponse(qr_svg(url), content_type="image/svg+xml")


@require_safe
@public
def jwks_view(request):
    return JsonResponse(keys.jwks(), json_dumps_params={"indent": 2})


@require_safe
@public
def public_key_view(request, kid: str):
    key = SigningKey.objects.filter(kid=kid).first()
    if key is None:
        raise Http404
    return JsonResponse(keys.public_jwk(key), json_dumps_params={"indent": 2})


@require_safe
@public
def issuer_view(request):
    return JsonResponse(signing.issuer_profile(), json_dumps_params={"indent": 2, "ensure_ascii": False})


def _status_list_response(request, purpose: str) -> HttpResponse:
    if request.GET.get("format") == "jwt" or "application/vc+jwt" in request.headers.get("Accept", ""):
        return HttpResponse(status_list_jwt(purpose), content_type="application/vc+jwt")
    response = JsonResponse(status_list_credential(purpose), json_dumps_params={"indent": 2})
    response["Content-Type"] = "application/vc+ld+json"
    return response


@require_safe
@public
def status_list_view(request):
    """The revocation Bitstring Status List credential (the list every credential names): JSON by default; signed
    VC-JWT for `Accept: application/vc+jwt` or `?format=jwt`."""
    return _status_list_response(request, REVOCATION)


@require_safe
@public
def suspension_list_view(request):
    """The suspension list: the same positions, a bit set while a certificate is suspended (docs/decisions/0046)."""
    return _status_list_response(request, SUSPENSION)


@require_safe
@public
def achievement_view(request, key: str):
    """What an achievement id in a credential dereferences to (the latest text issued for it)."""
    certificate = None
    if key.startswith("course-"):
        try:
            public_id = uuid.UUID(key[len("course-") :])
        except ValueError as exc:
            raise Http404 from exc
        certificate = Certificate.objects.filter(course__public_id=public_id).first()
    elif key in Certificate.Kind.values:
        certificate = Certificate.objects.filter(kind=key, course__isnull=True).first()
    if certificate is None or not certificate.credential:
        raise Http404
    return JsonResponse(
        certificate.credential["credentialSubject"]["achievement"],
        json_dumps_params={"indent": 2, "ensure_ascii": False},
    )
