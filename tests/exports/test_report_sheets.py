"""Report sheets: the team-structure statistics of an org and the terms-due list, as formatted
xlsx a user prints as they are. Opened with openpyxl and checked against the data."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from orgwork.core.models import ChangeLog
from tests.factories import make_org, make_person, make_seat, make_term

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 6, 30)


def sheet(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


@pytest.fixture
def teams(tree):
    """Village A: three members (one woman, one under 35, two with college); township A's own
    team: one member; township B: one member (out of admin_a's scope)."""
    va, ta = tree["village_a"], tree["town_a"]
    second = make_org("震泽镇第二村党委", ta, kind="committee", level="village", sector="village")
    people = [
        make_person("甲", va, birth=date(1996, 1, 1), sex="F", education="21"),  # 30
        make_person("乙", va, birth=date(1980, 7, 1), sex="M", education="31"),  # 45
        make_person("丙", va, birth=date(1970, 1, 1), sex="M", education="61"),  # 56
    ]
    for p in people:
        make_seat(va, p, started_on=date(2021, 1, 1))
    make_seat(ta, make_person("丁", ta, birth=date(1988, 6, 1), sex="M", education="11"), role="secretary")
    make_seat(tree["village_b"], make_person("戊", tree["village_b"], birth=date(1990, 1, 1)))
    return {"second": second}


def test_team_structure_sheet_has_a_row_per_subordinate_org_and_the_overall_row(client, tree, teams, admin_a):
    client.force_login(admin_a)
    town = tree["town_a"]
    ws = sheet(client.get(reverse("orgs:org_stats_export", args=[town.pk]), {"as_of": AS_OF.isoformat()}))
    assert ws["A1"].value == "震泽镇党委班子结构统计表"
    assert ws["A1"].font.bold and "A1:H1" in ws.merged_cells
    assert "2026-06-30" in ws["A2"].value and "震泽镇党委" in ws["A2"].value
    assert [c.value for c in ws[3]] == [
        "组织",
        "班子成员",
        "职数",
        "平均年龄",
        "35岁以下",
        "40岁以下",
        "大专以上",
        "女性",
    ]
    rows = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    village = rows["众安桥村党委"]
    assert village[1:3] == (3, 3)
    assert village[3] == pytest.approx((30 + 45 + 56) / 3, abs=0.05)
    assert village[4] == pytest.approx(1 / 3, abs=1e-4)  # under 35
    assert village[6] == pytest.approx(2 / 3, abs=1e-4)  # 大学本科 and 大学专科
    assert village[7] == pytest.approx(1 / 3, abs=1e-4)
    assert rows["震泽镇第二村党委"][1] == 0
    assert rows["震泽镇党委（本级）"][1] == 1
    overall = rows["合计"]
    assert overall[1] == 4 and overall[2] == 4
    assert overall[3] == pytest.approx((30 + 45 + 56 + 38) / 4, abs=0.05)
    assert overall[7] == pytest.approx(1 / 4, abs=1e-4)
    assert "戊" not in str(rows) and "黄家溪村党总支" not in rows  # township B is not there
    # Formatted for print: shares as percentages, frozen header, A4 fitted to the width.
    last = ws.max_row
    assert ws.cell(row=last, column=1).value == "合计" and ws.cell(row=last, column=1).font.bold
    assert ws.cell(row=4, column=5).number_format == "0.0%"
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"
    assert int(ws.page_setup.paperSize) == 9 and int(ws.page_setup.fitToWidth) == 1  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_options.horizontalCentered
    assert ws.column_dimensions["A"].width >= 2 * len("震泽镇党委（本级）")
    entry = ChangeLog.objects.get(action="export", user_name="admin_a")
    assert entry.after["source"] == "orgs.org.stats" and entry.after["rows"] == 3
    assert entry.object_repr == "震泽镇党委"


def test_team_structure_sheet_out_of_scope_is_404(client, tree, teams, admin_a):
    client.force_login(admin_a)
    assert client.get(reverse("orgs:org_stats_export", args=[tree["town_b"].pk])).status_code == 404


def test_the_org_page_offers_the_report(client, tree, admin_a):
    client.force_login(admin_a)
    page = client.get(reverse("orgs:org_detail", args=[tree["town_a"].pk])).content.decode()
    assert reverse("orgs:org_stats_export", args=[tree["town_a"].pk]) in page


def test_terms_due_sheet_lists_the_filtered_terms_soonest_first_with_totals(client, tree, admin_a):
    today = timezone.localdate()
    va, ta = tree["village_a"], tree["town_a"]
    overdue = make_term(
        va, number=2, started_on=today - timedelta(days=5 * 365), ends_on=today - timedelta(days=10)
    )
    due = make_term(
        ta, number=5, started_on=today - timedelta(days=4 * 365), ends_on=today + timedelta(days=30)
    )
    make_term(make_org("震泽镇远期党支部", ta), started_on=today - timedelta(days=30))  # not due
    make_term(
        tree["village_b"], number=1, started_on=today - timedelta(days=5 * 365), ends_on=today
    )  # out of scope
    client.force_login(admin_a)
    url = reverse("orgs:terms_due")
    assert "_export=xlsx" in client.get(url).content.decode()
    ws = sheet(client.get(url, {"_export": "xlsx"}))
    assert ws["A1"].value == "换届提醒"
    assert today.isoformat() in ws["A2"].value
    assert [c.value for c in ws[3]] == ["序号", "组织", "届期", "选举日期", "届满日期", "状态", "剩余天数"]
    data = list(ws.iter_rows(min_row=4, max_row=ws.max_row - 1, values_only=True))
    assert [(r[0], r[1], r[2]) for r in data] == [(1, "众安桥村党委", 2), (2, "震泽镇党委", 5)]
    assert data[0][4].date() == overdue.ends_on and data[0][5] == "已超期" and data[0][6] == -10
    assert data[1][3].date() == due.started_on and data[1][6] == 30
    assert ws.cell(row=4, column=5).number_format == "yyyy-mm-dd"
    total = [c.value for c in ws[ws.max_row]]
    assert total[0] == "合计" and "2" in total[1] and "1" in total[1]
    # The page's filter applies: within village A only the overdue term.
    ws = sheet(client.get(url, {"within": va.pk, "_export": "xlsx"}))
    assert [r[1] for r in ws.iter_rows(min_row=4, max_row=ws.max_row - 1, values_only=True)] == [
        "众安桥村党委"
    ]
    assert "众安桥村党委" in ws["A2"].value
    entries = ChangeLog.objects.filter(action="export", after__source="orgs.term.due").order_by("id")
    assert [e.after["rows"] for e in entries] == [2, 1]
    assert entries[1].after["filter"] == {"within": str(va.pk)}
