"""The "Counsellor review" workflow step: a second counsellor approves before a training page is published.

Wagtail's GroupApprovalTask lets any member of the group approve, including the person who submitted the page
(checked in Wagtail 8.0.1: `get_actions` looks at group membership only). This task refuses the approve and
reject actions to whoever requested the review and to the author of the revision under review.

Who may review (the one rule, docs/decisions/0036-who-approves-a-review.md): a member of the task's groups
(Counsellors) or an Administrator (or superuser), and never the requester or the revision's author. Administrators
are the stand-in when the only other counsellor is away; an administrator who wrote the page cannot approve it either.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

from lms import roles


class PeerReviewTask(AbstractGroupApprovalTask):
    class Meta:
        verbose_name = _("Peer review task")
        verbose_name_plural = _("Peer review tasks")

    @classmethod
    def get_description(cls):
        return _("A member of the chosen groups other than the author approves")

    @staticmethod
    def _authors(obj) -> set[int]:
        state = getattr(obj, "current_workflow_state", None)
        if state is None:
            return set()
        authors = {state.requested_by_id}
        task_state = state.current_task_state
        if task_state is not None and task_state.revision_id:
            authors.add(task_state.revision.user_id)
        return {author for author in authors if author is not None}

    def _user_in_groups(self, user):
        """Wagtail asks this for the editor, lock, actions and review queue: Administrators count as reviewers."""
        return super()._user_in_groups(user) or (user.is_authenticated and user.has_role(roles.ADMINISTRATORS))

    def user_may_review(self, obj, user) -> bool:
        """The rule: a reviewer (counsellor, administrator, superuser) who neither requested nor wrote it."""
        if not user.is_authenticated or user.pk in self._authors(obj):
            return False
        return user.is_superuser or self._user_in_groups(user)

    def get_actions(self, obj, user):
        if not self.user_may_review(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)
