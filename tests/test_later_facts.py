"""The later facts of the epilogue (checked to April 2026): events_after_2015 and
oil_output_after_2020 load through helpers.data with the rules their descriptor states, keep
their confidence, and keep the later oil series apart from BP's."""

from __future__ import annotations

import pytest

from helpers import DataError, energy, load, scorecard


@pytest.fixture(scope="module")
def events():
    return load("events_after_2015")


def test_every_event_has_a_source_and_a_confidence(events):
    assert events["source"].notna().all()
    assert set(events["confidence"].astype(str)) == {"confirmed", "single-source", "disputed"}
    # each ends after the article (one period, the liquids finds of 2010-2020, starts before it)
    assert (events["date_end"].fillna(events["date"]) > "2015-01-01").all()


def test_the_disputes_the_issue_names_are_graded_disputed(events):
    ev = events.set_index("id")
    for key in ("nakhchivan_responsibility_dispute_2026", "turkey_denies_btc_to_israel_2024",
                "peak_year_dispute"):
        assert ev.loc[key, "confidence"] == "disputed", key
    # the Nakhchivan row states both sides: Baku's reading and Iran's denial
    text = ev.loc["nakhchivan_responsibility_dispute_2026", "event_en"]
    assert "denied" in text and "admission" in text


def test_a_percentage_over_100_is_refused(edited_data):
    edited_data("external/events_after_2015.csv", {"id": "socar_tamar_stake_2025"}, "value",
                "110")
    with pytest.raises(DataError, match="socar_tamar_stake_2025|0 to 100|percent"):
        load("events_after_2015")


def test_an_end_before_its_start_is_refused(edited_data):
    edited_data("external/events_after_2015.csv", {"id": "israel_iran_war_2025"}, "date_end",
                "2025-06-01")
    with pytest.raises(DataError, match="date_end"):
        load("events_after_2015")


def test_a_date_after_the_cut_off_is_refused(edited_data):
    edited_data("external/events_after_2015.csv", {"id": "us_iran_ceasefire_2026"}, "date_end",
                "2026-05-02")
    with pytest.raises(DataError, match="date_end"):
        load("events_after_2015")


def test_an_unknown_confidence_is_refused(edited_data):
    edited_data("external/oil_output_after_2020.csv", {"id": "national_2025"}, "confidence",
                "probable")
    with pytest.raises(DataError, match="confidence"):
        load("oil_output_after_2020")


def test_the_national_series_is_its_own():
    national = scorecard.later_output("national")
    assert list(national.columns) == ["mt", "source", "confidence"]
    assert national.index.min() == 2010 and national.index.max() == 2025
    bp = energy.production()
    assert bp.index.max() == 2020, "BP stops in 2020; nothing is spliced onto it"
    # the two series differ where they overlap: a difference of definition, shown, not merged
    assert national.loc[2020, "mt"] != bp.loc[2020, "mt"]
    assert national.loc[2010, "mt"] != bp.loc[2010, "mt"]
    eia = scorecard.later_output("eia")
    assert list(eia.columns) == ["kbd", "source", "confidence"] and eia.index.min() == 2021


def test_2025_against_2010():
    national = scorecard.later_output("national")
    share = scorecard.share_of(2025, 2010)
    assert share == pytest.approx(100 * national.loc[2025, "mt"] / national.loc[2010, "mt"])
    assert 0 < share < 100
    with pytest.raises(ValueError, match="no national figure for 2015"):
        scorecard.share_of(2015, 2010)
    with pytest.raises(ValueError, match="no series"):
        scorecard.later_output("bp")


def test_confidence_is_said_where_a_fact_is_shown(events):
    shown = scorecard.with_confidence(events.set_index("id"))
    ev = events.set_index("id")
    for key, text in shown.items():
        grade = ev.loc[key, "confidence"]
        assert ("(reported by " in text) == (grade == "single-source"), key
        assert text.startswith("Disputed: ") == (grade == "disputed"), key
