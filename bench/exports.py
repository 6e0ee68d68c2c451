#!/usr/bin/env python
"""Benchmark of the list export: 100,000 persons to xlsx, on SQLite and PostgreSQL.

    .venv/bin/python bench/exports.py [--db sqlite|pg|both] [--people 100000] [--reuse]

Each database is our own (``orgwork_bench_export``, ``bench/out/export.sqlite3``): with ``seed_demo
--scale small`` in it (a copy of the small bench database where there is one:
``run.seeded_small``), then grown to ``--people`` persons with the demo generator's person maker
and bulk writer (COPY on PostgreSQL) and the affiliation bulk rebuild. Each
measurement runs in its own process, so that its peak RSS is its own:

- ``export.xlsx.*`` / ``export.csv.*``: the export function alone: the person list's export data as
  the root's org admin (every person, default columns, ID numbers unmasked: that admin may see
  them) written to a file (``core.exports.write_export``);
- ``export.job.*``: end to end through the job: ``GET /people/people/?_export=xlsx`` (counts,
  starts the job, redirects), then ``jobs.execute(job)`` in the same process (the code the worker
  runs: rebuild the list from the query string, write the file, audit).

Wall time (goal: at most 20 s) and peak RSS of the process (``ru_maxrss``; the figure after Django's
start-up is given as ``*.base_rss`` so that the export's own growth can be read off). Recorded with
``bench/run.py``'s ``record`` into bench/results.json and RESULTS.md under the scale of the run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import OUT, PG_SERVER, ROOT, child_env, fmt, metric, record, seeded_small  # noqa: E402

GOAL_SECONDS = 20.0
SIZES = {"small": 12_000, "city": 100_000}  # persons exported per scale (over 10,000: a job)


def database_url(db: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{OUT / 'export.sqlite3'}"
    return f"{PG_SERVER}/orgwork_bench_export"


def run_child(url: str, *args: str) -> dict:
    import subprocess

    res = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args, "--url", url],
        cwd=ROOT,
        env=child_env(url),
        text=True,
        capture_output=True,
    )
    if res.returncode:
        sys.stderr.write(res.stdout[-5000:] + res.stderr[-5000:])
        raise SystemExit(f"child {args} failed")
    line = [ln for ln in res.stdout.splitlines() if ln.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT ") :])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=("sqlite", "pg", "both"), default="both")
    parser.add_argument(
        "--scale", choices=("small", "city"), default="city", help="small: 10,000 persons; city: 100,000"
    )
    parser.add_argument("--people", type=int, help="persons in the database (default: by scale)")
    parser.add_argument("--reuse", action="store_true", help="keep an existing bench database")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--format", default="xlsx", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.people = args.people or SIZES[args.scale]
    SCALE = args.scale
    if args.child:
        _setup_django(args.url)
        fn = {"grow": lambda: grow(args.people), "fn": lambda: measure_fn(args.format), "job": measure_job}
        load = os.getloadavg()[0]
        result = fn[args.child]()
        result["load"] = round(max(load, os.getloadavg()[0]), 1)
        print("RESULT " + json.dumps(result))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    metrics, notes, versions = [], {}, {}
    for db in ("sqlite", "pg") if args.db == "both" else (args.db,):
        url = database_url(db)
        print(f"== {db}: {url}", flush=True)
        if not args.reuse:
            print(f"   database: {seeded_small(db, url)}", flush=True)
        grown = run_child(url, "grow", "--people", str(args.people))
        versions[db] = grown["db_version"]
        print(
            f"   data: {grown['people']} persons ({grown['added']} added in {grown['seconds']:.1f} s)",
            flush=True,
        )
        results = {
            "xlsx": run_child(url, "fn", "--format", "xlsx"),
            "csv": run_child(url, "fn", "--format", "csv"),
            "job": run_child(url, "job"),
        }
        for key, r in results.items():
            prefix = f"export.{key}"
            metrics += [
                metric(f"{prefix}.wall", db, SCALE, r["seconds"], "s", GOAL_SECONDS),
                metric(f"{prefix}.peak_rss", db, SCALE, r["peak_rss_mb"], "MB", None),
                metric(f"{prefix}.base_rss", db, SCALE, r["base_rss_mb"], "MB", None),
                metric(f"{prefix}.rows_per_s", db, SCALE, r["rows"] / r["seconds"], "rows/s", None),
            ]
            print(
                f"   {prefix:<12} {r['rows']} rows {fmt(r['seconds'])} s, peak RSS {fmt(r['peak_rss_mb'])} MB "
                f"(after start-up {fmt(r['base_rss_mb'])} MB), {fmt(r['file_mb'])} MB file",
                flush=True,
            )
        notes[f"{db}/{SCALE} (export)"] = [
            "{} persons; {}: {} rows in {:.1f} s, file {:.1f} MB, peak RSS {:.0f} MB (start-up {:.0f} MB), "
            "load average {} on {} cores".format(
                grown["people"],
                key,
                r["rows"],
                r["seconds"],
                r["file_mb"],
                r["peak_rss_mb"],
                r["base_rss_mb"],
                r["load"],
                os.cpu_count(),
            )
            for key, r in results.items()
        ] + [
            "export: bench/exports.py (root org admin, default person columns, ID numbers unmasked); "
            "export.job includes the request that counts and starts the job; openpyxl without lxml"
        ]
    record(metrics, notes, versions)


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orgwork.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _db_version() -> str:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SHOW server_version" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        return cur.fetchone()[0]


def grow(target: int) -> dict:
    """Add persons until there are ``target``: the demo generator's person maker (valid ID numbers,
    names by era) and bulk writer, spread over the seeded orgs; then the affiliation rebuild."""
    import random

    from django.db import transaction
    from django.db.models import Max
    from django.utils import timezone

    from orgwork.demo.generator import (
        EDU,
        PERSON_FIELDS,
        Node,
        PeopleMaker,
        _analyze,
        _reset_sequences,
        bulk_rebuild_affiliations,
    )
    from orgwork.demo.writer import RowWriter
    from orgwork.orgs.models import Org
    from orgwork.people.models import Person

    t0 = time.perf_counter()
    have = Person.all_objects.count()
    added = 0
    if have < target:
        today = timezone.localdate()
        rng = random.Random("orgwork-bench-export")
        orgs = list(Org.objects.values_list("id", "level", "name"))
        nodes = [Node(id=i, level=lv, region="32", area="320509", place=name[:6]) for i, lv, name in orgs]
        with transaction.atomic():
            first = (Person.all_objects.aggregate(m=Max("id"))["m"] or 0) + 1
            writer = RowWriter(Person, PERSON_FIELDS, now=timezone.now())
            maker = PeopleMaker(rng, today, writer, first)
            # Keep clear of the seeded ID numbers (the maker draws from the same ranges).
            for number in Person.all_objects.exclude(id_number=None).values_list("id_number", flat=True):
                maker.used_ids.add(int(number[:17]))
            for _ in range(target - have):
                age = rng.uniform(20, 75)
                edu = EDU["young" if age < 35 else "middle" if age < 60 else "old"].pick(rng)
                maker.make(rng.choice(nodes), age=age, female=0.45, edu=edu, status="13")
            writer.flush()
            added = writer.count
            _reset_sequences()
            bulk_rebuild_affiliations(today)
            _analyze()
    return {
        "people": Person.objects.count(),
        "added": added,
        "seconds": time.perf_counter() - t0,
        "db_version": _db_version(),
    }


def _bench_user():
    from orgwork.accounts.models import RoleGrant, User
    from orgwork.accounts.services import grant_role
    from orgwork.orgs.models import Org

    root = Org.objects.filter(depth=1).order_by("path").first()
    user = User.objects.filter(username="bench_export").first()
    if user is None:
        user = User.objects.create_user("bench_export", password=None)
    User.objects.filter(pk=user.pk).update(must_change_password=False)
    user.refresh_from_db()
    if not RoleGrant.objects.filter(user=user, role="org_admin", org=root).exists():
        grant_role(user, "org_admin", root, actor=None)
    return user


def measure_fn(fmt_name: str) -> dict:
    """The export function alone: build the person list's export data and write the file."""
    from orgwork.core.exports import ListRequest, write_export
    from orgwork.people.views import PersonListView

    user = _bench_user()
    path = OUT / f"export-fn.{fmt_name}"
    base = _rss_mb()
    t0 = time.perf_counter()
    data = PersonListView(model=PersonListView.model).export_data(ListRequest(user, ""))
    n = write_export(data, fmt_name, str(path))
    seconds = time.perf_counter() - t0
    return {
        "rows": n,
        "seconds": seconds,
        "peak_rss_mb": _rss_mb(),
        "base_rss_mb": base,
        "file_mb": path.stat().st_size / 2**20,
    }


