"""Who may approve a "Counsellor review" (docs/decisions/0036): a second counsellor, or an administrator when the
other counsellor is away; never the submitter or author, whatever their role. And an approval with a schedule is
published by the periodic job, not by hand (lms/periodic.py)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, WorkflowState

from courses.models import ModulePage
from lms.models import User
from lms.periodic import job_named, run_job
from tests.courses.factories import add_module, build_course
from tests.lms.factories import UserFactory

ROLES = {
    # role: may approve someone else's submission
    "Trainees": False,
    "Counsellors": True,
    "Advisors": False,
    "Coordinators": False,
    "Administrators": True,
}


def submitted_module(author, *, new=False, **fields):
    """A module with a revision by `author` submitted to review; `new`: never live before."""
    course = build_course(modules=0)
    module = add_module(course, title="Draft module")
    if new:
        module.unpublish()
    module.title = "Reviewed module"
    for name, value in fields.items():
        setattr(module, name, value)
    module.save_revision(user=author)
    state = module.get_workflow().start(module, author)
    module.refresh_from_db()
    return module, state


def approve_through_the_admin(client, user, module, state):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=[module.pk, "approve", state.current_task_state.pk])
    response = client.post(url, {})
    state.refresh_from_db()
    return response


@pytest.mark.parametrize(("role", "allowed"), ROLES.items())
def test_each_role_may_or_may_not_approve_a_colleagues_submission(client, db, counsellor, role, allowed):
    module, state = submitted_module(counsellor)
    reviewer = UserFactory(role=role, with_totp=role != "Trainees")
    task = state.current_task_state.task.specific
    assert task.user_may_review(module, reviewer) is allowed
    assert bool(task.get_actions(module, reviewer)) is allowed
    assert (state.current_task_state in task.get_task_states_user_can_moderate(reviewer)) is allowed
    approve_through_the_admin(client, reviewer, module, state)
    assert (state.status == WorkflowState.STATUS_APPROVED) is allowed
    assert ModulePage.objects.get(pk=module.pk).title == ("Reviewed module" if allowed else "Draft module")


@pytest.mark.parametrize("role", ["Counsellors", "Administrators"])
def test_nobody_approves_their_own_submission(client, db, role):
    author = UserFactory(role=role, with_totp=True)
    module, state = submitted_module(author)
    task = state.current_task_state.task.specific
    assert task.user_may_review(module, author) is False
    assert task.get_actions(module, author) == []
    approve_through_the_admin(client, author, module, state)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_an_administrator_who_wrote_the_revision_cannot_approve_a_counsellors_submission(client, db, counsellor):
    administrator = UserFactory(role="Administrators", with_totp=True)
    module, state = submitted_module(counsellor)
    revision = state.current_task_state.revision
    revision.user = administrator
    revision.save()
    module.refresh_from_db()
    task = state.current_task_state.task.specific
    assert task.user_may_review(module, administrator) is False


def test_superuser_may_approve_unless_author(db, counsellor):
    superuser = UserFactory(is_superuser=True, with_totp=True)
    module, state = submitted_module(counsellor)
    task = state.current_task_state.task.specific
    assert task.user_may_review(module, superuser) is True
    own_module, own_state = submitted_module(superuser)
    assert own_state.current_task_state.task.specific.user_may_review(own_module, superuser) is False


def test_anonymous_may_not_review(db, counsellor):
    module, state = submitted_module(counsellor)
    assert state.current_task_state.task.specific.user_may_review(module, AnonymousUser()) is False


def test_an_approval_with_a_schedule_is_published_by_the_periodic_job(client, db, counsellor):
    module, state = submitted_module(counsellor, new=True, go_live_at=timezone.now() + timedelta(minutes=1))
    reviewer = UserFactory(role="Counsellors", with_totp=True)
    approve_through_the_admin(client, reviewer, module, state)
    assert state.status == WorkflowState.STATUS_APPROVED
    module.refresh_from_db()
    assert module.live is False
    scheduled = Revision.page_revisions.get(object_id=str(module.pk), approved_go_live_at__isnull=False)

    job = job_named("publish_scheduled")
    cache.delete(job.lock_key)
    assert run_job(job) is True
    module.refresh_from_db()
    assert module.live is False, "published before its time"

    # the minute passes (moved back rather than waited for; Wagtail reads both the column and the revision content)
    past = timezone.now() - timedelta(seconds=1)
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.approved_go_live_at = past
    scheduled.save(update_fields=["content", "approved_go_live_at"])
    assert run_job(job) is True
    module.refresh_from_db()
    assert (module.live, module.title) == (True, "Reviewed module")
    published_at = module.last_published_at

    assert run_job(job) is True  # idempotent: a second run publishes nothing again
    module.refresh_from_db()
    assert module.last_published_at == published_at


def test_the_seeded_demo_review_can_be_completed(client, db):
    """seed_demo's two counsellors: one submits, the other approves, and the module is live."""

    call_command("seed_demo", stdout=StringIO())
    kari, lars = User.objects.get(email="counsellor@example.org"), User.objects.get(email="counsellor2@example.org")
    module = ModulePage.objects.live().first()
    module.title = "Edited by Kari"
    module.save_revision(user=kari)
    state = module.get_workflow().start(module, kari)
    module.refresh_from_db()
    approve_through_the_admin(client, lars, module, state)
    assert state.status == WorkflowState.STATUS_APPROVED
    assert ModulePage.objects.get(pk=module.pk).title == "Edited by Kari"
