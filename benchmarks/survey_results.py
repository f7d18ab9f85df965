#!/usr/bin/env python
"""Benchmark (not a test): the survey results screen, its CSV and XLSX exports, with 5,000 answers.

    .venv/bin/python benchmarks/survey_results.py [--answers 5000] [--runs 7]

Builds a throw-away SQLite database in a temporary directory (or uses DATABASE_URL if you pass --database-url),
creates the demo survey's seven questions and --answers answers, then renders each URL --runs times in-process with
Django's test client as a signed-in counsellor and prints the median and worst time and the query count. Nothing in
the repository or your own database is touched. The budget is 1 s for the results screen (issue 10).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="psa-bench-survey-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from wagtail.contrib.forms.models import FormSubmission

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    from lms.models import User
    from survey.models import SurveyPage

    survey = SurveyPage.objects.get(slug="survey")
    template = list(FormSubmission.objects.filter(page=survey).values_list("form_data", flat=True))
    FormSubmission.objects.filter(page=survey).delete()
    FormSubmission.objects.bulk_create(
        [FormSubmission(page=survey, form_data=template[n % len(template)]) for n in range(args.answers)],
        batch_size=1000,
    )
    client = Client()
    client.force_login(User.objects.get(email="counsellor@example.org"))

    print(f"{args.answers} answers, {args.runs} runs each, database {connection.vendor}")
    failed = False
    for name in ("survey_admin:results", "survey_admin:export_csv", "survey_admin:export_xlsx"):
        path = reverse(name, args=[survey.pk])
        client.get(path)  # warm caches
        timings = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(path)
                timings.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
        median = statistics.median(timings)
        print(
            f"  {name:<20} median {median * 1000:7.1f} ms   worst {max(timings) * 1000:7.1f} ms   "
            f"{len(ctx.captured_queries)} queries"
        )
        if name == "survey_admin:results" and median >= BUDGET_SECONDS:
            failed = True
    if failed:
        print(f"The results screen is over its budget of {BUDGET_SECONDS:.0f} s.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
