"""Imports of a branch's 发展党员台账 (recruitments and their dated steps, the steps through the
same rules as the page) and of 三会一课 roll calls: all or nothing, a re-import updates instead of
duplicating, rows outside the user's scope are refused."""

from datetime import date

import pytest

from orgwork.members.importers import MeetingAttendanceImporter, RecruitmentImporter, RecruitmentStepImporter
from orgwork.members.models import Meeting, MeetingAttendance, Member, Recruitment, RecruitmentStep
from orgwork.members.services import record_step
from tests.factories import make_person
from tests.imports.helpers import write_xlsx
from tests.members.factories import make_meeting, make_member, make_recruitment

pytestmark = pytest.mark.django_db

REC_HEADERS = ["身份证号", "党支部", "申请入党日期", "培训天数", "培训学时", "培养联系人", "入党介绍人"]


def test_recruitment_ledger_imports_and_reimport_updates(tree, admin_a, tmp_path):
    a = make_person("申请人甲", tree["village_a"], birth=date(1998, 4, 1))
    b = make_person("申请人乙", tree["village_a"], birth=date(2000, 6, 1))
    rows = [
        [a.id_number, "众安桥村党委", "2024-03-01", 3, 24, "王五", ""],
        [b.id_number, "320509101201", "2024/5/6", "", "", "", ""],
    ]
    result = RecruitmentImporter(admin_a).run(write_xlsx(tmp_path / "r.xlsx", REC_HEADERS, rows), commit=True)
    assert result.committed, result.as_dict()
    got = {
        r.person_id: (r.org_id, r.applied_on, r.stage, r.training_hours) for r in Recruitment.objects.all()
    }
    assert got == {
        a.pk: (tree["village_a"].pk, date(2024, 3, 1), "applicant", 24),
        b.pk: (tree["village_a"].pk, date(2024, 5, 6), "applicant", 0),
    }
    rows[0][5] = "王五、赵六"
    again = RecruitmentImporter(admin_a).run(write_xlsx(tmp_path / "r2.xlsx", REC_HEADERS, rows), commit=True)
    assert (again.committed, again.created, again.updated, again.unchanged) == (True, 0, 1, 1)
    assert Recruitment.objects.count() == 2
    assert Recruitment.objects.get(person=a).mentors == "王五、赵六"


def test_an_underage_applicant_or_a_branch_out_of_scope_imports_nothing(tree, admin_a, tmp_path):
    adult = make_person("成年人", tree["village_a"], birth=date(1998, 4, 1))
    young = make_person("未成年人", tree["village_a"], birth=date(2007, 6, 1))
    rows = [
        [adult.id_number, "众安桥村党委", "2024-03-01", "", "", "", ""],
        [young.id_number, "众安桥村党委", "2024-03-01", "", "", "", ""],  # 16 on the date
    ]
    result = RecruitmentImporter(admin_a).run(write_xlsx(tmp_path / "r.xlsx", REC_HEADERS, rows), commit=True)
    assert not result.committed
    [err] = result.errors
    assert (err.row, err.column) == (3, "递交入党申请书日期") and "18" in err.reason
    rows = [[adult.id_number, "黄家溪村党总支", "2024-03-01", "", "", "", ""]]
    result = RecruitmentImporter(admin_a).run(write_xlsx(tmp_path / "o.xlsx", REC_HEADERS, rows), commit=True)
    assert not result.committed and result.refused_rows == 1
    assert not Recruitment.objects.exists()


STEP_HEADERS = ["身份证号", "步骤", "完成日期", "相关人员", "应到人数", "实到人数", "赞成票"]


def test_steps_import_through_the_rules_and_reimport_updates(tree, admin_a, tmp_path):
    rec = make_recruitment(tree["village_a"], "步骤甲", applied=date(2024, 1, 10))
    number = rec.person.id_number
    rows = [
        [number, "1", "2024-01-10", "", "", "", ""],
        [number, "党组织派人谈话", "2024-01-20", "支部书记", "", "", ""],
        [number, "3 推荐和确定入党积极分子", "2024-02-01", "", "", "", ""],
    ]
    result = RecruitmentStepImporter(admin_a).run(
        write_xlsx(tmp_path / "s.xlsx", STEP_HEADERS, rows), commit=True
    )
    assert result.committed and result.created == 3, result.as_dict()
    rec.refresh_from_db()
    assert (rec.stage, rec.last_step, rec.activist_on) == ("activist", 3, date(2024, 2, 1))
    rows[1][3] = "支部书记王五"
    again = RecruitmentStepImporter(admin_a).run(
        write_xlsx(tmp_path / "s2.xlsx", STEP_HEADERS, rows), commit=True
    )
    assert (again.committed, again.created, again.updated, again.unchanged) == (True, 0, 1, 2)
    assert RecruitmentStep.objects.filter(recruitment=rec).count() == 3
    assert RecruitmentStep.objects.get(recruitment=rec, step=2).people == "支部书记王五"


