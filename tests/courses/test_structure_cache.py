"""The cached structure (home.structure, docs/decisions/0161) never shows what is no longer published, never shows one
trainee's progress to another, follows view restrictions, and keeps Bokmål and English apart; the one-query routing
(home.routing, docs/decisions/0162) answers exactly as Wagtail's walk."""

import html
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from courses.models import ModuleCompletion, TrainingIndexPage
from home import structure
from tests.courses.factories import add_module, build_course, enrol, modules_of, publish
from tests.lms.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(trainee):
    course = build_course(modules=3, modules_unlock_in_order=False)
    enrol(trainee, course)
    return course


def rows(response) -> list[tuple[str, str, bool]]:
    """The course page's module list as the HTML shows it: (title, status badge or "", linked) per row."""
    listing = response.content.decode().split('<ol class="courses-modules">', 1)[1].split("</ol>", 1)[0]
    found = []
    for item in listing.split("<li ")[1:]:
        title = re.search(r'courses-modules__title">\s*<(?:a href="[^"]+"|span)>([^<]+)<', item).group(1)
        badge = re.search(r'<span class="badge[^"]*">([^<]+)</span>', item)
        found.append((html.unescape(title), badge.group(1) if badge else "", "<a href=" in item))
    return found


def titles(response) -> list[str]:
    """The module titles of the outline, checked to be the ones the page's HTML lists (rows are cached HTML)."""
    outline = [state.page.title for state in response.context["outline"].modules]
    assert [title for title, _badge, _linked in rows(response)] == outline
    return outline


def test_a_published_module_appears_at_once(client, trainee, course):
    client.force_login(trainee)
    assert titles(client.get(course.url)) == ["Module 1", "Module 2", "Module 3"]
    add_module(course, title="Module 4")
    assert titles(client.get(course.url)) == ["Module 1", "Module 2", "Module 3", "Module 4"]


def test_a_changed_title_shows_once_published_not_while_a_draft(client, trainee, course):
    client.force_login(trainee)
    client.get(course.url)
    module = modules_of(course)[0]
    module.title = "Renamed module"
    module.save_revision()  # a draft: the live title stays
    assert titles(client.get(course.url))[0] == "Module 1"
    publish(module)
    assert titles(client.get(course.url))[0] == "Renamed module"
    assert "Renamed module" in client.get(modules_of(course)[1].url).content.decode()  # the pager's neighbour


def test_an_unpublished_module_leaves_the_outline_and_answers_404(client, trainee, course):
    client.force_login(trainee)
    module = modules_of(course)[1]
    assert client.get(module.url).status_code == 200
    client.get(course.url)
    module.unpublish()
    assert titles(client.get(course.url)) == ["Module 1", "Module 3"]
    assert client.get(module.url).status_code == 404


def test_a_moved_module_follows_its_new_course(client, trainee, course):
    other = build_course(modules=1, modules_unlock_in_order=False)
    enrol(trainee, other)
    client.force_login(trainee)
    client.get(course.url)
    client.get(other.url)
    module = modules_of(course)[2]
    module.move(other, pos="last-child")
    assert titles(client.get(course.url)) == ["Module 1", "Module 2"]
    assert titles(client.get(other.url)) == ["Module 1", "Module 3"]
    module.refresh_from_db()
    response = client.get(module.url)
    assert response.status_code == 200 and response.context["course_page"].pk == other.pk


def test_one_trainees_progress_is_never_shown_to_another(client, trainee, course):
    ModuleCompletion.objects.create(
        enrollment=trainee.enrollments.get(), module=modules_of(course)[0], module_title="Module 1"
    )
    other = UserFactory(role="Trainees")
    enrol(other, course)
    client.force_login(trainee)
    assert client.get(course.url).context["outline"].done == 1
    client.force_login(other)
    response = client.get(course.url)
    assert response.context["outline"].done == 0
    assert "Done" not in response.content.decode().split("<main", 1)[1]
    client.force_login(trainee)
    assert client.get(course.url).context["outline"].done == 1


