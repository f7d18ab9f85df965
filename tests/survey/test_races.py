"""The same filled-in survey sent by 10 threads at once (a double click, a replaying bot) on PostgreSQL: one answer.

The guard is the stamp's nonce taken once with an atomic `cache.add`; the rows are written by 10 real connections.
"""

import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, connections
from django.test import RequestFactory
from wagtail.contrib.forms.models import FormSubmission

from survey import services
from tests.survey.conftest import good_answer

THREADS = 10
pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_ten_simultaneous_posts_of_one_form_save_one_answer(survey):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writes; this race shows only on PostgreSQL.")
    data = good_answer()
    barrier = threading.Barrier(THREADS)
    outcomes, errors = [], []

    def submit(n):
        try:
            connection.ensure_connection()
            request = RequestFactory().post(survey.url, data, REMOTE_ADDR=f"10.0.0.{n}")
            request.user = AnonymousUser()
            barrier.wait()
            outcomes.append(services.survey_answer(page=survey, request=request))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(str(o.refusal) for o in outcomes) == ["None"] + ["repeated"] * (THREADS - 1)
    assert FormSubmission.objects.filter(page=survey).count() == 1
