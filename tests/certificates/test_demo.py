import io

import pytest
from django.core.management import call_command

from certificates.models import Certificate

pytestmark = pytest.mark.django_db


def seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_demo_issues_a_valid_and_a_revoked_certificate_and_prints_both_urls():
    output = seed()
    valid = Certificate.objects.get(holder__email="supporter@example.org")
    revoked = Certificate.objects.get(status="revoked")
    assert valid.status == "valid" and valid.display_code in output and revoked.display_code in output


def test_demo_is_idempotent():
    seed()
    seed()
    assert Certificate.objects.count() == 2
