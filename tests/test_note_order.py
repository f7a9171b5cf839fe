"""A row's footnote is the note of the sentence its quote stands in.

The article glues each footnote number to the end of a sentence or a word (reading guide).
A row that quotes the article and gives a note must give one of the notes standing in the
quote's sentence (from the end of the sentence before the quote to the end of the sentence
the quote ends in, with the number glued after it, running over a page break if the
sentence does); where that sentence carries no note, the passage's note is the next one
after the quote. Catches a note moved to the next or previous one on the same page, which
the page test cannot see. Skips where ../shared/source is absent.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd
import pytest

from helpers import data, sources

# a full stop that ends a sentence: not one between the digits of a decimal number
SENTENCE_END = re.compile(r"\.(?!\d)|(?<!\d)\.(?=\d)|(?<=\d)\.(?=\d+\s)")


def _rows_with_quote_and_note():
    for name in data.names():
        df = data.load(name)
        if {"quote_he", "page", "note"} <= set(df):
            for i, row in df.iterrows():
                if not (pd.isna(row["quote_he"]) or pd.isna(row["note"])):
                    yield pytest.param(name, i + 1, row["quote_he"], int(row["page"]),
                                       int(row["note"]), id=f"{name}-{row.iloc[0]}")


ROWS = list(_rows_with_quote_and_note())


class Run(NamedTuple):
    """The folded article as one run of text, pages in order, with where each page starts
    and where each footnote number stands in the run."""

    text: str
    starts: dict[int, int]
    notes: dict[int, int]


def article_run(pages: dict[int, str]) -> Run:
    order = sorted(pages)
    starts, at = {}, 0
    for p in order:
        starts[p] = at
        at += len(pages[p]) + 1
    notes = {n: starts[p] + off for n, (p, off) in sources.note_positions(pages).items()}
    return Run(" ".join(pages[p] for p in order), starts, notes)


@pytest.fixture(scope="module")
def run(article_pages):
    return article_run(article_pages)


def sentence_notes(quote: str, page: int, run: Run) -> set[int]:
    """The notes a row quoting ``quote`` on ``page`` may give: those standing in the quote's
    sentence, else the first note after the quote."""
    text = run.text
    begin = text.find(sources.fold(quote), run.starts[page])
    assert begin >= 0, f"quote not found from p. {page}: {quote}"
    end = begin + len(sources.fold(quote))
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, begin)]
    lo = before[-1] if before else 0
    after = SENTENCE_END.search(text, max(end - 1, begin))
    hi = after.end() if after else len(text)
    hi += len(re.match(r"\d*", text[hi:]).group())  # the note glued after the full stop
    inside = {n for n, a in run.notes.items() if lo <= a <= hi}
    return inside or {min((n for n, a in run.notes.items() if a >= end), key=run.notes.get,
                          default=None)}


def test_there_are_rows_to_check():
    assert len(ROWS) > 100


@pytest.mark.parametrize("table,row,quote,page,note", ROWS)
def test_a_rows_note_stands_in_its_quotes_sentence(run, table, row, quote, page, note):
    notes = sentence_notes(quote, page, run)
    assert note in notes, (f"{table} row {row}, field note: n. {note} does not stand in the "
                           f"sentence of the row's quote on p. {page} (its notes: "
                           f"{sorted(notes) or 'none'})")


def test_a_neighbouring_note_is_refused(run):
    """The rule is strict enough to see a note moved by one (the arms estimate's n. 8 → 9)."""
    figures = data.load("figures").set_index("id")
    row = figures[figures["note"] == 8].iloc[0]
    notes = sentence_notes(row["quote_he"], int(row["page"]), run)
    assert 8 in notes and 9 not in notes
