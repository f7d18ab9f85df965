"""Run the W3C Nu HTML checker (npm `vnu-jar`, Java 17) once over many HTML documents."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .tools import executable, node_package


def vnu_jar() -> Path:
    return node_package("vnu-jar") / "build" / "dist" / "vnu.jar"


def check(documents: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """{name: [error messages]} for every document (an empty list when the checker found no error)."""
    java = executable("java")
    jar = vnu_jar()
    names = {}
    for index, (name, html) in enumerate(documents.items()):
        path = folder / f"page-{index:03d}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = name
    result = subprocess.run(  # noqa: S603 (the checker's own jar on files we wrote)
        [
            java,
            "-jar",
            str(jar),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, sorted(folder.glob("page-*.html"))),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stderr or result.stdout)  # vnu writes its report to stderr
    errors: dict[str, list[str]] = {name: [] for name in documents}
    for message in report["messages"]:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        name = names.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url", "?"))
        extract = " ".join(message.get("extract", "").split())[:120]
        errors.setdefault(name, []).append(f"line {message.get('lastLine', '?')}: {message['message']} [{extract}]")
    return errors
