"""The survey page type: where it may live, counsellors may edit it, created through the real admin form."""

import pytest
from django.urls import reverse
from wagtail.models import GroupPagePermission
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.models import HomePage
from survey.models import SurveyPage
from survey.services import survey_page_set_up

pytestmark = pytest.mark.django_db


class TestSurveyPageType(WagtailPageTestCase):
    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(SurveyPage, {HomePage})
        self.assertAllowedSubpageTypes(SurveyPage, {})


def test_an_administrator_creates_a_survey_through_the_admin_and_counsellors_may_edit_it(
    client, administrator, home_page
):

    client.force_login(administrator)
    data = nested_form_data(
        {
            "title": "Autumn survey",
            "slug": "autumn-survey",
            "introduction": rich_text("<p>Hello</p>"),
            "thank_you_text": rich_text("<p>Thanks</p>"),
            "estimated_minutes": 3,
            "is_open": "on",
            "form_fields": inline_formset(
                [
                    {"label": "How are you?", "field_type": "scale", "scale_max": 5, "required": "on"},
                    {"label": "Which?", "field_type": "radio", "choices": "A\nB", "scale_max": 5},
                ]
            ),
        }
    )
    data["action-publish"] = "publish"
    response = client.post(reverse("wagtailadmin_pages:add", args=["survey", "surveypage", home_page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = SurveyPage.objects.get(slug="autumn-survey")
    assert page.live
    assert [q.field_type for q in page.form_fields.all()] == ["scale", "radio"]
    assert set(
        GroupPagePermission.objects.filter(page=page, group__name="Counsellors").values_list(
            "permission__codename", flat=True
        )
    ) == {"change_page", "publish_page", "lock_page", "unlock_page"}


def test_a_counsellor_may_edit_a_set_up_survey(client, counsellor, survey):
    client.force_login(counsellor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[survey.pk])).status_code == 302  # no rights yet
    survey_page_set_up(page=survey)
    survey_page_set_up(page=survey)  # idempotent
    assert client.get(reverse("wagtailadmin_pages:edit", args=[survey.pk])).status_code == 200
    assert GroupPagePermission.objects.filter(page=survey).count() == 4


def test_the_scale_question_offers_1_to_n_with_end_labels(client, survey):
    html = client.get(survey.url).content.decode()
    for value in range(1, 6):
        assert f'name="how_likely" value="{value}"' in html
    assert 'value="6"' not in html
    assert "Not likely" in html and "Very likely" in html


def test_the_thanks_page_preview_renders(client, administrator, survey):
    client.force_login(administrator)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[survey.pk]) + "?mode=landing")
    assert response.status_code == 200
    assert "Thank you for your answers" in response.content.decode()
