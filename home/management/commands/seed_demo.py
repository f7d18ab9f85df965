"""Load demo content and one demo user per role. Idempotent: running it again changes nothing."""

from importlib import import_module

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from home.demo import DemoContext


class Command(BaseCommand):
    help = (
        "Create the demo page tree, institutions and one user per role (development only). "
        "Each app adds its own demo data from <app>/demo.py."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Run everything, then roll it back.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        password = getattr(settings, "DEMO_PASSWORD", None)
        if not password:
            raise CommandError("Demo users are for development only: these settings define no DEMO_PASSWORD.")
        context = DemoContext(stdout=self.stdout, style=self.style, verbosity=verbosity, password=password)
        # The demo's certificates and applications send emails; nobody reads them, so they stay in memory instead of
        # filling the console (make run) with raw MIME. Emails sent once the server runs are printed as before.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            before = len(getattr(mail, "outbox", []))
            self._seed(context, dry_run=dry_run)
            context.emails_kept_back = len(getattr(mail, "outbox", [])) - before
        context.report(dry_run=dry_run)

    def _seed(self, context: DemoContext, *, dry_run: bool) -> None:
        with transaction.atomic():
            for app_label in settings.PROJECT_APPS:
                try:
                    module = import_module(f"{app_label}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app_label}.demo":
                        raise
                    continue
                context.log(f"Seeding {app_label} …", level=2)
                module.seed(context)
            if dry_run:
                transaction.set_rollback(True)
