"""The results screens: who may see them, what they show (a chart, counts and free text per question), and query
counts that stay flat from 10 to 5,000 answers."""

import re
import time
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from survey.charts import bar_chart_svg
from survey.results import Bar, survey_results
from tests.home.factories import HomePageFactory
from tests.lms.factories import UserFactory
from tests.survey.factories import SurveyPageFactory

pytestmark = pytest.mark.django_db

ROUTES = ["survey_admin:index", "survey_admin:results", "survey_admin:export_csv", "survey_admin:export_xlsx"]


def url(name, survey):
    return reverse(name) if name == "survey_admin:index" else reverse(name, args=[survey.pk])


def answers(survey, n, *, comment="A comment"):
    names = ["Someone to talk to", "Help finding services", "Meeting other students"]
    FormSubmission.objects.bulk_create(
        FormSubmission(
            page=survey,
            form_data={
                "what_do_you_want": names[: 1 + i % 3],
                "how_likely": 1 + i % 5,
                "how_to_meet": ["One-on-one", "In a group", "Online"][i % 3],
                **({"anything_else": f"{comment} {i}"} if i % 2 == 0 else {}),
                **({"email_for_a_reply": f"survey-reply-{i}@example.org"} if i == 0 else {}),
            },
        )
        for i in range(n)
    )


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("role", ["counsellor", "administrator"])
def test_counsellors_and_administrators_see_results(client, survey, request, role, route):
    client.force_login(request.getfixturevalue(role))
    assert client.get(url(route, survey)).status_code == 200


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("role", ["advisor", "coordinator"])
def test_other_staff_are_refused(client, survey, request, role, route):
    """Wagtail turns the view's PermissionDenied into a redirect to the dashboard with "Sorry, you do not have
    permission to access this area"."""
    answers(survey, 3)
    client.force_login(request.getfixturevalue(role))
    response = client.get(url(route, survey))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    followed = client.get(url(route, survey), follow=True).content.decode()
    assert "do not have permission" in followed
    assert "Someone to talk to" not in followed


@pytest.mark.parametrize("route", ROUTES)
def test_trainees_and_anonymous_visitors_never_reach_the_results(client, survey, trainee, route):
    anonymous = client.get(url(route, survey))
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    client.force_login(trainee)
    signed_in = client.get(url(route, survey))
    assert signed_in.status_code == 302
    assert b"What do you want" not in signed_in.content


def test_superuser_sees_results(client, survey):
    client.force_login(UserFactory(is_superuser=True, with_totp=True))
    assert client.get(url("survey_admin:results", survey)).status_code == 200


def test_results_of_an_unknown_survey_are_404(client, counsellor, survey):
    client.force_login(counsellor)
    assert client.get(reverse("survey_admin:results", args=[survey.pk + 999])).status_code == 404


def test_wagtail_stock_submission_list_redirects_to_the_results(client, administrator, survey):
    client.force_login(administrator)
    response = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("survey_admin:results", args=[survey.pk])
    export = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk]) + "?export=csv")
    assert export.status_code == 302


def test_menu_item_shows_for_counsellors_only(client, counsellor, advisor, survey):
    client.force_login(counsellor)
    assert reverse("survey_admin:index") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(advisor)
    assert reverse("survey_admin:index") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_index_lists_surveys_with_their_answer_counts(client, counsellor, survey):
    answers(survey, 7)
    client.force_login(counsellor)
    html = client.get(reverse("survey_admin:index")).content.decode()
    assert survey.title in html
    assert re.search(r"<td>\s*7\s*</td>", html)


def test_results_count_every_choice_and_scale_value(survey):
    answers(survey, 30)
    results = survey_results(survey)
    assert results.total == 30
    want, likely, meet, text, email = results.questions
    assert [(bar.label, bar.count) for bar in want.bars] == [
        ("Someone to talk to", 30),
        ("Help finding services", 20),
        ("Meeting other students", 10),
    ]
    assert [bar.count for bar in likely.bars] == [6, 6, 6, 6, 6]
    assert likely.mean == 3.0
    assert [(bar.label, bar.count) for bar in meet.bars] == [("One-on-one", 10), ("In a group", 10), ("Online", 10)]
    assert round(meet.bars[0].percent) == 33
    assert text.text_count == 15 and len(text.texts) == 15
    assert email.answered == 1 and email.texts == []


