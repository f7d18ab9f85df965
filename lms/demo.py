"""Demo users, one per role, all with the development-only demo password; staff also get a demo TOTP secret."""

import base64
import hashlib

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from . import roles
from .models import Institution, User

DEMO_USERS = [
    # email, full name, preferred name, role, institution slug
    ("trainee@example.org", "Ingrid Trainee Hansen", "Ingrid", roles.TRAINEES, "uio"),
    ("supporter@example.org", "Amir Supporter Nilsen", "Amir", roles.TRAINEES, "oslomet"),
    ("counsellor@example.org", "Kari Counsellor Berg", "Kari", roles.COUNSELLORS, None),
    # A second counsellor, so that "Counsellor review" can be completed in the demo (one submits, the other approves).
    ("counsellor2@example.org", "Lars Counsellor Strand", "Lars", roles.COUNSELLORS, None),
    ("advisor@example.org", "Jonas Advisor Lie", "Jonas", roles.ADVISORS, None),
    ("coordinator@example.org", "Sofie Coordinator Dahl", "Sofie", roles.COORDINATORS, "oslomet"),
    ("admin@example.org", "Erik Administrator Moe", "Erik", roles.ADMINISTRATORS, None),
]


def seed(context) -> None:
    for email, full_name, preferred_name, role, slug in DEMO_USERS:
        institution = Institution.objects.filter(slug=slug).first() if slug else None
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"full_name": full_name, "preferred_name": preferred_name, "institution": institution},
        )
        if created:
            user.set_password(context.password)
            user.save()
        user.groups.add(Group.objects.get(name=role))
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        if role in roles.STAFF_ROLES:
            context.add_login(str(roles.ROLE_LABELS[role]), email, extra=f"TOTP secret: {ensure_demo_totp(user)}")
        else:
            context.add_login(str(roles.ROLE_LABELS[role]), email)


def demo_totp_secret(email: str) -> str:
    """A fixed base32 secret per demo email, so the same authenticator-app entry keeps working after a reseed.

    Public by construction (anyone can compute it): demo users exist only where DEMO_PASSWORD is set.
    """
    digest = hashlib.sha256(f"peer-support-academy-demo-totp:{email}".encode()).digest()[:20]
    return base64.b32encode(digest).decode()


def ensure_demo_totp(user) -> str:
    """Give the user a TOTP authenticator with the demo secret unless they have one; return the secret in use."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        secret = demo_totp_secret(user.email)
        TOTP.activate(user, secret)
        return secret
    return get_mfa_adapter().decrypt(authenticator.data["secret"])
