"""Who a person writes to when the site refuses them something or a path ends (issue 12: no dead ends).

The coordinator or counsellor of the person's own institution when the institution names a contact address,
otherwise the site settings' contact address. Pages that refuse (403, no attempts left, training not open, a module
locked, an application waiting) show it through `{% help_contact %}` so none of them is a dead end.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from wagtail.models import Site

from home import structure
from home.models import SiteSettings


@dataclass(frozen=True)
class HelpContact:
    name: str
    email: str
    is_institution: bool


def help_contact(request) -> HelpContact | None:
    """The contact for the person making `request`; None when neither their institution nor the site names one."""
    user = getattr(request, "user", None)
    institution = None
    if user is not None and user.is_authenticated:
        structure.attach_institution(user)
        institution = user.institution
    if institution is not None and institution.contact_email:
        name = institution.contact_name or _("The peer-support coordinator at %(institution)s") % {
            "institution": institution.short_name or institution.name
        }
        return HelpContact(name=name, email=institution.contact_email, is_institution=True)
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    email = SiteSettings.for_site(site).contact_email
    if not email:
        return None
    return HelpContact(name=_("The counsellors of the peer support network"), email=email, is_institution=False)
