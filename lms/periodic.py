"""Every periodic job of the site, in one place, and the small scheduler that runs them.

`JOBS` is the registry: README ("Periodic jobs") lists exactly these (tests/lms/test_periodic.py checks it). Each job
is a management command that is idempotent on its own (running it twice, or late, does no harm); the runner adds a
shared-cache lock per job so two runners (two processes, or a runner and someone at the shell) never run the same
job at the same moment.

Where it runs: `manage.py runserver` in development starts the runner in a background thread
(`PERIODIC_JOBS_IN_RUNSERVER`, on in lms.settings.dev), so `make run` publishes scheduled pages by itself; in
production `manage.py run_periodic` is one long-running service beside gunicorn and `db_worker`
(docs/decisions/0016-periodic-jobs.md). Intervals can be shortened per job with `PERIODIC_JOB_INTERVALS`
(seconds by job name), which the browser tests use.

This module names commands as strings: lms, the lowest app, does not import the apps whose commands it runs.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from io import StringIO

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import close_old_connections, connections

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    command: str
    interval: timedelta
    schedule: str  # how README says the interval
    purpose: str

    @property
    def seconds(self) -> float:
        overrides = getattr(settings, "PERIODIC_JOB_INTERVALS", {}) or {}
        return float(overrides.get(self.command, self.interval.total_seconds()))

    @property
    def lock_key(self) -> str:
        return f"periodic:lock:{self.command}"


JOBS: tuple[PeriodicJob, ...] = (
    PeriodicJob(
        command="publish_scheduled",
        interval=timedelta(minutes=1),
        schedule="every minute",
        purpose="publishes pages whose go-live time has come (approved reviews with a schedule) and "
        "unpublishes expired ones (Wagtail)",
    ),
    PeriodicJob(
        command="send_session_reminders",
        interval=timedelta(hours=1),
        schedule="hourly",
        purpose="emails the day-before reminder of tomorrow's supervision sessions, once per session",
    ),
    PeriodicJob(
        command="send_interview_reminders",
        interval=timedelta(hours=1),
        schedule="hourly",
        purpose="emails the day-before reminder of tomorrow's recruitment interviews, once per booking",
    ),
    PeriodicJob(
        command="purge_personal_data",
        interval=timedelta(days=1),
        schedule="daily",
        purpose="deletes personal data older than its retention period (site settings), per category: closed "
        "applications and interview notes, supervision notes, activity logs, the security log, inactive accounts "
        "(warned first), task results; each purge audited with its count",
    ),
    PeriodicJob(
        command="send_expiry_reminders",
        interval=timedelta(days=1),
        schedule="daily",
        purpose="emails holders and their coordinators 60 and 14 days before a certificate expires, once each",
    ),
    PeriodicJob(
        command="execute_erasures",
        interval=timedelta(hours=1),
        schedule="hourly",
        purpose="erases the accounts whose owners asked for it once the 14-day waiting period has passed",
    ),
    PeriodicJob(
        command="reconcile_certificates",
        interval=timedelta(minutes=10),
        schedule="every 10 minutes",
        purpose="issues certificates owed but missing after a crash (completed training, approved engagement) "
        "and sends their missing PDFs and emails, once each",
    ),
)

# A run that takes longer than this is presumed dead and its lock lapses (a crashed process cannot block a job).
LOCK_TIMEOUT_SECONDS = 15 * 60


def job_named(command: str) -> PeriodicJob:
    for job in JOBS:
        if job.command == command:
            return job
    raise KeyError(command)


def run_job(job: PeriodicJob) -> bool:
    """Run `job` once unless another run of it holds the lock. True if it ran; errors are logged, never raised."""
    if not cache.add(job.lock_key, "running", timeout=LOCK_TIMEOUT_SECONDS):
        logger.info("periodic job %s is already running elsewhere; skipped", job.command)
        return False
    output = StringIO()
    try:
        call_command(job.command, stdout=output, stderr=output)
    except Exception:  # one failing job must not stop the others (or the scheduler)
        logger.exception("periodic job %s failed", job.command)
    else:
        logger.debug("periodic job %s: %s", job.command, output.getvalue().strip())
    finally:
        cache.delete(job.lock_key)
    return True


class PeriodicRunner:
    """Runs each job when its interval has passed (each job once at start). Not persistent: a restart runs every job
    again at once, which the jobs' idempotence makes harmless."""

    tick_seconds = 1.0

    def __init__(self, jobs: tuple[PeriodicJob, ...] = JOBS, *, clock=time.monotonic, connections_override=None):
        """`connections_override` ({alias: connection}) lets the thread share connections it must not open itself:
        tests on an in-memory SQLite database, as Django's LiveServerThread does."""
        self.jobs = jobs
        self.clock = clock
        self.connections_override = connections_override or {}
        self.next_due = {job.command: 0.0 for job in jobs}
        self.stop_event = threading.Event()
        self.thread: threading.Thread | None = None

    def run_pending(self) -> list[str]:
        """Run the jobs that are due now; returns the commands that ran."""
        ran = []
        for job in self.jobs:
            now = self.clock()
            if now < self.next_due[job.command]:
                continue
            self.next_due[job.command] = now + job.seconds
            if run_job(job):
                ran.append(job.command)
        return ran

    def run_forever(self) -> None:
        """Loop until `stop()`; closes this thread's database connections on the way out."""
        for alias, connection in self.connections_override.items():
            connections[alias] = connection
        try:
            while not self.stop_event.is_set():
                close_old_connections()  # a long-lived loop must not keep a connection the server has dropped
                self.run_pending()
                wait = min(self.next_due.values()) - self.clock()
                self.stop_event.wait(max(0.05, min(self.tick_seconds, wait)))
        finally:
            if not self.connections_override:
                connections.close_all()

    def start(self) -> PeriodicRunner:
        """Start the loop in a daemon thread (it dies with the process, e.g. at Ctrl-C)."""
        self.thread = threading.Thread(target=self.run_forever, name="periodic-jobs", daemon=True)
        self.thread.start()
        return self

    def stop(self, timeout: float = 30) -> None:
        self.stop_event.set()
        if self.thread is not None:
            self.thread.join(timeout)
