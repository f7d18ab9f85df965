"""Forms: every one treats its input as hostile (choices are re-checked, lengths bounded, nothing trusted)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.bounds import validate_single_line
from lms.models import Institution

from .models import MOTIVATION_MAX_LENGTH, NOTE_MAX_LENGTH, Application, Cohort, InterviewSlot

OTHER = "other"


class ApplicationForm(forms.Form):
    """ "Become a peer supporter". The programme's rules are checked here with a kind explanation."""

    cohort = forms.ModelChoiceField(
        label=_("Intake"),
        queryset=Cohort.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the intakes shown.")},
    )
    full_name = forms.CharField(label=_("Your name"), max_length=150)
    institution = forms.ChoiceField(
        label=_("Where you study"),
        error_messages={"invalid_choice": _("Choose your institution from the list, or “Another institution”.")},
    )
    institution_other = forms.CharField(
        label=_("Name of your institution"),
        max_length=150,
        required=False,
        help_text=_("Only if you chose “Another institution”."),
    )
    study_programme = forms.CharField(label=_("Study programme"), max_length=150)
    student_for = forms.ChoiceField(
        label=_("How long have you been a student?"), choices=Application.StudentFor.choices
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours per week you can give"), min_value=1, max_value=40, help_text=_("Between 1 and 40.")
    )
    semesters = forms.ChoiceField(label=_("Which semesters"), choices=Application.Semesters.choices)
    time_of_day = forms.ChoiceField(label=_("Daytime or evening"), choices=Application.TimeOfDay.choices)
    languages = forms.CharField(
        label=_("Languages you can support fellow students in"),
        max_length=200,
        help_text=_("For example: Norwegian, English, Arabic."),
    )
    motivation = forms.CharField(
        label=_("Why would you like to be a peer supporter?"),
        max_length=MOTIVATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few sentences are enough (at most %(max)s characters).") % {"max": MOTIVATION_MAX_LENGTH},
    )
    consent = forms.BooleanField(label=_("I agree"), required=True)

    def __init__(self, *args, cohorts, retention_days: int, feide_institution: Institution | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts
        institutions = list(Institution.objects.filter(is_active=True).order_by("name"))
        self._institutions = {institution.slug: institution for institution in institutions}
        self.fields["institution"].choices = [
            ("", _("Choose…")),
            *[(institution.slug, institution.name) for institution in institutions],
            (OTHER, _("Another institution")),
        ]
        if feide_institution is not None and feide_institution.slug in self._institutions:
            # Applying with Feide connected: the institution is the one Feide gave (lms/feide); whatever is posted
            # for a disabled field is ignored.
            self.initial["institution"] = feide_institution.slug
            self.fields["institution"].disabled = True
            self.fields["institution"].help_text = _("Set by your Feide login.")
        self.fields["consent"].help_text = _(
            "The coordinators of the programme may process what you write here to handle your application. "
            "We keep it until %(days)s days after your application is closed (accepted, declined or withdrawn), "
            "then delete it, together with the notes from your interview."
        ) % {"days": retention_days}
        self.fields["consent"].label = _("I agree to the processing of my application as described")
        self.fields["consent"].error_messages["required"] = _(
            "We can only handle your application with your consent. Tick the box to agree."
        )

    def clean_institution(self):
        value = self.cleaned_data["institution"]
        if value == OTHER:
            return None
        if value not in self._institutions:
            raise forms.ValidationError(_("Choose your institution from the list, or “Another institution”."))
        return self._institutions[value]

    def clean_student_for(self):
        value = self.cleaned_data["student_for"]
        if value == Application.StudentFor.UNDER_ONE:
            raise forms.ValidationError(
                _(
                    "Thank you for wanting to help! Peer supporters have studied for at least a year, so that they "
                    "know student life well enough to support others. You are very welcome to apply for a later "
                    "intake once you have been a student for a year."
                ),
                code="too_new",
            )
        return value

    def clean(self):
        cleaned = super().clean()
        if "institution" in cleaned and cleaned["institution"] is None:
            other = (cleaned.get("institution_other") or "").strip()
            if not other:
                self.add_error("institution_other", _("Write the name of your institution."))
            cleaned["institution_other"] = other
        elif "institution" in cleaned:
            cleaned["institution_other"] = ""
        return cleaned

    def application_data(self) -> dict:
        data = dict(self.cleaned_data)
        for key in ("cohort", "consent"):
            data.pop(key, None)
        return data


class SlotForm(WagtailAdminModelForm):
    """A coordinator offers an interview time (admin)."""

    video_url = forms.URLField(label=_("video link"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = InterviewSlot
        fields = ["starts_at", "duration_minutes", "place", "video_url"]

    def clean_video_url(self):
        value = self.cleaned_data["video_url"]
        if value and not value.startswith("https://"):
            raise forms.ValidationError(_("Use an https:// video link."))
        return value

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return value

    def clean_place(self):
        place = self.cleaned_data.get("place", "")
        validate_single_line(place)  # it becomes a calendar LOCATION line (lms.bounds)
        return place

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("place") and not cleaned.get("video_url"):
            raise forms.ValidationError(_("Give a place or a video link."))
        return cleaned


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=Application.Stage.choices)


class AcceptForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Supervision group (optional)"), queryset=None, required=False, empty_label=_("Not yet")
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Interview note"), max_length=NOTE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5})
    )


class BookForForm(forms.Form):
    slot = forms.ModelChoiceField(label=_("Interview time"), queryset=InterviewSlot.objects.none(), empty_label=None)

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots
