"""The article's argument as a map (notebook 05).

The nodes (claims, evidence, counter-pressures, conclusions) and the links between them live in
``data/article/argument_nodes.csv`` and ``argument_edges.csv``; every node is the article's own,
with its page. :func:`load_graph` turns them into a ``networkx`` directed graph, :func:`draw`
draws it with the hand-set layout stored in the data (columns ``x`` and ``y``), and
:func:`behind` and :func:`pages_behind` read it back ("what lies behind this conclusion?")::

    >>> G = load_graph()
    >>> G.nodes["no_substitute"]["page"]
    68
    >>> sorted(behind(G, "doubts_stability", kind="counter_pressure"))
    ['energy_future', 'regime_dependence']

The module also draws Israel's earlier "special" relationships on one timeline
(:func:`draw_precedents`), the article's precedents for its conclusion (p. 68).
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch

from .data import load
from .plots import OKABE_ITO
from .sources import page_ref

#: How each kind of node looks: fill, edge colour, box style, edge line style and width.
#: Kinds differ by border (square/round, solid/dashed, thin/thick) as well as by colour.
KIND_STYLE = {
    "evidence": dict(name="Evidence", face="#DCEFFA", edge=OKABE_ITO["sky"], box="square",
                     ls="-", lw=1.0, weight="normal"),
    "claim": dict(name="Claim", face="#CCE3F0", edge=OKABE_ITO["blue"], box="round",
                  ls="-", lw=1.6, weight="normal"),
    "conclusion": dict(name="Conclusion (pp. 68–69)", face="#CCECE3", edge=OKABE_ITO["green"],
                       box="round", ls="-", lw=2.8, weight="bold"),
    "counter_pressure": dict(name="Counter-pressure", face="#F7DCCC",
                             edge=OKABE_ITO["vermillion"], box="square", ls="--", lw=1.6,
                             weight="normal"),
}
COLUMN_HEADINGS = ["Evidence behind\nthe interests", "Claims", "Conclusions",
                   "Counter-pressures", "Evidence behind the\ncounter-pressures"]
BOX_W, BOX_H = 0.5, 0.36  # half width and half height of a node box, in data units
COL_GAP = 1.4  # horizontal distance between two columns of the layout, in data units


def page_tag(page, note=None) -> str:
    """The short page reference printed in a node.

    >>> page_tag(63, 8)
    'p. 63, n. 8'
    >>> page_tag(68, None)
    'p. 68'
    """
    return page_ref(page, note)


def load_graph(root=None) -> nx.DiGraph:
    """The argument map as a directed graph: node attributes are the columns of
    ``argument_nodes``, edge attributes those of ``argument_edges`` (relation, basis, page...).

    >>> G = load_graph()
    >>> G.edges["no_substitute", "gains_justify_risk"]["relation"]
    'supports'
    """
    nodes, edges = load("argument_nodes", root), load("argument_edges", root)
    G = nx.DiGraph()
    for row in nodes.to_dict("records"):
        G.add_node(row.pop("id"), **{k: (None if pd.isna(v) else v) for k, v in row.items()})
    for row in edges.to_dict("records"):
        u, v = row.pop("from"), row.pop("to")
        G.add_edge(u, v, **{k: (None if pd.isna(x) else x) for k, x in row.items()})
    return G


def _restrict(G: nx.DiGraph, relation: str | None) -> nx.DiGraph:
    if relation is None:
        return G
    keep = [(u, v) for u, v, r in G.edges(data="relation") if r == relation]
    return G.edge_subgraph(keep).copy() if keep else nx.DiGraph()


def behind(G: nx.DiGraph, target: str, *, kind: str | None = None,
           relation: str | None = None) -> set[str]:
    """Nodes from which a path of arrows leads to ``target``, optionally only of one ``kind``
    and following only links of one ``relation`` ('supports' or 'constrains').

    >>> G = load_graph()
    >>> sorted(behind(G, "lesson_real_time"))
    ['precedents']
    """
    H = _restrict(G, relation)
    if target not in H:
        return set()
    found = nx.ancestors(H, target)
    if kind is not None:
        found = {n for n in found if G.nodes[n]["kind"] == kind}
    return found


def pages_behind(G: nx.DiGraph, target: str, *, kind: str = "evidence",
                 relation: str | None = "supports") -> list[int]:
    """The pages on which the nodes behind ``target`` stand (by default: the evidence reached
    by following 'supports' links back).

    >>> pages_behind(load_graph(), "lesson_real_time")
    [68]
    """
    return sorted({int(G.nodes[n]["page"]) for n in behind(G, target, kind=kind, relation=relation)})


def links_table(G: nx.DiGraph, target: str) -> pd.DataFrame:
    """The direct links into ``target``: which node, of what kind, how it bears on the target,
    whose link it is, and the node's page.

    >>> links_table(load_graph(), "lesson_real_time")["node"].tolist()
    ['precedents']
    """
    rows = []
    for u, _, d in G.in_edges(target, data=True):
        n = G.nodes[u]
        rows.append({"node": u, "kind": n["kind"], "relation": d["relation"], "basis": d["basis"],
                     "label": n["label_en"], "page": page_tag(n["page"], n["note"])})
    cols = ["node", "kind", "relation", "basis", "label", "page"]
    return pd.DataFrame(rows, columns=cols).sort_values(["relation", "node"], ignore_index=True)


def conclusions_table(G: nx.DiGraph) -> pd.DataFrame:
    """One row per conclusion: its page, what supports it and what constrains it (direct links,
    each with its page) — the map as a table.
    """
    rows = []
    for node, n in sorted(G.nodes(data=True), key=lambda kv: -kv[1]["y"]):
        if n["kind"] != "conclusion":
            continue
        links = {"supports": [], "constrains": []}
        for u, _, rel in sorted(G.in_edges(node, data="relation")):
            m = G.nodes[u]
            links[rel].append(f"{m['label_en']} ({page_tag(m['page'], m['note'])})")
        rows.append({"conclusion": n["label_en"], "page": page_tag(n["page"], n["note"]),
                     "supported by": "; ".join(links["supports"]) or "—",
                     "constrained by": "; ".join(links["constrains"]) or "—"})
    return pd.DataFrame(rows)


def _anchors(a: tuple[float, float], b: tuple[float, float]):
    """Start and end points of an arrow from the box centred at ``a`` to the box at ``b``.

    Between columns an arrow leaves the side of one box and enters the side of the other, so
    it runs in the gap between columns and never through a box of those columns; ends are
    spread along the side by the other box's height, so that arrows into one box do not meet
    at one point. Within a column it runs from the top or bottom edge.

    >>> _anchors((0, 0), (COL_GAP, 0))
    ((0.5, 0.0), (0.9, 0.0))
    """
    (xa, ya), (xb, yb) = a, b
    if xa == xb:
        sign = 1 if yb > ya else -1
        return (xa, round(ya + sign * BOX_H, 3)), (xb, round(yb - sign * BOX_H, 3))
    sign = 1 if xb > xa else -1
    spread = 0.8 * BOX_H

    def offset(dy: float) -> float:
        return round(max(-spread, min(spread, 0.12 * dy)), 3)

    return ((round(xa + sign * BOX_W, 3), round(ya + offset(yb - ya), 3)),
            (round(xb - sign * BOX_W, 3), round(yb + offset(ya - yb), 3)))


def draw(G: nx.DiGraph, ax=None, *, wrap: int = 24, fontsize: float = 9.5):
    """Draw the argument map with its hand-set layout; returns the Axes.

    Boxes: kind of node (colour *and* border). Arrows: solid dark = supports (the article's
    link), dotted dark = supports (our reading), dashed vermillion = constrains. Every link has
    an arrowhead at the statement it bears on.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(15, 12))
    pos = {n: (d["x"] * COL_GAP, d["y"]) for n, d in G.nodes(data=True)}
    for n, d in G.nodes(data=True):
        s = KIND_STYLE[d["kind"]]
        x, y = pos[n]
        ax.add_patch(FancyBboxPatch((x - BOX_W, y - BOX_H), 2 * BOX_W, 2 * BOX_H,
                                    boxstyle=f"{s['box']},pad=0.0" if s["box"] == "square"
                                    else f"{s['box']},pad=0.0,rounding_size=0.08",
                                    facecolor=s["face"], edgecolor=s["edge"], linewidth=s["lw"],
                                    linestyle=s["ls"], zorder=2))
        text = "\n".join(textwrap.wrap(d["label_en"], wrap)) + "\n" + page_tag(d["page"], d["note"])
        ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, fontweight=s["weight"],
                zorder=3, linespacing=1.15)
    for u, v, d in G.edges(data=True):
        start, end = _anchors(pos[u], pos[v])
        if d["relation"] == "constrains":
            props = dict(arrowstyle="-|>", color=OKABE_ITO["vermillion"], lw=1.6,
                         linestyle="--")
        elif d["basis"] == "our_reading":
            props = dict(arrowstyle="-|>", color="#444444", lw=1.2, linestyle=":")
        else:
            props = dict(arrowstyle="-|>", color="#222222", lw=1.1, linestyle="-")
        ax.annotate("", xy=end, xytext=start, zorder=1,
                    arrowprops=dict(shrinkA=1, shrinkB=1, mutation_scale=11, **props))
    top = max(y for _, y in pos.values()) + 0.85
    for i, heading in enumerate(COLUMN_HEADINGS):
        ax.text(i * COL_GAP, top, heading, ha="center", va="center", fontsize=10.5, fontweight="bold",
                color="#333333")
    ax.set_xlim(-BOX_W - 0.05, 4 * COL_GAP + BOX_W + 0.05)
    ax.set_ylim(min(y for _, y in pos.values()) - 0.5, top + 0.45)
    ax.set_axis_off()
    ax.figure.subplots_adjust(left=0.01, right=0.99, bottom=0.05, top=0.95)
    handles = [Patch(facecolor=s["face"], edgecolor=s["edge"], linestyle=s["ls"],
                     linewidth=s["lw"], label=s["name"]) for s in KIND_STYLE.values()]
    handles += [Line2D([], [], color="#222222", lw=1.1, label="supports (the article's link)"),
                Line2D([], [], color="#444444", lw=1.2, ls=":", label="supports (our reading)"),
                Line2D([], [], color=OKABE_ITO["vermillion"], lw=1.6, ls="--", label="constrains")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=4,
              fontsize=9, handlelength=2.5)
    return ax


