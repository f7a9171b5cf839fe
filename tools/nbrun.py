"""Run a notebook in a fresh kernel, as nbval and a reader's "Restart and run all" do."""

from __future__ import annotations

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


def run(path: Path, *, timeout: int = 300, cell_times: list | None = None,
        images: bool = True) -> tuple[nbformat.NotebookNode, float, float | None]:
    """Execute a notebook in a fresh kernel started in its folder.

    Returns the executed notebook, the seconds from kernel start to the last cell, and the
    kernel's peak resident memory in MB (Linux only, else None). With ``cell_times`` (a
    list), appends ``(index, seconds, source)`` for every code cell. The kernel runs offline
    and keeps matplotlib's and IPython's files in the project (``offline.kernel_env``), as
    under the tests: a read-only or empty HOME changes nothing it prints.

    With ``images=False`` the figures are built but not drawn: their outputs hold only the
    ``text/plain`` line (``<Figure size ...>``). For tests that need the code to run, not the
    pictures; a figure that fails only when drawn is left to nbval, which draws them all.
    """
    nb = nbformat.read(path, as_version=4)
    env = kernel_env(dict(os.environ, MPLBACKEND="module://matplotlib_inline.backend_inline"))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel(env=env):
        if not images and nb.cells:
            first = nb.cells[0]  # execute_cell stores the cell it ran at the index given
            client.execute_cell(nbformat.v4.new_code_cell(NO_IMAGES), 0, store_history=False)
            nb.cells[0] = first
        for index, cell in enumerate(nb.cells):
            began = time.perf_counter()
            client.execute_cell(cell, index)
            if cell_times is not None and cell.cell_type == "code":
                cell_times.append((index, time.perf_counter() - began, cell.source))
        seconds = time.perf_counter() - start
        pid = client.km.provisioner.process.pid if client.km.provisioner else None
        peak = _peak_mb(pid) if pid else None
    return nb, seconds, peak
