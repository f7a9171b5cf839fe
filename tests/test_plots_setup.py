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


@pytest.mark.parametrize("offset", [(70, 44), (-100, -66), (0, 60), (-40, 0), (3, 2)])
def test_the_leader_line_is_the_one_matplotlib_draws(offset):
    """LabelPlacer works out a leader line directly; it must be the line matplotlib lays out
    (FancyArrowPatch.get_path), end for end, whichever side the label lies on and also when
    the anchor is under the label (no clipping then)."""
    from shapely.geometry import LineString

    fig, ax = plt.subplots(figsize=(6, 4))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    fig.canvas.draw()
    placer = plots.LabelPlacer(ax)
    dx, dy = offset
    t = placer.place("a label of some length", [(5, 5)],
                     [(dx, dy, "left" if dx >= 0 else "right", "bottom" if dy >= 0 else "top")],
                     force=True, leader=plots.LEADER)
    arrow = t.arrow_patch
    t.update_positions(fig.canvas.get_renderer())
    ours = plots.LabelPlacer._leader(arrow)
    theirs = LineString(arrow.get_path().transformed(arrow.get_transform()).vertices)
    for a, b in ((ours.coords[0], theirs.coords[0]), (ours.coords[-1], theirs.coords[-1])):
        assert abs(a[0] - b[0]) < 0.05 and abs(a[1] - b[1]) < 0.05, (ours, theirs)
