"""Print the current TOTP code of a demo staff user (development only), for logging in without a phone."""

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lms.demo import DEMO_USERS

DEMO_EMAILS = [email for email, *_ in DEMO_USERS]


class Command(BaseCommand):
    help = "Print the current six-digit TOTP code of a demo user (development settings only)."

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", help="A demo user's email; all demo staff when left out.")

    def handle(self, *args, email=None, verbosity=1, **options):
        if not getattr(settings, "DEMO_PASSWORD", None):
            raise CommandError("Demo users are for development only: these settings define no DEMO_PASSWORD.")
        if email and email.lower() not in DEMO_EMAILS:
            raise CommandError(f"{email} is not a demo user. Demo users: {', '.join(DEMO_EMAILS)}")
        authenticators = Authenticator.objects.filter(
            type=Authenticator.Type.TOTP, user__email__in=[email.lower()] if email else DEMO_EMAILS
        ).select_related("user")
        if not authenticators:
            raise CommandError("No demo user with an authenticator: run `manage.py seed_demo` first.")
        counters = list(yield_hotp_counters_from_time())
        counter = counters[len(counters) // 2]
        for authenticator in sorted(authenticators, key=lambda a: a.user.email):
            secret = get_mfa_adapter().decrypt(authenticator.data["secret"])
            code = format_hotp_value(hotp_value(secret, counter))
            self.stdout.write(code if email else f"{authenticator.user.email:<28} {code}")
