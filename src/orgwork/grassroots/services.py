"""Verbs and figures of grassroots work. Figures are computed from the records, never typed in."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils.translation import gettext as _

from orgwork.core.paths import STEP, subtree_q
from orgwork.core.services import create_object, update_object
from orgwork.core.workdays import add_workdays, warnings_for
from orgwork.grassroots import rules
from orgwork.grassroots.models import (
    ActionActivity,
    ActionBranch,
    ActionBranchMember,
    Deed,
    HealthCheck,
    HealthCheckItem,
    Household,
    Pairing,
    PledgeItem,
    PledgeRole,
    Visit,
)
from orgwork.orgs.models import Org, TeamSeat
from orgwork.people.models import Person

__all__ = [
    "party_members",
    "pledge_items_for",
    "adopt_default_pledge_items",
    "member_categories",
    "item_applies",
    "paired_households",
    "pledge_completion",
    "record_deed",
    "record_visit",
    "unpaired_households",
    "households_not_visited",
    "action_branch_dashboard",
    "project_progress",
    "review_project",
    "health_items_for",
    "score_health_check",
    "set_health_scores",
    "flag_weak",
    "mark_rectified",
    "health_ranking",
]


# --- who is a party member ----------------------------------------------------------------------


def party_members(path: str):
    """The party members of the subtree at ``path``: people with political status 01/02
    (rules.PARTY_STATUSES) attached anywhere in it. The one function to switch to the ``members``
    registry once it is merged."""
    return Person.objects.filter(political_status__in=rules.PARTY_STATUSES).filter(
        Person.scope_q_for_prefixes([path])
    )


# --- 先锋365 --------------------------------------------------------------------------------------


def _ancestor_paths(path):
    return [path[:i] for i in range(len(path), 0, -STEP)]


def pledge_items_for(org: Org, year: int) -> list[PledgeItem]:
    """The pledge items that bind ``org``'s subtree in ``year``: those set by the org itself or
    its nearest ancestor that has items for the year; with none, seed 001's defaults (unsaved)."""
    paths = _ancestor_paths(org.path)
    rows = list(PledgeItem.objects.filter(year=year, org_path__in=paths).order_by("position", "id"))
    if rows:
        nearest = max(r.org_path for r in rows)
        return [r for r in rows if r.org_path == nearest]
    return [
        PledgeItem(org=org, org_path=org.path, year=year, position=i, **d)
        for i, d in enumerate(rules.DEFAULT_PLEDGE_ITEMS)
    ]


@transaction.atomic
def adopt_default_pledge_items(org: Org, year: int, *, actor) -> list[PledgeItem]:
    """Save the items now in force for ``org`` as the org's own for the year, to be edited."""
    if PledgeItem.objects.filter(org=org, year=year).exists():
        return list(PledgeItem.objects.filter(org=org, year=year))
    out = []
    for i, item in enumerate(pledge_items_for(org, year)):
        out.append(
            create_object(
                PledgeItem(
                    org=org,
                    year=year,
                    code=item.code,
                    name=item.name,
                    target=item.target,
                    applies_to=item.applies_to,
                    measure=item.measure,
                    position=i,
                ),
                actor=actor,
            )
        )
    return out


def member_categories(person_ids, as_of: date) -> dict[int, str]:
    """leader / organ / member for each person (seed 001 binds pairing targets to 科级以上领导干部
    and 机关党员). Derived from current team seats and the member's org (rules.LEADER_*), unless a
    ``PledgeRole`` overrides it. ``person_ids``: ids or a values("pk") subquery."""
    leaders = set(
        TeamSeat.objects.filter(person_id__in=person_ids, role__in=rules.LEADER_ROLES, started_on__lte=as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=as_of))
        .filter(
            Q(org__level__in=rules.LEADER_LEVELS) | Q(org__sector__in=rules.ORGAN_SECTORS, role="secretary")
        )
        .values_list("person_id", flat=True)
    )
    organ = set(
        Person.objects.filter(pk__in=person_ids, registered_org__sector__in=rules.ORGAN_SECTORS).values_list(
            "pk", flat=True
        )
    )
    out = {}
    for pid in organ:
        out[pid] = "organ"
    for pid in leaders:
        out[pid] = "leader"
    for pid, cat in PledgeRole.objects.filter(person_id__in=person_ids).values_list("person_id", "category"):
        out[pid] = cat
    return out


