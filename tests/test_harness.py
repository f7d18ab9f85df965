"""The harness itself: what one test changes never reaches the next, and the race harness collects every outcome.

The "leaves" tests change global state on purpose; the "starts" tests check that none of it is there. pytest-randomly
runs them in both orders across seeds, and the parametrised copies put several of each on either side.
"""

import json
import threading

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.backends.base.creation import BaseDatabaseCreation
from django.utils import timezone, translation

from tests import races
from tests.conftest import TEST_DB_ROOT, keyed_test_name, migration_directories, migrations_fingerprint

ROUNDS = range(3)


@pytest.mark.parametrize("round_", ROUNDS)
def test_leaves_bokmal_a_time_zone_a_cache_entry_and_an_email_behind(round_, settings):
    translation.activate("nb")
    timezone.activate("America/New_York")
    cache.set("left-behind", round_)
    settings.MEDIA_ROOT = "/nowhere"
    mail.outbox.append(object())
    assert translation.get_language() == "nb"


@pytest.mark.parametrize("round_", ROUNDS)
def test_starts_in_english_with_the_default_time_zone_an_empty_cache_and_no_mail(round_):
    assert translation.get_language() == settings.LANGUAGE_CODE == "en"
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE
    assert cache.get("left-behind") is None
    assert str(settings.MEDIA_ROOT) != "/nowhere"
    assert mail.outbox == []


def test_race_releases_every_thread_and_collects_results_and_errors(db):
    seen = []
    lock = threading.Lock()

    def target():
        with lock:
            seen.append(threading.current_thread().name)
            n = len(seen)
        if n % 2:
            raise ValueError(n)
        return n

    outcome = races.race(target, threads=6)
    assert len(seen) == 6 and len(set(seen)) == 6
    assert sorted(outcome.results) == [2, 4, 6]
    assert sorted(error.args[0] for error in outcome.errors) == [1, 3, 5]
    with pytest.raises(AssertionError):
        outcome.raise_errors()


def test_race_marks_make_a_transactional_postgres_only_test():
    names = {mark.name for mark in races.MARKS}
    django_db = next(mark for mark in races.MARKS if mark.name == "django_db")
    assert names == {"postgres_only", "django_db"}
    assert django_db.kwargs == {"transaction": True, "serialized_rollback": True}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_serialized_rows_load_after_a_flush_that_ran_post_migrate_with_a_cold_content_type_cache():
    """What Django does before every serialized_rollback test, in the worst state a test can leave: the database
    flushed with post_migrate (content types and permissions made again, with other ids) and the ContentType cache
    cleared."""
    call_command("flush", interactive=False, verbosity=0)
    ContentType.objects.clear_cache()
    contents = connection._test_serialized_contents
    with transaction.atomic():
        sid = transaction.savepoint()
        with pytest.raises(IntegrityError):  # control: Django's own loader clashes with the re-made content types
            BaseDatabaseCreation.deserialize_db_from_string.__wrapped__(connection.creation, contents)
        transaction.savepoint_rollback(sid)
    connection.creation.deserialize_db_from_string(contents)
    assert set(Group.objects.values_list("name", flat=True)) >= {"Trainees", "Administrators"}
    serialized_ids = {row["pk"] for row in json.loads(contents) if row["model"] == "contenttypes.contenttype"}
    assert set(ContentType.objects.values_list("pk", flat=True)) == serialized_ids


# --- the reused test database is keyed on the migrations (tests/conftest.py, docs/testing.md "Fast") -------------


def _migrations(tmp_path, files):
    folder = tmp_path / "migrations"
    folder.mkdir(exist_ok=True)
    for path in folder.iterdir():
        path.unlink()
    for name, text in files.items():
        (folder / name).write_text(text)
    return [("someapp", folder)]


def test_the_migrations_fingerprint_changes_with_every_migration_file_and_only_then(tmp_path):
    base = {"__init__.py": "", "0001_initial.py": "operations = []\n"}
    first = migrations_fingerprint(_migrations(tmp_path, base))
    assert migrations_fingerprint(_migrations(tmp_path, base)) == first  # same files, same key
    edited = migrations_fingerprint(_migrations(tmp_path, {**base, "0001_initial.py": "operations = [1]\n"}))
    added = migrations_fingerprint(_migrations(tmp_path, {**base, "0002_more.py": "operations = []\n"}))
    renamed = migrations_fingerprint(_migrations(tmp_path, {"__init__.py": "", "0001_first.py": "operations = []\n"}))
    other_app = migrations_fingerprint([("otherapp", _migrations(tmp_path, base)[0][1])])
    keys = [first, edited, added, renamed, other_app]
    assert len(set(keys)) == len(keys)
    assert all(len(key) == 12 and int(key, 16) >= 0 for key in keys)


def test_the_fingerprint_covers_the_project_and_third_party_migrations():
    labels = {label for label, _folder in migration_directories()}
    assert {"courses", "certificates", "supervision", "lms", "wagtailcore", "auth", "account"} <= labels


def test_the_test_database_in_use_is_named_after_the_current_migrations(db):
    fingerprint = migrations_fingerprint(migration_directories())
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite":
        assert name.startswith(str(TEST_DB_ROOT / fingerprint) + "/")
    else:
        assert name.endswith("_" + fingerprint) and len(name) <= 63


def test_a_long_postgresql_test_database_name_keeps_its_fingerprint_within_63_characters():
    keyed = keyed_test_name({"ENGINE": "django.db.backends.postgresql", "NAME": "x" * 70, "TEST": {}}, "abcdef012345")
    assert len(keyed) == 63 and keyed.endswith("_abcdef012345") and keyed.startswith("test_xxx")
    sqlite = keyed_test_name({"ENGINE": "django.db.backends.sqlite3", "TEST": {"NAME": ":memory:"}}, "abcdef012345")
    assert sqlite == ":memory:"
