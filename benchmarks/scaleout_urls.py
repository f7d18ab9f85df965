"""benchmarks/two_servers.py only: a route that issues one certificate with its PDF on whichever server receives it,
guarded by a token from the environment (BENCH_TOKEN). Never in lms.urls."""

import os
import secrets

from django.db import transaction
from django.http import HttpResponseForbidden, JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


@csrf_exempt
@require_POST
def issue(request):
    if not secrets.compare_digest(request.headers.get("X-Bench-Token", ""), os.environ.get("BENCH_TOKEN", "-")):
        return HttpResponseForbidden()
    from certificates.pdf import ensure_pdf
    from certificates.services import issue_course_certificate
    from courses.models import Course
    from lms.models import User

    course = Course.objects.get(slug="scaleout-bench")
    with transaction.atomic():
        holder = User.objects.create(email=f"{secrets.token_hex(8)}@example.org", full_name="Bench Holder")
        certificate = issue_course_certificate(
            holder=holder,
            course=course,
            evidence={"course": course.title, "completed_at": "2026-10-01", "hours": 12.0, "modules": []},
        )
    if request.GET.get("pdf") == "1":
        ensure_pdf(certificate)
    return JsonResponse(
        {
            "code": certificate.display_code,
            "kid": certificate.credential_kid,
            "pdf": certificate.pdf.name if certificate.pdf else "",
            "server": os.environ.get("BENCH_SERVER", ""),
        }
    )


def bare(request):
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/issue/", issue),
    path("bench/bare/", bare),
    path("", include("lms.urls")),
]
