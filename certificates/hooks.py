"""The names of the certificates app's own Wagtail hooks, imported by the code that runs them and by every app that
registers for one (payloads: docs/architecture.md)."""

# () → iterable of reconcile sources (certificates.reconcile); supervision registers its engagement certificates.
RECONCILE_SOURCES_HOOK = "certificates_reconcile_sources"
# () → iterable of user ids who get no expiry reminders (certificates.lifecycle); privacy registers staying alumni.
REMINDER_EXEMPT_HOLDERS_HOOK = "certificates_reminder_exempt_holders"
