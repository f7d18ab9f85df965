"""Issue owed certificates and finish their PDFs and emails after a crash. Idempotent; a periodic job."""

from django.core.management.base import BaseCommand

from certificates.reconcile import certificates_reconcile


class Command(BaseCommand):
    help = (
        "Issue every certificate owed (completed enrolments, approved engagements) but missing, render missing "
        "PDFs and send unsent 'certificate ready' emails. Idempotent; safe to run in two processes at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what is owed; issue and send nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        report = certificates_reconcile(dry_run=dry_run)
        if verbosity >= 2:
            for error in report.errors:
                self.stderr.write(error)
        if verbosity >= 1:
            style = self.style.WARNING if (dry_run or report.errors or report.skipped) else self.style.SUCCESS
            prefix = "Dry run, nothing changed: " if dry_run else ""
            self.stdout.write(style(prefix + report.summary() + "."))
