"""User management and institutions in the Wagtail admin, for Administrators."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from lms.models import Institution, User
from tests.lms.factories import InstitutionFactory, UserFactory


def user_form(**overrides):
    data = {
        "email": "added@example.org",
        "full_name": "Added  Person",
        "preferred_name": "Addy",
        "institution": "",
        "language": "nb",
        "groups": [],
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_the_user_form_shows_our_fields(client, administrator):
    client.force_login(administrator)
    form = client.get(reverse("wagtailusers_users:add")).context["form"]
    assert {"email", "full_name", "preferred_name", "institution", "language", "groups", "is_superuser"} <= set(
        form.fields
    )
    assert not {"first_name", "last_name", "password1", "password2"} & set(form.fields)


@pytest.mark.django_db
def test_the_user_form_renders_our_fields(client, administrator):
    client.force_login(administrator)
    html = client.get(reverse("wagtailusers_users:add")).content.decode()
    for name in ("email", "full_name", "preferred_name", "institution", "language"):
        assert f'name="{name}"' in html
    assert 'name="first_name"' not in html


@pytest.mark.django_db
def test_administrator_adds_a_person_with_a_role(client, administrator):
    client.force_login(administrator)
    institution = InstitutionFactory()
    advisors = Group.objects.get(name="Advisors")
    response = client.post(
        reverse("wagtailusers_users:add"), user_form(institution=institution.pk, groups=[advisors.pk])
    )
    assert response.status_code == 302
    user = User.objects.get(email="added@example.org")
    assert (user.full_name, user.institution, user.language, user.role_names) == (
        "Added Person",
        institution,
        "nb",
        {"Advisors"},
    )
    # They set their own password through allauth's reset; nobody knows an initial one.
    assert not user.has_usable_password()


@pytest.mark.django_db
def test_an_existing_email_in_any_case_is_refused(client, administrator):
    UserFactory(email="someone@example.org")
    client.force_login(administrator)
    response = client.post(reverse("wagtailusers_users:add"), user_form(email="SomeOne@Example.org"))
    assert response.status_code == 200
    assert "already uses this email" in str(response.context["form"].errors["email"])
    assert User.objects.filter(email__iexact="someone@example.org").count() == 1


@pytest.mark.django_db
def test_an_over_long_name_is_refused(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse("wagtailusers_users:add"), user_form(full_name="N" * 151))
    assert response.status_code == 200
    assert not User.objects.filter(email="added@example.org").exists()


@pytest.mark.django_db
def test_administrator_edits_a_person(client, administrator, trainee):
    client.force_login(administrator)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[trainee.pk]),
        user_form(email=trainee.email, full_name="Edited Name", is_active="on"),
    )
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.full_name == "Edited Name"
    assert trainee.role_names == frozenset()


@pytest.mark.django_db
def test_user_list_searches_the_legal_name(client, administrator):
    UserFactory(full_name="Findable Person")
    UserFactory(full_name="Somebody Else")
    client.force_login(administrator)
    response = client.get(reverse("wagtailusers_users:index"), {"q": "Findable"})
    names = [u.full_name for u in response.context["object_list"]]
    assert names == ["Findable Person"]


@pytest.mark.django_db
def test_user_list_filters_by_institution(client, administrator):
    institution = InstitutionFactory()
    UserFactory(full_name="At Institution", institution=institution)
    UserFactory(full_name="Elsewhere")
    client.force_login(administrator)
    response = client.get(reverse("wagtailusers_users:index"), {"institution": institution.pk})
    assert [u.full_name for u in response.context["object_list"]] == ["At Institution"]


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 25])
def test_user_list_query_count_is_flat(client, administrator, size, django_assert_max_num_queries):
    institution = InstitutionFactory()
    for _ in range(size):
        UserFactory(institution=institution, role="Trainees")
    client.force_login(administrator)
    with django_assert_max_num_queries(35):
        assert client.get(reverse("wagtailusers_users:index")).status_code == 200


# --- Institutions -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_administrator_adds_an_institution(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("institutions:add"),
        {
            "name": "Høyskolen Kristiania Kjeller",
            "short_name": "HK",
            "slug": "hk-kjeller",
            "city": "Kjeller",
            "peer_support": "not_yet",
        },
    )
    assert response.status_code == 302
    assert Institution.objects.get(slug="hk-kjeller").city == "Kjeller"


@pytest.mark.django_db
def test_a_duplicate_institution_name_is_refused(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse("institutions:add"), {"name": "University of Oslo", "slug": "uio-2", "city": "Oslo"})
    assert response.status_code == 200
    assert Institution.objects.filter(name="University of Oslo").count() == 1


@pytest.mark.django_db
def test_the_four_institutions_are_seeded():
    assert set(Institution.objects.values_list("slug", flat=True)) >= {"bi", "kristiania", "uio", "oslomet"}


@pytest.mark.django_db
def test_coordinator_may_view_but_not_edit_institutions(client, coordinator):
    institution = Institution.objects.get(slug="uio")
    client.force_login(coordinator)
    assert client.get(reverse("institutions:index")).status_code == 200
    assert client.get(reverse("institutions:inspect", args=[institution.pk])).status_code == 200
    response = client.post(
        reverse("institutions:edit", args=[institution.pk]),
        {"name": "Renamed", "slug": "uio", "city": "Oslo"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    institution.refresh_from_db()
    assert institution.name == "University of Oslo"
