"""A number in a row that quotes the article stands in the row's own quote: a value edited
away from its words (an oil share of 45 beside «ההערכות הן ש־40%...») is caught.

The numbers of a quote are its digits ("200,000", "1.6", "ב־2012", "כ־16%", "1921-1920"),
the number words the quotes use (שני/שתי 2, כחמישית a fifth = 20%), the decades written out
(בשנות התשעים: 1990–1999) and the months named before a year ("במאי 2009"). Every number
field of a table that quotes the article is either one of the article's numbers (checked
here) or says what else it is (NOT_QUOTED); the rows whose quote stops short of their number
are listed in EXCEPTIONS with the reason, and the reason is checked against the article.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import data, sources

#: The article's own numbers: each must stand in the row's quote.
VALUES = {"value", "value_usd_bn", "share_pct", "people", "share_low", "share_high",
          "vote_share"}
DATES = {"date": "date_precision", "date_end": "date_precision",
         "start_date": "start_date_precision"}
DECADES = {"start_decade", "end_decade"}
#: Number fields that are not numbers the quote gives, and what they are instead.
NOT_QUOTED = {
    "page": "where the quote stands", "lesson_page": "where the lesson quote stands",
    "note": "the footnote the sentence ends with (test_provenance checks it)",
    "checked_date": "a date checked in outside sources", "checked_date_end": "the same",
    "alt_checked_date": "a second such date, where the outside sources disagree",
    "alt_checked_date_end": "the same",
    "level": "our coding of the article's wording", "sign": "our coding of a tie",
    "order": "the order of the points", "x": "layout of the argument map", "y": "the same",
    "volume": "the journal's masthead, not a quote", "issue": "the same",
    "first_page": "the same", "last_page": "the same", "last_note": "the same",
    "year": "when an estimate was published", "month": "the same",
}
NUMBER_TYPES = {"integer", "number", "date", "year", "datetime", "yearmonth"}

#: (table, row id) → why the row's number is not in its quote. Checked below: the number
#: follows the quote in the article.
EXCEPTIONS = {
    ("figures", "oil_exhaustion_year"): "in the extraction the year is run together with note "
                                        "40 ('בשנת 40.2025'), so the quote stops before it",
    ("weaknesses", "oil_exhausted_2025"): "the same sentence as figures/oil_exhaustion_year",
}

MONTHS = {"ינואר": 1, "פברואר": 2, "מרץ": 3, "מארס": 3, "אפריל": 4, "מאי": 5, "יוני": 6,
          "יולי": 7, "אוגוסט": 8, "ספטמבר": 9, "אוקטובר": 10, "נובמבר": 11, "דצמבר": 12}
WORDS = {"שני": 2.0, "שתי": 2.0, "חמישית": 20.0}  # "about a fifth" is stored as 20 (%)
DECADE_WORDS = {"התשעים": 1990, "האלפיים": 2000}  # בשנות התשעים: in the nineties
PREFIX = "(?:[ובהלמכש]{0,3}[-־]?)"  # Hebrew prefixes glued to a word or number: וב־, כ־, מ


def quote_numbers(quote: str) -> set[float]:
    """The numbers a quote gives, in digits or in the words the quotes use.

    >>> sorted(quote_numbers("ש־200,000 ארמנים, כ־16% ו־1.6 מיליארד ב־1921-1920"))
    [1.6, 16.0, 1920.0, 1921.0, 200000.0]
    >>> sorted(quote_numbers("לאחר יותר משני עשורים, כחמישית, בשנות התשעים"))
    [2.0, 20.0, 1990.0, 1999.0]
    """
    q = sources.fold(quote)
    found = {float(m.replace(",", "")) for m in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", q)}
    for word, value in WORDS.items():
        if re.search(rf"(?<![\u05d0-\u05ea]){PREFIX}{word}(?![\u05d0-\u05ea])", q):
            found.add(value)
    for word, start in DECADE_WORDS.items():
        if re.search(rf"שנות {word}", q):
            found |= {float(start), float(start + 9)}
    return found


def month_years(quote: str) -> set[tuple[int, int]]:
    """The (month, year) pairs a quote names: 'במאי 2009' → (5, 2009).

    >>> sorted(month_years("(פברואר 2010, אפריל 2012"))
    [(2, 2010), (4, 2012)]
    """
    q = sources.fold(quote)
    pairs = set()
    for word, month in MONTHS.items():
        for m in re.finditer(rf"(?<![\u05d0-\u05ea]){PREFIX}{word} (\d{{4}})", q):
            pairs.add((month, int(m[1])))
    return pairs


def _quoted_tables():
    for name in data.names():
        fields = data.resource(name).get("schema", {}).get("fields", [])
        if any(f["name"] == "quote_he" for f in fields):
            yield name, fields


TABLES = list(_quoted_tables())


def _rows():
    for name, fields in TABLES:
        df = data.load(name)
        numbered = [f["name"] for f in fields if f["name"] in VALUES | set(DATES) | DECADES]
        for _, row in df.iterrows():
            if not pd.isna(row["quote_he"]) and any(not pd.isna(row[c]) for c in numbered):
                yield pytest.param(name, str(row.iloc[0]), row, numbered,
                                   id=f"{name}-{row.iloc[0]}")


ROWS = list(_rows())


def test_every_number_field_of_a_quoted_table_is_classified():
    for name, fields in TABLES:
        for f in fields:
            if f["type"] in NUMBER_TYPES:
                assert f["name"] in VALUES | set(DATES) | DECADES | set(NOT_QUOTED), \
                    f"{name}.{f['name']}: is it one of the article's numbers? Classify it here"


def test_many_rows_give_numbers_with_their_quotes():
    assert len(ROWS) > 50


def _problems(name, row, numbered) -> list[str]:
    quote = row["quote_he"]
    numbers = quote_numbers(quote)
    pairs = month_years(quote)
    out = []
    for col in numbered:
        value = row[col]
        if pd.isna(value):
            continue
        if col in VALUES:
            if not any(abs(float(value) - n) < 1e-9 for n in numbers):
                out.append(f"{col} {value:g} is not in the quote")
        elif col in DECADES:
            if not any(n // 10 * 10 == value for n in numbers if n >= 1000):
                out.append(f"{col} {value} is not the decade of a year in the quote")
        else:
            date = pd.Timestamp(value)
            if float(date.year) not in numbers:
                out.append(f"{col}: the year {date.year} is not in the quote")
            elif row.get(DATES[col]) == "month" and col != "date_end":
                if pairs and (date.month, date.year) not in pairs:
                    out.append(f"{col}: the month {date:%B %Y} is not the one the quote names")
                elif not pairs:
                    out.append(f"{col}: a month-precise date whose quote names no month")
            elif row.get(DATES[col]) == "day" and float(date.day) not in numbers:
                out.append(f"{col}: the day {date.day} is not in the quote")
    return out


@pytest.mark.parametrize("name,row_id,row,numbered", ROWS)
def test_a_rows_numbers_stand_in_its_quote(name, row_id, row, numbered):
    problems = _problems(name, row, numbered)
    if (name, row_id) in EXCEPTIONS:
        assert problems, f"{name}/{row_id} is listed as an exception but needs none"
        return
    assert not problems, f"{name} row {row_id}: " + "; ".join(problems) + \
        f" (quote: {row['quote_he']})"


@pytest.mark.parametrize("key", sorted(EXCEPTIONS), ids="/".join)
def test_an_exceptions_number_follows_its_quote_in_the_article(article_pages, key):
    """Each listed row's number is the one the article gives right after the quote."""
    name, row_id = key
    row = data.load(name).set_index("id").loc[row_id]
    value = row["value"] if "value" in row and not pd.isna(row.get("value")) else \
        pd.Timestamp(row["date"]).year
    q = sources.fold(row["quote_he"])
    [page] = sources.find_quote(q, article_pages)
    after = article_pages[page][article_pages[page].find(q) + len(q):][:12]
    assert re.search(rf"(?<!\d){int(value)}(?!\d)", after), \
        f"{name}/{row_id}: {int(value)} does not follow the quote ({after!r})"


def test_an_edited_value_is_caught():
    """The oil share edited from 40 to 45 while the quote keeps its 40: caught."""
    row = data.load("figures").set_index("id").loc["oil_share_israel"].copy()
    assert not _problems("figures", row, ["value"])
    row["value"] = 45.0
    assert _problems("figures", row, ["value"]) == ["value 45 is not in the quote"]
    visit = data.load("visits").set_index("id").loc["lieberman_2012"].copy()
    visit["date"] = pd.Timestamp("2012-02-01")  # the quote pairs February with 2010
    assert _problems("visits", visit, ["date"])
