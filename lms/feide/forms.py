"""The sign-up form allauth shows after a Feide login when it cannot sign the person up by itself (no name or no
email address from Feide): our usual fields, without the institution, which comes from the Feide realm."""

from allauth.socialaccount.forms import SignupForm

from .claims import full_name_of, merged_claims


class FeideSignupForm(SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("institution", None)
        if not self.initial.get("full_name"):
            self.initial["full_name"] = full_name_of(merged_claims(self.sociallogin.account.extra_data or {}))

    def signup(self, request, user):
        # The institution was set from the realm (lms.feide.adapter.populate_user); keep it.
        user.full_name = self.cleaned_data["full_name"]
        user.preferred_name = self.cleaned_data["preferred_name"]
        user.language = self.cleaned_data["language"]
        user.save()
