"""Verbs and derived figures of cadre work: 三龄 and the years the selection rules count, the growth
archive (a registry of sources), training hours (a pluggable provider), cohort targets counted live,
appointments through publicity and probation, assignment batches."""

import json
from bisect import bisect_right
from collections import defaultdict, namedtuple
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from orgwork.cadres import rules
from orgwork.cadres.choices import RANK_LEVEL, ArchiveKind, ProbationResult
from orgwork.cadres.models import (
    Appointment,
    Appraisal,
    ArchiveNote,
    Assignment,
    AssignmentBatch,
    Cadre,
    CadrePost,
    ContestResult,
    Education,
    Evaluation,
    ReserveEntry,
    RewardSanction,
)
from orgwork.core.audit import record_change, snapshot
from orgwork.core.models import ChangeLogAction
from orgwork.core.paths import subtree_q
from orgwork.core.services import create_object, update_object

__all__ = [
    "add_years",
    "months_between",
    "weighted_score",
    "ServiceFigures",
    "service_figures",
    "summarize_posts",
    "figures_from_summary",
    "StoredFigures",
    "top_education",
    "service_record",
    "refresh_service_records",
    "ArchiveItem",
    "register_archive_source",
    "archive_for",
    "register_training_hours_provider",
    "training_hours",
    "cohort_count",
    "cohort_progress",
    "cohort_progress_many",
    "ending_soon",
    "create_batch",
    "appoint",
    "close_probation",
]


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (实足, to the month as the appointment form counts)."""
    m = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        m -= 1
    return m


def weighted_score(scores: dict) -> Decimal:
    """The 五维 weighted score of one evaluation (weights from ``rules.dimensions``)."""
    dims = rules.dimensions()
    total_weight = sum(d.weight for d in dims) or 1
    value = sum(float((scores or {}).get(d.key) or 0) * d.weight for d in dims) / total_weight
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


_PostRow = namedtuple("_PostRow", ("rank", "started_on", "ended_on", "grassroots"))


# --- 三龄 and the years of the selection rules -------------------------------------------------------


@dataclass
class ServiceFigures:
    """Figures of one cadre on a date, computed from the person and the post records."""

    age: int | None
    party_years: float | None
    work_years: float
    grassroots_years: float
    rank_years: float  # years in the current rank (from rank_since, else the posts at that rank)
    years_by_level: dict = field(default_factory=dict)  # years held at each rung
    posts_by_level: dict = field(default_factory=dict)  # number of posts held at each rung
    last_promotion: date | None = None  # first day at the current highest rung


def _merge(periods) -> list[list]:
    """Overlapping or touching periods ``(start, end)`` (ordinals, ``end`` None while open) merged,
    in order of start: a concurrent post is not counted twice."""
    out: list[list] = []
    for s, e in sorted(periods, key=lambda p: p[0]):
        if out:
            last = out[-1]
            reach = last[1]
            if reach is None or s <= reach:
                if reach is not None and (e is None or e > reach):
                    last[1] = e
                continue
        out.append([s, e])
    return out


def summarize_posts(posts: Iterable) -> dict:
    """What the service figures need of a cadre's post records (CadrePost rows, or tuples of the
    same attributes), independent of the date they are computed for, as plain JSON: ``first``,
    the first day of any post (ordinal); ``g``, the grassroots periods merged; per rung (as a
    string key), ``lv`` its periods merged and ``st`` the start of each post, sorted. Stored on
    the cadre (``Cadre.service_record``) and kept in step by the post hooks."""
    grass, by_level, starts = [], defaultdict(list), defaultdict(list)
    first = None
    for p in posts:
        s = p.started_on.toordinal()
        e = p.ended_on.toordinal() if p.ended_on else None
        first = s if first is None or s < first else first
        key = str(RANK_LEVEL.get(p.rank, 0))
        by_level[key].append((s, e))
        starts[key].append(s)
        if p.grassroots:
            grass.append((s, e))
    return {
        "first": first,
        "g": _merge(grass),
        "lv": {k: _merge(v) for k, v in by_level.items()},
        "st": {k: sorted(v) for k, v in starts.items()},
    }


def _days(periods, o: int) -> int:
    """Days of merged ``periods`` up to the ordinal ``o`` (a period still open runs to ``o``)."""
    days = 0
    for s, e in periods:
        if s <= o:
            days += (o if e is None or e > o else e) - s
    return days


def _own_figures(on: date, rank_since, work_started_on, party_joined_on, birth) -> dict:
    """The figures read from the cadre's own dates alone (no post needed)."""
    o = on.toordinal()
    out = {
        "age": on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day)) if birth else None,
        "party_years": (o - party_joined_on.toordinal()) / 365.25 if party_joined_on else None,
    }
    if work_started_on:
        out["work_years"] = max(0.0, (o - work_started_on.toordinal()) / 365.25)
    if rank_since:
        out["rank_years"] = max(0.0, (o - rank_since.toordinal()) / 365.25)
        out["last_promotion"] = rank_since
    return out


