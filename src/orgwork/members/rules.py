"""Rules of the member registry, each with its source. Figures without a binding national number
are overridable at run time with a ``core.Setting`` (key in capitals below); the defaults are the
figures of shared/domain/RULES.md and the seeds."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from orgwork.core.settings_store import get_setting
from orgwork.members.choices import MeetingKind, MemberCategory
from orgwork.orgs.rules import add_months

__all__ = [
    "MIN_AGE",
    "ACTIVIST_MIN_DAYS",
    "TRAINING_MIN_DAYS",
    "TRAINING_MIN_HOURS",
    "TALK_WITHIN_MONTHS",
    "APPROVAL_WARN_MONTHS",
    "APPROVAL_MAX_MONTHS",
    "PROBATION_MONTHS",
    "EXTENSION_MIN_MONTHS",
    "EXTENSION_MAX_MONTHS",
    "publicity_workdays",
    "age_on",
    "years_between",
    "quorum_ok",
    "majority_ok",
    "IN_SERVICE_BRACKETS",
    "RETIRED_BRACKETS",
    "FLAT_MONTHLY",
    "monthly_due",
    "due_rate",
    "LAPSE_MONTHS",
    "BACK_PAYMENT_MONTHS",
    "VOLUNTARY_CENTRAL_THRESHOLD",
    "LETTER_VALID_DAYS",
    "LETTER_MAX_DAYS",
    "RECEIPT_MONTHS",
    "MEETING_CADENCE",
    "party_age_band",
    "AGE_BANDS",
    "PARTY_AGE_BANDS",
]

# RULES.md §3.1 — 党章第一条, 细则第五条: an applicant must be at least 18 years old.
MIN_AGE = 18
# RULES.md §3.1 — 细则第十三条: "经过一年以上培养教育和考察" before 发展对象. 365 days, so the
# activist of 364 days is refused.
ACTIVIST_MIN_DAYS = 365
# RULES.md §3.1 — 细则第十七条: 集中培训 at least 3 days or 24 学时.
TRAINING_MIN_DAYS = 3
TRAINING_MIN_HOURS = 24
# RULES.md §3.1 — 细则第六条 (art. unverified): the talk within 1 month of the application.
TALK_WITHIN_MONTHS = 1
# RULES.md §3.1 — 细则第二十三条 (art. unverified): 审批 within 3 months of the 支部大会, at most 6.
APPROVAL_WARN_MONTHS = 3
APPROVAL_MAX_MONTHS = 6
# RULES.md §3.1 — 党章第七条: 预备期 1 year from the 支部大会; 延长 ≥ 6 and ≤ 12 months.
PROBATION_MONTHS = 12
EXTENSION_MIN_MONTHS = 6
EXTENSION_MAX_MONTHS = 12


def publicity_workdays() -> int:
    """RULES.md §3.1: the 细则 sets no day count; local rules require ≥ 5 working days of 公示.
    Configurable (Setting ``MEMBERS_PUBLICITY_WORKDAYS``), never below 5."""
    return max(5, int(get_setting("MEMBERS_PUBLICITY_WORKDAYS", 5) or 5))


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


years_between = age_on


def quorum_ok(expected: int, present: int) -> bool:
    """RULES.md §3.1 — 细则第二十条: voting members present must be more than half of those who
    should attend (应到会有表决权的正式党员)."""
    return expected > 0 and present * 2 > expected


def majority_ok(expected: int, in_favour: int) -> bool:
    """RULES.md §3.1: 赞成 more than half of 应到会有表决权的正式党员 (not of those present)."""
    return expected > 0 and in_favour * 2 > expected


# RULES.md §3.2 — 《关于中国共产党党费收缴、使用和管理的规定》第二条: after-tax monthly base B;
# B ≤ 3000 → 0.5 %; ≤ 5000 → 1 %; ≤ 10000 → 1.5 %; above → 2 %. One rate on the whole base.
IN_SERVICE_BRACKETS = (
    (Decimal(3000), Decimal("0.005")),
    (Decimal(5000), Decimal("0.01")),
    (Decimal(10000), Decimal("0.015")),
    (None, Decimal("0.02")),
)
# 第五条: retired members, on the pension total: ≤ 5000 → 0.5 %, above → 1 %.
RETIRED_BRACKETS = ((Decimal(5000), Decimal("0.005")), (None, Decimal("0.01")))
# 第六条: 农民党员 0.2–1 元 a month (default the lower end; the branch may set the member's own
# amount); 学生, 下岗失业, 低保: 0.2 元 a month.
FLAT_MONTHLY = {
    MemberCategory.FARMER: Decimal("0.20"),
    MemberCategory.STUDENT: Decimal("0.20"),
    MemberCategory.UNEMPLOYED: Decimal("0.20"),
    MemberCategory.RELIEF: Decimal("0.20"),
}
FARMER_RANGE = (Decimal("0.20"), Decimal("1.00"))
CENT = Decimal("0.01")


def due_rate(category: str, base: Decimal) -> Decimal | None:
    """The rate applied to ``base`` for a member of ``category``; None for a flat amount."""
    if category in FLAT_MONTHLY:
        return None
    brackets = RETIRED_BRACKETS if category == MemberCategory.RETIRED else IN_SERVICE_BRACKETS
    for limit, rate in brackets:
        if limit is None or base <= limit:
            return rate
    return brackets[-1][1]


def monthly_due(category: str, base, fixed=None) -> Decimal:
    """The monthly dues of a member: a flat amount for 农民/学生/失业/低保 (``fixed`` overrides it
    for a farmer within 0.2–1 元), else the bracket rate × the declared after-tax base, to the fen."""
    if category in FLAT_MONTHLY:
        if fixed is not None and category == MemberCategory.FARMER:
            return Decimal(fixed).quantize(CENT)
        return FLAT_MONTHLY[category]
    base = Decimal(base or 0)
    return (base * due_rate(category, base)).quantize(CENT, rounding=ROUND_HALF_UP)


# RULES.md §3.3 — 党章第九条: 6 consecutive months without dues (or 组织生活) → treated as 自行脱党.
LAPSE_MONTHS = 6
# RULES.md §3.2 第十二条: back-payment at most 6 months.
BACK_PAYMENT_MONTHS = 6
# 第十一条: a single voluntary payment of 1000 元 or more goes wholly to the Centre.
VOLUNTARY_CENTRAL_THRESHOLD = Decimal(1000)

# RULES.md §3.3: a letter is valid typically 10 days within the city, 30 outside; at most 3 months.
LETTER_VALID_DAYS = {"city": 10, "outside": 30}
LETTER_MAX_DAYS = 90
# The 回执 returns within 1 month of receipt.
RECEIPT_MONTHS = 1

# RULES.md §3.5 — 《支部工作条例》: 党员大会 once a quarter; 支委会 and 党小组会 monthly; 党课 at least
# once a year; 主题党日 monthly; 组织生活会 and 民主评议 once a year. Count required in a quarter
# (the yearly ones in Q4). Configurable with Setting ``MEMBERS_MEETING_CADENCE``.
MEETING_CADENCE = {
    MeetingKind.GENERAL_MEETING: ("quarter", 1),
    MeetingKind.COMMITTEE_MEETING: ("quarter", 3),
    MeetingKind.GROUP_MEETING: ("quarter", 3),
    MeetingKind.THEME_DAY: ("quarter", 3),
    MeetingKind.PARTY_LECTURE: ("year", 1),
    MeetingKind.LIFE_MEETING: ("year", 1),
    MeetingKind.APPRAISAL: ("year", 1),
}


def meeting_cadence() -> dict:
    return {**MEETING_CADENCE, **(get_setting("MEMBERS_MEETING_CADENCE", {}) or {})}


# Statistics bands (党统 table 2 age bands; 党龄 bands of the 党统 table 3 style).
AGE_BANDS = (
    (0, 30, "≤30"),
    (31, 35, "31–35"),
    (36, 40, "36–40"),
    (41, 45, "41–45"),
    (46, 50, "46–50"),
    (51, 55, "51–55"),
    (56, 60, "56–60"),
    (61, 70, "61–70"),
    (71, 200, "≥71"),
)
PARTY_AGE_BANDS = (
    (0, 4, "<5"),
    (5, 9, "5–9"),
    (10, 19, "10–19"),
    (20, 29, "20–29"),
    (30, 49, "30–49"),
    (50, 200, "≥50"),
)


def party_age_band(years: int | None) -> str:
    if years is None:
        return _("probationary")
    for lo, hi, label in PARTY_AGE_BANDS:
        if lo <= years <= hi:
            return label
    return PARTY_AGE_BANDS[-1][2]


def probation_end(admitted_on: date, extended_months: int = 0) -> date:
    """The day the probation ends: 1 year (+ extension) after the 支部大会 that admitted."""
    return add_months(admitted_on, PROBATION_MONTHS + (extended_months or 0))
