"""Selection support: who may fill a vacancy, every rule of RULES.md §3.7 checked and explained,
and a ranking of the eligible by configurable weights.

``check_candidate`` and ``rank_score`` are pure functions of plain data (tested at the rules'
edges); ``eligible_list`` loads the data of a candidate pool in a few set queries and applies them.
The numbers come from ``cadres.rules``."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.utils.translation import gettext as _gettext

from orgwork.cadres import rules
from orgwork.cadres.choices import RANK_LEVEL, AppraisalGrade, Rank
from orgwork.cadres.models import (
    Appointment,
    Appraisal,
    Assignment,
    Cadre,
    ContestResult,
    Evaluation,
    RewardSanction,
)
from orgwork.cadres.services import ServiceFigures, StoredFigures, months_between, training_hours
from orgwork.core.paths import subtree_q
from orgwork.orgs.models import Org

__all__ = [
    "Check",
    "Verdict",
    "CandidateData",
    "check_candidate",
    "rank_score",
    "eligible_list",
    "PASS",
    "FAIL",
    "WARN",
]

PASS, FAIL, WARN = "pass", "fail", "warn"


@dataclass
class Check:
    code: str
    label: str
    status: str  # pass / fail / warn
    text: str
    breakable: bool = False  # 第九条: may be set aside by an exceptional promotion (破格)


@dataclass
class CandidateData:
    """What the rules need to know of one candidate."""

    rank: str
    figures: ServiceFigures
    education_rank: int
    in_probation: bool = False
    last_promotion_exceptional: bool = False
    training_hours: float = 0.0
    training_note: str = ""


@dataclass
class Verdict:
    eligible: bool
    exceptional: bool
    checks: list[Check] = field(default_factory=list)

    @property
    def failing(self) -> list[Check]:
        return [c for c in self.checks if c.status == FAIL]

    @property
    def warnings(self) -> list[Check]:
        return [c for c in self.checks if c.status == WARN]

    @property
    def first_failure(self) -> Check | None:
        # The rule itself first (a hard one before one that 破格 could set aside); the note on
        # why 破格 does not help comes after it.
        failing = [c for c in self.failing if c.code != "exceptional"] or self.failing
        hard = [c for c in failing if not c.breakable]
        return (hard or failing or [None])[0]


_TRANSLATED: dict[tuple[str, str], str] = {}


def _translator():
    """``gettext`` memoized for the active language: check_candidate runs for every cadre of a pool."""
    from django.utils.translation import get_language

    lang = get_language()

    def translate(message):
        key = (lang, message)
        value = _TRANSLATED.get(key)
        if value is None:
            value = _TRANSLATED[key] = _gettext(message)
        return value

    return translate


def _years(x: float) -> str:
    return "{:.1f}".format(x)


def _blank(*_args) -> str:
    return ""


def _untranslated(message: str) -> str:
    return message


_RANK_LABELS = dict(Rank.choices)


def check_candidate(
    target_rank: str,
    c: CandidateData,
    *,
    on: date,
    max_age: int | None = None,
    committee_level: str = "",
    allow_exceptional: bool = False,
    explain: bool = True,
) -> Verdict:
    """Every rule of 《党政领导干部选拔任用工作条例》(2019) 第八条/第九条 for one candidate and one post.
    ``explain=False`` leaves the checks' texts empty (the same statuses, for counting a whole pool)."""
    if explain:
        _ = _translator()  # noqa: F841 - the same messages, translated once per language (a pool has thousands)
        fmt, yr = str.format, _years
    else:  # statuses only: labels left untranslated, texts empty
        _, fmt, yr = _untranslated, _blank, _blank
    checks: list[Check] = []
    target = RANK_LEVEL.get(target_rank, 0)
    current = RANK_LEVEL.get(c.rank, 0)
    f = c.figures
    promotion = target > current

    # The step: the same rung (a transfer), one rung up, or more (第九条: 不得越两级).
    if current > target:
        checks.append(Check("step", _("Rank step"), FAIL, _("Already above the rank of the post.")))
    elif target - current >= 3:
        checks.append(Check("step", _("Rank step"), FAIL, _("Would skip two levels or more (第九条).")))
    elif target - current == 2:
        checks.append(
            Check(
                "step",
                _("Rank step"),
                FAIL,
                _("Skips one level: only as an exceptional promotion (第九条)."),
                True,
            )
        )
    else:
        checks.append(
            Check(
                "step",
                _("Rank step"),
                PASS,
                _("Promotion by one level.") if promotion else _("Transfer at the same level."),
            )
        )

    if promotion and target >= 5:
        ok = f.work_years >= rules.COUNTY_MIN_WORK_YEARS
        checks.append(
            Check(
                "work_years",
                _("Years of work"),
                PASS if ok else FAIL,
                fmt(
                    _("{} years of work; county level needs {} (第八条一)."),
                    yr(f.work_years),
                    rules.COUNTY_MIN_WORK_YEARS,
                ),
                True,
            )
        )
        ok = f.grassroots_years >= rules.COUNTY_MIN_GRASSROOTS_YEARS
        checks.append(
            Check(
                "grassroots",
                _("Grassroots experience"),
                PASS if ok else FAIL,
                fmt(
                    _("{} years at the grassroots; county level needs {} (第八条一)."),
                    yr(f.grassroots_years),
                    rules.COUNTY_MIN_GRASSROOTS_YEARS,
                ),
                True,
            )
        )
        posts = f.posts_by_level.get(target - 1, 0)
        ok = posts >= rules.COUNTY_MIN_LOWER_POSTS
        checks.append(
            Check(
                "lower_posts",
                _("Posts at the lower level"),
                PASS if ok else FAIL,
                fmt(
                    _("{} posts at the next lower level; {} are normally required (第八条二)."),
                    posts,
                    rules.COUNTY_MIN_LOWER_POSTS,
                ),
                True,
            )
        )
    if promotion and target - current == 1:
        # Even rungs are heads (正科 4, 正处 6, 正厅 8): deputy → head needs 2 years; a lower head →
        # upper deputy needs 3 (第八条三).
        need = rules.DEPUTY_TO_HEAD_YEARS if target % 2 == 0 else rules.HEAD_TO_UPPER_DEPUTY_YEARS
        held = f.years_by_level.get(current, 0.0) if not f.rank_years else f.rank_years
        ok = held >= need
        checks.append(
            Check(
                "lower_years",
                _("Years at the lower post"),
                PASS if ok else FAIL,
                fmt(
                    _("{} years as {}; {} required (第八条三)."),
                    yr(held),
                    _RANK_LABELS.get(c.rank, c.rank),
                    need,
                ),
                True,
            )
        )

    need_edu = rules.BUREAU_MIN_EDUCATION_RANK if target >= 7 else rules.MIN_EDUCATION_RANK
    ok = c.education_rank >= need_edu
    checks.append(
        Check(
            "education",
            _("Education"),
            PASS if ok else FAIL,
            (_("Education meets the rule.") if ok else _("Below the required education."))
            + " "
            + (
                _("At least a bachelor's degree (第八条四).")
                if need_edu == rules.BUREAU_MIN_EDUCATION_RANK
                else _("At least college (专科) (第八条四).")
            ),
            True,
        )
    )

    if target >= 5:
        need_hours, period = rules.TRAINING_HOURS_COUNTY_PER_5_YEARS, _("in 5 years")
    else:
        need_hours, period = rules.TRAINING_HOURS_SECTION_PER_YEAR, _("in the last year")
    ok = c.training_hours >= need_hours
    text = fmt(
        _(
            "{} training hours {}; {} required. If short, to be completed within a year of promotion (第八条五)."
        ),
        yr(c.training_hours),
        period,
        need_hours,
    )
    if c.training_note:
        text += " " + c.training_note
    checks.append(Check("training", _("Training hours"), PASS if ok else WARN, text))

    if committee_level:
        need = (
            rules.PARTY_YEARS_CITY_COMMITTEE
            if committee_level == "city"
            else rules.PARTY_YEARS_COUNTY_COMMITTEE
        )
        years = f.party_years or 0.0
        ok = f.party_years is not None and years >= need
        checks.append(
            Check(
                "party_years",
                _("Party standing"),
                PASS if ok else FAIL,
                fmt(_("{} years in the Party; a committee seat needs {} (党章; 第八条七)."), yr(years), need),
            )
        )

    if max_age:
        ok = f.age is not None and f.age <= max_age
        checks.append(
            Check(
                "age",
                _("Age limit"),
                PASS if ok else FAIL,
                fmt(_("Aged {}; the post's limit is {}."), f.age if f.age is not None else "?", max_age),
            )
        )

    breakable_fails = [x for x in checks if x.status == FAIL and x.breakable]
    hard_fails = [x for x in checks if x.status == FAIL and not x.breakable]
    exceptional = False
    if breakable_fails and not hard_fails:
        # 第九条: only when the post allows it, not during 试用期, not within a year of the last
        # promotion, no consecutive 破格 on years.
        guards = []
        if not allow_exceptional:
            guards.append(_("the post is not open to exceptional promotion"))
        if c.in_probation:
            guards.append(_("still in probation"))
        months = months_between(f.last_promotion, on) if f.last_promotion else None
        if months is not None and months < rules.EXCEPTIONAL_MIN_MONTHS_SINCE_PROMOTION:
            guards.append(fmt(_("promoted {} months ago (12 required)"), months))
        if c.last_promotion_exceptional and any(
            x.code in ("work_years", "lower_years") for x in breakable_fails
        ):
            guards.append(_("the last promotion was already exceptional on years"))
        if guards:
            checks.append(
                Check(
                    "exceptional",
                    _("Exceptional promotion"),
                    FAIL,
                    fmt(_("Not possible: {} (第九条)."), "; ".join(guards)),
                )
            )
        else:
            exceptional = True
            checks.append(
                Check(
                    "exceptional",
                    _("Exceptional promotion"),
                    WARN,
                    fmt(
                        _("Eligible only as an exceptional promotion (第九条): {}."),
                        ", ".join(x.label for x in breakable_fails),
                    ),
                )
            )
    eligible = not hard_fails and (not breakable_fails or exceptional)
    return Verdict(eligible=eligible, exceptional=exceptional, checks=checks)


