#!/usr/bin/env python
"""Benchmark (not a test): the progress report's and the attendance report's CSV/XLSX exports at 10 and 2,000 rows.

    .venv/bin/python benchmarks/exports.py [--trainees 2000] [--runs 5] [--database-url URL] [--json PATH]

Builds a throw-away SQLite database in a temporary directory (or fills the database at --database-url, which it
migrates; give it one you can drop afterwards), with the test factories and bulk inserts: two courses of 12 modules,
one with 10 trainees and one with --trainees, each trainee with 6 modules done and a submitted quiz attempt; and for
the attendance report two groups (10 and --trainees supporters) that met 12 times, everyone's attendance recorded.
Then it downloads each export --runs times in-process with Django's test client as a signed-in administrator (the
whole response: the streamed body is read to its end), and prints a table of median and worst times, the median
CPU time of this process (on a shared machine steadier than wall time; with PostgreSQL the server's share is not in
it), rows, bytes and queries, and the ratio of the large case to the small one; the same as JSON on the last line
(and in the file --json names, for comparing runs). Budget (issue 18 item 4): 300 ms median at 2,000 rows × 12 modules.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 300.0


def build(trainees: int):
    """The data set; returns (administrator, {size: course pk}, {size: group pk})."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from lms.models import User
    from supervision.models import Attendance, GroupMembership, Session
    from tests.courses.factories import build_course, modules_of
    from tests.courses.test_queries import make_trainees
    from tests.lms.factories import InstitutionFactory, UserFactory
    from tests.supervision.factories import AdvisorFactory, SupervisionGroupFactory

    administrator = UserFactory(role="Administrators", with_totp=True)
    courses, groups = {}, {}
    for size in (10, trainees):
        course = build_course(modules=12)
        make_trainees(course, modules_of(course), size)
        courses[size] = course.course.pk

    trainee_group = Group.objects.get(name="Trainees")
    advisor = AdvisorFactory()
    held = timezone.now() - timedelta(days=30)
    for size in (10, trainees):
        institution = InstitutionFactory()
        supporters = User.objects.bulk_create(UserFactory.build_batch(size, institution=institution))
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=supporter.pk, group_id=trainee_group.pk) for supporter in supporters]
        )
        group = SupervisionGroupFactory(institution=institution)
        GroupMembership.objects.bulk_create(
            [
                GroupMembership(group=group, supporter=supporter, joined_at=held - timedelta(days=1))
                for supporter in supporters
            ]
        )
        sessions = Session.objects.bulk_create(
            [
                Session(
                    kind=Session.Kind.GROUP,
                    advisor=advisor,
                    group=group,
                    starts_at=held + timedelta(days=2 * n),
                    duration_minutes=90,
                    place="Room 101",
                    topic=f"Topic {n}",
                    status=Session.Status.HELD,
                )
                for n in range(12)
            ]
        )
        statuses = ["present", "late", "excused", "absent"]
        Attendance.objects.bulk_create(
            [
                Attendance(session=session, supporter=supporter, status=statuses[(i + j) % 4])
                for i, session in enumerate(sessions)
                for j, supporter in enumerate(supporters)
            ],
            batch_size=2000,
        )
        groups[size] = group.pk
    return administrator, courses, groups


def measure(client, url, params, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def download():
        response = client.get(url, params)
        if response.status_code != 200:
            raise SystemExit(f"{url} {params} answered {response.status_code}")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response, body

    download()  # warm: imports, caches, the first connection
    timings, cpu = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            response, body = download()
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "median_ms": round(statistics.median(timings), 1),
        "cpu_ms": round(statistics.median(cpu), 1),
        "worst_ms": round(max(timings), 1),
        "bytes": len(body),
        "queries": len(queries.captured_queries),
        "content_type": response["Content-Type"],
        "body": body,
    }


def rows_in(body: bytes, export: str) -> int:
    import csv
    import io

    if export == "csv":
        return len(list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))) - 1
    import openpyxl

    return sum(1 for _row in openpyxl.load_workbook(io.BytesIO(body), read_only=True).active.iter_rows()) - 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--json", default="", help="also write the JSON to this file")
    parser.add_argument("--label", default="", help="a name for this run in the JSON (e.g. before/after)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="psa-bench-exports-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    sys.path.insert(0, str(ROOT))

    import faulthandler

    faulthandler.dump_traceback_later(int(os.environ.get("BENCH_TRACEBACK_AFTER", "0")) or 10**6, exit=True)
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    from django.test.utils import override_settings

    # The factories set a password for every trainee: the tests' fast hasher, not 1,000,000 rounds of PBKDF2.
    override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]).enable()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    administrator, courses, groups = build(args.trainees)
    built_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them on a live server
    client = Client()
    client.force_login(administrator)

    cases = []
    for report, url, key, ids in (
        ("progress", reverse("courses_admin:progress"), "course", courses),
        ("attendance", reverse("supervision_reports:attendance"), "group", groups),
    ):
        for export in ("csv", "xlsx"):
            for size, pk in ids.items():
                result = measure(client, url, {key: pk, "export": export}, args.runs)
                result["rows"] = rows_in(result.pop("body"), export)
                if result["rows"] != size:
                    raise SystemExit(f"{report} {export} for {size} rows exported {result['rows']}")
                cases.append({"report": report, "export": export, "rows": size, **result})

    print(
        f"\nExports, {args.runs} runs each (median of the whole download), database {connection.vendor}, "
        f"12 modules / 12 sessions per row; data built in {built_s:.1f} s\n"
    )
    print("| report | format | rows | median ms | worst ms | CPU ms (this process) | × 10 rows | queries | bytes |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    small = {(c["report"], c["export"]): c["median_ms"] for c in cases if c["rows"] == 10}
    over = []
    for case in cases:
        ratio = case["median_ms"] / small[(case["report"], case["export"])]
        case["ratio_to_10"] = round(ratio, 1)
        print(
            f"| {case['report']} | {case['export']} | {case['rows']} | {case['median_ms']:.1f} | "
            f"{case['worst_ms']:.1f} | {case['cpu_ms']:.1f} | {ratio:.1f}× | {case['queries']} | {case['bytes']} |"
        )
        if case["rows"] == args.trainees and case["median_ms"] > BUDGET_MS:
            over.append(f"{case['report']} {case['export']}")
    summary = {
        "label": args.label,
        "database": connection.vendor,
        "runs": args.runs,
        "trainees": args.trainees,
        "python": platform.python_version(),
        "budget_ms": BUDGET_MS,
        "cases": cases,
    }
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1) + "\n")
    print(f"\nOver the {BUDGET_MS:.0f} ms budget: {', '.join(over) or 'none'}")
    print(json.dumps(summary))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
