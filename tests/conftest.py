import pytest
from django.core.cache import cache
from django.db import connections

from tests.lms.factories import UserFactory

# {alias: the JSON that Django serialized at test-database setup}: see _serialized_rollback_survives_playwright.
SERIALIZED_CONTENTS: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's database setup, plus a copy of what it serialized for `serialized_rollback`.

    Django keeps that copy on the connection object (`_test_serialized_contents`). Django's connections live in an
    asgiref Local (a context variable): once Playwright has started, the tests get another connection object
    (same thread, same greenlet, observed with pytest 9 + Playwright 1.65), which has no copy, so every flush after the
    first transactional test would lose the groups, institutions and Wagtail root the data migrations made.
    """
    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            SERIALIZED_CONTENTS[alias] = contents


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
    from django.contrib.auth.models import Group

    for alias, contents in SERIALIZED_CONTENTS.items():
        connection = connections[alias]
        if hasattr(connection, "_test_serialized_contents"):
            continue
        connection._test_serialized_contents = contents
        if not Group.objects.using(alias).exists():
            connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached pages live in the cache: every test starts with an empty one."""
    cache.clear()
    yield
    cache.clear()


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
