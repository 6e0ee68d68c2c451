"""Imports of health checks with their item scores, secretary projects and milestones, visits,
pledge category overrides and action-branch members: a good file commits every row, a bad row
is named by row and column and nothing is written, a re-import updates instead of duplicating,
rows outside the user's scope are refused."""

from datetime import date
from decimal import Decimal

import pytest

from orgwork.core.services import create_object
from orgwork.grassroots import importers as imp
from orgwork.grassroots import models as m
from tests.grassroots.factories import (
    make_action_branch,
    make_health_check,
    make_household,
    make_member,
    make_pairing,
    make_project,
)
from tests.imports.helpers import write_xlsx

pytestmark = pytest.mark.django_db


def run(importer, user, tmp_path, headers, rows, name="f.xlsx"):
    return importer(user).run(write_xlsx(tmp_path / name, headers, rows), commit=True)


HC_HEADERS = ["组织", "年度", "体检周期", "体检日期", "班子队伍建设", "life"]


def test_health_checks_import_with_item_scores_and_weighted_total(tree, admin_a, tmp_path):
    rows = [
        ["众安桥村党委", 2025, "全年", "2025-12-10", 80, 90],
        ["震泽镇党委", 2025, "第一季度", "2025-03-28", 70, ""],
    ]
    result = run(imp.HealthCheckImporter, admin_a, tmp_path, HC_HEADERS, rows)
    assert result.committed, result.as_dict()
    village = m.HealthCheck.objects.get(org=tree["village_a"])
    assert (village.period, village.scores, village.total) == (
        "Y",
        {"team": 80.0, "life": 90.0},
        Decimal("85.0"),
    )
    town = m.HealthCheck.objects.get(org=tree["town_a"])
    assert (town.period, town.scores, town.total) == ("Q1", {"team": 70.0}, Decimal("70.0"))
    # The same period again with the life score corrected and team left blank: updated, team kept.
    rows = [["众安桥村党委", 2025, "Y", "2025-12-10", "", 60]]
    again = run(imp.HealthCheckImporter, admin_a, tmp_path, HC_HEADERS, rows, "2.xlsx")
    assert (again.committed, again.updated) == (True, 1)
    village.refresh_from_db()
    assert (village.scores, village.total) == ({"team": 80.0, "life": 60.0}, Decimal("70.0"))
    assert m.HealthCheck.objects.count() == 2


def test_a_score_out_of_range_or_an_org_out_of_scope_imports_nothing(tree, admin_a, tmp_path):
    rows = [
        ["众安桥村党委", 2025, "全年", "2025-12-10", 80, 90],
        ["震泽镇党委", 2025, "全年", "2025-12-10", 120, 90],
    ]
    result = run(imp.HealthCheckImporter, admin_a, tmp_path, HC_HEADERS, rows)
    assert not result.committed
    [err] = result.errors
    assert (err.row, err.column) == (3, "班子队伍建设") and "100" in err.reason
    rows = [["众安桥村党委", 2025, "全年", "2025-12-10", "良好", 90]]
    result = run(imp.HealthCheckImporter, admin_a, tmp_path, HC_HEADERS, rows, "2.xlsx")
    assert not result.committed and (result.errors[0].row, result.errors[0].column) == (2, "班子队伍建设")
    rows = [["黄家溪村党总支", 2025, "全年", "2025-12-10", 80, 90]]
    result = run(imp.HealthCheckImporter, admin_a, tmp_path, HC_HEADERS, rows, "3.xlsx")
    assert not result.committed and result.refused_rows == 1
    assert not m.HealthCheck.objects.exists()


def test_a_score_for_an_item_not_on_the_orgs_checklist_is_refused(tree, admin_a, tmp_path):
    # The town sets its own checklist (one item): the village under it follows it.
    create_object(
        m.HealthCheckItem(org=tree["town_a"], code="own", name="自定义项目", weight=100), actor=None
    )
    make_health_check(tree["village_a"])
    rows = [["众安桥村党委", 2025, "全年", "2025-12-10", 80, ""]]
    result = run(imp.HealthCheckImporter, admin_a, tmp_path, HC_HEADERS, rows)
    assert not result.committed and result.errors[0].column == "班子队伍建设"
    ok = run(
        imp.HealthCheckImporter,
        admin_a,
        tmp_path,
        ["组织", "年度", "体检周期", "体检日期", "自定义项目"],
        [["众安桥村党委", 2025, "全年", "2025-12-10", 75]],
        "2.xlsx",
    )
    assert (ok.committed, ok.updated) == (True, 1)
    assert m.HealthCheck.objects.get().total == Decimal("75.0")


PROJECT_HEADERS = ["组织", "年度", "项目名称", "书记身份证号", "项目目标", "项目状态", "年度评价", "评价日期"]


