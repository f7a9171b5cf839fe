"""The monitoring model: indicators from the article, weights from the user, a bounded score."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest

from helpers import load, monitoring
from helpers.figures import nb04


def test_every_indicator_points_to_the_article_evidence():
    ind = monitoring.indicators()
    known = set(load("weaknesses")["id"])
    for i, row in ind.iterrows():
        ids = row["weakness_ids"].split(";")
        assert set(ids) <= known, i
        assert 61 <= row["page"] <= 69


def test_score_bounds_and_defaults():
    ind = monitoring.indicators()
    assert monitoring.score() == pytest.approx(ind["level"].sum() / (2 * len(ind)), abs=1e-3)
    assert monitoring.score(levels={i: 0 for i in ind.index}) == 0
    assert monitoring.score(levels={i: 2 for i in ind.index}) == 1
    # scaling every weight changes nothing: only relative weights matter
    assert monitoring.score({i: 5 for i in ind.index}) == monitoring.score()


def test_weights_move_the_score_in_the_right_direction():
    ind = monitoring.indicators()
    high = ind.index[ind["level"] == 2][0]
    low = ind.index[ind["level"] == 1][0]
    assert monitoring.score({high: 3}) > monitoring.score() > monitoring.score({low: 0, high: 0})


@pytest.mark.parametrize("weights,levels", [({"nope": 1}, None), ({"leadership": -1}, None),
                                            ({"leadership": "a"}, None),
                                            (None, {"leadership": 3})])
def test_bad_input_is_refused(weights, levels):
    with pytest.raises(ValueError):
        monitoring.score(weights, levels)


@pytest.mark.parametrize("weight", [float("nan"), float("inf"), -float("inf")])
def test_weights_that_are_not_finite_are_refused(weight):
    import numpy as np

    with pytest.raises(ValueError, match="weight of 'leadership'"):
        monitoring.score({"leadership": weight})
    with pytest.raises(ValueError, match="weight of 'leadership'"):
        monitoring.score({"leadership": np.float64(weight)})


def test_unrounded_score_shows_a_small_increase():
    # energy_decline is coded 2 (growing): a little more weight on it raises the score by
    # less than the rounding to three decimals
    assert monitoring.indicators().loc["energy_decline", "level"] == 2
    small = {"energy_decline": 1.01}
    assert monitoring.score(small) == monitoring.score()
    assert monitoring.score(small, ndigits=None) > monitoring.score(ndigits=None)
    assert monitoring.score(ndigits=None) == 0.625 and monitoring.score(ndigits=1) == 0.6


def test_all_zero_weights_are_refused():
    with pytest.raises(ValueError, match="at least one weight"):
        monitoring.score({i: 0 for i in monitoring.indicators().index})


def test_table_profiles_and_timeline():
    t = monitoring.score_table()
    assert list(t.index) == list(monitoring.indicators().index)
    assert (t["points"] <= t["max_points"]).all()
    p = monitoring.profile_scores()
    assert list(p.index) == list(monitoring.profiles())
    assert p["score"].between(0, 1).all()
    tl = nb04.pressure_frame()
    assert tl["date"].notna().all() and tl["page"].between(61, 69).all()
    peres = tl[tl["label"].str.startswith("Peres")].iloc[0]
    assert peres["date"].month == 6 and "May 2009" in peres["label"]


def test_plot_and_widget():
    ax = nb04.draw_profiles(monitoring.profile_scores(), title="t", source="Source: x.")
    assert ax.get_xlabel() and len(ax.patches) == len(monitoring.profiles())
    plt.close("all")
    w = monitoring.weights_widget()
    assert w is not None and len(w.children) == len(monitoring.indicators()) + 1


#: What a message must not show: scientific notation, numpy reprs and type names, nan/inf.
RAW = r"\de[-+]\d|np\.|float64|int64|\bnan\b|\binf\b|ndarray|\bbool\b"


@pytest.mark.parametrize("weight, shown", [(-1e-07, "got -0.0000001"),
                                           (__import__("numpy").float64(-0.5), "got -0.5"),
                                           (float("nan"), "got NaN"),
                                           (float("inf"), "got infinity"),
                                           ("2", "got text (a str)"),
                                           (True, "got True or False")])
def test_a_weight_refused_is_shown_as_a_message_writes_numbers(weight, shown):
    import re

    with pytest.raises(ValueError) as err:
        monitoring.score({"leadership": weight})
    assert shown in str(err.value)
    assert not re.search(RAW, str(err.value)), str(err.value)


@pytest.mark.parametrize("key", ["Energy_Decline", "LEADERSHIP"])
def test_an_indicator_with_other_capitals_is_named_so(key):
    with pytest.raises(ValueError, match="capital letters") as err:
        monitoring.score({key: 3})
    assert repr(key.lower()) in str(err.value)
    with pytest.raises(ValueError, match="known: leadership"):
        monitoring.score({"energy": 3})  # no such id in any spelling: the list of ids
