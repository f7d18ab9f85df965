from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Course
from lms.models import User

from .services import MAX_NAME_LENGTH, MAX_REASON_LENGTH


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_REASON_LENGTH,
        help_text=_("Required. It is recorded in the history and shown on the public verify page."),
        error_messages={"required": _("Give a reason: it is recorded and shown where the status is shown.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason: it is recorded and shown where the status is shown."))
        return reason


class CorrectNameForm(forms.Form):
    holder_name = forms.CharField(
        label=_("Holder's full legal name"),
        max_length=MAX_NAME_LENGTH,
        error_messages={"required": _("Enter the holder's full legal name.")},
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_REASON_LENGTH,
        required=False,
    )

    def clean_holder_name(self):
        name = " ".join(self.cleaned_data["holder_name"].split())
        if not name:
            raise forms.ValidationError(_("Enter the holder's full legal name."))
        return name


class ManualIssueForm(forms.Form):
    holder_email = forms.EmailField(label=_("Holder's email address"))
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.all())
    reason = forms.CharField(
        label=_("Why is this certificate issued by hand?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_REASON_LENGTH,
        help_text=_("Issuing by hand is an audited exception; the reason is recorded."),
        error_messages={"required": _("Issuing a certificate by hand is an exception: give a reason.")},
    )

    def __init__(self, *args, holders=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.holders = holders if holders is not None else User.objects.none()

    def clean_holder_email(self):
        email = User.normalize_email_address(self.cleaned_data["holder_email"])
        holder = self.holders.filter(email=email).first()
        if holder is None:
            raise forms.ValidationError(_("No person with this email address at an institution you manage."))
        self.holder = holder
        return email


class ZipForm(forms.Form):
    LEAVE_OUT = "leave_out"
    MARK = "mark"

    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.all())
    ended = forms.ChoiceField(
        label=_("Revoked and withdrawn certificates"),
        choices=[
            (LEAVE_OUT, _("Leave them out of the ZIP")),
            (MARK, _("Include them, marked in the file name and listed in STATUS.txt")),
        ],
        widget=forms.RadioSelect,
        help_text=_("Suspended certificates are always included and marked."),
    )
