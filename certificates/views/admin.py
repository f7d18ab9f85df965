"""Coordinator screens in the Wagtail admin. The viewset (wagtail_hooks.py) gives list, filters, export and inspect;
these views add the actions: suspend, unsuspend, revoke, withdraw, correct the name, issue by exception, and one ZIP
of a course run's PDFs. Every object is looked up in `Certificate.objects.visible_to(user)`: a coordinator of
another institution gets 404, a role without the permission 403.
"""

from __future__ import annotations

import tempfile
import zipfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.views import generic

from lms.audit import audit_record
from lms.exports import OsloExportMixin, OsloInspectMixin, format_oslo

from .. import services
from ..forms import CorrectNameForm, ManualIssueForm, ReasonForm, ZipForm
from ..models import Certificate, manageable_holders
from ..pdf import ensure_pdf

ACTIONS = {
    # action: (permission, service, allowed statuses, label, button label)
    "suspend": (
        "certificates.suspend_certificate",
        services.certificate_suspend,
        (Certificate.Status.VALID,),
        gettext_lazy("Suspend certificate"),
        gettext_lazy("Suspend"),
    ),
    "unsuspend": (
        "certificates.suspend_certificate",
        services.certificate_unsuspend,
        (Certificate.Status.SUSPENDED,),
        gettext_lazy("Lift the suspension"),
        gettext_lazy("Unsuspend"),
    ),
    "revoke": (
        "certificates.revoke_certificate",
        services.certificate_revoke,
        (Certificate.Status.VALID, Certificate.Status.SUSPENDED),
        gettext_lazy("Revoke certificate"),
        gettext_lazy("Revoke"),
    ),
    "withdraw": (
        "certificates.revoke_certificate",
        services.certificate_withdraw,
        (Certificate.Status.VALID, Certificate.Status.SUSPENDED),
        gettext_lazy("Withdraw certificate"),
        gettext_lazy("Withdraw"),
    ),
}


def managed(request):
    return Certificate.objects.visible_to(request.user)


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def available_actions(user, certificate) -> list[dict]:
    actions = [
        {"name": name, "label": label, "url": reverse("certificates_admin:action", args=[certificate.pk, name])}
        for name, (permission, _service, statuses, label, _button) in ACTIONS.items()
        if certificate.status in statuses and user.has_perm(permission)
    ]
    if certificate.status in (Certificate.Status.VALID, Certificate.Status.SUSPENDED) and user.has_perm(
        "certificates.correct_certificate"
    ):
        actions.append(
            {
                "name": "correct",
                "label": _("Correct the holder's name"),
                "url": reverse("certificates_admin:correct", args=[certificate.pk]),
            }
        )
    return actions


