"""Demo recruitment: an open intake with applicants in every stage and interview times (some booked), and an earlier
cohort holding the existing demo trainees.

Idempotent: everything is looked up before it is created. Applicants go through the services (so stages, bookings
and acceptance are what the real pipeline makes), with emails sent to the console like every demo email.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from courses.models import Course
from lms import roles
from lms.models import Institution, User

from . import services
from .models import Application, Cohort, CohortMember, InterviewSlot

OPEN_COHORT = "Autumn intake (demo)"
PAST_COHORT = "Spring intake (demo, in training)"
# email, name, institution slug, stage to reach
APPLICANTS = [
    ("applicant@example.org", "Sara Applicant Berg", "oslomet", "new"),
    ("planned.applicant@example.org", "Jonas Applicant Lie", "oslomet", "interview_planned"),
    ("interviewed.applicant@example.org", "Mina Applicant Dahl", "oslomet", "interviewed"),
    ("accepted.applicant@example.org", "Ali Applicant Haug", "oslomet", "accepted"),
    ("waiting.applicant@example.org", "Eva Applicant Moe", "oslomet", "waiting_list"),
    ("declined.applicant@example.org", "Per Applicant Vik", "oslomet", "declined"),
    ("withdrawn.applicant@example.org", "Lea Applicant Strand", "oslomet", "withdrawn"),
    ("shared.applicant@example.org", "Noah Applicant Aas", "uio", "new"),  # UiO has no demo coordinator
]
SLOT_DAYS = [(2, 10), (2, 14), (3, 11), (3, 15), (4, 10), (5, 15), (6, 9), (7, 13)]


def _at(days: int, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), time(hour, 0)))


def _person(email, full_name, institution, password) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"full_name": full_name, "preferred_name": full_name.split(" ")[0], "institution": institution},
    )
    if created:
        user.set_password(password)
        user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _data(user, institution) -> dict:
    return {
        "full_name": user.full_name,
        "institution": institution,
        "institution_other": "",
        "study_programme": "Social work",
        "student_for": Application.StudentFor.TWO_TO_THREE,
        "hours_per_week": 4,
        "semesters": Application.Semesters.BOTH,
        "time_of_day": Application.TimeOfDay.EVENING,
        "languages": "Norwegian, English",
        "motivation": "I remember how lonely my first semester was, and I would like to be there for others.",
    }


def _walk(application: Application, stage: str, coordinator, slots) -> None:
    """Take an application from "new" to `stage` the way the pipeline would."""
    if stage == "new" or application.stage == stage:
        return
    if stage in ("interview_planned", "interviewed", "accepted", "waiting_list", "declined"):
        free = next(slot for slot in slots if slot.application_id is None)
        services.slot_book(slot=free, application=application, actor=application.user)
        application.refresh_from_db()
    if stage == "interview_planned":
        return
    if stage == "withdrawn":
        services.application_withdraw(application=application, user=application.user)
        return
    # The interview is "held": move the booked slot into the past so the listing reads naturally.
    InterviewSlot.objects.filter(application=application).update(starts_at=_at(-3, 12))
    services.application_move(application=application, stage="interviewed", actor=coordinator)
    if stage == "interviewed":
        return
    if stage == "accepted":
        services.application_accept(application=application, actor=coordinator)
    else:
        services.application_move(application=application, stage=stage, actor=coordinator)


def seed(context) -> None:
    coordinator = User.objects.get(email="coordinator@example.org")
    courses = list(Course.objects.filter(page__isnull=False))
    today = timezone.localdate()

    past, _ = Cohort.objects.get_or_create(
        name=PAST_COHORT,
        defaults={
            "intake_opens_on": today - timedelta(days=240),
            "intake_closes_on": today - timedelta(days=200),
            "training_deadline": today - timedelta(days=60),
        },
    )
    past.courses.set(courses)
    for trainee in User.objects.filter(groups__name=roles.TRAINEES).exclude(applications__isnull=False):
        CohortMember.objects.get_or_create(cohort=past, user=trainee)

    cohort, _ = Cohort.objects.get_or_create(
        name=OPEN_COHORT,
        defaults={
            "intake_opens_on": today - timedelta(days=14),
            "intake_closes_on": today + timedelta(days=60),
            "training_deadline": today + timedelta(days=150),
        },
    )
    cohort.courses.set(courses)

    slots = list(InterviewSlot.objects.filter(coordinator=coordinator).order_by("starts_at"))
    if not slots:
        for number, (days, hour) in enumerate(SLOT_DAYS):
            place = (
                {"place": "OsloMet, P46 room 210"}
                if number % 2 == 0
                else {"video_url": "https://meet.example.org/interview"}
            )
            slots.append(
                services.slot_offer(actor=coordinator, starts_at=_at(days, hour), duration_minutes=30, **place)
            )

    for email, name, slug, stage in APPLICANTS:
        institution = Institution.objects.get(slug=slug)
        user = _person(email, name, institution, context.password)
        application = Application.objects.filter(cohort=cohort, user=user).first()
        if application is None:
            application = services.application_submit(
                user=user, cohort=cohort, data=_data(user, institution), language="nb"
            )
            _walk(application, stage, coordinator, slots)
        context.add_login("Applicant", email, f"application: {Application.Stage(stage).label}")

    context.add_note(
        f"Recruitment: {OPEN_COHORT} is open; coordinator@example.org (OsloMet) sees the pipeline in the admin "
        f"(Recruitment → Applications) with an applicant in every stage, plus UiO's in the shared queue; "
        f"applicant@example.org can book one of the free interview times."
    )
