"""allauth's login form in the site's words. Its own module: lms.forms is allauth's signup base class, so it cannot
import allauth.account.forms (which imports lms.forms) without a cycle."""

from allauth.account import forms as allauth_forms
from django.utils.translation import gettext_lazy as _


class LoginForm(allauth_forms.LoginForm):
    """allauth's login form in the site's words: "Remember me", and no "Forgot your password?" link inside the
    password field's help text (templates/account/login.html puts it after the fields)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = _("Remember me")
