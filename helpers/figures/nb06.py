"""Figures of notebook 06 (the epilogue): one time axis before and after the article, the
scorecard of the article's assessments, and the oil series against the article's 2025."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..data import load
from ..dates import article_period, as_written, decimal_year, midpoint, published
from ..energy import article_year
from ..plots import SMALL, GREY, ink_on, STACK_WIDE, LabelPlacer, finish, ready, series, wrap
from ..scorecard import judgements
from ..sources import page_ref

AFTER_FILL = "#F2F2F2"


def draw_before_after(frame: pd.DataFrame, *, title: str, source: str, ax=None):
    """One time axis, one lane per topic (top to bottom as in ``frame``): the article's
    events (circles, left of the dashed line marking its publication) and later facts
    (diamonds, on the shaded side), each label placed where it hides no other. A later fact
    that is single-source or disputed (its ``confidence`` in ``events_after_2015`` or
    ``azerbaijan_elections``) is drawn hollow. An event of the article whose checked date
    falls outside the period the article gives is drawn at the article's date, its label
    naming the checked month. ``frame`` is :func:`helpers.dates.timeline` ('before_after').
    Returns the Axes.

    >>> from helpers.dates import timeline
    >>> ax = draw_before_after(timeline("before_after"), title="t", source="Source: x.")
    >>> [t.get_text() for t in ax.get_yticklabels()][-1]
    'Karabakh'
    """
    lanes = list(dict.fromkeys(frame["lane"]))
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(6.5, 1.6 * len(lanes) + 1.2)))
    unsure = _unsure_events()
    pub_date = published()
    pub = decimal_year(pub_date)
    article, outside = series("article"), series("outside")
    ax.axvspan(pub, 2027, color=AFTER_FILL, zorder=0)
    ax.set_yticks(range(len(lanes)), [wrap(n, 14) for n in reversed(lanes)])
    ax.set_ylim(-0.7, len(lanes) - 0.2)
    first = min(decimal_year(d) for d in frame["date"])
    left = pub - 0.6 if first >= pub else 2 * ((int(first) - 1) // 2)
    ax.set_xlim(left, 2027)
    ax.set_xlabel("Year" + (" (a bar spans a date known only to the year)"
                            if (frame["date_precision"].astype(str) == "year").any() else ""))
    ax.grid(axis="y", visible=False)
    handles = [Line2D([], [], marker=article.marker, ls="none", color=article.colour,
                      markeredgecolor="black", label="the article's account")] if first < pub else []
    handles += [Line2D([], [], marker=outside.marker, ls="none", color=outside.colour,
                       markeredgecolor="black", label="later facts (outside sources)"),
               Line2D([], [], marker=outside.marker, ls="none", markerfacecolor="white",
                      markeredgecolor=outside.colour, markeredgewidth=1.8,
                      label="later fact: single-source or disputed"),
               Patch(facecolor=AFTER_FILL, edgecolor="#CCCCCC", label="after the article")]
    ax.legend(handles=handles, ncol=2, fontsize=SMALL, loc="upper center",
              bbox_to_anchor=(0.5, -0.14), frameon=False)
    ready(ax, title)
    placer = LabelPlacer(ax, pad=3)
    points = []
    for i, lane in enumerate(lanes):
        y = len(lanes) - 1 - i
        for r in frame[frame["lane"] == lane].sort_values("date").itertuples():
            start, end = article_period(r.date, str(r.date_precision))
            by_year = str(r.date_precision) == "year"
            x = decimal_year(midpoint(start, end) if by_year else r.date)
            style = article if r.provenance == "article" else outside
            hollow = f"{r.table}/{r.id}" in unsure
            if by_year:  # known only to the year: drawn across it
                ax.plot([decimal_year(start), decimal_year(end)], [y, y], color=style.colour,
                        lw=4, alpha=0.45, solid_capstyle="butt", zorder=2)
            ax.plot(x, y, marker=style.marker, ms=8, ls="none", zorder=3, color=style.colour,
                    markerfacecolor="white" if hollow else style.colour,
                    markeredgecolor=style.colour if hollow else "black",
                    markeredgewidth=1.8 if hollow else 1.0)
            placer.block(x, y)
            points.append((_label(r), x, y))
    width = 14 if first < pub else 18
    for label, x, y in points:
        placer.place(wrap(label, width), [(x, y)], STACK_WIDE, force=True, halo=True,
                     fontsize=SMALL,
                     leader=dict(color=GREY, arrowstyle="-", lw=0.6, shrinkA=0, shrinkB=4),
                     leader_beyond=10)
    ax.axvline(pub, color="black", ls="--", lw=1.2)
    placer.place(f"the article\n({as_written(pub_date, 'month', long=True)})", [(pub, len(lanes) - 0.45)],
                 [(4, 0, "left", "center"), (-4, 0, "right", "center")], force=True,
                 fontsize=SMALL)
    return finish(ax, title=title, source=source)


def _unsure_events() -> set[str]:
    """The later facts that are single-source or disputed, as ``table/id``: the events of
    ``events_after_2015`` and the elections of ``azerbaijan_elections`` (whose article row
    has no confidence)."""
    out = set()
    for table in ("events_after_2015", "azerbaijan_elections"):
        t = load(table)
        graded = t["confidence"].notna() & (t["confidence"].astype("string") != "confirmed")
        out |= {f"{table}/{key}" for key in t.loc[graded, "id"]}
    return out


def _label(r) -> str:
    """A timeline row's short label; for an article's event whose checked date lies outside
    the period the article gives, with both: 'Peres visit (article: May 2009; checked: June
    2009)'."""
    checked = getattr(r, "checked_date", None)
    if r.provenance != "article" or checked is None or pd.isna(checked):
        return r.label
    start, end = article_period(r.date, str(r.date_precision))
    if start <= pd.Timestamp(checked) <= end:
        return r.label
    said = as_written(r.date, r.date_precision, long=True)
    return f"{r.label} (article: {said}; checked: {as_written(checked, 'month', long=True)})"