class CertificateIndexView(OsloExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return (
            Certificate.objects.visible_to(self.request.user)
            .select_related("course", "holder__institution")
            .defer("credential", "credential_jwt", "design", "evidence")
        )


class CertificateInspectView(OsloInspectMixin, generic.InspectView):
    template_name = "certificates/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(managed(self.request).select_related("course"), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.events.select_related("actor")
        context["actions"] = available_actions(self.request.user, self.object)
        context["verify_url"] = self.object.get_absolute_url()
        return context


@require_http_methods(["GET", "POST"])
def status_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise PermissionDenied
    permission, service, statuses, title, button = ACTIONS[action]
    _require(request, permission)
    certificate = get_object_or_404(managed(request), pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"], request=request)
        except services.CertificateError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Done: %(title)s.") % {"title": title})
            return redirect("certificates_admin_viewset:inspect", certificate.pk)
    return TemplateResponse(
        request,
        "certificates/admin/action_form.html",
        {"certificate": certificate, "form": form, "title": title, "button": button, "action": action},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def correct(request, pk: int):
    _require(request, "certificates.correct_certificate")
    certificate = get_object_or_404(managed(request), pk=pk)
    form = CorrectNameForm(request.POST or None, initial={"holder_name": certificate.holder_name})
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_correct(
                certificate=certificate,
                holder_name=form.cleaned_data["holder_name"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
                request=request,
            )
        except services.CertificateError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The name was corrected; a new PDF and credential were issued."))
            return redirect("certificates_admin_viewset:inspect", certificate.pk)
    return TemplateResponse(
        request,
        "certificates/admin/action_form.html",
        {
            "certificate": certificate,
            "form": form,
            "title": _("Correct the holder's name"),
            "button": _("Correct and re-issue"),
            "action": "correct",
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def manual_issue(request):
    _require(request, "certificates.issue_certificate")
    form = ManualIssueForm(request.POST or None, holders=manageable_holders(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.issue_course_certificate(
                holder=form.holder,
                course=form.cleaned_data["course"],
                evidence={"course": form.cleaned_data["course"].title, "manual": True, "modules": []},
                issued_by=request.user,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except services.CertificateError as exc:
            form.add_error(None, exc)
        else:
            if certificate.created_now:
                messages.success(request, _("The certificate was issued and the holder notified."))
            else:
                messages.warning(request, _("This person already has an active certificate for this course."))
            return redirect("certificates_admin_viewset:inspect", certificate.pk)
    return TemplateResponse(
        request,
        "certificates/admin/action_form.html",
        {"form": form, "title": _("Issue a certificate by exception"), "button": _("Issue"), "action": "issue"},
        status=400 if request.method == "POST" else 200,
    )


ENDED_STATUSES = (Certificate.Status.REVOKED, Certificate.Status.WITHDRAWN)


def zip_member_name(certificate) -> str:
    """'ingrid-hansen-ABCD-1234.pdf'; a certificate that is not valid starts with its status: 'REVOKED-…'."""
    name = f"{slugify(certificate.holder_name) or 'certificate'}-{certificate.display_code}.pdf"
    if certificate.status != Certificate.Status.VALID:
        name = f"{certificate.status.upper()}-{name}"
    return name


def zip_manifest(certificates) -> str:
    """STATUS.txt: one tab-separated line per file (status, code, holder, issue time in Oslo, file name)."""
    lines = ["status\tcode\tholder\tissued (Europe/Oslo)\tfile"]
    for certificate in certificates:
        lines.append(
            "\t".join(
                [
                    certificate.status.upper(),
                    certificate.display_code,
                    certificate.holder_name,
                    format_oslo(certificate.issued_at),
                    zip_member_name(certificate),
                ]
            )
        )
    return "\n".join(lines) + "\n"


@require_http_methods(["GET"])
def course_zip(request):
    """All PDFs of a course run (the certificates this user may manage) in one ZIP file."""
    _require(request, "certificates.view_certificate")
    form = ZipForm(request.GET or None)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "certificates/admin/action_form.html",
            {"form": form, "title": _("Download a course's PDFs"), "button": _("Download ZIP"), "method": "get"},
            status=400 if request.GET else 200,
        )
    course = form.cleaned_data["course"]
    mark = form.cleaned_data["ended"] == ZipForm.MARK
    certificates = managed(request).filter(course=course).select_related("holder").order_by("holder_name")
    if not mark:
        certificates = certificates.exclude(status__in=ENDED_STATUSES)
    spool = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)  # noqa: SIM115 - handed to FileResponse
    manifest = []
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates:
            ensure_pdf(certificate)
            with certificate.pdf.open("rb") as handle:
                archive.writestr(zip_member_name(certificate), handle.read())
            manifest.append(certificate)
        if mark and manifest:
            archive.writestr("STATUS.txt", zip_manifest(manifest))
    spool.seek(0)
    audit_record(
        action="certificate.pdfs_downloaded",
        request=request,
        obj=course,
        detail={"course": course.slug, "revoked_and_withdrawn": form.cleaned_data["ended"], "files": len(manifest)},
    )
    return FileResponse(spool, as_attachment=True, filename=f"certificates-{course.slug}.zip")
