"""Forms of the supervision screens. Business rules stay in models and services; forms ask and explain."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.bounds import validate_single_line
from lms.models import Institution

from . import access
from .models import ActivityLog, AdvisorAssignment, Attendance, EngagementPeriod, Session, SupervisionGroup
from .models.engagement import MAX_ACTIVITY_MINUTES
from .models.sessions import https_only


class SessionForm(WagtailAdminModelForm):
    """Create or change a session. Overlapping another session of the same advisor is a warning: the form is not
    saved until the advisor ticks "save anyway"."""

    online_url = forms.URLField(
        label=_("Online meeting link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[https_only],
        help_text=_("A secure https:// link, if the session is online."),
    )
    confirm_overlap = forms.BooleanField(
        label=_("Save even though it overlaps another of the advisor's sessions"), required=False
    )

    class Meta:
        model = Session
        fields = [
            "kind",
            "advisor",
            "group",
            "supporter",
            "starts_at",
            "duration_minutes",
            "place",
            "online_url",
            "topic",
            "status",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        advisors = access.advisor_candidates()
        if user is not None:
            # Trainees only (never staff), among the supporters the user already has; re-checked on POST because a
            # ModelChoiceField only accepts values from its queryset.
            self.fields["supporter"].queryset = access.visible_supporter_choices(user)
            if not access.sees_everything(user):
                advisors = advisors.filter(pk=user.pk)
                self.fields["group"].queryset = SupervisionGroup.objects.visible_to(user)
        self.fields["advisor"].queryset = advisors
        if user is not None and not self.instance.pk and access.is_advisor(user):
            self.fields["advisor"].initial = user.pk
        self.overlaps = []

    def clean_topic(self):
        topic = self.cleaned_data.get("topic", "")
        validate_single_line(topic)  # it becomes an email subject and a calendar line (lms.bounds)
        return topic

    def clean_place(self):
        place = self.cleaned_data.get("place", "")
        validate_single_line(place)
        return place

    def clean(self):
        cleaned = super().clean()
        advisor = cleaned.get("advisor")
        starts_at = cleaned.get("starts_at")
        minutes = cleaned.get("duration_minutes")
        status = cleaned.get("status")
        if advisor and starts_at and minutes and status != Session.Status.CANCELLED:
            self.overlaps = Session.objects.overlapping(
                advisor=advisor, starts_at=starts_at, minutes=minutes, exclude_pk=self.instance.pk
            )
            if self.overlaps and not cleaned.get("confirm_overlap"):
                other = self.overlaps[0]
                self.add_error(
                    "confirm_overlap",
                    _(
                        "Warning: this overlaps “%(topic)s” on %(when)s for the same advisor. Nothing was saved. "
                        "Change the time, or tick this box to save anyway."
                    )
                    % {
                        "topic": other.topic,
                        "when": date_format(timezone.localtime(other.starts_at), "DATETIME_FORMAT"),
                    },
                )
        return cleaned


class AttendanceForm(forms.Form):
    """One radio group per participant (a fieldset each), all on one page, one submit."""

    def __init__(self, *args, participants, existing: dict[int, str], **kwargs):
        """No status is pre-selected: the advisor chooses for each person (or asks for "everyone present" first,
        which fills the form for review without saving). `existing` shows what was recorded before."""
        super().__init__(*args, **kwargs)
        self.participants = list(participants)
        for user in self.participants:
            self.fields[f"status_{user.pk}"] = forms.ChoiceField(
                label=user.get_full_name(),
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                initial=existing.get(user.pk),
                error_messages={"required": _("Choose an attendance status for %(name)s.") % {"name": user}},
            )

    def clean(self):
        cleaned = super().clean()
        known = {f"status_{user.pk}" for user in self.participants}
        extra = [key for key in self.data if key.startswith("status_") and key not in known]
        if extra:
            raise forms.ValidationError(
                _("Attendance can only be recorded for the participants of this session."), code="not_participant"
            )
        return cleaned

    def statuses(self) -> dict[int, str]:
        return {user.pk: self.cleaned_data[f"status_{user.pk}"] for user in self.participants}

    def rows(self):
        for user in self.participants:
            yield user, self[f"status_{user.pk}"]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Confidential note"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Only you and the lead advisors can read this note. It is deleted after the retention period."),
    )


class ActivityLogForm(forms.ModelForm):
    """What, when and how long: deliberately no field about the people helped."""

    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"),
        min_value=1,
        max_value=MAX_ACTIVITY_MINUTES,
        error_messages={
            "min_value": _("The duration must be at least 1 minute."),
            "max_value": _("The duration cannot be more than 12 hours (720 minutes) for one activity."),
        },
    )

    class Meta:
        model = ActivityLog
        fields = ["date", "kind", "duration_minutes"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, supporter, engagement, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.supporter = supporter
        self.instance.engagement = engagement
        if engagement is not None:
            self.fields["date"].widget.attrs["min"] = engagement.starts_on.isoformat()
            self.fields["date"].widget.attrs["max"] = min(engagement.ends_on, timezone.localdate()).isoformat()


class UrgentMessageForm(forms.Form):
    message = forms.CharField(
        label=_("What is happening, and how can your advisor reach you now?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=_(
            "Do not write the name of the person you are worried about, or other details that identify them. "
            "Say where you are and how to reach you."
        ),
    )


class MoveMemberForm(forms.Form):
    """Add or move a supporter into a group: only the supporters the user manages can be chosen (decision 0056)."""

    supporter = forms.ModelChoiceField(
        label=_("Supporter"),
        queryset=get_user_model().objects.none(),
        error_messages={"invalid_choice": _("Choose one of the supporters you manage.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supporter"].queryset = access.manageable_supporters(user)


class AssignmentForm(WagtailAdminModelForm):
    """Advisor → supporter. Both pickers list only people who can be the object, scoped by the authority rule."""

    class Meta:
        model = AdvisorAssignment
        fields = ["advisor", "supporter", "starts_on", "ends_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.fields["advisor"].queryset = access.manageable_advisors(user)
        self.fields["supporter"].queryset = access.manageable_supporters(user)
        message = _("Choose one of the people listed; you cannot assign anyone else.")
        for name in ("advisor", "supporter"):
            self.fields[name].error_messages["invalid_choice"] = message


class GroupForm(WagtailAdminModelForm):
    """A group's name, institution and advisors. Coordinators create groups of their own institution only."""

    class Meta:
        model = SupervisionGroup
        fields = ["name", "institution", "advisors"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.fields["advisors"].queryset = access.manageable_advisors(user)
        if not access.manages_everyone(user):
            self.fields["institution"].queryset = Institution.objects.filter(pk=user.institution_id)
            self.fields["institution"].required = True
            self.fields["institution"].empty_label = None


class EngagementPeriodForm(WagtailAdminModelForm):
    """An engagement period: the supporter is a trainee (never staff); coordinators pick their own institution's."""

    class Meta:
        model = EngagementPeriod
        fields = ["supporter", "institution", "starts_on", "ends_on", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        supporters = access.supporter_candidates()
        if not access.sees_everything(user):
            supporters = supporters.filter(institution_id=user.institution_id)
            self.fields["institution"].queryset = Institution.objects.filter(pk=user.institution_id)
        self.fields["supporter"].queryset = supporters
