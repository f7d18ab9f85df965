"""seed_demo adds an open cohort with applicants in every stage and interview times, some booked; the existing demo
trainees are members of a demo cohort. Running it twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from courses.models import Enrollment
from recruitment.models import Application, Cohort, CohortMember, InterviewSlot

pytestmark = pytest.mark.django_db


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_gives_every_stage_slots_and_cohorts():
    output = seed()
    cohort = Cohort.objects.get(name="Autumn intake (demo)")
    stages = set(cohort.applications.values_list("stage", flat=True))
    assert stages == {value for value, _label in Application.Stage.choices}
    assert cohort.applications.filter(owner_institution__isnull=True).exists()  # the shared queue
    assert InterviewSlot.objects.filter(application__isnull=False).exists()
    assert InterviewSlot.objects.free().exists()
    accepted = cohort.applications.get(stage="accepted").user
    assert accepted.has_role("Trainees")
    assert Enrollment.objects.filter(user=accepted).exists()
    members = set(
        CohortMember.objects.filter(cohort__name="Spring intake (demo, in training)").values_list(
            "user__email", flat=True
        )
    )
    assert {"trainee@example.org", "supporter@example.org"} <= members
    assert "applicant@example.org" in output


def test_seed_demo_is_idempotent():
    seed()
    counts = (Application.objects.count(), InterviewSlot.objects.count(), CohortMember.objects.count())
    seed()
    assert (Application.objects.count(), InterviewSlot.objects.count(), CohortMember.objects.count()) == counts
