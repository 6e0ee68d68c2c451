"""Rules of cadre training, with their sources. Thresholds with no public spec are configurable
(``core.Setting`` rows override the defaults here) and the pages say so."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

__all__ = [
    "Tier",
    "DEFAULT_TIERS",
    "TIERS_SETTING",
    "DEFAULT_COMPLETION_RATE",
    "MAX_LEAVE_SHARE",
    "tiers",
    "tier_choices",
    "tier_for",
    "requirement_window",
    "is_completed",
    "leave_exceeded",
]


@dataclass(frozen=True)
class Tier:
    code: str
    label: object  # text (lazy for the defaults)
    hours: Decimal  # hours required in each window
    years: int  # length of the window in years, ending with the year looked at


# 《干部教育培训工作条例》(2023) 第二十七条, RULES.md §3.7 "Training hours": 县处级 and above (and
# 四级调研员 and above) ≥ 550 学时 every 5 years; 乡科级 and 一级主任科员 and below ≥ 90 学时 a
# year. Which tier a person is in comes from their rank (cadres app); until then the tier is
# recorded on the enrollment. Overridable as data: setting ``training.requirement_tiers``.
DEFAULT_TIERS = (
    Tier("township", _("township/section level and below"), Decimal("90"), 1),
    Tier("county", _("county/division level and above"), Decimal("550"), 5),
)
TIERS_SETTING = "training.requirement_tiers"

# No public spec: the seeds' classes use "80% attendance" as the usual completion rule; each class
# may set its own. Default 0.80 (RULES.md §3.7 gives none).
DEFAULT_COMPLETION_RATE = Decimal("0.80")

# 《干部教育培训工作条例》: leave during a course of more than 1/7 of its hours withdraws the
# trainee (RULES.md §3.7).
MAX_LEAVE_SHARE = Fraction(1, 7)


def tiers() -> tuple[Tier, ...]:
    """The requirement tiers: the setting when an admin has set one, else the defaults."""
    from orgwork.core.settings_store import get_setting

    value = get_setting(TIERS_SETTING)
    if not value:
        return DEFAULT_TIERS
    return tuple(Tier(t["code"], t["label"], Decimal(str(t["hours"])), int(t["years"])) for t in value)


def tier_choices():
    return [(t.code, t.label) for t in tiers()]


def tier_for(code: str) -> Tier | None:
    return next((t for t in tiers() if t.code == code), None)


def requirement_window(tier: Tier, year: int) -> tuple[int, int]:
    """First and last calendar year counted for ``year``: the year itself for a yearly
    requirement, the five years ending with it for the 5-year one."""
    return year - tier.years + 1, year


def is_completed(attended_hours, total_hours, leave_hours, rate) -> bool:
    """A trainee completes a class when the attended share of its hours reaches ``rate``
    (inclusive) and leave stays within 1/7 of its hours (inclusive). A class with no hours
    scheduled yet has nobody completed."""
    total = Fraction(Decimal(total_hours or 0))
    if total <= 0:
        return False
    if leave_exceeded(leave_hours, total_hours):
        return False
    return Fraction(Decimal(attended_hours or 0)) / total >= Fraction(Decimal(rate))


def leave_exceeded(leave_hours, total_hours) -> bool:
    total = Fraction(Decimal(total_hours or 0))
    if total <= 0:
        return False
    return Fraction(Decimal(leave_hours or 0)) > MAX_LEAVE_SHARE * total
