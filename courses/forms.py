import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Course

MAX_EMAILS = 500


class BulkEnrolmentForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.all())
    emails = forms.CharField(
        label=_("Email addresses"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One address per line (commas and spaces also separate addresses). At most 500."),
    )

    def clean_emails(self):
        emails = [item for item in re.split(r"[\s,;]+", self.cleaned_data["emails"]) if item]
        if not emails:
            raise forms.ValidationError(_("Enter at least one email address."))
        if len(emails) > MAX_EMAILS:
            raise forms.ValidationError(_("Enter at most %(max)s addresses at a time.") % {"max": MAX_EMAILS})
        return emails
