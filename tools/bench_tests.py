"""Benchmark of the test suite: `make test` run once with pytest's per-test durations, then
the time summed by tier and by file.

    python tools/bench_tests.py            # what make test runs (two workers)
    python tools/bench_tests.py -- -k maps # extra pytest arguments after --

Prints the wall clock, the worker time (every test's setup, call and teardown, summed) of
the slow tier (what opens Chromium or builds a deck or the figure files: ``make test`` runs
it, ``make test-quick`` leaves it out) and of the quick tier, the files that cost most, and
the least wall clock the slow tier alone allows on this many workers (its worker time shared
evenly, everything else free). The machine may be shared: compare figures from one run.
A benchmark, not a test: it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections import defaultdict

from nbrun import ROOT

WORKERS = 2  # as make test runs it
#: One line of ``--durations=0``: "12.34s call     tests/test_x.py::test_y[param]".
DURATION = re.compile(r"^(\d+\.\d+)s (setup|call|teardown)\s+(\S.*)$")


def pytest_command(*extra: str) -> list[str]:
    return [sys.executable, "-m", "pytest", "-n", str(WORKERS), "--dist", "loadfile", *extra]


def slow_ids(extra: list[str]) -> set[str]:
    """The node ids the slow marker selects (as tests/conftest.py marks them)."""
    run = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:xdist", "--collect-only",
                          "-q", "-m", "slow", *extra], cwd=ROOT, capture_output=True, text=True,
                         env=_env())
    ids = {line.strip() for line in run.stdout.splitlines() if "::" in line}
    if run.returncode or not ids:
        raise SystemExit(f"collecting the slow tier failed:\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
    return ids


def _env() -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as make test runs it
    return env


def durations(text: str) -> list[tuple[float, str]]:
    """(seconds, node id) for each phase pytest reported, from ``--durations=0`` output."""
    return [(float(m[1]), m[3].strip()) for m in map(DURATION.match, text.splitlines()) if m]


def tally(rows: list[tuple[float, str]], slow: set[str]) -> dict[str, dict[str, float]]:
    """Seconds summed by tier ('slow', 'quick') and by file within it."""
    out: dict[str, dict[str, float]] = {"slow": defaultdict(float), "quick": defaultdict(float)}
    for seconds, node in rows:
        tier = "slow" if node in slow else "quick"
        out[tier][node.split("::")[0]] += seconds
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].replace("\n", " "))
    parser.add_argument("extra", nargs="*", help="more pytest arguments (after --)")
    args = parser.parse_args(argv)
    slow = slow_ids(args.extra)
    start = time.perf_counter()
    run = subprocess.run(pytest_command("-q", "--durations=0", "-p", "no:cacheprovider",
                                        *args.extra),
                         cwd=ROOT, capture_output=True, text=True, env=_env())
    wall = time.perf_counter() - start
    summary = [line for line in run.stdout.splitlines() if re.search(r"\d+ (passed|failed)", line)]
    tiers = tally(durations(run.stdout), slow)
    print(f"{'make test, wall clock':<52} {wall:8.1f} s   {summary[-1] if summary else ''}")
    for tier, files in tiers.items():
        print(f"{tier + ' tier, worker time summed':<52} {sum(files.values()):8.1f} s")
    print(f"{'least wall clock the slow tier allows on ' + str(WORKERS) + ' workers':<52} "
          f"{sum(tiers['slow'].values()) / WORKERS:8.1f} s")
    print("costliest files (worker time):")
    ranked = sorted(((s, f, t) for t, files in tiers.items() for f, s in files.items()),
                    reverse=True)
    for seconds, file, tier in ranked[:15]:
        print(f"  {seconds:7.1f} s  {tier:<5}  {file}")
    if run.returncode:
        print(run.stdout[-3000:], run.stderr[-2000:], sep="\n", file=sys.stderr)
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
