"""The institutions page: where peer support is established, and a short form for an institution that wants it."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home import antispam
from home.i18n import TranslatedContent
from home.models import INTRODUCTION_FEATURES, tabs, translation_tab
from lms.models import Institution

from . import services
from .forms import EstablishContactForm


class InstitutionsPage(TranslatedContent, Page):
    """Lists the active institutions (lms.Institution) with their peer-support status; the contact form emails the
    programme's address from the site settings. There is one such page."""

    introduction = RichTextField(gettext_lazy("introduction"), blank=True, features=INTRODUCTION_FEATURES)
    contact_introduction = RichTextField(
        gettext_lazy("introduction to the contact form"),
        blank=True,
        features=INTRODUCTION_FEATURES,
        help_text=gettext_lazy("Shown above the form for institutions that want to establish peer support."),
    )

    introduction_nb = RichTextField(gettext_lazy("introduction (Bokmål)"), blank=True, features=INTRODUCTION_FEATURES)
    contact_introduction_nb = RichTextField(
        gettext_lazy("introduction to the contact form (Bokmål)"), blank=True, features=INTRODUCTION_FEATURES
    )

    translated_fields = ("title", "introduction", "contact_introduction")
    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("contact_introduction")]
    edit_handler = tabs(content_panels, translation_tab("title_nb", "introduction_nb", "contact_introduction_nb"))
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = gettext_lazy("institutions page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        institutions = list(Institution.objects.filter(is_active=True).order_by("name"))
        order = [value for value, _label in Institution.PeerSupport.choices][::-1]  # established first
        context["groups"] = [
            (label, [i for i in institutions if i.peer_support == value])
            for value, label in sorted(Institution.PeerSupport.choices, key=lambda choice: order.index(choice[0]))
        ]
        context["contact_email"] = services.programme_email(self.get_site())
        return context

    def serve(self, request, *args, **kwargs):
        form = EstablishContactForm()
        status = 200
        if request.method == "POST":
            if antispam.rate_limit_hit(request, bucket="network:contact", rate=settings.NETWORK_CONTACT_RATE_LIMIT):
                messages.error(
                    request, _("Many messages have come from your network in a short time. Please try again later.")
                )
                return redirect(self.url)
            form = EstablishContactForm(request.POST)
            if form.is_valid() and services.programme_email(self.get_site()):
                if antispam.stamp_use_once(form.cleaned_data["hp_nonce"], salt=form.stamp_salt, max_age=form.max_age):
                    services.contact_request_send(site=self.get_site(), data=form.public_data())
                messages.success(request, _("Thank you! We have received your message and will reply by email."))
                return redirect(self.url)
            status = 400
        context = self.get_context(request, *args, **kwargs)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request, *args, **kwargs), context, status=status)
