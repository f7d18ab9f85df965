#!/usr/bin/env python
"""Benchmark (not a test): time to sign one certificate's credential, median over --runs (time.perf_counter), with
the private key parsed on every signature (what certificates/keys.py did before: read and parse the PEM each time)
and with the per-process key ring (parsed once). Both in one run, same key (RSA 3072, as in production), same data.

    .venv/bin/python benchmarks/sign_time.py [--runs 100]

A throw-away SQLite database and key folder in a temporary directory; nothing of yours is touched.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="psa-sign-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "CERTIFICATES_KEY_DIR": str(workdir / "jwt-keys"),
            "MEDIA_ROOT": str(workdir / "media"),
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from certificates import keys
    from certificates.services import issue_course_certificate
    from certificates.signing import sign_certificate
    from courses.models import Course
    from lms.models import User

    course = Course.objects.create(title="Benchmark course", slug="benchmark", certificate_valid_years=3)
    holder = User.objects.create(email="bench@example.org", full_name="Bench Holder")
    evidence = {"course": course.title, "completed_at": "2026-10-01", "hours": 12.0, "modules": []}
    certificate = issue_course_certificate(holder=holder, course=course, evidence=evidence)

    def timed(reset: bool) -> list[float]:
        sign_certificate(certificate)  # warm
        timings = []
        for _ in range(args.runs):
            if reset:
                keys.reset_ring()
            started = time.perf_counter()
            sign_certificate(certificate)
            timings.append((time.perf_counter() - started) * 1000)
        return timings

    parse_each = timed(reset=True)
    ring = timed(reset=False)
    cpu = os.cpu_count()
    print(f"Sign one credential (RSA {keys.KEY_SIZE}, n={args.runs} each, {cpu} CPUs, shared machine):")
    for label, values in (("key parsed every signature", parse_each), ("key parsed once (key ring)", ring)):
        p90 = sorted(values)[int(0.9 * len(values))]
        print(f"  {label:<28} median {statistics.median(values):7.2f} ms   p90 {p90:7.2f} ms")
    print(f"  ratio: {statistics.median(parse_each) / statistics.median(ring):.1f}x faster with the key ring")


if __name__ == "__main__":
    main()
