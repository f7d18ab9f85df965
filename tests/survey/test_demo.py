"""seed_demo adds the survey with its questions and 40 answers, and stays idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.contrib.forms.models import FormSubmission

from survey.models import SurveyPage
from survey.results import survey_results

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_the_survey_with_40_answers_once():
    call_command("seed_demo", stdout=StringIO())
    page = SurveyPage.objects.get(slug="survey")
    assert page.live and page.show_in_menus
    labels = [question.label for question in page.form_fields.all()]
    assert labels[0] == "What do you want to get out of a network where students help other students?"
    assert len(labels) == 7
    assert FormSubmission.objects.filter(page=page).count() == 40
    results = survey_results(page)
    assert all(question.answered > 0 for question in results.questions if not question.is_text)
    assert len({bar.count for bar in results.questions[0].bars}) > 1  # the chart says something
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert SurveyPage.objects.count() == 1
    assert FormSubmission.objects.filter(page=page).count() == 40
    assert "Survey: 0 demo answers added." in out.getvalue()


def test_demo_answers_are_valid_answers_of_the_form():
    call_command("seed_demo", stdout=StringIO())
    page = SurveyPage.objects.get(slug="survey")
    for submission in FormSubmission.objects.filter(page=page):
        data = dict(submission.form_data)
        data["how_likely_is_it_that_you_would_talk_to_a_peer_supporter"] = str(
            data["how_likely_is_it_that_you_would_talk_to_a_peer_supporter"]
        )
        form = page.get_form(data, page=page, user=None)
        form.is_valid()
        assert set(form.errors) == {"__all__"}, form.errors  # only the missing time-trap stamp