def item_applies(item, category) -> bool:
    """Whether pledge ``item`` binds a member of ``category`` (leader / organ / member)."""
    if item.applies_to == "all":
        return True
    return item.applies_to == category


@dataclass
class ItemStat:
    item: PledgeItem
    members: int = 0
    completed: int = 0
    done_units: int = 0

    @property
    def rate(self):
        return _pct(self.completed, self.members)


@dataclass(slots=True)
class MemberRow:
    pk: int
    name: str
    org_id: int
    org_name: str
    category: str
    missing: list = field(default_factory=list)  # names of items not reached
    unvisited: int = 0  # paired households not visited this quarter

    @property
    def behind(self):
        return bool(self.missing) or self.unvisited > 0

    @property
    def category_label(self):
        from orgwork.grassroots.choices import MemberCategory

        return MemberCategory(self.category).label


@dataclass
class Completion:
    org: Org
    year: int
    as_of: date
    items: list
    item_stats: list
    members: int
    pledges: int  # member × applicable item
    completed_pledges: int
    complete_members: int
    behind: list
    behind_count: int
    children: list  # (org, members, pledges, completed, rate, behind)
    quarter: tuple

    @property
    def rate(self):
        return _pct(self.completed_pledges, self.pledges)

    @property
    def member_rate(self):
        return _pct(self.complete_members, self.members)


def _pct(a, b):
    if not b:
        return None
    return (Decimal(a * 100) / Decimal(b)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def paired_households(person_ids, year: int) -> dict[int, int]:
    """{person_id: households paired with them at some time in ``year``}: what a pairing item of
    the pledge counts. ``person_ids``: ids or a values("pk") subquery."""
    y0, y1 = date(year, 1, 1), date(year, 12, 31)
    return dict(
        Pairing.objects.filter(person_id__in=person_ids, started_on__lte=y1)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=y0))
        .values_list("person_id")
        .annotate(n=Count("household_id", distinct=True))
        .order_by()
    )