def figures_from_summary(
    summary: dict,
    on: date,
    *,
    rank: str,
    rank_since: date | None,
    work_started_on: date | None,
    party_joined_on: date | None,
    birth_date: date | None,
) -> ServiceFigures:
    """三龄 (age 实足 on ``on``, 党龄, 工龄) and the years the selection rules count, from a
    ``summarize_posts`` summary and the cadre's own dates. Posts starting after ``on`` count
    for nothing but the start of work (as the first post, when no start of work is recorded)."""
    o = on.toordinal()
    own = _own_figures(on, rank_since, work_started_on, party_joined_on, birth_date)
    first = summary.get("first")
    if "work_years" not in own:
        own["work_years"] = max(0.0, (o - first) / 365.25) if first is not None else 0.0
    years_by_level, posts_by_level = {}, {}
    for key, st in summary.get("st", {}).items():
        n = bisect_right(st, o)
        if n:
            level = int(key)
            posts_by_level[level] = n
            years_by_level[level] = _days(summary["lv"][key], o) / 365.25
    if "rank_years" not in own:
        level = RANK_LEVEL.get(rank, 0)
        own["rank_years"] = years_by_level.get(level, 0.0)
        st = summary.get("st", {}).get(str(level))
        own["last_promotion"] = date.fromordinal(st[0]) if st and st[0] <= o else None
    return ServiceFigures(
        grassroots_years=_days(summary.get("g", ()), o) / 365.25,
        years_by_level=years_by_level,
        posts_by_level=posts_by_level,
        **own,
    )


class StoredFigures:
    """The ``ServiceFigures`` of a cadre from its stored record as JSON text, decoded only when a
    rule asks for a figure the cadre's own dates do not give (a whole pool is checked: most
    section-level checks need none). Equal, figure by figure, to ``figures_from_summary``."""

    __slots__ = ("age", "party_years", "work_years", "rank_years", "last_promotion", "_raw", "_args", "_all")

    def __init__(self, raw, on, *, rank, rank_since, work_started_on, party_joined_on, birth_date):
        self._raw = raw
        self._args = (on, rank, rank_since, work_started_on, party_joined_on, birth_date)
        self._all = None
        for key, value in _own_figures(on, rank_since, work_started_on, party_joined_on, birth_date).items():
            setattr(self, key, value)

    def full(self) -> ServiceFigures:
        if self._all is None:
            on, rank, rank_since, work, party, birth = self._args
            raw = self._raw
            summary = json.loads(raw) if isinstance(raw, (str, bytes)) else (raw or {})
            self._all = figures_from_summary(
                summary,
                on,
                rank=rank,
                rank_since=rank_since,
                work_started_on=work,
                party_joined_on=party,
                birth_date=birth,
            )
        return self._all

    def __getattr__(self, name):  # a figure not set from the cadre's own dates
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.full(), name)


def service_figures(cadre: Cadre, posts: list, on: date, *, birth_date=None) -> ServiceFigures:
    """三龄 and the years the selection rules count, from ``posts`` (the cadre's CadrePost rows, or
    tuples of the same attributes): ``figures_from_summary`` of their summary."""
    return figures_from_summary(
        summarize_posts(posts),
        on,
        rank=cadre.rank,
        rank_since=cadre.rank_since,
        work_started_on=cadre.work_started_on,
        party_joined_on=cadre.party_joined_on,
        birth_date=birth_date if birth_date is not None else cadre.person.birth_date,
    )


