#!/usr/bin/env python
"""Benchmark of the REST API's largest list, recorded with bench/run.py's ``record()`` into
bench/results.json and bench/RESULTS.md.

    .venv/bin/python bench/api.py --scale city [--db pg|sqlite|both] [--reuse] [--requests N]

Without ``--reuse`` the bench database is created, migrated and seeded as bench/run.py does
(PostgreSQL ``orgwork_bench_<scale>``, SQLite ``bench/out/bench-<scale>.sqlite3``); with it, an
already seeded one is measured. In a child process (``django.test.Client``, no network):

- ``api_person_list.*``: ``GET /api/people/people/?limit=100`` as a district-scoped org admin
  (吴江区委's subtree), with a personal API token in the ``Authorization`` header: p50/p95 of at
  least 50 requests after 5 warm-up ones (the total count then comes from the count cache, as when a
  client pages through the list), and ``uncached_*`` with the cache emptied before every request;
- ``api_raw_sql.*``: the SQL the endpoint runs for that page (scope filter, ordering, LIMIT 100),
  executed directly and fetched; ``api_person_list_over_raw_sql`` compares the p50s.

Figures are recorded, never asserted by tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # noqa: E402  (bench/run.py: database helpers, percentiles, record())

GOALS = {"api_person_list.p95": 100.0}
URL = "/api/people/people/?limit=100"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=("small", "city"), default="city")
    parser.add_argument("--db", choices=("sqlite", "pg", "both"), default="pg")
    parser.add_argument("--requests", type=int, default=60, help="timed requests (at least 50)")
    parser.add_argument("--reuse", action="store_true", help="measure an already seeded bench database")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        bench._setup_django(args.url)
        print("RESULT " + json.dumps(measure(max(50, args.requests))))
        return
    dbs = ("sqlite", "pg") if args.db == "both" else (args.db,)
    bench.OUT.mkdir(parents=True, exist_ok=True)
    metrics, notes, versions = [], {}, {}
    for db in dbs:
        url = bench.database_url(db, args.scale)
        key = f"{db}/{args.scale}"
        print(f"== {key}: {url}", flush=True)
        if not args.reuse:
            bench.fresh_database(db, url)
            bench.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], url)
            wall, rss_mb, out = bench.seed(url, args.scale)
            print(f"   seed: {wall:.1f} s, peak RSS {rss_mb:.0f} MB", flush=True)
        else:
            # The bench database may predate the API token table.
            bench.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], url)
        res = bench.run(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--child",
                "--requests",
                str(args.requests),
                "--url",
                url,
            ],
            url,
            capture=True,
        )
        line = [ln for ln in res.splitlines() if ln.startswith("RESULT ")][-1]
        data = json.loads(line[len("RESULT ") :])
        versions[db] = data.pop("db_version")
        notes[f"{key} api"] = data.pop("notes")
        for m in data["metrics"]:
            metrics.append(bench.metric(m["name"], db, args.scale, m["value"], m["unit"], m.get("goal")))
            print(
                f"   {m['name']:<34} {bench.fmt(m['value']):>10} {m['unit']:<8} goal {bench.fmt(m.get('goal'))}"
            )
    bench.record(metrics, notes, versions)
    print(f"recorded in {bench.RESULTS_MD.relative_to(bench.ROOT)}")


def measure(n: int) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.utils import timezone as dj_tz

    from orgwork.accounts.models import ApiToken, RoleGrant, User
    from orgwork.accounts.services import grant_role
    from orgwork.accounts.tokens import issue_token
    from orgwork.orgs.models import Org
    from orgwork.people.models import Person

    notes: list[str] = []
    with connection.cursor() as cur:
        cur.execute("SHOW server_version" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        db_version = cur.fetchone()[0]
    district = Org.objects.filter(name="吴江区委").order_by("depth").first()
    user = User.objects.filter(username="bench_api_district").first()
    if user is None:
        user = User.objects.create_user("bench_api_district", password=None)
    User.objects.filter(pk=user.pk).update(must_change_password=False, password_changed_at=dj_tz.now())
    if not RoleGrant.objects.filter(user=user, role="org_admin", org=district).exists():
        grant_role(user, "org_admin", district, actor=None)
    ApiToken.objects.filter(user=user).delete()
    _token, key = issue_token(user, name="bench", session_verified=False)
    client = Client(HTTP_AUTHORIZATION="Token " + key)

    first = client.get(URL)
    if first.status_code != 200:
        raise SystemExit(f"GET {URL} gave {first.status_code}: {first.content[:300]!r}")
    body = first.json()
    in_scope = body["count"]
    notes.append(
        f"{URL} as org_admin of {district.name} (token): {in_scope:,} people in scope, "
        f"{len(body['results'])} per page"
    )

    captured: list[tuple[float, str]] = []

    def spy(execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            captured.append(((time.perf_counter() - t0) * 1000, sql))

    with connection.execute_wrapper(spy):
        t0 = time.perf_counter()
        client.get(URL)
        total = (time.perf_counter() - t0) * 1000
    times = bench.timed(lambda: client.get(URL), n)

    def uncached_get():
        cache.clear()
        client.get(URL)

    cold = bench.timed(uncached_get, n, warm=1)

    # The page's own SELECT, as the endpoint builds it, executed directly.
    fresh_user = User.objects.get(pk=user.pk)
    qs = Person.objects.restrict(fresh_user, "view").order_by(*(Person._meta.ordering or ["pk"]))[:100]
    sql, params = qs.query.sql_with_params()

    def raw_page():
        with connection.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    assert len(raw_page()) == len(body["results"])
    raw = bench.timed(raw_page, n)

    sql_ms = sum(t for t, _ in captured)
    slow = sorted(captured, key=lambda q: -q[0])[:3]
    notes.append(
        f"api_person_list: {len(captured)} queries, {sql_ms:.0f} of {total:.0f} ms in SQL; slowest "
        + "; ".join(f"{t:.0f} ms: {s[:160]}" for t, s in slow)
    )
    p50 = statistics.median(times)
    metrics = [
        {"name": "api_person_list.p50", "value": p50, "unit": "ms"},
        {"name": "api_person_list.p95", "value": bench.percentile(times, 95), "unit": "ms", "goal": 100.0},
        {"name": "api_person_list.uncached_p50", "value": statistics.median(cold), "unit": "ms"},
        {"name": "api_person_list.uncached_p95", "value": bench.percentile(cold, 95), "unit": "ms"},
        {"name": "api_person_list.queries", "value": len(captured), "unit": "queries"},
        {"name": "api_raw_sql.p50", "value": statistics.median(raw), "unit": "ms"},
        {"name": "api_raw_sql.p95", "value": bench.percentile(raw, 95), "unit": "ms"},
        {"name": "api_person_list_over_raw_sql", "value": p50 / statistics.median(raw), "unit": "×"},
    ]
    return {"metrics": metrics, "notes": notes, "db_version": db_version}


if __name__ == "__main__":
    main()
