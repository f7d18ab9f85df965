"""Sending an institution's request to the programme's email address (site settings)."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from home.models import SiteSettings


def programme_email(site) -> str:
    return SiteSettings.for_site(site).contact_email


def contact_request_send(*, site, data: dict) -> None:
    """Email the request to the programme, in English, with the sender as Reply-To. Nothing is stored."""
    recipient = programme_email(site)
    if not recipient:
        raise ValueError("The site settings have no contact email.")
    with override("en"):
        subject = _("Establishing peer support: %(institution)s") % {"institution": data["institution"]}
        body = render_to_string("network/email/contact_request.txt", {"data": data})
    EmailMessage(subject=subject, body=body, to=[recipient], reply_to=[data["email"]]).send()
