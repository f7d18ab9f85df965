#!/usr/bin/env python
"""Benchmark (not a test): verify-page requests per second next to a bare Django view on the same server, and the
median time to issue one certificate with its PDF.

    .venv/bin/python benchmarks/verify_rps.py [--seconds 10] [--clients 4] [--issues 15] [--workers 1]

It builds a throw-away SQLite database and key folder in a temporary directory, issues certificates in-process
(timing issue_course_certificate + PDF rendering), then starts gunicorn (sync workers) on a free port with
benchmarks.settings and hammers each URL with --clients threads for --seconds each. Nothing in the repository or
your own database is touched.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hammer(port: int, path: str, seconds: float, clients: int) -> tuple[float, int, float]:
    """Requests per second (status 200 only), the number of errors, and the median latency in ms."""
    stop = time.perf_counter() + seconds
    counts, errors, latencies = [0] * clients, [0] * clients, [[] for _ in range(clients)]

    def run(index: int) -> None:
        while time.perf_counter() < stop:
            started = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    counts[index] += 1
                    latencies[index].append((time.perf_counter() - started) * 1000)
                else:
                    errors[index] += 1
            except OSError:
                errors[index] += 1
            finally:
                connection.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    all_latencies = [value for chunk in latencies for value in chunk]
    return sum(counts) / elapsed, sum(errors), statistics.median(all_latencies) if all_latencies else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--issues", type=int, default=15)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="psa-bench-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "CERTIFICATES_KEY_DIR": str(workdir / "jwt-keys"),
        "MEDIA_ROOT": str(workdir / "media"),
        "BASE_URL": f"http://127.0.0.1:{port}",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    print(f"Preparing a throw-away database in {workdir} …", flush=True)
    call_command("migrate", verbosity=0)

    from django.db import transaction

    from certificates.pdf import ensure_pdf
    from certificates.services import issue_course_certificate
    from courses.models import Course
    from lms.models import User

    course = Course.objects.create(title="Benchmark course", slug="benchmark", certificate_valid_years=3)
    evidence = {"course": course.title, "completed_at": "2026-10-01", "hours": 12.0, "modules": []}
    # Warm up (first key generation, font loading), not timed.
    warm = User.objects.create(email="warm@example.org", full_name="Warm Up")
    ensure_pdf(issue_course_certificate(holder=warm, course=course, evidence=evidence))

    timings = []
    certificate = None
    for index in range(args.issues):
        holder = User.objects.create(email=f"bench{index}@example.org", full_name=f"Bench Holder {index}")
        started = time.perf_counter()
        with transaction.atomic():
            certificate = issue_course_certificate(holder=holder, course=course, evidence=evidence)
        ensure_pdf(certificate)  # in production the task does this right after commit
        timings.append((time.perf_counter() - started) * 1000)
    from django.db import connections

    connections.close_all()

    server = subprocess.Popen(  # noqa: S603 - fixed argument list
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "lms.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        verify_path = certificate.get_absolute_url()
        for path in ("/bench/bare/", verify_path):  # warm the worker and the verify cache
            hammer(port, path, 1.0, 1)
        results = {}
        for label, path in (
            ("bare Django view", "/bench/bare/"),
            ("verify page (HTML)", verify_path),
            ("verify JSON", certificate.get_absolute_url() + "verification.json"),
        ):
            results[label] = hammer(port, path, args.seconds, args.clients)
    finally:
        server.terminate()
        server.wait(timeout=10)

    print()
    print(
        f"Server: gunicorn, {args.workers} sync worker(s), SQLite, {args.clients} client threads, "
        f"{args.seconds:.0f} s per URL, CPU count {os.cpu_count()}"
    )
    for label, (rps, errors, median_ms) in results.items():
        print(f"  {label:<22} {rps:8.1f} requests/s   median {median_ms:6.1f} ms   errors {errors}")
    bare = results["bare Django view"][0]
    print(f"  verify page / bare view: {results['verify page (HTML)'][0] / bare:.0%}")
    print(
        f"Issue one certificate with its PDF (n={len(timings)}): median {statistics.median(timings):.0f} ms, "
        f"min {min(timings):.0f} ms, max {max(timings):.0f} ms"
    )


if __name__ == "__main__":
    main()