def test_each_person_sees_their_own_states_in_the_module_list(client, trainee, course):
    first, second, third = modules_of(course)
    ModuleCompletion.objects.create(enrollment=trainee.enrollments.get(), module=first, module_title=first.title)
    client.force_login(trainee)
    client.get(second.url)  # a visit: in progress
    assert rows(client.get(course.url)) == [
        ("Module 1", "Done", True),
        ("Module 2", "In progress", True),
        ("Module 3", "Not started", True),
    ]
    other = UserFactory(role="Trainees")
    enrol(other, course)
    client.force_login(other)
    assert rows(client.get(course.url)) == [
        (title, "Not started", True) for title in ("Module 1", "Module 2", "Module 3")
    ]
    client.logout()  # not enrolled: titles, no links, no states
    assert rows(client.get(course.url)) == [(title, "", False) for title in ("Module 1", "Module 2", "Module 3")]
    client.force_login(trainee)
    assert [badge for _title, badge, _linked in rows(client.get(course.url))] == ["Done", "In progress", "Not started"]


def test_locked_modules_are_listed_without_a_link_and_open_once_unlocked(client, trainee):
    course = build_course(modules=3, modules_unlock_in_order=True)
    enrollment = enrol(trainee, course)
    client.force_login(trainee)
    assert rows(client.get(course.url)) == [
        ("Module 1", "Not started", True),
        ("Module 2", "Locked", False),
        ("Module 3", "Locked", False),
    ]
    first = modules_of(course)[0]
    ModuleCompletion.objects.create(enrollment=enrollment, module=first, module_title=first.title)
    assert rows(client.get(course.url))[:2] == [("Module 1", "Done", True), ("Module 2", "Not started", True)]


def test_a_published_change_to_a_modules_time_shows_at_once(client, trainee, course):
    client.force_login(trainee)
    assert "10 minutes" not in client.get(course.url).content.decode()
    module = modules_of(course)[0]
    module.estimated_minutes = 10
    publish(module)
    assert "10 minutes" in client.get(course.url).content.decode()


def test_a_new_view_restriction_holds_at_once_in_pages_and_menu(client, trainee, course):
    index = TrainingIndexPage.objects.get()
    index.show_in_menus = True
    publish(index)
    client.force_login(trainee)
    module = modules_of(course)[0]
    assert client.get(module.url).status_code == 200
    assert f'href="{index.url}"' in client.get(course.url).content.decode()
    restriction = PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Closed circle"))
    assert client.get(module.url).status_code != 200
    assert client.get(course.url).status_code != 200
    home = client.get("/").content.decode()
    assert f'href="{index.url}"' not in home
    restriction.delete()
    assert client.get(module.url).status_code == 200


def test_bokmal_and_english_are_kept_apart(client, trainee, course):
    module = modules_of(course)[0]
    module.title_nb = "Første modul"
    publish(module)
    index = TrainingIndexPage.objects.get()
    index.show_in_menus = True
    index.title_nb = "Opplæring"
    publish(index)
    client.force_login(trainee)
    english = client.get(course.url).content.decode()
    assert "Module 1" in english and "Første modul" not in english and ">Training<" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    bokmal = client.get(course.url).content.decode()
    assert "Første modul" in bokmal and ">Opplæring<" in bokmal
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Første modul" not in client.get(course.url).content.decode()


def test_without_a_cache_every_page_still_works(client, trainee, course, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client.force_login(trainee)
    assert structure.version() is None
    assert titles(client.get(course.url)) == ["Module 1", "Module 2", "Module 3"]
    add_module(course, title="Module 4")
    assert titles(client.get(course.url))[-1] == "Module 4"


# --- Routing: the same answers as Wagtail's walk ------------------------------------------------------------------


def test_a_routable_course_keeps_its_own_routes_before_a_child_of_the_same_slug(client, trainee, course):
    add_module(course, title="Shadowed", slug="enrol")
    client.force_login(trainee)
    # Wagtail's walk asks the course first: its "enrol/" route (POST only) answers, not the module.
    assert client.get(course.url + "enrol/").status_code == 405


def test_draft_and_unknown_pages_answer_404(client, trainee, course):
    draft = add_module(course, title="Draft", published=False, live=False)
    client.force_login(trainee)
    assert client.get(course.url + f"{draft.slug}/").status_code == 404
    assert client.get(course.url + "no-such-module/").status_code == 404
    assert client.get(modules_of(course)[0].url + "no-such-route/").status_code == 404
    assert client.get("/no-such-section/at-all/").status_code == 404


def test_a_deploy_replaces_the_token_so_new_templates_show(client, trainee, course):
    # Every deploy runs migrate; rows and footer rendered by the previous release are not read again.
    client.force_login(trainee)
    client.get(course.url)
    before = structure.version()
    call_command("migrate", verbosity=0)
    assert structure.version() not in (None, before)
