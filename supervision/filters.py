"""Filters of supervision's listings."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from lms.models import Institution

from .access import advisor_candidates
from .models import EngagementPeriod, Session


class EngagementFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EngagementPeriod.Status.choices)
    institution = django_filters.ModelChoiceFilter(label=_("Institution"), queryset=Institution.objects.all())
    requirements = django_filters.ChoiceFilter(
        label=_("Requirements"),
        choices=[("met", _("Every requirement met")), ("not_met", _("Not every requirement met"))],
        method="filter_requirements",
        empty_label=_("Any"),
    )

    class Meta:
        model = EngagementPeriod
        fields = ["status", "institution", "requirements"]

    def filter_requirements(self, queryset, name, value):
        """Needs the listing's `with_progress(rules)` annotations (EngagementIndexView adds them)."""
        return queryset.requirements_met(value == "met")


class SessionFilterSet(WagtailFilterSet):
    """The advisor filter lists advisors only (a plain `list_filter` would list every user)."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=Session.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Session.Kind.choices)
    advisor = django_filters.ModelChoiceFilter(label=_("Advisor"), queryset=lambda request: advisor_candidates())

    class Meta:
        model = Session
        fields = ["status", "kind", "advisor"]
