"""The one-way app order of docs/architecture.md: an app imports only apps on a lower level.

Every module of every project app is parsed, function-level imports included. Migrations are included too (a
migration of a lower app must not name a higher one's code). No database.
"""

import ast
from pathlib import Path

import pytest

from lms.settings.base import PROJECT_APPS

ROOT = Path(__file__).resolve().parent.parent
LEVELS = {
    "lms": 0,
    "home": 1,
    "courses": 2,
    "network": 2,
    "survey": 2,
    "certificates": 3,
    "supervision": 4,
    "recruitment": 5,
    "privacy": 6,
}
# The root URLconf composes every app's URLs; it is the project's, not the lms app's.
EXCEPTIONS = {"lms/urls.py": {"home"}}


def imported_apps(source: str) -> set[str]:
    """The project apps a module imports, at any depth of the module (absolute imports only: relative ones stay
    inside the app)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & LEVELS.keys()


def test_every_project_app_has_a_level():
    assert set(PROJECT_APPS) == set(LEVELS)


@pytest.mark.parametrize("app", sorted(LEVELS))
def test_an_app_imports_only_lower_apps(app):
    wrong = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        allowed = EXCEPTIONS.get(relative, set())
        higher = {
            other
            for other in imported_apps(path.read_text())
            if other != app and LEVELS[other] >= LEVELS[app] and other not in allowed
        }
        if higher:
            wrong[relative] = sorted(higher)
    assert not wrong, f"imports against the app order (docs/architecture.md): {wrong}"


def test_the_check_sees_function_level_imports():
    source = "def f():\n    from supervision import access\n    import recruitment.models\n"
    assert imported_apps(source) == {"supervision", "recruitment"}
    assert imported_apps("from . import models\nimport django\n") == set()
