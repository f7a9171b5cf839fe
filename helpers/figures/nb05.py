"""Figures of notebook 05 (the conclusions): the article's argument as a map, and Israel's
earlier "special" relationships on one timeline."""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch

from ..argument import BOX_H, BOX_W, COL_GAP, anchors, page_tag
from ..data import load
from ..dates import as_written, decimal_year, published
from ..plots import SMALL, GREY, LEADER, STACK_WIDE, ready, AROUND, STACK, LabelPlacer, actor, finish, series, short_labels, wrap

#: How each kind of node is drawn besides its colours (data/model/argument_kinds.csv): box
#: shape, border line and weight, so that kinds differ in greyscale too.
KIND_SHAPE = {
    "evidence": dict(box="square", ls="-", lw=1.0, weight="normal"),
    "claim": dict(box="round", ls="-", lw=1.6, weight="normal"),
    "conclusion": dict(box="round", ls="-", lw=2.8, weight="normal"),  # bold text would overrun its box
    "counter_pressure": dict(box="square", ls="--", lw=1.6, weight="normal"),
}
OURS = "#444444"


def draw_argument_map(G: nx.DiGraph, *, title: str, source: str, ax=None, width: int = 16,
                      fontsize: float = SMALL):
    """Draw the argument map with its hand-set layout (``x`` and ``y`` of each node); returns
    the Axes. Boxes: kind of node (colour *and* border, names and colours from
    ``argument_kinds.csv``); column headings from ``argument_columns.csv``. Arrows: solid
    dark = supports, a link the cited passage marks in its words; dotted = supports, a link we
    infer; dashed = constrains. Every arrow is our reading of a passage (argument_edges.csv).

    >>> from helpers.argument import load_graph
    >>> ax = draw_argument_map(load_graph(), title="t", source="Source: x.")
    >>> sorted(t.get_text() for t in ax.get_legend().get_texts())[:2]
    ['Claim', 'Conclusion (pp. 68–69)']
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 14))
    kinds = load("argument_kinds").set_index("code")
    constrains = series("outside").colour
    pos = {n: (d["x"] * COL_GAP, d["y"]) for n, d in G.nodes(data=True)}
    for n, d in G.nodes(data=True):
        s, c = KIND_SHAPE[d["kind"]], kinds.loc[d["kind"]]
        x, y = pos[n]
        box = "square,pad=0.0" if s["box"] == "square" else "round,pad=0.0,rounding_size=0.08"
        ax.add_patch(FancyBboxPatch((x - BOX_W, y - BOX_H), 2 * BOX_W, 2 * BOX_H, boxstyle=box,
                                    facecolor=c["face"], edgecolor=c["edge"], linewidth=s["lw"],
                                    linestyle=s["ls"], zorder=2))
        text = (wrap(d["label_en"], width - 2 * (s["weight"] == "bold")) + "\n"
                + page_tag(d["page"], d["note"]))  # bold text is wider
        ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, fontweight=s["weight"],
                zorder=3, linespacing=1.15)
    for u, v, d in G.edges(data=True):
        start, end = anchors(pos[u], pos[v])
        if d["relation"] == "constrains":
            props = dict(arrowstyle="-|>", color=constrains, lw=1.6, linestyle="--")
        elif d["basis"] == "inferred":
            props = dict(arrowstyle="-|>", color=OURS, lw=1.2, linestyle=":")
        else:
            props = dict(arrowstyle="-|>", color="#222222", lw=1.1, linestyle="-")
        ax.annotate("", xy=end, xytext=start, zorder=1,
                    arrowprops=dict(shrinkA=1, shrinkB=1, mutation_scale=11, **props))
    top = max(y for _, y in pos.values()) + 0.85
    for r in load("argument_columns").itertuples():
        ax.text(r.x * COL_GAP, top, wrap(r.heading_en, 16), ha="center", va="center",
                fontsize=SMALL, fontweight="bold", color="#333333")
    ax.set_xlim(-BOX_W - 0.05, 4 * COL_GAP + BOX_W + 0.05)
    ax.set_ylim(min(y for _, y in pos.values()) - 0.5, top + 0.45)
    ax.set_axis_off()
    ax.figure.subplots_adjust(left=0.025, right=0.975, bottom=0.06, top=0.95)
    handles = [Patch(facecolor=kinds.loc[k, "face"], edgecolor=kinds.loc[k, "edge"],
                     linestyle=s["ls"], linewidth=s["lw"], label=kinds.loc[k, "name_en"])
               for k, s in KIND_SHAPE.items()]
    handles += [Line2D([], [], color="#222222", lw=1.1,
                       label="supports (our reading: the text marks the link)"),
                Line2D([], [], color=OURS, lw=1.2, ls=":",
                       label="supports (our reading: a link we infer)"),
                Line2D([], [], color=constrains, lw=1.6, ls="--", label="constrains (our reading)")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2,
              fontsize=SMALL, handlelength=2.5)
    return finish(ax, title=title, source=source)


def draw_precedents(frame: pd.DataFrame, *, title: str, source: str, ax=None):
    """Draw the relationships of :func:`helpers.argument.precedents_frame` as rows, in the
    order of ``special_relationships.csv``: hatched bars for the article's decades (abstract,
    p. 61), markers for what ended or strained them (circles: the article; diamonds: outside
    sources), the relationship with Azerbaijan as a solid bar from April 1992, and a line for
    the article's publication. Labels come from ``short_labels.csv``. Returns the Axes.

    >>> from helpers.argument import precedents_frame
    >>> ax = draw_precedents(precedents_frame(), title="t", source="Source: x.")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Azerbaijan', 'Turkey', 'South Africa', 'Iran']
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 5))
    article, outside = series("article"), series("outside")
    labels = short_labels("special_relationship_endings")
    bars = frame[frame["role"] == "special_period"]
    order = list(dict.fromkeys(bars["relationship"]))
    pub_date = published()
    pub = decimal_year(pub_date)
    ax.set_ylim(-0.7, len(order) - 0.3)
    ax.set_xlim(1945, pub + 11)
    ax.set_yticks(range(len(order)), [actor(p).name for p in bars["partner"].iloc[::-1]])
    ax.set_xlabel("Year (a bar across a year: a date known only to the year)")
    ax.grid(axis="y", visible=False)
    handles = [Patch(facecolor="white", edgecolor=article.colour, hatch="///",
                     label="'special' decades (abstract, p. 61)"),
               Line2D([], [], marker=article.marker, color=article.colour,
                      markeredgecolor="black", lw=3, ms=8,
                      label="crisis: the article (pp. 65–66)"),
               Line2D([], [], marker=outside.marker, color=outside.colour,
                      markeredgecolor="black", ls="none", ms=8,
                      label="end of the regime or government: outside source")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.45, -0.2), ncol=2,
              fontsize=SMALL)
    ready(ax, title)
    precision = load("special_relationship_endings").set_index("id")["date_precision"]
    placer = LabelPlacer(ax, pad=3)
    marks = []
    for i, rid in enumerate(order):
        y = len(order) - 1 - i
        rows = frame[frame["relationship"] == rid]
        bar = rows[rows["role"] == "special_period"].iloc[0]
        if pd.isna(bar["end"]):  # the relationship the article is about: a solid bar
            patch = ax.barh(y, pub - bar["start"], left=bar["start"], height=0.36,
                            color=article.colour, alpha=0.85, edgecolor="black", linewidth=0.6)
            # the date stands under the bar: inside it, it ran under the article's line
            note = ax.text(bar["start"], y - 0.24, "since "
                           f"{as_written(bar['start_date'], bar['start_precision'], long=True)}"
                           f" (p. {int(bar['page'])})", ha="left", va="top", fontsize=SMALL,
                           color="black")
            placer.block_artist(patch.patches[0])
            placer.block_artist(note)
        else:
            patch = ax.barh(y, bar["end"] - bar["start"], left=bar["start"], height=0.36,
                            color="white", edgecolor=article.colour, hatch="///", linewidth=1.2)
            placer.block_artist(patch.patches[0], pad=0)
        for e in rows[rows["role"].isin(["ending", "crisis"])].itertuples():
            style = article if e.provenance == "article" else outside
            by_year = pd.isna(e.end) and precision.get(e.event) == "year"
            if not pd.isna(e.end):  # a period: a thick line with end ticks
                ax.plot([e.start, e.end], [y, y], color=style.colour, lw=4,
                        solid_capstyle="butt", marker="|", ms=14, mew=2)
            else:
                x = e.start + 0.5 if by_year else e.start  # a year's date: across the year
                if by_year:
                    ax.plot([e.start, e.start + 1], [y, y], color=style.colour, lw=5,
                            alpha=0.5, solid_capstyle="butt", zorder=3)
                ax.plot(x, y, marker=style.marker, ms=9, color=style.colour,
                        markeredgecolor="black", zorder=4, linestyle="none")
                placer.block(x, y)
            mid = ((e.start + 0.5 if by_year else e.start) if pd.isna(e.end)
                   else (e.start + e.end) / 2)
            marks.append((labels.get(e.event, e.event), mid, y))
    for text, x, y in marks:
        placer.place(wrap(text, 20), [(x, y)], STACK[:2] + AROUND + STACK_WIDE[2:], force=True,
                     leader=dict(LEADER, color=GREY, lw=0.6), leader_beyond=12, fontsize=SMALL)
    ax.axvline(pub, color="black", ls="--", lw=1)
    placer.place(f"article\n({as_written(pub_date, 'month')})", [(pub, len(order) - 0.45)],
                 [(4, 0, "left", "top"), (-4, 0, "right", "top")], force=True, fontsize=SMALL)
    return finish(ax, title=title, source=source)