def top_education(codes: Iterable[str]) -> str:
    """The education shown and checked for a cadre: of the records in order (graduation, id), the
    last of the highest rung."""
    best, best_rank = "", 0
    for code in codes:
        r = rules.education_rank(code)
        if r >= best_rank:
            best, best_rank = code, r
    return best


def service_record(cadre_ids, *, post_model=None, education_model=None) -> dict[int, dict]:
    """The stored summary of each cadre: ``summarize_posts`` of its posts (not in the recycle bin)
    plus ``edu``, its ``top_education`` code. The models may be a migration's historical ones."""
    ids = list(cadre_ids)
    out = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        out.update(
            _records(Q(cadre_id__in=chunk), chunk, post_model or CadrePost, education_model or Education)
        )
    return out


def _records(where, ids, post_model, education_model) -> dict[int, dict]:
    posts, codes = defaultdict(list), defaultdict(list)
    for row in (
        post_model._base_manager.filter(where, deleted_at__isnull=True)
        .order_by()
        .values_list("cadre_id", "rank", "started_on", "ended_on", "grassroots")
    ):
        posts[row[0]].append(_PostRow(*row[1:]))
    for cid, code in (
        education_model._base_manager.filter(where, deleted_at__isnull=True)
        .order_by("graduated_on", "id")
        .values_list("cadre_id", "education")
    ):
        codes[cid].append(code)
    out = {}
    for cid in ids:
        summary = summarize_posts(posts.get(cid, ()))
        summary["edu"] = top_education(codes.get(cid, ()))
        out[cid] = summary
    return out


def refresh_service_records(
    cadre_ids=None, *, cadre_model=None, post_model=None, education_model=None
) -> int:
    """Recompute ``Cadre.service_record`` of these cadres (all when None: the backfill of the
    migration, the seeder and ``manage.py refresh_cadre_records``) from their posts and education
    records. A derived figure, not audited. Returns the number of cadres written."""
    cadre_model = cadre_model or Cadre
    post_model = post_model or CadrePost
    education_model = education_model or Education
    if cadre_ids is not None:
        ids = list(cadre_ids)
        records = service_record(ids, post_model=post_model, education_model=education_model)
        for cid, record in records.items():
            cadre_model._base_manager.filter(pk=cid).update(service_record=record)
        return len(records)
    all_ids = list(cadre_model._base_manager.order_by("pk").values_list("pk", flat=True))
    written = 0
    for i in range(0, len(all_ids), 5000):
        ids = all_ids[i : i + 5000]
        where = Q(cadre_id__gte=ids[0], cadre_id__lte=ids[-1])
        records = _records(where, ids, post_model, education_model)
        objs = []
        for cid, record in records.items():
            obj = cadre_model(pk=cid)
            obj.service_record = record
            objs.append(obj)
        cadre_model._base_manager.bulk_update(objs, ["service_record"], batch_size=500)
        written += len(objs)
    return written


# --- growth archive (成长纪实档案) -----------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveItem:
    cadre_id: int
    on: date
    kind: str
    title: str
    detail: str = ""
    url: str = ""


ArchiveSource = Callable[[list[int]], Iterable[ArchiveItem]]
_ARCHIVE_SOURCES: list[ArchiveSource] = []


def register_archive_source(fn: ArchiveSource) -> ArchiveSource:
    """Add a source of archive entries: ``fn(cadre_ids)`` yields ``ArchiveItem`` rows. Apps call
    this in ``ready()`` (training registers its course records this way)."""
    if fn not in _ARCHIVE_SOURCES:
        _ARCHIVE_SOURCES.append(fn)
    return fn


def archive_for(cadre_ids: list[int]) -> list[ArchiveItem]:
    """The growth archive of these cadres from every registered source, newest first."""
    items = []
    for source in _ARCHIVE_SOURCES:
        items.extend(source(list(cadre_ids)))
    items.sort(key=lambda i: (i.on, i.kind, i.title), reverse=True)
    return items