def draw_scorecard(card: pd.DataFrame, evidence: pd.DataFrame, *, title: str, source: str,
                   ax=None):
    """Each assessment as a row (grouped by OUR judgement, in the order of
    ``judgements.csv``), its later evidence as markers on a time axis from the article's
    publication; OUR judgement written in its colour at the right. ``evidence`` is
    :func:`helpers.scorecard.later_evidence`. Returns the Axes."""
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 9.5))
    scale = judgements()
    unsure = _unsure_events()
    pub_date = published()
    pub = decimal_year(pub_date)
    outside = series("outside")
    last = max([decimal_year(d) for d in evidence["date"]] + [pub + 1])
    card = card.assign(_j=card["our_judgement"].astype(str).map(scale["order"]))
    card = card.sort_values(["_j", "page", "id"], ascending=[False, False, False],
                            ignore_index=True)
    for y, r in enumerate(card.itertuples()):
        ax.plot([pub, last + 0.2], [y, y], color="#DDDDDD", lw=1, zorder=1)
        mine = evidence[(evidence["assessment"] == r.id) & (evidence["date"] >= pub_date)]
        sure = ~mine["ref"].isin(unsure) | (mine["kind"] != "event")
        for kind, marker, face, edge, picked in (
                ("event", outside.marker, outside.colour, "black", sure),
                ("event", outside.marker, "white", outside.colour, ~sure),
                ("data", "s", "white", "black", sure)):
            x = [decimal_year(d) for d in mine.loc[(mine["kind"] == kind) & picked, "date"]]
            ax.plot(x, [y] * len(x), marker=marker, ls="none", ms=7, markerfacecolor=face,
                    markeredgecolor=edge, markeredgewidth=1.5 if edge != "black" else 1.0,
                    zorder=3)
        fill = scale.loc[str(r.our_judgement), "colour"]  # the verdict on its colour, in
        ax.text(last + 0.8, y, str(r.our_judgement).replace("_", " "), va="center",  # the ink
                fontsize=SMALL, color=ink_on(fill), fontweight="bold",  # that reads on it
                bbox=dict(boxstyle="round,pad=0.2", facecolor=fill, edgecolor="none"))
    ax.set_yticks(range(len(card)), [wrap(f"{r.label_en} (p. {r.page})", 30)
                                     for r in card.itertuples()], fontsize=SMALL)
    ax.set_xlim(pub - 0.3, last + 5.6)
    ax.set_xticks(range(int(pub), int(last) + 1, 4))
    ax.set_ylim(-0.7, len(card) + 0.8)
    ax.grid(axis="y", visible=False)
    ax.axvline(pub, color="black", ls="--", lw=1)
    ax.set_xlabel("Date of the later evidence\n(figures for a period: at its end)")
    handles = [Line2D([], [], marker=outside.marker, ls="none", markerfacecolor=outside.colour,
                      markeredgecolor="black", label="later event, confirmed"),
               Line2D([], [], marker=outside.marker, ls="none", markerfacecolor="white",
                      markeredgecolor=outside.colour, markeredgewidth=1.5,
                      label="later event, single-source or disputed"),
               Line2D([], [], marker="s", ls="none", markerfacecolor="white",
                      markeredgecolor="black", label="later data (SIPRI, BP, national, elections)")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.3, -0.09), ncol=1,
              fontsize=SMALL)
    ax.text(last + 0.8, len(card) - 0.45, "OUR\njudgement", fontsize=SMALL, va="bottom")
    return finish(ax, title=title, source=source, fit_layout=True)


