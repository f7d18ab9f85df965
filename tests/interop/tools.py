"""Independent checkers from the package registries, as the tests that use them find them.

`.ci/run` installs every one of them (Debian: Java 17, poppler-utils, Node.js; npm: tools/package.json into
.tools/node_modules; PyPI: the dev extras). Outside CI a missing tool skips its test with a message that says how to
install it; with CI=true a missing tool fails the test, so CI can never pass by skipping a check.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / ".tools" / "node_modules"
SCRIPTS = Path(__file__).resolve().parent / "node"
INSTALL_HINT = "run `bash .ci/run` once, or see tools/README.md"


def missing(what: str) -> None:
    """Skip outside CI, fail in CI."""
    message = f"{what} is not installed ({INSTALL_HINT})."
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def executable(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        missing(f"The program {name!r}")
    return path


def node_package(name: str) -> Path:
    folder = NODE_MODULES / name
    if not (folder / "package.json").exists():
        missing(f"The npm package {name!r} (in .tools/node_modules)")
    return folder


def python_module(name: str):
    try:
        return __import__(name)
    except ImportError:
        missing(f"The Python package {name!r}")


def run_node(script: str, payload, *, packages: tuple[str, ...], timeout: int = 120):
    """Run tests/interop/node/<script> with JSON on stdin; return its JSON on stdout."""
    node = executable("node")
    for package in packages:
        node_package(package)
    result = subprocess.run(  # noqa: S603 (our own script, arguments fixed)
        [node, str(SCRIPTS / script)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PSA_NODE_MODULES": str(NODE_MODULES)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
