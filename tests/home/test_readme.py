"""README's demo-login table says exactly what `seed_demo` prints: the same people, roles and TOTP secrets."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

README = Path(settings.BASE_DIR) / "README.md"


def printed_logins() -> set[tuple[str, str, str]]:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    logins = set()
    for line in out.getvalue().splitlines():
        match = re.match(r"^  (\S.*?)\s{2,}(\S+@example\.org)(?:\s+TOTP secret: (\w+))?$", line)
        if match:
            logins.add((match[1].strip(), match[2], match[3] or "—"))
    return logins


def readme_logins() -> set[tuple[str, str, str]]:
    section = README.read_text().split("## Roles and demo logins", 1)[1].split("\n## ", 1)[0]
    logins = set()
    for row in re.findall(r"^\| (.+) \|$", section, flags=re.M):
        cells = [cell.strip() for cell in row.split(" | ")]
        if "@" in cells[1]:
            role = re.sub(r" \(\w+\)$", "", cells[0])
            logins.add((role, cells[1].strip("`"), cells[2].strip("`")))
    return logins


@pytest.mark.django_db
def test_the_readme_lists_exactly_the_printed_demo_logins():
    printed = printed_logins()
    assert len(printed) == 7
    assert readme_logins() == printed


@pytest.mark.django_db
def test_seed_demo_prints_no_trailing_spaces():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert [line for line in out.getvalue().splitlines() if line != line.rstrip()] == []
