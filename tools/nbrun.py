"""Run a notebook in a fresh kernel, as nbval and a reader's "Restart and run all" do."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from offline import kernel_env

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The collection's notebooks (``NN_name.ipynb``) in a folder, in sequence order."""
    return sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))


def tags(cell) -> list[str]:
    """A cell's tags (``exercise``, ``solution``, ``check``, ...), or an empty list."""
    return list(cell.get("metadata", {}).get("tags", []))


def _peak_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


#: Run before the first cell when figures are not wanted: the kernel still builds every
#: figure (the cells' code all runs) but stores no image, so nothing is drawn or encoded.
NO_IMAGES = ("ip = get_ipython()\n"
             "for kind in ('image/png', 'image/svg+xml', 'image/jpeg', 'application/pdf'):\n"
             "    ip.display_formatter.formatters[kind].enabled = False\n"
             "del ip, kind")


#: Run before the first cell with ``draw_times``: each time matplotlib draws a figure into a
#: file or an image for display (``FigureCanvasBase.print_figure``, which the inline backend
#: calls for every figure shown, once the cell's code has run), the drawing's seconds are
#: kept with the number of the cell it was drawn for (counted from 1, as each cell starts).
#: Nothing is added to the notebook's namespace.
TIME_DRAWS = """\
def _time_draws():
    import time
    import matplotlib.backend_bases as bb
    draw = bb.FigureCanvasBase.print_figure
    def timed(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return draw(self, *args, **kwargs)
        finally:
            bb.draw_times.append((bb.cells_started, time.perf_counter() - start))
    def started(*args):
        bb.cells_started += 1
    bb.draw_times, bb.cells_started, bb.FigureCanvasBase.print_figure = [], 0, timed
    get_ipython().events.register("pre_execute", started)
_time_draws()
del _time_draws"""
READ_DRAWS = "import json, matplotlib.backend_bases\nprint(json.dumps(matplotlib.backend_bases.draw_times))"


def _run_aside(client, nb, code: str, index: int) -> nbformat.NotebookNode:
    """Run ``code`` in the kernel outside the notebook's history; returns the cell it ran
    (nbclient stores the cell it runs at the index given: the notebook's own is put back)."""
    cell, kept = nbformat.v4.new_code_cell(code), nb.cells[index]
    client.execute_cell(cell, index, store_history=False)
    nb.cells[index] = kept
    return cell


def run(path: Path, *, timeout: int = 300, cell_times: list | None = None,
        images: bool = True, draw_times: list | None = None
        ) -> tuple[nbformat.NotebookNode, float, float | None]:
    """Execute a notebook in a fresh kernel started in its folder.

    Returns the executed notebook, the seconds from kernel start to the last cell, and the
    kernel's peak resident memory in MB (Linux only, else None). With ``cell_times`` (a
    list), appends ``(index, seconds, source)`` for every code cell. The kernel runs offline
    and keeps matplotlib's and IPython's files in the project (``offline.kernel_env``), as
    under the tests: a read-only or empty HOME changes nothing it prints.

    With ``images=False`` the figures are built but not drawn: their outputs hold only the
    ``text/plain`` line (``<Figure size ...>``). For tests that need the code to run, not the
    pictures; a figure that fails only when drawn is left to nbval, which draws them all.

    With ``draw_times`` (a list), appends ``(index, seconds)`` for every figure matplotlib
    drew into an image (:data:`TIME_DRAWS`): the part of a cell's time that is matplotlib
    rendering what the cell built.
    """
    nb = nbformat.read(path, as_version=4)
    env = kernel_env(dict(os.environ, MPLBACKEND="module://matplotlib_inline.backend_inline"))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel(env=env):
        if not images and nb.cells:
            _run_aside(client, nb, NO_IMAGES, 0)
        if draw_times is not None and nb.cells:
            _run_aside(client, nb, TIME_DRAWS, 0)
        code = []  # the notebook's index of each code cell, in order: its execution count
        for index, cell in enumerate(nb.cells):
            began = time.perf_counter()
            client.execute_cell(cell, index)
            if cell.cell_type == "code":
                code.append(index)
                if cell_times is not None:
                    cell_times.append((index, time.perf_counter() - began, cell.source))
        seconds = time.perf_counter() - start
        if draw_times is not None and nb.cells:
            printed = "".join(o.get("text", "") for o in _run_aside(client, nb, READ_DRAWS, 0).outputs)
            draw_times += [(code[count - 1], t) for count, t in json.loads(printed)]
        pid = client.km.provisioner.process.pid if client.km.provisioner else None
        peak = _peak_mb(pid) if pid else None
    return nb, seconds, peak
