import pytest
from django.core.cache import cache

from tests.lms.factories import UserFactory


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
