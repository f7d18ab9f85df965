from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """The person's rights over their data across every app: export, erasure, retention.

    The top layer: it reads the models of every app below it (lms, courses, certificates, supervision, recruitment)
    and none of them imports it (docs/decisions/0110-personal-data-export.md)."""

    name = "privacy"
    verbose_name = _("Privacy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_save

        from certificates.models import Certificate
        from lms.signals import user_erased

        from . import receivers

        user_erased.connect(receivers.erase_person_data, dispatch_uid="privacy.erase_person_data")
        pre_save.connect(receivers.refuse_certificate_for_erased, sender=Certificate, dispatch_uid="privacy.cert_guard")
