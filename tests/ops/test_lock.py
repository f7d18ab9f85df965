"""The lock (requirements/*.txt) is what is installed, and what pyproject.toml allows.

`make install` installs requirements/dev.txt with pip's --require-hashes (and nothing else); `make install-prod`,
the Dockerfile and the systemd host install requirements/production.txt. Here: `pip freeze` of the running
environment has every locked version; in CI (a fresh .venv from `make install`) it has nothing else either; every
dependency in pyproject.toml has a locked version inside its range, and the production set has no test tool.
"""

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import icalendar
import pytest
import weasyprint.pdf
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version
from weasyprint.urls import URLFetcher

from certificates.pdf import PDF_VARIANT

ROOT = Path(__file__).resolve().parents[2]
LOCK_LINE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def read_lock(name: str) -> dict[str, Version]:
    """Pins of a uv-compiled lock whose environment marker holds for this interpreter."""
    pins = {}
    text = (ROOT / "requirements" / name).read_text()
    for line in text.splitlines():
        match = LOCK_LINE.match(line)
        if not match:
            continue
        package, version, marker = match.groups()
        if marker and not Marker(marker).evaluate():
            continue
        pins[canonicalize_name(package)] = Version(version)
    assert pins, f"no pins read from requirements/{name}"
    return pins


def hashes_per_pin(name: str) -> dict[str, int]:
    counts, current = {}, None
    for line in (ROOT / "requirements" / name).read_text().splitlines():
        match = LOCK_LINE.match(line)
        if match:
            current = f"{match.group(1)}=={match.group(2)}"
            counts[current] = 0
        elif line.strip().startswith("--hash=sha256:") and current:
            counts[current] += 1
    return counts


def pip_freeze() -> dict[str, Version]:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--all", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    installed = {}
    for line in result.stdout.splitlines():
        if "==" in line and not line.startswith(("-e", "#")):
            package, version = line.split("==", 1)
            installed[canonicalize_name(package)] = Version(version)
    return installed


PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
RUNTIME = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
EXTRAS = {name: [Requirement(r) for r in reqs] for name, reqs in PYPROJECT["project"]["optional-dependencies"].items()}
# Installed by pip itself or by `python -m venv`, never part of the lock.
BOOTSTRAP = {"pip", "setuptools", "wheel"}


@pytest.mark.parametrize("lock", ["production.txt", "dev.txt"])
def test_every_pin_has_hashes(lock):
    counts = hashes_per_pin(lock)
    assert counts
    assert all(count >= 1 for count in counts.values()), [pin for pin, count in counts.items() if not count]


def test_pip_freeze_has_every_locked_version():
    locked, installed = read_lock("dev.txt"), pip_freeze()
    wrong = {
        package: (str(version), str(installed.get(package)))
        for package, version in locked.items()
        if installed.get(package) != version
    }
    assert not wrong, f"locked vs installed (run `make install`): {wrong}"


@pytest.mark.skipif(os.environ.get("CI", "").lower() != "true", reason="a shared development venv may hold more")
def test_in_ci_pip_freeze_is_exactly_the_lock():
    locked, installed = read_lock("dev.txt"), pip_freeze()
    extra = set(installed) - set(locked) - BOOTSTRAP - {canonicalize_name("peer-support-academy")}
    assert not extra, f"installed but not locked: {sorted(extra)}"


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [("production.txt", RUNTIME + EXTRAS["sentry"]), ("dev.txt", RUNTIME + EXTRAS["sentry"] + EXTRAS["dev"])],
)
def test_every_declared_dependency_is_locked_inside_its_range(lock, requirements):
    pins = read_lock(lock)
    problems = []
    for requirement in requirements:
        version = pins.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement.name}: not in requirements/{lock} (run `make lock`)")
        elif version not in requirement.specifier:
            problems.append(f"{requirement.name}=={version} outside {requirement.specifier} (run `make lock`)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("requirement", RUNTIME + [r for reqs in EXTRAS.values() for r in reqs], ids=str)
def test_every_dependency_has_a_floor_and_a_ceiling(requirement):
    operators = {spec.operator for spec in requirement.specifier}
    assert operators & {">=", "~=", "=="}, f"{requirement} has no floor"
    assert operators & {"<", "<=", "~=", "=="}, f"{requirement} has no upper bound"


@pytest.mark.parametrize("requirement", RUNTIME + [r for reqs in EXTRAS.values() for r in reqs], ids=str)
def test_floors_are_the_tested_versions_series(requirement):
    """A floor may not lie below the major.minor series the lock (and so the suite) runs on, except where the range
    is one 0.x series: then the floor's release is the tested one's or older within it."""
    pins = read_lock("dev.txt")
    locked = pins[canonicalize_name(requirement.name)]
    floors = [Version(spec.version) for spec in requirement.specifier if spec.operator in (">=", "~=")]
    assert floors
    floor = floors[0]
    assert floor <= locked
    if requirement.name.lower() in ("weasyprint", "icalendar"):
        # The two that were wrong (issue 17): the tested major is the floor.
        assert floor.major == locked.major, f"{requirement}: floor below the tested {locked}"


def test_production_lock_has_no_test_or_lint_tool():
    production = read_lock("production.txt")
    dev_only = {canonicalize_name(r.name) for r in EXTRAS["dev"]}
    assert not (set(production) & dev_only), set(production) & dev_only
    assert canonicalize_name("sentry-sdk") in production
    assert canonicalize_name("gunicorn") in production


def test_the_code_uses_the_apis_the_floors_promise():
    """The reason for the raised floors: the calls exist in the installed (locked) releases."""

    assert hasattr(icalendar.Calendar, "add_missing_timezones")
    assert URLFetcher

    assert PDF_VARIANT in weasyprint.pdf.VARIANTS


@pytest.mark.parametrize(
    ("target", "lock", "not_lock"), [("serve-prod", "production.txt", "dev.txt"), ("test", "dev.txt", "production.txt")]
)
def test_make_installs_the_right_lock(tmp_path, target, lock, not_lock):
    """What `make serve-prod` and `make test` would run in a fresh checkout (make -n: printed, not run)."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    result = subprocess.run(  # noqa: S603
        [make, "-n", target, f"VENV={tmp_path / 'venv'}"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert f"--require-hashes --no-deps -r requirements/{lock}" in result.stdout
    assert f"requirements/{not_lock}" not in result.stdout
