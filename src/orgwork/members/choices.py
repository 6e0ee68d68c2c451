"""Pick lists of the member registry (RULES.md §2.1, §3.1–3.5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = [
    "MemberStatus",
    "MemberCategory",
    "MembershipState",
    "Stage",
    "Step",
    "STEP_STAGE",
    "TransferKind",
    "TransferState",
    "LetterKind",
    "MeetingKind",
]


class MemberStatus(models.TextChoices):
    """人员类别 of the national system: 正式党员 / 预备党员."""

    FULL = "full", _("full member")
    PROBATIONARY = "probationary", _("probationary member")


class MemberCategory(models.TextChoices):
    """What the member lives on; it decides the dues rule (RULES.md §3.2)."""

    IN_SERVICE = "in_service", _("in service")
    ANNUAL_SALARY = "annual_salary", _("annual salary")
    SELF_EMPLOYED = "self_employed", _("self-employed")
    RETIRED = "retired", _("retired")
    FARMER = "farmer", _("farmer")
    STUDENT = "student", _("student")
    UNEMPLOYED = "unemployed", _("unemployed")
    RELIEF = "relief", _("living on relief")
    MIGRANT = "migrant", _("migrant")


class MembershipState(models.TextChoices):
    """党籍状态 of the national system."""

    NORMAL = "normal", _("normal")
    SUSPENDED = "suspended", _("membership suspended")
    TRANSFERRED_OUT = "transferred_out", _("transferred out of the system")
    LAPSED = "lapsed", _("left the party")
    DECEASED = "deceased", _("deceased")


class Stage(models.TextChoices):
    """The five stages of 发展党员 (RULES.md §3.1), plus a stopped recruitment."""

    APPLICANT = "applicant", _("applicant")
    ACTIVIST = "activist", _("activist")
    CANDIDATE = "candidate", _("candidate for admission")
    PROBATIONARY = "probationary", _("probationary member")
    FULL = "full", _("full member")
    STOPPED = "stopped", _("stopped")


class Step(models.IntegerChoices):
    """The 25 steps of 《中国共产党发展党员工作细则》(2014), RULES.md §3.1."""

    APPLICATION = 1, "1 递交入党申请书"
    TALK = 2, "2 党组织派人谈话"
    ACTIVIST_CHOSEN = 3, "3 推荐和确定入党积极分子"
    ACTIVIST_FILED = 4, "4 上级党委备案"
    MENTORS = 5, "5 指定培养联系人"
    EDUCATION = 6, "6 培养教育考察"
    CANDIDATE_CHOSEN = 7, "7 确定发展对象"
    CANDIDATE_FILED = 8, "8 报上级党委备案"
    SPONSORS = 9, "9 确定入党介绍人"
    POLITICAL_REVIEW = 10, "10 政治审查"
    TRAINING = 11, "11 集中培训"
    COMMITTEE_REVIEW = 12, "12 支部委员会审查"
    PRE_REVIEW = 13, "13 上级党委预审"
    VOLUNTEER_FORM = 14, "14 填写入党志愿书"
    ADMISSION_MEETING = 15, "15 支部大会讨论"
    UPPER_TALK = 16, "16 上级党委派人谈话"
    ADMISSION_APPROVAL = 17, "17 上级党委审批"
    ADMISSION_FILED = 18, "18 再上一级党委组织部门备案"
    PLACED = 19, "19 编入党支部和党小组"
    OATH = 20, "20 入党宣誓"
    PROBATION_EDUCATION = 21, "21 继续教育考察"
    CONFIRMATION_REQUEST = 22, "22 提出转正申请"
    CONFIRMATION_MEETING = 23, "23 支部大会讨论"
    CONFIRMATION_APPROVAL = 24, "24 上级党委审批"
    ARCHIVED = 25, "25 材料归档"


# The stage each step belongs to (stage 一 … 五 of RULES.md §3.1).
STEP_STAGE = {
    **{s: Stage.APPLICANT for s in (1, 2)},
    **{s: Stage.ACTIVIST for s in (3, 4, 5, 6)},
    **{s: Stage.CANDIDATE for s in (7, 8, 9, 10, 11)},
    **{s: Stage.CANDIDATE for s in (12, 13, 14, 15, 16, 17, 18)},
    **{s: Stage.PROBATIONARY for s in (19, 20, 21, 22, 23, 24, 25)},
}


class TransferKind(models.TextChoices):
    OUT = "out", _("out of the system")
    IN = "in", _("into the system")
    WITHIN = "within", _("within the system")


class TransferState(models.TextChoices):
    """RULES.md §3.3 (owip): 申请 → 审核 → 开具 → 接收 → 回执 → 归档, plus 撤回 / 退回 / 撤销."""

    APPLIED = "applied", _("applied")
    APPROVED = "approved", _("approved by the sending committee")
    ISSUED = "issued", _("letter issued")
    ACCEPTED = "accepted", _("accepted")
    RECEIPTED = "receipted", _("receipt returned")
    ARCHIVED = "archived", _("archived")
    WITHDRAWN = "withdrawn", pgettext_lazy("members", "withdrawn")
    RETURNED = "returned", _("returned by the receiving side")
    CANCELLED = "cancelled", _("cancelled")


class LetterKind(models.TextChoices):
    """RULES.md §3.3: 介绍信 for a fixed destination ≥ 6 months, 证明信 for ≤ 6 months, 活动证 when unfixed."""

    INTRODUCTION = "introduction", _("letter of introduction")
    CERTIFICATE = "certificate", _("certificate letter (temporary)")
    MOBILE_CARD = "mobile_card", _("mobile member activity card")
    ONLINE = "online", _("online (national system)")


class MeetingKind(models.TextChoices):
    """三会一课 and organisational life (RULES.md §3.5)."""

    GENERAL_MEETING = "general_meeting", _("branch general meeting")
    COMMITTEE_MEETING = "committee_meeting", _("branch committee meeting")
    GROUP_MEETING = "group_meeting", _("party group meeting")
    PARTY_LECTURE = "party_lecture", _("party lecture")
    THEME_DAY = "theme_day", _("theme party day")
    LIFE_MEETING = "life_meeting", _("organisational life meeting")
    APPRAISAL = "appraisal", _("democratic appraisal of members")


class AttendanceStatus(models.TextChoices):
    """A member's attendance at a meeting (出席 / 请假 / 缺席)."""

    PRESENT = "present", pgettext_lazy("members", "present")
    EXCUSED = "excused", _("excused (leave asked)")
    ABSENT = "absent", pgettext_lazy("members", "absent")
