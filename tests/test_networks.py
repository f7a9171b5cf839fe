"""Signed graphs and structural balance on the article's alignments."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import networkx as nx
import pytest

from helpers import load, networks
from helpers.figures import nb03


def test_graph_follows_the_data():
    ties = load("alignments")
    for period in ("1990s", "2014"):
        g = networks.signed_graph(period)
        assert g.number_of_edges() == (ties["period"] == period).sum()
        assert set(g.nodes) <= set(networks.POSITIONS), "every actor has a fixed position"
    with pytest.raises(ValueError, match="no ties for period"):
        networks.signed_graph("1880s")


def test_1990s_axes_are_two_balanced_camps():
    g = networks.signed_graph("1990s")
    assert networks.balance_summary(g)["unbalanced"] == 0
    left, right = networks.two_camps(g)
    assert {"IL", "TR", "GE", "AZ", "US"} == set(left)
    assert {"SY", "IR", "AM", "RU"} == set(right)


def test_triangle_kinds_by_hand():
    g = nx.Graph()
    g.add_edge("A", "B", sign=1, basis="article")
    g.add_edge("A", "C", sign=1, basis="article")
    g.add_edge("B", "C", sign=-1, basis="article")
    t = networks.triads(g).iloc[0]
    assert (t["negatives"], t["balanced"], t["weakly_balanced"]) == (1, False, False)
    g.edges["A", "B"]["sign"] = -1
    t = networks.triads(g).iloc[0]
    assert (t["negatives"], t["balanced"]) == (2, True)
    g.edges["A", "C"]["sign"] = -1
    t = networks.triads(g).iloc[0]
    assert (t["negatives"], t["balanced"], t["weakly_balanced"]) == (3, False, True)
    assert networks.two_camps(g) is None


def test_flipping_israel_turkey_unbalances_exactly_its_triangles():
    base = networks.signed_graph("1990s")
    g = networks.with_sign(base, "IL", "TR", -1)
    assert base.edges["IL", "TR"]["sign"] == 1, "the original graph is unchanged"
    t = networks.triads(g)
    bad = t[~t["balanced"]]
    assert len(bad) > 0
    assert all({"IL", "TR"} <= {r.a, r.b, r.c} for r in bad.itertuples())
    assert bad["model"].all()
    common = set(base.neighbors("IL")) & set(base.neighbors("TR"))
    assert len(bad) == len(common), "every common neighbour closes one unbalanced triangle"
    with pytest.raises(ValueError):
        networks.with_sign(base, "IL", "TR", 0)


def test_2014_has_the_israel_turkey_azerbaijan_dilemma():
    t = networks.triads(networks.signed_graph("2014"))
    bad = t[~t["balanced"]]
    assert [set(r) for r in bad[["a", "b", "c"]].values] == [{"IL", "TR", "AZ"}]


def test_draw_uses_line_style_and_colour_for_sign():
    g = networks.with_sign(networks.signed_graph("2014"), "IL", "TR", 1)
    ax = nb03.draw_signed(g, title="t", source="Source: x.", highlight=[("IL", "TR", "AZ")])
    styles = {(ln.get_color(), ln.get_linestyle()) for ln in ax.get_lines()}
    assert len(styles) == 2, "+ and − differ in colour and line style"
    assert any(t.get_text() == "model" for t in ax.texts)
    assert ax.get_legend() is not None
    plt.close("all")
