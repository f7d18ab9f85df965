"""Demo seeding: the shared context each app's `demo.seed(context)` receives, and the home page tree."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from wagtail.models import Page, Site

from . import demo_content, demo_content_nb
from .models import HomePage, SiteSettings, StandardPage


@dataclass
class DemoContext:
    stdout: Any
    style: Any
    verbosity: int
    password: str
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, email, extra)
    notes: list[str] = field(default_factory=list)
    urls: list[tuple[str, str]] = field(default_factory=list)  # (label, absolute URL)
    emails_kept_back: int = 0

    def log(self, message: str, level: int = 1) -> None:
        if self.verbosity >= level:
            self.stdout.write(message)

    def add_login(self, role: str, email: str, extra: str = "") -> None:
        self.logins.append((role, email, extra))

    def add_note(self, note: str) -> None:
        self.notes.append(note)

    def add_url(self, label: str, url: str) -> None:
        self.urls.append((label, url))

    def report(self, *, dry_run: bool) -> None:
        """What was seeded, then the addresses, then the logins: the table a person looks for comes last.

        The main logins (one per role, what README's table lists) are printed one a line; the extra demo users
        (applicants in every stage, more group members) are summed up on one line per role.
        """
        if self.verbosity < 1:
            return
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
        if self.emails_kept_back:
            self.stdout.write(
                f"The seed caused {self.emails_kept_back} emails; they were kept back (not sent, not printed)."
            )
        for note in self.notes:
            self.stdout.write(note)
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        urls = [("Site", f"{base}/"), ("Log in", f"{base}/accounts/login/"), ("Admin", f"{base}/admin/"), *self.urls]
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo addresses"))
        width = max(len(label) for label, _url in urls)
        for label, url in urls:
            self.stdout.write(f"  {label:<{width}}  {url}")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {self.password})"))
        main = [login for login in self.logins if not login[2] or login[2].startswith("TOTP secret")]
        more: dict[str, list[tuple[str, str]]] = {}
        for role, email, extra in self.logins:
            if (role, email, extra) not in main:
                more.setdefault(role, []).append((email, extra))
        for role, email, extra in main:
            self.stdout.write(f"  {role:<18} {email:<26} {extra}".rstrip())
        for role, people in more.items():
            extras = {extra for _email, extra in people}
            if len(extras) == 1:
                listed = f"{', '.join(email for email, _extra in people)} ({extras.pop()})"
            else:
                listed = ", ".join(f"{email} ({extra})" for email, extra in people)
            for line in textwrap.wrap(f"+ {len(people)} more, {role}: {listed}", width=116, subsequent_indent="    "):
                self.stdout.write(f"  {line}")


def get_home_page() -> HomePage:
    """The site's HomePage, replacing Wagtail's stock welcome page on first run."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Peer Support Academy", slug="home-psa"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Peer Support Academy",
        )
    else:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Peer Support Academy"
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()
    home.refresh_from_db()
    home.slug = "home"
    home.save_revision().publish()
    # Publishing saves a copy from the revision: reload so children get the new url_path.
    return HomePage.objects.get(pk=home.pk)


def seed(context: DemoContext) -> None:
    """The home page, the information pages under it and the site settings. Idempotent.

    Pages that exist (found by slug under the home page) are left as they are, so running the seed again never
    duplicates a page or overwrites what a counsellor has edited since.
    """
    home = get_home_page()
    existing = {page.slug: page for page in home.get_children()}
    ids = {spec["slug"]: existing[spec["slug"]].pk for spec in demo_content.PAGES if spec["slug"] in existing}
    created = []
    for spec in demo_content.PAGES:
        if spec["slug"] in existing:
            continue
        page = home.add_child(
            instance=StandardPage(
                title=spec["title"],
                slug=spec["slug"],
                introduction=spec["introduction"],
                search_description=spec["search_description"],
                show_in_menus=True,
            )
        )
        ids[spec["slug"]] = page.pk
        created.append((page, spec))
    # Bodies link to each other, so they are written once every page has an id.
    for page, spec in created:
        page.body = json.dumps(spec["body"](ids))
        page.save_revision().publish()
        context.log(f"  page: {page.title}", level=2)
    if not home.introduction and not home.body:
        home.introduction = demo_content.HOME_INTRODUCTION
        home.body = json.dumps(demo_content.home_body(ids))
        home.save_revision().publish()
    _seed_site_settings(home, ids)
    _seed_bokmal(home, ids)
    context.log(f"Pages: {len(created)} created, {len(demo_content.PAGES) - len(created)} already there.")


def _seed_site_settings(home: HomePage, ids: dict[str, int]) -> None:
    """Fill in the settings of the home page's site; fields someone has already filled in are kept."""
    site = Site.objects.filter(root_page=home).first() or Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    values = dict(demo_content.SITE_SETTINGS)
    values["help_services"] = [
        {
            "type": "link",
            "value": {
                "label": "SiO health and counselling",
                "page": None,
                "url": "https://www.sio.no/",
                "description": "Doctors, psychologists and counsellors for students in Oslo",
            },
        },
        {
            "type": "link",
            "value": {
                "label": "Get help now",
                "page": ids["get-help-now"],
                "url": "",
                "description": "All the numbers on one page",
            },
        },
    ]
    values["footer_links"] = [
        {
            "type": "link",
            "value": {
                "label": "Privacy and confidentiality",
                "page": ids["privacy-and-confidentiality"],
                "url": "",
                "description": "",
            },
        },
    ]
    changed = False
    for name, value in values.items():
        if not getattr(site_settings, name):
            setattr(site_settings, name, json.dumps(value) if isinstance(value, list) else value)
            changed = True
    if changed:
        site_settings.save()


def _seed_bokmal(home: HomePage, ids: dict[str, int]) -> None:
    """The Bokmål version of the home page, the information pages and the footer, where none is there yet (a
    translation a counsellor has written is kept)."""
    if not home.title_nb:
        home.title_nb = demo_content_nb.HOME_TITLE
        home.introduction_nb = demo_content_nb.HOME_INTRODUCTION
        home.body_nb = json.dumps(demo_content_nb.home_body(ids))
        home.save_revision().publish()
    for page in StandardPage.objects.child_of(home):
        spec = demo_content_nb.PAGES.get(page.slug)
        if spec is None or page.title_nb:
            continue
        page.title_nb = spec["title"]
        page.introduction_nb = spec["introduction"]
        page.body_nb = json.dumps(spec["body"](ids))
        page.save_revision().publish()
    site = Site.objects.filter(root_page=home).first() or Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    values = {
        "tagline_nb": demo_content_nb.SITE_SETTINGS["tagline"],
        "emergency_numbers_nb": json.dumps(demo_content_nb.SITE_SETTINGS["emergency_numbers"]),
        "help_services_nb": json.dumps(demo_content_nb.help_services(ids)),
        "footer_links_nb": json.dumps(demo_content_nb.footer_links(ids)),
    }
    changed = False
    for name, value in values.items():
        current = getattr(site_settings, name)
        if not (current and len(current)):
            setattr(site_settings, name, value)
            changed = True
    if changed:
        site_settings.save()
