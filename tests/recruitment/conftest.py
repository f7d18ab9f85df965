"""A small recruitment world: two institutions with a coordinator each, one without (the shared queue), applicants
of each, staff of every other role, an open cohort with a course, and an interview note carrying a sentinel."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.courses.factories import build_course
from tests.lms.factories import InstitutionFactory, UserFactory

from . import factories

SENTINEL = "SENTINEL-4b1d-interview-confidential"


class World(SimpleNamespace):
    pass


@pytest.fixture
def world(db):
    inst_a = InstitutionFactory(name="Inst A", slug="inst-a")
    inst_b = InstitutionFactory(name="Inst B", slug="inst-b")
    inst_c = InstitutionFactory(name="Inst C without coordinator", slug="inst-c")
    coordinator_a = UserFactory(role="Coordinators", with_totp=True, institution=inst_a, full_name="Coord Anna")
    coordinator_a2 = UserFactory(role="Coordinators", with_totp=True, institution=inst_a, full_name="Coord Arne")
    coordinator_b = UserFactory(role="Coordinators", with_totp=True, institution=inst_b, full_name="Coord Bea")
    advisor = UserFactory(role="Advisors", with_totp=True, institution=inst_a)
    counsellor = UserFactory(role="Counsellors", with_totp=True, institution=inst_a)
    administrator = UserFactory(role="Administrators", with_totp=True)
    trainee = UserFactory(role="Trainees", institution=inst_a)
    course_page = build_course(modules=2, quiz_on=(1,), title="Peer support basics")
    cohort = factories.CohortFactory(name="Autumn 2027", courses=[course_page.course])
    applicant_a = UserFactory(full_name="Applicant Alma", institution=inst_a, language="en")
    applicant_b = UserFactory(full_name="Applicant Bo", institution=inst_b, language="nb")
    applicant_c = UserFactory(full_name="Applicant Cid", institution=inst_c, language="en")
    outsider = UserFactory(full_name="Signed Up Only")
    app_a = factories.ApplicationFactory(cohort=cohort, user=applicant_a, institution=inst_a)
    app_b = factories.ApplicationFactory(cohort=cohort, user=applicant_b, institution=inst_b, language="nb")
    app_c = factories.ApplicationFactory(cohort=cohort, user=applicant_c, institution=inst_c, owner_institution=None)
    slot_a = factories.InterviewSlotFactory(institution=inst_a, coordinator=coordinator_a)
    slot_a2 = factories.InterviewSlotFactory(
        institution=inst_a, coordinator=coordinator_a, starts_at=timezone.now() + timedelta(days=4)
    )
    slot_b = factories.InterviewSlotFactory(institution=inst_b, coordinator=coordinator_b)
    note_a = factories.InterviewNoteFactory(application=app_a, author=coordinator_a, text=f"{SENTINEL} about Alma")
    return World(**locals())