def test_secretary_projects_and_milestones_import(tree, admin_a, tmp_path):
    secretary = make_member("书记甲", tree["village_a"])
    rows = [
        ["众安桥村党委", 2026, "红色锋巢", secretary.id_number, "建成3个服务点", "推进中", "", ""],
        ["震泽镇党委", 2026, "党建联盟", "", "联建共建", "已完成", "优秀", "2026-12-20"],
    ]
    result = run(imp.SecretaryProjectImporter, admin_a, tmp_path, PROJECT_HEADERS, rows)
    assert result.committed, result.as_dict()
    assert set(
        m.SecretaryProject.objects.values_list("org_id", "name", "secretary_id", "status", "review_grade")
    ) == {
        (tree["village_a"].pk, "红色锋巢", secretary.pk, "active", ""),
        (tree["town_a"].pk, "党建联盟", None, "done", "excellent"),
    }
    rows[0][5] = "已完成"
    again = run(imp.SecretaryProjectImporter, admin_a, tmp_path, PROJECT_HEADERS, rows, "2.xlsx")
    assert (again.committed, again.updated, again.unchanged) == (True, 1, 1)
    assert m.SecretaryProject.objects.count() == 2

    headers = ["书记项目", "节点", "计划完成日期", "实际完成日期"]
    rows = [
        ["红色锋巢", "完成选址", "2026-04-30", "2026-04-20"],
        ["众安桥村党委/红色锋巢", "投入使用", "2026-09-30", ""],
    ]
    result = run(imp.ProjectMilestoneImporter, admin_a, tmp_path, headers, rows, "m.xlsx")
    assert result.committed, result.as_dict()
    assert m.ProjectMilestone.objects.filter(project__name="红色锋巢", org=tree["village_a"]).count() == 2
    rows[1][3] = "2026-09-15"
    again = run(imp.ProjectMilestoneImporter, admin_a, tmp_path, headers, rows, "m2.xlsx")
    assert (again.committed, again.updated, again.unchanged) == (True, 1, 1)
    assert m.ProjectMilestone.objects.get(title="投入使用").done_on == date(2026, 9, 15)


def test_a_bad_project_or_milestone_row_imports_nothing(tree, admin_a, tmp_path):
    make_project(tree["village_b"], "外镇项目")
    rows = [
        ["众安桥村党委", 2026, "红色锋巢", "", "建成3个服务点", "推进中", "", ""],
        ["众安桥村党委", 2026, "另一个", "", "目标", "推进中", "优秀", ""],  # a grade without its date
    ]
    result = run(imp.SecretaryProjectImporter, admin_a, tmp_path, PROJECT_HEADERS, rows)
    assert not result.committed
    [err] = result.errors
    assert (err.row, err.column) == (3, "评价日期")
    rows = [["黄家溪村党总支", 2026, "外镇新项目", "", "目标", "推进中", "", ""]]
    result = run(imp.SecretaryProjectImporter, admin_a, tmp_path, PROJECT_HEADERS, rows, "2.xlsx")
    assert not result.committed and result.refused_rows == 1
    headers = ["书记项目", "节点", "计划完成日期"]
    result = run(
        imp.ProjectMilestoneImporter,
        admin_a,
        tmp_path,
        headers,
        [["外镇项目", "节点", "2026-04-30"]],
        "m.xlsx",
    )
    assert not result.committed and result.errors[0].column == "书记项目"
    assert m.SecretaryProject.objects.count() == 1 and not m.ProjectMilestone.objects.exists()


VISIT_HEADERS = ["困难家庭", "党员身份证号", "走访日期", "走访方式", "帮扶内容"]


def test_visits_import_by_household_and_member(tree, admin_a, tmp_path):
    member = make_member("结对党员", tree["village_a"])
    pairing = make_pairing(make_household(tree["village_a"], "王阿大"), member, started_on=date(2026, 1, 5))
    rows = [
        ["王阿大", member.id_number, "2026-03-12", "入户走访", "送米送油"],
        ["众安桥村党委/王阿大", member.id_number, "2026-05-06", "电话", ""],
    ]
    result = run(imp.VisitImporter, admin_a, tmp_path, VISIT_HEADERS, rows)
    assert result.committed, result.as_dict()
    assert set(m.Visit.objects.values_list("pairing_id", "visited_on", "mode", "org_id")) == {
        (pairing.pk, date(2026, 3, 12), "home", tree["village_a"].pk),
        (pairing.pk, date(2026, 5, 6), "phone", tree["village_a"].pk),
    }
    rows[1][4] = "了解就医情况"
    again = run(imp.VisitImporter, admin_a, tmp_path, VISIT_HEADERS, rows, "2.xlsx")
    assert (again.committed, again.updated, again.unchanged) == (True, 1, 1)
    assert m.Visit.objects.count() == 2


