from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import ProfileForm


def redirect_to_login(request, *args, **kwargs):
    """Stands where Wagtail's own login views were: never reads a password, always sends to allauth.

    Wagtail also sends here a signed-in person without admin access (with its "no permission" message); sending
    them on to allauth's login with `next=/admin/` would loop, so they go to My page instead.
    """
    if request.user.is_authenticated:
        return redirect("home:my_page")
    target = reverse("account_login")
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        target = f"{target}?{urlencode({'next': next_url})}"
    return redirect(target)


def gone(request, *args, **kwargs):
    return HttpResponse(status=404)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("account_profile")
    return render(request, "account/profile.html", {"form": form, "profile_form_attrs": {"form": form}})