@register_archive_source
def _posts_source(ids):
    for p in CadrePost.objects.filter(cadre_id__in=ids).select_related("org"):
        detail = _("{} ({})").format(p.get_rank_display(), _("grassroots") if p.grassroots else p.org.name)
        yield ArchiveItem(
            p.cadre_id, p.started_on, ArchiveKind.POST, _("Took up post: {}").format(p.title), detail
        )


@register_archive_source
def _education_source(ids):
    for e in Education.objects.filter(cadre_id__in=ids, graduated_on__isnull=False):
        yield ArchiveItem(
            e.cadre_id,
            e.graduated_on,
            ArchiveKind.EDUCATION,
            "{} {}".format(e.get_kind_display(), e.get_education_display()),
            e.school,
        )


@register_archive_source
def _appraisal_source(ids):
    for a in Appraisal.objects.filter(cadre_id__in=ids):
        yield ArchiveItem(
            a.cadre_id,
            date(a.year, 12, 31),
            ArchiveKind.APPRAISAL,
            _("Annual appraisal {}: {}").format(a.year, a.get_grade_display()),
        )


@register_archive_source
def _reward_source(ids):
    for r in RewardSanction.objects.filter(cadre_id__in=ids):
        kind = ArchiveKind.SANCTION if r.is_sanction else ArchiveKind.AWARD
        yield ArchiveItem(
            r.cadre_id, r.approved_on, kind, "{}: {}".format(r.get_code_display(), r.name), r.approver
        )


@register_archive_source
def _assignment_source(ids):
    for a in Assignment.objects.filter(cadre_id__in=ids).select_related("org"):
        detail = "{} – {}".format(a.starts_on.isoformat(), a.ends_on.isoformat())
        if a.outcome:
            detail += " · " + _("outcome: {}").format(a.get_outcome_display())
        yield ArchiveItem(
            a.cadre_id,
            a.starts_on,
            ArchiveKind.ASSIGNMENT,
            "{} · {}".format(a.get_kind_display(), a.org.name),
            detail,
            a.get_absolute_url() if hasattr(a, "get_absolute_url") else "",
        )


@register_archive_source
def _contest_source(ids):
    for c in ContestResult.objects.filter(cadre_id__in=ids):
        detail = _("score {}").format(c.score)
        if c.placing:
            detail += " · " + _("placing {}").format(c.placing)
        if c.award:
            detail += " · " + c.award
        yield ArchiveItem(c.cadre_id, c.held_on, ArchiveKind.CONTEST, c.contest, detail)


@register_archive_source
def _evaluation_source(ids):
    for e in Evaluation.objects.filter(cadre_id__in=ids):
        yield ArchiveItem(
            e.cadre_id,
            e.evaluated_on,
            ArchiveKind.EVALUATION,
            _("Five-dimension evaluation {}: {}").format(e.period, e.total),
            e.assessor,
        )


@register_archive_source
def _reserve_source(ids):
    for r in ReserveEntry.objects.filter(cadre_id__in=ids):
        yield ArchiveItem(
            r.cadre_id,
            r.entered_on,
            ArchiveKind.RESERVE,
            _("Entered the reserve pool ({})").format(r.get_target_rank_display()),
            r.get_category_display(),
        )
        if r.left_on:
            yield ArchiveItem(
                r.cadre_id, r.left_on, ArchiveKind.RESERVE, _("Left the reserve pool"), r.left_reason
            )


@register_archive_source
def _appointment_source(ids):
    for a in Appointment.objects.filter(cadre_id__in=ids, appointed_on__isnull=False):
        yield ArchiveItem(
            a.cadre_id, a.appointed_on, ArchiveKind.APPOINTMENT, _("Appointed: {}").format(a.title), a.reason
        )


@register_archive_source
def _note_source(ids):
    for n in ArchiveNote.objects.filter(cadre_id__in=ids):
        yield ArchiveItem(n.cadre_id, n.happened_on, ArchiveKind.NOTE, n.title, n.text)


# --- training hours (provided by the training app when installed) ------------------------------

TrainingProvider = Callable[[list[int], date, date], dict[int, float]]
_TRAINING_PROVIDERS: list[TrainingProvider] = []