def test_a_bad_visit_row_or_one_out_of_scope_imports_nothing(tree, admin_a, tmp_path):
    member = make_member("结对党员", tree["village_a"])
    other = make_member("未结对党员", tree["village_a"])
    make_pairing(make_household(tree["village_a"], "王阿大"), member, started_on=date(2026, 1, 5))
    outside = make_member("外镇党员", tree["village_b"])
    make_pairing(make_household(tree["village_b"], "李阿婆"), outside)
    rows = [
        ["王阿大", member.id_number, "2026-03-12", "入户走访", ""],
        ["王阿大", member.id_number, "2025-12-30", "入户走访", ""],  # before the pairing began
    ]
    result = run(imp.VisitImporter, admin_a, tmp_path, VISIT_HEADERS, rows)
    assert not result.committed and [(e.row, e.column) for e in result.errors] == [(3, "走访日期")]
    result = run(
        imp.VisitImporter,
        admin_a,
        tmp_path,
        VISIT_HEADERS,
        [["王阿大", other.id_number, "2026-03-12", "", ""]],
        "2.xlsx",
    )
    assert not result.committed and result.errors[0].column == "党员身份证号"
    result = run(
        imp.VisitImporter,
        admin_a,
        tmp_path,
        VISIT_HEADERS,
        [["李阿婆", outside.id_number, "2026-03-12", "", ""]],
        "3.xlsx",
    )
    assert not result.committed and "李阿婆" in result.errors[0].value
    assert not m.Visit.objects.exists()


def test_pledge_roles_import_and_refuse_out_of_scope(tree, admin_a, tmp_path):
    member = make_member("科级干部", tree["village_a"])
    headers = ["组织", "党员身份证号", "承诺类别", "备注"]
    rows = [["众安桥村党委", member.id_number, "领导干部", "副镇长挂职"]]
    result = run(imp.PledgeRoleImporter, admin_a, tmp_path, headers, rows)
    assert result.committed, result.as_dict()
    rows[0][2] = "机关党员"
    again = run(imp.PledgeRoleImporter, admin_a, tmp_path, headers, rows, "2.xlsx")
    assert (again.committed, again.updated) == (True, 1)
    assert list(m.PledgeRole.objects.values_list("person_id", "category")) == [(member.pk, "organ")]
    bad = run(
        imp.PledgeRoleImporter,
        admin_a,
        tmp_path,
        headers,
        [["众安桥村党委", member.id_number, "群众", ""]],
        "3.xlsx",
    )
    assert not bad.committed and (bad.errors[0].row, bad.errors[0].column) == (2, "承诺类别")
    refused = run(
        imp.PledgeRoleImporter,
        admin_a,
        tmp_path,
        headers,
        [["黄家溪村党总支", member.id_number, "领导干部", ""]],
        "4.xlsx",
    )
    assert not refused.committed and refused.refused_rows == 1
    assert m.PledgeRole.objects.get().category == "organ"


def test_action_branch_members_import(tree, admin_a, tmp_path):
    branch = make_action_branch(tree["town_a"], "震泽便民行动支部")
    make_action_branch(tree["town_b"], "盛泽便民行动支部")
    a = make_member("成员甲", tree["village_a"])
    b = make_member("成员乙", tree["town_a"])
    headers = ["行动支部", "党员身份证号", "职责", "加入日期"]
    rows = [
        ["震泽便民行动支部", a.id_number, "队长", "2026-03-01"],
        ["震泽便民行动支部", b.id_number, "", ""],
    ]
    result = run(imp.ActionBranchMemberImporter, admin_a, tmp_path, headers, rows)
    assert result.committed, result.as_dict()
    assert set(m.ActionBranchMember.objects.values_list("person_id", "home_org_id", "org_id")) == {
        (a.pk, tree["village_a"].pk, tree["town_a"].pk),
        (b.pk, tree["town_a"].pk, tree["town_a"].pk),
    }
    rows[1][2] = "队员"
    again = run(imp.ActionBranchMemberImporter, admin_a, tmp_path, headers, rows, "2.xlsx")
    assert (again.committed, again.updated, again.unchanged) == (True, 1, 1)
    rows = [["震泽便民行动支部", a.id_number, "队长", "2026-13-01"]]
    bad = run(imp.ActionBranchMemberImporter, admin_a, tmp_path, headers, rows, "3.xlsx")
    assert not bad.committed and (bad.errors[0].row, bad.errors[0].column) == (2, "加入日期")
    rows = [["盛泽便民行动支部", a.id_number, "", ""]]
    outside = run(imp.ActionBranchMemberImporter, admin_a, tmp_path, headers, rows, "4.xlsx")
    assert not outside.committed and outside.errors[0].column == "行动支部"
    assert m.ActionBranchMember.objects.filter(action_branch=branch).count() == 2
    assert m.ActionBranchMember.objects.count() == 2


@pytest.mark.parametrize(
    "model",
    ["healthcheck", "secretaryproject", "projectmilestone", "visit", "pledgerole", "actionbranchmember"],
)
def test_the_import_page_and_template_of_each(model, tree, admin_a, client_for):
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    client = client_for(admin_a)
    page = client.get(reverse(f"grassroots:{model}_import"))
    assert page.status_code == 200 and "下载模板" in page.content.decode()
    template = client.get(reverse(f"grassroots:{model}_import_template"))
    wb = load_workbook(io.BytesIO(template.content))
    assert wb.sheetnames[-1] == "填写说明"
    if model == "healthcheck":  # a score column per item of the default checklist
        headers = [c.value for c in wb.worksheets[0][1]]
        assert {"组织设置规范", "作用发挥"} <= set(headers)
