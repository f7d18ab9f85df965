"""Advisors follow the training progress (courses' report and its export) of exactly the supporters assigned to them
now or in a group they advise now, through the `filter_training_progress_visibility` hook."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.courses.factories import build_course, enrol
from tests.lms.factories import InstitutionFactory, UserFactory

from . import factories

REPORT = "courses_admin:progress"


@pytest.fixture
def course(db):
    return build_course(modules=2)


def report_html(client, user, **params):
    client.force_login(user)
    response = client.get(reverse(REPORT), params)
    assert response.status_code == 200
    return response.content.decode()


def report_csv(client, user):
    client.force_login(user)
    response = client.get(reverse(REPORT), {"export": "csv"})
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


@pytest.fixture
def people(course):
    advisor = factories.AdvisorFactory(full_name="Advisor Anna")
    other_advisor = factories.AdvisorFactory(full_name="Advisor Bjorn")
    assigned = factories.SupporterFactory(full_name="Assigned Supporter")
    member = factories.SupporterFactory(full_name="Group Member")
    others = factories.SupporterFactory(full_name="Someone Elses Supporter")
    former = factories.SupporterFactory(full_name="Former Supporter")
    factories.AdvisorAssignmentFactory(advisor=advisor, supporter=assigned)
    factories.AdvisorAssignmentFactory(advisor=other_advisor, supporter=others)
    today = timezone.localdate()
    factories.AdvisorAssignmentFactory(
        advisor=advisor, supporter=former, starts_on=today - timedelta(days=90), ends_on=today - timedelta(days=10)
    )
    group = factories.SupervisionGroupFactory(advisors=[advisor])
    factories.GroupMembershipFactory(group=group, supporter=member)
    for supporter in (assigned, member, others, former):
        enrol(supporter, course)
    return advisor, other_advisor


def test_advisor_sees_assigned_and_group_members_only(client, people):
    advisor, _ = people
    html = report_html(client, advisor)
    assert "Assigned Supporter" in html and "Group Member" in html
    assert "Someone Elses Supporter" not in html and "Former Supporter" not in html


def test_advisor_export_leaves_out_other_advisors_supporters(client, people):
    advisor, other_advisor = people
    csv = report_csv(client, advisor)
    assert "Assigned Supporter" in csv and "Group Member" in csv and "Someone Elses Supporter" not in csv
    assert "Someone Elses Supporter" in report_csv(client, other_advisor)


def test_advisor_without_assignments_sees_nothing(client, people):
    lonely = factories.AdvisorFactory(full_name="Advisor Without Anyone")
    html = report_html(client, lonely)
    assert not any(name in html for name in ["Assigned Supporter", "Group Member", "Someone Elses Supporter"])
    assert "Supporter" not in report_csv(client, lonely)


@pytest.mark.parametrize("role", ["Trainees", "Counsellors"])
def test_trainee_and_counsellor_still_have_no_access(client, people, role):
    client.force_login(UserFactory(role=role, with_totp=role != "Trainees", institution=InstitutionFactory()))
    for params in ({}, {"export": "csv"}):
        assert client.get(reverse(REPORT), params).status_code in (302, 403)


def test_advisor_report_query_count_is_flat(client, course):
    advisor = factories.AdvisorFactory()
    group = factories.SupervisionGroupFactory(advisors=[advisor])
    client.force_login(advisor)

    def add(n):  # every other supporter is assigned one-to-one, the rest are group members
        for i in range(n):
            supporter = factories.SupporterFactory()
            if i % 2:
                factories.GroupMembershipFactory(group=group, supporter=supporter)
            else:
                factories.AdvisorAssignmentFactory(advisor=advisor, supporter=supporter)
            enrol(supporter, course)

    def measure():
        client.get(reverse(REPORT))  # warm caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse(REPORT))
        assert response.status_code == 200
        return len(ctx.captured_queries), response.content.decode().count("<tr")

    add(5)
    small, small_rows = measure()
    add(45)  # 50 supporters
    large, large_rows = measure()
    assert large_rows > small_rows
    assert small == large, (small, large)
