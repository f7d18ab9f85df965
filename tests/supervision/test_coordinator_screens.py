"""Coordinators: the "ready to approve" panel, the requirements filter and the confirmation step before approving."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from supervision.models import EngagementPeriod

from . import factories

pytestmark = pytest.mark.django_db


class TestReadyToApprovePanel:
    def test_coordinator_sees_their_ready_supporter(self, client, world, ready_period):
        client.force_login(world.coordinator_a)
        content = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Engagement certificates ready to approve" in content
        assert reverse("supervision_admin:engagement_approve", args=[ready_period.pk]) in content

    def test_coordinator_of_another_institution_does_not(self, client, world, ready_period):
        client.force_login(world.coordinator_b)
        content = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Nothing is waiting for your approval" in content and "Supporter One" not in content

    def test_an_approved_period_leaves_the_panel(self, client, world, ready_period):
        client.force_login(world.coordinator_a)
        client.post(reverse("supervision_admin:engagement_approve", args=[ready_period.pk]))
        content = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Nothing is waiting for your approval" in content

    def test_advisors_have_no_such_panel(self, client, world, ready_period):
        client.force_login(world.advisor_a)
        assert "ready to approve" not in client.get(reverse("wagtailadmin_home")).content.decode()

    def test_panel_queries_stay_flat(self, client, world, ready_period):
        client.force_login(world.coordinator_a)
        url = reverse("wagtailadmin_home")
        client.get(url)
        with CaptureQueriesContext(connection) as small:
            client.get(url)
        for _ in range(15):
            period = factories.EngagementPeriodFactory(
                supporter=factories.SupporterFactory(institution=world.inst_a),
                starts_on=ready_period.starts_on,
                ends_on=ready_period.ends_on,
            )
            factories.ActivityLogFactory(engagement=period, date=period.ends_on, duration_minutes=300)
        with CaptureQueriesContext(connection) as large:
            client.get(url)
        assert len(large) == len(small)


class TestRequirementsFilter:
    def test_met_lists_only_the_ready_period(self, client, world, ready_period):
        client.force_login(world.coordinator_a)
        content = client.get(reverse("supervision_supporters:index") + "?requirements=met").content.decode()
        assert ("Supporter One" in content, "Supporter Two" in content) == (True, False)

    def test_not_met_lists_the_others(self, client, world, ready_period):
        client.force_login(world.coordinator_a)
        content = client.get(reverse("supervision_supporters:index") + "?requirements=not_met").content.decode()
        assert ("Supporter One" in content, "Supporter Two" in content) == (False, True)

    def test_sql_filter_agrees_with_the_python_rule(self, world, ready_period, rules):
        annotated = EngagementPeriod.objects.with_progress(rules)
        in_sql = set(annotated.requirements_met(True).values_list("pk", flat=True))
        in_python = {period.pk for period in annotated if period.requirements_met(rules)}
        assert in_sql == in_python == {ready_period.pk}


class TestConfirmationStep:
    def test_get_shows_a_confirmation_and_approves_nothing(self, client, world, ready_period):
        client.force_login(world.coordinator_a)
        response = client.get(reverse("supervision_admin:engagement_approve", args=[ready_period.pk]))
        assert "Yes, approve and issue" in response.content.decode()
        ready_period.refresh_from_db()
        assert ready_period.approved_at is None

    def test_post_approves(self, client, world, ready_period):
        client.force_login(world.coordinator_a)
        client.post(reverse("supervision_admin:engagement_approve", args=[ready_period.pk]))
        ready_period.refresh_from_db()
        assert ready_period.approved_at is not None and ready_period.approved_by == world.coordinator_a

    def test_not_ready_shows_no_button(self, client, world, ready_period):
        client.force_login(world.coordinator_a)
        content = client.get(reverse("supervision_admin:engagement_approve", args=[world.period2.pk])).content.decode()
        assert "Yes, approve and issue" not in content and "when every requirement is met" in content

    def test_supporter_page_links_to_the_confirmation(self, client, world, ready_period):
        client.force_login(world.coordinator_a)
        content = client.get(reverse("supervision_admin:supporter_detail", args=[ready_period.pk])).content.decode()
        assert f'href="{reverse("supervision_admin:engagement_approve", args=[ready_period.pk])}"' in content
