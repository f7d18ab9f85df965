"""Find every row, in every table, that still holds a piece of text (a name, an address)."""

import re

from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def rows_holding(text: str) -> dict[str, list]:
    """{"app.Model.field": [pk, …]} of every row whose text field contains `text` as a whole (case-insensitive;
    "supporter@example.org" is not found inside "maja.supporter@example.org")."""
    pattern = rf"(^|[^a-z0-9._%+-]){re.escape(text.lower())}($|[^a-z0-9_-])"
    found = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS) or field.model is not model:
                continue
            queryset = model._base_manager.all()
            if isinstance(field, models.JSONField):
                queryset = queryset.annotate(_as_text=Cast(field.name, models.TextField())).filter(
                    _as_text__iregex=pattern
                )
            else:
                queryset = queryset.filter(**{f"{field.name}__iregex": pattern})
            pks = list(queryset.values_list("pk", flat=True))
            if pks:
                found[f"{model._meta.label}.{field.name}"] = pks
    return found


def rows_referring_to(user) -> dict[str, int]:
    """{"app.Model.field": count} of rows that point at the account through a relation."""
    found = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is type(user) and field.model is model:
                count = model._base_manager.filter(**{field.name: user}).count()
                if count:
                    found[f"{model._meta.label}.{field.name}"] = count
        for field in model._meta.local_many_to_many:
            if field.related_model is type(user):
                count = model._base_manager.filter(**{field.name: user}).count()
                if count:
                    found[f"{model._meta.label}.{field.name}"] = count
    return found