def register_training_hours_provider(fn: TrainingProvider) -> TrainingProvider:
    """``fn(person_ids, start, end)`` returns {person_id: hours} for the period (both days included)."""
    if fn not in _TRAINING_PROVIDERS:
        _TRAINING_PROVIDERS.append(fn)
    return fn


def training_hours(person_ids: list[int], start: date, end: date) -> tuple[dict[int, float], str]:
    """Hours per person and a note: with no provider registered every person has 0 hours and the
    note says so, visibly, instead of pretending the rule failed on data."""
    if not _TRAINING_PROVIDERS:
        return defaultdict(float), _("no training data (the training module is not installed)")
    hours: dict[int, float] = defaultdict(float)
    for provider in _TRAINING_PROVIDERS:
        for pid, h in provider(list(person_ids), start, end).items():
            hours[pid] += float(h)
    return hours, ""


# --- cohort targets (1333 plan) ------------------------------------------------------------------


def cohort_count(prefix: str, born_from: int, min_rank: str, on: date) -> int:
    """Cadres of the subtree born in or after ``born_from`` who had reached ``min_rank`` (its rung or
    above, 职级 included) by ``on``: counted from the post records."""
    level = RANK_LEVEL.get(min_rank, 0)
    ranks = [r for r, lv in RANK_LEVEL.items() if lv >= level]
    return (
        Cadre.objects.filter(
            subtree_q(prefix, "org_path"),
            person__birth_date__gte=date(born_from, 1, 1),
            posts__rank__in=ranks,
            posts__started_on__lte=on,
            posts__deleted_at__isnull=True,
        )
        .values("pk")
        .distinct()
        .count()
    )


def cohort_progress(target, on: date | None = None) -> dict:
    on = on or timezone.localdate()
    baseline = cohort_count(target.org_path, target.born_from, target.min_rank, target.baseline_on)
    now = cohort_count(target.org_path, target.born_from, target.min_rank, min(on, target.due_on))
    return _progress(target, baseline, now, on)


def cohort_progress_many(targets, on: date | None = None) -> list[tuple[object, dict]]:
    """``cohort_progress`` of many targets (a dashboard) from one query per minimum rank: the date
    each cadre first reached the rank, bisected by subtree. Tested equal to ``cohort_progress``."""
    from bisect import bisect_left

    from django.db.models import Min

    on = on or timezone.localdate()
    targets = list(targets)
    out = {}
    by_rank = defaultdict(list)
    for t in targets:
        by_rank[t.min_rank].append(t)
    for min_rank, group in by_rank.items():
        level = RANK_LEVEL.get(min_rank, 0)
        ranks = [r for r, lv in RANK_LEVEL.items() if lv >= level]
        scope = Q(pk__in=[])
        for t in group:
            scope |= subtree_q(t.org_path, "cadre__org_path")
        rows = sorted(
            CadrePost.objects.filter(scope, rank__in=ranks, cadre__deleted_at__isnull=True)
            .values_list("cadre__org_path", "cadre__person__birth_date", "cadre_id")
            .annotate(first=Min("started_on"))
            .order_by()
        )
        paths = [r[0] for r in rows]
        for t in group:
            lo, hi = bisect_left(paths, t.org_path), bisect_left(paths, t.org_path + "~")
            born = date(t.born_from, 1, 1)
            until = min(on, t.due_on)
            baseline = now = 0
            for _path, birth, _cid, first in rows[lo:hi]:
                if birth is None or birth < born:
                    continue
                if first <= t.baseline_on:
                    baseline += 1
                if first <= until:
                    now += 1
            out[t.pk] = _progress(t, baseline, now, on)
    return [(t, out[t.pk]) for t in targets]


def _progress(target, baseline, now, on):
    gained = now - baseline
    total_days = (target.due_on - target.baseline_on).days or 1
    elapsed = min(max((on - target.baseline_on).days, 0), total_days)
    return {
        "baseline": baseline,
        "current": now,
        "gained": gained,
        "percent": round(100 * gained / target.increase) if target.increase else 100,
        "time_percent": round(100 * elapsed / total_days),
        "on_track": gained * total_days >= target.increase * elapsed,
    }


# --- assignments ----------------------------------------------------------------------------------


