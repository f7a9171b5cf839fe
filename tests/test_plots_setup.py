import random
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import plots


def test_setup_fixes_style_and_seed():
    helpers.setup()
    a = (random.random(), np.random.rand())
    helpers.setup()
    assert (random.random(), np.random.rand()) == a
    assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][0] == plots.CYCLE[0]


def test_setup_turns_helpers_warnings_into_errors():
    helpers.setup()
    with pytest.raises(UserWarning):
        warnings.warn_explicit("x", UserWarning, "helpers/x.py", 1, module="helpers.x")
    warnings.resetwarnings()


def test_palette_is_distinct_in_greyscale():
    """Neighbouring series colours differ in lightness, so a greyscale print separates them."""
    def luminance(hex_colour):
        r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lum = [luminance(c) for c in plots.CYCLE[:4]]
    assert min(abs(a - b) for i, a in enumerate(lum) for b in lum[i + 1 :]) > 0.04
    assert len(set(plots.MARKERS)) == len(plots.MARKERS)


def test_add_source_requires_a_source_label():
    fig, _ = plt.subplots()
    assert plots.add_source(fig, "Source: X.").get_text() == "Source: X."
    with pytest.raises(ValueError):
        plots.add_source(fig, "X")
    plt.close(fig)


def test_draw_lanes_draws_every_lane_top_down_and_caption():
    ev = pd.DataFrame({"date": pd.to_datetime(["1992-04-01", "1993-01-01", "2009-05-01"]),
                       "kind": ["diplomatic", "diplomatic", "visit"], "label": ["a", "b", "c"]})
    ax = plots.draw_lanes(ev, lane="kind", label="label", title="T", source="Source: Y.")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["visit", "diplomatic"]  # bottom up
    assert ax.get_title() == "T" and ax.get_xlabel() == "Year"
    assert any(t.get_text() == "Source: Y." for t in ax.figure.texts)
    plt.close(ax.figure)


def test_apply_style_sets_the_house_style():
    matplotlib.rcParams["axes.titleweight"] = "normal"
    plots.apply_style()
    assert matplotlib.rcParams["axes.titleweight"] == "bold"
    assert matplotlib.rcParams["font.family"] == ["DejaVu Sans"]
