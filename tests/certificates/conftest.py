import itertools

import pytest
from joserfc.jwk import RSAKey

from tests.courses.factories import CourseFactory
from tests.lms.factories import InstitutionFactory, UserFactory

from .factories import CertificateFactory


@pytest.fixture(scope="session")
def _rsa_pool():
    """RSA generation is slow: make a few distinct keys once per session and hand them out in turn."""
    return [RSAKey.generate_key(2048) for _ in range(3)]


@pytest.fixture(autouse=True)
def _key_dir(settings, tmp_path, monkeypatch, _rsa_pool):
    """Each test signs with keys in its own folder (created on first use, as in development)."""
    settings.CERTIFICATES_KEY_DIR = str(tmp_path / "jwt-keys")
    settings.CERTIFICATES_AUTO_GENERATE_KEY = True
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    pool = itertools.cycle(_rsa_pool)
    monkeypatch.setattr("certificates.keys.RSAKey.generate_key", lambda *args, **kwargs: next(pool))


@pytest.fixture
def institution(db):
    return InstitutionFactory()


@pytest.fixture
def trainee(db, institution):
    """Here the trainee belongs to an institution, so that `coordinator` manages their certificates."""
    return UserFactory(role="Trainees", institution=institution)


@pytest.fixture
def coordinator(db, institution):
    """The coordinator of the trainee's institution: certificate services refuse a coordinator of another one."""
    return UserFactory(role="Coordinators", with_totp=True, institution=institution)


@pytest.fixture
def course(db):
    return CourseFactory()


@pytest.fixture
def certificate(db, trainee, course):
    return CertificateFactory(holder=trainee, course=course)
