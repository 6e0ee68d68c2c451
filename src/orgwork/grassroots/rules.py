"""Rules and defaults of grassroots work, each with its source.

RULES.md §3.9: 先锋365, 行动支部, 书记项目 and 党建体检 have no public specification. Everything here
that is not a figure of seed 001/002 is therefore a configurable default: pledge items are
``PledgeItem`` rows per org and year, health-check items are ``HealthCheckItem`` rows, and the
rest can be overridden by a ``core.Setting`` (keys below)."""

from datetime import date

from orgwork.core.settings_store import get_setting

__all__ = [
    "PARTY_STATUSES",
    "DEFAULT_PLEDGE_ITEMS",
    "LEADER_ROLES",
    "LEADER_LEVELS",
    "ORGAN_SECTORS",
    "quarter_of",
    "quarter_bounds",
    "DEFAULT_ACTION_BRANCH_TYPES",
    "action_branch_types",
    "DEFAULT_HEALTH_ITEMS",
    "weak_threshold",
    "rectification_workdays",
    "EVIDENCE_EXTENSIONS",
    "EVIDENCE_MAX_BYTES",
    "period_bounds",
]

# GB/T 4762: 01 中共党员, 02 中共预备党员. Until the ``members`` registry is merged, a party member
# is a person with one of these statuses (grassroots.services.party_members).
PARTY_STATUSES = ("01", "02")

# Seed 001 (相城区 党员先锋“365”行动制度设计): 服务企业 — each member 排摸1项企业需求、解决1个实际问题、
# 争取1项政策支持; 服务人才 — each member 至少联系1名人才; 精准扶贫 — 科级以上党员领导干部每人每年帮扶困难
# 家庭不少于2户, 机关党员每人每年不少于1户, 每季度至少深入帮扶家庭1次.
DEFAULT_PLEDGE_ITEMS = (
    {"code": "enterprise_need", "name": "排摸企业需求", "target": 1, "applies_to": "all", "measure": "deeds"},
    {"code": "problem_solved", "name": "解决实际问题", "target": 1, "applies_to": "all", "measure": "deeds"},
    {"code": "policy_secured", "name": "争取政策支持", "target": 1, "applies_to": "all", "measure": "deeds"},
    {"code": "talent_contact", "name": "联系服务人才", "target": 1, "applies_to": "all", "measure": "deeds"},
    {
        "code": "pairing_leader",
        "name": "科级以上领导干部挂钩帮扶困难家庭",
        "target": 2,
        "applies_to": "leader",
        "measure": "pairings",
    },
    {
        "code": "pairing_organ",
        "name": "机关党员挂钩帮扶困难家庭",
        "target": 1,
        "applies_to": "organ",
        "measure": "pairings",
    },
)

# Who counts as a leader at 科级 and above, derived from the data until the cadre registry exists:
# a current secretary / deputy / director seat on a city, district or town committee (a town's
# 党委书记 and 副书记 are 正科 / 副科), or the head of a party organization in a government organ
# (机关 departments' heads are 科级 or above). Overridable per person (``PledgeRole``).
LEADER_ROLES = ("secretary", "deputy_secretary", "director", "deputy_director")
LEADER_LEVELS = ("city", "district", "town")
# 机关党员: the person's registered org lies in the government-organ sector.
ORGAN_SECTORS = ("organ",)


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def quarter_bounds(d: date) -> tuple[date, date]:
    """First and last day of the calendar quarter of ``d`` (seed 001: 每季度至少深入帮扶家庭1次)."""
    q = quarter_of(d)
    start = date(d.year, 3 * q - 2, 1)
    end = date(d.year + 1, 1, 1) if q == 4 else date(d.year, 3 * q + 1, 1)
    from datetime import timedelta

    return start, end - timedelta(days=1)


def period_bounds(year: int, period: str) -> tuple[date, date]:
    """First and last day of a health-check period (Y, H1, H2, Q1…Q4) of ``year``."""
    if period == "H1":
        return date(year, 1, 1), date(year, 6, 30)
    if period == "H2":
        return date(year, 7, 1), date(year, 12, 31)
    if period and period[0] == "Q":
        return quarter_bounds(date(year, 3 * int(period[1]) - 2, 1))
    return date(year, 1, 1), date(year, 12, 31)


# Seed 001: 产业发展类、便民服务类、困难帮扶类、社会治理类 action branches; more types can be added
# with the setting ``grassroots.action_branch_types`` (a list of names).
DEFAULT_ACTION_BRANCH_TYPES = ("产业发展类", "便民服务类", "困难帮扶类", "社会治理类")


def action_branch_types() -> list[str]:
    extra = get_setting("grassroots.action_branch_types", []) or []
    out = list(DEFAULT_ACTION_BRANCH_TYPES)
    for name in extra:
        name = str(name).strip()
        if name and name not in out:
            out.append(name)
    return out


# 党建体检: no public checklist (RULES.md §3.9). Default items follow the 基层党组织标准化建设 headings
# that seed 001 names (“强双基”); weights sum to 100 and are ``HealthCheckItem`` data.
DEFAULT_HEALTH_ITEMS = (
    {"code": "organization", "name": "组织设置规范", "weight": 10, "evidence_hint": "组织设置批复、换届材料"},
    {"code": "team", "name": "班子队伍建设", "weight": 20, "evidence_hint": "班子成员名单、分工、述职材料"},
    {"code": "members", "name": "党员教育管理", "weight": 15, "evidence_hint": "党员学习记录、发展党员档案"},
    {"code": "life", "name": "组织生活落实", "weight": 20, "evidence_hint": "三会一课、主题党日记录"},
    {"code": "venue", "name": "阵地建设", "weight": 10, "evidence_hint": "党群服务中心(站)照片、台账"},
    {"code": "rules", "name": "制度执行", "weight": 10, "evidence_hint": "党费收缴、组织关系转接台账"},
    {"code": "role", "name": "作用发挥", "weight": 15, "evidence_hint": "先锋365、行动支部、书记项目成效"},
)


def weak_threshold() -> float:
    """Total below which an org is suggested for the 软弱涣散 list (no public spec: default 60 of 100,
    setting ``grassroots.weak_threshold``)."""
    return float(get_setting("grassroots.weak_threshold", 60))


def rectification_workdays() -> int:
    """Working days allowed for rectifying a weak org (no public spec: default 60 working days,
    about a quarter; setting ``grassroots.rectification_workdays``)."""
    return int(get_setting("grassroots.rectification_workdays", 60))


# Evidence files of secretary projects: documents and pictures only, at most 20 MB each.
EVIDENCE_EXTENSIONS = (
    ".pdf",
    ".jpg",
    ".jpeg",
    ".png",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".txt",
)
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
