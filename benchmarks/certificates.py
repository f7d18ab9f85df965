#!/usr/bin/env python
# ruff: noqa: S603 - fixed argument lists of local tools (psql, the project's own manage.py)
"""Benchmark (not a test): certificate issuing, the PDF, and a bulk run through the task worker.

    .venv/bin/python benchmarks/certificates.py [--runs 50] [--bulk 1000] [--workers 2] [--json out.json]

Recreates the PostgreSQL database CERT_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/psa_cert_bench),
then measures, each as the median of --runs (wall clock from time.perf_counter, CPU from time.process_time):

- issue: `issue_course_certificate` for a fresh holder (record, status-list index, design snapshot, signature, event,
  audit) with the PDF task only enqueued (dummy task backend); also its SQL query count;
- pdf: `render_pdf` of one certificate (WeasyPrint, PDF/A-3a + PDF/UA-1 identification, credential attached);
- bulk: --bulk completed enrolments, one `issue_certificate_for_enrollment` task each on the database task backend,
  run by --workers `manage.py db_worker` processes until every certificate has its PDF; the wall time from the
  first worker's start to the last PDF (and the workers' CPU seconds from /proc).

Prints a table and writes JSON (--json). Figures on a shared machine are contended: run twice and compare CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CLK_TCK = os.sysconf("SC_CLK_TCK")


def recreate(url: str) -> None:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    base = ["psql", "-h", parsed.hostname or "127.0.0.1", "-p", str(parsed.port or 5432), "-U", parsed.username]
    base += ["-d", "postgres", "-q", "-c"]
    subprocess.run([*base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], check=True)
    subprocess.run([*base, f'CREATE DATABASE "{name}"'], check=True)


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "n": len(values),
        "median_ms": round(statistics.median(values), 2),
        "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))], 2),
    }


def timed(function, runs: int) -> tuple[dict, dict]:
    walls, cpus = [], []
    for index in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        function(index)
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return summary(walls), summary(cpus)


def proc_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def setup_django(env: dict) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def world(prefix: str, count: int, *, completed: bool):
    """A course with a design, and `count` holders (with completed enrolments if asked)."""
    from django.utils import timezone

    from certificates.models import CertificateDesign, CertificateSignatory
    from courses.models import Course, Enrollment
    from lms.models import User

    design = CertificateDesign.objects.filter(is_active=True).first()
    if design is None:
        design = CertificateDesign.objects.create(name="Standard", is_active=True, footer="Peer Support Network Oslo")
        CertificateSignatory.objects.create(design=design, sort_order=0, name="Ingrid Haugen", title="Programme Lead")
        CertificateSignatory.objects.create(design=design, sort_order=1, name="Jonas Berg", title="Lead Counsellor")
    course = Course.objects.create(
        title=f"Peer Supporter Training {prefix}",
        slug=f"bench-{prefix}",
        certificate_title="Certified Peer Supporter",
        certificate_description="Completed the Peer Support Network's training for student peer supporters.",
        certificate_valid_years=3,
    )
    holders = User.objects.bulk_create(
        User(email=f"{prefix}-{index}@example.org", full_name=f"Holder {prefix} {index}") for index in range(count)
    )
    if completed:
        now = timezone.now()
        Enrollment.objects.bulk_create(
            Enrollment(user=holder, course=course, status=Enrollment.Status.COMPLETED, completed_at=now)
            for holder in holders
        )
    return course, holders


def in_process(args) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from certificates import keys
    from certificates.pdf import render_pdf

    try:
        from certificates.services import issue_course_certificate
    except ImportError:  # before the split of certificate_issue (a before figure on an older commit)
        from certificates.services import certificate_issue

        def issue_course_certificate(**kwargs):
            return certificate_issue(kind="course", **kwargs)

    course, holders = world("one", args.runs + 2, completed=False)
    evidence = {"course": course.title, "completed_at": "2026-10-01", "hours": 12.0, "modules": []}
    keys.active_signing_key()  # the development key is generated on first use: not part of a measurement
    issue_course_certificate(holder=holders[-1], course=course, evidence=evidence)  # warm
    with CaptureQueriesContext(connection) as queries:
        certificate = issue_course_certificate(holder=holders[-2], course=course, evidence=evidence)
    issue_wall, issue_cpu = timed(
        lambda i: issue_course_certificate(holder=holders[i], course=course, evidence=evidence), args.runs
    )
    render_pdf(certificate)  # warm: fonts, templates
    pdf_wall, pdf_cpu = timed(lambda i: render_pdf(certificate), args.runs)
    return {
        "issue": {"wall": issue_wall, "cpu": issue_cpu, "queries": len(queries)},
        "pdf": {"wall": pdf_wall, "cpu": pdf_cpu, "bytes": len(render_pdf(certificate))},
    }


def bulk(args, env: dict) -> dict:
    from certificates.models import Certificate
    from certificates.tasks import issue_certificate_for_enrollment
    from courses.models import Enrollment

    course, _holders = world("bulk", args.bulk, completed=True)
    for pk in Enrollment.objects.filter(course=course).values_list("pk", flat=True):
        issue_certificate_for_enrollment.enqueue(pk)
    started = time.perf_counter()
    workers = [
        subprocess.Popen(
            [PY, "manage.py", "db_worker", "--interval", "0.05", "--no-startup-delay", "--no-reload"],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(args.workers)
    ]
    try:
        cpu = dict.fromkeys((worker.pid for worker in workers), 0.0)
        done = 0
        while time.perf_counter() - started < args.timeout:
            for worker in workers:
                cpu[worker.pid] = proc_cpu_seconds(worker.pid) or cpu[worker.pid]
            done = Certificate.objects.filter(course=course).exclude(pdf="").count()
            if done >= args.bulk:
                break
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
    return {
        "certificates": args.bulk,
        "with_pdf": done,
        "workers": args.workers,
        "wall_s": round(elapsed, 1),
        "per_certificate_ms": round(elapsed * 1000 / max(done, 1), 1),
        "worker_cpu_s": round(sum(cpu.values()), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--bulk", type=int, default=1000, help="0 skips the bulk run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    url = os.environ.get("CERT_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/psa_cert_bench")
    recreate(url)
    workdir = Path(tempfile.mkdtemp(prefix="psa-cert-bench-"))
    env = {
        "DJANGO_SETTINGS_MODULE": "benchmarks.certificates_settings",
        "DATABASE_URL": url,
        "CERTIFICATES_KEY_DIR": str(workdir / "jwt-keys"),
        "MEDIA_ROOT": str(workdir / "media"),
    }
    if args.bulk:
        env["BENCH_TASKS_BACKEND"] = "django_tasks_db.backend.DatabaseBackend"
    setup_django(env)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.test.utils import override_settings

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        results = in_process(args)
    if args.bulk:
        results["bulk"] = bulk(args, env)
    results["cpus"] = os.cpu_count()
    print(f"Certificates (n={args.runs} each, medians; {results['cpus']} CPUs, shared machine)")
    print(f"  {'case':<34} {'wall ms':>9} {'p90 ms':>9} {'CPU ms':>9}")
    for key, label in (("issue", "issue (record + signature)"), ("pdf", "PDF (render_pdf)")):
        row = results[key]
        print(f"  {label:<34} {row['wall']['median_ms']:>9} {row['wall']['p90_ms']:>9} {row['cpu']['median_ms']:>9}")
    print(f"  issue SQL queries: {results['issue']['queries']}; PDF size {results['pdf']['bytes']} bytes")
    if args.bulk:
        row = results["bulk"]
        print(
            f"  bulk: {row['with_pdf']}/{row['certificates']} issued with PDF by {row['workers']} workers in "
            f"{row['wall_s']} s ({row['per_certificate_ms']} ms each; workers' CPU {row['worker_cpu_s']} s)"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
        print(f"  JSON: {args.json}")


if __name__ == "__main__":
    main()