def test_a_step_the_rules_refuse_imports_none_of_the_file(tree, admin_a, tmp_path):
    rec = make_recruitment(tree["village_a"], "步骤乙", applied=date(2024, 1, 10))
    for step, day in ((1, date(2024, 1, 10)), (2, date(2024, 1, 20)), (3, date(2024, 2, 1))):
        record_step(rec, step, done_on=day, actor=None)
    number = rec.person.id_number
    rows = [
        [number, "4", "2024-02-10", "", "", "", ""],
        [number, "5", "2024-02-15", "王五", "", "", ""],
        [number, "6", "2024-03-01", "", "", "", ""],
        [number, "7", "2024-12-01", "", "", "", ""],  # 304 days as an activist: a year is required
    ]
    result = RecruitmentStepImporter(admin_a).run(
        write_xlsx(tmp_path / "s.xlsx", STEP_HEADERS, rows), commit=True
    )
    assert not result.committed
    [err] = result.errors
    assert (err.row, err.column) == (5, "步骤") and "304" in err.reason
    rec.refresh_from_db()
    assert (rec.last_step, rec.mentors) == (3, "")
    assert RecruitmentStep.objects.filter(recruitment=rec).count() == 3
    # Out of order (step 5 before 4) is refused with the page's reason.
    rows = [[number, "5", "2024-02-15", "王五", "", "", ""]]
    result = RecruitmentStepImporter(admin_a).run(
        write_xlsx(tmp_path / "o.xlsx", STEP_HEADERS, rows), commit=True
    )
    assert not result.committed and "4" in result.errors[0].reason


def test_steps_of_a_recruitment_out_of_scope_are_refused(tree, admin_a, tmp_path):
    other = make_recruitment(tree["village_b"], "外镇申请人")
    rows = [[other.person.id_number, "1", "2024-01-10", "", "", "", ""]]
    result = RecruitmentStepImporter(admin_a).run(
        write_xlsx(tmp_path / "s.xlsx", STEP_HEADERS, rows), commit=True
    )
    assert not result.committed and result.errors[0].row == 2
    assert "外镇申请人" not in str(result.as_dict())
    assert not RecruitmentStep.objects.exists()


ROLL_HEADERS = ["党支部", "会议日期", "会议类型", "身份证号", "出勤情况", "请假事由"]


def test_roll_call_imports_and_recounts_the_meeting(tree, admin_a, tmp_path):
    meeting = make_meeting(tree["village_a"], held_on=date(2025, 2, 10))  # 10 expected, 9 present
    m1 = make_member(tree["village_a"], "出席党员")
    m2 = make_member(tree["village_a"], "请假党员")
    rows = [
        ["众安桥村党委", "2025-02-10", "支部党员大会", m1.person.id_number, "出席", ""],
        ["320509101201", "2025/2/10", "general_meeting", m2.person.id_number, "请假", "外出务工"],
    ]
    result = MeetingAttendanceImporter(admin_a).run(
        write_xlsx(tmp_path / "a.xlsx", ROLL_HEADERS, rows), commit=True
    )
    assert result.committed, result.as_dict()
    assert set(MeetingAttendance.objects.values_list("member_id", "status", "reason")) == {
        (m1.pk, "present", ""),
        (m2.pk, "excused", "外出务工"),
    }
    meeting.refresh_from_db()
    assert (meeting.expected, meeting.present) == (2, 1)
    rows[1][4:] = ["出席", ""]
    again = MeetingAttendanceImporter(admin_a).run(
        write_xlsx(tmp_path / "a2.xlsx", ROLL_HEADERS, rows), commit=True
    )
    assert (again.committed, again.updated, again.unchanged) == (True, 1, 1)
    assert MeetingAttendance.objects.count() == 2
    meeting.refresh_from_db()
    assert (meeting.expected, meeting.present) == (2, 2)


