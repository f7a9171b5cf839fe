"""Write the README's table of notebooks from the notebooks themselves.

Each notebook opens with markdown cells (before its first code cell) that hold its title
(``# ...``), a line ``**Estimated time:** N minutes`` and a list under ``## Learning objectives``. This script collects them into the README
between the markers ``<!-- toc:start -->`` and ``<!-- toc:end -->``.

    python tools/toc.py            # print the table
    python tools/toc.py --write    # update README.md
    python tools/toc.py --check    # exit 1 if README.md is out of date
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
from markers import cli, replace_between

from nbrun import ROOT, notebooks

README = ROOT / "README.md"
START, END = "<!-- toc:start -->", "<!-- toc:end -->"


def _bullets(text: str) -> list[str]:
    """The items of a markdown bullet list, with wrapped lines joined."""
    items: list[str] = []
    for line in text.splitlines():
        m = re.match(r"^\s*[-*]\s+(.+)$", line)
        if m:
            items.append(m[1].strip())
        elif items and line.startswith((" ", "\t")) and line.strip():
            items[-1] += " " + line.strip()
    return items


def opening(path: Path) -> list[str]:
    """The sources of the markdown cells before a notebook's first code cell."""
    out = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            break
        out.append(cell.source)
    return out


def header(path: Path) -> dict:
    """Title, minutes and objectives from the markdown cells a notebook opens with."""
    first = "\n\n".join(opening(path))
    title = re.search(r"^# (.+)$", first, re.M)
    minutes = re.search(r"\*\*Estimated time:\*\*\s*(\d+)", first)
    block = re.search(r"## Learning objectives\s*\n(.*?)(?:\n#|\n\*\*|\Z)", first, re.S)
    objectives = _bullets(block[1]) if block else []
    missing = [k for k, v in {"title": title, "estimated time": minutes,
                              "learning objectives": objectives}.items() if not v]
    if missing:
        raise ValueError(f"{path.name}: opening cells lack {', '.join(missing)}")
    return {"file": path.name, "title": title[1].strip(), "minutes": int(minutes[1]),
            "objectives": objectives}


def table() -> str:
    rows = [header(p) for p in notebooks()]
    lines = ["| # | Notebook | Time | You will be able to |", "|---|---|---|---|"]
    for r in rows:
        objectives = "<br>".join(f"• {o}" for o in r["objectives"])
        lines.append(f"| {r['file'][:2]} | [{r['title']}](notebooks/{r['file']}) | "
                     f"{r['minutes']} min | {objectives} |")
    total = sum(r["minutes"] for r in rows)
    lines.append(f"\nIn all: {len(rows)} notebooks, about {total // 60} h {total % 60:02d} min.")
    return "\n".join(lines)


def updated(readme: str) -> str:
    return replace_between(readme, START, END, table(), name="README.md")


def main(argv: list[str]) -> int:
    return cli(argv, README, updated, table,
               stale="README.md's table of notebooks is out of date: run `make toc`")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
