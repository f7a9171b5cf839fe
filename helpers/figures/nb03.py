"""Figures of notebook 03 (Israel's interests): the signed networks of the 1990s axes and of
2014, the published estimates of Azerbaijan's share of Israel's oil, and the maps of p. 65."""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from ..maps import draw_map
from ..networks import POSITIONS, _sorted
from ..plots import SMALL, actor, finish, series, wrap
from ..sources import page_ref

#: Sign is shown twice, by colour and by line style, so that greyscale keeps them apart.
SIGN_STYLE = {1: dict(color=series("article").colour, ls="-"),
              -1: dict(color=series("outside").colour, ls=(0, (4, 2.5)))}
BASIS_WIDTH = {"article": 3.4, "our_coding": 3.4, "model_assumption": 3.4,
               "inferred_from_axis": 1.1}
#: The label written on a tie whose sign is ours, not the article's.
BASIS_LABEL = {"our_coding": "our coding", "model_assumption": "model"}
UNBALANCED = "#F0E442"


def draw_signed(g: nx.Graph, *, title: str, source: str, ax=None, highlight=None,
                legend: bool = True):
    """Draw a signed graph at the fixed :data:`helpers.networks.POSITIONS`; returns the Axes.

    Sign is shown twice, by colour *and* line style (solid +, dashed −). Ties the article
    states (or whose sign is our coding, or a model's assumption) are thick, ties only
    inferred from axis membership are thin; a sign that is ours is labelled on its tie ("our
    coding", "model"). Node names come from the actor registry.
    ``highlight``: triangles (tuples of three codes) to shade with a hatch, e.g. the
    unbalanced ones.

    >>> from helpers.networks import signed_graph
    >>> ax = draw_signed(signed_graph("1990s"), title="t", source="Source: x.")
    >>> sorted(t.get_text() for t in ax.texts)[:2]
    ['Armenia', 'Azerbaijan']
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 5.7))
    highlight = [tuple(t) for t in (highlight if highlight is not None else [])]
    for tri in highlight:
        ax.add_patch(Polygon([POSITIONS[n] for n in tri], closed=True, alpha=0.45, hatch="..",
                             facecolor=UNBALANCED, edgecolor="none", zorder=0))
    for u, v, d in sorted(g.edges(data=True), key=lambda e: BASIS_WIDTH[e[2]["basis"]]):
        (x0, y0), (x1, y1) = POSITIONS[u], POSITIONS[v]
        ax.plot([x0, x1], [y0, y1], lw=BASIS_WIDTH[d["basis"]], zorder=1,
                solid_capstyle="round", **SIGN_STYLE[d["sign"]])
        if d["basis"] in BASIS_LABEL:
            ax.annotate(BASIS_LABEL[d["basis"]], ((x0 + x1) / 2, (y0 + y1) / 2), xytext=(0, 7),
                        textcoords="offset points", ha="center", fontsize=SMALL, style="italic",
                        bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none"), zorder=3)
    for n in _sorted(g.nodes):
        x, y = POSITIONS[n]
        above = y > 0.7
        ax.scatter([x], [y], s=220, color="white", edgecolor="black", linewidth=1.2, zorder=4)
        ax.annotate(wrap(actor(n).name, 10), (x, y), xytext=(0, 11 if above else -11),
                    textcoords="offset points", ha="center", va="bottom" if above else "top",
                    fontsize=10, fontweight="bold", zorder=5,
                    bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
    xs, ys = zip(*(POSITIONS[n] for n in g.nodes))
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 0.55, max(ys) + 0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    if legend:
        drawn = {(d["sign"], d["basis"] == "inferred_from_axis") for _, _, d in g.edges(data=True)}
        ours = "; or ours, labelled" if any(d["basis"] in BASIS_LABEL
                                             for *_, d in g.edges(data=True)) else ""
        names = {(1, False): f"+ friendly (stated{ours})",
                 (1, True): "+ friendly (inferred from axis)",
                 (-1, False): f"− hostile (stated{ours})",
                 (-1, True): "− hostile (inferred from axis)"}
        handles = [Line2D([], [], lw=BASIS_WIDTH["inferred_from_axis" if inferred else "article"],
                          **SIGN_STYLE[sign], label=names[sign, inferred])
                   for sign, inferred in sorted(drawn, key=lambda k: (-k[0], k[1]))]
        if highlight:
            handles.append(Patch(facecolor=UNBALANCED, alpha=0.45, hatch="..",
                                 label="unbalanced triangle"))
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2,
                  fontsize=SMALL, frameon=False)
    return finish(ax, title=title, source=source, fit_layout=True)


def draw_share_estimates(estimates: pd.DataFrame, *, title: str, source: str, ax=None,
                         spread: bool = True):
    """One row per estimate (:func:`helpers.energy.share_estimates`): a bar from low to high
    (a range) or a marker (a single figure), each kind of source (``series_styles.csv``:
    diplomatic cable, press, the article) in its own colour and marker, and the spread from
    the lowest to the highest as a shaded band with its figures, unless ``spread`` is false
    (before the exercise that measures it). Returns the Axes.

    >>> from helpers.energy import share_estimates
    >>> ax = draw_share_estimates(share_estimates(), title="t", source="Source: x.")
    >>> ax.get_legend().get_texts()[-1].get_text()
    'The article (p. 65)'
    """
    df = estimates.reset_index(drop=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.1))
    lo, hi = float(df["share_low"].min()), float(df["share_high"].max())
    if spread:
        ax.axvspan(lo, hi, color="#EFEFEF", zorder=0)
        ax.text((lo + hi) / 2, -0.75, f"spread of the estimates: {lo:g}–{hi:g}%",
                ha="center", fontsize=SMALL, color="#333333")
    styles = {k: series(k) for k in ("diplomatic_cable", "press", "article")}
    for i, r in df.iterrows():
        s = styles[r["kind"]]
        if r["share_high"] > r["share_low"]:
            ax.plot([r["share_low"], r["share_high"]], [i, i], color=s.colour, lw=7,
                    solid_capstyle="butt", alpha=0.8)
            text = f"{r['share_low']:g}–{r['share_high']:g}%"
        else:
            ax.plot(r["share_low"], i, marker=s.marker, ms=11, color=s.colour, mec="black", ls="")
            text = f"{'about ' if r['qualifier'] == 'about' else ''}{r['share_low']:g}%"
        ax.annotate(text, (r["share_high"], i), xytext=(10, 0), textcoords="offset points",
                    va="center", fontsize=SMALL)
    ax.set_yticks(range(len(df)), df["label"])
    ax.set(xlim=(0, 55), ylim=(len(df) - 0.4, -1.1),
           xlabel="Share of Israel's oil from Azerbaijan (%)")
    ax.grid(axis="y", visible=False)
    article_ref = "; ".join(page_ref(r["page"], None)
                            for _, r in df[df["kind"] == "article"].iterrows())
    handles = [Line2D([], [], marker=s.marker, color=s.colour, mec="black", ls="", ms=8,
                      label=f"The article ({article_ref})" if k == "article" else s.name)
               for k, s in styles.items()]
    handles.insert(2, Line2D([], [], color=styles["press"].colour, lw=7, alpha=0.8,
                             label="Press report giving a range"))
    ax.legend(handles=handles, loc="lower left", fontsize=SMALL)
    return finish(ax, title=title, source=source, fit_layout=True)


BORDER_VIEW = (43.3, 53.8, 34.9, 42.4)  # lon_min, lon_max, lat_min, lat_max


def draw_border_map(border, *, title: str, source: str, ax=None, a: str = "AZ", b: str = "IR",
                    places=("Baku", "Tabriz", "Ardabil", "Tehran", "Yerevan", "Tbilisi")):
    """The map of p. 65: two states (default Azerbaijan and Iran) and the border they share
    (:func:`helpers.maps.shared_border`), drawn over the map as a cased line and named at the
    middle of its longest stretch. Returns the Axes.

    >>> from helpers.maps import shared_border
    >>> ax = draw_border_map(shared_border("AZ", "IR"), title="t", source="Source: x.")
    >>> [t.get_text() for t in ax.texts if "border" in t.get_text()]
    ['Azerbaijan–Iran border\\n(generalised, 1:50m)']
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 5.9))
    draw_map(ax=ax, highlight=(a, b), extent=BORDER_VIEW, places=places, title=title,
             source=source)
    for line in border.geometry:
        x, y = line.xy
        ax.plot(x, y, color="white", lw=5, zorder=3, solid_capstyle="round")
        ax.plot(x, y, color="black", lw=2.2, zorder=3, solid_capstyle="round")
    middle = border.geometry.iloc[0].interpolate(0.5, normalized=True)
    ax.annotate(f"{actor(a).name}–{actor(b).name} border\n(generalised, 1:50m)",
                (middle.x, middle.y), xytext=(51.4, 38.4), textcoords="data", ha="center",
                va="center", fontsize=SMALL, arrowprops=dict(arrowstyle="->", lw=0.8),
                bbox=dict(boxstyle="round", fc="white", ec="#8C8C8C"), zorder=9)
    return ax
