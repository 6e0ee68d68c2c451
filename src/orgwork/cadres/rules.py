"""The numbers of cadre work, in one place, each with its source.

National rules are constants here (shared/domain/RULES.md §3.7 quotes the sources). What no public
document fixes (the 五维 dimensions, ranking weights, cohort targets, local age limits) is
configurable: ``settings.CADRES`` holds the defaults (the seeds' figures) and a ``core.Setting``
row named ``cadres.<key>`` overrides them at run time.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from orgwork.cadres.choices import AppraisalGrade, Rank

__all__ = [
    "COUNTY_MIN_WORK_YEARS",
    "COUNTY_MIN_GRASSROOTS_YEARS",
    "COUNTY_MIN_LOWER_POSTS",
    "DEPUTY_TO_HEAD_YEARS",
    "HEAD_TO_UPPER_DEPUTY_YEARS",
    "MIN_EDUCATION_RANK",
    "BUREAU_MIN_EDUCATION_RANK",
    "EXCEPTIONAL_MIN_MONTHS_SINCE_PROMOTION",
    "PARTY_YEARS_COUNTY_COMMITTEE",
    "PARTY_YEARS_CITY_COMMITTEE",
    "PUBLICITY_WORKDAYS",
    "PROBATION_YEARS",
    "TRAINING_HOURS_SECTION_PER_YEAR",
    "TRAINING_HOURS_COUNTY_PER_5_YEARS",
    "education_rank",
    "appraisal_points",
    "cadres_setting",
    "Dimension",
    "dimensions",
    "ranking_weights",
    "cohort_of",
]

# 《党政领导干部选拔任用工作条例》(2019) 第八条 (RULES.md §3.7).
COUNTY_MIN_WORK_YEARS = 5  # 第八条(一): 提任县处级领导职务, 工作经历 ≥ 5 年
COUNTY_MIN_GRASSROOTS_YEARS = 2  # 第八条(一): 基层工作经历 ≥ 2 年
COUNTY_MIN_LOWER_POSTS = 2  # 第八条(二): 提任县处级以上, 一般应有 2 个以上岗位下一级任职经历
DEPUTY_TO_HEAD_YEARS = 2  # 第八条(三): 由副职提任正职, 在副职岗位 ≥ 2 年
HEAD_TO_UPPER_DEPUTY_YEARS = 3  # 第八条(三): 由下级正职提任上级副职, 在下级正职岗位 ≥ 3 年
# 第八条(四): 一般应具有大学专科以上; 厅局级以上大学本科以上. Values are rungs of education_rank().
MIN_EDUCATION_RANK = 2  # 大学专科
BUREAU_MIN_EDUCATION_RANK = 3  # 大学本科
# 第九条 破格: 不得在试用期内, 不得在提任后 1 年内, 不得越两级.
EXCEPTIONAL_MIN_MONTHS_SINCE_PROMOTION = 12
# 第八条(七) with 党章: 县级党委委员 ≥ 3 年党龄, 省/市级党委委员 ≥ 5 年.
PARTY_YEARS_COUNTY_COMMITTEE = 3
PARTY_YEARS_CITY_COMMITTEE = 5
# 任前公示 ≥ 5 个工作日 (2014 条例 第四十一条; RULES.md §3.7).
PUBLICITY_WORKDAYS = 5
# 试用期 1 年 (2014 条例 第四十二条).
PROBATION_YEARS = 1
# 《干部教育培训工作条例》(2023): 乡科级 ≥ 90 学时/年; 县处级 ≥ 550 学时/5 年.
TRAINING_HOURS_SECTION_PER_YEAR = 90
TRAINING_HOURS_COUNTY_PER_5_YEARS = 550


def education_rank(code: str) -> int:
    """ZB64 学历 code → rung: 0 below 专科, 2 专科, 3 本科, 4 研究生 (党校 degrees count at their level)."""
    if not code:
        return 0
    head = code[0]
    return {"1": 4, "2": 3, "3": 2}.get(head, 0)


# Ranking points of an annual appraisal grade (no public spec: ours, documented in the help).
_APPRAISAL_POINTS = {
    AppraisalGrade.EXCELLENT: 100,
    AppraisalGrade.COMPETENT: 80,
    AppraisalGrade.BASIC: 50,
    AppraisalGrade.INCOMPETENT: 0,
}


def appraisal_points(grade: str) -> int | None:
    return _APPRAISAL_POINTS.get(grade)


DEFAULTS = {
    # 五维考量: no public spec (RULES.md §3.9); names and weights are configurable.
    "dimensions": [
        {"key": "political", "label": "政治素质", "weight": 25},
        {"key": "performance", "label": "工作实绩", "weight": 25},
        {"key": "responsibility", "label": "担当作为", "weight": 20},
        {"key": "ability", "label": "履职能力", "weight": 15},
        {"key": "integrity", "label": "廉洁自律", "weight": 15},
    ],
    # Ranking of eligible candidates: shares of the 五维 score, the last three appraisals and the archive.
    "ranking_weights": {"evaluation": 50, "appraisal": 30, "archive": 20},
    # The 1333 plan of seed 001: +150 post-80 科级 cadres in three years, of them +40 post-85, +18 post-90.
    "cohort_targets": [
        {"born_from": 1980, "increase": 150},
        {"born_from": 1985, "increase": 40},
        {"born_from": 1990, "increase": 18},
    ],
    # Assignments ending within this many days are listed as ending soon.
    "ending_soon_days": 30,
}


def cadres_setting(key):
    """A run-time override (core.Setting ``cadres.<key>``), else settings.CADRES, else the default."""
    from orgwork.core.settings_store import get_setting

    configured = getattr(settings, "CADRES", {}) or {}
    return get_setting("cadres." + key, configured.get(key, DEFAULTS[key]))


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    weight: float


def dimensions() -> list[Dimension]:
    return [Dimension(d["key"], d["label"], float(d["weight"])) for d in cadres_setting("dimensions")]


def ranking_weights() -> dict[str, float]:
    return {k: float(v) for k, v in cadres_setting("ranking_weights").items()}


def cohort_of(birth: date | None) -> str:
    """The narrowest cohort label of seed 001 ("90后", "85后", "80后") or "" for earlier births."""
    if birth is None:
        return ""
    for year, label in ((1990, "90后"), (1985, "85后"), (1980, "80后")):
        if birth.year >= year:
            return label
    return ""


def next_lower_rank(rank: str) -> str | None:
    from orgwork.cadres.choices import LEADING_BY_LEVEL, RANK_LEVEL

    level = RANK_LEVEL.get(rank)
    return LEADING_BY_LEVEL.get(level - 1) if level else None


def is_deputy(rank: str) -> bool:
    return rank in (Rank.DEPUTY_SECTION, Rank.DEPUTY_COUNTY, Rank.DEPUTY_BUREAU)
