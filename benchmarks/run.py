#!/usr/bin/env python
# ruff: noqa: S603, S607 - fixed argument lists of local tools (psql, wrk, pgrep, redis-cli, gunicorn)
"""`make bench`: the pages a trainee and a verifier use, on a production-like stack, next to a bare Django view.

    .venv/bin/python benchmarks/run.py [--seconds 5] [--connections 8] [--json benchmarks/results.json]

Recreates the PostgreSQL database BENCH_DATABASE_URL (default psa_perf_bench on 127.0.0.1), loads the demo data
(`seed_demo`), signs a demo trainee in, counts each page's SQL queries in-process, then starts gunicorn (2 sync
workers, benchmarks.bench_settings = production settings, Redis BENCH_REDIS_URL, default db 10) and measures each page
with wrk: requests/s, p50/p99 latency, and the workers' CPU ms per request (utime+stime from /proc/<pid>/stat before
and after). Prints a table with the ratio to the bare view of the same run and writes JSON for a later comparison.
The data scaling rows (issue 18) measure the course page and My page for a trainee in a 6- and a 60-module course,
and the module page and quiz start for a trainee with 1 and with 1,000 quiz attempts, each with its own signed-in
session; a second table gives large/small ratios of CPU ms, queries and response size.
Figures on a shared machine are contended: compare CPU ms and ratios, not req/s between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CLK_TCK = os.sysconf("SC_CLK_TCK")

SETUP = r"""
import json, django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from certificates import codes
from certificates.models import Certificate
from courses.models import Enrollment, ModuleCompletion, QuizAttempt
from courses.models import CoursePage, ModulePage

attempt = (QuizAttempt.objects.filter(status=QuizAttempt.Status.SUBMITTED, enrollment__user__is_active=True)
           .order_by("-id").first())
enrollment = attempt.enrollment if attempt else Enrollment.objects.filter(user__is_active=True).order_by("-id").first()
user = enrollment.user
client = Client()
client.force_login(user)
course_page = CoursePage.objects.live().get(course_id=enrollment.course_id)
modules = list(ModulePage.objects.live().child_of(course_page))
quiz_module = ModulePage.objects.get(pk=attempt.module_id) if attempt else None
urls = {"bare view": "/bench/bare/", "home": "/", "My page": "/my/", "course": course_page.url,
        "module": modules[0].url}
if quiz_module is not None:
    urls["quiz start"] = quiz_module.url + "quiz/"
    urls["quiz result"] = quiz_module.url + f"quiz/{attempt.public_id}/result/"
cert = Certificate.objects.filter(status="valid").first()
if cert:
    urls["verify (known)"] = f"/verify/{cert.display_code}/"
urls["verify (unknown, 404)"] = f"/verify/{codes.format_code(codes.generate())}/"
clients = {name: client for name in urls}

# Data scaling (issue 18): course and My page at 6 vs 60 modules, module page and quiz start at 1 vs 1,000 quiz
# attempts, each for its own trainee, built with the test factories (made once; --reuse finds them again).
from courses.models import ModulePage as _Module
from lms.models import User
from tests.courses.factories import add_attempts, build_course, enrol, modules_of
from tests.lms.factories import UserFactory

def bench_trainee(email):
    existing = User.objects.filter(email=email).first()
    return existing or UserFactory(email=email, role="Trainees")

def scaling_course(size, quiz=False):
    title = f"Benchmark course {size}" + (" with quiz" if quiz else "")
    found = CoursePage.objects.filter(title=title).first()
    if found is None:
        found = build_course(modules=size, quiz_on=(0,) if quiz else (), title=title, modules_unlock_in_order=False)
    return found

