"""The browser-test harness itself: data from migrations survives browser tests, and `login()` handles the MFA step.

Run this file alone (`pytest tests/browser/test_harness.py`) to reproduce the order that lost data before: a
non-transactional test sets the database up before Playwright starts, then transactional browser tests flush it.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from lms import roles
from lms.models import Institution
from tests.browser.conftest import login
from tests.lms.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory


@pytest.mark.django_db
def test_a_non_transactional_test_sets_the_database_up_first():
    assert Group.objects.filter(name=roles.ADMINISTRATORS).exists()


@pytest.mark.parametrize("run", [1, 2])
@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_data_is_there_in_every_browser_test(page, run):
    # The first run is flushed at its end; the second must still see what the data migrations made.
    page.goto("/accounts/login/")
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_ROLES)
    assert Institution.objects.filter(slug="oslomet").exists()
    assert Page.objects.filter(depth=1).exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_login_helper_answers_the_authenticator_code_step(page):
    user = UserFactory(role=roles.ADMINISTRATORS, with_totp=True)
    login(page, user.email, TEST_PASSWORD, totp_secret=TEST_TOTP_SECRET)
    page.goto("/my/")
    assert page.url.endswith("/my/")
    assert user.email in page.locator("main").inner_text()
