#!/usr/bin/env python3
"""The 90-day deadlines list on national-x10, before and after a change, in the same run.

Usage: bench/deadlines.py BEFORE_BIN AFTER_BIN [RUNS]

Generates national-x10 once with BEFORE_BIN (bench/out/deadlines/before.db), copies it for
AFTER_BIN (which migrates its copy on first open), then times `terroir --json --today
2026-12-02 deadlines --within 90d` RUNS times for each binary, alternating so that both see the
same machine state. Each time is the whole process (open, query, decide in Rust, print JSON).
Prints p50/p99/max per binary and checks that both list the same number of deadlines.
"""
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TODAY = "2026-12-02"


def run(binary, db, *args):
    return subprocess.run(
        [binary, "--db", str(db), "--json", "--today", TODAY, *args],
        check=True,
        capture_output=True,
    ).stdout


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    before, after = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    out = Path(__file__).resolve().parent / "out" / "deadlines"
    out.mkdir(parents=True, exist_ok=True)
    db_before, db_after = out / "before.db", out / "after.db"
    if not db_before.exists():
        run(before, db_before, "init")
        t = time.monotonic()
        run(before, db_before, "gen", "--scale", "national-x10")
        print(f"generated national-x10 in {time.monotonic() - t:.0f} s", flush=True)
    for suffix in ["", "-wal", "-shm"]:
        src = Path(str(db_before) + suffix)
        dst = Path(str(db_after) + suffix)
        if dst.exists():
            dst.unlink()
        if src.exists():
            shutil.copy(src, dst)
    counts = {}
    times = {"before": [], "after": []}
    # One warm-up run each (the after copy migrates on it).
    for name, binary, db in [("before", before, db_before), ("after", after, db_after)]:
        counts[name] = len(json.loads(run(binary, db, "deadlines", "--within", "90d")))
    for _ in range(runs):
        for name, binary, db in [("before", before, db_before), ("after", after, db_after)]:
            t = time.perf_counter()
            run(binary, db, "deadlines", "--within", "90d")
            times[name].append((time.perf_counter() - t) * 1000)
    print(f"{'':8} {'deadlines':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}  ({runs} runs each)")
    for name in ["before", "after"]:
        xs = times[name]
        print(
            f"{name:8} {counts[name]:>9} {statistics.median(xs):>8.1f} {pct(xs, 99):>8.1f} {max(xs):>8.1f}"
        )


if __name__ == "__main__":
    main()
