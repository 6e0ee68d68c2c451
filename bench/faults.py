#!/usr/bin/env python
"""Fault drills against a running OrgWork (gunicorn + PostgreSQL over loopback), outcomes recorded.

    .venv/bin/python bench/faults.py [--only worker|postgres]

A fresh database of its own (``orgwork_bench_faults``, ``seed_demo --scale small``), gunicorn with
``deploy/gunicorn.conf.py`` as deployed (one sync worker per core), and an org admin of the root
signed in.

worker    A person import of 1,500 rows is committed over HTTP (the page's own two steps: upload and
          preview, then commit) and the gunicorn worker serving the commit is SIGKILLed while it
          validates and writes. Expected: the request gets no answer, the database holds no row of it (no person,
          no change-log row), gunicorn's master starts a new worker by itself, the next requests
          are answered, and committing the same upload again imports all 1,500 rows.
postgres  Four clients keep requesting pages for 40 s; after 8 s PostgreSQL is restarted
          (``pg_ctlcluster … restart``). Expected: requests during the outage fail, and without any
          restart of the app every request after PostgreSQL is back succeeds (CONN_HEALTH_CHECKS
          drop the dead connections). Recorded: failed requests, outage seconds, recovery seconds.

The third drill of the issue, the task worker killed in the middle of an import, is an automated
test: tests/imports/test_jobs.py (real ``db_worker`` SIGKILLed mid-transaction; nothing written; the
job page marks it failed; "run again" gives the full import).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # noqa: E402
import run as bench  # noqa: E402

ROOT = bench.ROOT
PORT = 8766
BASE = f"http://127.0.0.1:{PORT}"
URL = f"{bench.PG_SERVER}/orgwork_bench_faults"

COUNTS = r"""
import django, json
django.setup()
from orgwork.core.models import ChangeLog
from orgwork.people.models import Person
print("COUNTS " + json.dumps({"people": Person.all_objects.count(), "changelog": ChangeLog.objects.count()}))
"""

ROWS = r"""
import django, sys
django.setup()
from openpyxl import Workbook
from orgwork.orgs.models import Org
sys.path.insert(0, "bench")
import imports
codes = list(Org.objects.filter(level__in=["village", "community"]).values_list("code", flat=True)[:200])
wb = Workbook(write_only=True)
ws = wb.create_sheet("人员")
ws.append(imports.HEADERS)
for row in imports._rows(int(sys.argv[2]), codes):  # ID numbers of 北京东城 (110101): all new people
    ws.append(row)
