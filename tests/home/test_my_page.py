"""My page: who you are, what each of your roles lets you do, and other apps' panels at a flat query count."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Site

from home.models import SiteSettings
from home.panels import Panel, RoleLink
from lms import roles
from supervision.models import SupervisionSettings
from tests.lms.factories import InstitutionFactory, UserFactory

MY_PAGE = reverse("home:my_page")


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(MY_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_my_page_refuses_post(client, trainee):
    client.force_login(trainee)
    assert client.post(MY_PAGE).status_code == 405


def test_my_page_shows_who_you_are(client, db):
    institution = InstitutionFactory(name="Sandvika School of Listening")
    user = UserFactory(
        full_name="Ingrid Marie Hansen", preferred_name="Ingrid", institution=institution, role="Trainees"
    )
    client.force_login(user)
    html = client.get(MY_PAGE).content.decode()
    assert "Welcome, Ingrid" in html
    assert "Ingrid Marie Hansen" in html
    assert user.email in html
    assert "Sandvika School of Listening" in html
    assert "Trainee supporter" in html


def test_my_page_links_to_account_settings(client, trainee):
    client.force_login(trainee)
    html = client.get(MY_PAGE).content.decode()
    for name in ("account_profile", "account_change_password", "mfa_index"):
        assert f'href="{reverse(name)}"' in html


@pytest.mark.parametrize("page", [MY_PAGE, "/accounts/profile/"])
def test_an_account_without_a_password_is_offered_to_set_one_not_to_change_it(client, db, page):
    feide_only = UserFactory(role="Trainees")
    feide_only.set_unusable_password()  # as an account made by Feide
    feide_only.save()
    client.force_login(feide_only)
    html = client.get(page).content.decode()
    assert f'href="{reverse("account_set_password")}"' in html and "Set a password" in html
    assert f'href="{reverse("account_change_password")}"' not in html and "Change your password" not in html
    with_password = UserFactory(role="Trainees")
    client.force_login(with_password)
    html = client.get(page).content.decode()
    assert f'href="{reverse("account_change_password")}"' in html and "Set a password" not in html


@pytest.mark.parametrize(
    ("fixture", "expected_url_name"),
    [
        ("counsellor", "wagtailadmin_explore_root"),
        ("advisor", "wagtailadmin_home"),
        ("coordinator", "wagtailadmin_home"),
        ("administrator", "wagtailusers_users:index"),
    ],
)
def test_staff_roles_get_their_admin_links(db, client, request, fixture, expected_url_name):
    client.force_login(request.getfixturevalue(fixture))
    assert f'href="{reverse(expected_url_name)}"' in client.get(MY_PAGE).content.decode()


def test_trainees_get_no_admin_links(client, trainee):
    client.force_login(trainee)
    html = client.get(MY_PAGE).content.decode()
    assert reverse("wagtailadmin_home") not in html
    assert reverse("wagtailusers_users:index") not in html


def test_counsellors_do_not_get_the_user_admin_link(client, counsellor):
    client.force_login(counsellor)
    assert reverse("wagtailusers_users:index") not in client.get(MY_PAGE).content.decode()


def test_a_user_with_several_roles_gets_a_card_for_each(client, db):
    user = UserFactory(role="Advisors", with_totp=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(user)
    cards = client.get(MY_PAGE).context["role_cards"]
    assert [card["name"] for card in cards] == [roles.ADVISORS, roles.COORDINATORS]


def test_a_user_without_a_role_is_told_what_happens_next(client, db):
    client.force_login(UserFactory())
    assert "You have no role yet" in client.get(MY_PAGE).content.decode()


def test_panels_from_other_apps_are_shown_in_order(client, trainee):
    def add_panels(request, panels):
        panels.append(
            Panel(
                name="second",
                title="Second panel",
                template_name="blocks/heading.html",
                order=200,
                context={"value": {"text": "Two", "level": "h3"}},
            )
        )
        panels.append(
            Panel(
                name="first",
                title="First panel",
                template_name="blocks/heading.html",
                order=100,
                context={"value": {"text": "One", "level": "h3"}},
            )
        )

    client.force_login(trainee)
    with hooks.register_temporarily("construct_my_page_panels", add_panels):
        html = client.get(MY_PAGE).content.decode()
    assert html.index("First panel") < html.index("Second panel")
    assert '<h3 class="block-heading">One</h3>' in html


def test_role_links_from_other_apps_land_in_the_right_card(client, advisor):
    def add_links(request, links):
        if roles.ADVISORS in links:
            links[roles.ADVISORS].append(RoleLink(label="Supervision groups", url="/supervision/", order=1))

    client.force_login(advisor)
    with hooks.register_temporarily("construct_my_page_role_links", add_links):
        cards = client.get(MY_PAGE).context["role_cards"]
    assert cards[0]["links"][0].label == "Supervision groups"


def test_role_link_hooks_never_see_roles_the_user_lacks(client, trainee):
    seen = []

    def spy(request, links):
        seen.extend(links)

    client.force_login(trainee)
    with hooks.register_temporarily("construct_my_page_role_links", spy):
        client.get(MY_PAGE)
    assert seen == [roles.TRAINEES]


def _count_queries(client, user, rows):
    def add_panel(request, panels):
        # A well-behaved panel: one query whatever the amount of data.
        names = list(Group.objects.filter(user=request.user).values_list("name", flat=True))
        panels.append(
            Panel(
                name="data",
                title="Data",
                template_name="blocks/quote.html",
                context={"value": {"quote": ", ".join(names) * rows, "attribution": ""}},
            )
        )

    client.force_login(user)
    with hooks.register_temporarily("construct_my_page_panels", add_panel), CaptureQueriesContext(connection) as ctx:
        assert client.get(MY_PAGE).status_code == 200
    return len(ctx.captured_queries)


def test_my_page_query_count_does_not_grow_with_roles_or_panel_data(client, site_settings):
    one_role = UserFactory(role="Advisors", with_totp=True)
    all_roles = UserFactory(role="Administrators", with_totp=True)
    all_roles.groups.add(*Group.objects.filter(name__in=roles.ALL_ROLES))
    counts = {}
    for user in (one_role, all_roles):
        # The first visit warms per-process caches (content types, site settings) and per-user state.
        _count_queries(client, user, rows=1)
        client.logout()
        for rows in (1, 200):
            counts[(user.email, rows)] = _count_queries(client, user, rows=rows)
            client.logout()
    # More roles bring more panels (each app's panel has its own flat-query test); more data brings no queries.
    assert counts[(one_role.email, 1)] == counts[(one_role.email, 200)]
    assert counts[(all_roles.email, 1)] == counts[(all_roles.email, 200)]
    assert max(counts.values()) <= 30, counts


def test_administrators_get_a_link_to_the_audit_log_that_opens(client, administrator):
    client.force_login(administrator)
    html = client.get(MY_PAGE).content.decode()
    assert f'href="{reverse("audit_log:index")}"' in html
    assert client.get(reverse("audit_log:index")).status_code == 200


@pytest.mark.parametrize("fixture", ["trainee", "counsellor", "advisor", "coordinator"])
def test_only_administrators_get_the_audit_log_link(db, client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert reverse("audit_log:index") not in client.get(MY_PAGE).content.decode()


def test_coordinators_get_links_to_their_institution_that_open(client, db):
    institution = InstitutionFactory(name="Kjeller College of Care", short_name="Kjeller")
    coordinator = UserFactory(role="Coordinators", with_totp=True, institution=institution)
    client.force_login(coordinator)
    html = client.get(MY_PAGE).content.decode()
    own = reverse("institutions:inspect", args=[institution.pk])
    assert f'href="{own}"' in html
    assert "Your institution: Kjeller" in html
    assert client.get(own).status_code == 200
    assert client.get(reverse("institutions:index")).status_code == 200


def test_a_coordinator_without_an_institution_still_gets_the_institution_list(client, db):
    coordinator = UserFactory(role="Coordinators", with_totp=True, institution=None)
    client.force_login(coordinator)
    html = client.get(MY_PAGE).content.decode()
    assert f'href="{reverse("institutions:index")}"' in html
    assert "Your institution" not in html


# --- What My page reads from the structure cache (home.structure) follows every change at once ---------------------


def supervision_panel(response):
    return next(panel for panel, _html in response.context["panels"] if panel.name == "supervision")


def test_a_renamed_institution_shows_at_once(client, db):
    institution = InstitutionFactory(name="Old Name College")
    user = UserFactory(role=roles.TRAINEES, institution=institution)
    client.force_login(user)
    assert "Old Name College" in client.get(MY_PAGE).content.decode()
    institution.name = "New Name College"
    institution.save()
    html = client.get(MY_PAGE).content.decode()
    assert "New Name College" in html and "Old Name College" not in html


def test_each_person_sees_their_own_institution_and_a_move_shows_at_once(client, db):
    first, second = InstitutionFactory(name="First College"), InstitutionFactory(name="Second College")
    alice = UserFactory(role=roles.TRAINEES, institution=first)
    bob = UserFactory(role=roles.TRAINEES, institution=second)
    client.force_login(alice)
    assert "First College" in client.get(MY_PAGE).content.decode()
    client.force_login(bob)
    html = client.get(MY_PAGE).content.decode()
    assert "Second College" in html and "First College" not in html
    bob.institution = first
    bob.save()
    assert "First College" in client.get(MY_PAGE).content.decode()
    bob.institution = None
    bob.save()
    html = client.get(MY_PAGE).content.decode()
    assert "First College" not in html and "Not given" in html


def test_a_changed_organisation_name_shows_at_once(client, trainee):
    client.force_login(trainee)
    assert "<title>My page · Peer Support Academy</title>" in client.get(MY_PAGE).content.decode()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Likepersonakademiet"
    site_settings.save()
    html = client.get(MY_PAGE).content.decode()
    assert "<title>My page · Likepersonakademiet</title>" in html
    assert '<span class="brand__name">Likepersonakademiet</span>' in html


def test_changed_supervision_rules_show_at_once(client, trainee):
    client.force_login(trainee)
    assert supervision_panel(client.get(MY_PAGE)).context["rules"].required_sessions == 6
    rules = SupervisionSettings.for_site(Site.objects.get(is_default_site=True))
    rules.required_sessions = 9
    rules.save()
    assert supervision_panel(client.get(MY_PAGE)).context["rules"].required_sessions == 9
