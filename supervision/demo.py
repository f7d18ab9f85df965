"""Demo supervision: a group with the demo supporter and two more, held and planned sessions with attendance,
logged activity, and the demo supporter one step short of the engagement certificate (the period ends next week).

Idempotent: everything is looked up before it is created.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from lms import roles
from lms.models import Institution, User

from . import services
from .models import (
    ActivityLog,
    AdvisorProfile,
    EngagementPeriod,
    GroupMembership,
    Note,
    Session,
    SupervisionGroup,
    SupervisionSettings,
)

EXTRA_SUPPORTERS = [
    ("maja.supporter@example.org", "Maja Supporter Larsen", "Maja"),
    ("odin.supporter@example.org", "Odin Supporter Bakke", "Odin"),
]
GROUP_NAME = "OsloMet Tuesday group"
HELD = [
    # days ago, topic, attendance of (demo supporter, Maja, Odin)
    (150, "Getting started as a peer supporter", ("present", "present", "present")),
    (120, "Listening without fixing", ("present", "late", "present")),
    (95, "Boundaries and your own limits", ("excused", "present", "absent")),
    (70, "Confidentiality and the duty to report", ("present", "present", "present")),
    (45, "Referring on: SiO and the health services", ("late", "absent", "present")),
    (28, "Group conversations", ("present", "present", "excused")),
    (14, "Self-care in the busy season", ("present", "present", "present")),
]
PLANNED = [(3, "Looking back on the semester"), (17, "Handover and what comes next")]
ACTIVITY = [  # days ago, kind, minutes: 22 hours in all
    (140, "stand", 240),
    (120, "one_to_one", 90),
    (100, "social", 180),
    (80, "group", 120),
    (60, "one_to_one", 60),
    (45, "stand", 240),
    (30, "social", 150),
    (20, "one_to_one", 90),
    (10, "group", 150),
]


def _at(days: int, hour: int = 16, *, today=None) -> datetime:
    day = (today or timezone.localdate()) + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _tuesday(days: int, *, today=None) -> datetime:
    """The group's meeting (it is the Tuesday group): the Tuesday on or before a past day, on or after a future one."""
    today = today or timezone.localdate()
    shift = ((today + timedelta(days=days)).weekday() - 1) % 7  # Monday is 0, Tuesday 1
    return _at(days - shift if days < 0 else days + (7 - shift) % 7, today=today)


def _supporter(email, full_name, preferred, institution, password) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "preferred_name": preferred, "institution": institution}
    )
    if created:
        user.set_password(password)
        user.save()
    user.groups.add(Group.objects.get(name=roles.TRAINEES))
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def seed(context) -> None:
    advisor = User.objects.get(email="advisor@example.org")
    supporter = User.objects.get(email="supporter@example.org")
    oslomet = supporter.institution or Institution.objects.get(slug="oslomet")
    AdvisorProfile.objects.update_or_create(user=advisor, defaults={"is_lead": True})
    others = [_supporter(*row, oslomet, context.password) for row in EXTRA_SUPPORTERS]
    members = [supporter, *others]
    SupervisionSettings.current()  # create the settings row with the defaults (6 sessions, 20 hours)

    group, _ = SupervisionGroup.objects.get_or_create(name=GROUP_NAME, defaults={"institution": oslomet})
    group.advisors.add(advisor)
    for member in members:
        if not GroupMembership.objects.filter(group=group, supporter=member).exists():
            GroupMembership.objects.create(group=group, supporter=member, joined_at=_at(-170, 9))

    today = timezone.localdate()
    periods = {}
    for member in members:
        ends = today + timedelta(days=7) if member == supporter else today + timedelta(days=240)
        periods[member.pk], _ = EngagementPeriod.objects.get_or_create(
            supporter=member,
            status=EngagementPeriod.Status.ACTIVE,
            defaults={"institution": oslomet, "starts_on": today - timedelta(days=180), "ends_on": ends},
        )

    for days_ago, topic, statuses in HELD:
        session, created = Session.objects.get_or_create(
            advisor=advisor,
            topic=topic,
            defaults={
                "kind": "group",
                "group": group,
                "starts_at": _tuesday(-days_ago),
                "place": "OsloMet, P46 room 301",
            },
        )
        if created or not session.attendance.exists():
            services.attendance_record(
                session=session, statuses={m.pk: s for m, s in zip(members, statuses, strict=True)}, actor=advisor
            )
    for days_ahead, topic in PLANNED:
        Session.objects.get_or_create(
            advisor=advisor,
            topic=topic,
            defaults={
                "kind": "group",
                "group": group,
                "starts_at": _tuesday(days_ahead),
                "online_url": "https://meet.example.org/peer-support-tuesday",
            },
        )

    if not ActivityLog.objects.filter(supporter=supporter).exists():
        for days_ago, kind, minutes in ACTIVITY:
            ActivityLog.objects.create(
                supporter=supporter,
                engagement=periods[supporter.pk],
                date=today - timedelta(days=days_ago),
                kind=kind,
                duration_minutes=minutes,
            )
        for other in others:
            ActivityLog.objects.create(
                supporter=other,
                engagement=periods[other.pk],
                date=today - timedelta(days=5),
                kind="stand",
                duration_minutes=120,
            )
    if not Note.objects.filter(author=advisor).exists():
        services.note_create(
            author=advisor,
            supporter=supporter,
            text="Demo note: confident in groups; talk about ending the engagement well at the last session.",
        )

    period = EngagementPeriod.objects.with_progress(SupervisionSettings.current().rules()).get(
        pk=periods[supporter.pk].pk
    )
    missing = [str(item.label) for item in period.requirements() if not item.met]
    for email, *_ in EXTRA_SUPPORTERS:
        context.add_login(str(roles.ROLE_LABELS[roles.TRAINEES]), email, "supervision group member")
    context.add_note(
        f"Supervision: {GROUP_NAME} (advisor@example.org, a lead advisor) with supporter@ and two more; "
        f"supporter@ has {period.get_sessions_attended()} sessions and {period.activity_hours:g} h, "
        f"still missing: {', '.join(missing) or 'nothing'} (period ends {period.ends_on:%Y-%m-%d})."
    )