# --- Israel's earlier "special" relationships on one timeline ------------------------------

def decimal_year(date) -> float:
    """A date as a decimal year, for timelines drawn on a plain numeric axis.

    >>> decimal_year(pd.Timestamp("1994-04-27"))
    1994.32
    """
    date = pd.Timestamp(date)
    return round(date.year + (date.day_of_year - 1) / 365.25, 2)


#: Short labels for the events of special_relationship_endings, with a hand-set place:
#: (text, horizontal offset in years, vertical offset in rows, alignment).
PRECEDENT_LABELS = {
    "iran_revolution_1979": ("1979: revolution", 0, 0.3, "center"),
    "south_africa_elections_1994": ("1994: first democratic\nelections", 0, 0.3, "center"),
    "turkey_akp_2002": ("2002: AKP government\n(our reading)", 0.8, 0.3, "right"),
    "turkey_crisis_2000s": ("crisis of the 2000s (p. 65)", 5, -0.3, "center"),
    "turkey_flotilla_2010": ("May 2010:\nflotilla (p. 66)", -0.4, 0.3, "center"),
}
PUBLISHED = 2015.0  # the article: Strategic Assessment 17:4, January 2015


def precedents_frame(root=None) -> pd.DataFrame:
    """Israel's 'special' relationships with the article's decades and the events that ended
    or strained them, one row per relationship and event (``event`` empty for the bar row).

    >>> sorted(precedents_frame()["relationship"].unique())
    ['azerbaijan', 'iran', 'south_africa', 'turkey']
    """
    rel = load("special_relationships", root)
    ends = load("special_relationship_endings", root)
    rows = []
    for r in rel.to_dict("records"):
        start = float(r["start_decade"])
        end = float(r["end_decade"]) + 10 if not pd.isna(r["end_decade"]) else None
        rows.append({"relationship": r["id"], "partner": r["partner"], "start": start, "end": end,
                     "event": None, "role": "special_period", "provenance": "article"})
    for e in ends.to_dict("records"):
        rows.append({"relationship": e["relationship"], "partner": None,
                     "start": decimal_year(e["date"]),
                     "end": decimal_year(e["date_end"]) if not pd.isna(e["date_end"]) else None,
                     "event": e["id"], "role": e["role"],
                     "provenance": "article" if not pd.isna(e["page"]) else "outside"})
    return pd.DataFrame(rows)


