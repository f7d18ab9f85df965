"""Who writes training content and how it is reviewed. See docs/decisions/0034-authoring-and-review.md.

Counsellors may add and change pages under a training index, but not publish: publishing goes through the
"Counsellor review" workflow, whose PeerReviewTask a second counsellor approves (never the author).
Administrators keep publish rights on the whole site (lms/migrations/0003_roles).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from lms import roles

from .models import PeerReviewTask

WORKFLOW_NAME = "Counsellor review"
TASK_NAME = "Second counsellor approves"
COUNSELLOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]


@transaction.atomic
def review_workflow_ensure() -> Workflow:
    """The "Counsellor review" workflow with its one peer-review task (idempotent)."""
    counsellors = Group.objects.get(name=roles.COUNSELLORS)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = PeerReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = PeerReviewTask.objects.create(name=TASK_NAME)
    task.groups.add(counsellors)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


@transaction.atomic
def training_index_set_up(*, index) -> None:
    """Give Counsellors the training tree under `index` and assign the review workflow to it (idempotent)."""
    counsellors = Group.objects.get(name=roles.COUNSELLORS)
    for codename in COUNSELLOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=counsellors, page_id=index.pk, permission=permission)
    workflow = review_workflow_ensure()
    WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})


__all__ = ["review_workflow_ensure", "training_index_set_up", "WORKFLOW_NAME"]
