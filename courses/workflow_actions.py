"""Wagtail's WAGTAIL_FINISH_WORKFLOW_ACTION for this project (imported while wagtail.models loads: no model imports)."""


def publish_approved_workflow_state(workflow_state, user=None):
    """Publish the approved revision without checking the approver's own publish permission.

    Wagtail calls this only after every task of the workflow approved (WorkflowState.finish); the approval is the
    permission. Wagtail's default (wagtail.workflows.publish_workflow_state) would refuse a counsellor reviewer,
    who deliberately has no direct publish permission (docs/decisions/0034).
    """
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
