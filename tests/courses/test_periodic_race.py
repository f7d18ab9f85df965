"""Overlapping runs of the scheduled-publishing job on PostgreSQL: ten runners at once publish a due page once.

The outcome is checked, not the mechanism: the job's cache lock (tests/lms/test_periodic.py) keeps two runs of one
process apart; across processes without a shared cache, the page must still be published once (checked with the
lock switched off while writing this test: it held, one log entry).
"""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from lms.periodic import job_named, run_job
from tests import races
from tests.courses.factories import add_module, build_course

pytestmark = races.MARKS


def test_ten_overlapping_runs_publish_a_scheduled_page_once():
    course = build_course(modules=0)
    module = add_module(course, title="Scheduled")
    module.unpublish()
    module.go_live_at = timezone.now() + timedelta(hours=1)
    revision = module.save_revision()
    revision.publish()  # with a go-live in the future: scheduled, not live
    past = timezone.now() - timedelta(seconds=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    job = job_named("publish_scheduled")
    cache.delete(job.lock_key)

    outcome = races.race(lambda: run_job(job), threads=10)

    outcome.raise_errors()
    assert outcome.results.count(True) >= 1
    module.refresh_from_db()
    assert module.live is True
    assert PageLogEntry.objects.filter(page=module, action="wagtail.publish.scheduled").count() == 1
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()
