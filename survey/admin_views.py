"""The survey results in the Wagtail admin: the list of surveys, a chart and counts per question, the free-text
answers, and the CSV/XLSX export. Counsellors and administrators only (`results.can_see_results`); anyone else with
admin access gets 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from . import exports
from .charts import bar_chart_svg
from .models import SurveyPage
from .results import can_see_results, survey_results


def _require_results_access(request) -> None:
    if not can_see_results(request.user):
        raise PermissionDenied


@require_GET
def survey_index(request):
    _require_results_access(request)
    surveys = SurveyPage.objects.annotate(answer_count=Count("formsubmission")).order_by("title")
    return TemplateResponse(request, "survey/admin/index.html", {"surveys": surveys, "title": _("Survey results")})


def chart_description(question) -> str:
    parts = [
        ngettext("%(label)s: %(count)d answer", "%(label)s: %(count)d answers", bar.count)
        % {"label": bar.label, "count": bar.count}
        for bar in question.bars
    ]
    return "; ".join(parts) + "."


@require_GET
def survey_results_view(request, page_id: int):
    _require_results_access(request)
    page = get_object_or_404(SurveyPage, pk=page_id)
    results = survey_results(page)
    charts = {
        question.number: bar_chart_svg(
            chart_id=f"chart-{question.number}",
            title=question.label,
            description=chart_description(question),
            bars=question.bars,
        )
        for question in results.questions
        if question.bars
    }
    questions = [(question, charts.get(question.number)) for question in results.questions]
    context = {"page": page, "results": results, "questions": questions, "title": page.title}
    return TemplateResponse(request, "survey/admin/results.html", context)


@require_GET
def survey_export(request, page_id: int, fmt: str):
    _require_results_access(request)
    page = get_object_or_404(SurveyPage, pk=page_id)
    filename = f"survey-{page.slug}"
    if fmt == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(page), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        response = HttpResponse(exports.to_csv(page), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
