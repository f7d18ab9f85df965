"""Audit Feide connections, and set the institution when a signed-in person connects Feide."""

from allauth.socialaccount import signals
from allauth.socialaccount.models import SocialAccount
from django.dispatch import receiver

from lms.audit import audit_record
from lms.models import FeideRealm, InstitutionClaim
from lms.signals import user_erased

from . import PROVIDER_ID
from .claims import merged_claims, realm_of


@receiver(signals.social_account_added)
def feide_connected(sender, request, sociallogin, **kwargs):
    if sociallogin.account.provider != PROVIDER_ID:
        return
    user = sociallogin.user
    institution = FeideRealm.objects.institution_for(realm_of(merged_claims(sociallogin.account.extra_data or {})))
    if institution is not None and user.institution_id != institution.pk:
        user.institution = institution
        user.save(update_fields=["institution"])
    audit_record(action="feide.connected", actor=user, request=request, obj=user)


@receiver(signals.social_account_removed)
def feide_disconnected(sender, request, socialaccount, **kwargs):
    if socialaccount.provider == PROVIDER_ID:
        audit_record(action="feide.disconnected", actor=socialaccount.user, request=request, obj=socialaccount.user)


@receiver(user_erased)
def forget_feide_identity(sender, user, **kwargs):
    """Erasing a person removes their Feide connection: its uid and claims (name, email, Feide user name) are
    personal data, and a later Feide login of theirs must not find the erased placeholder."""

    SocialAccount.objects.filter(user=user).delete()
    # The realm they logged in from and the institution they named (lms.feide.pending) go with it.
    InstitutionClaim.objects.filter(user=user).delete()