for size in (6, 60):
    trainee = bench_trainee(f"bench-modules-{size}@example.org")
    course = scaling_course(size)
    enrollment = Enrollment.objects.filter(user=trainee, course_id=course.course_id).first() or enrol(trainee, course)
    for module in modules_of(course)[: size // 2]:
        ModuleCompletion.objects.get_or_create(enrollment=enrollment, module=module,
                                               defaults={"module_title": module.title})
    scaled = Client(); scaled.force_login(trainee)
    for name, url in ((f"course, {size} modules", course.url), (f"My page, {size} modules", "/my/")):
        urls[name] = url; clients[name] = scaled
for size in (1, 1000):
    trainee = bench_trainee(f"bench-attempts-{size}@example.org")
    course = scaling_course(6, quiz=True)
    module = modules_of(course)[0]
    _Module.objects.filter(pk=module.pk).update(quiz_attempts_allowed=0)
    enrollment = Enrollment.objects.filter(user=trainee, course_id=course.course_id).first() or enrol(trainee, course)
    if not QuizAttempt.objects.filter(enrollment=enrollment).exists():
        add_attempts(enrollment, _Module.objects.get(pk=module.pk), size)
    scaled = Client(); scaled.force_login(trainee)
    for name, url in ((f"module, {size} attempts", module.url), (f"quiz start, {size} attempts", module.url + "quiz/")):
        urls[name] = url; clients[name] = scaled

result = {}
for name, url in urls.items():
    page_client = clients[name]
    first = page_client.get(url)
    if first.status_code in (301, 302):
        url = first["Location"]; first = page_client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = page_client.get(url)
    writes = [q["sql"][:60] for q in ctx.captured_queries
              if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    result[name] = {"url": url, "status": response.status_code, "queries": len(ctx.captured_queries), "writes": writes,
                    "bytes": len(response.content), "cookie": page_client.cookies["sessionid"].value}
print("JSON:" + json.dumps({"cookie": client.cookies["sessionid"].value, "user": user.email, "pages": result}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total


def workers_of(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in out]


def ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit] if unit != "m" else float(value) * 60000


def wrk(url: str, seconds: int, connections: int, cookie: str) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", f"Cookie: sessionid={cookie}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Requests/sec" not in out:
        raise RuntimeError(out)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": ms(re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1)),
        "p99_ms": ms(re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1)),
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--reuse", action="store_true", help="keep the database of the previous run (no re-seed)")
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "results.json"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (Debian: apt-get install wrk).")
    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/psa_perf_bench")
    keys = tempfile.mkdtemp(prefix="psa-bench-keys-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10"),
        "SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "BASE_URL": "http://127.0.0.1",
        "CERTIFICATES_KEY_DIR": keys,
        "CACHE_KEY_PREFIX": "psa-bench",
        "PYTHONPATH": str(ROOT),
    }
    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    if not args.reuse:
        subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], check=True)
        subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
        manage = [PY, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run([*manage, "seed_demo", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(["redis-cli", "-n", env["REDIS_URL"].rsplit("/", 1)[1], "FLUSHDB"], check=False, capture_output=True)
    setup = subprocess.run([PY, "-c", SETUP], env=env, capture_output=True, text=True, cwd=ROOT)
    line = next((line for line in setup.stdout.splitlines() if line.startswith("JSON:")), None)
    if line is None:
        sys.exit(setup.stdout + setup.stderr)
    facts = json.loads(line[5:])
    port = free_port()
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "lms.wsgi:application",
            "-w",
            "2",
            "-k",
            "sync",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "error",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        import urllib.request

        deadline = time.time() + 120
        while True:  # both workers up and answering (imports take a while on a busy machine)
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=5).read()
                if len(workers_of(server.pid)) == 2:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                sys.exit("gunicorn did not answer")
            time.sleep(0.5)
        workers = workers_of(server.pid)
        rows = {}
        for page, info in facts["pages"].items():
            url = f"http://127.0.0.1:{port}{info['url']}"
            cookie = info.pop("cookie", facts["cookie"])
            wrk(url, 1, args.connections, cookie)  # warm both workers
            before = cpu_ticks(workers)
            measured = wrk(url, args.seconds, args.connections, cookie)
            used = cpu_ticks(workers) - before
            measured["cpu_ms_per_req"] = used * 1000 / CLK_TCK / max(1, measured["requests"])
            rows[page] = {**info, **measured}
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(keys, ignore_errors=True)
    Path(args.json).write_text(
        json.dumps(
            {
                "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "seconds": args.seconds,
                "connections": args.connections,
                "user": facts["user"],
                "pages": rows,
            },
            indent=2,
        )
    )
    bare = rows["bare view"]
    print(
        f"{'page':24} {'status':>6} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'CPU ms':>7} {'x bare':>7} {'req/s x':>7} {'SQL':>4} writes"
    )
    for page, row in rows.items():
        print(
            f"{page:24} {row['status']:>6} {row['rps']:>8.0f} {row['p50_ms']:>7.1f} {row['p99_ms']:>7.1f} "
            f"{row['cpu_ms_per_req']:>7.2f} {row['cpu_ms_per_req'] / bare['cpu_ms_per_req']:>7.1f} "
            f"{row['rps'] / bare['rps']:>7.2f} {row['queries']:>4} {len(row['writes'])}"
            f"{' non-2xx!' if row['non_2xx'] and row['status'] == 200 else ''}"
        )
    scaling = [
        ("course", "course, 6 modules", "course, 60 modules"),
        ("My page", "My page, 6 modules", "My page, 60 modules"),
        ("module", "module, 1 attempts", "module, 1000 attempts"),
        ("quiz start", "quiz start, 1 attempts", "quiz start, 1000 attempts"),
    ]
    print(f"\n{'data scaling (large / small)':40} {'CPU ms':>15} {'CPU x':>6} {'SQL':>9} {'bytes x':>7}")
    for label, small, large in scaling:
        if small in rows and large in rows:
            a, b = rows[small], rows[large]
            print(
                f"{label + ' ' + large.split(', ')[1] + ' vs ' + small.split(', ')[1]:40} "
                f"{a['cpu_ms_per_req']:>6.2f} → {b['cpu_ms_per_req']:>6.2f} "
                f"{b['cpu_ms_per_req'] / a['cpu_ms_per_req']:>6.2f} {a['queries']:>4} → {b['queries']:<3} "
                f"{b['bytes'] / max(1, a['bytes']):>7.2f}"
            )
    print(f"JSON: {args.json}")


if __name__ == "__main__":
    main()
