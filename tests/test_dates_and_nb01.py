"""helpers.dates (dates at their precision) and the figures of notebook 01
(helpers.figures.nb01): the relations frame and every figure."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.text import Text

from helpers import dates, load
from helpers.figures import nb01, nb02


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _captions(fig):
    return [t.get_text() for t in fig.texts if t.get_text().startswith("Source")]


@pytest.mark.parametrize("date,precision,start,end", [
    ("2009-05-01", "month", "2009-05-01", "2009-05-31"),
    ("2012-02-01", "month", "2012-02-01", "2012-02-29"),
    ("1997-01-01", "year", "1997-01-01", "1997-12-31"),
    ("2009-06-28", "day", "2009-06-28", "2009-06-28"),
])
def test_article_period(date, precision, start, end):
    assert dates.article_period(pd.Timestamp(date), precision) == (pd.Timestamp(start),
                                                                       pd.Timestamp(end))


def test_article_period_refuses_an_unknown_precision():
    with pytest.raises(ValueError, match="precision"):
        dates.article_period(pd.Timestamp("2009-05-01"), "decade")


def test_compare_dates_uses_the_articles_precision():
    result = dates.compare_dates(load("visits")).set_index("id")
    assert not result.loc["peres_2009", "agrees"]          # May 2009 vs 28-29 June 2009
    assert result.loc["netanyahu_1997", "agrees"]          # "1997" vs 29 August 1997
    assert result.loc["mammadyarov_2013", "agrees"]        # month vs month
    assert result["agrees"].sum() == len(result) - 1
    assert result.loc["peres_2009", "checked_end"] == pd.Timestamp("2009-06-29")


def test_compare_dates_on_the_timeline_and_a_made_up_row():
    tl = load("relations_timeline")
    remark = dates.compare_dates(tl[tl["id"] == "iran_wrong_step_2009"]).iloc[0]
    assert remark["agrees"]  # 21 May 2009 is in May 2009, though not "during" the visit
    made_up = pd.DataFrame({"id": ["x"], "date": [pd.Timestamp("2000-01-01")],
                            "date_precision": ["year"], "checked_date": [pd.Timestamp("2001-03-01")]})
    assert not dates.compare_dates(made_up).iloc[0]["agrees"]
    undated = made_up.assign(checked_date=pd.NaT)
    assert dates.compare_dates(undated).empty


def test_relations_frame_lanes_and_labels():
    f = nb01.relations_frame(load("relations_timeline"), load("visits"))
    counts = f.groupby("lane", observed=True).size()
    assert counts["Visits: Israel → Azerbaijan"] == 6
    assert counts["Visits: Azerbaijan → Israel"] == 1
    assert (f["page"] <= 63).all() and f["start"].notna().all()
    assert (f["start"] <= f["end"]).all()
    peres = f.set_index("id").loc["peres_2009"]
    assert peres["label"] == "Peres May 2009"


def test_iceberg_table_reads_pages_from_the_data():
    t = nb01.iceberg_table()
    assert set(t["surface"]) == {"above", "below"}
    arms = load("arms").set_index("id")
    row = t.set_index("id").loc["iai_deal_2012"]
    assert row["page"] == arms.loc["iai_deal_2012", "page"]
    assert len(t) == len(load("iceberg"))


@pytest.mark.parametrize("draw", [
    lambda: nb01.draw_iceberg(nb01.iceberg_table(), title="t", source="Source: x.").figure,
    lambda: nb01.draw_relations(
        nb01.relations_frame(load("relations_timeline"), load("visits")), band="b",
        flag=["peres_2009"], title="t", source="Source: x.").figure,
    lambda: nb01.draw_visits(load("visits"), title="t", source="Source: x.").figure,
    lambda: nb01.draw_date_check(dates.compare_dates(load("visits")), title="t",
                                       source="Source: x.", article_label="a",
                                       checked_label="c").figure,
    lambda: nb01.draw_arms(load("arms"), load("sipri_arms"), title="t",
                           source="Source: x.").figure,
    lambda: nb02.draw_karabakh(load("karabakh_timeline"), spans=[(1919, 1923), (1986, 1995)],
                               label="id", title="t", source="Source: x.").figure,
], ids=["iceberg", "relations", "visits", "date_check", "arms", "broken_timeline"])
def test_every_figure_has_a_caption_and_a_title(draw):
    fig = draw()
    assert _captions(fig) == ["Source: x."]
    titles = [ax.get_title() for ax in fig.axes] + [fig._suptitle.get_text() if fig._suptitle else ""]
    assert "t" in titles


def test_relations_chart_flags_a_corrected_date():
    frame = nb01.relations_frame(load("relations_timeline"), load("visits"))
    ax = nb01.draw_relations(frame, flag=["peres_2009"], title="t", source="Source: x.")
    texts = [t.get_text() for t in ax.texts]
    assert "Peres May\n2009*" in texts and "Lieberman\nFeb 2010" in texts


def test_labels_stay_inside_the_axes_and_do_not_overlap():
    frame = nb01.relations_frame(load("relations_timeline"), load("visits"))
    ax = nb01.draw_relations(frame, band="band", title="t", source="Source: x.")
    fig = ax.figure
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    frame_box = ax.get_window_extent(r)
    # the label's own box, without its leader line (Text, not Annotation, extent)
    boxes = [Text.get_window_extent(t, r) for t in ax.texts if t.get_text() != "band"]
    for b in boxes:
        assert frame_box.x0 <= b.x0 and b.x1 <= frame_box.x1 + 1
        assert frame_box.y0 <= b.y0 and b.y1 <= frame_box.y1 + 1
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), "two labels overlap"


def test_visits_chart_has_one_block_per_visit():
    ax = nb01.draw_visits(load("visits"), title="t", source="Source: x.")
    assert len(ax.patches) == len(load("visits"))


def test_arms_chart_marks_outside_figures_as_such():
    fig = nb01.draw_arms(load("arms"), load("sipri_arms"), title="t", source="Source: x.").figure
    left, right = fig.axes
    assert len(left.patches) == 3 and len(right.patches) == 4
    labels = [t.get_text() for t in left.get_yticklabels()]
    assert any("SIPRI" in s and "later" in s for s in labels)
    assert any("article" in s for s in labels)
