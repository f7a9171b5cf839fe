"""Figures of notebook 02 (Azerbaijan's interests): the Nagorno-Karabakh conflict on a broken
time axis, displacement, the territory share, and the interests matrix."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.patches import Patch

from ..dates import article_period
from ..plots import SMALL, CYCLE, HATCHES, actor, finish, series, short_labels, wrap


def draw_karabakh(events: pd.DataFrame, *, spans: Sequence[tuple[int, int]], title: str,
                  source: str, label: str | None = None, fig=None):
    """Events far apart in time on one axis broken into ``spans`` (first and last year of each
    panel, e.g. ``[(1919, 1923), (1986, 1995)]``), one row per event, oldest at the top, with
    the event's short label (``short_labels.csv``, or the column ``label``) on the left.
    Periods (``date_end``) are bars; a date given only as a year is a bar across that year.
    Returns the first Axes.

    >>> from helpers.data import load
    >>> ax = draw_karabakh(load("karabakh_timeline"), spans=[(1919, 1923), (1986, 1995)],
    ...                    title="t", source="Source: x.")
    >>> len(ax.figure.axes), ax.get_yticklabels()[0].get_text()
    (2, 'Soviet borders of Armenia and\\nAzerbaijan in question')
    """
    if fig is None:
        fig = plt.figure(figsize=(8, 1.6 + 0.6 * len(events)))
    axes = fig.subplots(1, len(spans), sharey=True, gridspec_kw=dict(
        width_ratios=[b - a + 1 for a, b in spans], wspace=0.05))
    ev = events.sort_values(["date", "date_end"], na_position="first").reset_index(drop=True)
    names = ev[label] if label else ev["id"].map(short_labels("karabakh_timeline")).fillna(ev["id"])
    ys = list(range(len(ev) - 1, -1, -1))
    for ax, (a, b) in zip(axes, spans):
        ax.set_xlim(mdates.date2num(pd.Timestamp(year=a, month=1, day=1)),
                    mdates.date2num(pd.Timestamp(year=b, month=12, day=31)))
        ax.xaxis.set_major_locator(mdates.YearLocator(1))
        ax.tick_params(axis="x", labelrotation=90)  # every year, upright to fit
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.grid(axis="y", visible=False)
    for i, (y, (_, r)) in enumerate(zip(ys, ev.iterrows())):
        start = r["date"]
        end = r["date_end"] if not pd.isna(r["date_end"]) else article_period(
            start, str(r["date_precision"]))[1]
        x0, x1 = mdates.date2num(start), mdates.date2num(end)
        for ax in axes:  # a period may run across panels; each panel clips it
            ax.barh(y, x1 - x0, left=x0, height=0.55, color=CYCLE[i % len(CYCLE)], alpha=0.6,
                    hatch=HATCHES[i % len(HATCHES)], edgecolor="black", lw=0.8, zorder=2)
    axes[0].set_yticks(ys, [wrap(n, 30) for n in names], fontsize=SMALL)
    axes[0].set_ylim(-0.6, len(ev) - 0.4)
    for left_ax, right_ax in zip(axes[:-1], axes[1:]):
        left_ax.spines["right"].set_visible(False)
        right_ax.spines["left"].set_visible(False)
        right_ax.tick_params(left=False)
        for ax, x in ((left_ax, 1), (right_ax, 0)):  # the break marks
            ax.plot([x - 0.012, x + 0.012], [-0.03, 0.03], transform=ax.transAxes,
                    color="black", lw=1, clip_on=False)
    gaps = ", ".join(f"{b1 + 1}–{a2 - 1}" for (_, b1), (a2, _) in zip(spans[:-1], spans[1:]))
    axes[-1].set_xlabel(f"Year (the axis is broken: {gaps} left out;\na bar spans a date the "
                        "article gives only as a year)", fontsize=SMALL, loc="right")
    return finish(axes[0], title=title, source=source, suptitle=True, fit_layout=True)


def draw_displacement(displacement: pd.DataFrame, *, title: str, source: str, ax=None):
    """The article's three flows of people as horizontal bars, one colour and hatch per group,
    labelled with the number; flagged 'not verified' where the data say so. Returns the Axes.

    >>> from helpers.data import load
    >>> ax = draw_displacement(load("displacement"), title="t", source="Source: x.")
    >>> len(ax.patches)
    3
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.3))
    d = displacement.iloc[::-1].reset_index(drop=True)
    groups = list(dict.fromkeys(displacement["group_en"].astype(str)))
    # greys: the groups are peoples, not states, so no actor's colour stands for them
    style = {g: (("#BBBBBB", "#666666")[i % 2], HATCHES[1 + i]) for i, g in enumerate(groups)}
    for i, r in d.iterrows():
        colour, hatch = style[str(r["group_en"])]
        ax.barh(i, r["people"], color=colour, alpha=0.7, hatch=hatch, edgecolor="black", lw=0.8,
                zorder=2)
        flag = "" if r["verified"] else "  (not verified)"
        ax.text(r["people"] + 3000, i, f"{r['people']:,}{flag}", va="center", fontsize=SMALL)
    dest = [actor(r["to_code"]).name + ("" if pd.isna(r["to_code_2"])
                                        else f" and {actor(r['to_code_2']).name}")
            for _, r in d.iterrows()]
    ax.set_yticks(range(len(d)), [f"{g} from {actor(f).name}\nto {t}" for g, f, t in
                                  zip(d["group_en"], d["from_code"], dest)], fontsize=SMALL)
    ax.set_xlim(0, d["people"].max() * 1.6)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{x:,.0f}"))
    ax.set_xlabel("People who fled (the article's figures)")
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[Patch(facecolor=c, alpha=0.7, hatch=h, edgecolor="black", label=g)
                       for g, (c, h) in style.items()], loc="lower right", fontsize=SMALL)
    return finish(ax, title=title, source=source, fit_layout=True)


