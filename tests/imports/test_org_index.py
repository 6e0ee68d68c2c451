"""The imports' index of orgs is built once per process and state of the org table, and each import gets
its own copy: an org created by one import is not seen by the next, and a renamed org is found by
its new name at once."""

import pytest

from orgwork.core.imports.base import RowProblem
from orgwork.core.services import update_object
from orgwork.orgs.models import Org
from orgwork.orgs.natural_keys import OrgIndex

pytestmark = pytest.mark.django_db


def test_the_index_is_shared_until_the_data_changes(tree, admin_a):
    first = OrgIndex.current()
    village = first.resolve(tree["village_a"].code)
    assert village.pk == tree["village_a"].pk
    # Nothing changed: the next import reuses the same org objects (no second read of the tree).
    assert OrgIndex.current().resolve(tree["village_a"].code) is village
    # An org one import adds stays in that import's copy.
    extra = Org(name="新建村党支部", code="NEW-0001", path=tree["village_a"].path + "9999")
    first.add(extra)
    assert first.resolve("NEW-0001") is extra
    with pytest.raises(RowProblem):
        OrgIndex.current().resolve("NEW-0001")
    # A rename changes the table: the new name is found at once, the old one no longer.
    org = Org.objects.get(pk=tree["village_a"].pk)
    old_name = org.name
    org.name = "更名后的村党委"
    update_object(org, actor=admin_a)
    index = OrgIndex.current()
    assert index.resolve("更名后的村党委").pk == org.pk
    with pytest.raises(RowProblem):
        index.resolve(old_name)
    # A delete (to the recycle bin) too.
    from orgwork.core.services import delete_object

    delete_object(Org.objects.get(pk=tree["village_b"].pk), actor=admin_a)
    with pytest.raises(RowProblem):
        OrgIndex.current().resolve(tree["village_b"].code)


def test_an_org_one_import_adds_leaves_the_shared_index_untouched(tree):
    """An import that adds an org named like an existing one sees both (and asks which one is
    meant), while the next import still finds the existing org by that name alone."""
    name = Org.objects.get(pk=tree["village_a"].pk).name
    first = OrgIndex.current()
    second = OrgIndex.current()
    twin = Org(name=name, code="NEW-0002", path=tree["village_b"].path + "9999")
    first.add(twin)
    with pytest.raises(RowProblem):
        first.resolve(name)  # two orgs of that name now, in this import
    assert second.resolve(name).pk == tree["village_a"].pk
    assert OrgIndex.current().resolve(name).pk == tree["village_a"].pk
    with pytest.raises(RowProblem):
        second.resolve("NEW-0002")
