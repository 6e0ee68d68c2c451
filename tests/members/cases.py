"""Per-model data of the member registry for the generic page, API and access-matrix suites."""

from orgwork.members.models import (
    Due,
    Meeting,
    MeetingAttendance,
    Member,
    Recruitment,
    RecruitmentStep,
    Transfer,
)
from orgwork.members.services import record_step
from tests.factories import make_org
from tests.members.factories import make_due, make_meeting, make_member, make_recruitment, make_transfer

__all__ = [
    "MemberCases",
    "RecruitmentCases",
    "RecruitmentStepCases",
    "DueCases",
    "TransferCases",
    "MeetingCases",
    "MeetingAttendanceCases",
    "MEMBER_CASES",
]


class MemberCases:
    model = Member
    marker_attr = "person"

    def make_in_scope(self, tree):
        return make_member(tree["village_a"], "众安党员")

    def make_out_of_scope(self, tree):
        return make_member(tree["village_b"], "黄溪党员")

    def edit_changes(self, obj):
        return {"post": "村会计"}


class RecruitmentCases:
    model = Recruitment
    marker_attr = "person"

    def make_in_scope(self, tree):
        return make_recruitment(tree["village_a"], "众安申请人")

    def make_out_of_scope(self, tree):
        return make_recruitment(tree["village_b"], "黄溪申请人")

    def edit_changes(self, obj):
        return {"mentors": "王五、赵六"}


class RecruitmentStepCases:
    model = RecruitmentStep
    marker_attr = "person"

    def _step(self, org, name):
        from datetime import date

        rec = make_recruitment(org, name)
        return record_step(rec, 1, done_on=date(2024, 1, 10), actor=None).step

    def make_in_scope(self, tree):
        return self._step(tree["village_a"], "众安步骤人")

    def make_out_of_scope(self, tree):
        return self._step(tree["village_b"], "黄溪步骤人")

    def edit_changes(self, obj):
        return {"people": "支部书记王五"}


class DueCases:
    model = Due
    marker_attr = "person"

    def make_in_scope(self, tree):
        return make_due(make_member(tree["village_a"], "众安缴费人"))

    def make_out_of_scope(self, tree):
        return make_due(make_member(tree["village_b"], "黄溪缴费人"))

    def edit_changes(self, obj):
        return {"notes": "本人代缴"}


class TransferCases:
    model = Transfer
    marker_attr = "person"

    def make_in_scope(self, tree):
        return make_transfer(
            make_member(tree["village_a"], "众安转出人"), make_org("震泽某支部", tree["town_a"])
        )

    def make_out_of_scope(self, tree):
        return make_transfer(
            make_member(tree["village_b"], "黄溪转出人"), make_org("盛泽某支部", tree["town_b"])
        )

    def edit_changes(self, obj):
        return {"letter_no": "吴组转〔2025〕8号"}


class MeetingCases:
    model = Meeting
    marker_attr = "org"

    def make_in_scope(self, tree):
        return make_meeting(make_org("震泽镇机关党支部", tree["town_a"]))

    def make_out_of_scope(self, tree):
        return make_meeting(make_org("盛泽镇机关党支部", tree["town_b"]))

    def edit_changes(self, obj):
        return {"topic": "学习二十大报告"}


def make_attendance(branch, member_name, **kw):
    from orgwork.core.services import create_object

    member = make_member(branch, member_name)
    return create_object(MeetingAttendance(meeting=make_meeting(branch), member=member, **kw), actor=None)


class MeetingAttendanceCases:
    model = MeetingAttendance
    marker_attr = "person"

    def make_in_scope(self, tree):
        return make_attendance(tree["village_a"], "众安出勤人")

    def make_out_of_scope(self, tree):
        return make_attendance(tree["village_b"], "黄溪出勤人")

    def edit_changes(self, obj):
        return {"status": "excused", "reason": "出差"}


MEMBER_CASES = [
    MemberCases,
    RecruitmentCases,
    RecruitmentStepCases,
    DueCases,
    TransferCases,
    MeetingCases,
    MeetingAttendanceCases,
]
