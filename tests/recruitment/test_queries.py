"""The pipeline list runs the same number of queries for 10 and for 1,000 applications."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.models import User
from recruitment.models import Application

pytestmark = pytest.mark.django_db


def add_applications(world, count):
    prefix = f"bulk{count}-"
    User.objects.bulk_create([User(email=f"{prefix}{i}@example.org", full_name=f"Bulk {i}") for i in range(count)])
    users = list(User.objects.filter(email__startswith=prefix))
    institutions = [world.inst_a, world.inst_c]
    Application.objects.bulk_create(
        [
            Application(
                cohort=world.cohort,
                user=user,
                full_name=f"Bulk {i}",
                email=user.email,
                institution=institutions[i % 2],
                owner_institution=world.inst_a if i % 2 == 0 else None,
                study_programme="Law",
                student_for="1_2",
                hours_per_week=3,
                semesters="both",
                time_of_day="evening",
                languages="English",
                motivation="Help",
                consent_at=timezone.now(),
                stage=["new", "interviewed", "waiting_list"][i % 3],
            )
            for i, user in enumerate(users)
        ]
    )


def count_queries(client, url):
    client.get(url)  # warm caches (site root, settings)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url_name", ["recruitment_applications:index", "recruitment_slots:index"])
def test_pipeline_queries_do_not_grow_with_the_data(client, world, url_name):
    client.force_login(world.coordinator_a)
    url = reverse(url_name)
    add_applications(world, 10)
    small = count_queries(client, url)
    add_applications(world, 1000)
    large = count_queries(client, url)
    assert large == small, (small, large)
    assert Application.objects.count() > 1000