wb.save(sys.argv[1])
"""


def counts(env) -> dict:
    out = subprocess.run([sys.executable, "-c", COUNTS], cwd=ROOT, env=env, capture_output=True, text=True)
    return json.loads(re.search(r"^COUNTS (.*)$", out.stdout, re.M).group(1))


def start_gunicorn(env) -> subprocess.Popen:
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "deploy/gunicorn.conf.py", "orgwork.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(BASE + "/accounts/login/", timeout=2)
            return proc
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not come up")


def workers_of(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except OSError:
        return 0


def get(path, cookie, timeout=30) -> int:
    req = urllib.request.Request(BASE + path, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


class Browser:
    """Just enough of a browser for the import page: the session cookie, the CSRF cookie and token."""

    def __init__(self, session_cookie: str):
        self.cookies = dict([session_cookie.split("=", 1)])

    def header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def open(self, path, data=None, content_type=None, timeout=120):
        headers = {"Cookie": self.header(), "Referer": BASE + path}
        if content_type:
            headers["Content-Type"] = content_type
        req = urllib.request.Request(BASE + path, data=data, headers=headers)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(req, timeout=timeout) as r:
                self.keep(r.headers)
                return r.status, r.read().decode()
        except urllib.error.HTTPError as exc:
            self.keep(exc.headers)
            return exc.code, exc.read().decode()

    def keep(self, headers):
        for value in headers.get_all("Set-Cookie") or []:
            k, v = value.split(";", 1)[0].split("=", 1)
            self.cookies[k] = v

    def token(self, html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post_form(self, path, fields, files=(), timeout=120):
        boundary = uuid.uuid4().hex
        parts = []
        for k, v in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            )
        for k, name, content in files:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{name}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.open(path, body, f"multipart/form-data; boundary={boundary}", timeout=timeout)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_for_writing_transaction(*, deadline) -> bool:
    """Poll pg_stat_activity until a backend of the drill's database holds a transaction id
    (it has written inside a transaction still open); False at the deadline."""
    import psycopg

    with psycopg.connect(URL, autocommit=True) as conn:
        while time.monotonic() < deadline:
            row = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
            ).fetchone()
            if row[0]:
                return True
            time.sleep(0.005)
    return False


def drill_worker(env, cookie, gunicorn) -> dict:
    xlsx = bench.OUT / "faults-1500.xlsx"
    subprocess.run([sys.executable, "-c", ROWS, str(xlsx), "1500"], cwd=ROOT, env=env, check=True)
    browser = Browser(cookie)
    status, page = browser.open("/people/people/import/")
    assert status == 200, status
    status, preview = browser.post_form(
        "/people/people/import/",
        {"csrfmiddlewaretoken": browser.token(page), "action": "preview"},
        [("file", xlsx.name, xlsx.read_bytes())],
    )
    assert status == 200, (status, preview[:500])
    token = re.search(r'name="token" value="([^"]+)"', preview).group(1)
    before = counts(env)
    workers = workers_of(gunicorn.pid)
    ticks = {w: cpu_ticks(w) for w in workers}
    outcome = {}

    def commit():
        try:
            outcome["answer"] = browser.post_form(
                "/people/people/import/",
                {"csrfmiddlewaretoken": browser.token(preview), "action": "commit", "token": token},
            )[0]
        except OSError as exc:  # the worker died: the connection closes without an answer
            outcome["answer"] = type(exc).__name__

    t = threading.Thread(target=commit)
    t.start()
    # Kill once the import's transaction has written (a backend with a transaction id) and before it
    # ends: 1,500 rows are validated and written in well under a second, so a fixed wait would miss it.
    wrote = wait_for_writing_transaction(deadline=time.monotonic() + 30)
    time.sleep(0.05)
    busy = max(workers, key=lambda w: cpu_ticks(w) - ticks[w])
    os.kill(busy, signal.SIGKILL)
    t.join(120)
    after_kill = counts(env)
    time.sleep(2)
    new_workers = workers_of(gunicorn.pid)
    statuses = [get("/people/people/", cookie) for _ in range(20)]
    # The upload is still kept under its token: commit it again.
    status, _ = browser.post_form(
        "/people/people/import/",
        {"csrfmiddlewaretoken": browser.token(preview), "action": "commit", "token": token},
    )
    final = counts(env)
    return {
        "killed_worker": busy,
        "killed_while_writing": wrote,
        "answer_to_killed_request": outcome.get("answer"),
        "people_written_by_killed_request": after_kill["people"] - before["people"],
        "changelog_rows_by_killed_request": after_kill["changelog"] - before["changelog"],
        "workers_before": len(workers),
        "workers_after": len(new_workers),
        "replaced": busy not in new_workers and len(new_workers) == len(workers),
        "next_20_requests_ok": sum(s == 200 for s in statuses),
        "retry_status": status,
        "people_after_retry": final["people"] - before["people"],
    }


def drill_postgres(cookie) -> dict:
    paths = ["/", "/people/people/", "/orgs/terms/due/", "/api/orgs/orgs/?limit=20"]
    log: list[tuple[float, int]] = []
    stop = time.monotonic() + 40
    t0 = time.monotonic()

    def client(i):
        n = i
        while time.monotonic() < stop:
            status = get(paths[n % len(paths)], cookie, timeout=15)
            log.append((time.monotonic() - t0, status))
            n += 1
            time.sleep(0.05)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(4)]
    for th in threads:
        th.start()
    time.sleep(8)
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    r0 = time.monotonic() - t0
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        capture_output=True,
    )
    r1 = time.monotonic() - t0
    for th in threads:
        th.join()
    failed = [(t, s) for t, s in log if s != 200]
    last_failure = max((t for t, _ in failed), default=r0)
    after = [s for t, s in log if t > last_failure]
    return {
        "requests": len(log),
        "failed": len(failed),
        "failed_statuses": sorted({s for _, s in failed}),
        "restart_began_s": round(r0, 1),
        "restart_took_s": round(r1 - r0, 1),
        "recovered_after_restart_s": round(max(0.0, last_failure - r1), 1),
        "requests_after_recovery": len(after),
        "all_ok_after_recovery": all(s == 200 for s in after) and len(after) > 0,
        "ok_before_restart": all(s == 200 for t, s in log if t < r0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=("worker", "postgres"))
    args = parser.parse_args()
    bench.OUT.mkdir(parents=True, exist_ok=True)
    bench.fresh_database("pg", URL)
    bench.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], URL)
    bench.run([sys.executable, "manage.py", "seed_demo", "--scale", "small"], URL)
    env = bench.child_env(URL)
    env.update(
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
        GUNICORN_ACCESS_LOG="/dev/null",
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    setup = subprocess.run(
        [sys.executable, "-c", load.SETUP_CHILD], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if setup.returncode:
        raise SystemExit(setup.stderr[-3000:])
    cookie = json.loads(re.search(r"^SETUP (.*)$", setup.stdout, re.M).group(1))["cookies"][0]
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env)
    gunicorn = start_gunicorn(env)
    results = {}
    try:
        if args.only in (None, "worker"):
            results["worker"] = drill_worker(env, cookie, gunicorn)
            print("worker:", json.dumps(results["worker"], ensure_ascii=False), flush=True)
        if args.only in (None, "postgres"):
            results["postgres"] = drill_postgres(cookie)
            print("postgres:", json.dumps(results["postgres"], ensure_ascii=False), flush=True)
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(30)
    metrics, notes = [], {}
    if "worker" in results:
        w = results["worker"]
        ok = (
            w["people_written_by_killed_request"] == 0
            and w["changelog_rows_by_killed_request"] == 0
            and w["replaced"]
            and w["next_20_requests_ok"] == 20
            and w["people_after_retry"] == 1500
        )
        metrics.append(
            bench.metric(
                "fault.worker_kill.partial_rows",
                "pg",
                "small",
                w["people_written_by_killed_request"],
                "rows",
                None,
            )
        )
        metrics.append(bench.metric("fault.worker_kill.passed", "pg", "small", int(ok), "1 = yes", None))
        notes["pg/small fault: worker kill"] = [json.dumps(w, ensure_ascii=False)]
    if "postgres" in results:
        p = results["postgres"]
        ok = p["all_ok_after_recovery"] and p["ok_before_restart"]
        metrics.append(
            bench.metric("fault.pg_restart.failed_requests", "pg", "small", p["failed"], "count", None)
        )
        metrics.append(
            bench.metric(
                "fault.pg_restart.recovery", "pg", "small", p["recovered_after_restart_s"], "s", None
            )
        )
        metrics.append(bench.metric("fault.pg_restart.passed", "pg", "small", int(ok), "1 = yes", None))
        notes["pg/small fault: PostgreSQL restart"] = [json.dumps(p, ensure_ascii=False)]
    bench.record(metrics, notes, {})
    failed = [m for m in metrics if m["name"].endswith(".passed") and m["value"] != 1]
    if failed:
        raise SystemExit("drill failed: " + ", ".join(m["name"] for m in failed))


if __name__ == "__main__":
    main()
