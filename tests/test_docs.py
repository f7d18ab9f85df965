"""The documentation stays true to the repository: every decision says its status and date, and README.md and
docs/ name only files and decisions that exist.

No database: these tests read files only.
"""

import fnmatch
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DECISIONS = sorted((ROOT / "docs" / "decisions").glob("*.md"))
DOCUMENTS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])

STATUS = re.compile(r"^Status: (accepted|superseded by (\d{4})|replaced by (\d{4}))\b", re.MULTILINE)
DATE = re.compile(r"^Date: (\d{4}-\d\d-\d\d)$", re.MULTILINE)

EXTENSIONS = r"py|md|html|txt|toml|ya?ml|js|css|json|po|sh|cfg|ini|conf|service|svg|png"
# A path in backticks, the target of a Markdown link, or a bare path with a directory and a known file extension.
REFERENCE = re.compile(
    rf"`([^`\s]+)`|\]\(([^)\s]+)\)|(?<![\w/.`-])((?:[\w.-]+/)+[\w.-]+\.(?:{EXTENSIONS}))\b(?!`)",
)
LOOKS_LIKE_A_PATH = re.compile(rf"^[\w.-][\w./-]*(\.({EXTENSIONS})|/)$")
# Where a name that is not relative to the repository or the document is looked for: Django's template and static
# file directories (a document names `includes/progress.html` as the template loader does).
SEARCH_ROOTS = ["", "docs", "templates", "static", "*/templates", "*/static"]
DECISION_NUMBER = re.compile(r"(?:\bdecisions?/?|\bSupersedes|\bsuperseded by|\breplaced by|\()\s?(\d{4})\b")


def _ignored_patterns():
    lines = (ROOT / ".gitignore").read_text().splitlines()
    return [line.strip().rstrip("/") for line in lines if line.strip() and not line.startswith("#")]


IGNORED = _ignored_patterns()


def _is_ignored(reference):
    """A path under a git-ignored name (`.test-db/`, `jwt-keys/`, `benchmarks/results.json`) is made at run time."""
    parts = reference.rstrip("/").split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(fnmatch.fnmatch(prefix, pattern) for prefix in prefixes for pattern in IGNORED)


def _references(text):
    for match in REFERENCE.finditer(text):
        reference = next(group for group in match.groups() if group)
        reference = reference.split("#")[0].split("::")[0].split(":")[0]
        if reference.startswith(("http", "/", "mailto")):
            continue
        if any(char in reference for char in "<>{}*=$?") or "/" not in reference:
            continue
        if LOOKS_LIKE_A_PATH.match(reference):
            yield reference


def _exists(reference, document):
    if (document.parent / reference).exists():
        return True
    return any(
        (base / reference).exists()
        for pattern in SEARCH_ROOTS
        for base in ([ROOT / pattern] if "*" not in pattern else ROOT.glob(pattern))
    )


def test_there_are_decisions_and_documents():
    assert len(DECISIONS) > 50
    assert ROOT / "docs" / "testing.md" in DOCUMENTS


def test_readme_links_the_architecture_and_security_documents():
    readme = (ROOT / "README.md").read_text()
    assert "docs/architecture.md" in readme
    assert "docs/security.md" in readme


@pytest.mark.parametrize("decision", DECISIONS, ids=[path.name[:4] for path in DECISIONS])
def test_every_decision_has_a_status_and_a_date(decision):
    head = "\n".join(decision.read_text().splitlines()[:6])
    status = STATUS.search(head)
    assert status, f"{decision.name}: no 'Status: accepted|superseded by NNNN|replaced by NNNN' line under the title"
    assert DATE.search(head), f"{decision.name}: no 'Date: YYYY-MM-DD' line under the title"
    successor = status.group(2) or status.group(3)
    if successor:
        assert list(decision.parent.glob(f"{successor}-*.md")), f"{decision.name}: {successor} does not exist"


def test_decision_numbers_are_unique():
    numbers = [path.name[:4] for path in DECISIONS]
    assert len(numbers) == len(set(numbers))


@pytest.mark.parametrize("document", DOCUMENTS, ids=[str(path.relative_to(ROOT)) for path in DOCUMENTS])
def test_documents_name_only_files_that_exist(document):
    text = document.read_text()
    missing = sorted({ref for ref in _references(text) if not _is_ignored(ref) and not _exists(ref, document)})
    assert not missing, f"{document.relative_to(ROOT)} names files that do not exist: {missing}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=[str(path.relative_to(ROOT)) for path in DOCUMENTS])
def test_documents_name_only_decisions_that_exist(document):
    numbers = set(DECISION_NUMBER.findall(document.read_text()))
    missing = sorted(n for n in numbers if not list((ROOT / "docs" / "decisions").glob(f"{n}-*.md")))
    assert not missing, f"{document.relative_to(ROOT)} names decisions that do not exist: {missing}"


def test_the_reference_check_can_fail(tmp_path):
    document = tmp_path / "doc.md"
    text = "See `lms/no_such_module.py`, [this](docs/nowhere.md) and tests/x/test_gone.py; `lms/models.py` exists."
    found = {ref for ref in _references(text) if not _exists(ref, document)}
    assert found == {"lms/no_such_module.py", "docs/nowhere.md", "tests/x/test_gone.py"}
    assert _is_ignored(".test-db/default-x.json")
    assert not _is_ignored("lms/models.py")


def _slug(heading):
    """The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


SECURITY = ROOT / "docs" / "security.md"
SECURITY_SECTIONS = {_slug(line[3:]) for line in SECURITY.read_text().splitlines() if line.startswith("## ")}
SECURITY_ANCHOR = re.compile(r"docs/security\.md#([\w-]+)")
SECURITY_TITLE = re.compile(r"docs/security\.md,\s+“([^”]+)”")
SOURCES = [
    path
    for pattern in ("**/*.py", "**/*.md", "**/*.html")
    for path in ROOT.glob(pattern)
    if not {".venv", ".git", ".tools", "node_modules"} & set(path.relative_to(ROOT).parts)
]


def test_security_references_name_sections_that_exist():
    assert "races" in SECURITY_SECTIONS
    missing = {}
    for path in SOURCES:
        text = path.read_text(errors="replace")
        named = set(SECURITY_ANCHOR.findall(text)) | {
            _slug(" ".join(title.split())) for title in SECURITY_TITLE.findall(text)
        }
        if named - SECURITY_SECTIONS:
            missing[str(path.relative_to(ROOT))] = sorted(named - SECURITY_SECTIONS)
    assert not missing, f"references to sections docs/security.md does not have: {missing}"


def test_no_reference_to_numbered_security_notes():
    """The numbered notes were a document outside the repository; references name a section of docs/security.md."""
    numbered = re.compile(r"security[ -]notes?,? (pitfall )?\d+", re.IGNORECASE)
    found = [str(path.relative_to(ROOT)) for path in SOURCES if numbered.search(path.read_text(errors="replace"))]
    assert not found, found
