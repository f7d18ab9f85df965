"""`{% feide_login_url as url %}`: where "Log in with Feide" posts to, or "" when Feide is not configured."""

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from django import template

from lms.feide import PROVIDER_ID

register = template.Library()


@register.simple_tag(takes_context=True)
def feide_login_url(context, process="login", next_url=""):
    request = context.get("request")
    if request is None:
        return ""
    try:
        provider = get_adapter(request).get_provider(request, PROVIDER_ID)
    except SocialApp.DoesNotExist:
        return ""
    params = {"process": process}
    if next_url:
        params["next"] = next_url
    return provider.get_login_url(request, **params)
