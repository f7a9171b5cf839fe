"""Reading a 2015 assessment in 2026 (notebook 06): the scorecard of the article's assessments
against what happened next, the before/after timeline, and the oil series against the
article's 2025 claim.

The scorecard lives in ``data/external/scorecard.csv``: each assessment has its page and quote,
the later events it is set against (ids of ``events_after_2015``), other later evidence
(``table/id`` references) and OUR judgement, for discussion::

    >>> card = load("scorecard")
    >>> card.set_index("id").loc["embassy_refusal", "our_judgement"]
    'overtaken'
    >>> split_refs("a;b")
    ['a', 'b']
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .argument import PUBLISHED, decimal_year
from .data import load
from .plots import GREY, OKABE_ITO
from .sources import cite

#: OUR judgements, in the order tables and figures use, with what each means.
JUDGEMENTS = {
    "held": "later events matched it",
    "partly": "part held; part did not, or cannot be checked",
    "overtaken": "events moved past it",
    "open": "its test has not come, or the checked data do not reach it",
    "not_testable": "no later event could show it wrong",
}
JUDGEMENT_COLOURS = {"held": OKABE_ITO["green"], "partly": OKABE_ITO["orange"],
                     "overtaken": OKABE_ITO["vermillion"], "open": OKABE_ITO["sky"],
                     "not_testable": GREY}
ARTICLE, OUTSIDE = OKABE_ITO["blue"], OKABE_ITO["vermillion"]


def split_refs(value) -> list[str]:
    """A ';'-separated cell as a list (empty cell: empty list).

    >>> split_refs(None)
    []
    >>> split_refs("oil_production/az_2020;sipri_arms/x")
    ['oil_production/az_2020', 'sipri_arms/x']
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return []
    return str(value).split(";")


def _when(table: str, row: pd.Series) -> tuple[pd.Timestamp, str]:
    """Date and short text of a referenced row. Figures for a period or a year are placed at
    the end of the period they cover (when they could first be known)."""
    if table in ("events_after_2015", "azerbaijan_elections"):
        return pd.Timestamp(row["date"]), row["event_en"]
    if table == "oil_production":
        return (pd.Timestamp(int(row["year"]), 12, 31),
                f"oil output {int(row['year'])}: {row['oil_production_kbd']:,.1f} kb/d")
    if table == "sipri_arms":
        return (pd.Timestamp(int(row["period_end"]), 12, 31),
                f"{row['remark']} {int(row['period_start'])}-{int(row['period_end'])}: "
                f"{row['value']:g} {row['unit']}")
    raise ValueError(f"no rule for dating rows of {table!r}")


def later_evidence(card: pd.DataFrame, root=None) -> pd.DataFrame:
    """One row per (assessment, later evidence): the reference, its date, whether it is an
    event (events_after_2015) or data, and a short text.

    >>> ev = later_evidence(load("scorecard"))
    >>> sorted(ev["kind"].unique())
    ['data', 'event']
    """
    tables: dict[str, pd.DataFrame] = {}
    rows = []
    for r in card.to_dict("records"):
        refs = [f"events_after_2015/{i}" for i in split_refs(r["later_event_ids"])]
        refs += split_refs(r["other_refs"])
        for ref in refs:
            table, key = ref.split("/")
            if table not in tables:
                tables[table] = load(table, root).set_index("id")
            date, text = _when(table, tables[table].loc[key])
            rows.append({"assessment": r["id"], "ref": ref, "date": date,
                         "kind": "event" if table == "events_after_2015" else "data",
                         "text": text})
    return pd.DataFrame(rows, columns=["assessment", "ref", "date", "kind", "text"])


def first_later_event(card: pd.DataFrame, root=None) -> pd.Series:
    """For each assessment with later events, the date of the first of them.

    >>> str(first_later_event(load("scorecard"))["embassy_refusal"].date())
    '2022-11-18'
    """
    ev = later_evidence(card, root)
    return ev[ev["kind"] == "event"].groupby("assessment")["date"].min().rename("first_event")


