"""Write the README's seminar plan from ``data/model/seminar_plan.csv``.

Each row of the plan is one part of a session: in class (with its minutes, the notebook
section it works through and the exercises it uses) or homework. The README's table of the
four sessions lies between the markers ``<!-- plan:start -->`` and ``<!-- plan:end -->``;
the session slide decks and handouts are made from the same rows.

    python tools/plan.py            # print the table
    python tools/plan.py --write    # update README.md
    python tools/plan.py --check    # exit 1 if README.md is out of date
"""

from __future__ import annotations

import re
import sys

import pandas as pd
from markers import cli, replace_between

from helpers import data
from nbrun import ROOT

README = ROOT / "README.md"
START, END = "<!-- plan:start -->", "<!-- plan:end -->"
#: Headings that name a part of every notebook rather than a section of its argument
GENERIC = ("Discussion questions", "Exercises")


def exercise_numbers(text) -> list[int]:
    """The exercise numbers a plan's ``exercises`` field (or an activity) names.

    >>> exercise_numbers("Exercises 1 and 3"), exercise_numbers("Exercises 1–2")
    ([1, 3], [1, 2])
    >>> exercise_numbers("Exercise 6 or 7"), exercise_numbers(None)
    ([6, 7], [])
    """
    if not isinstance(text, str):
        return []
    out: list[int] = []
    for a, b in re.findall(r"(\d+)(?:\s*[–-]\s*(\d+))?", text):
        out += list(range(int(a), int(b or a) + 1))
    return out


def where(row) -> str:
    """Where a part is in its notebook: "01 §3, Exercise 2", or the heading in quotes when the
    section has no number ("05, “The argument as a map”"), or just the notebook and exercise."""
    nb, section, exercises = row["notebook"], row["section"], row["exercises"]
    if pd.isna(section) or section in GENERIC:
        ref = nb
    elif m := re.match(r"(\d+)\.\s", section):
        ref = f"{nb} §{m[1]}"
    else:
        ref = f"{nb}, “{section}”"
    return ref if pd.isna(exercises) else f"{ref}, {exercises}"


def before(plan: pd.DataFrame, session: int) -> pd.DataFrame:
    """What was to be done before ``session``: the homework of the session before it (for
    session 1, the reading of session 0), in its order. The session's deck and its sheet
    both list it."""
    rows = plan[(plan["session"] == session - 1) & (plan["kind"] == "homework")]
    return rows.sort_values("part")


def sessions(plan: pd.DataFrame | None = None) -> list[dict]:
    """The plan as one dict per session: number, title, notebooks, class parts, homework."""
    plan = data.load("seminar_plan") if plan is None else plan
    out = []
    for number, rows in plan.sort_values(["session", "part"]).groupby("session", sort=True):
        taught = rows[rows["kind"] == "class"]
        out.append({
            "session": int(number), "title": rows["session_title"].iloc[0],
            "notebooks": list(dict.fromkeys(taught["notebook"])),
            "class": [r for _, r in taught.iterrows()],
            "homework": [r for _, r in rows[rows["kind"] == "homework"].iterrows()],
        })
    return out


def table(plan: pd.DataFrame | None = None) -> str:
    """The README's seminar table (and the line on what to read before session 1)."""
    lines = []
    for s in sessions(plan):
        if s["session"] == 0:
            reading = "; ".join(f"{r['activity_en']}" + ("" if pd.isna(r["minutes"])
                                                          else f" ({r['minutes']} min)")
                                for r in s["homework"])
            lines += [f"**{s['title']}:** {reading}.", "",
                      "| session | notebooks | in class (90 min) | homework |",
                      "|---|---|---|---|"]
            continue
        taught = "; ".join(f"{r['minutes']}′ {r['activity_en']} ({where(r)})" for r in s["class"])
        homework = "; ".join(r["activity_en"] for r in s["homework"])
        lines.append(f"| {s['session']}. {s['title']} | {', '.join(s['notebooks'])} | "
                     f"{taught} | {homework} |")
    return "\n".join(lines)


def updated(readme: str) -> str:
    return replace_between(readme, START, END, table(), name="README.md")


def main(argv: list[str]) -> int:
    return cli(argv, README, updated, table,
               stale="README.md's seminar plan is out of date with data/model/seminar_plan.csv: "
                     "run `make toc`")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