def draw_territory(estimates: pd.DataFrame, *, title: str, source: str, ax=None,
                   oblast: bool = True):
    """The shares of Azerbaijan held by Armenian forces before 2020 on one 0-25% axis: the
    published range as a band, each estimate as a marker (labels from ``short_labels.csv``,
    with the estimate's qualifier), and the former autonomous oblast alone (its area over
    Azerbaijan's) as a reference line, unless ``oblast`` is false (before the exercise that
    computes that share). Returns the Axes.

    >>> from helpers.data import load
    >>> ax = draw_territory(load("territory_share_estimates"), title="t", source="Source: x.")
    >>> [float(x) for x in ax.get_xlim()]
    [0.0, 25.0]
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.2))
    e = estimates.set_index("id")
    labels = short_labels("territory_share_estimates")
    shares = estimates[estimates["measure"] == "share_of_azerbaijan"].sort_values("value")
    total = e.loc["area_azerbaijan", "value"]
    share = 100 * e.loc["area_nk_ao", "value"] / total
    lo, hi = shares["value"].min(), shares["value"].max()
    ax.axvspan(lo, hi, color="#56B4E9", alpha=0.25, hatch="..", lw=0,
               label=f"Published range, about {lo:g}–{hi:g}%")
    if oblast:
        ax.axvline(share, color=series("outside").colour, ls="--", lw=1.5,
                   label=f"Former autonomous oblast alone: {share:.1f}%\n"
                         f"({e.loc['area_nk_ao', 'value']:,.0f} of {total:,.0f} km²)")
    for i, (key, r) in enumerate(shares.set_index("id").iterrows()):
        ours = not pd.isna(r["page"])
        about = "about " if r["qualifier"] == "about" else ""
        ax.scatter(r["value"], i, s=90 if ours else 60, marker="D" if ours else "o",
                   color="#000000" if ours else "white", edgecolor="black", zorder=3)
        left = r["value"] > 12.5  # on the side with room
        ax.annotate(f"{labels.get(key, key)}: {about}{r['value']:g}%", (r["value"], i),
                    xytext=(-9 if left else 9, 0), textcoords="offset points", va="center",
                    ha="right" if left else "left", fontsize=SMALL)
    ax.set_yticks([])
    ax.set_ylim(-0.7, len(shares) - 0.3)
    ax.set_xlim(0, 25)
    ax.set_xlabel(f"Share of Azerbaijan's territory (%, of {total:,.0f} km²)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2, fontsize=SMALL,
              frameon=False)
    return finish(ax, title=title, source=source, fit_layout=True)


def draw_interests(counts: pd.DataFrame, pages: pd.DataFrame, *, title: str, source: str,
                   ax=None):
    """A heatmap of :func:`helpers.interests.interest_matrix`: the shade counts the
    statements, the text in each cell gives their pages (and notes), one a line. Empty cells are left
    blank. Returns the Axes.

    >>> from helpers.data import load
    >>> from helpers.interests import interest_matrix
    >>> counts, pages = interest_matrix(load("interests"))
    >>> ax = draw_interests(counts, pages, title="t", source="Source: x.")
    >>> print(ax.get_xlabel())
    Partner: the actor the interest concerns (actors.csv)
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.75 * len(counts) + 3.2))
    shade = LinearSegmentedColormap.from_list("white_to_blue",
                                              ["#FFFFFF", series("article").colour])
    values = counts.to_numpy(dtype=float)
    shown = np.where(values > 0, values, np.nan)
    im = ax.imshow(shown, cmap=shade, vmin=0, vmax=max(values.max(), 1), aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if values[i, j] > 0:
                dark = values[i, j] / values.max() > 0.6
                # one page (with its note, ×k for repeats) a line: "63 ×2", "64 n.13"
                ax.text(j, i, pages.iat[i, j].replace(" · ", "\n"), ha="center", va="center",
                        fontsize=SMALL, color="white" if dark else "black", linespacing=1.1)
    ax.set_xticks(range(counts.shape[1]), [wrap(c, 10) for c in counts.columns], fontsize=SMALL)
    ax.set_yticks(range(counts.shape[0]), counts.index, fontsize=SMALL)
    ax.set_xticks(np.arange(-0.5, counts.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, counts.shape[0]), minor=True)
    ax.grid(which="minor", color="#BBBBBB", lw=0.6)
    ax.grid(which="major", visible=False)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel("Partner: the actor the interest concerns (actors.csv)")
    ax.set_ylabel("Issue")
    # the colour bar below, so that the nine partners' columns have the figure's width
    bar = ax.figure.colorbar(im, ax=ax, orientation="horizontal", shrink=0.6, pad=0.16,
                             aspect=30)
    bar.set_label("Statements in the article (each cell: their pages; n. = note)")
    bar.set_ticks(range(0, int(values.max()) + 1))
    return finish(ax, title=title, source=source, fit_layout=True)
