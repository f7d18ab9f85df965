"""After the engagement period: stay as an alumnus (keeps certificates, leaves the active lists, no reminders) or
leave; coordinators see active vs alumni counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.lifecycle import expiry_reminders_send
from certificates.models import Certificate
from lms import roles
from privacy.alumni import supporter_counts
from privacy.models import Alumnus
from supervision.access import supporter_candidates
from supervision.models import EngagementPeriod
from tests.certificates.factories import CertificateFactory
from tests.lms.factories import InstitutionFactory, UserFactory
from tests.lms.helpers import login_with_totp
from tests.supervision.factories import EngagementPeriodFactory

pytestmark = pytest.mark.django_db

AFTER = reverse("privacy:after_engagement")


@pytest.fixture
def institution(db):
    return InstitutionFactory()


@pytest.fixture
def ended(institution):
    supporter = UserFactory(role=roles.TRAINEES, institution=institution)
    EngagementPeriodFactory(
        supporter=supporter,
        institution=institution,
        starts_on=timezone.localdate() - timedelta(days=200),
        ends_on=timezone.localdate() - timedelta(days=1),
        status=EngagementPeriod.Status.COMPLETED,
    )
    return supporter


def test_my_page_offers_the_choice_once_the_period_has_ended(client, ended):
    client.force_login(ended)
    assert "Choose what happens now" in client.get(reverse("home:my_page")).content.decode()


def test_staying_keeps_certificates_and_leaves_the_active_lists(client, ended):
    certificate = CertificateFactory(holder=ended)
    client.force_login(ended)
    response = client.post(AFTER, {"choice": "stay"})
    assert response.status_code == 302
    assert Alumnus.objects.filter(user=ended).exists()
    assert ended not in supporter_candidates()
    assert Certificate.objects.get(pk=certificate.pk).status == Certificate.Status.VALID


def test_alumni_get_no_expiry_reminders(client, ended):
    certificate = CertificateFactory(holder=ended)
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.now() + timedelta(days=30))
    client.force_login(ended)
    client.post(AFTER, {"choice": "stay"})
    assert expiry_reminders_send() == 0


def test_leaving_is_the_delete_account_page(client, ended):
    client.force_login(ended)
    assert reverse("privacy:delete_account") in client.get(AFTER).content.decode()


def test_someone_still_active_cannot_choose_yet(client, institution):
    supporter = UserFactory(role=roles.TRAINEES, institution=institution)
    EngagementPeriodFactory(supporter=supporter, institution=institution)
    client.force_login(supporter)
    assert client.get(AFTER).status_code == 404
    assert client.post(AFTER, {"choice": "stay"}).status_code == 404
    assert not Alumnus.objects.exists()


def test_coordinators_see_active_and_alumni_counts_of_their_institution(client, ended, institution):
    UserFactory(role=roles.TRAINEES, institution=institution)
    UserFactory(role=roles.TRAINEES, institution=InstitutionFactory())  # elsewhere: not counted
    client.force_login(ended)
    client.post(AFTER, {"choice": "stay"})
    coordinator = UserFactory(role=roles.COORDINATORS, with_totp=True, institution=institution)
    assert supporter_counts(coordinator) == {"active": 1, "alumni": 1}
    client.logout()
    login_with_totp(client, coordinator.email)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-count="active">1<' in page and 'data-count="alumni">1<' in page


@pytest.mark.parametrize("size", [2, 20])
def test_the_counts_take_two_queries_whatever_the_numbers(institution, size, django_assert_num_queries):
    for _ in range(size):
        alumnus = UserFactory(institution=institution)
        Alumnus.objects.create(user=alumnus, institution=institution)
        UserFactory(role=roles.TRAINEES, institution=institution)
    coordinator = UserFactory(role=roles.COORDINATORS, institution=institution)
    coordinator.role_names  # noqa: B018 - cached before counting
    with django_assert_num_queries(2):
        assert supporter_counts(coordinator) == {"active": size, "alumni": size}


def test_advisors_do_not_see_the_counts_panel(client):
    advisor = UserFactory(role=roles.ADVISORS, with_totp=True)
    login_with_totp(client, advisor.email)
    assert 'data-count="alumni"' not in client.get(reverse("wagtailadmin_home")).content.decode()
