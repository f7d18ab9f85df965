import pytest

from . import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory",
    [
        factories.AdvisorFactory,
        factories.SupporterFactory,
        factories.AdvisorProfileFactory,
        factories.AdvisorAssignmentFactory,
        factories.SupervisionGroupFactory,
        factories.GroupMembershipFactory,
        factories.SessionFactory,
        factories.OneToOneSessionFactory,
        factories.AttendanceFactory,
        factories.EngagementPeriodFactory,
        factories.ActivityLogFactory,
        factories.NoteFactory,
    ],
)
def test_factory_builds_a_valid_saved_object(factory):
    obj = factory()
    assert obj.pk is not None
    if (
        hasattr(obj, "full_clean")
        and factory is not factories.AdvisorFactory
        and factory is not factories.SupporterFactory
    ):
        obj.full_clean()
