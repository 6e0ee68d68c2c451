"""Imports of the branch ledgers users keep in Excel: 三会一课 records and monthly dues (all or
nothing, a re-import updates instead of duplicating, scope by the branch or the member's ID number)."""

from datetime import date
from decimal import Decimal

import pytest

from orgwork.members.importers import DueImporter, MeetingImporter
from orgwork.members.models import Due, Meeting
from tests.imports.helpers import write_xlsx
from tests.members.factories import make_member

pytestmark = pytest.mark.django_db

MEETING_HEADERS = ["党支部", "会议类型", "召开日期", "会议主题", "应到人数", "实到人数"]


def test_meeting_records_import_and_reimport(tree, admin_a, tmp_path):
    rows = [
        ["众安桥村党委", "支部党员大会", "2026-01-15", "学习党章", 25, 23],
        ["320509101201", "党课", "2026/2/20", "书记讲党课", 25, 24],
    ]
    path = write_xlsx(tmp_path / "m.xlsx", MEETING_HEADERS, rows)
    result = MeetingImporter(admin_a).run(path, commit=True)
    assert result.committed, result.as_dict()
    assert set(Meeting.objects.values_list("org_id", "kind", "held_on", "expected", "present")) == {
        (tree["village_a"].pk, "general_meeting", date(2026, 1, 15), 25, 23),
        (tree["village_a"].pk, "party_lecture", date(2026, 2, 20), 25, 24),
    }
    # The same ledger again, with one count corrected: updated, not duplicated.
    rows[0][5] = 22
    again = MeetingImporter(admin_a).run(write_xlsx(tmp_path / "m2.xlsx", MEETING_HEADERS, rows), commit=True)
    assert again.committed and Meeting.objects.count() == 2
    assert Meeting.objects.get(kind="general_meeting").present == 22


def test_a_bad_meeting_row_or_one_out_of_scope_imports_nothing(tree, admin_a, tmp_path):
    rows = [
        ["众安桥村党委", "支部党员大会", "2026-01-15", "学习党章", 25, 23],
        ["众安桥村党委", "党课", "2026-02-20", "书记讲党课", 20, 24],  # more present than expected
    ]
    result = MeetingImporter(admin_a).run(write_xlsx(tmp_path / "m.xlsx", MEETING_HEADERS, rows), commit=True)
    assert not result.committed and result.errors
    rows = [["黄家溪村党总支", "支部党员大会", "2026-01-15", "外镇会议", 10, 9]]
    result = MeetingImporter(admin_a).run(write_xlsx(tmp_path / "o.xlsx", MEETING_HEADERS, rows), commit=True)
    assert not result.committed
    rows = [["众安桥村党委", "茶话会", "2026-01-15", "不是三会一课", 10, 9]]
    result = MeetingImporter(admin_a).run(write_xlsx(tmp_path / "k.xlsx", MEETING_HEADERS, rows), commit=True)
    assert not result.committed and "茶话会" in str(result.as_dict())
    assert not Meeting.objects.exists()


DUE_HEADERS = ["身份证号", "月份", "交纳基数", "应交金额", "实交金额", "交纳日期"]


def test_dues_ledger_import_by_id_number(tree, admin_a, tmp_path):
    member = make_member(tree["village_a"], "缴费党员")
    number = member.person.id_number
    rows = [
        [number, "2026-03", 6000, "", 90, "2026-03-12"],  # amount left blank: 1.5% of 6,000
        [number, "2026-04-15", 6000, 85, "", ""],  # any day of the month names the month
    ]
    path = write_xlsx(tmp_path / "d.xlsx", DUE_HEADERS, rows)
    result = DueImporter(admin_a).run(path, commit=True)
    assert result.committed, result.as_dict()
    got = {d.month: (d.amount, d.paid, d.paid_on, d.org_id) for d in Due.objects.filter(member=member)}
    assert got == {
        date(2026, 3, 1): (Decimal("90.00"), Decimal("90.00"), date(2026, 3, 12), tree["village_a"].pk),
        date(2026, 4, 1): (Decimal("85.00"), Decimal("0.00"), None, tree["village_a"].pk),
    }
    # April paid later: the same month's row is updated.
    rows = [[number, "2026-04", 6000, 85, 85, "2026-05-06"]]
    again = DueImporter(admin_a).run(write_xlsx(tmp_path / "d2.xlsx", DUE_HEADERS, rows), commit=True)
    assert again.committed, again.as_dict()
    april = Due.objects.get(member=member, month=date(2026, 4, 1))
    assert (april.paid, april.paid_on) == (Decimal("85.00"), date(2026, 5, 6))
    assert Due.objects.count() == 2


def test_dues_of_a_member_out_of_scope_or_without_a_date_import_nothing(tree, admin_a, tmp_path):
    mine = make_member(tree["village_a"], "本镇党员")
    other = make_member(tree["village_b"], "外镇党员")
    rows = [
        [mine.person.id_number, "2026-03", 6000, "", 90, "2026-03-12"],
        [other.person.id_number, "2026-03", 6000, "", 90, "2026-03-12"],
    ]
    result = DueImporter(admin_a).run(write_xlsx(tmp_path / "d.xlsx", DUE_HEADERS, rows), commit=True)
    assert not result.committed and "外镇" not in str(result.as_dict())
    rows = [[mine.person.id_number, "2026-03", 6000, "", 90, ""]]  # paid, but when?
    result = DueImporter(admin_a).run(write_xlsx(tmp_path / "d2.xlsx", DUE_HEADERS, rows), commit=True)
    assert not result.committed and result.errors
    assert not Due.objects.exists()