def draw_oil_to_2025(bp: pd.DataFrame, national: pd.DataFrame, *, title: str, source: str,
                     ax=None):
    """Azerbaijan's oil output in million tonnes as two series of their own, never joined:
    BP's (``bp``, :func:`helpers.energy.production`, column ``mt``, to 2020) and the national
    figures (``national``, :func:`helpers.scorecard.later_output`, column ``mt``), with the
    article's claim of no oil by its exhaustion year (p. 67, n. 40) and the national figures
    for the article's peak year and the exhaustion year labelled. A national figure that rests
    on one page is drawn hollow. Returns the Axes.

    >>> from helpers import energy, scorecard
    >>> ax = draw_oil_to_2025(energy.production(), scorecard.later_output(), title="t",
    ...                       source="Source: x.")
    >>> ax.get_ylabel(), len(ax.get_lines()) >= 3
    ('Million tonnes a year', True)
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 5.6))
    claim_year, peak_year = article_year("oil_exhaustion_year"), article_year("oil_peak_year")
    rows = load("figures").set_index("id")
    claim_ref = page_ref(rows.loc["oil_exhaustion_year", "page"],
                         rows.loc["oil_exhaustion_year", "note"])
    pub = decimal_year(published())
    bp_style, nat, article = series("bp_oil"), series("national_oil"), series("article")
    ax.plot(bp.index, bp["mt"], marker=bp_style.marker, ms=3.5, color=bp_style.colour,
            ls=bp_style.linestyle, lw=1.5, label=f"{bp_style.name}, to {int(bp.index.max())}")
    years = list(national.index)
    runs, run = [], [years[0]]  # consecutive years joined, a gap left open
    for y in years[1:]:
        if y == run[-1] + 1:
            run.append(y)
        else:
            runs.append(run)
            run = [y]
    runs.append(run)
    for i, run in enumerate(runs):
        ax.plot(run, national.loc[run, "mt"], color=nat.colour, ls=nat.linestyle, lw=2,
                label=nat.name if i == 0 else None, zorder=3)
    single = national["confidence"] != "confirmed"
    for hollow in (False, True):
        part = national[single == hollow]
        ax.plot(part.index, part["mt"], marker=nat.marker, ms=7, ls="none", zorder=4,
                markerfacecolor="white" if hollow else nat.colour, markeredgecolor=nat.colour,
                label=("national figure resting on one page (reported by)" if hollow
                       else None))
    ax.plot(claim_year, 0, marker="X", ms=13, color=article.colour, markeredgecolor="black",
            ls="none", label=(f"the article ({claim_ref}):\n"
                              "without significant new discoveries,\n"
                              f"no oil sources in {claim_year} (marked at 0: our reading)"))
    for year, dx, dy in ((peak_year, -150, -4), (claim_year, -160, -42)):
        if year in national.index:
            v = national.loc[year, "mt"]
            ax.annotate(f"{year}: {v:,.1f} Mt (national)", (year, v), xytext=(dx, dy),
                        textcoords="offset points", fontsize=SMALL,
                        arrowprops=dict(arrowstyle="->", color="#333333"))
    ax.axvline(pub, color="black", ls="--", lw=1)
    top = float(max(bp["mt"].max(), national["mt"].max())) * 1.18
    ax.text(pub - 0.3, top * 0.97, "article\npublished", ha="right", va="top", fontsize=SMALL)
    ax.set_xlim(1984, claim_year + 1.5)
    ax.set_ylim(-4, top)
    ax.set_xlabel("Year")
    ax.set_ylabel("Million tonnes a year")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1, fontsize=SMALL)
    return finish(ax, title=title, source=source, fit_layout=True)