def draw_scorecard(card: pd.DataFrame, evidence: pd.DataFrame, ax=None):
    """Each assessment as a row (grouped by OUR judgement), its later evidence as markers on a
    time axis from the article's publication; OUR judgement written in its colour at the
    right. Returns the Axes."""
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 6.5))
    order = list(JUDGEMENTS)
    card = card.assign(_j=card["our_judgement"].astype(str).map(order.index))
    card = card.sort_values(["_j", "page", "id"], ascending=[False, False, False],
                            ignore_index=True)
    for y, r in enumerate(card.itertuples()):
        ax.plot([PUBLISHED, 2025.2], [y, y], color="#DDDDDD", lw=1, zorder=1)
        mine = evidence[(evidence["assessment"] == r.id) & (evidence["date"] >= "2015-01-01")]
        for kind, marker, face in (("event", "D", OUTSIDE), ("data", "s", "white")):
            x = [decimal_year(d) for d in mine.loc[mine["kind"] == kind, "date"]]
            ax.plot(x, [y] * len(x), marker=marker, ls="none", ms=7, markerfacecolor=face,
                    markeredgecolor="black", zorder=3)
        ax.text(2025.6, y, str(r.our_judgement).replace("_", " "), va="center", fontsize=9,
                color=JUDGEMENT_COLOURS[str(r.our_judgement)], fontweight="bold")
    ax.set_yticks(range(len(card)), [f"{r.label_en} (p. {r.page})" for r in card.itertuples()],
                  fontsize=9)
    ax.set_xlim(PUBLISHED - 0.3, 2027.6)
    ax.set_xticks(range(2015, 2026, 2))
    ax.set_ylim(-1.6, len(card) + 0.2)
    ax.grid(axis="y", visible=False)
    ax.axvline(PUBLISHED, color="black", ls="--", lw=1)
    ax.set_xlabel("Date of the later evidence (figures for a period: at its end)")
    handles = [Line2D([], [], marker="D", ls="none", markerfacecolor=OUTSIDE,
                      markeredgecolor="black", label="later event (events_after_2015)"),
               Line2D([], [], marker="s", ls="none", markerfacecolor="white",
                      markeredgecolor="black", label="later data (SIPRI, BP, elections)")]
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.45, 0.0), ncol=2,
              fontsize=9)
    ax.text(2025.6, len(card) - 0.4, "OUR judgement", fontsize=9, va="bottom")
    return ax


# --- one timeline: the article's period and what came after ---------------------------------

LANES = ["Karabakh", "Israel–Azerbaijan", "Azerbaijan: regime and oil"]
#: The events on the before/after timeline: table/id -> (lane, short label).
TIMELINE_EVENTS = {
    "karabakh_timeline/secession_declaration_1988": ("Karabakh", "secession\ndeclared"),
    "karabakh_timeline/independence_1992": ("Karabakh", "independence\ndeclared"),
    "karabakh_timeline/ceasefire_1994": ("Karabakh", "ceasefire"),
    "events_after_2015/four_day_war_2016": ("Karabakh", "Four-Day\nWar"),
    "events_after_2015/second_karabakh_war_2020": ("Karabakh", "44-day\nwar"),
    "events_after_2015/nk_offensive_2023": ("Karabakh", "offensive"),
    "events_after_2015/nk_dissolution_effective_2024": ("Karabakh", "NK Republic\nends"),
    "relations_timeline/diplomatic_relations_1992": ("Israel–Azerbaijan", "relations"),
    "relations_timeline/israel_embassy_baku_1993": ("Israel–Azerbaijan", "Israeli embassy\nin Baku"),
    "relations_timeline/peres_2009": ("Israel–Azerbaijan", "Peres\nvisit"),
    "relations_timeline/iai_deal_report_2012": ("Israel–Azerbaijan", "IAI deal\nreported"),
    "relations_timeline/yaalon_2014": ("Israel–Azerbaijan", "Ya'alon\nvisit"),
    "events_after_2015/hajiyev_harop_2020": ("Israel–Azerbaijan", "Harop\npraised"),
    "events_after_2015/parliament_embassy_vote_2022": ("Israel–Azerbaijan", "embassy\nvote"),
    "events_after_2015/embassy_opened_2023": ("Israel–Azerbaijan", "embassy in\nTel Aviv"),
    "relations_timeline/term_limits_abolished_2009": ("Azerbaijan: regime and oil", "term limits\nabolished"),
    "relations_timeline/oil_peak_2010": ("Azerbaijan: regime and oil", "oil\npeak"),
    "azerbaijan_elections/election_2013": ("Azerbaijan: regime and oil", "elections"),
    "azerbaijan_elections/election_2018": ("Azerbaijan: regime and oil", "Aliyev\nre-elected"),
    "azerbaijan_elections/election_2024": ("Azerbaijan: regime and oil", "Aliyev\nre-elected"),
}


