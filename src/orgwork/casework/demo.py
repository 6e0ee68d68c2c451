"""Demo seeder of casework: cases of the last two years over the villages and communities of the
tree, registered by their township, each with a full, consistent history (the events are generated
and the rollup is derived from them by ``casework.state.derive``, as in the application).

Figures (seed 004: "1年来闭环处理各类建议事项350余条" for one county): ``small`` about 900 cases,
``city`` about 210,000 (the benchmark's size; far more than real, on purpose). Texts come from
``casework.corpus`` (templates with paraphrases); the first cases are the labelled set."""

from __future__ import annotations

import bisect
from datetime import datetime, time, timedelta
from types import SimpleNamespace

from django.db import connection
from django.db.models import Max
from django.utils import timezone

from orgwork.casework import corpus, rules
from orgwork.casework.choices import EventKind
from orgwork.casework.kinds import DEFAULT_KIND, get_kind
from orgwork.casework.models import Case, CaseEvent, CaseParticipant
from orgwork.casework.state import ROLLUP_FIELDS, derive

__all__ = ["seed_cases", "CASES_PER_SCALE", "demo_places"]

CASES_PER_SCALE = {"small": 900, "city": 210_000}
SOURCES = ["secretary_forum", "red_council", "grid", "grid", "visit", "visit", "other"]


class FastDays:
    """``core.workdays.add_workdays`` over a precomputed list of the working days of the range."""

    def __init__(self, start, end):
        from orgwork.core.workdays import is_workday

        self.days = []
        d = start
        while d <= end:
            if is_workday(d):
                self.days.append(d)
            d += timedelta(days=1)

    def add(self, d, n):
        i = bisect.bisect_right(self.days, d)
        return self.days[min(i + n - 1, len(self.days) - 1)]

    def between(self, a, b):
        return bisect.bisect_right(self.days, b) - bisect.bisect_right(self.days, a)


def demo_places():
    """(village org id, path, name, town org id, town path) of every village and community."""
    from orgwork.orgs.models import Org

    towns = dict(Org.all_objects.filter(level="town").values_list("path", "pk"))
    out = []
    for pk, path, name in (
        Org.all_objects.filter(level__in=["village", "community"])
        .order_by("path")
        .values_list("pk", "path", "name")
    ):
        tpath = path[:12]
        if tpath in towns:
            out.append((pk, path, name, towns[tpath], tpath))
    return out


