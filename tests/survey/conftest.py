import secrets
import time

import pytest
from django.core import signing

from tests.home.factories import HomePageFactory, SiteSettingsFactory
from tests.survey.factories import SurveyPageFactory


@pytest.fixture
def home_page(db):
    return HomePageFactory()


@pytest.fixture
def survey(home_page):
    SiteSettingsFactory()
    return SurveyPageFactory(parent=home_page)


def stamp(*, age: float = 60.0, salt: str = "survey.answer", nonce: str | None = None) -> str:
    """A time-trap stamp as the form would have given it `age` seconds ago."""

    return signing.dumps({"t": time.time() - age, "n": nonce or secrets.token_urlsafe(16)}, salt=salt, compress=False)


def good_answer(**overrides) -> dict:
    data = {
        "what_do_you_want": ["Someone to talk to", "Meeting other students"],
        "how_likely": "4",
        "how_to_meet": "Online",
        "anything_else": "Evening meetings, please.",
        "email_for_a_reply": "",
        "hp_website": "",
        "hp_stamp": stamp(),
    }
    data.update(overrides)
    return data
