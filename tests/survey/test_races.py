"""The same filled-in survey sent by 10 threads at once (a double click, a replaying bot) on PostgreSQL: one answer.

The guard is the stamp's nonce taken once with an atomic `cache.add`; the rows are written by 10 real connections.
"""

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from wagtail.contrib.forms.models import FormSubmission

from survey import services
from tests import races
from tests.survey.conftest import good_answer

THREADS = 10
pytestmark = races.MARKS


def test_ten_simultaneous_posts_of_one_form_save_one_answer(survey):
    data = good_answer()
    requests = []
    for n in range(THREADS):
        request = RequestFactory().post(survey.url, data, REMOTE_ADDR=f"10.0.0.{n}")
        request.user = AnonymousUser()
        requests.append(request)
    each = iter(requests)  # one request per thread (next() on a list iterator is atomic)
    outcome = races.race(lambda: services.survey_answer(page=survey, request=next(each)), threads=THREADS)
    outcome.raise_errors()
    assert sorted(str(o.refusal) for o in outcome.results) == ["None"] + ["repeated"] * (THREADS - 1)
    assert FormSubmission.objects.filter(page=survey).count() == 1
