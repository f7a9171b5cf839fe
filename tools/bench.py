"""Benchmark: each notebook in a fresh kernel (seconds, kernel peak memory), the total, the
bare cost of a kernel that imports the stack, the slowest cells and the map cells, and the
time of ``import helpers``.

Targets on a 2-core machine (figures to watch, not tests): the collection run notebook after
notebook at most 1.5× as long as as many bare kernels importing the stack; no map cell above
0.5 s; ``import helpers`` ≤ 1 s; ≤ 400 MB per kernel. The total is printed twice: one notebook
after another, and two kernels at once (as the tests run them). The machine may be shared:
compare ratios measured in one run, not seconds across runs.
"""

import statistics
import subprocess
from concurrent.futures import ThreadPoolExecutor
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from nbrun import notebooks, run

STACK = "import pandas, numpy, matplotlib.pyplot, geopandas, networkx, helpers; helpers.setup()"


def bare_kernel() -> tuple[float, float | None]:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(STACK)])
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "bare.ipynb"
        nbformat.write(nb, path)
        _, seconds, peak = run(path)
    return seconds, peak


def import_time(module: str, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_cost(module: str, repeat: int = 5) -> float:
    """Seconds to import a module and what it imports, from ``python -X importtime``."""
    costs = []
    for _ in range(repeat):
        err = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                             check=True, capture_output=True, text=True).stderr
        line = [ln for ln in err.splitlines() if ln.rstrip().endswith(f"| {module}")][-1]
        costs.append(int(line.split("|")[1]) / 1e6)
    return statistics.median(costs)


def main() -> None:
    bare, bare_peak = bare_kernel()
    python_alone = import_time("sys")
    rows, total, cells = [], 0.0, []
    for path in notebooks():
        times: list = []
        _, seconds, peak = run(path, cell_times=times)
        total += seconds
        rows.append((path.name, seconds, peak))
        cells += [(path.name[:2], i, t, src) for i, t, src in times]
    width = max([len(r[0]) for r in rows] + [30])
    print(f"{'notebook':<{width}} {'seconds':>8} {'peak MB':>8}")
    for name, seconds, peak in rows:
        print(f"{name:<{width}} {seconds:>8.2f} {peak or float('nan'):>8.0f}")
    print(f"{'total (' + str(len(rows)) + ' notebooks)':<{width}} {total:>8.2f}")
    print(f"{'bare kernel + stack import':<{width}} {bare:>8.2f} {bare_peak or float('nan'):>8.0f}")
    if rows:
        print(f"{'ratio: collection / as many bare kernels':<{width}} {total / len(rows) / bare:>8.2f}")
    maps = [c for c in cells if "maps.draw_map(" in c[3] or "locator_map(" in c[3]
            or "draw_border_map(" in c[3]]
    print("slowest cells:")
    for nb, i, t, src in sorted(cells, key=lambda c: -c[2])[:5]:
        print(f"  {nb} cell {i:<3} {t:6.2f} s  {src.splitlines()[0][:60]}")
    if maps:
        nb, i, t, _ = max(maps, key=lambda c: c[2])
        print(f"{'slowest map cell (' + nb + ' cell ' + str(i) + ')':<{width}} {t:>8.2f}")
    start = time.perf_counter()  # the collection as `make test` runs it: two kernels at a time
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(run, notebooks()))
    wall = time.perf_counter() - start
    print(f"{'whole collection, 2 kernels at once (wall clock)':<{width}} {wall:>8.2f}")
    print(f"{'import helpers (median of 5, -X importtime)':<{width}} {import_cost('helpers'):>8.3f}")
    print(f"{'import helpers + its data loaders (pandas)':<{width}} {import_cost('helpers.data'):>8.3f}")
    print(f"{'python start alone':<{width}} {python_alone:>8.3f}")


if __name__ == "__main__":
    main()