def timeline_frame(events: dict[str, tuple[str, str]] | None = None, root=None) -> pd.DataFrame:
    """The events of :data:`TIMELINE_EVENTS` with date, lane, label and provenance: 'article'
    for rows of the article's tables (or with a page), 'outside' for later facts.

    >>> tf = timeline_frame()
    >>> bool((tf.loc[tf["provenance"] == "outside", "date"] > "2015-01-01").all())
    True
    """
    events = TIMELINE_EVENTS if events is None else events
    rows = []
    for ref, (lane, label) in events.items():
        table, key = ref.split("/")
        row = load(table, root).set_index("id").loc[key]
        has_page = "page" in row.index and not pd.isna(row["page"])
        rows.append({"ref": ref, "date": pd.Timestamp(row["date"]), "lane": lane, "label": label,
                     "provenance": "article" if has_page else "outside",
                     "page": int(row["page"]) if has_page else None,
                     "source": cite(row["page"], row.get("note")) if has_page
                     else row["source"]})
    return pd.DataFrame(rows).sort_values(["lane", "date"], ignore_index=True)


def outside_sources(frame: pd.DataFrame) -> list[str]:
    """The distinct outside sources of a frame with ``provenance`` and ``source`` columns, in
    order of first appearance (for a figure caption).

    >>> outside_sources(pd.DataFrame({"provenance": ["outside", "article", "outside"],
    ...                               "source": ["B", "A", "B; C"]}))
    ['B', 'C']
    """
    rows = frame[frame["provenance"] == "outside"]
    parts = [part.strip() for source in rows["source"] for part in source.split(";")]
    return list(dict.fromkeys(parts))


def draw_before_after(frame: pd.DataFrame, ax=None):
    """One time axis, three lanes: the article's events (blue circles, left of the dashed line
    marking its publication in January 2015) and later facts (vermillion diamonds, on the
    shaded side). Labels alternate above and below. Returns the Axes."""
    if ax is None:
        _, ax = plt.subplots(figsize=(12, 5.5))
    ax.axvspan(PUBLISHED, 2026, color="#F2F2F2", zorder=0)
    for i, lane in enumerate(LANES):
        y = len(LANES) - 1 - i
        rows = frame[frame["lane"] == lane].sort_values("date")
        for j, r in enumerate(rows.itertuples()):
            x = decimal_year(r.date)
            article = r.provenance == "article"
            ax.plot(x, y, marker="o" if article else "D", ms=8, ls="none", zorder=3,
                    color=ARTICLE if article else OUTSIDE, markeredgecolor="black")
            up = j % 2 == 0
            ax.annotate(r.label, (x, y), xytext=(0, 9 if up else -9), textcoords="offset points",
                        ha="center", va="bottom" if up else "top", fontsize=8)
    ax.axvline(PUBLISHED, color="black", ls="--", lw=1.2)
    ax.text(PUBLISHED + 0.3, len(LANES) - 0.35, "the article\n(January 2015)", fontsize=9,
            va="center")
    ax.set_yticks(range(len(LANES)), list(reversed(LANES)))
    ax.set_ylim(-0.7, len(LANES) - 0.2)
    ax.set_xlim(1986, 2026)
    ax.set_xlabel("Year")
    ax.grid(axis="y", visible=False)
    handles = [Line2D([], [], marker="o", ls="none", color=ARTICLE, markeredgecolor="black",
                      label="the article's account (pp. 62–67)"),
               Line2D([], [], marker="D", ls="none", color=OUTSIDE, markeredgecolor="black",
                      label="later facts (outside sources)"),
               Patch(facecolor="#F2F2F2", label="after the article")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.4, 0.99), ncol=1,
              fontsize=9, frameon=True, framealpha=0.9, edgecolor="#CCCCCC")
    return ax


