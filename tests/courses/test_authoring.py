"""Counsellors' page permissions on the training tree and the "Counsellor review" workflow."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, WorkflowState

from courses.authoring import COUNSELLOR_PAGE_PERMISSIONS, WORKFLOW_NAME
from courses.models import ModulePage, PeerReviewTask
from lms import roles
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


def test_courses_grants_counsellors_no_publish_permission_on_training(db):
    index = training_index()
    granted = GroupPagePermission.objects.filter(group__name=roles.COUNSELLORS, page=index)
    assert set(granted.values_list("permission__codename", flat=True)) == set(COUNSELLOR_PAGE_PERMISSIONS)


def grant_publish_on_site_root():
    """What another app may grant counsellors for the site's other pages (home does: publish at the root)."""
    permission = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.get_or_create(
        group=Group.objects.get(name=roles.COUNSELLORS), page=Page.get_first_root_node(), permission=permission
    )


@pytest.mark.parametrize("level", ["index", "course", "module"])
def test_publish_rights_from_higher_up_do_not_let_a_counsellor_publish_training(db, counsellor, level):
    grant_publish_on_site_root()
    course = build_course(modules=1)
    page = {"index": training_index(), "course": course, "module": ModulePage.objects.child_of(course).first()}[level]
    permissions = Page.objects.get(pk=page.pk).permissions_for_user(counsellor)
    assert (permissions.can_publish(), permissions.can_unpublish(), permissions.can_publish_subpage()) == (
        False,
        False,
        False,
    )


def test_administrator_may_publish_training_directly(db, administrator):
    course = build_course(modules=1)
    module = ModulePage.objects.child_of(course).first()
    assert module.permissions_for_user(administrator).can_publish()


def test_counsellor_edit_view_offers_no_publish_button(client, db, counsellor):
    grant_publish_on_site_root()
    course = build_course(modules=1)
    module = ModulePage.objects.child_of(course).first()
    client.force_login(counsellor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).content.decode()
    assert 'name="action-publish"' not in html and "Submit to Counsellor review" in html


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
