"""The argument map (helpers.argument) and its data: a sound graph, every node the article's,
a layout without overlaps, and the precedents' timeline."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
import pytest

from helpers import argument, dates, load
from helpers.figures import nb05


@pytest.fixture(scope="module")
def G():
    return argument.load_graph()


def test_graph_matches_the_tables(G):
    assert G.number_of_nodes() == len(load("argument_nodes"))
    assert G.number_of_edges() == len(load("argument_edges"))
    assert {d["kind"] for _, d in G.nodes(data=True)} == set(load("argument_kinds")["code"]) == set(nb05.KIND_SHAPE)


def test_the_argument_is_not_circular(G):
    assert nx.is_directed_acyclic_graph(G)


def test_every_statement_leads_to_a_conclusion(G):
    conclusions = {n for n, d in G.nodes(data=True) if d["kind"] == "conclusion"}
    for n, d in G.nodes(data=True):
        if d["kind"] != "conclusion":
            assert nx.descendants(G, n) & conclusions, f"{n} leads to no conclusion"


def test_evidence_has_no_incoming_links_and_conclusions_are_on_the_last_pages(G):
    for n, d in G.nodes(data=True):
        if d["kind"] == "evidence":
            assert G.in_degree(n) == 0, n
        if d["kind"] == "conclusion":
            assert d["section"] == "conclusion" and d["page"] in (68, 69), n


def test_only_the_abstract_goes_unquoted():
    nodes = load("argument_nodes")
    unquoted = nodes[nodes["quote_he"].isna()]
    assert set(unquoted["section"]) <= {"abstract"}
    assert unquoted["remark"].notna().all()


def test_our_readings_say_why():
    edges = load("argument_edges")
    ours = edges[edges["basis"] == "inferred"]
    assert len(ours) >= 1 and ours["remark"].notna().all()


def test_boxes_do_not_overlap(G):
    pos = {n: (d["x"] * argument.COL_GAP, d["y"]) for n, d in G.nodes(data=True)}
    for a, b in itertools.combinations(pos, 2):
        (xa, ya), (xb, yb) = pos[a], pos[b]
        apart = abs(xa - xb) >= 2 * argument.BOX_W or abs(ya - yb) >= 2 * argument.BOX_H
        assert apart, f"{a} and {b} overlap"


def test_anchors_leave_and_enter_the_boxes_on_the_facing_sides():
    start, end = argument.anchors((0, 0), (argument.COL_GAP, 5))
    assert start[0] == pytest.approx(argument.BOX_W)
    assert end[0] == pytest.approx(argument.COL_GAP - argument.BOX_W)
    assert 0 < start[1] <= argument.BOX_H and 5 - argument.BOX_H <= end[1] < 5
    start, end = argument.anchors((1, 0), (1, 3))  # same column: top to bottom
    assert start == pytest.approx((1, argument.BOX_H)) and end == pytest.approx((1, 3 - argument.BOX_H))


def test_behind_and_pages_behind(G):
    assert argument.behind(G, "doubts_stability", kind="counter_pressure") == {
        "regime_dependence", "energy_future"}
    assert argument.behind(G, "no_such_node") == set()
    assert argument.behind(G, "gains_justify_risk", relation="constrains") == {"doubts_stability"}
    pages = argument.pages_behind(G, "gains_justify_risk")
    assert pages == sorted(pages) and set(pages) <= set(range(61, 70))


def test_tables(G):
    links = argument.links_table(G, "gains_justify_risk")
    assert set(links["relation"]) == {"supports", "constrains"}
    table = argument.conclusions_table(G)
    assert len(table) == sum(d["kind"] == "conclusion" for _, d in G.nodes(data=True))
    assert list(table.columns) == ["conclusion", "page", "supported by", "constrained by"]
    assert argument.links_table(G, "precedents").empty


def test_page_tag():
    assert argument.page_tag(68, pd.NA) == "p. 68"
    assert argument.page_tag(67, 40) == "p. 67, n. 40"


def test_draw_puts_every_box_and_arrow_on_the_figure(G):
    fig, ax = plt.subplots()
    nb05.draw_argument_map(G, ax=ax, title="t", source="Source: x.")
    assert len(ax.patches) == G.number_of_nodes()
    arrows = [c for c in ax.texts if c.get_text() == "" and hasattr(c, "arrow_patch")]
    assert len(arrows) == G.number_of_edges()
    assert ax.get_legend() is not None
    plt.close(fig)


def test_precedents_frame_and_drawing():
    frame = argument.precedents_frame()
    endings = frame[frame["role"] == "ending"]
    assert set(endings["relationship"]) == {"iran", "south_africa", "turkey"}
    assert (endings["provenance"] == "outside").all()
    gaps = argument.precedent_gap(frame)
    assert (gaps > 0).all()
    fig, ax = plt.subplots()
    nb05.draw_precedents(frame, ax=ax, title="t", source="Source: x.")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Azerbaijan", "Turkey",
                                                             "South Africa", "Iran"]
    plt.close(fig)


def test_decimal_year():
    assert dates.decimal_year("2015-01-01") == 2015.0
    assert 2023.2 < dates.decimal_year("2023-03-29") < 2023.3
