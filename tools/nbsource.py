"""Edit a notebook as plain text: convert between .ipynb and a "percent" script.

    python tools/nbsource.py to-py notebooks/01_background.ipynb /tmp/01.py
    python tools/nbsource.py to-ipynb /tmp/01.py notebooks/01_background.ipynb

In the script a cell starts with a line ``# %%`` (code) or ``# %% [markdown]``, optionally
followed by the cell's metadata as JSON, e.g. ``# %% [markdown] {"tags": ["solution"]}``.
Markdown lines carry a leading ``# ``. Converting to .ipynb keeps the outputs of the old
notebook where a code cell's source is unchanged; run ``make execute`` afterwards.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat

HEADER = re.compile(r"^# %%( \[markdown\])?( (\{.*\}))?\s*$")


def to_py(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        meta = {k: v for k, v in cell.metadata.items() if k in ("tags", "slideshow")}
        head = "# %%" + (" [markdown]" if cell.cell_type == "markdown" else "")
        if meta:
            head += " " + json.dumps(meta, ensure_ascii=False)
        body = cell.source
        if cell.cell_type == "markdown":
            body = "\n".join(("# " + line) if line else "#" for line in body.split("\n"))
        parts.append(head + "\n" + body)
    return "\n\n".join(parts) + "\n"


def from_py(text: str, old: nbformat.NotebookNode | None = None) -> nbformat.NotebookNode:
    cells, current = [], None
    for line in text.split("\n"):
        m = HEADER.match(line)
        if m:
            current = {"markdown": bool(m[1]), "meta": json.loads(m[3]) if m[3] else {}, "lines": []}
            cells.append(current)
        elif current is not None:
            current["lines"].append(line)
    outputs = {}
    if old is not None:
        for c in old.cells:
            if c.cell_type == "code":
                outputs[c.source] = (c.get("outputs", []), c.get("execution_count"))
    nb = nbformat.v4.new_notebook()
    nb.metadata = old.metadata if old is not None else {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for i, c in enumerate(cells):
        lines = c["lines"]
        while lines and not lines[-1].strip():
            lines.pop()
        if c["markdown"]:
            src = "\n".join(line[2:] if line.startswith("# ") else line.lstrip("#") for line in lines)
            cell = nbformat.v4.new_markdown_cell(src)
        else:
            src = "\n".join(lines)
            cell = nbformat.v4.new_code_cell(src)
            if src in outputs:
                cell.outputs, cell.execution_count = outputs[src]
        cell.metadata.update(c["meta"])
        cell.id = f"cell-{i:03d}"  # stable ids keep diffs small
        nb.cells.append(cell)
    return nb


def main(argv: list[str]) -> None:
    if len(argv) != 3 or argv[0] not in ("to-py", "to-ipynb"):
        sys.exit(__doc__)
    src, dst = Path(argv[1]), Path(argv[2])
    if argv[0] == "to-py":
        dst.write_text(to_py(nbformat.read(src, as_version=4)), encoding="utf-8")
    else:
        old = nbformat.read(dst, as_version=4) if dst.exists() else None
        nbformat.write(from_py(src.read_text(encoding="utf-8"), old), dst)
    print(f"wrote {dst}")


if __name__ == "__main__":
    main(sys.argv[1:])
