"""How long a notebook takes a student working alone, by one stated yardstick.

The yardstick, from a pass through every exercise of the collection as a student with Python
basics would make it (reading the prose, looking at each table and figure, solving each
exercise and trying it against its check):

- prose read with care at 160 words a minute (markdown cells, solutions left out);
- a minute for each table or figure a cell shows;
- 10 minutes for each coded exercise (the task, the code, the check, the written follow-up);
- 12 minutes for each discussion exercise (a written answer of a paragraph or two).

No class was timed with it: it replaces guesses with one rule that every notebook shares,
and that follows the notebook when it grows. Each notebook states its time rounded up to
5 minutes; tests/test_study_time.py holds the stated times to the yardstick.

    python tools/study_time.py          # the yardstick for each notebook, beside its stated time
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import nbformat

from nbrun import notebooks, tags

WORDS_PER_MINUTE = 160
MINUTES_PER_OUTPUT = 1
MINUTES_PER_CODED_EXERCISE = 10
MINUTES_PER_DISCUSSION = 12
TITLE = re.compile(r"^### Exercise \d+( \(discussion\))?:", re.M)
STATED = re.compile(r"\*\*Estimated time:\*\*\s*(\d+)")


def parts(path: Path) -> dict:
    """What the yardstick counts in a notebook (solution cells left out)."""
    cells = [c for c in nbformat.read(path, as_version=4).cells if "solution" not in tags(c)]
    prose = [c.source for c in cells if c.cell_type == "markdown"]
    titles = [m for text in prose for m in TITLE.finditer(text)]
    return {
        "words": sum(len(re.findall(r"\w+", text)) for text in prose),
        "outputs": sum(1 for c in cells if c.cell_type == "code" for o in c.get("outputs", [])
                       if o.get("output_type") in ("display_data", "execute_result")),
        "coded": sum(1 for m in titles if not m[1]),
        "discussion": sum(1 for m in titles if m[1]),
    }


def minutes(path: Path) -> float:
    """The yardstick's time for a notebook, in minutes (not rounded)."""
    p = parts(path)
    return (p["words"] / WORDS_PER_MINUTE + MINUTES_PER_OUTPUT * p["outputs"]
            + MINUTES_PER_CODED_EXERCISE * p["coded"] + MINUTES_PER_DISCUSSION * p["discussion"])


def stated(path: Path) -> int:
    """The time the notebook states in its opening cells."""
    for cell in nbformat.read(path, as_version=4).cells:
        m = STATED.search(cell.source)
        if m:
            return int(m[1])
    raise ValueError(f"{path.name}: no '**Estimated time:** N minutes' line")


def rounded(value: float) -> int:
    """Up to the next 5 minutes."""
    return 5 * math.ceil(value / 5)


def main() -> int:
    print(f"{'notebook':<34}{'words':>6}{'shown':>6}{'coded':>6}{'disc.':>6}"
          f"{'yardstick':>10}{'stated':>7}")
    for path in notebooks():
        p = parts(path)
        print(f"{path.name:<34}{p['words']:>6}{p['outputs']:>6}{p['coded']:>6}"
              f"{p['discussion']:>6}{rounded(minutes(path)):>10}{stated(path):>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
