"""Content lives in data/: an instructor who edits a label, a name, a colour, a weight, a
lane or a year in a copy of data/ sees the figure or table that shows it follow, with no
change to the code. Each test edits one value and looks for it where it is drawn."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors
import pytest

from helpers import DataError, argument, dates, energy, interests, load, monitoring, scorecard
from helpers.data import referenced_rows
from helpers.figures import nb00, nb01, nb02, nb03, nb04, nb05, nb06
from helpers.networks import signed_graph

SRC = "Source: x."


def texts(ax):
    """Every text drawn in a figure: labels, tick labels, legend entries, titles."""
    fig = ax.figure
    out = [t.get_text() for a in fig.axes for t in a.texts]
    out += [t.get_text() for a in fig.axes for t in a.get_yticklabels() + a.get_xticklabels()]
    out += [t.get_text() for a in fig.axes if a.get_legend() for t in a.get_legend().get_texts()]
    out += [t.get_text() for t in fig.texts] + [a.get_title() for a in fig.axes]
    return [t.replace("\n", " ") for t in out]


def test_a_short_label_shows_on_the_karabakh_timeline(edited_data):
    edit = edited_data
    edit("model/short_labels.csv", {"table": "karabakh_timeline", "id": "ceasefire_1994"},
         "label_en", "Bishkek ceasefire (edited)")
    ax = nb02.draw_karabakh(load("karabakh_timeline"), spans=[(1919, 1923), (1986, 1995)],
                            title="t", source=SRC)
    assert "Bishkek ceasefire (edited)" in texts(ax)


def test_a_short_label_shows_on_the_relations_timeline(edited_data):
    edited_data("model/short_labels.csv", {"table": "relations_timeline",
                                           "id": "diplomatic_relations_1992"},
                "label_en", "Relations (edited)")
    frame = nb01.relations_frame(load("relations_timeline"), load("visits"))
    assert "Relations (edited)" in set(frame["label"])
    ax = nb01.draw_relations(frame, title="t", source=SRC)
    assert any("Relations" in t and "(edited)" in t for t in texts(ax))
    first = nb00.relations_events(load("relations_timeline"), load("visits"))
    assert "Relations (edited)" in set(first["label"])


def test_an_actor_name_shows_in_the_network_and_the_matrix(edited_data):
    edited_data("model/actor_styles.csv", {"code": "AZ"}, "display_en", "Azerbaycan")
    ax = nb03.draw_signed(signed_graph("1990s"), title="t", source=SRC)
    assert "Azerbaycan" in texts(ax)
    counts, _ = interests.interest_matrix(load("interests"), holder="IL",
                                          sections=["israeli_interests"])
    assert "Azerbaycan" in counts.columns


def test_an_issue_name_shows_in_the_interests_matrix(edited_data):
    edited_data("model/issues.csv", {"code": "iran"}, "name_en", "The Iranian threat")
    counts, pages = interests.interest_matrix(load("interests"))
    assert "The Iranian threat" in counts.index
    ax = nb02.draw_interests(counts, pages, title="t", source=SRC)
    assert "The Iranian threat" in texts(ax)


def test_a_series_colour_shows_in_the_oil_figures(edited_data):
    edited_data("model/series_styles.csv", {"id": "bp_oil"}, "colour", "#117733")
    for ax in (nb04.draw_production(title="t", source=SRC),
               nb06.draw_oil_to_2025(energy.production(), scorecard.later_output(), title="t",
                                     source=SRC)):
        colours = {mcolors.to_hex(line.get_color()).upper() for line in ax.get_lines()}
        assert "#117733" in colours


def test_the_articles_exhaustion_year_moves_the_oil_figures(edited_data):
    edited_data("article/figures.csv", {"id": "oil_exhaustion_year"}, "value", "2030")
    ax = nb04.draw_production(title="t", source=SRC)
    assert "Article: no oil left in 2030 without new finds" in texts(ax)
    ax = nb06.draw_oil_to_2025(energy.production(), scorecard.later_output(), title="t",
                               source=SRC)
    assert any("no oil sources in 2030" in t for t in texts(ax))
    assert ax.get_xlim()[1] == 2031.5


def test_the_publication_date_moves_the_before_after_line(edited_data):
    edited_data("article/publication.csv", {"id": "lindenstrauss_2015"}, "date", "2015-03-01")
    assert dates.published().month == 3
    ax = nb06.draw_before_after(dates.timeline("before_after"), title="t", source=SRC)
    assert any("March 2015" in t for t in texts(ax))


def test_a_lane_and_an_event_list_come_from_the_data(edited_data):
    edited_data("model/timeline_events.csv", {"figure": "pressures", "id": "georgia_war_2008"},
                "lane", "Moscow")
    frame = nb04.pressure_frame()
    assert "Moscow" in set(frame["lane"]) and "Russia" not in set(frame["lane"])
    ax = nb04.draw_pressures(frame, title="t", source=SRC)
    assert "Moscow" in texts(ax)


def test_an_event_type_name_is_the_lane_of_the_relations_timeline(edited_data):
    edited_data("model/event_types.csv", {"code": "arms"}, "name_en", "Arms trade")
    frame = nb01.relations_frame(load("relations_timeline"), load("visits"))
    assert "Arms trade" in list(frame["lane"].cat.categories)


def test_weight_profiles_come_from_the_data(edited_data):
    edited_data("model/profile_weights.csv", {"profile": "Economy first",
                                              "indicator": "energy_decline"}, "weight", "0")
    scores = monitoring.profile_scores()
    assert monitoring.profiles()["Economy first"]["energy_decline"] == 0
    assert scores.loc["Economy first", "score"] < monitoring.score({"energy_decline": 3})
    edited_data("model/weight_profiles.csv", {"profile": "Equal weights (default)"}, "order", "9")
    assert list(monitoring.profile_scores().index)[-1] == "Equal weights (default)"


def test_the_judgement_scale_comes_from_the_data(edited_data):
    edited_data("model/judgements.csv", {"code": "held"}, "meaning_en", "it came true")
    edited_data("model/judgements.csv", {"code": "held"}, "colour", "#332288")
    assert scorecard.judgements().loc["held", "meaning_en"] == "it came true"
    card = load("scorecard")
    ax = nb06.draw_scorecard(card, scorecard.later_evidence(card), title="t", source=SRC)
    held = [t for t in ax.texts if t.get_text() == "held"]  # the verdict sits on its colour
    assert held and all(mcolors.to_hex(t.get_bbox_patch().get_facecolor()).upper() == "#332288"
                        for t in held)


def test_argument_kind_names_and_column_headings_come_from_the_data(edited_data):
    edited_data("model/argument_kinds.csv", {"code": "claim"}, "name_en", "Intermediate claim")
    edited_data("model/argument_columns.csv", {"x": "1"}, "heading_en", "What follows")
    ax = nb05.draw_argument_map(argument.load_graph(), title="t", source=SRC)
    assert "Intermediate claim" in texts(ax) and "What follows" in texts(ax)


def test_precedent_labels_come_from_the_data(edited_data):
    edited_data("model/short_labels.csv", {"table": "special_relationship_endings",
                                           "id": "iran_revolution_1979"},
                "label_en", "1979: the revolution (edited)")
    ax = nb05.draw_precedents(argument.precedents_frame(), title="t", source=SRC)
    assert any("(edited)" in t for t in texts(ax))


def test_the_iceberg_follows_its_classification(edited_data):
    edited_data("model/iceberg.csv", {"id": "iceberg_2008"}, "surface", "above")
    table = nb01.iceberg_table()
    assert table.set_index("id").loc["iceberg_2008", "surface"] == "above"


def test_a_label_for_a_row_that_does_not_exist_is_refused(edited_data):
    edited_data("model/short_labels.csv", {"table": "karabakh_timeline", "id": "ceasefire_1994"},
                "id", "ceasefire_1995")
    with pytest.raises(DataError, match=r"model/short_labels.csv, row \d+ \(line \d+\), "
                                        r"field 'id': unknown id 'ceasefire_1995'"):
        referenced_rows("short_labels")


def test_a_timeline_event_without_a_short_label_is_refused(edited_data):
    edited_data("model/timeline_events.csv", {"figure": "pressures", "id": "georgia_war_2008"},
                "id", "haaretz_responses_2014")
    with pytest.raises(DataError, match="no short label for "
                                        "relations_timeline/haaretz_responses_2014"):
        dates.timeline("pressures")


def test_vocabularies_agree_with_the_enums_they_name():
    """Where a field keeps an enum (for its order) and refers to a vocabulary (for its
    names), the two list the same codes in the same order."""
    from helpers import data

    def enum(table, field):
        f = next(f for f in data.resource(table)["schema"]["fields"] if f["name"] == field)
        return f["constraints"]["enum"]

    assert enum("scorecard", "our_judgement") == list(scorecard.judgements().index)
    assert enum("relations_timeline", "event_type") == list(load("event_types")["code"])
    assert enum("argument_nodes", "kind") == sorted(load("argument_kinds")["code"],
                                                    key=enum("argument_nodes", "kind").index)


def test_every_actor_drawn_has_a_style():
    styled = set(load("actor_styles")["code"])
    drawn = set(load("interests")["partner"]) | set(load("alignments")["source"])
    drawn |= set(load("alignments")["target"]) | set(load("special_relationships")["partner"])
    drawn |= set(load("visits")["from_code"]) | set(load("displacement")["from_code"])
    assert drawn <= styled, f"no style for {sorted(drawn - styled)}"


def test_which_kinds_of_event_a_timeline_shows_comes_from_the_data(edited_data):
    before = nb00.relations_events(load("relations_timeline"), load("visits"))
    assert "Intelligence" in set(before["lane"])
    edited_data("model/event_types.csv", {"code": "intelligence"}, "in_first_timeline", "false")
    after = nb00.relations_events(load("relations_timeline"), load("visits"))
    assert "Intelligence" not in set(after["lane"]) and len(after) < len(before)
    edited_data("model/event_types.csv", {"code": "intelligence"}, "in_relations_timeline", "true")
    frame = nb01.relations_frame(load("relations_timeline"), load("visits"), last_page=65)
    assert "Intelligence" in list(frame["lane"].cat.categories)
