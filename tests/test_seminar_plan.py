"""The seminar plan (data/model/seminar_plan.csv) holds together: each session's class parts
fill its 90 minutes, each part names a section and exercises its notebook has, and the README
shows the plan as the data hold it (tools/plan.py)."""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

import plan
from conftest import NOTEBOOKS, ROOT
from helpers import data

SESSION_MINUTES = 90


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    return data.load("seminar_plan")


def headings(number: str) -> tuple[set[str], set[int]]:
    """A notebook's headings (without #) and the numbers of its exercises."""
    [path] = [p for p in NOTEBOOKS if p.name.startswith(number)]
    found, exercises = set(), set()
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if m := re.match(r"#+\s+(.*?)\s*$", line):
                found.add(m[1])
                if e := re.match(r"Exercise (\d+)\b", m[1]):
                    exercises.add(int(e[1]))
    return found, exercises


def test_each_session_fills_its_minutes(rows):
    taught = rows[rows["kind"] == "class"]
    for session, part in taught.groupby("session"):
        assert part["minutes"].notna().all(), f"session {session}: a class part without minutes"
        assert part["minutes"].sum() == SESSION_MINUTES, \
            f"session {session}: class parts add up to {part['minutes'].sum()} min, not 90"
    assert sorted(taught["session"].unique()) == [1, 2, 3, 4]


def test_parts_are_numbered_in_order_and_titles_agree(rows):
    for session, part in rows.groupby("session"):
        assert sorted(part["part"]) == list(range(1, len(part) + 1)), f"session {session}"
        assert part["session_title"].nunique() == 1, f"session {session}: two titles"


def test_each_part_names_a_section_and_exercises_its_notebook_has(rows):
    for _, r in rows.iterrows():
        found, exercises = headings(r["notebook"])
        where = f"seminar_plan.csv, session {r['session']} part {r['part']}"
        if r["kind"] == "class":
            assert r["section"] in found, f"{where}: notebook {r['notebook']} has no heading " \
                                          f"{r['section']!r}"
        missing = set(plan.exercise_numbers(r["exercises"])) - exercises
        assert not missing, f"{where}: notebook {r['notebook']} has no exercise {sorted(missing)}"


def test_a_misnamed_section_is_caught(rows):
    found, _ = headings("01")
    assert "1. The question, and an iceberg (pp. 61–62)" in found
    assert "1. The question and an iceberg (pp. 61–62)" not in found


def test_readme_shows_the_plan():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert plan.updated(text) == text, "README's seminar plan is out of date: run `make toc`"


def test_the_table_follows_an_edit_of_the_data(rows):
    edited = rows.copy()
    edited.loc[(edited["session"] == 1) & (edited["part"] == 1), "activity_en"] = "Changed"
    table = plan.table(edited)
    assert "15′ Changed (01 §1)" in table and table != plan.table(rows)


def test_where_a_part_is():
    row = {"notebook": "05", "section": "The argument as a map", "exercises": "Exercise 2"}
    assert plan.where(row) == "05, “The argument as a map”, Exercise 2"
    assert plan.where({**row, "section": "3. Energy dependence"}) == "05 §3, Exercise 2"
    assert plan.where({**row, "section": "Exercises", "exercises": pd.NA}) == "05"
