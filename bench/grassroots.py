#!/usr/bin/env python
"""Benchmark of grassroots work, recorded with bench/run.py's ``record()`` into bench/results.json
and bench/RESULTS.md.

    .venv/bin/python bench/grassroots.py --scale city [--db pg|sqlite|both] [--reuse] [--requests N]

Without ``--reuse`` the bench database is created, migrated and seeded with ``seed_demo`` (which
runs the grassroots seeder): PostgreSQL ``orgwork_bench_grass_<scale>``, SQLite
``bench/out/grass-<scale>.sqlite3``. In a child process (``django.test.Client``, no network):

- ``grass_pledge_district.*``: the 先锋365 completion page of 相城区委 (the district of seed 001)
  for this year, as that district's org admin: p50/p95 of at least 50 requests after 5 warm-up ones
  (the figures then come from the per-data-generation cache, ``core.figures``), and ``uncached_*``
  with the cache emptied before each of max(10, N/5) requests (every figure recomputed);
  ``grass_pledge_raw_sql.*``: one hand-written statement giving the same district's member count and
  members reaching each deed item (a lower bound: it leaves out categories, pairings and visits);
- ``grass_action_dashboard_city.*``: the action-branch dashboard of the whole city for this year as
  the city's org admin; ``grass_action_raw_sql.*``: one statement giving the branches active in the
  year, their activities and people served.

Figures are recorded, never asserted by tests.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # noqa: E402  (bench/run.py: database helpers, percentiles, record())

GOALS = {
    "grass_pledge_district.p95": 1500.0,
    "grass_action_dashboard_city.p95": 500.0,
}


def main() -> None:
    bench.module_main(
        "grassroots", __file__, __doc__, lambda n, args: measure(n), default_db="both", requests=50
    )


PLEDGE_SQL = """
WITH m AS (
  SELECT DISTINCT p.id FROM people_person p
  JOIN people_affiliation a ON a.person_id = p.id
  WHERE a.org_path >= %s AND a.org_path < %s AND p.political_status IN ('01', '02') AND p.deleted_at IS NULL
), d AS (
  SELECT person_id, item_code, COUNT(*) AS n FROM grassroots_deed
  WHERE year = %s AND deleted_at IS NULL AND person_id IN (SELECT id FROM m)
  GROUP BY person_id, item_code
)
SELECT '', COUNT(*) FROM m
UNION ALL
SELECT item_code, COUNT(*) FROM d WHERE n >= 1 GROUP BY item_code
"""

ACTION_SQL = """
SELECT
  (SELECT COUNT(*) FROM grassroots_actionbranch b
    WHERE b.org_path >= %s AND b.org_path < %s AND b.deleted_at IS NULL
      AND b.started_on <= %s AND (b.ended_on IS NULL OR b.ended_on >= %s)),
  (SELECT COUNT(*) FROM grassroots_actionactivity a
    WHERE a.org_path >= %s AND a.org_path < %s AND a.deleted_at IS NULL AND a.held_on BETWEEN %s AND %s),
  (SELECT SUM(a.served_count) FROM grassroots_actionactivity a
    WHERE a.org_path >= %s AND a.org_path < %s AND a.deleted_at IS NULL AND a.held_on BETWEEN %s AND %s)
