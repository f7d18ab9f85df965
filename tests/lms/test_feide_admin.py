"""Feide realms in the Wagtail admin: Administrators edit, Coordinators look them up, nobody else."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.models import FeideRealm, Institution
from tests.lms.factories import InstitutionFactory
from tests.lms.test_access import ADMIN_ROUTE, OK, access_cases, assert_access

FEIDE_ACCESS = {
    "/admin/feide-realms/": ADMIN_ROUTE(coordinator=OK, administrator=OK),
    "/admin/feide-realms/new/": ADMIN_ROUTE(administrator=OK),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "url", "expected"), access_cases(FEIDE_ACCESS))
def test_feide_realm_screens_by_role(client, request, role, url, expected):
    assert_access(client, request, role, url, expected)


@pytest.mark.django_db
def test_administrator_adds_a_realm(client, administrator):
    client.force_login(administrator)
    ntnu = InstitutionFactory(name="NTNU", slug="ntnu")
    response = client.post(reverse("feide_realms:add"), {"realm": "ntnu.no", "institution": ntnu.pk})
    assert response.status_code == 302
    assert FeideRealm.objects.institution_for("NTNU.no") == ntnu


@pytest.mark.django_db
@pytest.mark.parametrize("realm", ["", "uio", "UiO no", "-x.no", "uio.no/", "@uio.no"])
def test_a_malformed_realm_is_refused(client, administrator, realm):
    client.force_login(administrator)
    before = FeideRealm.objects.count()
    response = client.post(reverse("feide_realms:add"), {"realm": realm, "institution": Institution.objects.first().pk})
    assert response.status_code == 200
    assert FeideRealm.objects.count() == before


@pytest.mark.django_db
def test_a_realm_belongs_to_one_institution_only(client, administrator):
    client.force_login(administrator)
    bi = Institution.objects.get(slug="bi")
    response = client.post(reverse("feide_realms:add"), {"realm": "uio.no", "institution": bi.pk})
    assert response.status_code == 200
    assert FeideRealm.objects.get(realm="uio.no").institution.slug == "uio"


@pytest.mark.django_db
def test_the_database_refuses_a_realm_twice_in_other_case():
    with pytest.raises(IntegrityError), transaction.atomic():
        FeideRealm.objects.bulk_create([FeideRealm(realm="UIO.NO", institution=Institution.objects.get(slug="bi"))])


@pytest.mark.django_db
def test_coordinator_may_not_change_a_realm(client, coordinator):
    client.force_login(coordinator)
    realm = FeideRealm.objects.get(realm="uio.no")
    bi = Institution.objects.get(slug="bi")
    response = client.post(reverse("feide_realms:edit", args=[realm.pk]), {"realm": "uio.no", "institution": bi.pk})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    realm.refresh_from_db()
    assert realm.institution.slug == "uio"


@pytest.mark.django_db
def test_the_realm_list_does_not_query_per_row(client, administrator):
    client.force_login(administrator)
    url = reverse("feide_realms:index")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(30):
        FeideRealm.objects.create(realm=f"college{n}.no", institution=InstitutionFactory())
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) <= len(small) + 1, (len(small), len(large))
