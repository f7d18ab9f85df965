"""The one admin menu item that shows only to whom it concerns (used by every app's wagtail_hooks)."""

from __future__ import annotations

from collections.abc import Callable

from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """A menu item shown when `check(user)` is true: pass the same rule the view applies (a permission test such
    as `lambda user: user.has_perm("app.codename")`, or a rule function like `courses.models.can_view_progress`),
    so the menu never offers what the view refuses."""

    def __init__(self, *args, check: Callable[..., bool], **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request):
        return bool(self.check(request.user))