def ending_soon(qs, on: date | None = None):
    """Assignments of ``qs`` ending within the configured days (default 30) and not yet closed."""
    on = on or timezone.localdate()
    days = int(rules.cadres_setting("ending_soon_days"))
    return qs.filter(ends_on__gte=on, ends_on__lte=on + timedelta(days=days), outcome="")


@transaction.atomic
def create_batch(
    batch: AssignmentBatch, placements: list[tuple[Cadre, object, str]], *, actor
) -> AssignmentBatch:
    """Create a batch and its assignments in one step (seed 003: 20 young cadres on a six-month
    rotation). ``placements`` are (cadre, host org, post) triples."""
    if not batch.pk:
        create_object(batch, actor=actor)
    for cadre, host, post in placements:
        create_object(
            Assignment(
                cadre=cadre,
                kind=batch.kind,
                org=host,
                post=post,
                batch=batch,
                starts_on=batch.starts_on,
                ends_on=batch.ends_on,
            ),
            actor=actor,
        )
    return batch


def batch_status(batch: AssignmentBatch, on: date | None = None) -> dict:
    on = on or timezone.localdate()
    rows = list(batch.assignments.all())
    done = [a for a in rows if a.outcome]
    return {
        "count": len(rows),
        "planned": batch.planned_size,
        "closed": len(done),
        "excellent": sum(1 for a in done if a.outcome == "excellent"),
        "failed": sum(1 for a in done if a.outcome == "fail"),
        "running": batch.starts_on <= on <= batch.ends_on,
        "days_left": (batch.ends_on - on).days,
    }


# --- appointments ---------------------------------------------------------------------------------


@transaction.atomic
def appoint(appointment: Appointment, on: date, *, actor, grassroots=False) -> Appointment:
    """Put an appointment into effect (after the publicity): record the post, move the cadre to the
    new unit and rank, start the one-year 试用期 (2014 条例 第四十二条)."""
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    appointment.appointed_on = on
    update_object(appointment, actor=actor)
    cadre = Cadre.objects.select_for_update().get(pk=appointment.cadre_id)
    for post in CadrePost.objects.filter(cadre=cadre, ended_on__isnull=True):
        if post.title == appointment.remove_title or not appointment.remove_title:
            post.ended_on = on - timedelta(days=1)
            update_object(post, actor=actor)
    create_object(
        CadrePost(
            cadre=cadre,
            org=appointment.org,
            title=appointment.title,
            rank=appointment.rank,
            started_on=on,
            grassroots=grassroots,
        ),
        actor=actor,
    )
    if RANK_LEVEL.get(appointment.rank, 0) != RANK_LEVEL.get(cadre.rank, 0) or cadre.rank != appointment.rank:
        cadre.rank, cadre.rank_since = appointment.rank, on
    cadre.org, cadre.title = appointment.org, appointment.title
    update_object(cadre, actor=actor)
    if appointment.vacancy_id:
        vacancy = appointment.vacancy
        before = snapshot(vacancy)
        vacancy.filled = True
        vacancy.save(update_fields=["filled", "updated_at"])
        record_change(vacancy, ChangeLogAction.UPDATE, actor=actor, before=before)
    return appointment


@transaction.atomic
def close_probation(appointment: Appointment, result: str, *, actor) -> Appointment:
    """End the 试用期: confirmed, or returned to the former grade (the new post ends and the cadre's
    previous rank comes back)."""
    if not appointment.appointed_on:
        raise ValueError(_("Only an appointment that took effect has a probation."))
    appointment.probation_result = result
    update_object(appointment, actor=actor)
    if result == ProbationResult.RETURNED:
        cadre = appointment.cadre
        post = CadrePost.objects.filter(
            cadre=cadre, title=appointment.title, started_on=appointment.appointed_on
        ).first()
        if post:
            post.ended_on = timezone.localdate()
            update_object(post, actor=actor)
        earlier = (
            CadrePost.objects.filter(cadre=cadre, started_on__lt=appointment.appointed_on)
            .exclude(Q(pk=getattr(post, "pk", None)))
            .order_by("-started_on")
            .first()
        )
        if earlier:
            cadre.rank = earlier.rank
            cadre.rank_since = earlier.started_on
            update_object(cadre, actor=actor)
    return appointment
