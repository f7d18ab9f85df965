"""Demo users, one per role, all with the development-only demo password."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from . import roles
from .models import Institution, User

DEMO_USERS = [
    # email, full name, preferred name, role, institution slug
    ("trainee@example.org", "Ingrid Trainee Hansen", "Ingrid", roles.TRAINEES, "uio"),
    ("supporter@example.org", "Amir Supporter Nilsen", "Amir", roles.TRAINEES, "oslomet"),
    ("counsellor@example.org", "Kari Counsellor Berg", "Kari", roles.COUNSELLORS, None),
    ("advisor@example.org", "Jonas Advisor Lie", "Jonas", roles.ADVISORS, None),
    ("coordinator@example.org", "Sofie Coordinator Dahl", "Sofie", roles.COORDINATORS, "oslomet"),
    ("admin@example.org", "Erik Administrator Moe", "Erik", roles.ADMINISTRATORS, None),
]


def seed(context) -> None:
    for email, full_name, preferred_name, role, slug in DEMO_USERS:
        institution = Institution.objects.filter(slug=slug).first() if slug else None
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"full_name": full_name, "preferred_name": preferred_name, "institution": institution},
        )
        if created:
            user.set_password(context.password)
            user.save()
        user.groups.add(Group.objects.get(name=role))
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        context.add_login(str(roles.ROLE_LABELS[role]), email)
