"""Signed networks of alignment and structural balance (Heider triads).

The article describes the 1990s as two opposed axes: a US-backed Israel–Turkey–Georgia–
Azerbaijan axis meant to balance a Syria–Iran–Armenia–Russia axis (p. 65, n. 21).
``data/article/alignments.csv`` turns that into signed ties (+1 friendly, −1 hostile) for two
periods, '1990s' and '2014', and its ``basis`` column says which ties the article states
(``article``), which only follow from axis membership (``inferred_from_axis``) and which
relations the article describes without a clear sign, so that the sign is ours
(``our_coding``). A tie that a notebook adds or changes is marked ``model_assumption``.

The figures of these networks are in :mod:`helpers.figures.nb03`.

Balance theory looks at triangles of three actors who are all tied to each other. A triangle
is *balanced* when the product of its three signs is positive: all friends (+ + +), or two
friends with a common enemy (+ − −). It is *unbalanced* with exactly one negative tie
(+ + −: my two friends are enemies of each other) or three (− − −, which a weaker version
of the theory accepts). ::

    >>> g = signed_graph("1990s")
    >>> g.number_of_nodes(), g.number_of_edges()
    (9, 32)
    >>> balance_summary(g)["unbalanced"]
    0
    >>> two_camps(g)
    (['US', 'IL', 'TR', 'GE', 'AZ'], ['IR', 'SY', 'AM', 'RU'])
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pandas as pd

from .data import load

# Fixed positions (not a random layout): the first axis on the left, the counter-axis on the
# right, the United States above the axis it backed. Same positions for every period, so
# figures can be compared side by side.
POSITIONS = {
    "US": (0.65, 2.7),
    "IL": (-0.15, 1.2), "TR": (1.1, 1.6), "GE": (-0.2, 0.3), "AZ": (1.15, -0.15),
    "IR": (3.5, 1.6), "SY": (4.75, 1.2), "AM": (3.45, -0.15), "RU": (4.8, 0.3),
}
# The two camps mirror each other, and the positions are chosen so that no tie of the data
# (Azerbaijan–Russia included) passes closer than 0.25 units to a third node.
ORDER = list(POSITIONS)  # the order in which nodes and triangles are listed


def _rank(node: str) -> int:
    return ORDER.index(node) if node in ORDER else len(ORDER)


def _sorted(nodes) -> list[str]:
    return sorted(nodes, key=lambda n: (_rank(n), n))


def signed_graph(period: str, bases=None) -> nx.Graph:
    """The signed, undirected graph of one period of ``alignments.csv``.

    Each edge carries ``sign`` (+1/−1), ``basis``, ``page``, ``note`` and the row ``id``.
    ``bases`` keeps only the ties of those bases (e.g. ``("article",)``).

    >>> g = signed_graph("2014")
    >>> g.edges["IL", "TR"]["sign"], g.edges["IL", "TR"]["basis"]
    (-1, 'article')
    >>> signed_graph("1990s", bases=("article",)).number_of_edges()
    6
    """
    ties = load("alignments")
    ties = ties[ties["period"] == period]
    if ties.empty:
        raise ValueError(f"no ties for period {period!r}; periods: 1990s, 2014")
    if bases is not None:
        ties = ties[ties["basis"].isin(list(bases))]
    g = nx.Graph(period=period)
    for row in ties.itertuples(index=False):
        g.add_edge(row.source, row.target, sign=int(row.sign), basis=str(row.basis),
                   page=int(row.page), note=None if pd.isna(row.note) else int(row.note),
                   id=row.id)
    return g


def with_sign(g: nx.Graph, a: str, b: str, sign: int, basis: str = "model_assumption") -> nx.Graph:
    """A copy of ``g`` in which the tie a–b has ``sign`` (added if missing), marked as a
    model assumption. The original graph is left unchanged.

    >>> g = with_sign(signed_graph("1990s"), "IL", "TR", -1)
    >>> g.edges["TR", "IL"]["sign"], g.edges["TR", "IL"]["basis"]
    (-1, 'model_assumption')
    """
    if sign not in (1, -1):
        raise ValueError("sign is +1 or -1")
    h = g.copy()
    h.add_edge(a, b, sign=sign, basis=basis, page=None, note=None, id=f"model_{a}_{b}".lower())
    return h


KINDS = {
    0: "all friends (balanced)",
    1: "two friends are enemies (unbalanced)",
    2: "common enemy (balanced)",
    3: "all enemies (unbalanced; weak balance accepts it)",
}


def triads(g: nx.Graph) -> pd.DataFrame:
    """Every closed triangle of ``g`` with its signs and whether it is balanced.

    Columns: ``a``, ``b``, ``c`` (fixed order), ``signs`` (signs of a–b, a–c, b–c),
    ``negatives`` (how many ties are −), ``balanced`` (product of signs > 0, Heider),
    ``weakly_balanced`` (not exactly one negative tie), ``kind`` (a readable description),
    ``stated`` (True if the article states all three ties, basis ``article``), ``model``
    (True if a tie of the triangle is a model assumption).

    >>> t = triads(signed_graph("2014"))
    >>> t[["a", "b", "c", "signs", "balanced", "stated"]]
        a   b   c  signs  balanced  stated
    0  IL  TR  AZ  − + +     False    True
    1  IL  AZ  IR  + − −      True   False
    2  AZ  IR  AM  − − +      True   False
    3  AZ  AM  RU  − − +      True   False
    """
    rows = []
    for a, b, c in combinations(_sorted(g.nodes), 3):
        if g.has_edge(a, b) and g.has_edge(a, c) and g.has_edge(b, c):
            ties = [g.edges[a, b], g.edges[a, c], g.edges[b, c]]
            signs = [t["sign"] for t in ties]
            neg = signs.count(-1)
            rows.append({"a": a, "b": b, "c": c,
                         "signs": " ".join("+" if s > 0 else "−" for s in signs),
                         "negatives": neg, "balanced": neg % 2 == 0,
                         "weakly_balanced": neg != 1, "kind": KINDS[neg],
                         "stated": all(t["basis"] == "article" for t in ties),
                         "model": any(t["basis"] == "model_assumption" for t in ties)})
    cols = ["a", "b", "c", "signs", "negatives", "balanced", "weakly_balanced", "kind", "stated",
            "model"]
    return pd.DataFrame(rows, columns=cols)


def balance_summary(g: nx.Graph) -> dict:
    """Counts of triangles: all, balanced, unbalanced, and the share balanced.

    >>> balance_summary(signed_graph("2014"))
    {'triangles': 4, 'balanced': 3, 'unbalanced': 1, 'share_balanced': 0.75}
    """
    t = triads(g)
    n, ok = len(t), int(t["balanced"].sum())
    return {"triangles": n, "balanced": ok, "unbalanced": n - ok,
            "share_balanced": round(ok / n, 2) if n else float("nan")}


def two_camps(g: nx.Graph):
    """Split the nodes into two camps with every + tie inside a camp and every − tie across,
    or return None if no such split exists.

    A signed graph can be split like this exactly when every cycle has an even number of
    negative ties; for a graph in which everyone is tied to everyone, exactly when every
    triangle is balanced (the structure theorem of Cartwright and Harary).

    >>> two_camps(with_sign(signed_graph("1990s"), "IL", "TR", -1)) is None
    True
    """
    side: dict[str, int] = {}
    for start in _sorted(g.nodes):
        if start in side:
            continue
        side[start] = 0
        queue = [start]
        while queue:
            u = queue.pop(0)
            for v in _sorted(g.neighbors(u)):
                want = side[u] if g.edges[u, v]["sign"] > 0 else 1 - side[u]
                if v not in side:
                    side[v] = want
                    queue.append(v)
                elif side[v] != want:
                    return None
    camps = ([n for n in _sorted(side) if side[n] == 0], [n for n in _sorted(side) if side[n] == 1])
    return camps
