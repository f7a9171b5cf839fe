"""The article's argument as a map (notebook 05).

The nodes (claims, evidence, counter-pressures, conclusions) and the links between them live in
``data/article/argument_nodes.csv`` and ``argument_edges.csv``; every node is the article's own,
with its page, and every link is OUR reading of a passage cited with its page and quote.
:func:`load_graph` turns them into a ``networkx`` directed graph (drawn by
:func:`helpers.figures.nb05.draw_argument_map` with the hand-set layout stored in the data,
columns ``x`` and ``y``), and :func:`behind` and :func:`pages_behind` read it back ("what lies behind this conclusion?")::

    >>> G = load_graph()
    >>> G.nodes["no_substitute"]["page"]
    68
    >>> sorted(behind(G, "doubts_stability", kind="counter_pressure"))
    ['energy_future', 'regime_dependence']

The module also sets Israel's earlier "special" relationships on one time axis
(:func:`precedents_frame`), the article's precedents for its conclusion (p. 68).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from .data import load
from .dates import decimal_year
from .sources import page_ref

BOX_W, BOX_H = 0.6, 0.42  # half width and half height of a node box, in data units
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
    whether the cited passage marks the link or we infer it (every link is our reading), and
    the node's page.

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


def anchors(a: tuple[float, float], b: tuple[float, float]):
    """Start and end points of an arrow from the box centred at ``a`` to the box at ``b``.

    Between columns an arrow leaves the side of one box and enters the side of the other, so
    it runs in the gap between columns and never through a box of those columns; ends are
    spread along the side by the other box's height, so that arrows into one box do not meet
    at one point. Within a column it runs from the top or bottom edge.

    >>> anchors((0, 0), (COL_GAP, 0))
    ((0.6, 0.0), (0.8, 0.0))
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


# --- Israel's earlier "special" relationships on one timeline ------------------------------

def precedents_frame(root=None) -> pd.DataFrame:
    """Israel's 'special' relationships with the article's decades (or, for Azerbaijan, the
    month relations began) and the events that ended or strained them, one row per
    relationship and event (``event`` empty for the bar row).

    >>> sorted(precedents_frame()["relationship"].unique())
    ['azerbaijan', 'iran', 'south_africa', 'turkey']
    """
    rel = load("special_relationships", root)
    ends = load("special_relationship_endings", root)
    rows = []
    for r in rel.to_dict("records"):
        dated = not pd.isna(r["start_date"])
        start = decimal_year(r["start_date"]) if dated else float(r["start_decade"])
        end = float(r["end_decade"]) + 10 if not pd.isna(r["end_decade"]) else None
        rows.append({"relationship": r["id"], "partner": r["partner"], "start": start, "end": end,
                     "event": None, "role": "special_period", "provenance": "article",
                     "start_date": r["start_date"] if dated else None,
                     "start_precision": r["start_date_precision"] if dated else None,
                     "page": r["page"]})
    for e in ends.to_dict("records"):
        rows.append({"relationship": e["relationship"], "partner": None,
                     "start": decimal_year(e["date"]),
                     "end": decimal_year(e["date_end"]) if not pd.isna(e["date_end"]) else None,
                     "event": e["id"], "role": e["role"],
                     "provenance": "article" if not pd.isna(e["page"]) else "outside"})
    return pd.DataFrame(rows)


def precedent_gap(frame: pd.DataFrame) -> pd.Series:
    """Years from the end of the article's 'special' decades to the ending event, by
    relationship (the article's decades are rough: they come from the abstract).

    >>> precedent_gap(precedents_frame()).round(1).to_dict()
    {'iran': 9.0, 'south_africa': 4.3, 'turkey': 2.8}
    """
    bars = frame[frame["role"] == "special_period"].set_index("relationship")["end"]
    ends = frame[frame["role"] == "ending"].set_index("relationship")["start"]
    return (ends - bars.reindex(ends.index)).rename("gap_years")
