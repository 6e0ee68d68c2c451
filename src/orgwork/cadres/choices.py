"""Pick lists of cadre records: the national code tables (shared/domain/RULES.md §2.4) and our own
lists where no code table exists (tracks, assignment kinds, reserve classes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = [
    "Rank",
    "RANK_LEVEL",
    "LEADING_RANKS",
    "Track",
    "AppraisalGrade",
    "EducationKind",
    "RewardCode",
    "Relation",
    "ManagementCategory",
    "ReserveClass",
    "AssignmentKind",
    "AssignmentOutcome",
    "ArchiveKind",
    "ProbationResult",
    "Cohort",
]


class Rank(models.TextChoices):
    """ZB09 职务级别 (leading posts, 0121 … 0160) and the 综合管理类 职级 of the 2019 parallel
    system (《公务员职务与职级并行规定》); the 职级 codes are ours (the 01A codes are not public)."""

    CLERK = "0160", "办事员"
    STAFF = "0150", "科员"
    DEPUTY_SECTION = "0142", "乡科级副职"
    SECTION = "0141", "乡科级正职"
    DEPUTY_COUNTY = "0132", "县处级副职"
    COUNTY = "0131", "县处级正职"
    DEPUTY_BUREAU = "0122", "厅局级副职"
    BUREAU = "0121", "厅局级正职"
    GRADE_STAFF_1 = "01A31", "一级科员"
    GRADE_PRINCIPAL_4 = "01A24", "四级主任科员"
    GRADE_PRINCIPAL_3 = "01A23", "三级主任科员"
    GRADE_PRINCIPAL_2 = "01A22", "二级主任科员"
    GRADE_PRINCIPAL_1 = "01A21", "一级主任科员"
    GRADE_RESEARCHER_4 = "01A14", "四级调研员"
    GRADE_RESEARCHER_3 = "01A13", "三级调研员"
    GRADE_RESEARCHER_2 = "01A12", "二级调研员"
    GRADE_RESEARCHER_1 = "01A11", "一级调研员"


# Rung on one ladder: 1 办事员, 2 科员, 3 副科, 4 正科, 5 副处, 6 正处, 7 副厅, 8 正厅. A 职级 sits on
# the rung of the leading post it corresponds to (《公务员职务与职级并行规定》2019 第十九条 table).
RANK_LEVEL = {
    Rank.CLERK: 1,
    Rank.STAFF: 2,
    Rank.GRADE_STAFF_1: 2,
    Rank.DEPUTY_SECTION: 3,
    Rank.GRADE_PRINCIPAL_4: 3,
    Rank.GRADE_PRINCIPAL_3: 3,
    Rank.SECTION: 4,
    Rank.GRADE_PRINCIPAL_2: 4,
    Rank.GRADE_PRINCIPAL_1: 4,
    Rank.DEPUTY_COUNTY: 5,
    Rank.GRADE_RESEARCHER_4: 5,
    Rank.GRADE_RESEARCHER_3: 5,
    Rank.COUNTY: 6,
    Rank.GRADE_RESEARCHER_2: 6,
    Rank.GRADE_RESEARCHER_1: 6,
    Rank.DEPUTY_BUREAU: 7,
    Rank.BUREAU: 8,
}
LEADING_RANKS = {
    Rank.DEPUTY_SECTION,
    Rank.SECTION,
    Rank.DEPUTY_COUNTY,
    Rank.COUNTY,
    Rank.DEPUTY_BUREAU,
    Rank.BUREAU,
}
# The leading rank of each rung (for a vacancy, and to name the "next lower level").
LEADING_BY_LEVEL = {
    3: Rank.DEPUTY_SECTION,
    4: Rank.SECTION,
    5: Rank.DEPUTY_COUNTY,
    6: Rank.COUNTY,
    7: Rank.DEPUTY_BUREAU,
    8: Rank.BUREAU,
}


class Track(models.TextChoices):
    """Seed 001: 党群口、经济口、城建口、政法口、社会事业口."""

    PARTY_MASS = "party_mass", "党群口"
    ECONOMY = "economy", "经济口"
    URBAN = "urban", "城建口"
    LEGAL = "legal", "政法口"
    SOCIAL = "social", "社会事业口"


class AppraisalGrade(models.TextChoices):
    """ZB18 考核结果."""

    EXCELLENT = "1", "优秀"
    COMPETENT = "2", "称职"
    BASIC = "3", "基本称职"
    INCOMPETENT = "4", "不称职"
    UNGRADED = "5", "不定等次"
    NOT_ASSESSED = "6", "不进行考核"


class EducationKind(models.TextChoices):
    """A08 A0837: 1 全日制, 2 在职."""

    FULL_TIME = "1", "全日制教育"
    IN_SERVICE = "2", "在职教育"


class RewardCode(models.TextChoices):
    """ZB65 奖惩 (rewards 011x, sanctions 021x)."""

    HONOUR = "01111", "荣誉称号"
    FIRST_CLASS_MERIT = "01112", "记一等功"
    SECOND_CLASS_MERIT = "01113", "记二等功"
    THIRD_CLASS_MERIT = "01114", "记三等功"
    COMMENDATION = "01115", "嘉奖"
    WARNING = "02110", "警告"
    DEMERIT = "02112", "记过"
    MAJOR_DEMERIT = "02113", "记大过"
    DEMOTION = "02114", "降级"
    DISMISSAL_FROM_POST = "02117", "撤职"
    EXPULSION = "02119", "开除"


class Relation(models.TextChoices):
    """GB/T 4761 家庭关系 (the relations an appointment form lists)."""

    HUSBAND = "11", "丈夫"
    WIFE = "12", "妻子"
    SON = "20", "儿子"
    DAUGHTER = "30", "女儿"
    FATHER = "51", "父亲"
    MOTHER = "52", "母亲"
    FATHER_IN_LAW = "53", "公公"
    MOTHER_IN_LAW = "54", "婆婆"
    WIFE_FATHER = "55", "岳父"
    WIFE_MOTHER = "56", "岳母"
    ELDER_BROTHER = "71", "哥哥"
    YOUNGER_BROTHER = "73", "弟弟"
    ELDER_SISTER = "75", "姐姐"
    YOUNGER_SISTER = "77", "妹妹"
    OTHER = "97", "其他"


class ManagementCategory(models.TextChoices):
    """ZB130 管理类别; 区管 is the district's own (县管) list."""

    CENTRAL = "01", "中管"
    PROVINCIAL = "02", "省管"
    CITY = "03", "市管"
    COUNTY = "04", "县(区)管"
    UNIT = "09", "单位自管"


