"""Wagtail permission policy for the models that decide who supervises whom.

Adding and changing advisor assignments and supervision groups follow the authority rule in `supervision.access`
(decision 0056), not model permissions, so a role's permission checkboxes cannot give an ordinary advisor the power
to widen their own set of supporters. Viewing and deleting stay with model permissions (only Administrators hold
delete), always inside the rule's scope for a particular object.
"""

from __future__ import annotations

from wagtail.permission_policies import ModelPermissionPolicy

from . import access


class AuthorityPermissionPolicy(ModelPermissionPolicy):
    MANAGE_ACTIONS = frozenset({"add", "change"})

    def user_has_permission(self, user, action):
        if action in self.MANAGE_ACTIONS:
            return access.manages_people(user)
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def _manageable(self, user):
        return self.model._default_manager.all().manageable_by(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action in {"change", "delete"}:
            return self._manageable(user).filter(pk=instance.pk).exists()
        return True

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return self.model._default_manager.none()
        if action in {"change", "delete"}:
            return self._manageable(user)
        return super().instances_user_has_permission_for(user, action)
