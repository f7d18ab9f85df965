import factory
import wagtail_factories
from wagtail.contrib.forms.models import FormSubmission

from survey.models import SurveyPage, SurveyQuestion

CHOICES = ["Someone to talk to", "Help finding services", "Meeting other students"]
MEET = ["One-on-one", "In a group", "Online"]


class SurveyPageFactory(wagtail_factories.PageFactory):
    """A live survey with four questions: checkboxes, a 1-5 scale, radio buttons and free text (optional), plus an
    optional email. `questions=False` leaves it without questions."""

    class Meta:
        model = SurveyPage
        skip_postgeneration_save = True

    title = "Our survey"
    slug = factory.Sequence(lambda n: f"survey-{n}")
    introduction = "<p>Tell us what you need.</p>"
    estimated_minutes = 4

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        specs = extracted or [
            {"label": "What do you want?", "field_type": "checkboxes", "choices": "\n".join(CHOICES)},
            {
                "label": "How likely?",
                "field_type": "scale",
                "scale_max": 5,
                "scale_min_label": "Not likely",
                "scale_max_label": "Very likely",
            },
            {"label": "How to meet?", "field_type": "radio", "choices": "\n".join(MEET)},
            {"label": "Anything else?", "field_type": "multiline", "required": False},
            {"label": "Email for a reply", "field_type": "email", "required": False},
        ]
        for n, spec in enumerate(specs):
            SurveyQuestion.objects.create(page=self, sort_order=n, **spec)


class SurveyQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyQuestion

    page = factory.SubFactory(SurveyPageFactory, questions=False)
    label = factory.Sequence(lambda n: f"Question {n}")
    field_type = "radio"
    choices = "Yes\nNo"


class AnswerFactory(factory.django.DjangoModelFactory):
    """One stored answer, shaped as `survey_answer` stores it."""

    class Meta:
        model = FormSubmission

    page = factory.SubFactory(SurveyPageFactory)
    form_data = factory.LazyFunction(
        lambda: {"what_do_you_want": [CHOICES[0]], "how_likely": 4, "how_to_meet": MEET[0]}
    )