# --- oil: the series against the article's 2025 claim ----------------------------------------

def straight_line(oil: pd.DataFrame, first: int, last: int, to: int) -> pd.Series:
    """OUR straight line through output in ``first``..``last``, extended to ``to``
    (a teaching device, not a forecast).

    >>> round(straight_line(load("oil_production"), 2010, 2020, 2025)[2025])
    606
    """
    part = oil[(oil["year"] >= first) & (oil["year"] <= last)]
    slope, icpt = np.polyfit(part["year"].astype(float), part["oil_production_kbd"], 1)
    years = np.arange(first, to + 1)
    return pd.Series(slope * years + icpt, index=years, name="straight_line_kbd")


def draw_oil_claim(oil: pd.DataFrame, ax=None, *, claim_year: int = 2025):
    """Azerbaijan's oil output (BP, to the last year of ``oil``) against the article's claim of
    no oil by ``claim_year`` (p. 67, n. 40), with the years the checked data do not reach shaded
    and OUR straight line from 2010 (the peak the article names) to the last year. Returns the
    Axes."""
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 5))
    last = int(oil["year"].max())
    peak = oil.loc[oil["oil_production_kbd"].idxmax()]
    ax.plot(oil["year"], oil["oil_production_kbd"], marker="o", ms=4, color=OUTSIDE,
            label="oil output (BP Statistical Review 2021)")
    line = straight_line(oil, 2010, last, claim_year)
    ax.plot(line.index, line.values, ls=":", lw=2, color="black",
            label=f"our straight line through 2010–{last} (not a forecast)")
    ax.axvspan(last + 0.5, claim_year + 0.5, facecolor="none", edgecolor=GREY, hatch="//",
               lw=0, label="no checked data in this collection")
    ax.plot(claim_year, 0, marker="X", ms=13, color=ARTICLE, markeredgecolor="black", ls="none",
            label=f"the article: no oil by {claim_year} (p. 67, n. 40)")
    ax.axvline(PUBLISHED, color="black", ls="--", lw=1)
    ax.annotate(f"peak {int(peak['year'])}: {peak['oil_production_kbd']:,.0f} kb/d\n"
                "(the article's peak year, p. 67)", (peak["year"], peak["oil_production_kbd"]),
                xytext=(-150, -5), textcoords="offset points", fontsize=8.5,
                arrowprops=dict(arrowstyle="->", color="#333333"))
    end = oil.set_index("year").loc[last, "oil_production_kbd"]
    ax.annotate(f"{last}: {end:,.0f} kb/d", (last, end), xytext=(-40, -45),
                textcoords="offset points", fontsize=8.5,
                arrowprops=dict(arrowstyle="->", color="#333333"))
    ax.text(PUBLISHED - 0.3, 1120, "article\npublished", ha="right", va="top", fontsize=8.5)
    ax.set_xlim(1984, claim_year + 1)
    ax.set_ylim(-60, 1150)
    ax.set_xlabel("Year")
    ax.set_ylabel("Thousand barrels a day")
    ax.legend(loc="center left", fontsize=8.5)
    return ax
