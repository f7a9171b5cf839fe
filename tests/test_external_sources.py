"""The outside figures in data/ match the checked files they were taken from, in
../shared/facts (skips with the reason where that folder is not beside the project):

- the BP oil series (external/oil_production.csv) against the BP 2021 extract, year by year,
  and its proved reserves against what the facts list says of them;
- the places (geo/places.csv and its committed copy of the GeoNames extract) against the
  GeoNames extract;
- every number and every dated day of the rows taken from the checked-facts list (the BTC
  pipeline, SIPRI's shares, the territory figures, the border lengths, the published oil-share
  estimates, the events after 2015) against the list itself.
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
