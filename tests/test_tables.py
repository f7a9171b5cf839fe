"""Tables shown for reading (helpers.table): each rule of the helper, and every table stored
in the notebooks' outputs held to the same rules.

The scan of the stored outputs (:func:`problems`) is itself tested on a table as pandas
writes it, which breaks every rule, so that a scan that finds nothing cannot pass unnoticed.
"""

from __future__ import annotations

import html
import re

import nbformat
import numpy as np
import pandas as pd
import pytest

from conftest import NOTEBOOKS
from helpers import DataError, hebrew
from helpers.tables import column_titles, table

IDS = [p.stem for p in NOTEBOOKS]


# --- what a table's HTML must not hold ----------------------------------------------------

CELL = re.compile(r"<(t[hd])\b([^>]*)>(.*?)</\1>", re.S)
TAG = re.compile(r"<[^>]+>")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]00:00:00)?")
MISSING_WORDS = re.compile(r"<NA>|\bNaT\b|\bNaN\b|\bnan\b")
RAW_NAME = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$|_(?:en|he)\b")


def problems(page: str) -> list[str]:
    """What is wrong with one stored HTML table, for a reader: each finding as a line."""
    found = []
    head = re.search(r"<thead>(.*?)</thead>", page, re.S)
    heads = [html.unescape(TAG.sub("", c[2])).strip() for c in CELL.findall(head[1])] if head else []
    for tag, _attrs, inner in CELL.findall(page):
        text = html.unescape(TAG.sub("", inner))
        if tag == "th" and not text.strip():
            found.append("an empty <th>")
        if "\n" in text or "\\n" in text:
            found.append(f"a line break in a cell: {text[:40]!r}")
        if MISSING_WORDS.search(text) or text.strip() == "None":
            found.append(f"a missing value written as {text.strip()[:40]!r}")
        if text.strip() in ("True", "False"):
            found.append(f"a truth value written as {text.strip()!r}, not yes or no")
        if ISO_DATE.fullmatch(text.strip()):
            found.append(f"a date written as {text.strip()!r}, not at its precision")
    found += [f"a raw column name in a header: {h!r}" for h in heads if RAW_NAME.search(h)]
    if head is None:
        found.append("no <thead>")
    if 'class="azil-table' not in page:
        found.append("not shown with helpers.table")
    return found


def stored_tables(path):
    for cell in nbformat.read(path, as_version=4).cells:
        for out in cell.get("outputs", []):
            page = out.get("data", {}).get("text/html")
            if page:
                yield cell.id, page if isinstance(page, str) else "".join(page)


def test_the_scan_finds_every_fault_of_a_raw_pandas_table():
    raw = pd.DataFrame({"person_en": ["Peres\nMay 2009", None],
                        "date": pd.to_datetime(["1993-01-01", None]),
                        "page": pd.array([62, None], dtype="Int64"), "share": [0.5, np.nan],
                        "kind": ["claim", str(None)],  # a value turned to text unchecked
                        "snap": [True, False]})
    found = "\n".join(problems(raw.to_html()))
    for expected in ["an empty <th>", "a line break", "'<NA>'", "'NaT'", "'NaN'", "'None'",
                     "'1993-01-01'", "'True'", "raw column name in a header: 'person_en'",
                     "not shown with helpers.table"]:
        assert expected in found, f"the scan missed {expected!r}:\n{found}"


def test_the_scan_passes_a_table_the_helper_shows():
    good = pd.DataFrame({"person_en": ["Peres\nMay 2009", None], "page": [62, 63],
                         "date": pd.to_datetime(["1993-01-01", "2009-05-01"]),
                         "date_precision": ["year", "month"]})
    assert problems(table(good, ["person_en", "date", "page"]).html) == []


def test_the_notebooks_show_tables():
    assert sum(1 for p in NOTEBOOKS for _ in stored_tables(p)) >= 50


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_stored_table_is_shown_for_reading(path):
    bad = [f"{cell}: {p}" for cell, page in stored_tables(path) for p in problems(page)]
    assert not bad, "\n".join(bad)


# --- the helper, rule by rule ---------------------------------------------------------------

def heads(t) -> list[str]:
    return list(t.cells.columns)


def test_headers_are_read_from_the_titles_table():
    titles = column_titles()
    frame = pd.DataFrame({"person_en": ["Shimon Peres"], "page": [62]})
    assert heads(table(frame)) == [titles["person_en"], titles["page"]] == ["Visitor", "Page"]


def test_an_edited_title_shows_in_the_header(edited_data):
    edited_data("model/column_titles.csv", {"column": "person_en"}, "title_en", "Guest (edited)")
    t = table(pd.DataFrame({"person_en": ["Shimon Peres"]}))
    assert heads(t) == ["Guest (edited)"]
    assert '<th scope="col">Guest (edited)</th>' in t.html


