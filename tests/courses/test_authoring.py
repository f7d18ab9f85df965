"""Counsellors' page permissions on the training tree and the "Counsellor review" workflow."""

from django.urls import reverse
from wagtail.models import Page, WorkflowState

from courses.authoring import WORKFLOW_NAME
from courses.models import ModulePage, PeerReviewTask
from tests.courses.factories import build_course, training_index
from tests.lms.factories import UserFactory


def submit_for_review(page, user):
    revision = page.save_revision(user=page.owner or user)
    revision.user = user
    revision.save()
    workflow = page.get_workflow()
    return workflow.start(page, user)


def test_training_index_gets_the_review_workflow(db):
    assert training_index().get_workflow().name == WORKFLOW_NAME


def test_counsellor_can_edit_but_not_publish_training_pages(db, counsellor):
    course = build_course(modules=1)
    module = ModulePage.objects.child_of(course).first()
    permissions = module.permissions_for_user(counsellor)
    assert (permissions.can_edit(), permissions.can_publish()) == (True, False)
    assert course.permissions_for_user(counsellor).can_add_subpage()


def test_counsellor_cannot_edit_pages_outside_training(db, counsellor):
    home = training_index().get_parent()
    assert not Page.objects.get(pk=home.pk).permissions_for_user(counsellor).can_edit()


def test_author_cannot_approve_own_page(db, counsellor):
    course = build_course(modules=1)
    module = ModulePage.objects.child_of(course).first()
    state = submit_for_review(module, counsellor)
    task = state.current_task_state.task.specific
    assert isinstance(task, PeerReviewTask)
    module.refresh_from_db()
    assert task.get_actions(module, counsellor) == []


def test_second_counsellor_can_approve_and_publish(db, counsellor):
    course = build_course(modules=1)
    module = ModulePage.objects.child_of(course).first()
    module.title = "Reviewed title"
    state = submit_for_review(module, counsellor)
    reviewer = UserFactory(role="Counsellors", with_totp=True)
    task = state.current_task_state.task.specific
    module.refresh_from_db()
    assert [name for name, _label, _modal in task.get_actions(module, reviewer)][:2] == ["reject", "approve"]
    task.on_action(state.current_task_state, reviewer, "approve")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert ModulePage.objects.get(pk=module.pk).title == "Reviewed title"


def test_author_posting_approve_is_refused(client, db, counsellor):
    course = build_course(modules=1)
    module = ModulePage.objects.child_of(course).first()
    state = submit_for_review(module, counsellor)
    client.force_login(counsellor)
    url = reverse("wagtailadmin_pages:workflow_action", args=[module.pk, "approve", state.current_task_state.pk])
    client.post(url, {})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_review_queue_hides_own_submissions(db, counsellor):
    course = build_course(modules=1)
    module = ModulePage.objects.child_of(course).first()
    state = submit_for_review(module, counsellor)
    task = state.current_task_state.task.specific
    reviewer = UserFactory(role="Counsellors", with_totp=True)
    assert list(task.get_task_states_user_can_moderate(counsellor)) == []
    assert list(task.get_task_states_user_can_moderate(reviewer)) == [state.current_task_state]
