#!/usr/bin/env python
"""Benchmark of the cadres app, recorded with bench/run.py's ``record()`` into bench/results.json
and bench/RESULTS.md.

    .venv/bin/python bench/cadres.py --scale city [--db pg|sqlite|both] [--reuse] [--requests N]

Without ``--reuse`` a fresh database of its own is created, migrated and seeded with ``seed_demo``
(which includes the cadres seeder): PostgreSQL ``orgwork_bench_cadres_<scale>``, SQLite
``bench/out/cadres-<scale>.sqlite3``. In a child process (``django.test.Client``, no network), p50/p95
of at least 50 requests after 5 warm-up ones:

- ``cadres_eligibility.*``: the page of the seeded 正科 vacancy of 吴江区委 (区委组织部干部科科长):
  every cadre of the district's pool checked against every rule and ranked, as the district's org
  admin; ``cadres_eligibility_raw_sql`` is the candidate SELECT alone, executed directly;
- ``cadres_archive.*``: the growth archive page of the cadre with the most post records;
  ``cadres_archive_raw_sql`` the posts of that cadre;
- ``cadres_dashboard.*``: the cohort dashboard of the whole city (苏州市委's org admin);
  ``cadres_dashboard_raw_sql`` the cohort × rank counts in one statement.

Figures are recorded, never asserted by tests.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # noqa: E402  (bench/run.py: database helpers, percentiles, record())

GOALS = {"cadres_eligibility.p95": 300.0}


def main() -> None:
    # Training hours feed the eligibility rule, so the training seeder runs beside the cadres one.
    bench.module_main(
        "cadres",
        __file__,
        __doc__,
        lambda n, args: measure(n),
        default_db="pg",
        requests=60,
        modules=("cadres", "training"),
    )


def _user(name, org):
    from django.utils import timezone as dj_tz

    from orgwork.accounts.models import RoleGrant, User
    from orgwork.accounts.services import grant_role

    user = User.objects.filter(username=name).first() or User.objects.create_user(name, password=None)
    User.objects.filter(pk=user.pk).update(must_change_password=False, password_changed_at=dj_tz.now())
    if not RoleGrant.objects.filter(user=user, role="org_admin", org=org).exists():
        grant_role(user, "org_admin", org, actor=None)
    return User.objects.get(pk=user.pk)


def _queries(client, url):
    from django.db import connection

    captured = []

    def spy(execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            captured.append(((time.perf_counter() - t0) * 1000, sql))

    with connection.execute_wrapper(spy):
        t0 = time.perf_counter()
        response = client.get(url)
        total = (time.perf_counter() - t0) * 1000
    assert response.status_code == 200, (url, response.status_code)
    slow = sorted(captured, key=lambda q: -q[0])[:2]
    return len(captured), "{} queries, {:.0f} of {:.0f} ms in SQL; slowest {}".format(
        len(captured),
        sum(t for t, _ in captured),
        total,
        "; ".join(f"{t:.0f} ms: {s[:140]}" for t, s in slow),
    )


def _raw(sql, params):
    from django.db import connection

    def fn():
        with connection.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    return fn


def measure(n: int) -> dict:
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from orgwork.cadres.models import Cadre, CadrePost, Vacancy
    from orgwork.cadres.selection import eligible_list
    from orgwork.orgs.models import Org

    notes: list[str] = []
    with connection.cursor() as cur:
        cur.execute("SHOW server_version" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        db_version = cur.fetchone()[0]
    metrics = []

    def add(name, times, raw_times, goal=None):
        p50 = statistics.median(times)
        metrics.extend(
            [
                {"name": name + ".p50", "value": p50, "unit": "ms"},
                {"name": name + ".p95", "value": bench.percentile(times, 95), "unit": "ms", "goal": goal},
                {"name": name + "_raw_sql.p50", "value": statistics.median(raw_times), "unit": "ms"},
                {"name": name + "_over_raw_sql", "value": p50 / statistics.median(raw_times), "unit": "×"},
            ]
        )

    # 1. Eligibility list of a district 正科 vacancy.
    district = Org.objects.filter(name="吴江区委").order_by("depth").first()
    vacancy = Vacancy.objects.filter(org=district, rank="0141").first()
    user = _user("bench_cadres_district", district)
    client = Client()
    client.force_login(user)
    url = f"/cadres/vacancies/{vacancy.pk}/"
    queries, note = _queries(client, url)
    result = eligible_list(vacancy, user)
    notes.append(
        f"{url} ({vacancy.title}, {vacancy.get_rank_display()}) as org admin of {district.name}: pool "
        f"{result['pool']:,}, eligible {result['eligible_count']:,}, not eligible {result['ineligible_count']:,}; {note}"
    )
    times = bench.timed(lambda: client.get(url), n)
    from orgwork.cadres.choices import RANK_LEVEL
    from orgwork.core.paths import subtree_q

    ranks = [r for r, lv in RANK_LEVEL.items() if 3 <= lv <= 4]
    qs = (
        Cadre.objects.restrict(user, "view")
        .filter(subtree_q(district.path, "org_path"), rank__in=ranks)
        .values(
            "pk",
            "rank",
            "rank_since",
            "work_started_on",
            "party_joined_on",
            "person_id",
            "person__name",
            "person__birth_date",
            "org__name",
        )
    )
    raw = bench.timed(_raw(*qs.query.sql_with_params()), n)
    add("cadres_eligibility", times, raw, GOALS["cadres_eligibility.p95"])
    metrics.append({"name": "cadres_eligibility.queries", "value": queries, "unit": "queries"})

    # 2. Growth archive of the cadre with the most posts (in the district).
    top = (
        CadrePost.objects.filter(subtree_q(district.path, "cadre__org_path"))
        .values("cadre_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "cadre_id")
        .first()
    )
    cadre = Cadre.objects.get(pk=top["cadre_id"])
    url = f"/cadres/cadres/{cadre.pk}/archive/"
    queries, note = _queries(client, url)
    notes.append(f"{url}: {top['n']} posts; {note}")
    times = bench.timed(lambda: client.get(url), n)
    raw = bench.timed(
        _raw(
            *CadrePost.objects.filter(cadre_id=cadre.pk)
            .values_list("started_on", "title")
            .query.sql_with_params()
        ),
        n,
    )
    add("cadres_archive", times, raw)

    # 3. Cohort dashboard of the city.
    city = Org.objects.filter(depth=1, name="苏州市委").first() or Org.objects.filter(depth=1).first()
    city_user = _user("bench_cadres_city", city)
    client = Client()
    client.force_login(city_user)
    url = "/cadres/"
    queries, note = _queries(client, url)
    total = Cadre.objects.filter(subtree_q(city.path, "org_path")).count()
    notes.append(f"{url} as org admin of {city.name}: {total:,} cadres; {note}")
    times = bench.timed(lambda: client.get(url), n)
    sql = (
        "SELECT c.rank, p.birth_date >= %s, COUNT(*) FROM cadres_cadre c JOIN people_person p ON p.id = c.person_id "
        "WHERE c.deleted_at IS NULL AND c.org_path >= %s AND c.org_path < %s GROUP BY 1, 2"
    )
    import datetime

    raw = bench.timed(_raw(sql, [datetime.date(1980, 1, 1), city.path, city.path + "~"]), n)
    add("cadres_dashboard", times, raw)
    return {"metrics": metrics, "notes": notes, "db_version": db_version}


if __name__ == "__main__":
    main()
