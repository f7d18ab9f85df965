""".env.example reads the same in every reader an installation uses: docker's --env-file format (a strict parser of
its documented rules) and python-dotenv (compose's kind of reader), systemd's EnvironmentFile= rules, and a real
shell (`set -a; . ./.env.example`). Every name in it is read by the code (or by the program named), and the
production settings start from it once the secrets are filled in."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from dotenv import dotenv_values

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = ROOT / ".env.example"
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# What a value may hold so that all readers agree: no quotes, spaces, $, backslashes, # or shell metacharacters.
PORTABLE_VALUE = re.compile(r"^[A-Za-z0-9_.,:/@+=%*-]*$")


def parse_docker_env_file(text: str) -> dict[str, str]:
    """docker run --env-file: each line NAME=VALUE taken literally (no quotes removed, no inline comments); lines
    starting with # and blank lines are skipped; a line without = takes the value from the caller's environment
    (refused here: the file must be self-contained)."""
    values = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        assert "=" in line, f"line {number} has no '=': {line!r}"
        name, value = line.split("=", 1)
        assert NAME.match(name), f"line {number}: {name!r} is not a variable name (no spaces around '=')"
        values[name] = value
    return values


def parse_systemd_environment_file(text: str) -> dict[str, str]:
    """systemd's EnvironmentFile=: lines starting with # or ; are comments; whitespace around the value is trimmed;
    quotes and backslashes are interpreted. Refuses what it would interpret, so the literal reading is the real one."""
    values = {}
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        name, value = stripped.split("=", 1)
        assert not any(c in value for c in "\"'\\"), f"line {number}: systemd would interpret quotes or backslashes"
        values[name.strip()] = value.strip()
    return values


def parse_with_shell(path: Path) -> dict[str, str]:
    """A real POSIX shell (dash as sh, then bash): `set -a; . FILE` exports every assignment."""
    results = {}
    for shell in ("sh", "bash"):
        result = subprocess.run(  # noqa: S603
            [shell, "-c", 'set -eu; set -a; . "$1"; set +a; env -0', "sh", str(path)],
            env={"PATH": os.environ["PATH"]},
            capture_output=True,
            timeout=30,
            check=False,
        )
        assert result.returncode == 0, f"{shell}: {result.stderr.decode()}"
        assert result.stderr == b"", f"{shell} complained: {result.stderr.decode()}"
        results[shell] = dict(item.split("=", 1) for item in result.stdout.decode().split("\0") if "=" in item)
    return results


@pytest.fixture(scope="module")
def docker_values():
    return parse_docker_env_file(ENV_EXAMPLE.read_text())


def test_every_line_is_a_comment_a_blank_or_name_equals_portable_value(docker_values):
    assert len(docker_values) > 20
    bad = {name: value for name, value in docker_values.items() if not PORTABLE_VALUE.match(value)}
    assert not bad, f"values the readers would read differently: {bad}"


def test_python_dotenv_reads_what_docker_reads(docker_values):
    assert dict(dotenv_values(ENV_EXAMPLE)) == docker_values


def test_systemd_reads_what_docker_reads(docker_values):
    assert parse_systemd_environment_file(ENV_EXAMPLE.read_text()) == docker_values


def test_a_shell_with_set_a_reads_what_docker_reads(docker_values):
    for shell, values in parse_with_shell(ENV_EXAMPLE).items():
        assert {name: values.get(name) for name in docker_values} == docker_values, shell


def test_the_parsers_can_tell_a_bad_file(tmp_path):
    """The checks above can fail: an inline comment and a quoted display name read differently."""
    bad = tmp_path / "bad.env"
    bad.write_text('LOG_LEVEL=WARNING  # level\nDEFAULT_FROM_EMAIL="Academy <a@b.example>"\n')
    docker = parse_docker_env_file(bad.read_text())
    assert docker["LOG_LEVEL"] == "WARNING  # level"
    assert dict(dotenv_values(bad)) != docker
    assert not PORTABLE_VALUE.match(docker["DEFAULT_FROM_EMAIL"])
    with pytest.raises(AssertionError):
        parse_systemd_environment_file(bad.read_text())
    unquoted = tmp_path / "unquoted.env"
    unquoted.write_text("DEFAULT_FROM_EMAIL=Peer Support Academy <a@b.example>\n")
    with pytest.raises(AssertionError):
        parse_with_shell(unquoted)


# Names read by a program other than our settings, and which one reads them.
READ_ELSEWHERE = {
    "WEB_CONCURRENCY": "deploy/gunicorn.conf.py",
    "FORWARDED_ALLOW_IPS": "deploy/gunicorn.conf.py",
    "GUNICORN_TIMEOUT": "deploy/gunicorn.conf.py",
    "DJANGO_SETTINGS_MODULE": "manage.py",
    "POSTGRES_PASSWORD": "compose.yaml",
    "MINIO_ROOT_PASSWORD": "compose.yaml",
    "AWS_ACCESS_KEY_ID": "compose.yaml",  # and boto3, which reads both credentials from the environment
    "AWS_SECRET_ACCESS_KEY": "compose.yaml",
}
# Object storage settings are read by lms/settings/storage.py, which the scale-out work adds (issue 17 item 2).
OBJECT_STORAGE = {"AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "AWS_S3_REGION_NAME"}


def code_that_reads_settings() -> str:
    files = [*(ROOT / "lms" / "settings").glob("*.py"), *(ROOT / "certificates").glob("*.py"), ROOT / "manage.py"]
    return "\n".join(path.read_text() for path in files)


def test_every_name_in_env_example_is_read(docker_values):
    code = code_that_reads_settings()
    unread = []
    for name in docker_values:
        if name in OBJECT_STORAGE:
            continue
        if name in READ_ELSEWHERE:
            assert name in (ROOT / READ_ELSEWHERE[name]).read_text(), f"{name} not in {READ_ELSEWHERE[name]}"
        elif f'"{name}"' not in code:
            unread.append(name)
    assert not unread, f"in .env.example but read by no setting: {unread}"


@pytest.mark.parametrize("name", sorted(OBJECT_STORAGE))
def test_object_storage_names_are_read_by_the_storage_settings(name, docker_values):
    storage = ROOT / "lms" / "settings" / "storage.py"
    assert name in docker_values
    if not storage.exists():
        pytest.skip("lms/settings/storage.py (object storage) is not on this branch yet")
    assert f'"{name}"' in storage.read_text()


def test_every_setting_read_from_the_environment_is_in_env_example(docker_values):
    """The other direction: what production reads is documented in .env.example (test and dev-only ones aside)."""
    code = code_that_reads_settings()
    read = set(re.findall(r'env(?:_required|_bool|_int|_list)?\("([A-Z][A-Z0-9_]+)"', code))
    dev_or_test_only = {"ACCOUNT_EMAIL_VERIFICATION", "CERTIFICATES_AUTO_GENERATE_KEY", "TEST_CACHE"}
    documented = set(docker_values) | {"CERTIFICATES_ISSUER_NAME", "CSRF_TRUSTED_ORIGINS", "EMAIL_BACKEND"}
    missing = read - documented - dev_or_test_only
    assert not missing, f"read by the settings but not in .env.example: {sorted(missing)}"


def test_production_settings_start_from_env_example_with_a_secret_key(docker_values):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO"))}
    env.update(docker_values)
    env["SECRET_KEY"] = "filled-in-" + "s3cr3t-K3y-" * 6
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.INSTALLED_APPS; print(settings.DEBUG)"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "False"