def pledge_completion(org: Org, year: int, as_of: date, *, behind_limit: int | None = None) -> Completion:
    """Completion of the 先锋365 pledges of ``org``'s subtree in ``year``, on ``as_of``.

    A pledge is one applicable item of one member; it is complete when the member's deeds (or,
    for pairing items, the households paired during the year) reach the item's target. A member
    is behind with any pledge incomplete, or with a paired household not visited in the quarter of
    ``as_of`` (seed 001: 每季度至少深入帮扶家庭1次). ``behind_limit`` keeps only the first rows of
    the members behind (in tree and name order); ``behind_count`` is always the full count."""
    items = pledge_items_for(org, year)
    members_qs = party_members(org.path)
    ids = members_qs.values("pk")
    people = list(
        members_qs.values_list(
            "pk", "name", "registered_org_id", "registered_org__name", "registered_org__path", "name_pinyin"
        )
    )
    cats = member_categories(ids, as_of)
    deed_codes = [i.code for i in items if i.measure == "deeds"]
    counts = defaultdict(dict)
    if deed_codes:
        for pid, code, n in (
            Deed.objects.filter(year=year, item_code__in=deed_codes, person_id__in=ids)
            .values_list("person_id", "item_code")
            .annotate(n=Count("id"))
            .order_by()
        ):
            counts[pid][code] = n
    paired = paired_households(ids, year)
    q0, q1 = rules.quarter_bounds(as_of)
    visited = Visit.objects.filter(pairing=OuterRef("pk"), visited_on__gte=q0, visited_on__lte=min(q1, as_of))
    unvisited = Counter(
        Pairing.objects.filter(person_id__in=ids, started_on__lte=as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=as_of))
        .filter(Q(household__closed_on__isnull=True) | Q(household__closed_on__gt=as_of))
        .exclude(Exists(visited))
        .values_list("person_id", flat=True)
    )
    stats = {i.code: ItemStat(i) for i in items}
    child_len = len(org.path) + STEP
    children = defaultdict(lambda: [0, 0, 0, 0])
    behind, pledges, completed, complete_members = [], 0, 0, 0
    # Per category, the items that bind it: (index, code, target, counted by pairings, name).
    plan = {
        cat: [
            (k, i.code, i.target, i.measure == "pairings", i.name)
            for k, i in enumerate(items)
            if item_applies(i, cat)
        ]
        for cat in ("leader", "organ", "member")
    }
    st_members, st_done, st_units = [0] * len(items), [0] * len(items), [0] * len(items)
    no_counts = {}
    prefix = org.path
    for pid, name, org_id, org_name, path, pinyin in people:
        cat = cats.get(pid, "member")
        mine = counts.get(pid, no_counts)
        n_done = 0
        missing = None
        mine_items = plan[cat]
        for k, code, target, by_pairing, item_name in mine_items:
            got = paired.get(pid, 0) if by_pairing else mine.get(code, 0)
            st_members[k] += 1
            if got >= target:
                st_done[k] += 1
                st_units[k] += target
                n_done += 1
            else:
                st_units[k] += got
                if missing is None:
                    missing = []
                missing.append(item_name)
        n_items = len(mine_items)
        pledges += n_items
        completed += n_done
        late = unvisited.get(pid, 0)
        is_behind = bool(missing) or late > 0
        if is_behind:
            behind.append((path or "", pinyin, (pid, name, org_id, org_name, cat, missing or [], late)))
        else:
            complete_members += 1
        key = path[:child_len] if path and len(path) >= child_len and path.startswith(prefix) else ""
        c = children[key]
        c[0] += 1
        c[1] += n_items
        c[2] += n_done
        c[3] += is_behind
    for k, item in enumerate(items):
        st = stats[item.code]
        st.members, st.completed, st.done_units = st_members[k], st_done[k], st_units[k]
    behind.sort(key=lambda t: (t[0], t[1]))
    child_rows = []
    if len(children) > 1 or "" not in children:
        names = {o.path: o for o in Org.objects.filter(path__in=[k for k in children if k])}
        for key in sorted(children):
            m, p, d, b = children[key]
            child_rows.append((names.get(key), m, p, d, _pct(d, p), b))
    return Completion(
        org=org,
        year=year,
        as_of=as_of,
        items=items,
        item_stats=list(stats.values()),
        members=len(people),
        pledges=pledges,
        completed_pledges=completed,
        complete_members=complete_members,
        behind=[MemberRow(*t[2][:5], missing=t[2][5], unvisited=t[2][6]) for t in behind[:behind_limit]],
        behind_count=len(behind),
        children=child_rows,
        quarter=(q0, q1),
    )


@transaction.atomic
def record_deed(*, person, item_code, done_on, description, org, evidence="", actor) -> Deed:
    """A member's deed against a pledge item (the year is the deed's)."""
    return create_object(
        Deed(
            person=person,
            item_code=item_code,
            year=done_on.year,
            done_on=done_on,
            description=description,
            evidence=evidence,
            org=org,
        ),
        actor=actor,
    )


@transaction.atomic
def record_visit(pairing, *, visited_on, notes="", mode="home", actor) -> Visit:
    return create_object(Visit(pairing=pairing, visited_on=visited_on, notes=notes, mode=mode), actor=actor)


def _active_households(path, as_of):
    return Household.objects.filter(subtree_q(path, "org_path")).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=as_of)
    )


def _active_pairings(as_of):
    return Pairing.objects.filter(started_on__lte=as_of).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=as_of)
    )


