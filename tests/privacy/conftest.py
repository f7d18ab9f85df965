from io import StringIO

import pytest
from django.core.management import call_command

from lms.models import User

DEMO_SUPPORTER = "supporter@example.org"


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def supporter(demo):
    return User.objects.get(email=DEMO_SUPPORTER)


# Certificates are signed with keys in each test's own folder, as in tests/certificates (never the project's).
from tests.certificates.conftest import _key_dir, _rsa_pool  # noqa: E402, F401
