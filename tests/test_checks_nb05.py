import pandas as pd
import pytest

from helpers.data import load
from helpers.argument import behind, load_graph, pages_behind
from helpers.checks import nb05
from helpers.errors import DataError


def test_pressures_behind_doubts(capsys):
    right = sorted(behind(load_graph(), "doubts_stability", kind="counter_pressure"))
    assert nb05.check_pressures_behind_doubts(right)
    assert nb05.check_pressures_behind_doubts(set(right))
    assert not nb05.check_pressures_behind_doubts(right[:1])
    assert not nb05.check_pressures_behind_doubts(right + ["neighbours"])
    assert not nb05.check_pressures_behind_doubts(...)
    out = capsys.readouterr().out
    assert "missing" in out and "should not be there" in out and "Not answered yet" in out
    assert "energy_future" not in out and "regime_dependence" not in out, "never the answer"


def test_pages_behind_gains(capsys):
    right = pages_behind(load_graph(), "gains_justify_risk")
    assert nb05.check_pages_behind_gains(right)
    assert not nb05.check_pages_behind_gains(right + [68])
    assert nb05.check_pages_behind_gains([str(p) for p in right])  # pages as text: the same
    assert not nb05.check_pages_behind_gains("63")
    assert not nb05.check_pages_behind_gains(...)
    assert "Not answered yet" in capsys.readouterr().out


def test_change_of_government(capsys):
    assert nb05.check_change_of_government("turkey")
    assert not nb05.check_change_of_government("iran")
    assert not nb05.check_change_of_government("Turkey")
    assert "capital letters included" in capsys.readouterr().out
    assert not nb05.check_change_of_government("greece")
    assert not nb05.check_change_of_government(...)
    out = capsys.readouterr().out
    assert "not one of the options" in out and "Not answered yet" in out


def _endings_with(monkeypatch, change):
    """Make nb05 see special_relationship_endings with its 'turkey' ending changed."""
    real = nb05.load

    def fake(name, *args, **kwargs):
        df = real(name, *args, **kwargs)
        if name == "special_relationship_endings":
            df = change(df.copy())
        return df

    monkeypatch.setattr(nb05, "load", fake)


def test_change_of_government_needs_exactly_one_row(monkeypatch):
    def two(df):
        df["change_kind"] = df["change_kind"].astype(object)
        df.loc[df["relationship"] == "iran", "change_kind"] = "change_of_government"
        return df

    _endings_with(monkeypatch, two)
    with pytest.raises(DataError, match="found 2"):
        nb05.check_change_of_government("turkey")


def test_change_of_government_with_no_row(monkeypatch):
    _endings_with(monkeypatch,
                  lambda df: df[df["change_kind"].astype(str) != "change_of_government"])
    with pytest.raises(DataError, match="found 0"):
        nb05.check_change_of_government("turkey")


def test_change_of_government_answer_must_be_an_option(monkeypatch):
    def azerbaijan(df):
        df["relationship"] = df["relationship"].astype(object)
        is_government = df["change_kind"].astype(str) == "change_of_government"
        df.loc[is_government, "relationship"] = "azerbaijan"
        return df

    _endings_with(monkeypatch, azerbaijan)
    with pytest.raises(DataError, match="not one of the relationships"):
        nb05.check_change_of_government("turkey")


NEAR_MISSES: dict = {}
NO_TOLERANCE = {
    "check_pressures_behind_doubts": "compares a list of node ids",
    "check_pages_behind_gains": "compares a list of pages",
    "check_change_of_government": "one choice among the relationships",
}


def test_pages_written_with_p_are_told_to_give_the_number_alone(capsys):
    pages = sorted(pages_behind(load_graph(), "gains_justify_risk", kind="evidence",
                                relation="supports"))
    assert not nb05.check_pages_behind_gains([f"p. {p}" for p in pages])
    out = capsys.readouterr().out
    assert "number alone" in out and "whole numbers (int)" not in out
    assert nb05.check_pages_behind_gains([str(p) for p in pages])


def test_change_of_government_spaces_and_a_one_item_list(capsys):
    ends = load("special_relationship_endings")
    right = ends[(ends["role"].astype(str) == "ending")
                 & (ends["change_kind"].astype(str) == "change_of_government")
                 ]["relationship"].iloc[0]
    assert not nb05.check_change_of_government(f" {right}")
    out = capsys.readouterr().out
    assert "spaces around" in out and "capital letters" not in out
    assert nb05.check_change_of_government([right])
    assert nb05.check_change_of_government(pd.Series([right]))