def test_a_value_no_longer_among_the_choices_is_still_counted(survey):
    FormSubmission.objects.create(page=survey, form_data={"how_to_meet": "By phone"})
    meet = survey_results(survey).questions[2]
    assert ("By phone", 1) in [(bar.label, bar.count) for bar in meet.bars]


def test_results_page_shows_chart_table_counts_and_free_text(client, counsellor, survey):
    answers(survey, 12, comment="<b>Evening</b> meetings")
    client.force_login(counsellor)
    html = client.get(url("survey_admin:results", survey)).content.decode()
    assert "12 answers in all." in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="survey-chart" role="img"') == 3
    assert '<title id="chart-1-title">What do you want?</title>' in html
    assert "Someone to talk to: 12 answers" in html  # the desc says the numbers in words
    assert html.count("<caption>Answers to") == 3
    assert "&lt;b&gt;Evening&lt;/b&gt; meetings 0" in html and "<b>Evening</b>" not in html
    assert "survey-reply-0@example.org" not in html  # emails only in the export
    assert "Several choices could be ticked" in html
    assert "Average: 2.8." in html


def test_results_show_only_the_newest_free_texts(client, counsellor, survey):
    answers(survey, 120)
    client.force_login(counsellor)
    html = client.get(url("survey_admin:results", survey)).content.decode()
    assert "The 50 newest of 60 answers" in html
    assert html.count("<li>A comment") == 50


def test_chart_svg_is_well_formed_and_named():
    svg = bar_chart_svg(
        chart_id="c1",
        title='Fish & "chips" <please>',
        description="A: 3 answers.",
        bars=[Bar("A very long answer " * 5, 3, 75.0), Bar("B", 1, 25.0)],
    )
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{ns}title").text == 'Fish & "chips" <please>'
    widths = [float(rect.get("width")) for rect in root.iter(f"{ns}rect")]
    assert widths == [360.0, 120.0]
    labels = [text.text for text in root.iter(f"{ns}text")]
    assert labels[0].endswith("…") and len(labels[0]) <= 38
    assert "3 (75%)" in labels


def test_chart_of_a_question_without_answers_draws_empty_bars():
    root = ET.fromstring(  # noqa: S314
        bar_chart_svg(chart_id="c", title="T", description="D", bars=[Bar("A", 0, 0.0)])
    )
    assert [rect.get("width") for rect in root.iter("{http://www.w3.org/2000/svg}rect")] == ["0.0"]


def count_queries(client, path) -> int:
    client.get(path)  # warm the site-root and permission caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "route", ["survey_admin:results", "survey_admin:index", "survey_admin:export_csv", "survey_admin:export_xlsx"]
)
def test_queries_are_flat_from_10_to_5000_answers(client, counsellor, home_page, route):
    counts = []
    client.force_login(counsellor)
    for size in (10, 5000):
        survey = SurveyPageFactory(parent=home_page)
        answers(survey, size)
        counts.append(count_queries(client, url(route, survey)))
    assert counts[0] == counts[1], counts


def test_results_page_with_5000_answers_renders_in_under_a_second(client, counsellor, survey):
    answers(survey, 5000)
    client.force_login(counsellor)
    client.get(url("survey_admin:results", survey))
    started = time.perf_counter()
    response = client.get(url("survey_admin:results", survey))
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert "5000 answers in all." in response.content.decode()
    assert elapsed < 1.0, f"{elapsed:.3f} s"


def test_my_page_links_counsellors_and_administrators_to_the_results(client, counsellor, administrator, advisor, db):
    HomePageFactory()
    for user, shown in ((counsellor, True), (administrator, True), (advisor, False)):
        client.force_login(user)
        html = client.get(reverse("home:my_page")).content.decode()
        assert (reverse("survey_admin:index") in html) is shown, user
