import pytest

from tests.survey.factories import AnswerFactory, SurveyPageFactory, SurveyQuestionFactory

pytestmark = pytest.mark.django_db


def test_factories_build(home_page):
    survey = SurveyPageFactory(parent=home_page)
    assert survey.form_fields.count() == 5
    question = SurveyQuestionFactory(page=survey)
    assert question.clean_name.startswith("question_")
    assert AnswerFactory(page=survey).page_id == survey.pk
