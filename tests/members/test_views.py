"""Every door of the member registry's models, through the generic page and API suites."""

from datetime import date

from orgwork.core.testing.api import ModelApiSuite
from orgwork.core.testing.views import ModelViewSuite
from tests.factories import make_org, make_person
from tests.members.cases import (
    DueCases,
    MeetingAttendanceCases,
    MeetingCases,
    MemberCases,
    RecruitmentCases,
    RecruitmentStepCases,
    TransferCases,
)
from tests.members.factories import make_member, make_recruitment


class MemberData:
    def create_data(self, tree):
        person = make_person("新党员", tree["village_a"])
        return {
            "person": person.pk,
            "org": tree["village_a"].pk,
            "status": "full",
            "category": "in_service",
            "joined_on": "2015-07-01",
            "confirmed_on": "2016-07-01",
            "membership_state": "normal",
            "dues_base": "4000",
        }


class TestMemberViews(MemberData, MemberCases, ModelViewSuite):
    bulk_change = ("category", "retired")


class TestMemberApi(MemberData, MemberCases, ModelApiSuite):
    pass


class RecruitmentData:
    def create_data(self, tree):
        person = make_person("新申请人", tree["village_a"], birth=date(1998, 1, 1))
        return {
            "person": person.pk,
            "org": tree["village_a"].pk,
            "applied_on": "2024-03-01",
            "training_days": "0",
            "training_hours": 0,
        }


class TestRecruitmentViews(RecruitmentData, RecruitmentCases, ModelViewSuite):
    pass


class TestRecruitmentApi(RecruitmentData, RecruitmentCases, ModelApiSuite):
    pass


class StepData:
    scope_fields = ("recruitment",)

    def create_data(self, tree):
        rec = make_recruitment(tree["village_a"], "新步骤人")
        return {"recruitment": rec.pk, "step": 1, "done_on": "2024-01-10"}


class TestRecruitmentStepViews(StepData, RecruitmentStepCases, ModelViewSuite):
    pass


class TestRecruitmentStepApi(StepData, RecruitmentStepCases, ModelApiSuite):
    pass


class DueData:
    scope_fields = ("member",)

    def create_data(self, tree):
        m = make_member(tree["village_a"], "新缴费人")
        return {"member": m.pk, "month": "2025-03-01", "base": "4000", "paid": "0", "voluntary": "0"}


class TestDueViews(DueData, DueCases, ModelViewSuite):
    pass


class TestDueApi(DueData, DueCases, ModelApiSuite):
    pass


class TransferData:
    scope_fields = ("member",)

    def create_data(self, tree):
        m = make_member(tree["village_a"], "新转出人")
        make_org("震泽新支部", tree["town_a"], code="ZZ-NEW")
        return {
            "member": m.pk,
            "kind": "within",
            "to_org": "ZZ-NEW",
            "letter_kind": "online",
            "valid_days": 30,
        }


class TestTransferViews(TransferData, TransferCases, ModelViewSuite):
    pass


class TestTransferApi(TransferData, TransferCases, ModelApiSuite):
    def create_data(self, tree):
        data = super().create_data(tree)
        from orgwork.orgs.models import Org

        data["to_org"] = Org.objects.get(code="ZZ-NEW").pk
        return data


class MeetingData:
    def create_data(self, tree):
        return {
            "org": tree["village_a"].pk,
            "kind": "theme_day",
            "held_on": "2025-03-05",
            "topic": "主题党日",
            "expected": 20,
            "present": 18,
        }


class TestMeetingViews(MeetingData, MeetingCases, ModelViewSuite):
    marker_attr = "org"


class TestMeetingApi(MeetingData, MeetingCases, ModelApiSuite):
    pass


class MeetingAttendanceData:
    scope_fields = ("meeting", "member")

    def create_data(self, tree):
        from tests.members.factories import make_meeting

        branch = make_org("震泽新出勤支部", tree["town_a"])
        return {
            "meeting": make_meeting(branch).pk,
            "member": make_member(branch, "新出勤人").pk,
            "status": "absent",
            "reason": "",
        }


class TestMeetingAttendanceViews(MeetingAttendanceData, MeetingAttendanceCases, ModelViewSuite):
    pass


class TestMeetingAttendanceApi(MeetingAttendanceData, MeetingAttendanceCases, ModelApiSuite):
    pass


def test_a_step_and_a_roll_row_are_placed_where_their_recruitment_and_meeting_are(db, tree):
    """Whoever sees a branch's recruitments and meetings sees their steps and rolls: each row is
    placed at its parent's branch, whatever branch it was given."""
    from orgwork.core.services import create_object
    from orgwork.members.models import MeetingAttendance, RecruitmentStep
    from tests.members.factories import make_meeting

    branch = make_org("震泽安置支部", tree["town_a"])
    step = create_object(
        RecruitmentStep(
            recruitment=make_recruitment(branch), org=tree["village_a"], step=1, done_on=date(2024, 1, 10)
        ),
        actor=None,
    )
    row = create_object(
        MeetingAttendance(meeting=make_meeting(branch), member=make_member(branch, "安置人")), actor=None
    )
    for placed in (step, row):
        assert (placed.org_id, placed.org_path) == (branch.pk, branch.path)
