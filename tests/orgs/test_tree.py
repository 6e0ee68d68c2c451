"""The tree: paths, subtree ranges, moves (with the copies of paths), guards."""

import pytest
from django.core.exceptions import ValidationError

from orgwork.core.models import ChangeLog
from orgwork.core.paths import subtree_q
from orgwork.core.services import delete_object
from orgwork.orgs.models import Org, TeamSeat
from orgwork.orgs.services import move_org
from orgwork.people.models import Affiliation
from tests.factories import make_org, make_person, make_seat


def test_subtree_is_one_range_and_excludes_siblings_with_a_common_prefix(tree):
    names = set(Org.objects.filter(subtree_q(tree["town_a"].path)).values_list("name", flat=True))
    assert names == {"震泽镇党委", "众安桥村党委"}


def test_children_get_consecutive_fixed_width_steps(tree):
    a, b = tree["town_a"], tree["town_b"]
    assert a.path[:-4] == b.path[:-4] == tree["district"].path
    assert int(b.path[-4:]) == int(a.path[-4:]) + 1
    assert a.depth == 3


def test_move_carries_the_subtree_and_the_path_copies(tree):
    person = make_person("陶一", tree["village_a"])
    seat = make_seat(tree["village_a"], person, role="secretary")
    move_org(tree["village_a"], tree["town_b"], actor=None)
    village = Org.objects.get(pk=tree["village_a"].pk)
    assert village.parent_id == tree["town_b"].pk
    assert village.path.startswith(tree["town_b"].path)
    assert TeamSeat.objects.get(pk=seat.pk).org_path == village.path
    assert set(Affiliation.objects.filter(person=person).values_list("org_path", flat=True)) == {village.path}
    row = ChangeLog.objects.get(action="move", object_id=str(village.pk))
    assert row.before["path"] != row.after["path"]


def test_move_into_own_subtree_is_refused(tree):
    with pytest.raises(ValidationError, match="下级组织"):
        move_org(tree["town_a"], tree["village_a"], actor=None)


def test_move_keeps_depth_right_at_every_level(tree):
    leaf = make_org("叶子支部", tree["village_a"])
    move_org(tree["town_a"], tree["city"], actor=None)
    leaf.refresh_from_db()
    assert leaf.depth == 4 and len(leaf.path) == 16


def test_org_with_children_cannot_be_deleted(tree):
    with pytest.raises(ValidationError, match="下级组织"):
        delete_object(tree["town_a"], actor=None)
    assert Org.objects.filter(pk=tree["town_a"].pk).exists()


def test_new_child_after_a_deleted_sibling_does_not_reuse_its_path(tree):
    leaf = make_org("临时支部", tree["village_b"])
    delete_object(leaf, actor=None)
    again = make_org("新支部", tree["village_b"])
    assert again.path != leaf.path
