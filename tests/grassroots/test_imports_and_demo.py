"""Imports of grassroots records (all or nothing, re-import is a no-op, scope), and the demo
seeder's figures from the seeds."""

from datetime import date

import pytest

from orgwork.grassroots import models as m
from orgwork.grassroots.importers import ActionBranchImporter, DeedImporter, HouseholdImporter
from tests.grassroots.factories import make_member
from tests.imports.helpers import write_xlsx

pytestmark = pytest.mark.django_db


def test_households_import_and_reimport_is_a_no_op(tree, admin_a, tmp_path):
    headers = ["组织", "户主姓名", "家庭住址", "家庭人口", "困难类型"]
    rows = [
        ["众安桥村党委", "王阿大", "众安桥村3组", 3, "其他困难"],
        ["320509101201", "李小妹", "", 2, "残疾"],
    ]
    path = write_xlsx(tmp_path / "h.xlsx", headers, rows)
    result = HouseholdImporter(admin_a).run(path, commit=True)
    assert result.committed, result.as_dict()
    assert set(m.Household.objects.values_list("head_name", "difficulty", "org_path")) == {
        ("王阿大", "other", tree["village_a"].path),
        ("李小妹", "disability", tree["village_a"].path),
    }
    again = HouseholdImporter(admin_a).run(path, commit=True)
    assert again.committed and m.Household.objects.count() == 2
    assert not any(again.as_dict().get(k) for k in ("created",)) or again.as_dict()["created"] == 0


def test_household_import_outside_scope_is_refused(tree, admin_a, tmp_path):
    path = write_xlsx(tmp_path / "h.xlsx", ["组织", "户主姓名"], [["黄家溪村党总支", "外镇户"]])
    result = HouseholdImporter(admin_a).run(path, commit=True)
    assert not result.committed and not m.Household.objects.exists()


def test_deeds_import_by_id_number(tree, admin_a, tmp_path):
    member = make_member("钱党员", tree["village_a"])
    other = make_member("外镇党员", tree["village_b"])
    headers = ["组织", "身份证号", "年度", "事项代码", "完成日期", "事迹内容"]
    ok = [["众安桥村党委", member.id_number, 2026, "enterprise_need", "2026-05-17", "走访企业"]]
    result = DeedImporter(admin_a).run(write_xlsx(tmp_path / "d.xlsx", headers, ok), commit=True)
    assert result.committed, result.as_dict()
    deed = m.Deed.objects.get()
    assert (deed.person, deed.done_on) == (member, date(2026, 5, 17))
    bad = [["众安桥村党委", other.id_number, 2026, "enterprise_need", "2026-05-18", "走访企业"]]
    result = DeedImporter(admin_a).run(write_xlsx(tmp_path / "d2.xlsx", headers, bad), commit=True)
    assert not result.committed and result.errors
    assert m.Deed.objects.count() == 1


def test_action_branch_import_checks_the_type(tree, admin_a, tmp_path):
    headers = ["组织", "行动支部名称", "类型", "任务", "成立日期"]
    rows = [["震泽镇党委", "震泽便民行动支部", "便民服务类", "为群众办实事", "2026-03-01"]]
    assert (
        ActionBranchImporter(admin_a)
        .run(write_xlsx(tmp_path / "a.xlsx", headers, rows), commit=True)
        .committed
    )
    rows = [["震泽镇党委", "另一个", "不存在的类型", "任务", "2026-03-01"]]
    result = ActionBranchImporter(admin_a).run(write_xlsx(tmp_path / "b.xlsx", headers, rows), commit=True)
    assert not result.committed
    assert m.ActionBranch.objects.count() == 1


def test_demo_seed_gives_the_seed_figures(db):
    from orgwork.demo import generator
    from orgwork.grassroots import services
    from orgwork.orgs.models import Org

    result = generator.seed("small", seed=1)
    counts = result.modules["grassroots"]
    assert counts["deeds"] > 0 and counts["households"] > 0 and counts["health_checks"] > 0
    xc = Org.objects.get(level="district", division_code="320507")
    d = services.action_branch_dashboard(xc, date.today().year)
    assert (d["branches"], d["served"]) == (245, 25180)  # seed 001
    assert (
        m.SecretaryProject.objects.filter(org_path__startswith=xc.path, year=date.today().year).count() == 18
    )
    # Every household of the seed has a pairing except the few the coverage list is for.
    root = Org.objects.get(depth=1)
    unpaired = services.unpaired_households(root.path, date.today()).count()
    assert 0 < unpaired < m.Household.objects.count() * 0.05


def test_pairings_import_by_household_and_id_number(tree, admin_a, tmp_path):
    from orgwork.grassroots.importers import PairingImporter
    from tests.grassroots.factories import make_household

    make_household(tree["village_a"], "王阿大")
    make_household(tree["village_b"], "王阿大")  # namesake in another township: not visible
    member = make_member("结对党员", tree["village_a"])
    headers = ["困难家庭", "身份证号", "结对日期"]
    rows = [["王阿大", member.id_number, "2026-01-05"]]
    result = PairingImporter(admin_a).run(write_xlsx(tmp_path / "p.xlsx", headers, rows), commit=True)
    assert result.committed, result.as_dict()
    pairing = m.Pairing.objects.get()
    assert pairing.household.org == tree["village_a"] and pairing.org_path == tree["village_a"].path
    rows = [["众安桥村党委/王阿大", member.id_number, "2026-01-05"]]
    again = PairingImporter(admin_a).run(write_xlsx(tmp_path / "p2.xlsx", headers, rows), commit=True)
    assert again.committed and m.Pairing.objects.count() == 1


def test_activities_import_by_action_branch_name(tree, admin_a, tmp_path):
    from orgwork.grassroots.importers import ActionActivityImporter
    from tests.grassroots.factories import make_action_branch

    make_action_branch(tree["town_a"], "震泽便民行动支部")
    make_action_branch(tree["town_b"], "盛泽便民行动支部")
    headers = ["行动支部", "活动日期", "活动名称", "服务人次"]
    rows = [["震泽便民行动支部", "2026-05-17", "便民理发", 30]]
    result = ActionActivityImporter(admin_a).run(write_xlsx(tmp_path / "a.xlsx", headers, rows), commit=True)
    assert result.committed, result.as_dict()
    act = m.ActionActivity.objects.get()
    assert act.served_count == 30 and act.org == tree["town_a"]
    rows = [["盛泽便民行动支部", "2026-05-17", "便民理发", 30]]
    result = ActionActivityImporter(admin_a).run(write_xlsx(tmp_path / "b.xlsx", headers, rows), commit=True)
    assert not result.committed and m.ActionActivity.objects.count() == 1
