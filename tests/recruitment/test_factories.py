import pytest

from . import factories


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory",
    [
        factories.CohortFactory,
        factories.ApplicationFactory,
        factories.InterviewSlotFactory,
        factories.InterviewNoteFactory,
        factories.CohortMemberFactory,
    ],
)
def test_each_factory_builds_a_saved_object(factory):
    obj = factory()
    assert obj.pk is not None
    assert str(obj)
