"""Our models do not speak for the article (issue 11): the argument map's links, the
scorecard's rows and the notebooks' key points say where they are our reading or our
judgement, and keep to the article's own degree of certainty."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import nbformat
import pytest

from conftest import NOTEBOOKS
from helpers import argument, data, load, scorecard
from helpers.figures import nb05


def _cell(notebook: str, cell: str) -> str:
    [path] = [p for p in NOTEBOOKS if p.name.startswith(notebook)]
    [c] = [c for c in nbformat.read(path, as_version=4).cells if c.id == cell]
    return re.sub(r"\s+", " ", re.sub(r"(?m)^>[ \t]?", "", c.source))


def _bullets(text: str) -> list[str]:
    return [b.strip() for b in re.split(r"(?:^| )- ", text)[1:]]


# --- the argument map ------------------------------------------------------------------------

def test_every_link_is_our_reading_of_a_cited_passage():
    edges = load("argument_edges")
    assert edges["quote_he"].notna().all(), "every link cites the passage it is read from"
    assert set(edges["basis"]) == {"marked", "inferred"}
    assert edges["remark"].notna().all()
    assert "OUR reading of a cited passage" in data.resource("argument_edges")["description"]


def test_the_map_legend_calls_every_link_ours():
    fig, ax = plt.subplots()
    nb05.draw_argument_map(argument.load_graph(), ax=ax, title="t", source="Source: x.")
    arrows = [t.get_text() for t in ax.get_legend().get_texts()
              if t.get_text().startswith(("supports", "constrains"))]
    plt.close(fig)
    assert len(arrows) == 3 and all("our reading" in a for a in arrows)


def test_the_thesis_sets_the_neighbours_beside_the_dynasty():
    """p. 61, lines 30-34: the neighbours' pressure and the stability of Aliyev rule, side by
    side, against the shared interests."""
    edges = load("argument_edges").set_index(["from", "to"])
    for source in ("neighbours", "regime_dependence"):
        link = edges.loc[(source, "many_interests")]
        assert link["relation"] == "constrains" and link["page"] == 61, source


def test_the_doubts_solution_does_not_set_outside_pressure_aside():
    solution = _cell("05", "cell-031")
    assert "not about pressure from outside" not in solution
    assert "(p. 61)" in solution and "(p. 66)" in solution, \
        "the solution sets the thesis (p. 61) and the neighbours (p. 66) beside the doubts"


def test_the_precedent_gaps_are_not_offered_as_evidence():
    assert "not evidence for the article's lesson" in _cell("05", "cell-021")


# --- the scorecard ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def card():
    return load("scorecard").set_index("id")


def test_the_west_conditional_is_scored(card):
    """The article's one explicit conditional about the West (p. 61, lines 46-48), set against
    the wars of 2020 and 2023, with OUR judgement and the single-source report named as such."""
    row = card.loc["west_conditional"]
    assert row["page"] == 61 and bool(row["explicit"]) and row["voice"] == "author"
    assert "הרפתקנית" in row["quote_he"]
    events = scorecard.split_refs(row["later_event_ids"])
    assert {"second_karabakh_war_2020", "nk_offensive_2023", "hajiyev_harop_2020"} <= set(events)
    assert row["our_judgement"] in scorecard.judgements().index
    assert "reported by the Times of Israel" in row["outcome_en"]
    assert "by one estimate, SIPRI's" in row["outcome_en"]
    assert "checked-facts list" not in row["outcome_en"] + row["source"], "cite SIPRI, not the list"
    shown = _cell("06", "cell-015-1")
    assert "(p. 61)" in shown and "Our judgement" in shown
    assert "SIPRI" in shown.split("Our judgement")[0] and "5,700 deaths by one estimate" in shown, \
        "the outside block names SIPRI with the one fact it gives"


def test_the_conditional_about_the_west_met_our_reading_of_its_test():
    """The article does not define an 'adventurous policy' (p. 61): the test of 2020 and 2023
    is the one we take it to be, not an obvious one."""
    for cell in ("cell-022", "cell-022-1"):
        text = _cell("06", cell)
        assert "obvious" not in text and "what we take to be its test" in text, cell


#: How the solution of Exercise 3 names each judgement (a pattern).
AS_WRITTEN = {"held": r"\bheld\b(?! partly)", "partly": r"\bheld partly\b",
              "open": r"\bremain open\b", "not_testable": r"\bcannot be tested\b",
              "overtaken": r"\bovertaken\b"}


def test_the_crosstab_solution_names_every_judgement_of_the_explicit_rows(card):
    """cell-036: 'The explicit ones held, held partly, remain open or ... cannot be tested' lists
    each judgement an explicit row carries, and 'overtaken' only if one does."""
    text = _cell("06", "cell-036")
    sentence = re.search(r"The explicit ones ([^.]*)\.", text)[1]
    explicit = set(card.loc[card["explicit"].astype(bool), "our_judgement"])
    for code, words in AS_WRITTEN.items():
        named = re.search(words, sentence) is not None
        assert named == (code in explicit), f"{code!r}: {sentence!r}"


def test_the_embassy_is_not_scored_as_a_step_the_neighbours_discouraged(card):
    """The article ties the embassy refusal to the Muslim world (p. 68, n. 42), and on the
    neighbours notes that the Azeris see no strategic reason to end the alliance (p. 66)."""
    row = card.loc["neighbours_constrain"]
    assert "embassy_opened_2023" not in scorecard.split_refs(row["later_event_ids"])
    assert "embassy" not in row["outcome_en"].lower()
    assert "p. 66" in row["judgement_reason_en"]
    assert "embassy_opened_2023" in scorecard.split_refs(card.loc["embassy_refusal",
                                                                  "later_event_ids"])


def test_the_epilogues_key_points_say_whose_judgement_a_verdict_is():
    verdict = re.compile(r"\b(held|overtaken|open)\b")
    for bullet in _bullets(_cell("06", "cell-022-1")):
        if verdict.search(bullet):
            assert re.search(r"our judgement|we judge", bullet), bullet


# --- certainty as the article words it ------------------------------------------------------

def test_no_substitute_keeps_in_many_respects():
    """«במובנים רבים» (p. 68): no sentence of the prose drops 'in many respects'."""
    for path in NOTEBOOKS:
        for c in nbformat.read(path, as_version=4).cells:
            if c.cell_type != "markdown":
                continue
            text = re.sub(r"\s+", " ", re.sub(r"(?m)^>[ \t]?", "", c.source))
            for sentence in re.split(r"(?<=[.?!])\s", text):
                if re.search(r"there is (in many respects )?no substitute", sentence):
                    assert "many respects" in sentence, f"{path.name}, {c.id}: {sentence}"


def test_almost_certainly_is_not_softened():
    """«קרוב לוודאי» (p. 68): relations with the new regime will almost certainly be troubled."""
    text = _cell("04", "cell-024-1")
    assert "likely to be troubled" not in text
    assert "«קרוב לוודאי», almost certainly" in text


def test_the_horizon_of_decades_is_labelled_ours():
    text = _cell("04", "cell-020-b1")
    assert "horizon is 2025" in text and re.search(r"horizon of decades is ours", text)
