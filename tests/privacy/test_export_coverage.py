"""Every relation from any model to a person is either exported or excluded with a reason; the export of the demo
supporter holds every one of their records."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from lms.models import AuditEvent
from privacy.export import EXCLUDED, RELATIONS, personal_data


def _key(field) -> str:
    return f"{field.model._meta.label}.{field.name}"


def relations_to(target) -> set[str]:
    """Every concrete FK, one-to-one and many-to-many from any installed model to `target` (keyed by the model that
    declares the field, so page subclasses count once, on wagtailcore.Page)."""
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not field.concrete or not (field.many_to_one or field.one_to_one or field.many_to_many):
                continue
            if field.related_model is target and not getattr(field.remote_field, "parent_link", False):
                found.add(_key(field))
    return found


def required_relations() -> set[str]:
    """Relations to the user, plus, recursively, relations to every model the person owns (enrolment → its
    completions, visits and attempts; certificate → its events …)."""
    User = get_user_model()
    by_key = {relation.key: relation for relation in RELATIONS}
    required = relations_to(User) | {"lms.User.groups", "lms.User.user_permissions"}
    owned = [apps.get_model(key.rsplit(".", 1)[0]) for key, relation in by_key.items() if relation.owns]
    seen = set()
    while owned:
        model = owned.pop()
        if model in seen:
            continue
        seen.add(model)
        for key in relations_to(model):
            required.add(key)
            relation = by_key.get(key)
            if relation is not None and relation.owns:
                owned.append(apps.get_model(key.rsplit(".", 1)[0]))
    return required


def test_every_relation_to_a_person_is_exported_or_excluded_with_a_reason():
    exported = {relation.key for relation in RELATIONS}
    missing = sorted(required_relations() - exported - set(EXCLUDED))
    assert missing == [], (
        f"Export these in privacy/export.py RELATIONS, or add them to EXCLUDED with a reason: {missing}"
    )


def test_every_exclusion_has_a_reason_and_names_a_real_relation():
    assert all(reason.strip() for reason in EXCLUDED.values())
    stale = sorted(set(EXCLUDED) - required_relations())
    assert stale == []


def test_nothing_is_both_exported_and_excluded():
    assert {relation.key for relation in RELATIONS} & set(EXCLUDED) == set()


def test_the_walk_finds_indirect_relations():
    """The coverage test can fail: the parts of an enrolment and of a certificate are found through their owner."""
    required = required_relations()
    assert {"courses.ModuleCompletion.enrollment", "certificates.StatusListEntry.certificate"} <= required


def _expected_counts(user) -> dict[str, int]:
    """Rows per relation counted straight from the database, independently of the export's own querysets."""
    counts = {}
    User = get_user_model()
    for relation in RELATIONS:
        label, field_name = relation.key.rsplit(".", 1)
        model = apps.get_model(label)
        if field_name == "self":
            counts[relation.key] = 1
            continue
        if field_name in {"groups"}:
            counts[relation.key] = user.groups.count()
            continue
        field = model._meta.get_field(field_name)
        if field.related_model is User:
            lookup = {field_name: user}
        else:  # a part of something the person owns: find the owner's relation to the user
            owner = field.related_model
            to_user = next(
                f.name
                for f in owner._meta.concrete_fields
                if isinstance(f, models.ForeignKey)
                and f.related_model is User
                and f.name in {"user", "holder", "supporter"}
            )
            lookup = {f"{field_name}__{to_user}": user}
        counts[relation.key] = model._default_manager.filter(**lookup).distinct().count()
    counts["lms.AuditEvent.actor"] = None  # the security log also holds events about the person: checked below
    return counts


@pytest.mark.django_db
def test_the_demo_supporters_export_holds_every_one_of_their_records(supporter):
    expected = _expected_counts(supporter)
    about_or_by = AuditEvent.objects.filter(actor=supporter) | AuditEvent.objects.filter(
        object_type="lms.user", object_id=str(supporter.pk)
    )
    expected["lms.AuditEvent.actor"] = about_or_by.count()
    data = personal_data(user=supporter)
    assert data["counts"] == expected
    # The demo supporter has done the training, has certificates and takes part in supervision: none is empty.
    for key in (
        "courses.Enrollment.user",
        "courses.ModuleCompletion.enrollment",
        "courses.QuizAttempt.user",
        "certificates.Certificate.holder",
        "supervision.Attendance.supporter",
        "supervision.GroupMembership.supporter",
        "supervision.ActivityLog.supporter",
        "lms.User.groups",
    ):
        assert data["counts"][key] > 0, key
    json.dumps(data)  # machine-readable as it is


@pytest.mark.django_db
def test_the_export_names_certificate_codes_and_credentials(supporter):
    data = personal_data(user=supporter)
    rows = data["sections"]["certificates"]["certificates.Certificate.holder"]["rows"]
    certificate = supporter.certificates.first()
    assert {row["code"] for row in rows} >= {certificate.code}
    assert all(row["credential"] for row in rows)
    assert "password" not in data["sections"]["account"]["lms.User.self"]["rows"][0]
