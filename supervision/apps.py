from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Supervision")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from lms.signals import user_erased

        from . import receivers
        from .models import AdvisorAssignment, SupervisionGroup
        from .permissions import AuthorityPermissionPolicy

        # Adding and changing who supervises whom follow the authority rule, not model permissions (decision 0056).
        for model in (AdvisorAssignment, SupervisionGroup):
            register_permission_policy(model, AuthorityPermissionPolicy(model), exact_class=True)
        user_erased.connect(receivers.scrub_erased_user, dispatch_uid="supervision.scrub_erased_user")
