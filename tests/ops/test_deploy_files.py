"""The deployment files (Dockerfile, compose.yaml, deploy/systemd, deploy/nginx) parse with independent tools and
agree with the project: the settings they set are in .env.example, the commands they run exist.

What is NOT run here (no images can be pulled on this machine, and no Docker daemon runs): building the image,
`docker compose up`, and the containers themselves. nginx's own `nginx -t` checks both nginx files (Debian's nginx;
skipped where it is not installed, failed in CI), and systemd's `systemd-analyze verify` checks the units.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands
from dockerfile_parse import DockerfileParser

from tests.ops.test_env_example import parse_docker_env_file

ROOT = Path(__file__).resolve().parents[2]
ENV_NAMES = set(parse_docker_env_file((ROOT / ".env.example").read_text()))
IN_CI = os.environ.get("CI", "").lower() == "true"
HEALTH_PATHS = {"/healthz", "/readyz"}  # built by the reliability work (issue 17 item 3); only named here


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if IN_CI:
            pytest.fail(f"{tool} is not installed (.ci/run installs it)")
        pytest.skip(f"{tool} is not installed")
    return path


# --- Dockerfile ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dockerfile():
    parser = DockerfileParser(path=str(ROOT / "Dockerfile"))
    return parser


def instructions(dockerfile, kind):
    return [item["value"] for item in dockerfile.structure if item["instruction"] == kind]


def test_dockerfile_runs_as_a_user_that_is_not_root(dockerfile):
    users = instructions(dockerfile, "USER")
    assert users, "no USER: the container would run as root"
    assert users[-1] not in ("root", "0")
    assert dockerfile.structure[-1]["instruction"] in ("CMD", "ENTRYPOINT")
    last_user = max(i for i, item in enumerate(dockerfile.structure) if item["instruction"] == "USER")
    assert all(item["instruction"] != "RUN" for item in dockerfile.structure[last_user:])


def test_dockerfile_installs_weasyprints_system_libraries_and_fonts(dockerfile):
    runs = " ".join(instructions(dockerfile, "RUN"))
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "fonts-dejavu-core"):
        assert package in runs


def test_dockerfile_installs_exactly_the_production_lock(dockerfile):
    runs = " ".join(instructions(dockerfile, "RUN"))
    assert "--require-hashes" in runs
    assert "production.txt" in runs
    assert "dev.txt" not in runs
    assert any("requirements/production.txt" in value for value in instructions(dockerfile, "COPY"))


def test_dockerfile_collects_static_files_at_build_time(dockerfile):
    runs = instructions(dockerfile, "RUN")
    collect = [run for run in runs if "collectstatic" in run]
    assert collect
    assert "--noinput" in collect[0]
    assert dockerfile.baseimage.startswith("python:3.11")


def test_dockerfile_health_check_and_command(dockerfile):
    health = " ".join(instructions(dockerfile, "HEALTHCHECK"))
    assert "/healthz" in health
    cmd = instructions(dockerfile, "CMD")[-1]
    assert "gunicorn" in cmd and "deploy/gunicorn.conf.py" in cmd


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in (".env", ".git", ".venv", "jwt-keys/", "db.sqlite3", "media/"):
        assert entry in ignored


# --- compose.yaml --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


APP_SERVICES = ("web-1", "web-2", "worker", "scheduler", "migrate")


def test_compose_has_every_service_an_installation_needs(compose):
    services = compose["services"]
    for name in (*APP_SERVICES, "nginx", "postgres", "redis", "minio"):
        assert name in services, name
    assert services["worker"]["command"][-1] == "db_worker"
    assert services["scheduler"]["command"][-1] == "run_periodic"
    for web in ("web-1", "web-2"):
        assert "gunicorn" in services[web]["command"]


def test_compose_app_services_share_one_definition_and_the_env_file(compose):
    for name in APP_SERVICES:
        service = compose["services"][name]
        assert service["env_file"] == ".env"
        assert service["build"] == "."
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == "lms.settings.production"
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_compose_environment_names_are_in_env_example(compose):
    for name in APP_SERVICES:
        unknown = set(compose["services"][name]["environment"]) - ENV_NAMES
        assert not unknown, f"{name} sets {unknown}, which .env.example does not document"
    substituted = set(re.findall(r"\$\{([A-Z_]+)", (ROOT / "compose.yaml").read_text()))
    assert substituted <= ENV_NAMES, substituted - ENV_NAMES


def test_compose_health_checks_use_the_health_paths(compose):
    for web in ("web-1", "web-2"):
        check = " ".join(compose["services"][web]["healthcheck"]["test"])
        assert any(path in check for path in HEALTH_PATHS)
    for service in ("postgres", "redis", "minio"):
        assert compose["services"][service]["healthcheck"]["test"]


def test_compose_commands_exist(compose):
    commands = get_commands()
    for name in APP_SERVICES:
        command = compose["services"][name]["command"]
        if command[:2] == ["python", "manage.py"]:
            assert command[2] in commands, f"{name}: manage.py {command[2]} does not exist"
        else:
            assert command[0] == "gunicorn"
            assert (ROOT / command[command.index("--config") + 1]).is_file()


def test_compose_volumes_are_declared(compose):
    used = {
        volume.split(":")[0]
        for service in compose["services"].values()
        for volume in service.get("volumes", [])
        if not volume.startswith((".", "/"))
    }
    assert used <= set(compose["volumes"])
    for bind in (v for s in compose["services"].values() for v in s.get("volumes", []) if v.startswith("./")):
        assert (ROOT / bind.split(":")[0]).exists(), bind


# --- systemd ---------------------------------------------------------------------------------------------------------

UNITS = sorted((ROOT / "deploy" / "systemd").glob("academy*"))


def exec_start(unit: Path) -> list[str]:
    line = next(line for line in unit.read_text().splitlines() if line.startswith("ExecStart="))
    return line.removeprefix("ExecStart=").split()


def test_systemd_units_run_existing_commands_with_the_environment_file():
    commands = get_commands()
    services = [unit for unit in UNITS if unit.suffix == ".service"]
    assert {unit.stem for unit in services} == {"academy-web", "academy-worker", "academy-scheduler"}
    for unit in services:
        text = unit.read_text()
        assert "EnvironmentFile=/etc/academy/academy.env" in text
        assert "User=academy" in text
        argv = exec_start(unit)
        if "manage.py" in argv:
            assert argv[argv.index("manage.py") + 1] in commands
        else:
            assert argv[0].endswith("/gunicorn")
            assert (ROOT / argv[argv.index("--config") + 1]).is_file()


def test_systemd_analyze_verifies_the_units(tmp_path):
    """systemd's own parser, on a scratch root with the unit files, the env file and stand-in executables."""
    analyze = need("systemd-analyze")
    (tmp_path / "lib" / "systemd").mkdir(parents=True)
    shutil.copytree("/lib/systemd/system", tmp_path / "lib" / "systemd" / "system", symlinks=True)
    units = tmp_path / "etc" / "systemd" / "system"
    units.mkdir(parents=True)
    for unit in UNITS:
        shutil.copy(unit, units / unit.name)
        if unit.suffix != ".service":
            continue
        argv = exec_start(unit)
        executable = tmp_path / argv[0].lstrip("/")
        executable.parent.mkdir(parents=True, exist_ok=True)
        executable.write_text("#!/bin/sh\n")
        executable.chmod(0o755)
    (tmp_path / "bin").mkdir(exist_ok=True)
    shutil.copy("/bin/kill", tmp_path / "bin" / "kill")
    (tmp_path / "etc" / "academy").mkdir()
    shutil.copy(ROOT / ".env.example", tmp_path / "etc" / "academy" / "academy.env")
    result = subprocess.run(  # noqa: S603
        [
            analyze,
            "verify",
            "--man=no",
            f"--root={tmp_path}",
            *(f"/etc/systemd/system/{u.name}" for u in UNITS),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Unknown" not in result.stderr and "ignoring" not in result.stderr, result.stderr


# --- nginx -----------------------------------------------------------------------------------------------------------


def nginx_test(tmp_path, site: str) -> subprocess.CompletedProcess:
    """`nginx -t` on a scratch prefix: the site file inside a minimal nginx.conf, with a throw-away certificate
    and log paths under tmp_path in place of the real ones (and the compose service names on loopback)."""
    nginx = need("nginx")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(  # noqa: S603
        [need("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=academy.example.org",
         "-keyout", str(key), "-out", str(cert), "-days", "1"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    text = (ROOT / "deploy" / "nginx" / site).read_text()
    text = text.replace("/etc/ssl/academy/fullchain.pem", str(cert)).replace("/etc/ssl/academy/privkey.pem", str(key))
    text = text.replace("/var/log/nginx/", f"{tmp_path}/").replace("web-1:8000", "127.0.0.1:8001")
    text = text.replace("web-2:8000", "127.0.0.1:8002")
    (tmp_path / "site.conf").write_text(text)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log {tmp_path}/access.log;\n"
        f"  include {tmp_path}/site.conf;\n}}\n"
    )
    return subprocess.run(  # noqa: S603
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("site", ["academy.conf", "compose.conf"])
def test_nginx_accepts_the_site_files(tmp_path, site):
    result = nginx_test(tmp_path, site)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


@pytest.mark.parametrize("site", ["academy.conf", "compose.conf"])
def test_nginx_passes_the_request_id_and_the_client_address(site):
    text = (ROOT / "deploy" / "nginx" / site).read_text()
    assert "proxy_set_header X-Request-ID $request_id;" in text
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in text
    assert "proxy_set_header Host $host;" in text
    for path in HEALTH_PATHS:
        assert f"location = {path}" in text


def test_nginx_test_can_fail(tmp_path):
    site = ROOT / "deploy" / "nginx" / "academy.conf"
    broken = tmp_path / "broken"
    broken.mkdir()
    original = site.read_text()
    try:
        site.write_text(original.replace("proxy_read_timeout 60s;", "proxy_read_timeout;", 1))
        result = nginx_test(broken, "academy.conf")
    finally:
        site.write_text(original)
    assert result.returncode != 0


# --- make targets named by the docs ---------------------------------------------------------------------------------


def test_make_targets_the_runbook_names_exist():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("install", "install-prod", "lock", "run", "test", "check", "serve-prod"):
        assert re.search(rf"^{re.escape(target)}:", makefile, re.M), target
    serve_prod = re.search(r"^serve-prod:(.*)$", makefile, re.M).group(1)
    assert "install-prod" in serve_prod and " install " not in f" {serve_prod} "
