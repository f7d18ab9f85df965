"""Django's development server (with static files), plus the periodic jobs in a background thread.

With `PERIODIC_JOBS_IN_RUNSERVER` (on in lms.settings.dev), `make run` publishes scheduled pages and sends reminders
by itself; the thread lives in the serving process, so Ctrl-C (or an autoreload) stops it with the server.
See lms/periodic.py.
"""

from django.conf import settings
from django.contrib.staticfiles.management.commands.runserver import Command as StaticfilesRunserverCommand

from lms.periodic import JOBS, PeriodicRunner


class Command(StaticfilesRunserverCommand):
    help = StaticfilesRunserverCommand.help + " Runs the periodic jobs in a background thread in development."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-periodic", action="store_false", dest="periodic", help="Do not run the periodic jobs in-process."
        )

    def inner_run(self, *args, **options):
        # inner_run runs in the process that serves (the autoreloader's child), once per start.
        if options.get("periodic", True) and getattr(settings, "PERIODIC_JOBS_IN_RUNSERVER", False):
            PeriodicRunner().start()
            self.stdout.write(f"Periodic jobs running in this process: {', '.join(job.command for job in JOBS)}")
        return super().inner_run(*args, **options)
