"""The site's published structure, cached per version: view restrictions, the menu, a course's module list.

Nothing here depends on who asks: what a person may see is decided per request from these user-independent facts
(their groups, their enrolment), never stored with them. docs/decisions/0161.

The version is one cache key holding a random token. Any change that can alter what is live, where it sits or who may
see it (a page saved, published, unpublished, moved or deleted; a view restriction saved or deleted, or its groups
changed) replaces the token, at once and again when the transaction commits, so a reader in between cannot store the
old structure under the new token. Entries keyed on an old token are simply never read again (they expire). With the
cache down (lms.cache fails soft) every call computes directly.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from lms.models import Institution, User

VERSION_KEY = "psa:structure-version"
TIMEOUT = 24 * 60 * 60


def version() -> str | None:
    """The current structure token (made on first use), or None when the cache does not answer."""
    token = cache.get(VERSION_KEY)
    if token is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        token = cache.get(VERSION_KEY)
    return token


def bump(**_kwargs) -> None:
    def renew():
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)

    renew()
    transaction.on_commit(renew)


def cached(name: str, compute, *parts):
    """`compute()` stored under the current version; computed afresh (not stored) when the cache is down."""
    part = ":".join(str(part) for part in parts)
    return cached_many(name, {part: compute})[part]


def cached_many(name: str, computes: dict) -> dict:
    """`{part: compute()}` for each `part` of `computes`, read in one cache round trip under the current version;
    only the missing ones are computed (and stored together). Computed afresh (not stored) when the cache is down."""
    token = version()
    if token is None:
        return {part: compute() for part, compute in computes.items()}
    keys = {":".join(["psa:structure", token, name, str(part)]): part for part in computes}
    found = cache.get_many(list(keys))
    values, missing = {}, {}
    for key, part in keys.items():
        if key in found:
            values[part] = found[key]
        else:
            values[part] = missing[key] = computes[part]()
    if missing:
        cache.set_many(missing, TIMEOUT)
    return values


def restriction_index() -> dict:
    """Every view restriction (id, type, page id and path, group ids) and the paths of alias pages."""

    def compute():
        restrictions = [
            {
                "id": r.pk,
                "type": r.restriction_type,
                "page_id": r.page_id,
                "path": r.page.path,
                "groups": [group.pk for group in r.groups.all()],
            }
            for r in PageViewRestriction.objects.select_related("page").prefetch_related("groups").order_by("pk")
        ]
        aliases = list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
        return {"restrictions": restrictions, "aliases": aliases}

    return cached("restrictions", compute)


def institution(pk):
    """The institution with primary key `pk` (None when there is none): reference data, the same for everyone who
    belongs to it, cached with the structure and renewed when any institution is saved or deleted. Which institution
    a person belongs to (`user.institution_id`) is read from their own row on every request."""

    if pk is None:
        return None
    found = cached("institution", lambda: Institution.objects.filter(pk=pk).first() or False, pk)
    return found or None


def attach_institution(user) -> None:
    """Put the cached institution on `user` (as `user.institution` would load it), so that the page's "About you"
    and the help contact read it without a query."""

    field = User._meta.get_field("institution")
    if user.institution_id is not None and not field.is_cached(user):
        found = institution(user.institution_id)
        if found is not None:
            field.set_cached_value(user, found)


def organisation_name(site) -> str:
    """The site settings' organisation name (the title and header of every page), cached with the structure."""
    from home.models import SiteSettings  # noqa: PLC0415 - import cycle: home.models imports this module

    return cached("organisation-name", lambda: SiteSettings.for_site(site).organisation_name, site.pk)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs):
    bump()


@receiver(post_save)
@receiver(post_delete)
def _model_changed(sender, **kwargs):
    # Pages and their restrictions; institutions (My page, the help contact); site settings (the footer and the
    # organisation name are cached with the structure). A site setting's creation is not a change: Wagtail creates it
    # on the first read, before anything could be cached from it.

    if (
        issubclass(sender, (Page, PageViewRestriction, Institution))
        or issubclass(sender, BaseSiteSetting)
        and not kwargs.get("created")
    ):
        bump()


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def _restriction_groups_changed(sender, **kwargs):
    bump()


@receiver(post_migrate)
def _deployed(sender, **kwargs):
    # Every deploy runs migrate (docs/operations.md): a new release's templates and translations must not be served
    # from what the old one rendered (the footer, the module rows). Once per migrate, on this app's signal.
    if sender.name == "home":
        bump()


def view_restrictions_for(page):
    """What Wagtail's `Page.get_view_restrictions` answers (the restrictions on the page and its ancestors), without
    a query when the cached index shows none apply. Falls back to Wagtail when an alias is on the way (an alias takes
    its source page's restrictions)."""
    index = restriction_index()
    steplen = page.steplen
    chain = {page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)}
    if page.alias_of_id or chain.intersection(index["aliases"]):
        return None
    ids = [r["id"] for r in index["restrictions"] if r["path"] in chain]
    return PageViewRestriction.objects.filter(pk__in=ids) if ids else PageViewRestriction.objects.none()


class StructureCachedPage:
    """Mixin for page models: view restrictions from the cached index (home.structure)."""

    def get_view_restrictions(self):
        restrictions = view_restrictions_for(self)
        return super().get_view_restrictions() if restrictions is None else restrictions
