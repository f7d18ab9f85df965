"""The network's survey with seven questions and 40 answers, so the results screen has something to say.

Idempotent: an existing survey page (found by slug) is left as it is, and answers are added only to a survey
that has none. The answers come from a fixed seed, so every run draws the same charts.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from home.demo import get_home_page

from . import services
from .models import SurveyPage, SurveyQuestion
from .results import question_name

SLUG = "survey"
ANSWERS = 40
WANTS = [
    "Someone to talk to about worries",
    "Help finding health and counselling services",
    "Getting to know other students",
    "Practical help with student life",
    "Group meetings and social events",
]
QUESTIONS = [
    {
        "label": "What do you want to get out of a network where students help other students?",
        "field_type": "checkboxes",
        "choices": "\n".join(WANTS),
        "help_text": "Tick all that apply.",
    },
    {
        "label": "How likely is it that you would talk to a peer supporter?",
        "field_type": "scale",
        "scale_max": 5,
        "scale_min_label": "Not likely",
        "scale_max_label": "Very likely",
    },
    {
        "label": "How would you rather meet a peer supporter?",
        "field_type": "radio",
        "choices": "One-on-one\nIn a small group\nAt a social event\nOnline",
    },
    {
        "label": "Where do you study?",
        "field_type": "dropdown",
        "choices": "BI\nKristiania\nUniversity of Oslo\nOsloMet\nAnother institution",
        "required": False,
    },
    {
        "label": "Would you consider becoming a peer supporter yourself?",
        "field_type": "radio",
        "choices": "Yes\nMaybe\nNo",
    },
    {"label": "Anything else you would like from the network?", "field_type": "multiline", "required": False},
    {
        "label": "Your email, if you would like us to reply",
        "field_type": "email",
        "required": False,
        "help_text": "Optional. Leave it empty to stay anonymous.",
    },
]
BOKMAL = {
    "title_nb": "Spørreundersøkelse",
    "introduction_nb": (
        "<p>Vi bygger opp et nettverk for likepersonstøtte, og vi trenger hjelp fra deg! Hva ønsker du deg av et "
        "nettverk der studenter hjelper hverandre når noe er vanskelig eller bekymrer dem?</p>"
    ),
    "thank_you_text_nb": "<p>Tusen takk! Svarene dine hjelper oss å forme nettverket.</p>",
}
COMMENTS = [
    "A place to talk before things get too big.",
    "It would help to know that someone has been through the same first year.",
    "Evening meetings, please — I work during the day.",
    "Information in English for international students.",
    "Someone who can tell me where to go when I do not know who to ask.",
    "Less lonely weekends.",
]


def seed(context) -> None:
    home = get_home_page()
    page = SurveyPage.objects.child_of(home).filter(slug=SLUG).first()
    if page is None:
        page = SurveyPage(
            title="Survey",
            slug=SLUG,
            introduction=(
                "<p>We are establishing a Peer Support Network, and we need your help! What do you want to get out "
                "of a network where students help other students, with problems or worries?</p>"
            ),
            thank_you_text="<p>Thank you! Your answers help us shape the network.</p>",
            estimated_minutes=4,
            show_in_menus=True,
        )
        page.form_fields = [SurveyQuestion(sort_order=n, **spec) for n, spec in enumerate(QUESTIONS)]
        home.add_child(instance=page)
        page.save_revision().publish()
        context.log(f"  page: {page.title}", level=2)
    if not page.title_nb:  # a counsellor's translation is kept
        for name, value in BOKMAL.items():
            setattr(page, name, value)
        page.save_revision().publish()
    services.survey_page_set_up(page=page)
    created = 0
    if not FormSubmission.objects.filter(page=page).exists():
        created = _seed_answers(page)
    context.log(f"Survey: {created} demo answers added.")


def _seed_answers(page) -> int:
    rng = random.Random(2027)  # noqa: S311 - demo data, not security
    names = [question_name(question) for question in page.form_fields.all()]
    want, likely, meet, study, become, comment, _email = names
    now = timezone.now()
    rows = []
    for n in range(ANSWERS):
        answer = {
            want: sorted(rng.sample(WANTS, rng.choice([1, 2, 2, 3])), key=WANTS.index),
            likely: rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 4, 6, 4])[0],
            meet: rng.choices(["One-on-one", "In a small group", "At a social event", "Online"], [6, 3, 2, 2])[0],
            become: rng.choices(["Yes", "Maybe", "No"], weights=[2, 3, 2])[0],
        }
        if rng.random() < 0.8:
            answer[study] = rng.choice(["BI", "Kristiania", "University of Oslo", "OsloMet", "Another institution"])
        if n % 4 == 0:
            answer[comment] = COMMENTS[(n // 4) % len(COMMENTS)]
        rows.append(FormSubmission(page=page, form_data=answer))
    submissions = FormSubmission.objects.bulk_create(rows)
    for n, submission in enumerate(submissions):
        FormSubmission.objects.filter(pk=submission.pk).update(submit_time=now - timedelta(hours=9 * (ANSWERS - n)))
    return len(submissions)
