#!/usr/bin/env python
"""Benchmark of the talent pages, recorded with bench/run.py's ``record()`` into
bench/results.json and bench/RESULTS.md.

    .venv/bin/python bench/talent.py --scale city [--db pg|sqlite|both] [--reuse|--shared] [--requests N]

Without ``--reuse`` the bench database is created, migrated and seeded with ``seed_demo`` (which runs
the talent seeder: at city scale about 350,000 talents): PostgreSQL ``orgwork_bench_talent_<scale>``,
SQLite ``bench/out/talent-<scale>.sqlite3``. In a child process (``django.test.Client``, no network),
p50/p95 of at least 50 requests after 5 warm-up ones:

- ``talent_map_city.*``: ``/talent/map/`` (产业人才图谱: counts by industry chain, level, category,
  origin and region) as the city's org admin; ``talent_map_district.*`` the same for the district
  with the most talents. The page caches its figures per data generation: ``p95`` is a repeated
  visit, ``uncached_p95`` the full computation (cache emptied before every request);
- ``talent_map_*_raw_sql``: the same counts by hand-written SQL (one ``GROUP BY`` per dimension over
  the subtree's path range); ``*_over_raw_sql`` compares the uncached page's p50 with it;
- ``talent_plan_city.*``: ``/talent/plan/`` (the three-year plan against the registry) as the city's
  org admin;
- ``talent_list_filtered.*``: ``/talent/talents/?industry=it&level=B`` (the registry filtered by
  industry chain and level, first page) as the district's org admin.

Figures are recorded, never asserted by tests.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # noqa: E402  (bench/run.py: database helpers, percentiles, record())

GOALS = {
    "talent_map_city.uncached_p95": 2000.0,
    "talent_map_district.uncached_p95": 1000.0,
    "talent_plan_city.p95": 1000.0,
    "talent_list_filtered.p95": 500.0,
}

RAW_MAP = [
    "SELECT {col}, COUNT(*) FROM talent_talent WHERE deleted_at IS NULL "
    "AND org_path >= %(lo)s AND org_path < %(hi)s GROUP BY {col}".format(col=col)
    for col in ("industry", "level", "category", "origin")
] + [
    "SELECT SUBSTR(org_path, 1, %(cut)s), COUNT(*) FROM talent_talent WHERE deleted_at IS NULL "
    "AND org_path >= %(lo)s AND org_path < %(hi)s GROUP BY SUBSTR(org_path, 1, %(cut)s)",
    "SELECT industry, level, COUNT(*) FROM talent_talent WHERE deleted_at IS NULL "
    "AND org_path >= %(lo)s AND org_path < %(hi)s GROUP BY industry, level",
]


def main() -> None:
    bench.module_main("talent", __file__, __doc__, lambda n, args: measure(n), default_db="both", requests=60)


def _user(username, org):
    from django.utils import timezone as dj_tz

    from orgwork.accounts.models import RoleGrant, User
    from orgwork.accounts.services import grant_role

    user = User.objects.filter(username=username).first() or User.objects.create_user(username, password=None)
    User.objects.filter(pk=user.pk).update(must_change_password=False, password_changed_at=dj_tz.now())
    if not RoleGrant.objects.filter(user=user, role="org_admin", org=org).exists():
        grant_role(user, "org_admin", org, actor=None)
    return User.objects.get(pk=user.pk)


def _metrics(name, times, unit="ms"):
    return [
        {
            "name": f"{name}.p50",
            "value": statistics.median(times),
            "unit": unit,
            "goal": GOALS.get(f"{name}.p50"),
        },
        {
            "name": f"{name}.p95",
            "value": bench.percentile(times, 95),
            "unit": unit,
            "goal": GOALS.get(f"{name}.p95"),
        },
    ]


def measure(n: int) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from orgwork.core.paths import STEP
    from orgwork.orgs.models import Org
    from orgwork.talent import services
    from orgwork.talent.models import Talent

    notes: list[str] = []
    metrics: list[dict] = []
    with connection.cursor() as cur:
        cur.execute("SHOW server_version" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        db_version = cur.fetchone()[0]
    city = Org.objects.filter(depth=1).order_by("path").first()
    districts = list(Org.objects.filter(level="district", kind="committee").values_list("pk", "path"))
    counts = {p: Talent.objects.filter(org_path__startswith=p).count() for _pk, p in districts}
    d_pk, d_path = max(districts, key=lambda d: counts[d[1]])
    district = Org.objects.get(pk=d_pk)
    notes.append(
        "data: {:,} talents; district {} has {:,}".format(
            Talent.objects.count(), district.name, counts[d_path]
        )
    )

    for label, org, username in (
        ("city", city, "bench_talent_city"),
        ("district", district, "bench_talent_district"),
    ):
        client = Client()
        client.force_login(_user(username, org))
        url = "/talent/map/?within={}".format(org.pk)
        first = client.get(url)
        if first.status_code != 200:
            raise SystemExit(f"GET {url} gave {first.status_code}")
        data = services.talent_map([org.path], group_prefix=org.path)
        cached = bench.timed(lambda url=url, client=client: client.get(url), n)

        def uncached(url=url, client=client):
            cache.clear()
            client.get(url)

        cold = bench.timed(uncached, n, warm=1)
        params = {"lo": org.path, "hi": org.path + "~", "cut": len(org.path) + STEP}

        def raw(params=params):
            out = []
            with connection.cursor() as cur:
                for sql in RAW_MAP:
                    cur.execute(sql, params)
                    out.append(cur.fetchall())
            return out

        by_level = dict(raw()[1])
        assert by_level == data["level"], (by_level, data["level"])
        raw_times = bench.timed(raw, n)
        name = f"talent_map_{label}"
        metrics += _metrics(name, cached)
        metrics += [
            {"name": f"{name}.uncached_p50", "value": statistics.median(cold), "unit": "ms"},
            {
                "name": f"{name}.uncached_p95",
                "value": bench.percentile(cold, 95),
                "unit": "ms",
                "goal": GOALS.get(f"{name}.uncached_p95"),
            },
            {"name": f"{name}_raw_sql.p50", "value": statistics.median(raw_times), "unit": "ms"},
            {
                "name": f"{name}_over_raw_sql",
                "value": statistics.median(cold) / statistics.median(raw_times),
                "unit": "×",
            },
        ]
        notes.append("{}: {} ({}), {:,} talents".format(name, org.name, url, data["total"]))

    client = Client()
    client.force_login(_user("bench_talent_city", city))
    url = "/talent/plan/?within={}".format(city.pk)
    assert client.get(url).status_code == 200
    metrics += _metrics("talent_plan_city", bench.timed(lambda: client.get(url), n, warm=1))
    notes.append("talent_plan_city: {}".format(url))

    client = Client()
    client.force_login(_user("bench_talent_district", district))
    url = "/talent/talents/?industry=it&level=B"
    assert client.get(url).status_code == 200
    metrics += _metrics("talent_list_filtered", bench.timed(lambda: client.get(url), n, warm=1))
    notes.append(
        "talent_list_filtered: {} ({:,} matching in {})".format(
            url,
            Talent.objects.filter(org_path__startswith=d_path, industry="it", level="B").count(),
            district.name,
        )
    )
    return {"metrics": metrics, "notes": notes, "db_version": db_version}


if __name__ == "__main__":
    main()
