#!/usr/bin/env python
"""Benchmark of casework at ``city`` scale (≥ 200,000 cases), on SQLite and PostgreSQL.

    .venv/bin/python bench/casework.py [--scale small|city] [--db sqlite|pg|both] [--reuse]

Own databases (``orgwork_bench_case_<scale>``, ``bench/out/case-<scale>.sqlite3``): migrated and
seeded with ``seed_demo`` (which includes the casework seeder). Measured in a child process with
the Django test client, p95 of ≥ 50 timed requests after warm-up:

- ``case.escalation.run``: the escalation job over all open cases at 10:00 today (forced, so
  the figure does not depend on the hour the bench runs), firing what is due; then
  ``case.escalation.rescan``: the same job again (nothing left to fire, the full scan). Goal 10 s.
- ``case.my_cases.p95``: a township handler's "my cases" page; ratio to its own SELECT run by hand.
- ``case.stats.p95``: the statistics page of a district for the last 12 months; ratio to the four
  aggregate queries written by hand.
- ``case.suggest.p95``: duplicate + routing suggestion on entry (htmx POST), goal 200 ms; the
  per-process index build is ``case.suggest.index_build``.
- Text quality on the labelled set the seeder writes first (templates × paraphrases): routing
  top-1 / top-3 (leave-one-out over all cases), duplicate precision / recall (pairs, labelled set).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # noqa: E402

ALL_PARTS = "escalation,mine,stats,suggest,text"
GOALS = {"case.escalation.run": 10.0, "case.escalation.rescan": 10.0, "case.suggest.p95": 200.0}


def _options(parser):
    parser.add_argument(
        "--only",
        default=ALL_PARTS,
        help="comma-separated parts to measure (with --reuse: escalation only on fresh data)",
    )


def main() -> None:
    bench.module_main(
        "casework",
        __file__,
        __doc__,
        lambda n, args: measure(n, set(args.only.split(","))),
        default_db="both",
        requests=60,
        child_args=_options,
    )


def _user(username, role, org):
    from django.utils import timezone

    from orgwork.accounts.models import RoleGrant, User
    from orgwork.accounts.services import grant_role

    user = User.objects.filter(username=username).first() or User.objects.create_user(username, password=None)
    User.objects.filter(pk=user.pk).update(must_change_password=False, password_changed_at=timezone.now())
    if not RoleGrant.objects.filter(user=user, role=role, org=org).exists():
        grant_role(user, role, org, actor=None)
    return User.objects.get(pk=user.pk)


def measure(n: int, only: set) -> dict:
    from django.db import connection

    from orgwork.casework.choices import OPEN_STATES
    from orgwork.casework.models import Case, CaseParticipant
    from orgwork.core.paths import subtrees_q
    from orgwork.orgs.models import Org

    notes: list[str] = []
    metrics: list[dict] = []
    with connection.cursor() as cur:
        cur.execute("SHOW server_version" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        db_version = cur.fetchone()[0]
    total = Case.objects.count()
    open_n = Case.objects.filter(state__in=OPEN_STATES).count()
    notes.append(f"{total:,} cases, {open_n:,} open, {CaseParticipant.objects.count():,} participant rows")
    district = max(
        Org.objects.filter(level="district"),
        key=lambda o: Case.objects.filter(subtrees_q([o.path], "org_path")).count(),
    )
    parts = {
        "escalation": lambda: _escalation(open_n),
        "mine": lambda: _mine(n),
        "stats": lambda: _stats(n, district),
        "suggest": lambda: _suggest(n, district),
        "text": lambda: _text(total),
    }
    for name, fn in parts.items():
        if name in only:
            m, nt = fn()
            metrics += m
            notes += nt
    for m in metrics:
        if m["name"] in GOALS:
            m["goal"] = GOALS[m["name"]]
    return {"metrics": metrics, "notes": notes, "db_version": db_version}


def _client(username, role, org):
    from django.test import Client

    c = Client()
    c.force_login(_user(username, role, org))
    return c


def _escalation(open_n):
    from datetime import datetime
    from datetime import time as dtime

    from django.utils import timezone

    from orgwork.casework.escalation import run_escalations

    users = _staff_accounts()
    now = timezone.make_aware(datetime.combine(timezone.localdate(), dtime(10, 0)))
    t0 = time.perf_counter()
    out = run_escalations(now, force=True)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    out2 = run_escalations(now, force=True)
    second = time.perf_counter() - t0
    return [
        {"name": "case.escalation.run", "value": first, "unit": "s"},
        {"name": "case.escalation.rescan", "value": second, "unit": "s"},
    ], [
        f"escalation over {open_n:,} open cases: first run fired {out['fired']} levels "
        f"({out.get('notices', 0)} digest notices to {users:,} staff accounts of the city, district and "
        f"township committees) in {first:.2f} s; second run fired {out2['fired']} in {second:.2f} s"
    ]


def _staff_accounts() -> int:
    """A staff account for every committee down to the townships (as a deployment has them), so that
    the escalation job finds its recipients and writes their notices, as it would in production."""
    from django.utils import timezone

    from orgwork.accounts.models import RoleGrant, User
    from orgwork.orgs.models import Org

    orgs = list(Org.objects.filter(level__in=("city", "district", "town")).only("pk", "path", "code"))
    have = set(User.objects.filter(username__startswith="bench_staff_").values_list("username", flat=True))
    now = timezone.now()
    new = [
        User(username=f"bench_staff_{o.pk}", must_change_password=False, password_changed_at=now)
        for o in orgs
        if f"bench_staff_{o.pk}" not in have
    ]
    for u in new:
        u.set_unusable_password()
    User.objects.bulk_create(new, batch_size=1000)
    ids = dict(User.objects.filter(username__startswith="bench_staff_").values_list("username", "pk"))
    granted = set(RoleGrant.objects.filter(user_id__in=ids.values()).values_list("user_id", flat=True))
    RoleGrant.objects.bulk_create(
        [
            RoleGrant(user_id=ids[f"bench_staff_{o.pk}"], role="org_staff", org=o, org_path=o.path)
            for o in orgs
            if ids[f"bench_staff_{o.pk}"] not in granted
        ],
        batch_size=1000,
    )
    return len(orgs)


def _mine(n):
    from django.db import connection
    from django.db.models import Count

    from orgwork.casework.choices import OPEN_STATES
    from orgwork.casework.models import CaseParticipant
    from orgwork.casework.views import PRIORITY_RANK
    from orgwork.core.paths import subtrees_q
    from orgwork.orgs.models import Org

    town_id = (
        CaseParticipant.objects.filter(role="lead", active=True, org__level="town")
        .values("org_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()["org_id"]
    )
    town = Org.objects.get(pk=town_id)
    client = _client("bench_case_handler", "org_staff", town)
    url = "/casework/mine/"
    assert client.get(url).status_code == 200
    times = bench.timed(lambda: client.get(url), n)
    qs = (
        CaseParticipant.objects.filter(subtrees_q([town.path], "org_path"))
        .filter(role__in=["lead", "co"], case__state__in=OPEN_STATES, case__deleted_at__isnull=True)
        .select_related("case", "case__lead_org", "org")
        .annotate(prio=PRIORITY_RANK)
        .order_by("due_on", "prio", "case_id")[:50]
    )
    sql, params = qs.query.sql_with_params()

    def raw():
        with connection.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    raw_t = bench.timed(raw, n)
    mine_n = CaseParticipant.objects.filter(
        subtrees_q([town.path], "org_path"), role__in=["lead", "co"], case__state__in=OPEN_STATES
    ).count()
    return [
        {"name": "case.my_cases.p95", "value": bench.percentile(times, 95), "unit": "ms"},
        {
            "name": "case.my_cases_over_raw_sql",
            "value": statistics.median(times) / statistics.median(raw_t),
            "unit": "×",
        },
    ], [f"my cases: staff of {town.name}, {mine_n:,} open cases handled in the subtree, 50 a page"]


def _stats(n, district):
    from datetime import timedelta

    from django.db import connection
    from django.utils import timezone

    from orgwork.casework.models import Case
    from orgwork.core.paths import subtrees_q

    client = _client("bench_case_district", "org_admin", district)
    end = timezone.localdate()
    start = end - timedelta(days=365)
    url = f"/casework/statistics/?org={district.pk}&start={start}&end={end}"
    assert client.get(url).status_code == 200
    st = bench.timed(lambda: client.get(url), n)
    lo, hi = district.path, district.path + "~"
    agg = (
        "SELECT {g} COUNT(*), COUNT(closed_on), SUM(CASE WHEN closed_on_time THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN state IN ('registered','assigned','in_progress','close_requested') THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN state IN ('registered','assigned','in_progress','close_requested') AND due_on < %s "
        "THEN 1 ELSE 0 END), SUM(CASE WHEN reopen_count > 0 THEN 1 ELSE 0 END), AVG(workdays_to_close), "
        "SUM(CASE WHEN satisfaction = 3 THEN 1 ELSE 0 END), COUNT(satisfaction), AVG(satisfaction) "
        "FROM casework_case WHERE deleted_at IS NULL AND org_path >= %s AND org_path < %s "
        "AND raised_on >= %s AND raised_on <= %s {tail}"
    )
    queries = [agg.format(g="", tail="")] + [
        agg.format(g=f"{c},", tail=f"GROUP BY {c}") for c in ("source", "category", "lead_org_id")
    ]

    def raw_stats():
        with connection.cursor() as cur:
            for q in queries:
                cur.execute(q, [end, lo, hi, start, end])
                cur.fetchall()

    rs = bench.timed(raw_stats, n)
    in_period = Case.objects.filter(
        subtrees_q([district.path], "org_path"), raised_on__gte=start, raised_on__lte=end
    ).count()
    return [
        {"name": "case.stats.p95", "value": bench.percentile(st, 95), "unit": "ms"},
        {
            "name": "case.stats_over_raw_sql",
            "value": statistics.median(st) / statistics.median(rs),
            "unit": "×",
        },
    ], [
        f"statistics: {district.name}, {start} to {end}: {in_period:,} cases in the period (4 aggregates by hand)"
    ]


def _suggest(n, district):
    import random

    from orgwork.casework import corpus, textsim
    from orgwork.casework.models import Case
    from orgwork.orgs.models import Org

    client = _client("bench_case_district", "org_admin", district)
    textsim.reset_index()
    t0 = time.perf_counter()
    idx = textsim.get_index()
    build = time.perf_counter() - t0
    rng = random.Random(5)
    places = [p for p in Case.objects.values_list("raised_place", flat=True)[:2000] if p]
    texts = iter(
        [corpus.compose(rng, rng.randrange(len(corpus.TEMPLATES)), rng.choice(places)) for _ in range(n + 10)]
    )
    org_id = (
        Org.objects.filter(level="town", path__startswith=district.path).values_list("pk", flat=True).first()
    )

    def post():
        title, desc = next(texts)
        r = client.post("/casework/cases/suggest/", {"title": title, "description": desc, "org": org_id})
        assert r.status_code == 200

    sg = bench.timed(post, n)
    return [
        {"name": "case.suggest.p95", "value": bench.percentile(sg, 95), "unit": "ms"},
        {"name": "case.suggest.index_build", "value": build, "unit": "s"},
    ], [
        f"suggestions: index of {len(idx.meta):,} cases (open or raised in {textsim.WINDOW_DAYS} days) "
        f"built in {build:.1f} s once per process; bigrams in more than {textsim.MAX_DF_SHARE:.1%} of cases skipped"
    ]


def _text(total):
    from orgwork.casework import corpus, textsim
    from orgwork.casework.demo import _place_name, demo_places
    from orgwork.casework.models import Case

    label_places = [(_place_name(nm), vid, tid) for vid, _vp, nm, tid, _tp in demo_places()]
    labelled = corpus.labelled_set(label_places, seed=1)
    first_id = Case.all_objects.order_by("pk").values_list("pk", flat=True).first()
    rows = {c.pk: c for c in Case.all_objects.filter(pk__lt=first_id + len(labelled))}
    top1 = top3 = evaluated = 0
    for i, item in enumerate(labelled):
        case = rows.get(first_id + i)
        if case is None or case.lead_org_id is None:
            continue
        _d, routing = textsim.suggest(
            f"{item['title']} {item['title']} {item['description']}",
            prefixes=None,
            route_prefix=case.org_path,
            exclude_id=case.pk,
        )
        orgs = [r[0] for r in routing]
        evaluated += 1
        top1 += bool(orgs) and orgs[0] == case.lead_org_id
        top3 += case.lead_org_id in orgs[:3]
    # Duplicates: pairs within the labelled set, on an index of the labelled set alone.
    lidx = textsim.CaseIndex()
    for i, item in enumerate(labelled):
        lidx.add(i + 1, item["title"], item["description"], "in_progress", None, "", None, "", item["place"])
    by_matter: dict[int, list[int]] = {}
    for i, item in enumerate(labelled):
        by_matter.setdefault(item["matter"], []).append(i + 1)
    true_pairs = set()
    for ids in by_matter.values():
        true_pairs |= {(a, b) for a in ids for b in ids if a < b}
    found = set()
    for i, item in enumerate(labelled):
        text = f"{item['title']} {item['title']} {item['description']}"
        norm = textsim._self_score(lidx, text)
        for score, m in lidx.search(text, limit=5, exclude_id=i + 1):
            if score / norm >= textsim.DUPLICATE_MIN_SCORE and textsim.same_place(m, text):
                found.add(tuple(sorted((i + 1, m[0]))))
    tp = len(found & true_pairs)
    precision = tp / len(found) if found else 0.0
    recall = tp / len(true_pairs) if true_pairs else 0.0
    return [
        {"name": "case.text.routing_top1", "value": 100.0 * top1 / max(1, evaluated), "unit": "%"},
        {"name": "case.text.routing_top3", "value": 100.0 * top3 / max(1, evaluated), "unit": "%"},
        {"name": "case.text.dup_precision", "value": 100.0 * precision, "unit": "%"},
        {"name": "case.text.dup_recall", "value": 100.0 * recall, "unit": "%"},
    ], [
        f"labelled set: {len(labelled)} cases, {len(by_matter)} matters (template × place) from "
        f"{len(corpus.TEMPLATES)} templates, each raised 1–3 times in different words (3 wordings × 6 frames × 5 "
        f"endings); routing on {evaluated} of them, leave-one-out over all {total:,} cases, among the cases of the "
        f"registering org first; duplicates: {len(true_pairs)} true pairs, {len(found)} suggested (same place and "
        f"≥ {textsim.DUPLICATE_MIN_SCORE} of the self-score; threshold chosen on this set, no held-out set)"
    ]


if __name__ == "__main__":
    main()
