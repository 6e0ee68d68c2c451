#!/usr/bin/env python
"""In-process profile of the load test's request mix (bench/load.py): CPU and wall time per URL.

    .venv/bin/python bench/profile_mix.py [--scale city] [-n 5] [--only SUBSTRING] [--cprofile SUBSTRING]

Logs in the same users as bench/load.py (same setup code: sessions created directly), then
requests each URL of the mix ``n`` times for each of the two users that wrk uses with ``django.test.Client`` against the bench
PostgreSQL database of the scale (``DATABASE_URL`` overrides it) and prints, per URL, the median
CPU ms (``time.process_time``: this process only, not PostgreSQL's), median wall ms and the number
of queries. ``--cprofile`` profiles the URLs containing the substring and prints the top functions.
Nothing is recorded: this is a tool for finding where a request's time goes, not a benchmark.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # noqa: E402
import run as bench  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=("small", "city"), default="city")
    parser.add_argument("-n", type=int, default=5, help="timed requests per URL and user")
    parser.add_argument("--only", help="only the URLs containing this substring")
    parser.add_argument("--cprofile", help="profile the URLs containing this substring")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key for --cprofile")
    parser.add_argument("--lines", type=int, default=45)
    parser.add_argument("--callers", help="with --cprofile: print the callers of functions matching this")
    parser.add_argument("--sql", action="store_true", help="print each query (time, SQL) of the URLs")
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="gc.freeze() after the warm-up, as deploy/gunicorn.conf.py does in each worker",
    )
    parser.add_argument(
        "--templates", action="store_true", help="CPU ms per request inside each template (inclusive)"
    )
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL") or bench.database_url("pg", args.scale)
    env = bench.child_env(url)
    res = subprocess.run(
        [sys.executable, "-c", load.SETUP_CHILD], cwd=bench.ROOT, env=env, text=True, capture_output=True
    )
    if res.returncode:
        sys.stderr.write(res.stderr[-4000:])
        raise SystemExit("setup failed")
    ids = json.loads([ln for ln in res.stdout.splitlines() if ln.startswith("SETUP ")][-1][6:])
    os.environ.update(env)
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    sys.path.insert(0, str(bench.ROOT / "src"))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    post_type, post_body = load.import_body(ids)
    template_ms: dict = {}
    if args.templates:
        from django.template.base import Template

        original_render = Template.render

        def timed_render(self, context):
            t0 = time.process_time()
            try:
                return original_render(self, context)
            finally:
                template_ms[self.name] = template_ms.get(self.name, 0.0) + time.process_time() - t0

        Template.render = timed_render
    # wrk runs with -t2 and gives thread i the cookie i: the city and district admins send the mix
    # (the township admin's cookie is never used, and would see the district's page as a 404).
    clients = []
    for cookie in ids["cookies"][:2]:
        c = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
        c.cookies["sessionid"] = cookie.split("=", 1)[1]
        clients.append(c)

    def request(client, path):
        if path.startswith("POST "):
            return client.post(path[5:], data=post_body.encode(), content_type=post_type)
        return client.get(path)

    def backend_cpu_ms():
        """CPU time of this connection's PostgreSQL backend so far (same machine: /proc), or None."""
        if connection.vendor != "postgresql":
            return None
        connection.ensure_connection()
        with connection.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            pid = cur.fetchone()[0]
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

    paths = [p for p in load.paths_for(ids) if not args.only or args.only in p]
    print(
        f"{'url':<48} {'cpu ms':>8} {'gc ms':>6} {'pg ms':>6} {'wall ms':>8} {'queries':>8}"
        f"  (median of {args.n} x 2 users; gc: mean CPU in garbage collection (inside cpu);"
        " pg: mean CPU of the PostgreSQL backend)"
    )
    total_cpu = total_pg = total_gc = 0.0
    import gc

    gc_ms = [0.0, 0.0]  # start, total

    def gc_timer(phase, info):
        if phase == "start":
            gc_ms[0] = time.process_time()
        else:
            gc_ms[1] += (time.process_time() - gc_ms[0]) * 1000

    gc.callbacks.append(gc_timer)
    for path in paths:
        for c in clients:  # warm-up (per-process caches, templates)
            resp = request(c, path)
            if resp.status_code != 200:
                raise SystemExit(f"{path} answered {resp.status_code}")
    if args.gc_freeze:
        gc.collect()
        gc.freeze()
    for path in paths:
        cpu, wall = [], []
        gc_ms[1] = 0.0
        template_ms.clear()
        pg0 = backend_cpu_ms()
        prof = cProfile.Profile() if args.cprofile and args.cprofile in path else None
        for _ in range(args.n):
            for c in clients:
                t0, w0 = time.process_time(), time.perf_counter()
                if prof:
                    prof.enable()
                resp = request(c, path)
                if resp.streaming:
                    b"".join(resp.streaming_content)
                if prof:
                    prof.disable()
                cpu.append((time.process_time() - t0) * 1000)
                wall.append((time.perf_counter() - w0) * 1000)
        pg1 = backend_cpu_ms()
        gc_mean = gc_ms[1] / len(cpu)
        pg = (pg1 - pg0) / len(cpu) if pg0 is not None and pg1 is not None else float("nan")
        queries = []
        for c in clients:
            with CaptureQueriesContext(connection) as ctx:
                resp = request(c, path)
                if resp.streaming:
                    b"".join(resp.streaming_content)
            queries.append(len(ctx.captured_queries))
            if args.sql:
                for q in ctx.captured_queries:
                    sql = q["sql"]
                    at = sql.find(" FROM ")
                    if at > 120:  # the column list says little: its start, then FROM onwards
                        sql = sql[:100] + " …" + sql[at:]
                    print(f"   {float(q['time']) * 1000:7.1f} ms  {sql[:400]}")
        med = statistics.median(cpu)
        total_cpu += med
        total_pg += pg
        total_gc += gc_mean
        print(
            f"{path[:48]:<48} {med:8.1f} {gc_mean:6.1f} {pg:6.1f} {statistics.median(wall):8.1f}"
            f" {'/'.join(map(str, queries)):>8}",
            flush=True,
        )
        for name, seconds in sorted(template_ms.items(), key=lambda kv: -kv[1]):
            print(f"   {seconds * 1000 / len(cpu):7.2f} ms  {name}")
        if prof:
            out = io.StringIO()
            stats = pstats.Stats(prof, stream=out).sort_stats(args.sort)
            if args.callers:
                stats.print_callers(args.callers)
            else:
                stats.print_stats(args.lines)
            print(out.getvalue())
    n = len(paths)
    print(f"{'mean over the mix':<48} {total_cpu / n:8.1f} {total_gc / n:6.1f} {total_pg / n:6.1f}")


if __name__ == "__main__":
    main()
