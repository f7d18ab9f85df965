"""Wagtail admin screens for people, institutions and the audit log.

`UserViewSet` replaces Wagtail's own (through `lms.apps.WagtailUsersConfig`) so administrators edit the fields our
user model really has. Institutions and audit events are registered in `lms/wagtail_hooks.py`.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.views import users as wagtail_users

from .exports import OsloExportMixin, OsloInspectMixin, export_fields, format_oslo
from .forms import AdminUserCreationForm, AdminUserEditForm
from .models import AuditEvent, FeideRealm, Institution

User = get_user_model()


# --- People -------------------------------------------------------------------------------------------------------


class UserFilterSet(wagtail_users.UserFilterSet):
    institution = django_filters.ModelChoiceFilter(queryset=Institution.objects.all(), label=_("Institution"))

    class Meta(wagtail_users.UserFilterSet.Meta):
        fields = []


class UserIndexView(wagtail_users.IndexView):
    @cached_property
    def search_fields(self):
        return ["email", "full_name", "preferred_name"]

    @cached_property
    def columns(self):
        columns = list(super().columns)
        columns.insert(
            3,
            Column("institution", label=_("Institution"), accessor="institution", classname="institution"),
        )
        return columns

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("institution")


class UserViewSet(wagtail_users.UserViewSet):
    """Wagtail's user management with our fields: email, legal name, preferred name, institution, language, roles.

    Only Administrators hold the user permissions (lms.add_user, change_user, delete_user); Wagtail treats user
    management as full admin, so no other role may have them (tests/lms/test_access.py checks it).
    """

    filterset_class = UserFilterSet
    index_view_class = UserIndexView

    def get_form_class(self, for_update=False):
        return AdminUserEditForm if for_update else AdminUserCreationForm


# --- Institutions -------------------------------------------------------------------------------------------------


class InstitutionViewSet(ModelViewSet):
    """Administrators add and edit institutions; coordinators (view permission) may look them up."""

    model = Institution
    icon = "home"
    menu_label = _("Institutions")
    menu_order = 610
    add_to_settings_menu = True
    form_fields = ["name", "short_name", "slug", "city", "is_active", "peer_support", "contact_name", "contact_email"]
    list_display = ["name", "short_name", "city", "peer_support", "is_active"]
    list_filter = ["is_active", "peer_support", "city"]
    search_fields = ["name", "short_name", "city"]
    inspect_view_enabled = True
    copy_view_enabled = False


class FeideRealmIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("institution")


class FeideRealmViewSet(ModelViewSet):
    """Which Feide realm belongs to which institution (a Feide login sets the institution from it, lms/feide).
    Administrators add and edit; coordinators may look them up."""

    model = FeideRealm
    index_view_class = FeideRealmIndexView
    icon = "key"
    menu_label = _("Feide realms")
    menu_order = 611
    add_to_settings_menu = True
    form_fields = ["realm", "institution"]
    list_display = ["realm", "institution"]
    list_filter = ["institution"]
    search_fields = ["realm"]
    copy_view_enabled = False


# --- Audit log ----------------------------------------------------------------------------------------------------


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Nobody, not even a superuser, may add, change or delete through the admin; viewing needs `view_<model>`."""

    WRITE_ACTIONS = frozenset({"add", "change", "delete", "copy", "reorder", "publish", "lock", "unlock"})

    def user_has_permission(self, user, action):
        if action in self.WRITE_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        readable = [action for action in actions if action not in self.WRITE_ACTIONS]
        if not readable:
            return User.objects.none()
        return super().users_with_any_permission(readable)


class AuditEventFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label=_("Action"), choices=[], empty_label=_("Any action"))
    created_at = django_filters.DateFromToRangeFilter(label=_("Time"), widget=DateRangePickerWidget)

    class Meta:
        model = AuditEvent
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actions = AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct()
        self.filters["action"].extra["choices"] = [(action, action) for action in actions]


class AuditEventIndexView(OsloExportMixin, generic.IndexView):
    """Each row's time (Oslo, zone named) links to the event's detail (the inspect view)."""

    @cached_property
    def columns(self):
        columns = list(super().columns)
        columns[0] = TitleColumn(
            "created_at",
            label=_("Time"),
            accessor=lambda event: format_oslo(event.created_at),
            get_url=self.get_inspect_url,
            sort_key="created_at",
        )
        return columns


class AuditEventInspectView(OsloInspectMixin, generic.InspectView):
    pass


class AuditEventViewSet(ModelViewSet):
    """The audit log, read-only: list with filters by action and date, inspect, CSV/XLSX export."""

    model = AuditEvent
    icon = "history"
    menu_label = _("Audit log")
    menu_order = 620
    add_to_settings_menu = True
    filterset_class = AuditEventFilterSet
    index_view_class = AuditEventIndexView
    inspect_view_class = AuditEventInspectView
    list_display = ["created_at", "action", "actor_label", "object_label", "ip_address"]
    list_export, export_headings = export_fields(
        [
            ("created_at", _("Time")),
            ("action", _("Action")),
            ("actor_label", _("Actor")),
            ("object_type", _("Object type")),
            ("object_id", _("Object id")),
            ("object_label", _("Object")),
            ("ip_address", _("IP address")),
            ("detail", _("Detail")),
            ("uuid", _("Event id")),
        ]
    )
    export_filename = "audit-log"
    search_fields = ["action", "actor_label", "object_label"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "created_at",
        "action",
        "actor_label",
        "object_type",
        "object_id",
        "object_label",
        "ip_address",
        "detail",
        "uuid",
    ]
    copy_view_enabled = False
    add_to_reference_index = False
    form_fields = []
