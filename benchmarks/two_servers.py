#!/usr/bin/env python
"""Scale-out proof (not a unit test): two gunicorn app servers behind one nginx, one PostgreSQL, one Redis and a
local S3-compatible server (moto), all on this machine's loopback.

    .venv/bin/python benchmarks/two_servers.py [--seconds 10] [--workers 2] [--json FILE]

Shows, and exits non-zero unless each holds:
  1. a certificate issued (with its PDF, on S3) through server A downloads through server B, byte for byte;
  2. a session made by logging in on A works on B;
  3. a key rotation mid-traffic (stage -> the secret reaches every server -> activate) loses no request, and the
     activation is refused while server B lacks the new private key;
  4. throughput through nginx with one app server and with two (wrk, req/s; the machine has 2 shared cores);
  5. rate limits hold across both servers (unknown verify codes counted once in Redis).

Needs: PostgreSQL on 127.0.0.1:5432 (trust, user postgres), Redis on 127.0.0.1:6379, nginx and wrk (Debian
packages), moto[server] (PyPI). Uses the database psa_scaleout_bench (dropped and created) and Redis db 9 (flushed).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from certificates import codes  # noqa: E402 - pure Python, no Django needed
from tests import s3server  # noqa: E402

PYTHON = sys.executable
DB_NAME = os.environ.get("BENCH_DB_NAME", "psa_scaleout_bench")
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "9"))
PASSWORD = "scale-out-" + secrets.token_hex(8)
TRAINEE = "trainee@scaleout.example.org"


def wait_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}")


def request(port, method, path, *, body=None, headers=None, timeout=120):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read(), response.headers.get_all("Set-Cookie")
    finally:
        connection.close()


def cookies_from(set_cookies) -> dict:
    jar = {}
    for line in set_cookies or []:
        name, _, rest = line.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def cookie_header(jar: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


class Stack:
    def __init__(self, workdir: Path, workers: int):
        self.workdir = workdir
        self.workers = workers
        self.ports = {name: s3server.free_port() for name in ("a", "b", "both", "one")}
        self.processes: list[subprocess.Popen] = []
        self.token = secrets.token_hex(16)
        self.keydirs = {name: workdir / f"secret-{name}" for name in ("a", "b")}
        for directory in self.keydirs.values():
            directory.mkdir(mode=0o700)

    def env(self, server: str = "a") -> dict:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benchmarks.scaleout_settings",
            "SECRET_KEY": self.secret_key,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
            "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "BASE_URL": f"http://127.0.0.1:{self.ports['both']}",
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.s3,
            "AWS_S3_REGION_NAME": s3server.REGION,
            "AWS_ACCESS_KEY_ID": s3server.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": s3server.SECRET_KEY,
            "CERTIFICATES_KEY_DIR": str(self.keydirs[server]),
            "CERTIFICATES_KEY_RESCAN_SECONDS": "1",
            "CERTIFICATES_KEY_REPORT_SECONDS": "5",
            "CERTIFICATES_KEY_HOLDER_WINDOW": "120",
            "CERTIFICATES_VERIFY_RATE_LIMIT": "100000000/60",  # throughput runs hammer the verify page
            "BENCH_TOKEN": self.token,
            "BENCH_SERVER": server,
            "PYTHONPATH": str(ROOT),
        }

    def manage(self, *args, server="a", check=True) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 - fixed argument list
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env(server), capture_output=True, text=True, check=check
        )

    def prepare(self, s3: str) -> None:
        self.s3, self.bucket, self.secret_key = s3, "psa-scaleout", secrets.token_urlsafe(60)
        s3server.create_bucket(s3, self.bucket)
        for statement in (f"DROP DATABASE IF EXISTS {DB_NAME}", f"CREATE DATABASE {DB_NAME}"):
            psql = [shutil.which("psql"), "-h", "127.0.0.1", "-U", "postgres", "-qc", statement]
            subprocess.run(psql, check=True)  # noqa: S603 - fixed argument list
        subprocess.run(["redis-cli", "-n", str(REDIS_DB), "FLUSHDB"], check=True, capture_output=True)  # noqa: S603,S607
        self.manage("migrate", "--verbosity", "0")
        self.manage(
            "shell",
            "-c",
            "from allauth.account.models import EmailAddress; from courses.models import Course; "
            "from lms.models import User; "
            "Course.objects.create(title='Scale-out course', slug='scaleout-bench', certificate_valid_years=3); "
            f"u = User.objects.create_user('{TRAINEE}', '{PASSWORD}', full_name='Scale Out Trainee'); "
            f"EmailAddress.objects.create(user=u, email='{TRAINEE}', verified=True, primary=True)",
        )
        self.manage("certificates_keys", "generate")
        for pem in self.keydirs["a"].glob("*.pem"):  # the secret, mounted on both servers
            shutil.copy2(pem, self.keydirs["b"] / pem.name)

    def start(self) -> None:
        gunicorn = str(Path(PYTHON).parent / "gunicorn")
        for name in ("a", "b"):
            self.processes.append(
                subprocess.Popen(  # noqa: S603 - fixed argument list
                    [
                        gunicorn,
                        "lms.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{self.ports[name]}",
                        "--workers",
                        str(self.workers),
                        "--timeout",
                        "120",
                        "--log-level",
                        "warning",
                    ],
                    cwd=ROOT,
                    env=self.env(name),
                    stderr=open(self.workdir / f"gunicorn-{name}.log", "w"),  # noqa: SIM115
                )
            )
        conf = self.workdir / "nginx.conf"
        scratch = self.workdir / "nginx"
        for sub in ("logs", "scratch"):
            (scratch / sub).mkdir(parents=True, exist_ok=True)
        temp_paths = " ".join(
            f"{kind}_temp_path {scratch}/scratch/{kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        conf.write_text(
            f"""worker_processes 1; pid {scratch}/nginx.pid; error_log {scratch}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off; {temp_paths}
  upstream both {{ server 127.0.0.1:{self.ports["a"]}; server 127.0.0.1:{self.ports["b"]}; keepalive 16; }}
  upstream one {{ server 127.0.0.1:{self.ports["a"]}; keepalive 16; }}
  proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $host;
  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; proxy_next_upstream off;
  server {{ listen 127.0.0.1:{self.ports["both"]}; location / {{ proxy_pass http://both; }} }}
  server {{ listen 127.0.0.1:{self.ports["one"]}; location / {{ proxy_pass http://one; }} }}
}}
"""
        )
        self.processes.append(
            subprocess.Popen(["nginx", "-c", str(conf), "-p", str(self.workdir), "-g", "daemon off; user root;"])  # noqa: S603,S607
        )
        for port in self.ports.values():
            wait_port(port)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()

    def issue(self, port: int, *, pdf: bool = False) -> tuple[int, dict]:
        status, _headers, body, _ = request(
            port, "POST", "/bench/issue/" + ("?pdf=1" if pdf else ""), headers={"X-Bench-Token": self.token}
        )
        return status, (json.loads(body) if status == 200 else {})


def check_cross_server_pdf(stack: Stack) -> dict:
    status, issued = stack.issue(stack.ports["a"], pdf=True)
    if status != 200 or issued["server"] != "a":
        raise RuntimeError(f"issuing on A answered {status}: {issued}")
    path = f"/verify/{issued['code']}/certificate.pdf"
    status_b, headers, body_b, _ = request(stack.ports["b"], "GET", path)
    stored = s3server.client(stack.s3).get_object(Bucket=stack.bucket, Key=issued["pdf"])["Body"].read()
    ok = status_b == 200 and headers.get("Content-Type") == "application/pdf" and body_b == stored
    ok = ok and body_b.startswith(b"%PDF")  # the bytes equal the object on S3
    return {"ok": ok, "code": issued["code"], "pdf_bytes": len(body_b), "status_on_b": status_b}


def check_cross_server_session(stack: Stack) -> dict:
    a, b = stack.ports["a"], stack.ports["b"]
    status, _h, body, set_cookies = request(a, "GET", "/accounts/login/")
    jar = cookies_from(set_cookies)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "login": TRAINEE, "password": PASSWORD})
    status, headers, _body, set_cookies = request(
        a,
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(jar),
            "Referer": f"http://127.0.0.1:{a}/accounts/login/",
        },
    )
    jar.update(cookies_from(set_cookies))
    logged_in = status == 302 and "sessionid" in jar
    status_b, headers_b, body_b, _ = request(b, "GET", "/my/", headers={"Cookie": cookie_header(jar)})
    anonymous_status, _h, _b, _c = request(b, "GET", "/my/")
    ok = logged_in and status_b == 200 and b"Scale Out Trainee" in body_b and anonymous_status == 302
    return {"ok": ok, "login_on_a": status, "my_page_on_b": status_b, "anonymous_on_b": anonymous_status}


def holders_of(stack: Stack, kid: str) -> tuple[int, int]:
    """Server processes seen in the holder window that report the private key, and all of them (what `activate`
    checks; read straight from PostgreSQL, faster than a `certificates_keys list` process each second)."""
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 user=postgres dbname={DB_NAME}") as connection:
        row = connection.execute(
            "SELECT count(*) FILTER (WHERE kids ? %s), count(*) FROM certificates_signingkeyholder "
            "WHERE seen_at > now() - interval '120 seconds'",
            (kid,),
        ).fetchone()
    return row[0], row[1]


def check_rotation_under_load(stack: Stack, seconds: float) -> dict:
    port = stack.ports["both"]
    stop = threading.Event()
    results: list[tuple[float, str, int, str]] = []  # (time, kind, status, kid)
    lock = threading.Lock()

    def load():
        while not stop.is_set():
            started = time.monotonic()
            try:
                status, issued = stack.issue(port)
                kid = issued.get("kid", "")
                code = issued.get("code")
                with lock:
                    results.append((started, "issue", status, kid))
                if code:
                    status, _h, _b, _c = request(port, "GET", f"/verify/{code}/")
                    with lock:
                        results.append((started, "verify", status, ""))
            except OSError as error:
                with lock:
                    results.append((started, "error", 0, str(error)))

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(seconds / 3)
    staged_pem = stack.workdir / "staged.pem"
    staged = stack.manage("certificates_keys", "stage", "--out", str(staged_pem)).stdout
    kid = re.search(r"Staged signing key (\S+)", staged).group(1)
    shutil.copy2(staged_pem, stack.keydirs["a"] / f"{kid}.pem")  # the secret reaches server A only
    time.sleep(3)
    early = stack.manage("certificates_keys", "activate", f"--kid={kid}", check=False)
    refused_while_b_lacks_it = early.returncode != 0 and "do not hold" in early.stderr
    shutil.copy2(staged_pem, stack.keydirs["b"] / f"{kid}.pem")  # ... and then server B
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        held, total = holders_of(stack, kid)
        if total and held == total:
            break
        time.sleep(1)
    activated = stack.manage("certificates_keys", "activate", f"--kid={kid}", check=False)
    activated_at = time.monotonic()
    time.sleep(max(seconds / 3, 4))
    stop.set()
    for thread in threads:
        thread.join()
    failures = [row for row in results if not 200 <= row[2] < 300]
    issued_after = [row for row in results if row[1] == "issue" and row[0] > activated_at + 0.5]
    return {
        "ok": not failures
        and activated.returncode == 0
        and refused_while_b_lacks_it
        and bool(issued_after)
        and all(row[3] == kid for row in issued_after),
        "requests": len(results),
        "non_2xx": len(failures),
        "refused_while_b_lacked_the_key": refused_while_b_lacks_it,
        "activated": activated.returncode == 0,
        "servers_holding_new_key": "{} of {}".format(*holders_of(stack, kid)),
        "issued_with_new_key_after_activation": f"{sum(row[3] == kid for row in issued_after)} of {len(issued_after)}",
        "new_kid": kid,
        "early_activate_said": (early.stderr or early.stdout).strip()[-300:],
        "activate_said": (activated.stderr or activated.stdout).strip()[-300:],
    }


def check_credentials_verify(stack: Stack, codes_to_check: list[str]) -> dict:
    from joserfc import jwt
    from joserfc.jwk import KeySet

    _s, _h, body, _c = request(stack.ports["b"], "GET", "/.well-known/jwks.json")
    key_set = KeySet.import_key_set(json.loads(body))
    verified = 0
    for code in codes_to_check:
        _s, _h, token, _c = request(stack.ports["a"], "GET", f"/verify/{code}/credential.jwt")
        jwt.decode(token.decode(), key_set, algorithms=["RS256"])
        verified += 1
    return {"ok": verified == len(codes_to_check), "verified": verified}


def worker_cpu_seconds(stack: Stack) -> float:
    """User + system CPU of every gunicorn worker of both app servers (from /proc), to divide by requests served:
    less sensitive to other work on the machine than req/s."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for master in stack.processes[:2]:
        children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def wrk(port: int, path: str, seconds: float, stack: Stack | None = None) -> dict:
    cpu_before = worker_cpu_seconds(stack) if stack else 0.0
    output = subprocess.run(  # noqa: S603 - fixed argument list
        [shutil.which("wrk"), "-t2", "-c8", f"-d{int(seconds)}s", f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    served = int(re.search(r"(\d+) requests in", output).group(1))
    cpu_ms = (worker_cpu_seconds(stack) - cpu_before) * 1000 / max(served, 1) if stack else float("nan")
    return {
        "rps": rps,
        "requests": served,
        "worker_cpu_ms_per_request": round(cpu_ms, 2),
        "non_2xx_3xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def check_throughput(stack: Stack, code: str, seconds: float) -> dict:
    table = {}
    for label, path in (("verify page (cached)", f"/verify/{code}/"), ("home page", "/")):
        request(stack.ports["both"], "GET", path)
        table[label] = {
            "one server": wrk(stack.ports["one"], path, seconds, stack),
            "two servers": wrk(stack.ports["both"], path, seconds, stack),
        }
    ok = all(run["non_2xx_3xx"] == 0 for row in table.values() for run in row.values())
    return {"ok": ok, "table": table}


def check_rate_limits(stack: Stack) -> dict:
    statuses = []
    for index in range(24):
        port = stack.ports["a" if index % 2 == 0 else "b"]
        status, _h, _b, _c = request(port, "GET", f"/verify/{codes.format_code(codes.generate())}/")
        statuses.append(status)
    # CERTIFICATES_UNKNOWN_RATE_LIMIT is 20 per 600 s per client: counted once across both servers.
    ok = statuses[:20] == [404] * 20 and set(statuses[20:]) == {429}
    return {"ok": ok, "statuses": statuses}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each throughput run and of the load")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers per app server")
    parser.add_argument("--json", help="write the results here too")
    args = parser.parse_args()
    for tool in ("nginx", "wrk", "psql", "redis-cli"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing (apt-get install -y nginx wrk postgresql-client redis-tools)")
            return 2
    workdir = Path(tempfile.mkdtemp(prefix="psa-two-servers-"))
    results = {}
    began = time.monotonic()
    with s3server.moto_server() as s3:
        stack = Stack(workdir, args.workers)
        print(f"Preparing PostgreSQL {DB_NAME}, Redis db {REDIS_DB}, S3 {s3}, work folder {workdir} …", flush=True)
        stack.prepare(s3)
        stack.start()
        print(f"Stack up after {time.monotonic() - began:.0f} s", flush=True)

        def attempt(name, check, *check_args):
            try:
                results[name] = check(stack, *check_args)
            except Exception as error:  # noqa: BLE001 - reported as a failed check, the others still run
                results[name] = {"ok": False, "error": repr(error)[:300]}
            print(f"  {name}: {'ok' if results[name]['ok'] else 'FAIL'}", flush=True)

        try:
            attempt("certificate issued on A downloads from B", check_cross_server_pdf)
            attempt("session made on A works on B", check_cross_server_session)
            attempt("key rotation mid-traffic", check_rotation_under_load, args.seconds)
            first = results["certificate issued on A downloads from B"].get("code")
            _s, issued = stack.issue(stack.ports["b"])
            attempt(
                "credentials signed before and after rotation verify",
                check_credentials_verify,
                [code for code in (first, issued.get("code")) if code],
            )
            attempt(
                "throughput (wrk -t2 -c8, through nginx)", check_throughput, first or issued.get("code"), args.seconds
            )
            attempt("rate limit across both servers", check_rate_limits)
        finally:
            stack.stop()
    print()
    print(
        f"Two app servers (gunicorn, {args.workers} sync workers each) behind nginx; PostgreSQL, Redis, moto S3; "
        f"{os.cpu_count()} CPUs shared with other work, so absolute figures are contended."
    )
    for name, result in results.items():
        mark = "ok  " if result["ok"] else "FAIL"
        detail = {k: v for k, v in result.items() if k not in {"ok", "table"}}
        print(f"  [{mark}] {name}: {json.dumps(detail)}")
        for label, row in result.get("table", {}).items():
            one, two = row["one server"], row["two servers"]
            print(
                f"         {label:<22} one server {one['rps']:7.1f} req/s   two servers {two['rps']:7.1f} req/s   "
                f"ratio {two['rps'] / one['rps']:.2f}   worker CPU ms/req {one['worker_cpu_ms_per_request']} / "
                f"{two['worker_cpu_ms_per_request']}   non-2xx {one['non_2xx_3xx'] + two['non_2xx_3xx']}"
            )
    print(f"Total {time.monotonic() - began:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    shutil.rmtree(workdir, ignore_errors=True)
    return 0 if all(result["ok"] for result in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
