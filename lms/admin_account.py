"""Wagtail's own account page ("Account" in the admin) for this user model.

Wagtail's name panel edits `first_name` and `last_name` and requires both; our user has neither (`full_name`, the
legal name on certificates, and `preferred_name`). Its form was therefore never valid, so no preference on the page
(language, time zone, theme) could be saved. `AccountView` swaps that one panel for ours: the preferred name is
editable, the legal name is shown but changed only by an administrator (it is printed on certificates). The other
panels are Wagtail's. Mounted at Wagtail's URL and name (`wagtailadmin_account`) in lms/urls.py, with Wagtail's
`require_admin_access`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import account

from .models import User


class PreferredNameForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["preferred_name"]
        help_texts = {"preferred_name": _("What colleagues and the site call you. Leave empty to use your name.")}


class NameSettingsPanel(account.BaseSettingsPanel):
    name = "name_email"
    title = _("Name")
    order = 100
    form_class = PreferredNameForm
    template_name = "lms/admin/account_name_panel.html"

    def get_context_data(self):
        context = super().get_context_data()
        context["full_name"] = self.user.full_name
        return context


class AccountView(account.AccountView):
    def get_panels(self):
        panels = super().get_panels()
        return [
            NameSettingsPanel(self.request, self.request.user, panel.profile)
            if isinstance(panel, account.NameEmailSettingsPanel)
            else panel
            for panel in panels
        ]
