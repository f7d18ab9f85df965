"""Run the site's periodic jobs (lms/periodic.py): as a long-running service, or once (e.g. from cron)."""

import signal

from django.core.management.base import BaseCommand, CommandError

from lms.periodic import JOBS, PeriodicRunner, job_named, run_job


class Command(BaseCommand):
    help = (
        "Run every periodic job (publish_scheduled, session reminders, note purge) at its interval until stopped "
        "(SIGINT/SIGTERM finish the running job, then exit). --once runs them now and exits."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run the jobs once, now, and exit.")
        parser.add_argument(
            "--job", action="append", dest="jobs", metavar="COMMAND", help="Only this job (repeatable)."
        )
        parser.add_argument("--list", action="store_true", help="List the jobs and their intervals, run nothing.")

    def handle(self, *args, once=False, jobs=None, list=False, verbosity=1, **options):  # noqa: A002
        try:
            selected = tuple(job_named(name) for name in jobs) if jobs else JOBS
        except KeyError as exc:
            raise CommandError(f"No periodic job {exc}; known: {', '.join(j.command for j in JOBS)}") from exc
        if list:
            for job in selected:
                self.stdout.write(f"{job.command}\t{job.schedule}\t{job.purpose}")
            return
        if once:
            for job in selected:
                ran = run_job(job)
                if verbosity >= 1:
                    self.stdout.write(f"{job.command}: {'done' if ran else 'skipped (already running elsewhere)'}")
            return
        runner = PeriodicRunner(selected)

        def stop(signum, frame):
            runner.stop_event.set()

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"Running {', '.join(job.command for job in selected)} (Ctrl-C stops)")
            )
        runner.run_forever()
        if verbosity >= 1:
            self.stdout.write("Stopped.")
