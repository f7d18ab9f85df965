from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CertificateChoice


class ErasureRequestForm(forms.Form):
    certificate_choice = forms.ChoiceField(
        label=_("What should happen to your certificates?"),
        choices=CertificateChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happens to your certificates.")},
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be erased when the waiting period ends."),
        error_messages={"required": _("Tick the box to confirm that you want your account erased.")},
    )
