"""Imports of program applications (申报名单) and of 揭榜挂帅 challenges: checked whole with the row,
column and reason in Chinese, written in one go, a re-import changes nothing, nothing outside the
user's part of the tree; awarding amounts stays the award verb's."""

from datetime import date
from decimal import Decimal

import pytest

from orgwork.talent.importers import AwardImporter, ChallengeImporter
from orgwork.talent.models import Award, Challenge
from tests.factories import make_person
from tests.imports.helpers import write_xlsx
from tests.talent.factories import make_program, make_round, make_talent

pytestmark = pytest.mark.django_db


def test_applications_import_by_program_round_and_id_number(tree, admin_a, tmp_path):
    program = make_program(tree["town_a"], "震泽镇新苗计划")
    make_round(program, "2024年第一批")
    a = make_talent(tree["village_a"], "林博士")
    b = make_talent(tree["village_a"], "周工程师")
    headers = ["计划/批次", "公民身份号码", "项目名称", "评审得分"]
    rows = [
        ["震泽镇新苗计划/2024年第一批", a.person.id_number, "新型传感器", "88.5"],
        ["2024年第一批", b.person.id_number, "工业软件", ""],
    ]
    path = write_xlsx(tmp_path / "a.xlsx", headers, rows)
    result = AwardImporter(admin_a).run(path, commit=True)
    assert result.committed, result.as_dict()
    first = Award.objects.get(talent=a)
    assert (first.project, first.score, first.status, first.amount) == (
        "新型传感器",
        Decimal("88.50"),
        "applied",
        None,
    )
    assert first.program == program and first.org == tree["town_a"]
    again = AwardImporter(admin_a).run(path, commit=True)
    assert again.committed and again.created == 0 and again.updated == 0 and Award.objects.count() == 2


def test_bad_application_rows_are_reported_and_nothing_is_written(tree, admin_a, tmp_path):
    make_round(make_program(tree["town_a"], "震泽镇新苗计划"), "2024年第一批")
    outside = make_round(make_program(tree["town_b"], "盛泽镇英才计划"), "2024年第一批")
    a = make_talent(tree["village_a"], "林博士")
    not_talent = make_person("普通人", tree["village_a"])
    headers = ["申报批次", "身份证号", "评审得分"]
    rows = [
        ["震泽镇新苗计划/2024年第一批", not_talent.id_number, "80"],
        ["盛泽镇英才计划/2024年第一批", a.person.id_number, "80"],
        ["震泽镇新苗计划/2024年第一批", a.person.id_number, "120"],
    ]
    result = AwardImporter(admin_a).run(write_xlsx(tmp_path / "a.xlsx", headers, rows), commit=True)
    assert not result.committed and not Award.objects.exists()
    text = " ".join(str(e) for e in result.errors)
    assert "第 2 行 身份证号" in text and "未登记为人才" in text
    assert "第 3 行 申报批次" in text and "计划名称/批次名称" in text
    assert "第 4 行 评审得分" in text
    assert outside.awards.count() == 0


def test_challenges_import_with_industry_by_name_and_reimport_changes_nothing(tree, admin_a, tmp_path):
    headers = ["发布单位", "项目名称", "出题企业", "产业链", "张榜金额", "发布日期", "截止日期"]
    rows = [
        [
            "320509101",
            "高端芯片封装工艺攻关",
            "苏州某科技有限公司",
            "新一代信息技术",
            "5000",
            "2024-03-01",
            "2024-06-30",
        ],
        [
            "震泽镇党委",
            "生物药连续生产工艺",
            "苏州某药业有限公司",
            "biomed",
            "3000.5",
            "2024-04-01",
            "2024-07-31",
        ],
    ]
    path = write_xlsx(tmp_path / "c.xlsx", headers, rows)
    result = ChallengeImporter(admin_a).run(path, commit=True)
    assert result.committed, result.as_dict()
    chip = Challenge.objects.get(title="高端芯片封装工艺攻关")
    assert (chip.industry, chip.bounty, chip.deadline, chip.org) == (
        "it",
        Decimal("5000"),
        date(2024, 6, 30),
        tree["town_a"],
    )
    again = ChallengeImporter(admin_a).run(path, commit=True)
    assert again.committed and again.created == 0 and again.updated == 0


def test_bad_challenge_rows_are_reported_and_nothing_is_written(tree, admin_a, tmp_path):
    headers = ["发布单位", "项目名称", "出题企业", "产业链", "张榜金额", "发布日期", "截止日期"]
    rows = [
        [
            "320509101",
            "高端芯片封装工艺攻关",
            "苏州某科技有限公司",
            "航天",
            "5000",
            "2024-03-01",
            "2024-06-30",
        ],
        ["320509102", "外镇榜单", "苏州某公司", "", "100", "2024-03-01", "2024-06-30"],
        ["320509101", "截止早于发布", "苏州某公司", "", "100", "2024-03-01", "2024-02-01"],
    ]
    result = ChallengeImporter(admin_a).run(write_xlsx(tmp_path / "c.xlsx", headers, rows), commit=True)
    assert not result.committed and not Challenge.objects.exists()
    text = " ".join(str(e) for e in result.errors)
    assert "第 2 行 产业链" in text and "“航天”不是可选值之一" in text
    assert "第 3 行" in text and "范围" in text
    assert {e.row for e in result.errors} == {2, 3, 4}
