"""Import of the talent registry from a spreadsheet in the usual layout: checked whole (row, column
and reason in Chinese), written in one go, a re-import changes nothing, and nothing outside the
user's part of the tree."""

from datetime import date

import pytest
from django.urls import reverse

from orgwork.talent.importers import TalentImporter
from orgwork.talent.models import Talent
from tests.factories import login_verified, make_person
from tests.imports.helpers import write_xlsx

pytestmark = pytest.mark.django_db

HEADERS = [
    "服务单位",
    "公民身份号码",
    "人才类别",
    "人才等级",
    "所属产业",
    "工作单位",
    "统一社会信用代码",
    "来源",
    "引进时间",
    "引才渠道",
]


def test_a_register_imports_and_a_reimport_changes_nothing(tree, admin_a, tmp_path):
    a = make_person("林博士", tree["village_a"])
    b = make_person("周工程师", tree["village_a"])
    rows = [
        [
            "320509101201",
            a.id_number,
            "创新创业人才",
            "B类",
            "新一代信息技术",
            "苏州某科技公司",
            "91350100M000100Y43",
            "留学回国",
            "2024-05-20",
            "百校对百企",
        ],
        ["众安桥村党委", b.id_number, "", "C", "equipment", "", "", "", "2023.09", ""],
    ]
    path = write_xlsx(tmp_path / "t.xlsx", HEADERS, rows)
    result = TalentImporter(admin_a).run(path, commit=True)
    assert result.committed, result.as_dict()
    first = Talent.objects.get(person=a)
    assert (first.level, first.industry, first.origin, first.channel, first.arrived_on) == (
        "B",
        "it",
        "returnee",
        "school_enterprise",
        date(2024, 5, 20),
    )
    assert first.org == tree["village_a"] and first.employer_code == "91350100M000100Y43"
    assert Talent.objects.get(person=b).arrived_on == date(2023, 9, 1)
    again = TalentImporter(admin_a).run(path, commit=True)
    assert again.committed and again.created == 0 and again.updated == 0 and Talent.objects.count() == 2


def test_bad_rows_are_reported_in_chinese_and_nothing_is_written(tree, admin_a, tmp_path):
    a = make_person("林博士", tree["village_a"])
    stranger = make_person("外镇人才", tree["village_b"])
    rows = [
        ["320509101201", a.id_number, "", "Z类", "", "", "91350100M000100Y44", "", "", ""],
        ["320509101201", stranger.id_number, "", "B", "", "", "", "", "", ""],
    ]
    result = TalentImporter(admin_a).run(write_xlsx(tmp_path / "t.xlsx", HEADERS, rows), commit=True)
    assert not result.committed and not Talent.objects.exists()
    text = " ".join(str(e) for e in result.errors)
    assert "第 2 行 人才层次" in text and "“Z类”不是可选值之一" in text and "B类（省级领军人才）" in text
    assert "第 3 行 身份证号" in text and "管理范围内没有此身份证号的人员" in text
    rows_with_errors = {e.row for e in result.errors}
    assert rows_with_errors == {2, 3}


def test_the_template_lists_the_allowed_levels(client, tree, admin_a):
    login_verified(client, admin_a)
    response = client.get(reverse("talent:talent_import_template"))
    assert response.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    wb = load_workbook(BytesIO(response.content))
    headers = [str(c.value).rstrip("*") for c in wb.worksheets[0][1]]
    assert "身份证号" in headers and "人才层次" in headers
    notes = " ".join(str(c.value) for row in wb.worksheets[-1].iter_rows() for c in row if c.value)
    assert "B类" in notes and "新一代信息技术" in notes
