"""Oil series, reserves-to-production ratios and the share estimates."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers import energy, load  # noqa: E402


def test_production_in_barrels_per_year():
    p = energy.production()
    assert p.index.min() == 1985 and p.index.max() == 2020
    assert p.loc[2014, "bn_bbl"] == pytest.approx(861.2e3 * 365 / 1e9)


def test_peak_is_the_article_year():
    figures = load("figures").set_index("id")
    assert energy.peak_year() == int(figures.loc["oil_peak_year", "value"])


def test_rp_by_hand():
    p = load("oil_production").set_index("year")
    by_hand = p.loc[2014, "proved_reserves_bn_bbl"] * 1e9 / (p.loc[2014, "oil_production_kbd"] * 1e3 * 365)
    assert energy.rp_ratio(2014) == pytest.approx(by_hand)
    t = energy.rp_table()
    assert t.index.min() == 1991, "no reserves before 1991"
    assert (t["implied_end"] == t.index + t["rp_years"]).all()
    with pytest.raises(ValueError, match="no reserves figure"):
        energy.rp_ratio(1985)


def test_reserves_unchanged_while_oil_was_produced():
    t = energy.rp_table()
    assert t.loc[2002:2020, "reserves_bn_bbl"].nunique() == 1
    assert energy.cumulative_output(2003, 2020) > 1


def test_share_estimates_and_spread():
    df = energy.share_estimates()
    assert df["year"].is_monotonic_increasing
    assert df["is_article"].sum() == 1
    lo, hi = energy.share_spread()
    assert lo <= df["share_low"].min() and hi >= df["share_high"].max()


def test_plots_draw():
    for draw in (energy.plot_production, energy.plot_implied_end, energy.plot_share_estimates):
        ax = draw()
        assert ax.get_xlabel()
        assert ax.get_legend() is not None
    plt.close("all")
