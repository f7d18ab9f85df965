"""Demo: the privacy page of the demo content shows the retention periods."""

from wagtail.models import Page, Site

from .models import RetentionSettings


def seed(context) -> None:
    page = Page.objects.filter(slug="privacy-and-confidentiality").first()
    settings = RetentionSettings.current()
    if page is not None and settings.pk and settings.privacy_page_id != page.pk:
        settings.privacy_page = page
        settings.save(update_fields=["privacy_page"])
    elif page is not None and not settings.pk:
        site = Site.objects.filter(is_default_site=True).first()
        if site is not None:
            RetentionSettings.objects.update_or_create(site=site, defaults={"privacy_page": page})
    context.log("Privacy: the privacy page lists the retention periods.", level=2)
