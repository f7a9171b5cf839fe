"""Every quote in the data stands in the article, on the page its row claims.

Reads the article from ../shared/source (skips with a reason where it is absent). Quotes are
compared after the folding rules of the reading guide (helpers.sources.fold).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import data, sources

QUOTE_COLUMNS = {"quote_he": "page", "lesson_quote_he": "lesson_page", "term_he": "page"}


def _quoted_rows():
    for name in data.names():
        df = data.load(name)
        for quote_col, page_col in QUOTE_COLUMNS.items():
            if quote_col in df and page_col in df:
                for i, row in df.iterrows():
                    if not pd.isna(row[quote_col]):
                        yield pytest.param(name, i + 1, row[quote_col], int(row[page_col]),
                                           id=f"{name}-{row.iloc[0]}-{quote_col}")


QUOTED = list(_quoted_rows())


def test_there_are_many_quotes():
    assert len(QUOTED) > 100


@pytest.mark.parametrize("table,row,quote,page", QUOTED)
def test_quote_is_on_its_page(article_pages, table, row, quote, page):
    found = sources.find_quote(quote, article_pages)
    assert found, f"{table} row {row}: quote not in the article: {quote}"
    assert page in found, f"{table} row {row}: quote is on p. {found}, not p. {page}"


def test_quotes_are_short():
    for param in QUOTED:
        table, row, quote, _ = param.values
        assert len(quote.split()) <= 20, f"{table} row {row}: a quote is a sentence at most"


def test_article_value_is_kept_beside_its_correction():
    """The Peres visit: the article says May 2009 (p. 62); reports put it in late June 2009 (28–29 or 29–30 June by source)."""
    visits = data.load("visits").set_index("id")
    peres = visits.loc["peres_2009"]
    assert (peres["date"].year, peres["date"].month) == (2009, 5)
    assert (peres["checked_date"].year, peres["checked_date"].month) == (2009, 6)
    assert "Jerusalem Post" in peres["checked_source"]


def test_rows_with_numbers_or_dates_carry_quotes():
    """In the article's tables, every row with a date or a value has a quote, unless its remark
    says why not (the reversed abstract of p. 61)."""
    for name in data.names():
        res = data.resource(name)
        if not res["path"].startswith("article/"):
            continue
        df = data.load(name)
        if "quote_he" not in df:
            continue
        numeric = [c for c in ("date", "value", "value_usd_bn", "people") if c in df]
        for i, row in df.iterrows():
            if any(not pd.isna(row[c]) for c in numeric) and pd.isna(row["quote_he"]):
                remark = row.get("remark", "")
                assert not pd.isna(remark) and remark, f"{name} row {i + 1}: a number without a quote"


def _noted_rows():
    for name in data.names():
        df = data.load(name)
        if "note" in df and "page" in df:
            for i, row in df.iterrows():
                if not pd.isna(row["note"]) and not pd.isna(row["page"]):
                    quote = row.get("quote_he")
                    yield pytest.param(name, i + 1, int(row["page"]), int(row["note"]),
                                       None if pd.isna(quote) else quote,
                                       id=f"{name}-{row.iloc[0]}")


NOTED = list(_noted_rows())


def test_many_rows_cite_a_note():
    assert len(NOTED) > 60


@pytest.fixture(scope="module")
def note_positions(article_pages):
    return sources.note_positions(article_pages)


@pytest.mark.parametrize("table,row,page,note,quote", NOTED)
def test_a_rows_note_stands_on_the_rows_page(article_pages, note_positions, table, row, page,
                                            note, quote):
    """A footnote number stands glued to the end of a sentence on the row's page; or on the
    next page, when the sentence that holds the row's quote runs over the page break and ends
    with the note there (no sentence ends between the quote and the note)."""
    note_page, offset = note_positions[note]
    if note_page == page:
        return
    assert note_page == page + 1 and quote, \
        f"{table} row {row}: note {note} stands on p. {note_page}, not on p. {page}"
    text = article_pages[page]
    end = text.find(sources.fold(quote)) + len(sources.fold(quote))
    between = text[end:] + " " + article_pages[note_page][:offset]
    assert not re.search(r"[.?!]\s", between), \
        (f"{table} row {row}: note {note} stands on p. {note_page}, after the sentence of the "
         f"row's quote (p. {page}) has ended")
