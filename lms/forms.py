"""Account forms: the extra fields people give when they sign up or edit their profile."""

from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

from .feide.adapter import institution_locked
from .models import Institution, User


class SignupForm(forms.Form):
    """Extra signup fields; allauth adds email and password and calls `signup()` after creating the user."""

    full_name = forms.CharField(
        label=_("Full legal name"),
        max_length=150,
        help_text=_("As it should appear on your certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    preferred_name = forms.CharField(
        label=_("Preferred name"),
        max_length=80,
        required=False,
        help_text=_("Optional. What you would like us to call you."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.filter(is_active=True),
        required=False,
        empty_label=_("Choose your institution"),
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=User.Language.choices, initial="en")

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Enter your full legal name."))
        return name

    def clean_preferred_name(self):
        return " ".join(self.cleaned_data.get("preferred_name", "").split())

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.preferred_name = self.cleaned_data["preferred_name"]
        user.institution = self.cleaned_data["institution"]
        user.language = self.cleaned_data["language"]
        user.save()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "preferred_name", "institution", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        if self.instance.pk and institution_locked(self.instance):
            # Set from the Feide realm at each Feide login; a disabled field ignores whatever is posted.
            self.fields["institution"].disabled = True
            self.fields["institution"].help_text = _("Set by your Feide login.")

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Enter your full legal name."))
        return name


class AdminUserFormMixin:
    """What administrators see when they add or edit a person in the Wagtail admin.

    Our user model has no first/last name: the legal name is one field, as certificates print it. Passwords are never
    set here (WAGTAILUSERS_PASSWORD_ENABLED = False): a person sets their own through allauth's password reset.
    """

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Enter the person's full legal name."))
        return name

    def clean_email(self):
        email = User.normalize_email_address(self.cleaned_data["email"])
        others = User.objects.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another account already uses this email address."))
        return email


ADMIN_USER_FIELDS = {"email", "full_name", "preferred_name", "institution", "language", "is_superuser", "groups"}


class AdminUserCreationForm(AdminUserFormMixin, WagtailUserCreationForm):
    first_name = None
    last_name = None

    class Meta(WagtailUserCreationForm.Meta):
        fields = ADMIN_USER_FIELDS

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user


class AdminUserEditForm(AdminUserFormMixin, WagtailUserEditForm):
    first_name = None
    last_name = None

    class Meta(WagtailUserEditForm.Meta):
        fields = ADMIN_USER_FIELDS | {"is_active"}


def _second_factor_field():
    return forms.CharField(
        label=_("Authenticator code"),
        help_text=_("The six-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class MFAAuthenticateForm(AuthenticateForm):
    """allauth's second step of the login, with a label that says which code is meant."""

    code = _second_factor_field()


class MFAReauthenticateForm(ReauthenticateForm):
    code = _second_factor_field()
