#!/usr/bin/env python
"""Benchmark of the member registry's heavy pages, recorded with bench/run.py's ``record()`` into
bench/results.json and bench/RESULTS.md.

    .venv/bin/python bench/members.py --scale city [--db pg|sqlite|both] [--reuse] [--requests N]

Fresh databases of our own (PostgreSQL ``orgwork_bench_members_<scale>``, SQLite
``bench/out/members-<scale>.sqlite3``), migrated and seeded with ``seed_demo`` (which runs the
members seeder). In a child process with ``django.test.Client``, p50/p95 of at least 50 timed
requests after warm-up:

- ``members_stats_root.*``: ``GET /members/stats/?within=<root>&as_of=<today>`` as the root's org admin:
  every dimension (status, category, age band, education, sex, ethnicity, 党龄 band) over the whole tree,
  computed on every request (the figures cache, ``core.figures``, is cleared before each one: a
  repeated request within one data generation is served from it in a few ms);
- ``members_stats_district.*``: the same for 吴江区委's subtree;
- ``members_stats_raw_sql.*``: one hand-written SQL query over the same rows (total, status, sex,
  age bands and 党龄 bands in one pass, as conditional counts), for the ratio
  ``members_stats_root_over_raw_sql`` (p50 over p50);
- ``members_due_this_month.*``: ``GET /members/due-this-month/?within=<branch>`` for the branch with
  the most recruitments in progress, as that branch's org admin.
Figures are recorded, never asserted by tests.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # noqa: E402

GOALS = {
    "members_stats_root.p95": 3000.0,
    "members_stats_district.p95": 1500.0,
    "members_due_this_month.p95": 300.0,
}


def main() -> None:
    bench.module_main("members", __file__, __doc__, lambda n, args: measure(n), default_db="pg", requests=50)


RAW_SQL = """
SELECT COUNT(*),
       SUM(CASE WHEN m.confirmed_on IS NOT NULL AND m.confirmed_on <= %(d)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.sex = 'F' THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.sex = 'M' THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.birth_date > %(a30)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.birth_date <= %(a30)s AND p.birth_date > %(a45)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.birth_date <= %(a45)s AND p.birth_date > %(a60)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.birth_date <= %(a60)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN m.confirmed_on > %(y10)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN m.confirmed_on <= %(y10)s THEN 1 ELSE 0 END)
FROM members_member m JOIN people_person p ON p.id = m.person_id
WHERE m.deleted_at IS NULL AND m.org_path >= %(lo)s AND m.org_path < %(hi)s
  AND m.joined_on <= %(d)s AND m.membership_state IN ('normal', 'suspended')
"""


def measure(n: int) -> dict:
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone as dj_tz

    from orgwork.accounts.models import RoleGrant, User
    from orgwork.accounts.services import grant_role
    from orgwork.members.models import Member, Recruitment
    from orgwork.orgs.models import Org
    from orgwork.orgs.rules import add_months

    with connection.cursor() as cur:
        cur.execute("SHOW server_version" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        db_version = cur.fetchone()[0]
    today = dj_tz.localdate()

    def client_for(name, org):
        user = User.objects.filter(username=name).first() or User.objects.create_user(name, password=None)
        User.objects.filter(pk=user.pk).update(must_change_password=False, password_changed_at=dj_tz.now())
        if not RoleGrant.objects.filter(user=user, role="org_admin", org=org).exists():
            grant_role(user, "org_admin", org, actor=None)
        c = Client()
        c.force_login(user)
        return c

    root = Org.objects.filter(depth=1).order_by("path").first()
    district = Org.objects.filter(name="吴江区委").order_by("depth").first() or root
    busiest = (
        Recruitment.objects.exclude(stage__in=["full", "stopped"])
        .values("org_id")
        .annotate(n=Count("id"))
        .order_by("-n", "org_id")
        .first()
    )
    branch = Org.objects.get(pk=busiest["org_id"])
    notes = [
        f"{Member.objects.count():,} members, {Recruitment.objects.count():,} recruitments; root {root.name}, "
        f"district {district.name}, branch {branch.name} ({busiest['n']} recruitments in progress)"
    ]
    metrics = []
    as_of = today.isoformat()
    c_root = client_for("bench_members_root", root)
    c_district = client_for("bench_members_district", district)
    c_branch = client_for("bench_members_branch", branch)

    from django.core.cache import cache

    def page(client, url):
        def go():
            # Figures are cached per data generation (core.figures): drop the cache so every request
            # computes them, as the first one after any audited change does.
            cache.clear()
            r = client.get(url)
            assert r.status_code == 200, (url, r.status_code)

        return go

    cases = [
        ("members_stats_root", c_root, f"/members/stats/?within={root.pk}&as_of={as_of}"),
        ("members_stats_district", c_district, f"/members/stats/?within={district.pk}&as_of={as_of}"),
        ("members_due_this_month", c_branch, f"/members/due-this-month/?within={branch.pk}"),
    ]
    p50s = {}
    for name, client, url in cases:
        times = bench.timed(page(client, url), n, warm=3)
        p50s[name] = statistics.median(times)
        metrics += [
            {"name": f"{name}.p50", "value": p50s[name], "unit": "ms"},
            {
                "name": f"{name}.p95",
                "value": bench.percentile(times, 95),
                "unit": "ms",
                "goal": GOALS.get(f"{name}.p95"),
            },
        ]
        notes.append(f"{name}: GET {url}")
    params = {
        "d": today,
        "a30": add_months(today, -12 * 31),
        "a45": add_months(today, -12 * 46),
        "a60": add_months(today, -12 * 61),
        "y10": add_months(today, -12 * 10),
        "lo": root.path,
        "hi": root.path + "~",
    }
    params = {
        k: (connection.ops.adapt_datefield_value(v) if hasattr(v, "isoformat") else v)
        for k, v in params.items()
    }

    def raw():
        with connection.cursor() as cur:
            cur.execute(RAW_SQL, params)
            return cur.fetchone()

    total = raw()[0]
    notes.append(
        f"raw SQL over the root's {total:,} members: one pass, conditional counts (status, sex, 4 age and 2 party-age bands)"
    )
    times = bench.timed(raw, n, warm=3)
    metrics += [
        {"name": "members_stats_raw_sql.p50", "value": statistics.median(times), "unit": "ms"},
        {"name": "members_stats_raw_sql.p95", "value": bench.percentile(times, 95), "unit": "ms"},
        {
            "name": "members_stats_root_over_raw_sql",
            "value": p50s["members_stats_root"] / statistics.median(times),
            "unit": "×",
        },
    ]
    return {"metrics": metrics, "notes": notes, "db_version": db_version}


if __name__ == "__main__":
    main()
