"""The per-process text index behind duplicate and routing suggestions: built before the first
user needs it, and rebuilt beside the one in use so that nobody waits for a rebuild."""

import threading

import pytest

from orgwork.casework import textsim
from tests.casework.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)  # the index is built on another thread


@pytest.fixture(autouse=True)
def _no_index():
    textsim.reset_index()
    yield
    textsim.reset_index()


def _ids(idx):
    return {m[0] for m in idx.meta}


def test_prewarm_builds_the_index_in_the_background(tree):
    case = make_case(tree["village_a"], "众安桥村路灯损坏夜间出行不便")
    textsim.prewarm().join(30)
    assert textsim._index is not None and case.pk in _ids(textsim._index)


def test_a_stale_index_serves_at_once_and_is_replaced_by_a_rebuilt_one(tree):
    first = make_case(tree["village_a"], "众安桥村路灯损坏夜间出行不便")
    old = textsim.get_index()
    old.built_at -= textsim.REBUILD_SECONDS + 1
    second = make_case(tree["village_a"], "集体经济收入单一缺少增收项目")
    served = textsim.get_index()
    # The caller got the index in use, topped up with the new case, without waiting.
    assert served is old and {first.pk, second.pk} <= _ids(served)
    for t in threading.enumerate():
        if t.name == "case-index":
            t.join(30)
    fresh = textsim._index
    assert fresh is not old and {first.pk, second.pk} <= _ids(fresh)
    assert textsim.get_index() is fresh  # a fresh index triggers no further rebuild