def test_a_raw_name_without_a_title_is_refused_and_a_computed_column_takes_its_own():
    frame = pd.DataFrame({"share_of_it": [0.5], "Share of it": [0.5]})
    with pytest.raises(DataError, match="column_titles.csv.*'share_of_it'"):
        table(frame)
    assert heads(table(frame, titles={"share_of_it": "Share"})) == ["Share", "Share of it"]


def test_a_field_of_the_data_without_a_title_is_refused(edited_data):
    from conftest import read_rows, write_rows
    from helpers import data

    path = data.DATA_DIR / "model" / "column_titles.csv"
    header, *rows = read_rows(path)
    write_rows(path, [header, *[r for r in rows if r[0] != "remark"]])
    with pytest.raises(DataError, match="'remark'"):
        table(pd.DataFrame({"remark": ["x"]}))


def test_the_frame_itself_is_not_changed():
    frame = pd.DataFrame({"from_code": ["IL"], "date": pd.to_datetime(["2009-05-01"]),
                          "date_precision": ["month"]}, index=[7])
    before = frame.copy()
    table(frame, ["from_code", "date"])
    pd.testing.assert_frame_equal(frame, before)


def test_a_row_number_index_is_left_out():
    frame = pd.DataFrame({"page": [62, 63, 64]}).iloc[[2, 0]]  # filtered: index 2, 0
    t = table(frame)
    assert heads(t) == ["Page"]
    assert "<th" not in t.html.split("<tbody>")[1]
    assert t.cells["Page"].tolist() == ["64", "62"]
    assert t.text.splitlines() == ["Page", "  64", "  62"]


def test_a_named_index_is_a_column_of_row_headers():
    frame = pd.DataFrame({"page": [62, 63]}, index=pd.Index(["a_1", "b_2"], name="id"))
    t = table(frame)
    assert heads(t) == ["ID", "Page"]
    assert '<th scope="row" style="text-align: left">a_1</th><td>62</td>' in t.html


def test_an_unnamed_label_index_needs_its_header():
    frame = pd.Series([140863.0, 61.0], index=["mainland", "small exclave"], name="km")
    with pytest.raises(DataError, match="index="):
        table(frame)
    assert heads(table(frame, index="Part")) == ["Part", "km"]
    assert heads(table(frame, index=False)) == ["km"]


def test_no_header_cell_is_empty_and_a_crosstab_names_both_variables():
    visits = pd.DataFrame({"from_code": ["IL", "IL", "AZ"], "to_code": ["AZ", "AZ", "IL"]})
    t = table(pd.crosstab(visits["from_code"], visits["to_code"], margins=True,
                          margins_name="total"))
    assert not re.search(r"<th[^>]*>\s*</th>", t.html)
    assert '<th scope="colgroup" colspan="3">To</th>' in t.html
    assert heads(t) == ["From", "AZ", "IL", "Total"]
    assert t.text.splitlines()[0] == "To →"


@pytest.mark.parametrize("value", [None, np.nan, pd.NA, pd.NaT, ""])
def test_a_missing_value_is_a_dash(value):
    t = table(pd.DataFrame({"remark": pd.Series(["text", value], dtype=object)}))
    assert t.cells["Remark"].tolist() == ["text", "—"]


def test_missing_values_of_every_type_are_dashes():
    frame = pd.DataFrame({"page": pd.array([62, None], dtype="Int64"),
                          "verified": pd.array([True, None], dtype="boolean"),
                          "value": [1.5, np.nan], "remark": pd.array(["x", None], dtype="string"),
                          "date": pd.to_datetime(["2009-05-01", None]),
                          "date_precision": ["month", None]})
    t = table(frame, ["page", "verified", "value", "remark", "date"])
    assert t.cells.iloc[1].tolist() == ["—"] * 5
    assert not MISSING_WORDS.search(t.html + t.text)
    assert t.cells["Verified"].iloc[0] == "yes"


def test_a_list_in_one_field_can_wrap():
    t = table(pd.DataFrame({"remark": ["embassy_attack_2023;diplomats_expelled_2023"]}))
    assert t.cells["Remark"].tolist() == ["embassy_attack_2023; diplomats_expelled_2023"]


def test_true_and_false_read_as_yes_and_no():
    t = table(pd.DataFrame({"verified": [True, False],
                            "snap": pd.array([True, None], dtype="boolean")}))
    assert t.cells["Verified"].tolist() == ["yes", "no"]
    assert t.cells["Snap election"].tolist() == ["yes", "—"]
    assert "True" not in t.html + t.text and "False" not in t.html + t.text


