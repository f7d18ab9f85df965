from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from lms import roles

from .panels import get_my_page_panels


@login_required
def my_page(request):
    user = request.user
    context = {
        "role_labels": [roles.ROLE_LABELS[name] for name in roles.ALL_ROLES if name in user.role_names],
        "panels": get_my_page_panels(request),
    }
    return render(request, "home/my_page.html", context)
