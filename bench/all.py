#!/usr/bin/env python
"""Every benchmark of OrgWork at one scale, on PostgreSQL and SQLite: ``make bench SCALE=small|city``.

    .venv/bin/python bench/all.py --scale small|city [--only NAME ...] [--skip NAME ...]

Runs the scripts below one after the other, each in its own process; each merges its records
(name, db, scale, value, unit, goal, ratio to its limit) into bench/results.json and regenerates
bench/RESULTS.md with the machine, date and commit. ``bench/run.py`` comes first: it builds the
bench database of the scale (``orgwork_bench_<scale>`` / ``bench/out/bench-<scale>.sqlite3``, every
module's demo data included) that the later steps marked ``--reuse`` measure without seeding again.
The load test runs against PostgreSQL only (gunicorn over loopback, Debian's ``wrk``).

Budgets: ``small`` under 3 minutes, ``city`` under 45 on the 2-core reference machine; the wall
time of each step and of the whole run is printed and recorded.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import run as bench_run  # noqa: E402

# (name, script, arguments per scale). Arguments may use {scale}.
STEPS = [
    ("core", "run.py", ["--scale", "{scale}", "--db", "both"]),
    ("api", "api.py", ["--scale", "{scale}", "--db", "both", "--reuse"]),
    ("import", "imports.py", ["--scale", "{scale}", "--db", "both"]),
    ("export", "exports.py", ["--scale", "{scale}", "--db", "both"]),
    # The modules' benchmarks measure bench/run.py's database, which seed_demo filled for every module.
    ("members", "members.py", ["--scale", "{scale}", "--db", "both", "--shared"]),
    ("grassroots", "grassroots.py", ["--scale", "{scale}", "--db", "both", "--shared"]),
    ("cadres", "cadres.py", ["--scale", "{scale}", "--db", "both", "--shared"]),
    ("training", "training.py", ["--scale", "{scale}", "--db", "both", "--shared"]),
    ("casework", "casework.py", ["--scale", "{scale}", "--db", "both", "--shared"]),
    ("talent", "talent.py", ["--scale", "{scale}", "--db", "both", "--shared"]),  # talent app (issue 8)
]
LOAD = {
    "small": ["--scale", "small", "--connections", "20", "--duration", "10", "--runs", "1"],
    "city": ["--scale", "city", "--connections", "50", "--duration", "60"],
}
BUDGET_MIN = {"small": 3, "city": 45}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=("small", "city"), default="small")
    parser.add_argument("--only", nargs="*", help="run only these steps")
    parser.add_argument("--skip", nargs="*", default=[], help="leave these steps out")
    args = parser.parse_args()
    steps = [(n, s, [a.format(scale=args.scale) for a in argv]) for n, s, argv in STEPS]
    if shutil.which("wrk"):
        steps.append(("load", "load.py", LOAD[args.scale]))
    else:
        print("load: skipped, wrk is not installed (apt-get install wrk)", flush=True)
    steps = [s for s in steps if (not args.only or s[0] in args.only) and s[0] not in args.skip]
    t0 = time.perf_counter()
    timings, failed = {}, []
    for name, script, argv in steps:
        print(f"=== {name}: bench/{script} {' '.join(argv)}", flush=True)
        t = time.perf_counter()
        rc = subprocess.run([sys.executable, str(BENCH / script), *argv], cwd=ROOT).returncode
        timings[name] = time.perf_counter() - t
        print(
            f"=== {name}: {'ok' if rc == 0 else f'FAILED (exit {rc})'} in {timings[name]:.0f} s", flush=True
        )
        if rc:
            failed.append(name)
    total = time.perf_counter() - t0
    if not args.only:
        m = bench_run.metric(
            "bench.total_wall", "both", args.scale, total / 60, "min", BUDGET_MIN[args.scale]
        )
        bench_run.record(
            [m],
            {f"all/{args.scale}": ["steps: " + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items())]},
            {},
        )
    print(f"all steps in {total / 60:.1f} min (budget {BUDGET_MIN[args.scale]} min)", flush=True)
    if failed:
        raise SystemExit("failed steps: " + ", ".join(failed))


if __name__ == "__main__":
    main()
