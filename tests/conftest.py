"""Fixtures for every test, and the resets that make each test independent of the ones before it.

Every test starts in English with Django's default time zone, empty caches, its own MEDIA_ROOT and fresh settings
(pytest-django's `settings` fixture and `override_settings` restore their changes; mail.outbox is emptied by
pytest-django). pytest-randomly shuffles the order and reseeds `random`, Faker and factory_boy per test; the seed is
printed at the top of the run, and `pytest --randomly-seed=N` replays that order.
"""

import contextlib
import hashlib
import importlib.util
import json
import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DatabaseError, connection, connections
from django.db.backends.base.creation import BaseDatabaseCreation
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone, translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.lms.factories import UserFactory

# --- Hypothesis: a quick profile for every local run, the thorough one in CI (CI=true) ----------------------------
# `HYPOTHESIS_PROFILE=thorough make test` runs the CI depth locally. No example database: a run never depends on
# what an earlier run found (a failure prints its reproducing example, and @example pins it in the test).
hypothesis_settings.register_profile(
    "quick", max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.register_profile(
    "thorough", max_examples=2000, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("thorough" if os.environ.get("CI", "").lower() == "true" else "quick")
)


def _deserialize_into_an_empty_database(original):
    """Wrap Django's `deserialize_db_from_string`, which TransactionTestCase calls before every serialized_rollback
    test, so that it always loads into an empty database.

    Django only inhibits post_migrate at a transactional test's flush when the connection object carries the
    serialized copy; in browser tests it sometimes does not (see django_db_setup below), and then post_migrate
    re-creates content types and permissions with other ids, which the next restore clashes with (`UNIQUE constraint
    failed: django_content_type`) — an error that only some test orders showed. One EXISTS query decides; the
    database is flushed only when something is there."""

    def deserialize(self, data):
        if ContentType.objects.using(self.connection.alias).exists():
            # As Django's own teardown flush: sequences keep counting past the ids the loaded rows use.
            call_command(
                "flush",
                database=self.connection.alias,
                interactive=False,
                inhibit_post_migrate=True,
                reset_sequences=False,
                verbosity=0,
            )
        ContentType.objects.clear_cache()
        original(self, data)
        # The rows come back with their ids; make every sequence count on from the highest (as loaddata does).
        models = {apps.get_model(row["model"]) for row in json.loads(data)}
        statements = self.connection.ops.sequence_reset_sql(no_style(), models)
        if statements:
            with self.connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)

    deserialize.__wrapped__ = original
    return deserialize


BaseDatabaseCreation.deserialize_db_from_string = _deserialize_into_an_empty_database(
    BaseDatabaseCreation.deserialize_db_from_string
)

# {alias: the JSON that Django serialized at test-database setup}: see _serialized_rollback_survives_playwright.
SERIALIZED_CONTENTS: dict[str, str] = {}

# --- the reused test database, keyed on the migrations (docs/testing.md "Fast") ----------------------------------
# --reuse-db keeps a test database between runs; its name carries a fingerprint of every installed app's migration
# files, so that a run after a migration was added, edited, removed or upgraded (a new Wagtail) builds a new one
# instead of running on a stale schema. SQLite: .test-db/<fingerprint>/test.sqlite3[_gwN] (older fingerprints'
# folders are removed); PostgreSQL: test_<name>[_gwN]_<fingerprint> (older fingerprints' test databases of the same
# name are dropped). A freshly migrated SQLite database is kept as the folder's template, and an xdist worker
# without a database of its own copies it (a file copy instead of ~15 s of migrations).
TEST_DB_ROOT = Path(django_settings.BASE_DIR) / ".test-db"
FINGERPRINT = re.compile(r"[0-9a-f]{12}")
POSTGRES_NAME_LIMIT = 63


