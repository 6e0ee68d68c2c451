"""Cached figures stay until data changes: an export or a login leaves them, an edit recomputes."""

import pytest

from orgwork.core.audit import record_event
from orgwork.core.figures import cached_figures, data_generation
from orgwork.core.models import ChangeLogAction
from orgwork.core.services import update_object
from orgwork.orgs.models import Org

pytestmark = pytest.mark.django_db


def test_events_that_change_no_data_keep_the_cached_figures(tree, admin_a):
    calls = []

    def compute():
        calls.append(1)
        return Org.objects.count()

    assert cached_figures("orgs", compute) == Org.objects.count()
    before = data_generation()
    record_event(ChangeLogAction.EXPORT, actor=admin_a, note="people.person csv")
    record_event(ChangeLogAction.LOGIN, actor=admin_a, obj=admin_a)
    record_event(ChangeLogAction.VIEW_SENSITIVE, actor=admin_a, obj=admin_a)
    assert data_generation() == before
    cached_figures("orgs", compute)
    assert len(calls) == 1

    org = Org.objects.get(pk=tree["village_a"].pk)
    org.short_name = "改名"
    update_object(org, actor=admin_a)
    assert data_generation() > before
    cached_figures("orgs", compute)
    assert len(calls) == 2


def test_the_partial_index_names_exactly_the_data_actions():
    """``data_generation`` finds the newest data row through the partial index
    core_changelog_data_idx only while the index's condition names the same actions as
    ``DATA_ACTIONS``; the condition is written as literals (its migration needs them), so a
    change to one without the other fails here."""
    from orgwork.core.figures import DATA_ACTIONS
    from orgwork.core.models import ChangeLog

    (index,) = [i for i in ChangeLog._meta.indexes if i.name == "core_changelog_data_idx"]
    ((lookup, actions),) = index.condition.children
    assert lookup == "action__in"
    assert sorted(actions) == sorted(DATA_ACTIONS)