"""


def _user(username, org):
    from django.utils import timezone as dj_tz

    from orgwork.accounts.models import RoleGrant, User
    from orgwork.accounts.services import grant_role

    user = User.objects.filter(username=username).first() or User.objects.create_user(username, password=None)
    User.objects.filter(pk=user.pk).update(must_change_password=False, password_changed_at=dj_tz.now())
    if not RoleGrant.objects.filter(user=user, role="org_admin", org=org).exists():
        grant_role(user, "org_admin", org, actor=None)
    return User.objects.get(pk=user.pk)


def measure(n: int) -> dict:
    from datetime import date

    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from orgwork.grassroots import services
    from orgwork.orgs.models import Org

    notes: list[str] = []
    with connection.cursor() as cur:
        cur.execute("SHOW server_version" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        db_version = cur.fetchone()[0]
    year = date.today().year
    district = Org.objects.get(level="district", division_code="320507")
    root = Org.objects.filter(depth=1).order_by("path").first()

    client = Client()
    client.force_login(_user("bench_grass_district", district))
    url = f"/grassroots/pledges/?org={district.pk}&year={year}"
    first = client.get(url)
    if first.status_code != 200:
        raise SystemExit(f"GET {url} gave {first.status_code}")
    c = services.pledge_completion(district, year, date.today())
    notes.append(
        f"{url}: {c.members:,} party members, {c.pledges:,} pledges, {c.completed_pledges:,} completed "
        f"({c.rate}%), {len(c.behind):,} members behind"
    )
    pledge = bench.timed(lambda: client.get(url), n)
    n_cold = max(10, n // 5)

    def cold(c, u):
        def get():
            cache.clear()
            c.get(u)

        return get

    pledge_cold = bench.timed(cold(client, url), n_cold, warm=1)

    lo, hi = district.path, district.path + "~"

    def raw_pledge():
        with connection.cursor() as cur:
            cur.execute(PLEDGE_SQL, [lo, hi, year])
            return cur.fetchall()

    rows = dict(raw_pledge())
    assert rows[""] == c.members, (rows, c.members)
    raw_p = bench.timed(raw_pledge, n)

    city_client = Client()
    city_client.force_login(_user("bench_grass_city", root))
    url2 = f"/grassroots/action-branches/dashboard/?org={root.pk}&year={year}"
    if city_client.get(url2).status_code != 200:
        raise SystemExit(f"GET {url2} gave an error")
    d = services.action_branch_dashboard(root, year)
    xc = services.action_branch_dashboard(district, year)
    notes.append(f"uncached_* figures: p50/p95 of {n_cold} requests with the cache emptied before each")
    notes.append(
        f"{url2}: {d['branches']:,} action branches, {d['activities']:,} activities, {d['served']:,} people served "
        f"in {year}; 相城区: {xc['branches']} branches, {xc['served']:,} served (seed 001: 245, 25,180)"
    )
    action = bench.timed(lambda: city_client.get(url2), n)
    action_cold = bench.timed(cold(city_client, url2), n_cold, warm=1)
    y0, y1 = date(year, 1, 1), date(year, 12, 31)
    rlo, rhi = root.path, root.path + "~"

    def raw_action():
        with connection.cursor() as cur:
            cur.execute(ACTION_SQL, [rlo, rhi, y1, y0, rlo, rhi, y0, y1, rlo, rhi, y0, y1])
            return cur.fetchall()

    got = raw_action()[0]
    assert got[0] == d["branches"] and (got[2] or 0) == d["served"], (got, d)
    raw_a = bench.timed(raw_action, n)

    p50, a50 = statistics.median(pledge), statistics.median(action)
    metrics = [
        {"name": "grass_pledge_district.p50", "value": p50, "unit": "ms"},
        {
            "name": "grass_pledge_district.p95",
            "value": bench.percentile(pledge, 95),
            "unit": "ms",
            "goal": GOALS["grass_pledge_district.p95"],
        },
        {"name": "grass_pledge_district.uncached_p50", "value": statistics.median(pledge_cold), "unit": "ms"},
        {
            "name": "grass_pledge_district.uncached_p95",
            "value": bench.percentile(pledge_cold, 95),
            "unit": "ms",
        },
        {"name": "grass_pledge_raw_sql.p50", "value": statistics.median(raw_p), "unit": "ms"},
        {"name": "grass_pledge_raw_sql.p95", "value": bench.percentile(raw_p, 95), "unit": "ms"},
        {"name": "grass_pledge_over_raw_sql", "value": p50 / statistics.median(raw_p), "unit": "×"},
        {
            "name": "grass_pledge_uncached_over_raw_sql",
            "value": statistics.median(pledge_cold) / statistics.median(raw_p),
            "unit": "×",
        },
        {"name": "grass_action_dashboard_city.p50", "value": a50, "unit": "ms"},
        {
            "name": "grass_action_dashboard_city.p95",
            "value": bench.percentile(action, 95),
            "unit": "ms",
            "goal": GOALS["grass_action_dashboard_city.p95"],
        },
        {
            "name": "grass_action_dashboard_city.uncached_p50",
            "value": statistics.median(action_cold),
            "unit": "ms",
        },
        {
            "name": "grass_action_dashboard_city.uncached_p95",
            "value": bench.percentile(action_cold, 95),
            "unit": "ms",
        },
        {"name": "grass_action_raw_sql.p50", "value": statistics.median(raw_a), "unit": "ms"},
        {"name": "grass_action_raw_sql.p95", "value": bench.percentile(raw_a, 95), "unit": "ms"},
        {"name": "grass_action_over_raw_sql", "value": a50 / statistics.median(raw_a), "unit": "×"},
        {
            "name": "grass_action_uncached_over_raw_sql",
            "value": statistics.median(action_cold) / statistics.median(raw_a),
            "unit": "×",
        },
    ]
    return {"metrics": metrics, "notes": notes, "db_version": db_version}


if __name__ == "__main__":
    main()
