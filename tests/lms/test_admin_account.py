"""Wagtail's account page works for our user model; no third-party avatars; "new page" forms do not autosave."""

import re

import pytest
from django.urls import reverse
from wagtail.admin.views.pages.create import CreateView as WagtailCreateView
from wagtail.users.models import UserProfile

from courses.models import ModulePage
from lms.admin_pages import CreatePageView
from tests.courses.factories import build_course

ACCOUNT = "/admin/account/"
STAFF = ["Counsellors", "Advisors", "Coordinators", "Administrators"]


def form_data(response) -> dict:
    """What the browser would send back unchanged: every panel's form with its current values."""
    data = {}
    for panels in response.context["panels_by_tab"].values():
        for panel in panels:
            form = panel.get_form()
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if value is None or name == "avatar":
                    continue
                if isinstance(value, bool):
                    if value:
                        data[form.add_prefix(name)] = "on"
                    continue
                data[form.add_prefix(name)] = value
    return data


def test_the_account_url_is_ours():
    assert reverse("wagtailadmin_account") == ACCOUNT


@pytest.mark.parametrize("role", STAFF)
def test_every_staff_role_saves_language_time_zone_and_theme(client, db, user_factory, role):
    user = user_factory(role=role, with_totp=True, full_name="Kari Legal Berg")
    client.force_login(user)
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "first_name" not in html and "last_name" not in html
    assert "Kari Legal Berg" in html
    data = form_data(response)
    data.update(
        {
            "locale-preferred_language": "nb",
            "locale-current_time_zone": "Europe/Oslo",
            "theme-theme": "dark",
            "name_email-preferred_name": "Kari",
        }
    )
    response = client.post(ACCOUNT, data)
    assert response.status_code == 302, response.context and [
        (p.name, p.get_form().errors) for ps in response.context["panels_by_tab"].values() for p in ps
    ]
    profile = UserProfile.get_for_user(user)
    user.refresh_from_db()
    assert (profile.preferred_language, profile.current_time_zone, profile.theme) == ("nb", "Europe/Oslo", "dark")
    assert user.preferred_name == "Kari"


def test_the_legal_name_cannot_be_changed_here(client, db, counsellor):
    client.force_login(counsellor)
    before = counsellor.full_name
    data = form_data(client.get(ACCOUNT))
    data.update({"name_email-full_name": "Someone Else", "name_email-first_name": "X", "name_email-email": "x@evil"})
    assert client.post(ACCOUNT, data).status_code == 302
    counsellor.refresh_from_db()
    assert (counsellor.full_name, counsellor.email) == (before, counsellor.email)
    assert counsellor.full_name != "Someone Else"


def test_a_bad_time_zone_saves_nothing(client, db, counsellor):
    client.force_login(counsellor)
    data = form_data(client.get(ACCOUNT))
    data.update({"locale-current_time_zone": "Mars/Olympus", "locale-preferred_language": "nb", "theme-theme": "dark"})
    response = client.post(ACCOUNT, data)
    assert response.status_code == 200
    profile = UserProfile.get_for_user(counsellor)
    assert (profile.preferred_language, profile.theme) != ("nb", "dark")


def test_trainees_have_no_account_page_in_the_admin(client, db, trainee):
    client.force_login(trainee)
    assert client.get(ACCOUNT).status_code in (302, 403)


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(ACCOUNT)
    assert response.status_code == 302 and "login" in response["Location"]


# What a browser fetches by itself: images, scripts, frames, srcsets, stylesheets and icons (links people click are
# not requests).
EXTERNAL = re.compile(r"""(?:\bsrc|srcset)=["'](?:https?:)?//|<link\b[^>]*href=["'](?:https?:)?//""")


@pytest.mark.parametrize("url", ["/admin/", ACCOUNT, "/admin/pages/"])
def test_admin_pages_load_nothing_from_another_site(client, db, administrator, url):
    client.force_login(administrator)
    html = client.get(url).content.decode()
    assert "gravatar" not in html.lower()
    assert EXTERNAL.findall(html) == []


def test_the_new_page_form_does_not_autosave_but_the_edit_form_does(client, db, counsellor):
    course = build_course(modules=1)
    client.force_login(counsellor)
    create = client.get(reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk]))
    assert create.status_code == 200
    assert create.context["autosave_enabled"] is False
    assert "data-w-autosave-interval-value" not in create.content.decode()
    module = course.get_children().first()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk]))
    assert edit.context["autosave_enabled"] is True
    assert "data-w-autosave-interval-value" in edit.content.decode()


def test_stock_wagtail_would_autosave_new_pages(rf, db, counsellor):
    """What the override prevents (so the test above can fail): Wagtail 8's own create view autosaves."""
    course = build_course(modules=0)
    request = rf.get("/")
    request.user = counsellor
    response = WagtailCreateView.as_view()(request, "courses", "modulepage", course.pk)
    assert response.context_data["autosave_enabled"] is True
    assert issubclass(CreatePageView, WagtailCreateView)


def test_saving_a_new_page_still_creates_it(client, db, counsellor):
    course = build_course(modules=0)
    client.force_login(counsellor)
    url = reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk])
    data = form_data_for_create(client, url)
    data.update({"title": "Saved on purpose", "slug": "saved-on-purpose"})
    response = client.post(url, data)
    assert response.status_code == 302
    assert ModulePage.objects.filter(title="Saved on purpose", live=False).exists()


def form_data_for_create(client, url):
    form = client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if value in (None, "") or isinstance(value, bool) and not value:
            continue
        if hasattr(field, "block"):  # StreamField: an empty stream
            data[f"{name}-count"] = 0
            continue
        data[name] = "on" if value is True else value
    for name in form.formsets:
        data[f"{name}-TOTAL_FORMS"] = 0
        data[f"{name}-INITIAL_FORMS"] = 0
    return data
