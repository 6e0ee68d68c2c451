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