def migration_directories() -> list[tuple[str, Path]]:
    """(app label, folder) of the migrations of every installed app, MIGRATION_MODULES respected."""

    found = []
    for app_config in apps.get_app_configs():
        module_name, _explicit = MigrationLoader.migrations_module(app_config.label)
        if module_name is None:
            continue
        try:
            spec = importlib.util.find_spec(module_name)
        except ModuleNotFoundError:
            continue
        for location in (spec.submodule_search_locations or []) if spec else []:
            found.append((app_config.label, Path(location)))
    return sorted(found)


def migrations_fingerprint(directories: list[tuple[str, Path]]) -> str:
    """12 hex digits that change whenever a migration file's name or content changes, or one is added or removed."""
    digest = hashlib.sha256()
    for label, directory in sorted(directories):
        for path in sorted(directory.rglob("*.py")):
            digest.update(f"{label}/{path.relative_to(directory).as_posix()}\0".encode())
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()[:12]


def keyed_test_name(db_settings: dict, fingerprint: str) -> str:
    """The test database name for this set of migrations (see the block comment above)."""
    engine = db_settings["ENGINE"]
    name = db_settings.get("TEST", {}).get("NAME")
    if engine == "django.db.backends.sqlite3":
        if not name or name == ":memory:" or "mode=memory" in str(name):
            return name
        return str(TEST_DB_ROOT / fingerprint / Path(name).name)
    name = name or f"test_{db_settings['NAME']}"
    return f"{name[: POSTGRES_NAME_LIMIT - len(fingerprint) - 1]}_{fingerprint}"


def _sqlite_template(alias: str, fingerprint: str) -> Path:
    return TEST_DB_ROOT / fingerprint / f"template-{alias}.sqlite3"


def _prune_sqlite(fingerprint: str) -> None:
    """Remove the folders of other fingerprints and the files of the layout before them (.test-db/test.sqlite3*)."""
    if not TEST_DB_ROOT.is_dir():
        return
    for entry in TEST_DB_ROOT.iterdir():
        if entry.is_dir() and FINGERPRINT.fullmatch(entry.name) and entry.name != fingerprint:
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.is_file() and (entry.name.startswith("test.sqlite3") or entry.suffix == ".json"):
            entry.unlink(missing_ok=True)


def _prune_postgres(alias: str, keyed_name: str, fingerprint: str) -> None:
    """Drop this database's test databases made for other fingerprints (none are in use: one run per worktree)."""
    base = keyed_name[: -len(fingerprint) - 1]
    base = re.sub(r"_gw\d+$", "", base)
    stale = re.compile(rf"{re.escape(base)}(_gw\d+)?_[0-9a-f]{{12}}")
    connection_ = connections[alias]
    with connection_._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [base.replace("_", r"\_") + "%"])
        names = [row[0] for row in cursor.fetchall()]
        for name in names:
            if stale.fullmatch(name) and not name.endswith(fingerprint):
                with contextlib.suppress(DatabaseError):  # another session on it: left for a later run
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')  # a name pg_database just gave us


# Aliases whose SQLite test database this run builds from nothing (so that it may become the template).
BUILT_FROM_NOTHING: set[str] = set()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, django_db_blocker, django_db_keepdb, django_db_createdb
):
    """pytest-django's hook for the test database names (after its xdist/tox suffixes): key them on the migrations,
    prune older ones, and give an xdist worker without a SQLite database a copy of the template."""
    fingerprint = migrations_fingerprint(migration_directories())
    for alias, db_settings in django_settings.DATABASES.items():
        db_settings.setdefault("TEST", {})
        keyed = keyed_test_name(db_settings, fingerprint)
        db_settings["TEST"]["NAME"] = keyed
        connections[alias].settings_dict["TEST"]["NAME"] = keyed
        if not django_db_keepdb:
            continue
        if db_settings["ENGINE"] == "django.db.backends.sqlite3" and keyed and keyed.startswith(str(TEST_DB_ROOT)):
            _prune_sqlite(fingerprint)
            target, template = Path(keyed), _sqlite_template(alias, fingerprint)
            target.parent.mkdir(parents=True, exist_ok=True)
            if django_db_createdb:
                template.unlink(missing_ok=True)
                BUILT_FROM_NOTHING.add(alias)
            elif not target.exists() and not template.exists():
                BUILT_FROM_NOTHING.add(alias)
            elif not target.exists():
                partial = target.with_name(target.name + ".copying")
                shutil.copyfile(template, partial)
                os.replace(partial, target)
                if template.with_suffix(".json").exists():
                    shutil.copyfile(template.with_suffix(".json"), _snapshot_path(connections[alias]))
        elif db_settings["ENGINE"] == "django.db.backends.postgresql":
            with django_db_blocker.unblock():
                _prune_postgres(alias, keyed, fingerprint)