def rank_score(
    *, evaluation: float | None, appraisal: float | None, archive: float | None, weights: dict
) -> float:
    """Weighted score (0–100) over the components present; a missing component's weight is shared
    out among the others, so a cadre with no evaluation yet is not pushed to the bottom."""
    parts = {"evaluation": evaluation, "appraisal": appraisal, "archive": archive}
    present = {k: v for k, v in parts.items() if v is not None}
    total_weight = sum(weights.get(k, 0) for k in present)
    if not total_weight:
        return 0.0
    return round(sum(v * weights.get(k, 0) for k, v in present.items()) / total_weight, 1)


def archive_points(*, awards: int, sanctions: int, good_assignments: int, contest_top3: int) -> float:
    """Points of the growth archive for the ranking (ours; documented on the vacancy page)."""
    return float(
        max(0, min(100, 40 + 15 * awards + 15 * good_assignments + 10 * contest_top3 - 40 * sanctions))
    )


def _fetch(qs, *, dates=()):
    """The rows of a ``values_list`` queryset straight from the cursor: thousands of rows without the
    ORM's converter call per value (SQLite returns dates as ISO text, parsed here in C)."""
    from django.db import connection

    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    if dates and rows and connection.vendor == "sqlite":
        parse = date.fromisoformat
        out = []
        for row in rows:
            row = list(row)
            for i in dates:
                if isinstance(row[i], str):
                    row[i] = parse(row[i][:10])
            out.append(row)
        return out
    return rows