class ReserveClass(models.TextChoices):
    """分类管理 of the reserve pool (seed 001); the classes are ours, no public spec."""

    KEY = "key", _("key cultivation")
    REGULAR = "regular", _("regular cultivation")
    WATCH = "watch", _("follow-up observation")


class AssignmentKind(models.TextChoices):
    SECONDMENT = "secondment", "挂职"
    ROTATION = "rotation", "轮岗"
    UPWARD = "upward", "上挂跟班"
    FIRST_SECRETARY = "first_secretary", "第一书记"
    VILLAGE_STAY = "village_stay", "驻村(选调生)"
    TRIAL_THEN_APPOINT = "trial_then_appoint", "先挂后任"
    TRIAL_POST = "trial_post", "试岗"
    TASK_FORCE = "task_force", "攻坚专班"


class AssignmentOutcome(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    GOOD = "good", "良好"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class ArchiveKind(models.TextChoices):
    POST = "post", pgettext_lazy("cadres", "post")
    EDUCATION = "education", _("education")
    TRAINING = "training", _("training")
    APPRAISAL = "appraisal", _("annual appraisal")
    ASSIGNMENT = "assignment", _("assignment")
    AWARD = "award", _("reward")
    SANCTION = "sanction", _("sanction")
    CONTEST = "contest", _("contest")
    EVALUATION = "evaluation", pgettext_lazy("cadres", "evaluation")
    APPOINTMENT = "appointment", _("appointment")
    RESERVE = "reserve", _("reserve pool")
    NOTE = "note", _("organizer's note")


class ProbationResult(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed in post")
    RETURNED = "returned", _("returned to former grade")


class Cohort(models.TextChoices):
    """Age cohorts of seed 001 (born 1980–84, 1985–89, 1990 on)."""

    POST80 = "80", "80后"
    POST85 = "85", "85后"
    POST90 = "90", "90后"
