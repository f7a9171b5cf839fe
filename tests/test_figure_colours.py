"""One colour per actor and per series in every figure the notebooks draw, and verdict words
that can be read: checked on the drawn figures (tools/figures_run.py).

- a legend entry that names an actor (``actor_styles.csv``) or a recurring series
  (``series_styles.csv``) is drawn in that actor's or series' colour;
- the states of the registry each have a colour of their own;
- the scorecard's verdict words meet WCAG contrast (4.5:1) against what they sit on: the
  fill behind them, or the Axes' background.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D

import figures_run
from helpers import plots, scorecard
from helpers.data import load
from nbrun import notebooks

NOTEBOOKS = notebooks()


def _colours(handle) -> set[str]:
    """The colours a legend handle shows (line, marker face or patch face)."""
    if isinstance(handle, Line2D):
        found = {handle.get_color(), handle.get_markerfacecolor()}
    else:
        found = {handle.get_facecolor()}
    out = set()
    for c in found:
        try:
            out.add(to_hex(c).upper())
        except (ValueError, TypeError):
            continue
    return out


def legend_entries(fig):
    for leg in [ax.get_legend() for ax in fig.axes] + list(fig.legends):
        if leg is not None:
            yield from zip((t.get_text() for t in leg.get_texts()), leg.legend_handles)


def wrong_colours(fig) -> list[str]:
    actors = load("actor_styles").set_index("display_en")["colour"].str.upper()
    series = load("series_styles").set_index("label_en")["colour"].str.upper()
    out = []
    for text, handle in legend_entries(fig):
        flat = " ".join(text.split())
        want = actors.get(flat)
        if want is None:
            want = next((c for label, c in series.items() if flat.startswith(label)), None)
        if want is not None and want not in _colours(handle):
            out.append(f"{flat!r}: {sorted(_colours(handle))}, not {want}")
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_actors_and_series_keep_their_colours(path):
    drawn, _ = figures_run.run(path)
    found = {f"{d.cell} {d.function}": w for d in drawn if (w := wrong_colours(d.figure))}
    assert not found, f"legend entries in another colour than the registry's: {found}"


def test_a_wrong_colour_is_noticed():
    fig, ax = plt.subplots()
    ax.bar([0], [1], color="#000000", label=plots.actor("AZ").name)
    ax.plot([0, 1], [0, 1], color=plots.series("article").colour, label=plots.series("article").name)
    ax.legend()
    assert [w.split(":")[0] for w in wrong_colours(fig)] == ["'Azerbaijan'"]
    plt.close(fig)


def test_every_state_has_a_colour_of_its_own():
    styles = load("actor_styles")
    states = styles[styles["code"].str.fullmatch(r"[A-Z]{2}")]
    assert states["colour"].str.upper().is_unique, states[["code", "colour"]]


def background(text, ax) -> str:
    patch = text.get_bbox_patch()
    if patch is not None and patch.get_facecolor()[3] > 0:
        return patch.get_facecolor()
    return ax.get_facecolor()


def verdict_contrasts(fig) -> dict[str, float]:
    names = {c.replace("_", " ") for c in scorecard.judgements().index}
    out = {}
    for ax in fig.axes:
        for t in ax.texts:
            if t.get_text() in names:
                ratio = plots.contrast(t.get_color(), background(t, ax))
                out[t.get_text()] = min(ratio, out.get(t.get_text(), ratio))
    return out


def test_the_verdict_words_can_be_read():
    drawn, _ = figures_run.run(next(p for p in NOTEBOOKS if p.name.startswith("06")))
    cards = [d for d in drawn if d.function == "draw_scorecard"]
    assert cards, "notebook 06 draws no scorecard"
    for d in cards:
        ratios = verdict_contrasts(d.figure)
        assert set(ratios) == {c.replace("_", " ") for c in scorecard.judgements().index
                               if c in set(load("scorecard")["our_judgement"].astype(str))}
        low = {k: round(v, 2) for k, v in ratios.items() if v < plots.MIN_CONTRAST}
        assert not low, f"verdicts below {plots.MIN_CONTRAST}:1 against their background: {low}"


def test_the_contrast_check_notices_coloured_words_on_white():
    fig, ax = plt.subplots()
    ax.text(0, 0, "partly", color="#E69F00")  # the judgement's colour as ink, on white
    assert verdict_contrasts(fig)["partly"] < plots.MIN_CONTRAST
    plt.close(fig)