def unpaired_households(path: str, as_of: date):
    """Households in difficulty of the subtree with no pairing in force on ``as_of``: empty means
    全区困难家庭挂钩帮扶全覆盖 (seed 001)."""
    return _active_households(path, as_of).exclude(
        Exists(_active_pairings(as_of).filter(household=OuterRef("pk")))
    )


def households_not_visited(path: str, as_of: date):
    """Paired households of the subtree with no visit from the start of the quarter of ``as_of`` to
    ``as_of``."""
    q0, q1 = rules.quarter_bounds(as_of)
    q1 = min(q1, as_of)
    return (
        _active_households(path, as_of)
        .filter(Exists(_active_pairings(as_of).filter(household=OuterRef("pk"))))
        .exclude(
            Exists(
                Visit.objects.filter(
                    pairing__household=OuterRef("pk"), visited_on__gte=q0, visited_on__lte=q1
                )
            )
        )
    )


# --- 行动支部 -------------------------------------------------------------------------------------


def action_branch_dashboard(org: Org, year: int | None) -> dict:
    """Action branches of the subtree active in ``year`` (all years when None), by type; their
    activities and people served (服务人次) in the year; members and the branches they come from."""
    branches = ActionBranch.objects.filter(subtree_q(org.path, "org_path"))
    activities = ActionActivity.objects.filter(subtree_q(org.path, "org_path"))
    if year:
        y0, y1 = date(year, 1, 1), date(year, 12, 31)
        branches = branches.filter(started_on__lte=y1).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=y0))
        activities = activities.filter(held_on__gte=y0, held_on__lte=y1)
    by_kind = dict(branches.values_list("kind").annotate(n=Count("id")).order_by())
    served_by_kind = dict(
        activities.values_list("action_branch__kind").annotate(n=Sum("served_count")).order_by()
    )
    totals = activities.aggregate(n=Count("id"), served=Sum("served_count"))
    members = ActionBranchMember.objects.filter(action_branch__in=branches.values("pk"))
    member_totals = members.aggregate(n=Count("id"), homes=Count("home_org", distinct=True))
    kinds = rules.action_branch_types()
    kinds += [k for k in by_kind if k not in kinds]
    top = list(
        activities.values("action_branch_id", "action_branch__name", "action_branch__kind")
        .annotate(served=Sum("served_count"), n=Count("id"))
        .order_by("-served", "action_branch_id")[:10]
    )
    return {
        "branches": sum(by_kind.values()),
        "activities": totals["n"] or 0,
        "served": totals["served"] or 0,
        "members": member_totals["n"] or 0,
        "home_orgs": member_totals["homes"] or 0,
        "by_kind": [(k, by_kind.get(k, 0), served_by_kind.get(k, 0) or 0) for k in kinds],
        "top": top,
    }


# --- 书记项目 -------------------------------------------------------------------------------------


def project_progress(project) -> tuple[int, int, Decimal | None]:
    """(milestones done, milestones, percent): a project's progress is derived from its milestones."""
    agg = project.milestones.aggregate(n=Count("id"), done=Count("id", filter=Q(done_on__isnull=False)))
    return agg["done"], agg["n"], _pct(agg["done"], agg["n"])


@transaction.atomic
def review_project(project, *, grade, notes, reviewed_on, actor, expected_version=None):
    """The annual review of a secretary project."""
    project.review_grade = grade
    project.review_notes = notes
    project.reviewed_on = reviewed_on
    return update_object(project, actor=actor, expected_version=expected_version)


# --- 党建体检 -------------------------------------------------------------------------------------


def health_items_for(org: Org) -> list[HealthCheckItem]:
    """The checklist that applies to ``org``: set by the org or its nearest ancestor that has one;
    with none, the default list (rules.DEFAULT_HEALTH_ITEMS, unsaved)."""
    rows = list(
        HealthCheckItem.objects.filter(org_path__in=_ancestor_paths(org.path)).order_by("position", "id")
    )
    if rows:
        nearest = max(r.org_path for r in rows)
        return [r for r in rows if r.org_path == nearest]
    return [
        HealthCheckItem(org=org, org_path=org.path, position=i, **d)
        for i, d in enumerate(rules.DEFAULT_HEALTH_ITEMS)
    ]


