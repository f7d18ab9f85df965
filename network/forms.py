"""The short form an institution sends to ask about establishing peer support."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.antispam import SpamProtectedForm, single_line


class EstablishContactForm(SpamProtectedForm):
    stamp_salt = "network.contact"

    institution = forms.CharField(label=_("Institution"), max_length=150, validators=[single_line])
    name = forms.CharField(label=_("Your name"), max_length=100, validators=[single_line])
    email = forms.EmailField(label=_("Your email"), max_length=254)
    role = forms.CharField(
        label=_("Your role at the institution"),
        max_length=100,
        required=False,
        validators=[single_line],
        help_text=_("For example student counsellor, student welfare officer or student representative."),
    )
    message = forms.CharField(
        label=_("What would you like to know?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    field_order = ["institution", "name", "email", "role", "message"]

    def visible_fields(self):
        return [field for field in super().visible_fields() if not field.name.startswith("hp_")]
