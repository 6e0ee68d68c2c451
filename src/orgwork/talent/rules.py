"""Rules of talent work, with their sources. Most of this field has no public spec (RULES.md §0.5:
人才一卡通 and 揭榜挂帅 have none): what is not law is data, a ``core.Setting`` overriding the
defaults below, which carry the seeds' figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

__all__ = [
    "Level",
    "CardTier",
    "DEFAULT_LEVELS",
    "DEFAULT_INDUSTRIES",
    "DEFAULT_CHANNELS",
    "BENEFITS",
    "DEFAULT_CARD_TIERS",
    "CARD_VALID_YEARS",
    "DEFAULT_PLAN",
    "SERVICE_CATEGORIES",
    "SERVICE_DEFAULT_DAYS",
    "SERVICE_DAYS",
    "SERVICE_KIND",
    "levels",
    "level_choices",
    "level_for",
    "industries",
    "industry_choices",
    "channels",
    "channel_choices",
    "card_tiers",
    "card_tier",
    "benefit_label",
    "plan",
    "validate_credit_code",
    "credit_code_check_char",
    "quarter_bounds",
]


@dataclass(frozen=True)
class Level:
    code: str
    label: object
    high_level: bool  # counts as 高层次人才 for the plan
    national: bool  # counts towards the plan's national-level target (千人计划 and the like)
    card_tier: str  # the 人才一卡通 tier a talent of this level gets ("" = none)


# No public spec: the A/B/C/D classification that most districts use (国家级 / 省级 / 市级 / 区级
# 领军人才), plus talents outside the classes. Setting ``talent.levels`` (list of dicts) overrides.
DEFAULT_LEVELS = (
    Level("A", _("class A (national leading talent)"), True, True, "gold"),
    Level("B", _("class B (provincial leading talent)"), True, False, "gold"),
    Level("C", _("class C (city-level talent)"), True, False, "silver"),
    Level("D", _("class D (district-level talent)"), True, False, "blue"),
    Level("E", _("other talent"), False, False, ""),
)
LEVELS_SETTING = "talent.levels"

# Seed 001 (相城区) and seed 003 (蓬江区) both organise talent work around a district's "3+2"
# industries; which five they are differs by district, so the list is data (``talent.industries``).
DEFAULT_INDUSTRIES = (
    ("equipment", _("high-end equipment manufacturing")),
    ("it", _("new-generation information technology")),
    ("materials", _("advanced materials")),
    ("biomed", _("biomedicine and health")),
    ("services", _("modern services and digital economy")),
)
INDUSTRIES_SETTING = "talent.industries"

# 引才渠道 named in seeds 001–003: 国际精英创业周, 百校对百企, 海外创新中心, 千人计划专家对接 …
DEFAULT_CHANNELS = (
    ("startup_week", _("international elite entrepreneurship week")),
    ("school_enterprise", _("hundred schools with hundred enterprises")),
    ("overseas_centre", _("overseas innovation centre")),
    ("expert_matching", _("expert matching event")),
    ("fair", _("job fair")),
    ("referral", _("talent referral")),
    ("other", _("other channel")),
)
CHANNELS_SETTING = "talent.channels"

# 人才一卡通 (seed 003): no public spec; the benefits a district typically attaches to the card.
BENEFITS = {
    "medical": _("medical green channel"),
    "checkup": _("annual health check"),
    "schooling": _("children's school enrolment"),
    "spouse_job": _("spouse employment referral"),
    "housing": _("talent apartment or rent subsidy"),
    "transport": _("free public transport"),
    "culture": _("free entry to parks and venues"),
    "travel_vip": _("VIP lanes at airport and station"),
    "loan": _("talent loan (人才贷)"),
}


@dataclass(frozen=True)
class CardTier:
    code: str
    label: object
    benefits: tuple


DEFAULT_CARD_TIERS = (
    CardTier("gold", _("gold card"), tuple(BENEFITS)),
    CardTier(
        "silver",
        _("silver card"),
        ("medical", "checkup", "schooling", "spouse_job", "housing", "transport", "culture"),
    ),
    CardTier("blue", _("blue card"), ("medical", "housing", "transport", "culture")),
)
CARD_TIERS_SETTING = "talent.card_tiers"
# A card is valid three years from issue (or renewal); no public spec.
CARD_VALID_YEARS = 3

# Seed 001: 人才引进三年计划 — 三年引进3000名各类高层次人才, 到2020年底引进优秀海外专业人才220人,
# 累计培育引进"千人计划"专家40人, 培育省"双创计划"人才36人. Setting ``talent.plan`` overrides.
DEFAULT_PLAN = {
    "name": "人才引进三年计划",
    "start_year": 2018,
    "years": 3,
    "targets": [
        {"code": "high_level", "target": 3000},
        {"code": "overseas", "target": 220},
        {"code": "national", "target": 40},
        {"code": "shuangchuang", "target": 36},
    ],
}
PLAN_SETTING = "talent.plan"

# One-stop service requests (seed 003: 子女入学, 配偶就业, 住房安居; issue 8 adds 医疗, 落户, 创业扶持),
# run as the casework kind below. Working days: no public spec; 10 by default, 15 for school
# enrolment and spouse employment (they wait on the school term and on vacancies), 5 for 落户 and
# 医疗 (a form at the counter). Setting ``casework.kind.talent_service`` overrides (casework.kinds).
SERVICE_KIND = "talent_service"
SERVICE_CATEGORIES = (
    ("housing", _("housing")),
    ("schooling", _("children's school enrolment")),
    ("spouse_job", _("spouse employment")),
    ("medical", _("medical care")),
    ("residence", _("household registration")),
    ("startup", _("business start-up support")),
)
SERVICE_DEFAULT_DAYS = 10
SERVICE_DAYS = {"schooling": 15, "spouse_job": 15, "residence": 5, "medical": 5}


def _setting(key):
    from orgwork.core.settings_store import get_setting

    try:
        return get_setting(key)
    except Exception:  # table not migrated yet (checks, makemigrations)
        return None


def levels() -> tuple[Level, ...]:
    value = _setting(LEVELS_SETTING)
    if not value:
        return DEFAULT_LEVELS
    return tuple(
        Level(
            v["code"], v["label"], bool(v.get("high_level")), bool(v.get("national")), v.get("card_tier", "")
        )
        for v in value
    )


def level_choices():
    return [(lv.code, lv.label) for lv in levels()]


def level_for(code: str) -> Level | None:
    return next((lv for lv in levels() if lv.code == code), None)


def _pairs(key, default):
    value = _setting(key)
    return tuple((v[0], v[1]) for v in value) if value else default


def industries():
    return _pairs(INDUSTRIES_SETTING, DEFAULT_INDUSTRIES)


def industry_choices():
    return list(industries())


def channels():
    return _pairs(CHANNELS_SETTING, DEFAULT_CHANNELS)


def channel_choices():
    return list(channels())


def card_tiers() -> tuple[CardTier, ...]:
    value = _setting(CARD_TIERS_SETTING)
    if not value:
        return DEFAULT_CARD_TIERS
    return tuple(CardTier(v["code"], v["label"], tuple(v["benefits"])) for v in value)


def card_tier(code: str) -> CardTier | None:
    return next((t for t in card_tiers() if t.code == code), None)


def benefit_label(code: str):
    return BENEFITS.get(code, code)


def plan() -> dict:
    return _setting(PLAN_SETTING) or DEFAULT_PLAN


# GB 32100-2015 法人和其他组织统一社会信用代码编码规则: 18 characters from the 31-character set
# below (no I, O, Z, S, V); the 18th is a check character, weights 3^(i) mod 31.
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARS[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    """统一社会信用代码 per GB 32100-2015: length, character set and check character."""
    if not value:
        return
    code = value.strip().upper()
    if len(code) != 18 or any(c not in CREDIT_CHARS for c in code):
        raise ValidationError(
            _("A unified social credit code has 18 digits or capital letters (no I, O, Z, S or V)."),
            code="credit_code_format",
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise ValidationError(
            _("The check character of this unified social credit code is wrong; please check the code."),
            code="credit_code_check",
        )


def quarter_bounds(d: date) -> tuple[date, date]:
    """First and last day of the calendar quarter of ``d`` (联系服务: at least once a quarter)."""
    q = (d.month - 1) // 3
    first = date(d.year, q * 3 + 1, 1)
    last = date(d.year + (q == 3), (q * 3 + 3) % 12 + 1, 1)
    from datetime import timedelta

    return first, last - timedelta(days=1)