def weighted_total(items, scores: dict) -> Decimal | None:
    """Σ weight × score / Σ weight over the items scored (scores 0–100), one decimal."""
    num = den = 0
    for item in items:
        s = scores.get(item.code)
        if s is None or s == "":
            continue
        num += Decimal(str(s)) * item.weight
        den += item.weight
    if not den:
        return None
    return (num / den).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@transaction.atomic
def score_health_check(
    check: HealthCheck, *, scores: dict, evidence: dict | None = None, actor, expected_version=None
):
    """Record the item scores (0–100) and evidence of a health check; the total is the weighted mean."""
    set_health_scores(check, scores=scores, evidence=evidence)
    return update_object(check, actor=actor, expected_version=expected_version)


def set_health_scores(check: HealthCheck, *, scores: dict, evidence: dict | None = None, items=None):
    """Set (unsaved) the scores, evidence and weighted total of ``check`` from the items of its
    org's checklist (``items``, default ``health_items_for``); ValidationError for a score outside
    0–100. Scores of codes not on the checklist are left out."""
    items = health_items_for(check.org) if items is None else items
    codes = {i.code for i in items}
    clean = {}
    for code, value in scores.items():
        if code not in codes or value in (None, ""):
            continue
        v = Decimal(str(value))
        if not 0 <= v <= 100:
            raise ValidationError(_("A score must lie between 0 and 100."))
        clean[code] = float(v)
    check.scores = clean
    check.evidence = {k: str(v)[:300] for k, v in (evidence or {}).items() if k in codes and v}
    check.total = weighted_total(items, clean)
    return check


@transaction.atomic
def flag_weak(check: HealthCheck, *, reason, plan, flagged_on: date, workdays: int | None = None, actor):
    """Put the org on the 软弱涣散 list with a rectification plan; the deadline is ``workdays``
    working days after ``flagged_on`` (default rules.rectification_workdays())."""
    if not plan.strip():
        raise ValidationError(_("A weak organization needs a rectification plan."))
    n = rules.rectification_workdays() if workdays is None else int(workdays)
    check.weak = True
    check.weak_reason = reason
    check.rectification_plan = plan
    check.flagged_on = flagged_on
    check.rectify_by = add_workdays(flagged_on, n)
    check.rectified_on = None
    return update_object(check, actor=actor)


@transaction.atomic
def mark_rectified(check: HealthCheck, *, rectified_on: date, actor):
    if not check.weak:
        raise ValidationError(_("This organization is not flagged as weak."))
    if check.flagged_on and rectified_on < check.flagged_on:
        raise ValidationError(_("Rectification cannot end before the flag was set."))
    check.rectified_on = rectified_on
    return update_object(check, actor=actor)


def health_ranking(org: Org, year: int, period: str, *, visible=None):
    """Checks of the subtree for the period, best first, with competition ranks (1, 2, 2, 4 …);
    and the weak orgs still under rectification with their deadline warnings."""
    qs = (visible if visible is not None else HealthCheck.objects).filter(
        subtree_q(org.path, "org_path"), year=year, period=period
    )
    rows = list(qs.select_related("org").order_by("-total", "org_path"))
    ranked, last, rank = [], None, 0
    scored = [r for r in rows if r.total is not None]
    for i, r in enumerate(scored, 1):
        if r.total != last:
            rank, last = i, r.total
        ranked.append((rank, r))
    unscored = [r for r in rows if r.total is None]
    flagged = [r for r in rows if r.weak and not r.rectified_on]
    flagged.sort(key=lambda r: (r.rectify_by or date.max, r.org_path))
    warn = []
    for r in flagged:
        if r.flagged_on and r.rectify_by:
            warn.extend(w for w in warnings_for(r.flagged_on, r.rectify_by) if w not in warn)
    return {"ranked": ranked, "unscored": unscored, "flagged": flagged, "warnings": warn}
