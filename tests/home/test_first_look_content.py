"""What a newcomer reads first on the demo site says what it means and links where it points (issue 12, item 7)."""

import pytest
from django.core.management import call_command

from courses.models import CoursePage, TrainingIndexPage
from tests.courses.factories import build_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)


def test_the_home_callout_links_the_get_help_now_page(client, demo):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    callout = html[html.index("Need help now?") :][:1200]
    assert '<a href="/get-help-now/">Get help now</a>' in callout


def test_the_training_card_says_what_the_course_is(client, demo):
    index = TrainingIndexPage.objects.live().first()
    html = client.get(index.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    card = html[html.index('class="courses-list"') :]
    assert "Seven short modules that prepare you to be a peer supporter" in card
    assert "About 5 hours" in card


def test_an_editors_summary_comes_before_the_introduction(client):
    course = build_course(modules=0, title="Listening skills")
    CoursePage.objects.filter(pk=course.pk).update(
        search_description="A short course on listening.", introduction="<p>Long introduction.</p>"
    )
    html = client.get(course.get_parent().url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "A short course on listening." in html and "Long introduction." not in html
