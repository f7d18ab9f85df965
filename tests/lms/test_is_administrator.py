"""`User.is_administrator`: the one "sees and manages everything" test (decision 0185)."""

import pytest

from lms import roles
from tests.lms.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "superuser", "expected"),
    [
        (roles.ADMINISTRATORS, False, True),
        (None, True, True),
        (roles.COORDINATORS, False, False),
        (roles.ADVISORS, False, False),
        (roles.COUNSELLORS, False, False),
        (roles.TRAINEES, False, False),
        (None, False, False),
    ],
)
def test_superusers_and_the_administrators_role(role, superuser, expected):
    user = UserFactory(role=role) if role else UserFactory()
    user.is_superuser = superuser
    assert user.is_administrator is expected


def test_it_costs_one_query_however_often_it_is_asked(django_assert_num_queries):
    user = UserFactory(role=roles.ADMINISTRATORS)
    user = type(user).objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        assert all(user.is_administrator for _ in range(5))