def _keep_sqlite_template(alias: str) -> None:
    """After a SQLite test database was migrated from nothing: keep a copy (SQLite's backup API, then a rename)."""
    connection_ = connections[alias]
    name = Path(str(connection_.settings_dict["NAME"]))
    fingerprint = name.parent.name
    if connection_.vendor != "sqlite" or not FINGERPRINT.fullmatch(fingerprint):
        return
    template = _sqlite_template(alias, fingerprint)
    if template.exists():
        return
    partial = template.with_name(f"{template.name}.{os.getpid()}")
    source, copy = sqlite3.connect(name), sqlite3.connect(partial)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    os.replace(partial, template)
    snapshot = _snapshot_path(connection_)
    if snapshot.exists():
        shutil.copyfile(snapshot, template.with_suffix(".json"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb):
    """pytest-django's database setup, plus a copy of what it serialized for `serialized_rollback`, and a reused
    database that always starts with the rows the data migrations made.

    Django keeps that copy on the connection object (`_test_serialized_contents`). Django's connections live in an
    asgiref Local (a context variable): once Playwright has started, the tests get another connection object
    (same thread, same greenlet, observed with pytest 9 + Playwright 1.65), which has no copy, so every flush after the
    first transactional test would lose the groups, institutions and Wagtail root the data migrations made.

    With --reuse-db (the default) the database outlives the run, and the last transactional test of a run leaves it
    flushed: migrations are not run again, so those rows would be gone for good. The copy is kept beside the database
    (.test-db/<name>.json) and loaded back when a reused database lacks them; the run ends by restoring them.
    """
    with django_db_blocker.unblock():
        for alias in connections:
            connection_ = connections[alias]
            contents = getattr(connection_, "_test_serialized_contents", None)
            if contents is not None:
                contents = connection_._test_serialized_contents = _content_types_first(contents)
            snapshot = _snapshot_path(connection_)
            if _has_migration_data(alias):
                if contents is not None:
                    snapshot.parent.mkdir(parents=True, exist_ok=True)
                    snapshot.write_text(contents)
            elif snapshot.exists():
                contents = _content_types_first(snapshot.read_text())
                restore_migration_data(alias, contents)
                connection_._test_serialized_contents = contents
            else:
                pytest.exit(
                    f"The reused test database {connection_.settings_dict['NAME']} has lost the rows its data "
                    "migrations made; run once with --create-db to build it again.",
                    returncode=3,
                )
            if contents is not None:
                SERIALIZED_CONTENTS[alias] = contents
            if alias in BUILT_FROM_NOTHING and _has_migration_data(alias):
                _keep_sqlite_template(alias)
    yield
    if django_db_keepdb:
        with django_db_blocker.unblock():
            for alias, contents in SERIALIZED_CONTENTS.items():
                if not _has_migration_data(alias):
                    restore_migration_data(alias, contents)


def restore_migration_data(alias: str, contents: str) -> None:
    """Empty the database and load what Django serialized after migrating (see _deserialize_into_an_empty_database)."""
    connections[alias].creation.deserialize_db_from_string(contents)


def _content_types_first(contents: str) -> str:
    """Django serializes in INSTALLED_APPS order, so Wagtail's tasks come before the content types. Building a task
    subclass (GroupApprovalTask) looks its content type up, and with a cold ContentType cache in an emptied database
    creates it, so that the real row, loaded later, clashes with it (`UNIQUE constraint failed:
    django_content_type`). With the content types first, every lookup finds its row. (Django's order here is
    Institution, Wagtail's locale, site, collection, workflow and task rows, pages, permissions, groups, and the
    content types last.)"""
    rows = json.loads(contents)
    return json.dumps(sorted(rows, key=lambda row: row["model"] != "contenttypes.contenttype"))


def _snapshot_path(connection_) -> Path:
    """Beside the database, in the folder of its migrations' fingerprint (SQLite: that folder; PostgreSQL: the
    fingerprint that ends the database name)."""
    name = Path(str(connection_.settings_dict["NAME"])).name
    fingerprint = (
        name.rsplit("_", 1)[-1]
        if connection_.vendor != "sqlite"
        else Path(str(connection_.settings_dict["NAME"])).parent.name
    )
    folder = TEST_DB_ROOT / fingerprint if FINGERPRINT.fullmatch(fingerprint) else TEST_DB_ROOT
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{connection_.alias}-{name}.json"


def _has_migration_data(alias: str) -> bool:
    return Group.objects.using(alias).exists()


def _is_transactional_with_serialized_rollback(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return False
    transactional = marker.kwargs.get("transaction") or {"live_server", "transactional_db"} & set(request.fixturenames)
    return bool(transactional and marker.kwargs.get("serialized_rollback"))


@pytest.fixture(autouse=True)
def _serialized_rollback_survives_playwright(request):
    """Give `serialized_rollback` back its data on the connection object the test actually uses.

    Runs after pytest-django has set the test's database up (its `django_db` marker fixture comes first). If this
    connection has no `_test_serialized_contents`, it gets the copy taken at setup — so Django restores the data
    itself before the next tests and skips post_migrate at this test's flush — and, if the base data is already gone
    (a flush happened on another connection object), this test gets it back now.
    """
    if not SERIALIZED_CONTENTS or not _is_transactional_with_serialized_rollback(request):
        return

    for alias, contents in SERIALIZED_CONTENTS.items():
        connection = connections[alias]
        if hasattr(connection, "_test_serialized_contents"):
            continue
        connection._test_serialized_contents = contents
        if not Group.objects.using(alias).exists():
            restore_migration_data(alias, contents)


@pytest.fixture(autouse=True)
def _clear_caches():
    """Rate-limit counters, cached pages and Wagtail's site roots live in the caches: every test starts with empty
    ones. (Django's ContentType cache stays: serialized_rollback restores the same ids, and a cold cache would make
    the restore itself create content types before it reaches theirs.)"""
    for cache in caches.all(initialized_only=True):
        cache.clear()
    yield
    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(autouse=True)
def _reset_language_and_time_zone():
    """A request or a test that activated Bokmål (or another time zone) must not leave it to the next test."""
    translation.activate(django_settings.LANGUAGE_CODE)
    timezone.deactivate()
    yield
    translation.deactivate()
    timezone.deactivate()


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked `postgres_only` (races: SQLite serialises writes) skip on other databases — except when the run
    was asked to be on PostgreSQL (DATABASE_URL says postgres), where a skip would hide a broken set-up."""
    if request.node.get_closest_marker("postgres_only") is None:
        return
    if connection.vendor != "postgresql":
        if os.environ.get("DATABASE_URL", "").startswith("postgres"):
            pytest.fail("DATABASE_URL names PostgreSQL but the tests run on " + connection.vendor)
        pytest.skip("Races need PostgreSQL (SQLite serialises writes).")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def user_factory():
    return UserFactory


@pytest.fixture
def trainee(db):
    return UserFactory(role="Trainees")


@pytest.fixture
def counsellor(db):
    return UserFactory(role="Counsellors", with_totp=True)


@pytest.fixture
def advisor(db):
    return UserFactory(role="Advisors", with_totp=True)


@pytest.fixture
def coordinator(db):
    return UserFactory(role="Coordinators", with_totp=True)


@pytest.fixture
def administrator(db):
    return UserFactory(role="Administrators", with_totp=True)
