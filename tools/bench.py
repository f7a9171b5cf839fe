"""Benchmark: each notebook in a fresh kernel (seconds, kernel peak memory), the total, the
bare cost of a kernel that imports the stack, the slowest cells and the map cells, and the
time of ``import helpers``.

Targets on a 2-core machine (figures to watch, not tests): the collection run notebook after
notebook at most 1.5× as long as as many bare kernels importing the stack; no map cell above
0.5 s; ``import helpers`` ≤ 1 s; ≤ 400 MB per kernel. The total is printed twice: one notebook
after another, and two kernels at once (as the tests run them). The machine may be shared:
compare ratios measured in one run, not seconds across runs.

Each time is also split into what matplotlib spends drawing the figures into the images the
notebook shows (``nbrun.run(draw_times=...)``) and the rest: the collection's own code, the
figures' building and layout included. The drawing alone sets a floor under the ratio: the
ratio the collection would have if everything else it does cost nothing.
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
    # The bare kernel is timed before the notebooks, between them and after them, and the
    # median taken: on a shared machine one measurement moved the ratio by a quarter.
    paths = notebooks()
    bares = [bare_kernel()]
    python_alone = import_time("sys")
    rows, total, drawing, cells = [], 0.0, 0.0, []
    for n, path in enumerate(paths):
        if n == len(paths) // 2:
            bares.append(bare_kernel())
        times: list = []
        draws: list = []
        _, seconds, peak = run(path, cell_times=times, draw_times=draws)
        drawn = sum(t for _, t in draws)
        total, drawing = total + seconds, drawing + drawn
        rows.append((path.name, seconds, drawn, peak))
        cells += [(path.name[:2], i, t, sum(d for j, d in draws if j == i), src)
                  for i, t, src in times]
    bares.append(bare_kernel())
    bare = statistics.median(t for t, _ in bares)
    bare_peak = max((m for _, m in bares if m), default=None)
    width = max([len(r[0]) for r in rows] + [30])
    print(f"{'notebook':<{width}} {'seconds':>8} {'drawing':>8} {'peak MB':>8}")
    for name, seconds, drawn, peak in rows:
        print(f"{name:<{width}} {seconds:>8.2f} {drawn:>8.2f} {peak or float('nan'):>8.0f}")
    print(f"{'total (' + str(len(rows)) + ' notebooks)':<{width}} {total:>8.2f} {drawing:>8.2f}")
    print(f"{'bare kernel + stack import (median of 3)':<{width}} {bare:>8.2f} {'':>8} "
          f"{bare_peak or float('nan'):>8.0f}")
    if rows:
        kernels = len(rows) * bare
        print(f"{'ratio: collection / as many bare kernels':<{width}} {total / kernels:>8.2f}")
        print(f"{'  the least it can be with these figures':<{width}} "
              f"{(kernels + drawing) / kernels:>8.2f}")
        print(f"{'  (bare kernels + matplotlib drawing the figures; all else free)':<{width}}")
    maps = [c for c in cells if "maps.draw_map(" in c[4] or "locator_map(" in c[4]
            or "draw_border_map(" in c[4]]
    print("slowest cells (seconds, of which matplotlib drawing the figure):")
    for nb, i, t, d, src in sorted(cells, key=lambda c: -c[2])[:5]:
        print(f"  {nb} cell {i:<3} {t:6.2f} s {d:5.2f} s  {src.splitlines()[0][:52]}")
    if maps:
        nb, i, t, d, _ = max(maps, key=lambda c: c[2])
        print(f"{'slowest map cell (' + nb + ' cell ' + str(i) + ')':<{width}} {t:>8.2f} {d:>8.2f}")
        floor = max(d for *_, d, _ in maps)
        print(f"{'  the most drawing takes in a map cell':<{width}} {floor:>8.2f}")
    start = time.perf_counter()  # the collection as `make test` runs it: two kernels at a time
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(run, paths))
    wall = time.perf_counter() - start
    print(f"{'whole collection, 2 kernels at once (wall clock)':<{width}} {wall:>8.2f}")
    print(f"{'import helpers (median of 5, -X importtime)':<{width}} {import_cost('helpers'):>8.3f}")
    print(f"{'import helpers + its data loaders (pandas)':<{width}} {import_cost('helpers.data'):>8.3f}")
    print(f"{'python start alone':<{width}} {python_alone:>8.3f}")


if __name__ == "__main__":
    main()
