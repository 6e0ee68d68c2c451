#!/usr/bin/env python
"""Benchmark of the training pages, recorded with bench/run.py's ``record()`` into
bench/results.json and bench/RESULTS.md.

    .venv/bin/python bench/training.py --scale city [--db pg|sqlite|both] [--reuse] [--requests N]

Without ``--reuse`` the bench database is created, migrated and seeded with ``seed_demo`` (which runs
the training seeder: at city scale about 800 classes, 240,000 trainee-times, a million attendance
rows): PostgreSQL ``orgwork_bench_train_<scale>``, SQLite ``bench/out/train-<scale>.sqlite3``. In a
child process (``django.test.Client``, no network), p50/p95 of at least 50 requests after 5 warm-up
ones:

- ``training_stats_city.*``: ``/training/statistics/`` for the last three years as the city's org
  admin (every class in the city, broken down by district); ``training_stats_district.*`` the same
  as a district's org admin. The page caches its figures per data generation, so the ``p95`` is what
  a user sees on a repeated visit and ``uncached_p95`` the full computation (cache emptied before
  every request);
- ``training_stats_*_raw_sql``: one hand-written SQL statement computing the page's headline figures
  (classes, trainee-times, attendance-times, hours) for the same subtree and period;
  ``*_over_raw_sql`` compares the uncached page's p50 with it;
- ``training_compliance_district.*``: ``/training/hours/`` (every trainee of the district's classes
  with their hours for the year against their tier's requirement) as the district's org admin;
- ``training_person_hours.*``: ``/training/people/<id>/hours/`` for the trainee with the most
  attendance rows, against one SQL statement of their hours per year.

Figures are recorded, never asserted by tests.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # noqa: E402  (bench/run.py: database helpers, percentiles, record())

GOALS = {
    "training_stats_city.uncached_p95": 1000.0,
    "training_stats_district.uncached_p95": 500.0,
    "training_person_hours.p95": 300.0,
    "training_compliance_district.p95": 2000.0,
}


def main() -> None:
    bench.module_main(
        "training", __file__, __doc__, lambda n, args: measure(n), default_db="both", requests=60
    )


def _user(username, org):
    from django.utils import timezone as dj_tz

    from orgwork.accounts.models import RoleGrant, User
    from orgwork.accounts.services import grant_role

    user = User.objects.filter(username=username).first() or User.objects.create_user(username, password=None)
    User.objects.filter(pk=user.pk).update(must_change_password=False, password_changed_at=dj_tz.now())
    if not RoleGrant.objects.filter(user=user, role="org_admin", org=org).exists():
        grant_role(user, "org_admin", org, actor=None)
    return User.objects.get(pk=user.pk)


RAW_STATS = """
SELECT
  (SELECT COUNT(*) FROM training_course c
    WHERE c.deleted_at IS NULL AND c.org_path >= %(lo)s AND c.org_path < %(hi)s
      AND c.starts_on BETWEEN %(start)s AND %(end)s),
  (SELECT COUNT(*) FROM training_enrollment e JOIN training_course c ON c.id = e.course_id
    WHERE e.deleted_at IS NULL AND c.deleted_at IS NULL AND e.status <> 'withdrawn'
      AND e.org_path >= %(lo)s AND e.org_path < %(hi)s AND c.starts_on BETWEEN %(start)s AND %(end)s),
  (SELECT COUNT(*) FROM training_attendance a
    WHERE a.deleted_at IS NULL AND a.status = 'present'
      AND a.org_path >= %(lo)s AND a.org_path < %(hi)s AND a.date BETWEEN %(start)s AND %(end)s),
  (SELECT SUM(s.hours) FROM training_attendance a JOIN training_session s ON s.id = a.session_id
    WHERE a.deleted_at IS NULL AND a.status = 'present'
      AND a.org_path >= %(lo)s AND a.org_path < %(hi)s AND a.date BETWEEN %(start)s AND %(end)s)
