"""The periodic-job registry (lms/periodic.py), its runner, `run_periodic`, runserver's in-process runner, and the
README table that lists the jobs."""

import re
import threading
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import CommandError, call_command, get_commands
from django.core.management.commands import runserver as django_runserver

from lms import periodic
from lms.periodic import JOBS, PeriodicRunner, job_named, run_job
from lms.settings import dev

README = Path(settings.BASE_DIR) / "README.md"


@pytest.fixture
def calls(monkeypatch):
    """Replace call_command inside lms.periodic; records the commands run."""
    ran = []

    def fake(command, **kwargs):
        ran.append(command)

    monkeypatch.setattr(periodic, "call_command", fake)
    for job in JOBS:
        cache.delete(job.lock_key)
    return ran


def test_every_registered_job_is_a_management_command():
    commands = get_commands()
    assert [job.command for job in JOBS if job.command not in commands] == []


def test_the_registry_holds_publishing_reminders_and_purges_with_their_intervals():
    assert {job.command: job.interval.total_seconds() for job in JOBS} == {
        "publish_scheduled": 60,
        "send_session_reminders": 3600,
        "send_interview_reminders": 3600,
        "purge_personal_data": 86400,
        "send_expiry_reminders": 86400,
        "execute_erasures": 3600,
        "reconcile_certificates": 600,
    }


def test_readme_lists_exactly_the_registered_jobs():
    section = README.read_text().split("### Periodic jobs", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|$", section, flags=re.M)
    assert rows == [(job.command, job.schedule, job.purpose) for job in JOBS]


def test_an_interval_setting_shortens_one_job(settings):
    settings.PERIODIC_JOB_INTERVALS = {"publish_scheduled": 2}
    assert job_named("publish_scheduled").seconds == 2
    assert job_named("purge_personal_data").seconds == 86400


def test_unknown_job_name_is_a_key_error():
    with pytest.raises(KeyError):
        job_named("rm_rf")


def test_runner_runs_every_job_at_start_then_each_when_its_interval_has_passed(calls):
    now = [1000.0]
    runner = PeriodicRunner(clock=lambda: now[0])
    assert runner.run_pending() == [job.command for job in JOBS]
    now[0] += 30
    assert runner.run_pending() == []
    now[0] += 31
    assert runner.run_pending() == ["publish_scheduled"]
    now[0] += 3600
    assert runner.run_pending() == [
        "publish_scheduled",
        "send_session_reminders",
        "send_interview_reminders",
        "execute_erasures",
        "reconcile_certificates",
    ]
    assert calls.count("purge_personal_data") == 1


def test_a_job_whose_lock_is_held_is_skipped(calls):
    job = job_named("publish_scheduled")
    cache.add(job.lock_key, "running", timeout=60)
    try:
        assert run_job(job) is False
    finally:
        cache.delete(job.lock_key)
    assert calls == []
    assert run_job(job) is True
    assert calls == ["publish_scheduled"]


def test_overlapping_runs_of_one_job_run_it_once(monkeypatch):
    """Ten threads start the same job while it runs: exactly one runs it."""
    job = job_named("purge_personal_data")
    cache.delete(job.lock_key)
    started, release, ran = threading.Event(), threading.Event(), []

    def slow(command, **kwargs):
        ran.append(command)
        started.set()
        release.wait(5)

    monkeypatch.setattr(periodic, "call_command", slow)
    first = threading.Thread(target=run_job, args=(job,))
    first.start()
    assert started.wait(5)
    others = [run_job(job) for _ in range(10)]
    release.set()
    first.join(5)
    assert (ran, others) == (["purge_personal_data"], [False] * 10)
    assert cache.get(job.lock_key) is None


def test_a_failing_job_is_logged_and_the_others_still_run(monkeypatch, caplog):
    ran = []

    def flaky(command, **kwargs):
        ran.append(command)
        if command == "publish_scheduled":
            raise RuntimeError("boom")

    monkeypatch.setattr(periodic, "call_command", flaky)
    for job in JOBS:
        cache.delete(job.lock_key)
    assert PeriodicRunner().run_pending() == [job.command for job in JOBS]
    assert ran == [job.command for job in JOBS]
    assert "periodic job publish_scheduled failed" in caplog.text
    assert cache.get(job_named("publish_scheduled").lock_key) is None


def test_the_thread_runner_stops_cleanly(calls):
    runner = PeriodicRunner().start()
    deadline = time.monotonic() + 5
    while len(calls) < len(JOBS) and time.monotonic() < deadline:
        time.sleep(0.02)
    runner.stop(timeout=5)
    assert not runner.thread.is_alive()
    assert calls == [job.command for job in JOBS]


def test_run_periodic_once_runs_each_job(calls):
    out = StringIO()
    call_command("run_periodic", "--once", stdout=out)
    assert calls == [job.command for job in JOBS]
    assert "publish_scheduled: done" in out.getvalue()


def test_run_periodic_once_with_one_job(calls):
    call_command("run_periodic", "--once", "--job", "send_session_reminders", stdout=StringIO())
    assert calls == ["send_session_reminders"]


def test_run_periodic_list_runs_nothing(calls):
    out = StringIO()
    call_command("run_periodic", "--list", stdout=out)
    assert calls == []
    assert [line.split("\t")[0] for line in out.getvalue().splitlines()] == [job.command for job in JOBS]


def test_run_periodic_refuses_an_unknown_job(calls):
    with pytest.raises(CommandError, match="No periodic job"):
        call_command("run_periodic", "--once", "--job", "drop_tables")
    assert calls == []


def test_run_periodic_service_loop_stops_when_told(calls, monkeypatch):
    """The service loop ends (after the running job) when its stop event is set, as SIGINT/SIGTERM do."""
    monkeypatch.setattr(periodic.PeriodicRunner, "tick_seconds", 0.05)
    original_pending = PeriodicRunner.run_pending

    def pending_then_stop(self):
        ran = original_pending(self)
        self.stop_event.set()
        return ran

    monkeypatch.setattr(PeriodicRunner, "run_pending", pending_then_stop)
    monkeypatch.setattr("signal.signal", lambda *args: None)
    monkeypatch.setattr(periodic, "close_old_connections", lambda: None)  # this test has no database
    out = StringIO()
    call_command("run_periodic", stdout=out)
    assert calls == [job.command for job in JOBS]
    assert "Stopped." in out.getvalue()


@pytest.mark.parametrize(
    ("enabled", "flag", "started"), [(True, [], True), (True, ["--no-periodic"], False), (False, [], False)]
)
def test_runserver_starts_the_runner_only_where_settings_ask(settings, monkeypatch, enabled, flag, started):
    settings.PERIODIC_JOBS_IN_RUNSERVER = enabled
    starts = []
    monkeypatch.setattr(PeriodicRunner, "start", lambda self: starts.append(self) or self)
    monkeypatch.setattr(django_runserver.Command, "inner_run", lambda self, *args, **options: None)
    monkeypatch.setattr(django_runserver.Command, "run", lambda self, **options: self.inner_run(None, **options))
    call_command("runserver", "--noreload", *flag, stdout=StringIO())
    assert bool(starts) is started


def test_development_settings_run_the_jobs_in_runserver_and_make_run_uses_runserver():
    assert dev.PERIODIC_JOBS_IN_RUNSERVER is True
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    run_target = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py runserver" in run_target
    assert "--no-periodic" not in run_target
