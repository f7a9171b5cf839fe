"""The outside figures in data/ match the checked files they were taken from, in
../shared/facts (skips with the reason where that folder is not beside the project):

- the BP oil series (external/oil_production.csv) against the BP 2021 extract, year by year,
  and its proved reserves against what the facts list says of them;
- the places (geo/places.csv and its committed copy of the GeoNames extract) against the
  GeoNames extract;
- every number and every dated day of the rows taken from the checked-facts list (the BTC
  pipeline, SIPRI's shares, the territory figures, the border lengths, the published oil-share
  estimates, the events after 2015) against the list itself;
- every row taken from the checked later-events file (events-2015-2026.csv: the rows of
  events_after_2015 with a ``fact_id``, and all of oil_output_after_2020) against its row there:
  the same dates, confidence, first page and number, and no fact of that file left out.
"""

from __future__ import annotations

import calendar
import csv
import re

import pandas as pd
import pytest

from conftest import ROOT
from helpers import data

FACTS = ROOT.parent / "shared" / "facts"


@pytest.fixture(scope="module")
def facts():
    if not (FACTS / "README.md").is_file():
        pytest.skip("the checked facts (../shared/facts) are not beside the project; the "
                    "outside figures cannot be compared with their sources")
    return FACTS


def _csv(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_oil_series_matches_the_bp_extract_year_by_year(facts):
    bp = {int(r["year"]): r for r in _csv(facts / "azerbaijan-oil-production-bp2021.csv")}
    ours = {int(r["year"]): r for r in _csv(ROOT / "data" / "external" / "oil_production.csv")}
    assert sorted(ours) == sorted(bp), "the same years as the BP extract"
    for year, row in ours.items():
        for field in ("oil_production_kbd", "oil_production_mt"):
            assert float(row[field]) == float(bp[year][field]), \
                f"oil_production.csv, {year}, field '{field}': {row[field]}, BP {bp[year][field]}"


def test_oil_reserves_are_the_ones_the_facts_list_gives(facts):
    text = re.sub(r"\s+", " ", (facts / "README.md").read_text(encoding="utf-8"))
    m = re.search(r"proved oil reserves as ([\d.]+) thousand million barrels for every year "
                  r"(\d{4})–(\d{4}) \(([\d.]+) in (\d{4})–(\d{4})\)", text)
    assert m, "the facts list states the BP reserves as this test reads them"
    expected = {y: float(m[1]) for y in range(int(m[2]), int(m[3]) + 1)}
    expected |= {y: float(m[4]) for y in range(int(m[5]), int(m[6]) + 1)}
    oil = data.load("oil_production").set_index("year")["proved_reserves_bn_bbl"]
    given = {int(y): float(v) for y, v in oil.items() if not pd.isna(v)}
    assert given == expected


def test_places_match_the_geonames_extract(facts):
    source = (facts / "places-geonames.csv").read_bytes()
    assert (ROOT / "data" / "geo" / "places-geonames.csv").read_bytes() == source, \
        "data/geo/places-geonames.csv is a verbatim copy of the GeoNames extract"
    names = {r["name"]: r for r in _csv(facts / "places-geonames.csv")}
    for r in _csv(ROOT / "data" / "geo" / "places.csv"):
        if r["source"] != "GeoNames":
            continue
        g = names.get(r["name"])
        assert g, f"places.csv: {r['name']} is not in the GeoNames extract"
        for field in ("lat", "lon"):
            assert float(r[field]) == float(g[field]), f"places.csv, {r['name']}, field '{field}'"
        for field in ("geonameid", "country_iso2", "alt_names"):
            assert r[field] == g[field], f"places.csv, {r['name']}, field '{field}'"


#: Tables taken from the checked-facts list, and the fields whose numbers it gives. Rows that
#: quote the article (a page) are checked against the article instead (test_quote_numbers).
FROM_FACTS = {
    "btc_pipeline": ["value"],
    "sipri_arms": ["value", "period_start", "period_end"],
    "territory_share_estimates": ["value"],
    "border_lengths": ["length_km"],
    "oil_share_estimates": ["share_low", "share_high", "year"],
    "events_after_2015": ["value"],
}


def _numbers(text: str) -> set[float]:
    return {float(n.replace(",", "")) for n in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", text)}


def _dated(text: str, date: pd.Timestamp) -> bool:
    """The day written in the list: '28 May 2006', '2–5 April 2016' (its first day),
    '27 September – 10 November 2020'."""
    month = calendar.month_name[date.month]
    return bool(re.search(rf"(?<!\d){date.day}(?:–\d{{1,2}})? {month}\b(?: – [^.;]*?)? "
                          rf"{date.year}\b", text))


def _from_facts():
    for name, fields in FROM_FACTS.items():
        df = data.load(name)
        for _, row in df.iterrows():
            if "page" in df and not pd.isna(row["page"]):
                continue
            if "fact_id" in df and not pd.isna(row["fact_id"]):
                continue  # checked against the later-events file below
            yield pytest.param(name, row, fields, id=f"{name}-{row['id']}")


@pytest.mark.parametrize("name,row,fields", list(_from_facts()))
def test_a_checked_rows_numbers_and_days_stand_in_the_facts_list(facts, name, row, fields):
    text = re.sub(r"\s+", " ", (facts / "README.md").read_text(encoding="utf-8"))
    numbers = _numbers(text)
    for field in fields:
        if not pd.isna(row[field]):
            assert float(row[field]) in numbers, \
                f"{name}, {row['id']}, field '{field}': {row[field]:g} is not in the facts list"
    for field in ("date", "date_end"):
        if field in row and not pd.isna(row[field]) and row.get("date_precision") == "day":
            assert _dated(text, pd.Timestamp(row[field])), \
                f"{name}, {row['id']}, field '{field}': {row[field]:%d %B %Y} is not in the list"


def test_a_transposed_digit_is_caught():
    assert _numbers("1,768 km in all (443 km in Azerbaijan") >= {1768.0, 443.0}
    assert 434.0 not in _numbers("1,768 km in all (443 km in Azerbaijan")
    text = "First oil reached Ceyhan on 28 May 2006; the war of 2–5 April 2016"
    assert _dated(text, pd.Timestamp("2006-05-28")) and _dated(text, pd.Timestamp("2016-04-02"))
    assert not _dated(text, pd.Timestamp("2006-05-29"))
    assert _dated(text, pd.Timestamp("2016-04-05"))  # the last day of a range
    assert not _dated(text, pd.Timestamp("2016-04-06"))


# --- the later-events file (checked to April 2026) ------------------------------------------

LATER = "events-2015-2026.csv"


@pytest.fixture(scope="module")
def later(facts):
    return {r["id"]: r for r in _csv(facts / LATER)}


def _taken_rows():
    events = data.load("events_after_2015")
    for _, row in events[events["fact_id"].notna()].iterrows():
        yield pytest.param("events_after_2015", row, id=f"events-{row['id']}")
    for _, row in data.load("oil_output_after_2020").iterrows():
        yield pytest.param("oil_output_after_2020", row, id=f"oil-{row['id']}")


def _day(value) -> str:
    return "" if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d}"


@pytest.mark.parametrize("name,row", list(_taken_rows()))
def test_a_row_from_the_later_events_file_is_its_row_there(later, name, row):
    fact = later.get(row["fact_id"])
    assert fact, f"{name}, {row['id']}: no row {row['fact_id']!r} in {LATER}"
    pages = fact["source_url"].split(" | ")
    if name == "oil_output_after_2020" and row["fact_id"] == "peak_year_dispute":
        assert row["source_url"] in pages, f"{row['id']}: one of the dispute row's pages"
        # the 2010 and 2011 national figures, given inside the text of the dispute row
        assert f"{row['value']:g} million tons" in fact["excerpt"], row["id"]
        assert row["confidence"] == "single-source", "one page (Panorama.am) gives the figure"
        return
    assert row["source_url"] == pages[0], f"{name}, {row['id']}: the first page named"
    assert row["confidence"] == fact["confidence"], f"{name}, {row['id']}: confidence"
    if name == "events_after_2015":
        assert row["id"] == row["fact_id"]
        assert _day(row["date"]) == fact["date"] or (
            row["date_precision"] == "month" and _day(row["date"]) == fact["date"][:8] + "01"), \
            f"{row['id']}: date {_day(row['date'])}, file {fact['date']}"
        assert _day(row["date_end"]) == fact["date_end"], f"{row['id']}: date_end"
        assert row["date_precision"] == fact["date_precision"], f"{row['id']}: precision"
        assert row["event_en"] == fact["fact_en"], f"{row['id']}: the fact as the file states it"
    else:
        assert int(row["year"]) == int(fact["date"][:4]) and fact["unit"] == row["unit"]
    if not pd.isna(row["value"]):
        assert float(row["value"]) == float(fact["value"]), f"{name}, {row['id']}: value"


def test_every_later_fact_is_taken(later):
    taken = set(data.load("events_after_2015")["fact_id"].dropna())
    taken |= set(data.load("oil_output_after_2020")["fact_id"])
    assert set(later) - taken == set(), "facts of the later-events file not in data/external"


def test_nothing_later_than_the_cut_off():
    """Checked to April 2026: no event, and no end of one, after it."""
    events = data.load("events_after_2015")
    last = pd.concat([events["date"], events["date_end"]]).max()
    assert last <= pd.Timestamp("2026-04-30")
    assert "checked to April 2026" in data.resource("events_after_2015")["description"]
    assert "Checked to April 2026" in data.resource("oil_output_after_2020")["description"]
