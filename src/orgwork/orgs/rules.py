"""Rules of the field for the org tree, each with its source. Overridable at run time via
``core.Setting`` (key ``TERM_YEARS``) so a deployment can follow its province's practice."""

from datetime import date

from orgwork.core.settings_store import get_setting
from orgwork.orgs.choices import OrgKind, OrgLevel

__all__ = [
    "DEFAULT_TERM_YEARS",
    "term_years",
    "add_years",
    "REMINDER_MONTHS",
    "add_months",
    "UNDER_AGES",
    "COLLEGE_CODES",
]

# shared/domain/RULES.md §3.4 — 中办《关于党的基层组织任期的意见》(2018): 党的基层委员会 5 years;
# 总支部委员会 and 支部委员会 3 years; 村 and 社区 党组织 5 years (支部工作条例第21条 agrees).
# Local committees (city/district/town) follow the 5-year term of the local party congress.
DEFAULT_TERM_YEARS = {
    "committee": 5,
    "general_branch": 3,
    "branch": 3,
    "joint_branch": 3,
    "village": 5,
    "community": 5,
}

# RULES.md §3.4: the 上级党组织 reminds a branch 6 months before its term ends.
REMINDER_MONTHS = 6

# Team-structure statistics: the shares the seeds report (seed 004: 平均年龄39岁, 大专以上94%).
UNDER_AGES = (35, 40)
# ZB64 学历 codes of 大专 and above (RULES.md §2.4): 研究生, 研究生班, 党校研究生, 大学, 党校大学, 大专, 党校大专.
COLLEGE_CODES = ("11", "13", "1A", "1B", "21", "2A", "2B", "31", "34", "37")


def term_years(kind: str, level: str) -> int:
    """Term length of an org: village and community orgs 5 years whatever their kind; else by kind."""
    table = {**DEFAULT_TERM_YEARS, **(get_setting("TERM_YEARS", {}) or {})}
    if level in (OrgLevel.VILLAGE, OrgLevel.COMMUNITY):
        return int(table[level])
    return int(table.get(kind, table[OrgKind.BRANCH]))


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    import calendar

    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def add_years(d: date, years: int) -> date:
    return add_months(d, 12 * years)