def _place_name(name: str) -> str:
    for suffix in ("党委", "党总支", "党支部", "联合党支部"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def seed_cases(ctx) -> dict:
    from orgwork.demo.writer import RowWriter

    rng = ctx.rng("casework")
    places = demo_places()
    if not places:
        return {}
    n_cases = CASES_PER_SCALE.get(ctx.scale.name, 900)
    today = ctx.today
    tz = timezone.get_current_timezone()
    fd = FastDays(today - timedelta(days=760), today + timedelta(days=400))
    conf = dict(rules.ESCALATION_DEFAULTS)
    kind = get_kind(DEFAULT_KIND)
    # One settings read per category, not one per case.
    days_for = {c: kind.days_for(c) for c, _label in kind.category_choices()}
    first_id = (Case.all_objects.aggregate(m=Max("id"))["m"] or 0) + 1

    def snap(start, days):
        remind_after = max(1, days * conf["remind_percent"] // 100)
        due = fd.add(start, days)
        return {
            "start": start.isoformat(),
            "days": days,
            "remind": fd.add(start, min(remind_after, days)).isoformat(),
            "due": due.isoformat(),
            "escalate": fd.add(due, conf["committee_after_days"]).isoformat(),
        }

    def at(d, hour=10):
        return timezone.make_aware(datetime.combine(d, time(hour, rng.randint(0, 59))), tz)

    case_fields = [
        "id",
        "kind",
        "title",
        "description",
        "source",
        "category",
        "priority",
        "raised_by_name",
        "raised_on",
        "raised_event",
        "raised_place",
        "org_id",
        "org_path",
        "created_at",
        *ROLLUP_FIELDS,
    ]
    cases = RowWriter(Case, case_fields, now=ctx.now)
    events = RowWriter(
        CaseEvent, ["case_id", "kind", "at", "actor_name", "org_id", "note", "data"], now=ctx.now
    )
    parts = RowWriter(
        CaseParticipant,
        [
            "case_id",
            "org_id",
            "org_path",
            "role",
            "assigned_on",
            "remind_on",
            "due_on",
            "escalate_on",
            "done_on",
            "fired_level",
            "active",
        ],
        now=ctx.now,
    )
    paths = {}
    for vid, vpath, _n, tid, tpath in places:
        paths[vid], paths[tid] = vpath, tpath
    # The labelled set first (its matters and handlers are known), then the mass.
    label_places = [(_place_name(n), vid, tid) for vid, _vp, n, tid, _tp in places]
    labelled = corpus.labelled_set(label_places, seed=ctx.seed)
    by_vid = {p[0]: p for p in places}
    plan = []
    for item in labelled:
        plan.append((item["template"], by_vid[item["handler"]] if item["handler"] in by_vid else None, item))
    names = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
    given = "建国 秀英 志强 桂兰 海峰 丽华 德明 美玲 春生 玉珍".split()
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    pg = connection.vendor == "postgresql"
    adapt = (lambda v: v) if pg else connection.ops.adapt_datetimefield_value
    counts = {"cases": 0, "events": 0, "participants": 0}
    cid = first_id
    for i in range(n_cases):
        if i < len(plan):
            t, _vp, item = plan[i]
            village = next(p for p in places if p[0] == item["handler"] or p[3] == item["handler"])
            if corpus.TEMPLATES[t][1] == "village":
                village = by_vid[item["handler"]]
            title, desc = item["title"], item["description"]
        else:
            t = rng.randrange(len(corpus.TEMPLATES))
            village = places[rng.randrange(len(places))]
            title, desc = corpus.compose(rng, t, _place_name(village[2]))
        vid, vpath, vname, tid, tpath = village
        category, level, _cores = corpus.TEMPLATES[t]
        lead = vid if level == "village" else tid
        raised = today - timedelta(days=int(rng.random() ** 1.3 * 730))
        source = rng.choice(SOURCES)
        evs = [SimpleNamespace(kind=EventKind.REGISTER, at=at(raised, 9), org_id=tid, note="", data={})]
        start = fd.add(raised, 0) if raised in fd.days else fd.add(raised, 1)
        if start > today:
            start = raised
        days = days_for[category]
        # A few recent cases wait for assignment; none older than a month (an inbox of 2024 cases
        # still unassigned would not be a believable demo). Same random draws either way.
        if start <= today and (rng.random() < 0.97 or (today - raised).days > 30):
            lead_snap = {"org": lead, **snap(start, days)}
            co = []
            if rng.random() < 0.25 and lead != vid:
                co.append({"org": vid, **snap(start, days)})
            evs.append(
                SimpleNamespace(
                    kind=EventKind.ASSIGN,
                    at=at(start, 11),
                    org_id=lead,
                    note="",
                    data={"lead": lead_snap, "co": co},
                )
            )
            due = datetime.fromisoformat(lead_snap["due"]).date()
            if rng.random() < 0.05:
                evs.append(
                    SimpleNamespace(
                        kind=EventKind.SUPERVISE, at=at(start, 15), org_id=tid, note="", data={"org": tid}
                    )
                )
            # When the handler finishes: mostly in time, some late; none after today.
            k = max(1, int(days * rng.uniform(0.3, 1.35)))
            finish = fd.add(start, k)
            progress_day = fd.add(start, max(1, k // 2))
            if progress_day < today:
                evs.append(
                    SimpleNamespace(
                        kind=EventKind.PROGRESS,
                        at=at(progress_day, 14),
                        org_id=None,
                        note="已现场查看，正在协调处理。",
                        data={},
                    )
                )
            # Some finished cases still wait to be closed, but only lately: "my cases" shows what is
            # open and overdue now, not deadlines of two years ago.
            closed = finish < today and (rng.random() < 0.93 or (today - finish).days > 45)
            fired_until = finish if closed else today - timedelta(days=1)
            lvl = rules.level_due(
                fired_until,
                datetime.fromisoformat(lead_snap["remind"]).date(),
                due,
                datetime.fromisoformat(lead_snap["escalate"]).date(),
            )
            for level in range(1, lvl + 1):
                evs.append(
                    SimpleNamespace(
                        kind=EventKind.ESCALATE,
                        at=at(fired_until, 9),
                        org_id=lead,
                        note="",
                        data={"level": level, "org": lead, "role": "lead"},
                    )
                )
            if closed:
                evs.append(
                    SimpleNamespace(
                        kind=EventKind.REQUEST_CLOSE,
                        at=at(finish, 16),
                        org_id=None,
                        note="已办结，已向群众答复。",
                        data={},
                    )
                )
                v_day = fd.add(finish, rng.randint(1, 3))
                if v_day < today:
                    if rng.random() < 0.08:
                        evs.append(
                            SimpleNamespace(
                                kind=EventKind.REOPEN,
                                at=at(v_day, 10),
                                org_id=None,
                                note="核验未通过，群众反映问题仍存在。",
                                data={},
                            )
                        )
                        finish = fd.add(v_day, rng.randint(2, 6))
                        if finish >= today:
                            v_day = None
                        else:
                            evs.append(
                                SimpleNamespace(
                                    kind=EventKind.REQUEST_CLOSE,
                                    at=at(finish, 16),
                                    org_id=None,
                                    note="整改完成。",
                                    data={},
                                )
                            )
                            v_day = fd.add(finish, 1)
                    if v_day and v_day < today:
                        evs.append(
                            SimpleNamespace(
                                kind=EventKind.VERIFY,
                                at=at(v_day, 10),
                                org_id=None,
                                note="",
                                data={"on_time": finish <= due, "workdays": fd.between(start, finish)},
                            )
                        )
                        fb_day = fd.add(v_day, rng.randint(1, 5))
                        if fb_day < today and rng.random() < 0.85:
                            sat = rng.choices((3, 2, 1), (75, 18, 7))[0]
                            evs.append(
                                SimpleNamespace(
                                    kind=EventKind.FEEDBACK,
                                    at=at(fb_day, 15),
                                    org_id=None,
                                    note="",
                                    data={"satisfaction": sat},
                                )
                            )
                            if (today - fb_day).days > 30:
                                evs.append(
                                    SimpleNamespace(
                                        kind=EventKind.ARCHIVE,
                                        at=at(fd.add(fb_day, 5), 10),
                                        org_id=None,
                                        note="",
                                        data={},
                                    )
                                )
        case = SimpleNamespace(org_id=tid)
        evs.sort(key=lambda e: e.at)
        fields, prow = derive(case, evs)
        fields["last_event_at"] = adapt(fields["last_event_at"])
        cases.add(
            (
                cid,
                DEFAULT_KIND,
                title,
                desc,
                source,
                category,
                rng.choices(("normal", "urgent", "critical"), (85, 12, 3))[0],
                rng.choice(names) + rng.choice(given),
                raised,
                "",
                _place_name(vname),
                tid,
                tpath,
                adapt(evs[0].at),
                *[fields[f] for f in ROLLUP_FIELDS],
            )
        )
        for e in evs:
            events.add(
                (
                    cid,
                    e.kind,
                    adapt(e.at),
                    "system",
                    e.org_id,
                    e.note,
                    json.dumps(e.data, cls=DjangoJSONEncoder),
                )
            )
        for p in prow:
            parts.add(
                (
                    cid,
                    p["org_id"],
                    paths.get(p["org_id"], tpath),
                    p["role"],
                    p["assigned_on"],
                    p["remind_on"],
                    p["due_on"],
                    p["escalate_on"],
                    p["done_on"],
                    p["fired_level"],
                    p["active"],
                )
            )
        counts["events"] += len(evs)
        counts["participants"] += len(prow)
        cid += 1
    for w in (cases, events, parts):
        w.flush()
    counts["cases"] = cases.count
    if connection.vendor == "postgresql":
        from django.core.management.color import no_style

        with connection.cursor() as cur:
            for stmt in connection.ops.sequence_reset_sql(no_style(), [Case]):
                cur.execute(stmt)
    ctx.analyze.extend([Case, CaseEvent, CaseParticipant])
    return counts
