"""Figures of notebook 04 (the weaknesses): the dated pressures, Azerbaijan's oil output and
the reserves-to-production arithmetic, and the monitoring model's weight profiles."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from ..data import load
from ..dates import as_written, day, decimal_year, published, timeline
from ..energy import article_year, peak_year, production, rp_table
from ..plots import SMALL, CYCLE, GREY, HATCHES, draw_lanes, finish, series


def pressure_frame(root=None) -> pd.DataFrame:
    """The dated pressures and weaknesses of pp. 62–67 (``timeline_events.csv``, figure
    'pressures'), one row per event: ``date`` (the checked date where there is one),
    ``date_precision`` (of that date), ``lane``, ``label`` (with the article's date, and the
    checked one where it differs),
    ``page`` and ``article_date`` (as the article gives it).

    >>> pressure_frame()[["lane", "page"]].head(3).values.tolist()
    [['Iran', 66], ['Iran', 62], ['Turkey', 66]]
    """
    t = timeline("pressures", root)
    out = []
    for r in t.itertuples():
        said = as_written(r.date, r.date_precision, long=True)
        if not pd.isna(r.checked_date):
            label, date = f"{r.label}, {day(r.checked_date)} (article: {said})", r.checked_date
            precision = "day"
        else:
            label, date, precision = f"{r.label} ({said})", r.date, r.date_precision
        out.append({"date": date, "date_precision": str(precision), "lane": r.lane,
                    "label": label, "page": int(r.page), "article_date": said})
    return pd.DataFrame(out)


def draw_pressures(frame: pd.DataFrame, *, title: str, source: str, ax=None, xlim=None):
    """:func:`pressure_frame` on lanes, one per source of pressure. Returns the Axes."""
    return draw_lanes(frame, lane="lane", label="label", title=title, source=source, ax=ax,
                      xlim=xlim, wrap_at=24)


def _mark_publication(ax) -> None:
    """The article's publication as a dashed vertical line with a legend entry."""
    date = published()
    ax.axvline(decimal_year(date), color="black", ls="--", lw=1.2,
               label=f"Article published ({as_written(date, 'month')})")


def draw_production(*, title: str, source: str, ax=None, mark_peak: bool = True):
    """Output over the whole BP series in kb/d with the peak (unless ``mark_peak`` is false,
    e.g. when an exercise asks for it), first oil through BTC, the article's date of
    publication and the year by which it says the oil will be gone (p. 67, n. 40). Returns
    the Axes.

    >>> ax = draw_production(title="t", source="Source: x.")
    >>> ax.get_legend().get_texts()[-1].get_text()
    'Article: no oil left in 2025 without new finds'
    """
    p = production()
    last, claim = int(p.index.max()), article_year("oil_exhaustion_year")
    bp, article = series("bp_oil"), series("article")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.6))
    ax.plot(p.index, p["kbd"], color=bp.colour, marker=bp.marker, ms=3.5, lw=2, ls=bp.linestyle,
            label=bp.name)
    if mark_peak:
        peak = peak_year()
        ax.annotate(f"Peak {peak}: {p.loc[peak, 'kbd']:,.0f} kb/d", (peak, p.loc[peak, "kbd"]),
                    xytext=(-40, 18), textcoords="offset points", ha="right", fontsize=SMALL,
                    arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
    btc = load("btc_pipeline").set_index("id").loc["first_oil_ceyhan", "date"]
    x_btc = decimal_year(btc)
    ax.axvline(x_btc, color=GREY, ls=":", lw=1.3)
    ax.text(x_btc - 0.3, 80, f"BTC: first oil at Ceyhan\n({as_written(btc, 'day')})", ha="right",
            fontsize=SMALL, color="#333333")
    _mark_publication(ax)
    ax.axvspan(last + 0.5, claim + 0.5, color="#F2F2F2", zorder=0)
    ax.axvline(claim, color=article.colour, ls="-.", lw=1.8,
               label=f"Article: no oil left in {claim} without new finds")
    ax.text((last + claim) / 2 + 0.5, 560, f"no data\nhere (BP\nseries\nends {last})",
            ha="center", fontsize=SMALL, color="#555555")  # in the shaded years after the series
    ax.set(xlim=(1984, claim + 1.5), ylim=(0, 1200), xlabel="Year",
           ylabel="Thousand barrels per day")
    ax.legend(loc="upper left", fontsize=SMALL)
    return finish(ax, title=title, source=source, fit_layout=True)


def draw_implied_end(*, title: str, source: str, ax=None, last_year: int | None = None):
    """The year in which oil "runs out" by the R/P arithmetic, computed afresh each year from
    that year's reserves and output, against the article's year (p. 67, n. 40). With
    ``last_year``, the calculation stops in that year (so that a later year's end year is
    left for an exercise). Returns the Axes."""
    t = rp_table()
    if last_year is not None:
        t = t.loc[:last_year]
    claim = article_year("oil_exhaustion_year")
    ours, article = series("our_model"), series("article")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.4))
    ax.plot(t.index, t["implied_end"], color=ours.colour, marker=ours.marker, ms=4, lw=1.8,
            label="Year + R/P (reserves ÷ that year's output): our calculation")
    ax.axhline(claim, color=article.colour, ls="-.", lw=1.8,
               label=f"The article's year ({claim})")
    _mark_publication(ax)
    jump = t.index[t["reserves_bn_bbl"].diff() > 0]
    for y in jump:
        ax.annotate(f"reserves revised: {t.loc[y - 1, 'reserves_bn_bbl']:.1f} → "
                    f"{t.loc[y, 'reserves_bn_bbl']:.1f}\nthousand million barrels",
                    (y, t.loc[y, "implied_end"]), xytext=(75, -14), textcoords="offset points",
                    fontsize=SMALL, va="top", arrowprops=dict(arrowstyle="->", lw=0.8))
    ax.set(xlabel="Year of the calculation", ylabel="Year oil would run out")
    ax.legend(loc="lower right", fontsize=SMALL)
    return finish(ax, title=title, source=source, fit_layout=True)


def draw_profiles(scores: pd.DataFrame, *, title: str, source: str, ax=None):
    """Horizontal bars: the same evidence scored under each weight profile
    (:func:`helpers.monitoring.profile_scores`). Returns the Axes.

    >>> from helpers.monitoring import profile_scores
    >>> ax = draw_profiles(profile_scores(), title="t", source="Source: x.")
    >>> len(ax.patches)
    4
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.5))
    for i, (_, r) in enumerate(scores.iterrows()):
        ax.barh(i, r["score"], color=CYCLE[i % len(CYCLE)], hatch=HATCHES[i % len(HATCHES)],
                edgecolor="black", linewidth=0.6)
        ax.text(r["score"] + 0.01, i, f"{r['score']:.3f}", va="center", fontsize=SMALL)
    ax.set_axisbelow(True)
    ax.set_yticks(range(len(scores)), scores.index)
    ax.set_ylim(len(scores) - 0.5, -0.5)
    ax.set(xlim=(0, 1),
           xlabel="Score: weighted share of the maximum (0 = no sign, 1 = every sign growing)")
    ax.grid(axis="y", visible=False)
    return finish(ax, title=title, source=source, source_y=-0.08, fit_layout=True)