def draw_precedents(frame: pd.DataFrame, ax=None, *, azerbaijan_start: float = 1992.25):
    """Draw the relationships as rows: hatched bars for the article's decades (abstract, p. 61),
    markers for what ended or strained them (circles: the article; diamonds: outside sources),
    and a vertical line for the article's publication. Returns the Axes.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 4.8))
    order = ["iran", "south_africa", "turkey", "azerbaijan"]
    names = {"iran": "Iran", "south_africa": "South Africa", "turkey": "Turkey",
             "azerbaijan": "Azerbaijan"}
    blue, verm = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
    for i, rid in enumerate(order):
        y = len(order) - 1 - i
        rows = frame[frame["relationship"] == rid]
        bar = rows[rows["role"] == "special_period"].iloc[0]
        if rid == "azerbaijan":
            ax.barh(y, PUBLISHED - azerbaijan_start, left=azerbaijan_start, height=0.36,
                    color=blue, alpha=0.85, edgecolor="black", linewidth=0.6)
            ax.text(azerbaijan_start + 0.8, y, "relations since April 1992 (p. 62)",
                    ha="left", va="center", fontsize=8.5, color="white", fontweight="bold")
        else:
            ax.barh(y, bar["end"] - bar["start"], left=bar["start"], height=0.36, color="white",
                    edgecolor=blue, hatch="///", linewidth=1.2)
        for e in rows[rows["role"].isin(["ending", "crisis"])].itertuples():
            colour = blue if e.provenance == "article" else verm
            if not pd.isna(e.end):  # a period: a thick line with end ticks
                ax.plot([e.start, e.end], [y, y], color=colour, lw=4, solid_capstyle="butt",
                        marker="|", ms=14, mew=2)
            else:
                ax.plot(e.start, y, marker="o" if e.provenance == "article" else "D", ms=9,
                        color=colour, markeredgecolor="black", zorder=4, linestyle="none")
            text, dx, dy, ha = PRECEDENT_LABELS.get(e.event, (e.event, 0, 0.3, "center"))
            ax.text(e.start + dx, y + dy, text, ha=ha, va="bottom" if dy > 0 else "top",
                    fontsize=8.5)
    ax.axvline(PUBLISHED, color="black", ls="--", lw=1)
    ax.text(PUBLISHED + 0.4, len(order) - 0.45, "article published\n(January 2015)", fontsize=8.5,
            va="top")
    ax.set_yticks(range(len(order)), [names[r] for r in reversed(order)])
    ax.set_ylim(-0.7, len(order) - 0.3)
    ax.set_xlim(1945, 2024)
    ax.set_xlabel("Year")
    ax.grid(axis="y", visible=False)
    handles = [Patch(facecolor="white", edgecolor=blue, hatch="///",
                     label="'special' decades (abstract, p. 61)"),
               Line2D([], [], marker="o", color=blue, markeredgecolor="black", lw=3, ms=8,
                      label="crisis: the article (pp. 65–66)"),
               Line2D([], [], marker="D", color=verm, markeredgecolor="black", ls="none", ms=8,
                      label="end of the regime or government: outside source")]
    ax.legend(handles=handles, loc="lower left", fontsize=8.5)
    return ax


def precedent_gap(frame: pd.DataFrame) -> pd.Series:
    """Years from the end of the article's 'special' decades to the ending event, by
    relationship (the article's decades are rough: they come from the abstract).

    >>> precedent_gap(precedents_frame()).round(1).to_dict()
    {'iran': 9.0, 'south_africa': 4.3, 'turkey': 2.8}
    """
    bars = frame[frame["role"] == "special_period"].set_index("relationship")["end"]
    ends = frame[frame["role"] == "ending"].set_index("relationship")["start"]
    return (ends - bars.reindex(ends.index)).rename("gap_years")