def measure_job() -> dict:
    """End to end: the list page's export link (count, start the job, redirect), then the job."""
    from django.test import Client
    from django.urls import reverse

    from orgwork.core import jobs

    user = _bench_user()
    client = Client()
    client.force_login(user)
    base = _rss_mb()
    t0 = time.perf_counter()
    response = client.get(reverse("people:person_list"), {"_export": "xlsx"})
    if response.status_code != 302:
        raise SystemExit(f"expected a redirect to the job, got {response.status_code}")
    job_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    job = jobs.Job.objects.get(pk=job_id) if hasattr(jobs, "Job") else None
    if job is None:
        from orgwork.core.models import Job

        job = Job.objects.get(pk=job_id)
    if job.status not in ("succeeded", "failed"):
        jobs.execute(job.pk)
    job.refresh_from_db()
    seconds = time.perf_counter() - t0
    if job.status != "succeeded":
        raise SystemExit(f"job {job.pk} {job.status}: {job.error}")
    path = _job_path(job)
    return {
        "rows": job.result["rows"],
        "seconds": seconds,
        "peak_rss_mb": _rss_mb(),
        "base_rss_mb": base,
        "file_mb": path.stat().st_size / 2**20 if path else 0.0,
    }


def _job_path(job):
    from django.conf import settings

    name = Path(str(job.result_file)).name
    hits = [p for p in Path(settings.JOB_FILES_DIR).rglob(name) if str(job.pk) in str(p)]
    return hits[0] if hits else next(Path(settings.JOB_FILES_DIR).rglob(name), None)


if __name__ == "__main__":
    main()