@dataclass
class Row:
    cadre_id: int
    name: str
    org_name: str
    rank: str
    rank_label: str
    age: int | None
    figures: ServiceFigures
    education_label: str
    verdict: Verdict
    score: float
    parts: dict


PER_PAGE = 50


def eligible_list(
    vacancy, user, *, on: date | None = None, page=1, ineligible_page=1, per_page: int | None = None
) -> dict:
    """The candidate pool of a vacancy (the pool org's subtree, in the user's scope, rungs up to two
    below the post's), each checked by ``check_candidate``; the eligible ranked by score.

    Every cadre of the pool is checked, rule by rule, to count and order the two lists; the rows
    of the pages shown (``page`` of the eligible, ``ineligible_page`` of the others, ``per_page``
    each, by default ``PER_PAGE``) are then checked again with their training hours, the one fact fetched for them alone:
    the training rule only ever warns (第八条五: hours may be completed within a year of
    promotion), so it never decides who is eligible, nor which rule fails first.

    Returns ``eligible`` and ``ineligible`` (the rows of the pages, fully explained),
    ``eligible_page`` and ``ineligible_page`` (``django.core.paginator.Page``), ``eligible_count``,
    ``ineligible_count``, ``pool``, ``training_note`` and ``weights``."""
    from django.core.paginator import Paginator

    per_page = per_page or PER_PAGE
    on = on or vacancy.opened_on
    target = RANK_LEVEL.get(vacancy.rank, 0)
    lowest = target - (2 if vacancy.allow_exceptional else 1)
    ranks = [r for r, lv in RANK_LEVEL.items() if lowest <= lv <= target]
    prefix = (vacancy.pool or vacancy.org).path
    cadres = _fetch(
        Cadre.objects.restrict(user, "view")
        .filter(subtree_q(prefix, "org_path"), rank__in=ranks)
        .order_by()  # sorted here by verdict and score: the model's order would cost a sort in SQL
        .annotate(top_education=KeyTextTransform("edu", "service_record"))
        .values_list(
            "pk",
            "rank",
            "rank_since",
            "work_started_on",
            "party_joined_on",
            "person_id",
            "person__name",
            "person__birth_date",
            "org_id",  # the unit's name is fetched for the rows shown only
            "service_record",
            "top_education",
        ),
        dates=(2, 3, 4, 7),
    )
    facts = _pool_facts(prefix, ranks, on)
    weights = rules.ranking_weights()
    options = {
        "on": on,
        "max_age": vacancy.max_age,
        "committee_level": vacancy.committee_level,
        "allow_exceptional": vacancy.allow_exceptional,
    }

    def candidate(c, hours=0.0, note=""):
        cid = c[0]
        figures = StoredFigures(
            c[9],
            on,
            rank=c[1],
            rank_since=c[2],
            work_started_on=c[3],
            party_joined_on=c[4],
            birth_date=c[7],
        )
        return CandidateData(
            rank=c[1],
            figures=figures,
            education_rank=rules.education_rank(c[10] or ""),
            in_probation=cid in facts["probation"],
            last_promotion_exceptional=facts["last_exceptional"].get(cid, False),
            training_hours=hours,
            training_note=note,
        )

    def parts_of(cid):
        ev = facts["evaluation"].get(cid)
        ap = facts["appraisal"].get(cid)
        return {
            "evaluation": round(sum(ev) / len(ev), 1) if ev else None,
            "appraisal": round(ap[0] / ap[1], 1) if ap else None,
            "archive": archive_points(
                awards=facts["awards"].get(cid, 0),
                sanctions=facts["sanctions"].get(cid, 0),
                good_assignments=facts["good"].get(cid, 0),
                contest_top3=facts["top3"].get(cid, 0),
            ),
        }

    # 1. Every cadre of the pool through every rule (training hours left at 0: they only warn).
    eligible, ineligible = [], []
    for c in cadres:
        verdict = check_candidate(vacancy.rank, candidate(c), explain=False, **options)
        if verdict.eligible:
            score = rank_score(weights=weights, **parts_of(c[0]))
            eligible.append((verdict.exceptional, -score, c[6], c))
        else:
            ineligible.append((-RANK_LEVEL.get(c[1], 0), c[6], c))
    eligible.sort(key=lambda k: k[:3])
    ineligible.sort(key=lambda k: k[:2])
    epage = Paginator(eligible, per_page).get_page(page)
    ipage = Paginator(ineligible, per_page).get_page(ineligible_page)

    # 2. The rows shown, explained in full with their training hours.
    shown = [k[-1] for k in epage.object_list] + [k[-1] for k in ipage.object_list]
    hours_period_start = on.replace(year=on.year - (5 if target >= 5 else 1))
    hours, note = training_hours([c[5] for c in shown], hours_period_start, on)
    org_names = dict(Org.objects.filter(pk__in={c[8] for c in shown}).values_list("pk", "name"))
    from orgwork.people.choices import Education as EducationCode

    edu_labels = dict(EducationCode.choices)
    rank_labels = dict(Rank.choices)

    def row(c):
        cid = c[0]
        data = candidate(c, hours.get(c[5], 0.0), note)
        verdict = check_candidate(vacancy.rank, data, **options)
        parts = parts_of(cid)
        return Row(
            cadre_id=cid,
            name=c[6],
            org_name=org_names.get(c[8], ""),
            rank=c[1],
            rank_label=rank_labels.get(c[1], c[1]),
            age=data.figures.age,
            figures=data.figures.full(),
            education_label=edu_labels.get(c[10] or "", "—"),
            verdict=verdict,
            score=rank_score(weights=weights, **parts),
            parts=parts,
        )

    epage.object_list = [row(k[-1]) for k in epage.object_list]
    ipage.object_list = [row(k[-1]) for k in ipage.object_list]
    return {
        "eligible": epage.object_list,
        "ineligible": ipage.object_list,
        "eligible_page": epage,
        "ineligible_page": ipage,
        "eligible_count": len(eligible),
        "ineligible_count": len(ineligible),
        "pool": len(cadres),
        "training_note": note,
        "weights": weights,
    }