def test_dates_are_written_at_their_precision_row_by_row():
    frame = pd.DataFrame({
        "date": pd.to_datetime(["1993-01-01", "2009-05-01", "2009-06-28"]),
        "date_end": pd.to_datetime(["1994-12-31", None, "2009-06-29"]),
        "date_precision": ["year", "month", "day"],
        "checked_date": pd.to_datetime(["1993-08-29", None, None])})
    t = table(frame, ["date", "date_end", "checked_date"])
    assert t.cells["Date"].tolist() == ["1993", "May 2009", "28 Jun 2009"]
    assert t.cells["Until"].tolist() == ["1994", "—", "29 Jun 2009"]
    assert t.cells["Checked date"].tolist() == ["29 Aug 1993", "—", "—"]  # exact: a day
    assert not ISO_DATE.search(t.html)


def test_a_date_of_unknown_precision_is_refused_unless_given():
    frame = pd.DataFrame({"date": pd.to_datetime(["1993-01-01"])})
    with pytest.raises(DataError, match="precision"):
        table(frame)
    assert table(frame, dates={"date": "year"}).cells["Date"].tolist() == ["1993"]
    frame["date_precision"] = pd.Series([None], dtype="string")
    with pytest.raises(DataError, match="row 1 has no precision"):
        table(frame)


def test_no_line_break_in_a_cell_and_long_text_wraps():
    long = "A sentence of the article's argument, long enough to need more than one line."
    t = table(pd.DataFrame({"label": ["Peres\nMay 2009", "two\\nlines"], "remark": [long, "x"]}))
    assert t.cells["Label"].tolist() == ["Peres May 2009", "two lines"]
    cells = [html.unescape(TAG.sub("", c[2])) for c in CELL.findall(t.html)]
    assert not any("\n" in c or "\\n" in c for c in cells)
    assert f'white-space: normal; min-width: 18em">{html.escape(long, quote=False)}</td>' in t.html
    assert '<td class="azil-long" style=' in t.html  # print.css finds it by its class
    assert '<td style="text-align: left">x</td>' in t.html  # a short cell: as it is


def test_hebrew_runs_are_marked_right_to_left_with_the_one_pattern():
    mixed = "the article's word «שלום, עולם» (p. 62)"
    t = table(pd.DataFrame({"quote_he": ["ישראל–אזרבייג'ן, ארה\"ב"], "remark": [mixed]}))
    runs = [m[0] for m in hebrew.RUN.finditer(mixed)]
    assert runs == ["שלום, עולם"]
    assert f'<span lang="he" dir="rtl">{runs[0]}</span>' in t.html
    # the mostly Hebrew cell is right to left as a whole; the English cell is not
    assert re.search(r'<td dir="rtl"[^>]*><span lang="he" dir="rtl">ישראל–אזרבייג\'ן, ארה"ב'
                     r"</span></td>", t.html)
    assert '<td dir="rtl" style="text-align: right">' in t.html
    english = re.search(r"<td([^>]*)>the article", t.html)
    assert english and 'dir="rtl"' not in english[1]
    assert t.html.count('lang="he"') == 2


def test_the_html_is_the_same_on_every_run_and_has_no_ids():
    frame = pd.DataFrame({"label": ["<b>bold</b> & more"], "page": [62]})
    first, second = table(frame), table(frame)
    assert first.html == second.html and first.text == second.text
    assert not re.search(r"\bid=", first.html)
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in first.html  # text, never markup


def test_dollar_signs_in_a_table_are_not_maths():
    t = table(pd.DataFrame({"label": ["A US$1.6 bn deal", "US$4 bn in three years"]}))
    assert re.match(r'<div class="[^"]*\bmathjax_ignore\b', t.html)


def test_plain_text_is_a_readable_table():
    frame = pd.DataFrame({"person_en": ["Shimon Peres", "Moshe Ya'alon"], "page": [62, 62],
                          "value": [1.6, 4.0]})
    t = table(frame)
    assert repr(t) == str(t) == t.text
    assert t.text.splitlines() == ["Visitor        Page  Value",
                                   "Shimon Peres     62    1.6",
                                   "Moshe Ya'alon    62      4"]


def test_numbers_keep_the_decimals_they_need():
    t = table(pd.DataFrame({"value": [140863.0, 61.0], "rank": pd.array([2, None], dtype="Int64")}))
    assert t.cells["Value"].tolist() == ["140863", "61"]
    assert t.cells["Rank"].tolist() == ["2", "—"]
    # each value with its own decimals: a reported "about 86" beside 92.05 is not "86.00"
    t = table(pd.DataFrame({"value": [86.0, 92.05, None]}))
    assert t.cells["Value"].tolist() == ["86", "92.05", "—"]
