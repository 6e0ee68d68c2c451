#!/usr/bin/env python
"""Load test: gunicorn + PostgreSQL at city scale, driven over loopback by Debian's ``wrk``.

    .venv/bin/python bench/load.py [--scale city] [--connections 50] [--duration 60] [--runs 3]

The bench database of the scale must exist (``bench/run.py --scale city --db pg`` seeds it).
Starts gunicorn with ``deploy/gunicorn.conf.py`` (workers and threads recorded) and the job worker,
logs in three users of different scope (city, district, township) by creating their sessions,
and runs ``wrk`` with a request mix (tree, filtered lists, search, detail pages, org statistics,
the API, an export) spread over the users. Records throughput, p50/p95/p99 and error counts in
bench/results.json and bench/RESULTS.md. ``wrk`` comes from Debian (``apt-get install wrk``).

The same 60-s run is repeated (``--runs``, 3 by default) and the run of the median p95 is recorded,
each run's figures in the notes, and the errors of all runs: on the 2-core reference machine, a
virtual machine saturated by this test, one run's throughput varies by about 10% from the next
with nothing changed (108 and 127 req/s back to back).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import runpy
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402

ROOT = bench.ROOT
PORT = 8765

LUA = r"""
local paths = {PATHS}
local cookies = {COOKIES}
local counter = 0
local thread_cookie = nil
local threads = {}

