"""The names of home's own Wagtail hooks. The code that runs a hook and every app that registers for it import the
name from here, so a typo is an ImportError, not a hook that silently never runs. Payloads: docs/architecture.md.

Hooks of other apps live with the app that runs them: `courses.models.progress.PROGRESS_VISIBILITY_HOOK`,
`courses.outline.TRAINING_ACCESS_REFUSED_HOOK`, `certificates.hooks.RECONCILE_SOURCES_HOOK`,
`certificates.hooks.REMINDER_EXEMPT_HOLDERS_HOOK`.
"""

MY_PAGE_PANELS_HOOK = "construct_my_page_panels"  # (request, panels: list[Panel])
MY_PAGE_ROLE_LINKS_HOOK = "construct_my_page_role_links"  # (request, links: dict[role, list[RoleLink]])
HEADER_LINKS_HOOK = "construct_header_links"  # (request, links: list[dict]) for signed-in people; no queries
PUBLIC_HEADER_LINKS_HOOK = "construct_public_header_links"  # (request, links: list[dict]) for visitors