"""

RAW_HOURS = """
SELECT EXTRACT(YEAR FROM a.date) AS y, SUM(s.hours) FROM training_attendance a
JOIN training_session s ON s.id = a.session_id
WHERE a.person_id = %s AND a.status = 'present' AND a.deleted_at IS NULL AND s.deleted_at IS NULL
GROUP BY y ORDER BY y
"""


def measure(n: int) -> dict:
    from datetime import date

    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from orgwork.orgs.models import Org
    from orgwork.training import services
    from orgwork.training.models import Attendance, Course, Enrollment

    notes: list[str] = []
    metrics: list[dict] = []
    with connection.cursor() as cur:
        cur.execute("SHOW server_version" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        db_version = cur.fetchone()[0]
    today = timezone.localdate()
    start, end = date(today.year - 2, 1, 1), date(today.year, 12, 31)
    city = Org.objects.filter(depth=1).order_by("path").first()
    # The district with the most classes.
    districts = list(Org.objects.filter(level="district", kind="committee").values_list("pk", "path", "name"))
    counts = {p: Course.objects.filter(org_path__startswith=p).count() for _pk, p, _n in districts}
    d_pk, d_path, d_name = max(districts, key=lambda d: counts[d[1]])
    district = Org.objects.get(pk=d_pk)
    notes.append(
        "data: {:,} classes, {:,} enrollments, {:,} attendance rows; period {} to {}".format(
            Course.objects.count(), Enrollment.objects.count(), Attendance.objects.count(), start, end
        )
    )
    query = "?start={}&end={}".format(start.isoformat(), end.isoformat())
    year_sql = (
        RAW_HOURS
        if connection.vendor == "postgresql"
        else RAW_HOURS.replace("EXTRACT(YEAR FROM a.date)", "strftime('%%Y', a.date)")
    )
    for label, org, username in (
        ("city", city, "bench_train_city"),
        ("district", district, "bench_train_district"),
    ):
        client = Client()
        client.force_login(_user(username, org))
        url = "/training/statistics/" + query
        first = client.get(url)
        if first.status_code != 200:
            raise SystemExit(f"GET {url} gave {first.status_code}")
        totals = services.training_statistics([org.path], start, end)["totals"]
        cached = bench.timed(lambda url=url, client=client: client.get(url), n)

        def uncached(url=url, client=client):
            cache.clear()
            client.get(url)

        cold = bench.timed(uncached, n, warm=1)
        params = {"lo": org.path, "hi": org.path + "~", "start": start, "end": end}
        if connection.vendor == "sqlite":
            params = {**params, "start": start.isoformat(), "end": end.isoformat()}

        def raw(params=params):
            with connection.cursor() as cur:
                cur.execute(RAW_STATS, params)
                return cur.fetchone()

        row = raw()
        assert (row[0], row[1], row[2]) == (
            totals["classes"],
            totals["trainee_times"],
            totals["attendance_times"],
        ), (
            row,
            totals,
        )
        raw_times = bench.timed(raw, n)
        name = f"training_stats_{label}"
        metrics += [
            {"name": f"{name}.p50", "value": statistics.median(cached), "unit": "ms"},
            {"name": f"{name}.p95", "value": bench.percentile(cached, 95), "unit": "ms"},
            {"name": f"{name}.uncached_p50", "value": statistics.median(cold), "unit": "ms"},
            {"name": f"{name}.uncached_p95", "value": bench.percentile(cold, 95), "unit": "ms"},
            {"name": f"{name}_raw_sql.p50", "value": statistics.median(raw_times), "unit": "ms"},
            {
                "name": f"{name}_over_raw_sql",
                "value": statistics.median(cold) / statistics.median(raw_times),
                "unit": "×",
            },
        ]
        notes.append(
            "{}: {} ({}), {:,} classes, {:,} trainee-times, {:,} attendance-times".format(
                name, org.name, url, totals["classes"], totals["trainee_times"], totals["attendance_times"]
            )
        )
    # The district's list of trainees against their requirement (every trainee of its classes).
    client = Client()
    client.force_login(_user("bench_train_district", district))
    url = "/training/hours/?year={}".format(today.year)
    assert client.get(url).status_code == 200
    times = bench.timed(lambda: client.get(url), n, warm=1)
    population = services.enrolled_population([district.path]).count()
    metrics += [
        {"name": "training_compliance_district.p50", "value": statistics.median(times), "unit": "ms"},
        {"name": "training_compliance_district.p95", "value": bench.percentile(times, 95), "unit": "ms"},
    ]
    notes.append(
        "training_compliance_district: {} ({:,} trainees of {})".format(url, population, district.name)
    )
    # A person's hours page: the trainee with the most attendance rows in the district.
    pid = (
        Attendance.objects.filter(org_path__startswith=d_path)
        .values("person_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()["person_id"]
    )
    client = Client()
    client.force_login(_user("bench_train_district", district))
    url = "/training/people/{}/hours/?year={}".format(pid, today.year)
    if client.get(url).status_code != 200:
        # The person may be attached outside the district: use the city's admin.
        client.force_login(_user("bench_train_city", city))
    assert client.get(url).status_code == 200
    times = bench.timed(lambda: client.get(url), n)

    def raw_hours():
        with connection.cursor() as cur:
            cur.execute(year_sql, [pid])
            return cur.fetchall()

    raw_times = bench.timed(raw_hours, n)
    metrics += [
        {"name": "training_person_hours.p50", "value": statistics.median(times), "unit": "ms"},
        {"name": "training_person_hours.p95", "value": bench.percentile(times, 95), "unit": "ms"},
        {"name": "training_person_hours_raw_sql.p50", "value": statistics.median(raw_times), "unit": "ms"},
        {
            "name": "training_person_hours_over_raw_sql",
            "value": statistics.median(times) / statistics.median(raw_times),
            "unit": "×",
        },
    ]
    notes.append(
        "training_person_hours: {} ({} attendance rows)".format(
            url, Attendance.objects.filter(person_id=pid).count()
        )
    )
    for m in metrics:  # the goals above, recorded beside the figures they judge
        if m["name"] in GOALS:
            m["goal"] = GOALS[m["name"]]
    return {"metrics": metrics, "notes": notes, "db_version": db_version}


if __name__ == "__main__":
    main()
