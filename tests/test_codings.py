"""Where the collection codes the article, the data say whose the coding is: the signed ties of
notebook 03 (stated by the article, inferred from its axes, or signed by us), the one-partner
coding of Azerbaijan's interests in notebook 02, and the Azerbaijan–Iran border, measured on
our generalised polygons beside the length that is published."""

from __future__ import annotations

import pytest

from helpers import interests, load, maps, networks


def _tie(period: str, a: str, b: str):
    t = load("alignments")
    rows = t[(t["period"] == period) & (((t["source"] == a) & (t["target"] == b))
                                        | ((t["source"] == b) & (t["target"] == a)))]
    assert len(rows) == 1, f"{period} {a}–{b}: {len(rows)} rows"
    return rows.iloc[0]


def test_every_tie_says_whose_it_is_with_the_page_of_its_evidence():
    t = load("alignments")
    assert set(t["basis"]) <= {"article", "inferred_from_axis", "our_coding"}, \
        "model_assumption is for ties a notebook adds, not for rows of the table"
    assert t["page"].notna().all() and t["quote_he"].notna().all()
    assert not ((t["period"] == "2014") & (t["basis"] == "inferred_from_axis")).any()
    ours = t[t["basis"] == "our_coding"]
    assert len(ours) > 0
    assert ours["remark"].str.startswith("Our coding").all(), "a coded sign says so"
    assert ours["remark"].str.contains("leaves out").all(), "and what the sign leaves out"


def test_russian_support_for_armenia_is_stated_not_inferred():
    """The article states Russian aid to Armenia (p. 64; the Haaretz responses, p. 62, n. 4)."""
    tie = _tie("1990s", "RU", "AM")
    assert (tie["basis"], tie["sign"], tie["page"]) == ("article", 1, 64)
    assert "could not continue to control" in tie["remark"], "«להמשיך לשלוט» (p. 64)"
    assert "in the 1990s is our coding" in tie["remark"], "the article gives the aid no decade"


def test_azerbaijan_turkey_plus_is_said_to_simplify_mixed_evidence():
    """Great importance and 'one nation, two states' (pp. 64, 66), but points of dispute and
    Turkish pressure (pp. 64, 66): the +1 stays on the article's basis, the simplification is
    ours."""
    tie = _tie("2014", "AZ", "TR")
    assert (tie["basis"], tie["sign"]) == ("article", 1)
    assert "simplifies" in tie["remark"] and "our reading" in tie["remark"]
    assert "some of the religionisation processes" in tie["remark"], "«חלק מתהליכי ההדתה»"


@pytest.mark.parametrize("other", ["IR", "RU"])
def test_baku_and_its_big_neighbours_are_signed_by_us(other):
    """Threat and restraint both stand in the article (pp. 63–64, 66, 68): the −1 is ours, and
    Iran and Russia are coded alike."""
    tie = _tie("2014", "AZ", other)
    assert (tie["basis"], tie["sign"]) == ("our_coding", -1)


def test_in_2014_only_the_stated_triangle_is_unbalanced():
    t = networks.triads(networks.signed_graph("2014"))
    stated = t[t["stated"]]
    assert [set(r) for r in stated[["a", "b", "c"]].values] == [{"IL", "TR", "AZ"}]
    assert not stated["balanced"].any()
    assert not (t["balanced"] & t["stated"]).any(), "the balanced ones rest on our coding"


def test_the_stated_1990s_ties_alone_hold_one_triangle():
    g = networks.signed_graph("1990s", bases=("article",))
    assert networks.balance_summary(g)["triangles"] == 1


def test_one_partner_per_statement_hides_israel_and_the_flag_shows_it():
    table = load("interests")
    az = table[(table["holder"] == "AZ") & (table["section"] == "azerbaijani_interests")]
    named = set(az.loc[az["names_israel"].astype(bool), "id"])
    assert named == {"az_iran_existential", "az_russia_balance", "az_washington_image"}
    assert not table.loc[table["partner"] == "IL", "names_israel"].any()
    assert not table.loc[table["holder"] == "IL", "names_israel"].any()
    one, _ = interests.interest_matrix(table)
    also, pages = interests.interest_matrix(table, also_israel=True)
    assert (one["Israel"] > 0).sum() == 1
    assert also["Israel"].sum() == one["Israel"].sum() + len(named)
    assert also.drop(columns="Israel").equals(one.drop(columns="Israel"))
    assert pages.loc["Help in Washington", "Israel"] == "64 n.15"


def test_the_published_border_is_the_sum_of_its_stretches():
    b = load("border_lengths").set_index("stretch")["length_km"]
    assert b["total"] == b["mainland"] + b["nakhchivan_exclave"]


def test_generalised_polygons_give_a_shorter_border_than_the_published_one():
    """The lesson of notebook 03: the simplified line is short on both stretches."""
    published = load("border_lengths").set_index("stretch")["length_km"]
    nakhchivan, mainland = sorted(maps.shared_border("AZ", "IR")["km"])
    assert mainland < published["mainland"] and nakhchivan < published["nakhchivan_exclave"]
    assert 0.8 < (mainland + nakhchivan) / published["total"] < 1
