"""Demo seeding: the shared context each app's `demo.seed(context)` receives, and the home page tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wagtail.models import Page, Site

from .models import HomePage


@dataclass
class DemoContext:
    stdout: Any
    style: Any
    verbosity: int
    password: str
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, email, extra)
    notes: list[str] = field(default_factory=list)

    def log(self, message: str, level: int = 1) -> None:
        if self.verbosity >= level:
            self.stdout.write(message)

    def add_login(self, role: str, email: str, extra: str = "") -> None:
        self.logins.append((role, email, extra))

    def add_note(self, note: str) -> None:
        self.notes.append(note)

    def report(self, *, dry_run: bool) -> None:
        if self.verbosity < 1:
            return
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {self.password})"))
        for role, email, extra in self.logins:
            self.stdout.write(f"  {role:<14} {email:<28} {extra}")
        for note in self.notes:
            self.stdout.write(note)


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
    return home


def seed(context: DemoContext) -> None:
    get_home_page()