function setup(thread)
  thread:set("idx", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_cookie = cookies[(idx % #cookies) + 1]
end

local csrf = {CSRF}
local post_type = {POST_TYPE}
local post_body = {POST_BODY}

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if string.sub(path, 1, 5) == "POST " then
    return wrk.format("POST", string.sub(path, 6), {["Cookie"] = thread_cookie .. "; csrftoken=" .. csrf,
      ["X-CSRFToken"] = csrf, ["Content-Type"] = post_type, ["Accept-Language"] = "zh-hans"}, post_body)
  end
  return wrk.format("GET", path, {["Cookie"] = thread_cookie, ["Accept-Language"] = "zh-hans"})
end

function done(summary, latency, requests)
  io.write(string.format("JSON {\"requests\": %d, \"duration_us\": %d, \"errors_connect\": %d, \"errors_read\": %d, \"errors_write\": %d, \"errors_status\": %d, \"errors_timeout\": %d, \"p50\": %.3f, \"p95\": %.3f, \"p99\": %.3f, \"mean\": %.3f, \"max\": %.3f}\n",
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000, latency.max / 1000))
end
"""

SETUP_CHILD = r"""
import json, django
django.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from orgwork.accounts.models import RoleGrant, User
from orgwork.orgs.models import Org
from orgwork.people.models import Person

def user_for(name, org):
    user, _ = User.objects.get_or_create(username=name)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.set_password("Bench@2026load")
    user.save()
    RoleGrant.objects.filter(user=user).delete()
    RoleGrant.objects.create(user=user, role="org_admin", org=org, org_path=org.path, can_view_sensitive=True)
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s["_auth_started"] = timezone.now().timestamp()
    s.create()
    return s.session_key

root = Org.objects.filter(depth=1).order_by("path").first()
district = Org.objects.filter(depth=2, path__startswith=root.path).order_by("path").first()
town = Org.objects.filter(depth=3, path__startswith=district.path).order_by("path").first()
village = Org.objects.filter(depth=4, path__startswith=town.path).order_by("path").first()
person = Person.objects.filter(affiliations__org_path__startswith=town.path).first()
out = {
    "cookies": [f"sessionid={user_for(n, o)}" for n, o in (("load_city", root), ("load_district", district), ("load_town", town))],
    "root": root.pk, "district": district.pk, "town": town.pk, "village": village.pk, "person": person.pk,
    "district_path": district.path, "village_code": village.code,
}
print("SETUP " + json.dumps(out))
"""


def paths_for(ids: dict) -> list[str]:
    return [
        "/",
        "/orgs/",
        f"/orgs/orgs/{ids['district']}/",
        f"/orgs/orgs/{ids['town']}/",
        f"/orgs/orgs/{ids['village']}/",
        "/people/people/",
        "/people/people/?q=zh",
        "/people/people/?sex=F&education=21",
        f"/people/people/{ids['person']}/",
        "/people/search/?q=wang",
        "/orgs/terms/due/",
        "/orgs/seats/",
        "/api/people/people/?limit=100",
        "/api/orgs/orgs/?limit=100",
        f"/api/orgs/orgs/{ids['town']}/",
        f"/people/people/?_export=csv&within={ids['village']}",
        "POST /people/people/import/",
    ]


CSRF = "orgworkloadtestcsrfsecret0000000"  # 32 characters: a CSRF cookie the test sets itself


def import_body(ids: dict) -> tuple[str, str]:
    """One import preview of a small roster (five new people in the village): checked, then rolled back."""
    import csv
    import io

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import imports

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(imports.HEADERS)
    for row in imports._rows(5, [ids["village_code"]]):
        writer.writerow(row)
    boundary = "orgworkloadboundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="action"\r\n\r\npreview\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.csv"\r\n'
        f"Content-Type: text/csv\r\n\r\n{buf.getvalue()}\r\n--{boundary}--\r\n"
    )
    return f"multipart/form-data; boundary={boundary}", body


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=("small", "city"), default="city")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3, help="runs of --duration; the median p95 is recorded")
    parser.add_argument("--workers", type=int, help="default: deploy/gunicorn.conf.py's")
    parser.add_argument("--threads", type=int, help="default: deploy/gunicorn.conf.py's")
    args = parser.parse_args()
    # The deployment's settings are what is measured unless told otherwise.
    conf = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    args.workers = args.workers or conf["workers"]
    args.threads = args.threads or conf["threads"]
    # gunicorn runs its sync worker class as gthread when there is more than one thread
    worker_class = "gthread" if args.threads > 1 else conf["worker_class"]
    wrk = shutil.which("wrk")
    if not wrk:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    url = bench.database_url("pg", args.scale)
    env = bench.child_env(url)
    env.update(
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
        GUNICORN_WORKERS=str(args.workers),
        GUNICORN_THREADS=str(args.threads),
        GUNICORN_ACCESS_LOG="/dev/null",
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    res = subprocess.run(
        [sys.executable, "-c", SETUP_CHILD], cwd=ROOT, env=env, text=True, capture_output=True
    )
    if res.returncode:
        sys.stderr.write(res.stderr[-4000:])
        raise SystemExit("setup failed")
    ids = json.loads([ln for ln in res.stdout.splitlines() if ln.startswith("SETUP ")][-1][6:])
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env)
    # gunicorn's error log goes to a file: a pipe nobody reads fills up and then blocks the workers.
    bench.OUT.mkdir(parents=True, exist_ok=True)
    errlog = open(bench.OUT / "load-gunicorn.log", "w")
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "deploy/gunicorn.conf.py", "orgwork.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=errlog,
        start_new_session=True,
    )
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(60):
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        paths = paths_for(ids)
        statuses = check_paths(base, paths, ids["cookies"][0], import_body(ids))
        post_type, post_body = import_body(ids)
        lua = (
            LUA.replace("{PATHS}", "{" + ", ".join(json.dumps(p) for p in paths) + "}")
            .replace("{COOKIES}", "{" + ", ".join(json.dumps(c) for c in ids["cookies"]) + "}")
            .replace("{CSRF}", json.dumps(CSRF))
            .replace("{POST_TYPE}", json.dumps(post_type))
            .replace("{POST_BODY}", json.dumps(post_body, ensure_ascii=False))
        )
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
            f.write(lua)
            script = f.name
        # warm up the workers' caches and connections
        subprocess.run([wrk, "-t2", "-c10", "-d5s", "-s", script, base], capture_output=True, text=True)
        runs = []
        for _ in range(args.runs):
            out = subprocess.run(
                [
                    wrk,
                    "-t2",
                    f"-c{args.connections}",
                    f"-d{args.duration}s",
                    "--timeout",
                    "10s",
                    "-s",
                    script,
                    base,
                ],
                capture_output=True,
                text=True,
            ).stdout
            runs.append(json.loads(re.search(r"^JSON (.*)$", out, re.M).group(1)))
            r = runs[-1]
            print(
                f"   run {len(runs)}: {r['requests'] / (r['duration_us'] / 1e6):.1f} req/s, "
                f"p50 {r['p50']:.0f} ms, p95 {r['p95']:.0f} ms, p99 {r['p99']:.0f} ms",
                flush=True,
            )
        data = sorted(runs, key=lambda r: r["p95"])[len(runs) // 2]
    finally:
        for proc in (gunicorn, worker):
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        gunicorn.wait(30)
        worker.wait(30)
    seconds = data["duration_us"] / 1e6
    rps = data["requests"] / seconds
    errors = sum(r[k] for r in runs for k in r if k.startswith("errors_"))
    scale = args.scale
    metrics = [
        bench.metric("load.throughput", "pg", scale, rps, "req/s", None),
        bench.metric("load.p50", "pg", scale, data["p50"], "ms", None),
        bench.metric("load.p95", "pg", scale, data["p95"], "ms", 500.0),
        bench.metric("load.p99", "pg", scale, data["p99"], "ms", None),
        bench.metric("load.errors", "pg", scale, errors, "count", None),
    ]
    metrics[0]["better"] = "higher"
    metrics[0]["goal"] = 100.0
    notes = {
        f"pg/{scale} load": [
            f"wrk -t2 -c{args.connections} -d{args.duration}s over loopback against gunicorn "
            f"({args.workers} workers x {args.threads} threads, {worker_class}) + db_worker, PostgreSQL; "
            f"{len(runs)} runs of {args.duration} s, the run of the median p95 recorded: {data['requests']} "
            f"requests in {seconds:.0f} s; errors of all runs: connect "
            f"{sum(r['errors_connect'] for r in runs)}, read {sum(r['errors_read'] for r in runs)}, "
            f"status {sum(r['errors_status'] for r in runs)}, timeout {sum(r['errors_timeout'] for r in runs)}",
            "each run (req/s, p50/p95/p99 ms): "
            + "; ".join(
                f"{r['requests'] / (r['duration_us'] / 1e6):.1f}, {r['p50']:.0f}/{r['p95']:.0f}/{r['p99']:.0f}"
                for r in runs
            ),
            "mix (round robin, three users: city, district, township org admins): " + ", ".join(paths),
            "status of each path before the run: " + ", ".join(f"{s}" for s in statuses),
        ]
    }
    for m in metrics:
        print(f"   {m['name']:<20} {bench.fmt(m['value']):>10} {m['unit']}")
    bench.record(metrics, notes, {})


def check_paths(base: str, paths: list[str], cookie: str, post: tuple[str, str]) -> list[int]:
    """Every path of the mix must answer 200 (a 302 to the login page would measure nothing)."""
    statuses = []
    for p in paths:
        if p.startswith("POST "):
            p = p[5:]
            req = urllib.request.Request(
                base + p,
                data=post[1].encode(),
                headers={
                    "Cookie": f"{cookie}; csrftoken={CSRF}",
                    "X-CSRFToken": CSRF,
                    "Content-Type": post[0],
                },
            )
        else:
            req = urllib.request.Request(base + p, headers={"Cookie": cookie})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                statuses.append(r.status)
                if r.geturl().split("?")[0].endswith("/accounts/login/"):
                    raise SystemExit(f"{p} redirected to the login page")
        except urllib.error.HTTPError as exc:
            raise SystemExit(f"{p} answered {exc.code}") from None
    return statuses


if __name__ == "__main__":
    main()