def test_a_bad_roll_row_or_one_out_of_scope_imports_nothing(tree, admin_a, tmp_path):
    meeting = make_meeting(tree["village_a"], held_on=date(2025, 2, 10))
    make_meeting(tree["village_b"], held_on=date(2025, 2, 10))
    m1 = make_member(tree["village_a"], "出席党员")
    m2 = make_member(tree["village_a"], "请假党员")
    other = make_member(tree["village_b"], "外镇党员")
    rows = [
        ["众安桥村党委", "2025-02-10", "支部党员大会", m1.person.id_number, "出席", ""],
        ["众安桥村党委", "2025-02-10", "支部党员大会", m2.person.id_number, "请假", ""],  # no reason
    ]
    result = MeetingAttendanceImporter(admin_a).run(
        write_xlsx(tmp_path / "a.xlsx", ROLL_HEADERS, rows), commit=True
    )
    assert not result.committed
    [err] = result.errors
    assert (err.row, err.column) == (3, "请假事由") and err.reason
    for row in (
        ["众安桥村党委", "2025-02-10", "支部党员大会", other.person.id_number, "出席", ""],
        ["黄家溪村党总支", "2025-02-10", "支部党员大会", m1.person.id_number, "出席", ""],
        ["众安桥村党委", "2025-02-11", "支部党员大会", m1.person.id_number, "出席", ""],  # no meeting
    ):
        result = MeetingAttendanceImporter(admin_a).run(
            write_xlsx(tmp_path / "o.xlsx", ROLL_HEADERS, [row]), commit=True
        )
        assert not result.committed and result.errors[0].row == 2, row
    assert not MeetingAttendance.objects.exists()
    meeting.refresh_from_db()
    assert (meeting.expected, meeting.present) == (10, 9)
    assert Member.objects.count() == 3 and Meeting.objects.count() == 2


@pytest.mark.parametrize("model", ["recruitment", "recruitmentstep", "meetingattendance"])
def test_the_import_page_and_template_of_each_ledger(model, tree, admin_a, client_for):
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    client = client_for(admin_a)
    page = client.get(reverse(f"members:{model}_import"))
    assert page.status_code == 200 and "下载模板" in page.content.decode()
    wb = load_workbook(io.BytesIO(client.get(reverse(f"members:{model}_import_template")).content))
    headers = [c.value for c in wb.worksheets[0][1]]
    assert "身份证号*" in headers
    notes = [r[3] for r in wb["填写说明"].iter_rows(values_only=True) if r and r[0] == "身份证号"]
    assert notes and "身份证号" in notes[0]


def test_a_person_with_a_stopped_recruitment_imports_into_the_current_one(tree, admin_a, tmp_path):
    from orgwork.core.services import create_object
    from orgwork.members.services import stop_recruitment

    old = make_recruitment(tree["village_a"], "再次申请人", applied=date(2020, 3, 1))
    stop_recruitment(old, "本人撤回申请", actor=None)
    new = create_object(
        Recruitment(person=old.person, org=tree["village_a"], applied_on=date(2024, 1, 10)), actor=None
    )
    rows = [[old.person.id_number, "众安桥村党委", "2024-01-10", "", "", "王五", ""]]
    result = RecruitmentImporter(admin_a).run(write_xlsx(tmp_path / "r.xlsx", REC_HEADERS, rows), commit=True)
    assert (result.committed, result.updated) == (True, 1), [str(e) for e in result.errors]
    rows = [[old.person.id_number, "1", "2024-01-10", "", "", "", ""]]
    steps = RecruitmentStepImporter(admin_a).run(
        write_xlsx(tmp_path / "s.xlsx", STEP_HEADERS, rows), commit=True
    )
    assert steps.committed, steps.as_dict()
    assert list(RecruitmentStep.objects.values_list("recruitment_id", flat=True)) == [new.pk]
    new.refresh_from_db()
    old.refresh_from_db()
    assert (new.mentors, new.last_step, old.mentors, old.stage) == ("王五", 1, "", "stopped")


def test_the_approval_step_imported_makes_the_person_a_probationary_member(tree, admin_a, tmp_path):
    rec = make_recruitment(tree["village_a"], "待审批人", applied=date(2023, 1, 10))
    days = {1: "2023-01-10", 2: "2023-01-20", 3: "2023-02-01", 4: "2023-02-10", 5: "2023-02-15"}
    days |= {6: "2023-03-01", 7: "2024-02-05", 8: "2024-02-10", 9: "2024-02-15", 10: "2024-02-20"}
    days |= {11: "2024-03-01", 12: "2024-03-10", 13: "2024-03-15", 14: "2024-03-20", 15: "2024-04-10"}
    for step, day in days.items():
        extra = {"training_days": 3} if step == 11 else {}
        if step == 15:
            extra = {"expected": 10, "present": 9, "in_favour": 9}
        record_step(rec, step, done_on=date.fromisoformat(day), actor=None, **extra)
    number = rec.person.id_number
    rows = [
        [number, "16", "2024-04-20", "组织委员", "", "", ""],
        [number, "入党审批", "2024-05-20", "", "", "", ""],
    ]
    result = RecruitmentStepImporter(admin_a).run(
        write_xlsx(tmp_path / "s.xlsx", STEP_HEADERS, rows), commit=True
    )
    assert result.committed and result.created == 2, [str(e) for e in result.errors]
    member = Member.objects.get(person=rec.person)
    assert (member.status, member.joined_on, member.org_id) == (
        "probationary",
        date(2024, 4, 10),
        tree["village_a"].pk,
    )
    rec.refresh_from_db()
    assert (rec.stage, rec.approved_on) == ("probationary", date(2024, 5, 20))