def _pool_facts(prefix: str, ranks: list[str], on: date) -> dict:
    """The records of the pool's cadres the ranking and the probation guard use (the other rules
    read the stored ``Cadre.service_record``), one set query each, the appraisal points summed and
    counted in the database. Ordered only where the order matters within a cadre (evaluation totals
    are summed as floats): the models' default ordering, by the cadre's org path first, sorted
    thousands of rows for nothing."""
    # The pool as a subquery (``cadre_id IN (SELECT …)``): SQLite then probes each record's cadre
    # index once per cadre of the pool instead of walking the join from a rank index.
    in_pool = Q(
        cadre_id__in=Cadre.objects.filter(subtree_q(prefix, "org_path"), rank__in=ranks)
        .order_by()
        .values("pk")
    )
    # The cadre's own records (A14, A15) carry its org path (Cadre.after_save keeps them in step):
    # read through their own path index, without a join to the pool; the few of cadres outside it
    # (other ranks) are never looked up.
    own = subtree_q(prefix, "org_path")
    # The points of the last three years' appraisals: their sum and number per cadre.
    graded = [g for g in AppraisalGrade.values if rules.appraisal_points(g) is not None]
    points = Case(
        *[When(grade=g, then=Value(rules.appraisal_points(g))) for g in graded], output_field=IntegerField()
    )
    appraisal = {
        cid: (total, n)
        for cid, total, n in _fetch(
            Appraisal.objects.filter(own, year__gte=on.year - 3, year__lt=on.year, grade__in=graded)
            .order_by()
            .values("cadre_id")
            .annotate(total=Sum(points), n=Count("pk"))
            .values_list("cadre_id", "total", "n")
        )
    }
    evaluation = defaultdict(list)
    for cid, total in (
        Evaluation.objects.filter(
            in_pool, evaluated_on__gte=on.replace(year=on.year - 2), evaluated_on__lte=on
        )
        .order_by("-evaluated_on", "id")
        .values_list("cadre_id", "total")
    ):
        evaluation[cid].append(float(total))
    awards, sanctions = defaultdict(int), defaultdict(int)
    for cid, code in _fetch(RewardSanction.objects.filter(own).order_by().values_list("cadre_id", "code")):
        if code.startswith("02"):
            sanctions[cid] += 1
        else:
            awards[cid] += 1
    good = defaultdict(int)
    for (cid,) in _fetch(
        Assignment.objects.filter(in_pool, outcome__in=["excellent", "good"])
        .order_by()
        .values_list("cadre_id")
    ):
        good[cid] += 1
    top3 = defaultdict(int)
    for (cid,) in _fetch(
        ContestResult.objects.filter(in_pool, placing__lte=3).order_by().values_list("cadre_id")
    ):
        top3[cid] += 1
    probation, last_exceptional = set(), {}
    for cid, ends, exc, result, _appointed in _fetch(
        Appointment.objects.filter(in_pool, appointed_on__isnull=False)
        .order_by("appointed_on")
        .values_list("cadre_id", "probation_ends", "exceptional", "probation_result", "appointed_on"),
        dates=(1, 4),
    ):
        if ends and ends > on and not result:
            probation.add(cid)
        last_exceptional[cid] = bool(exc)
    return {
        "appraisal": appraisal,
        "evaluation": evaluation,
        "awards": awards,
        "sanctions": sanctions,
        "good": good,
        "top3": top3,
        "probation": probation,
        "last_exceptional": last_exceptional,
    }
