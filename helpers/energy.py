"""Azerbaijan's oil: production and reserves (BP), reserves-to-production ratios, and the
published estimates of Azerbaijan's share of Israel's oil.

The series is ``data/external/oil_production.csv`` (BP Statistical Review of World Energy
2021, via Our World in Data): production in thousand barrels per day (kb/d) and proved
reserves in thousand million barrels. ::

    >>> peak_year()
    2010
    >>> round(rp_ratio(2014), 1)      # years of output left at the 2014 rate
    22.3

A reserves-to-production (R/P) ratio divides the reserves at the end of a year by that year's
output. It is a snapshot, not a forecast: reserves are revised as fields are appraised and
prices change, and output does not run at a constant rate until it stops.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .data import load
from .plots import GREY, OKABE_ITO

DAYS_PER_YEAR = 365  # BP's kb/d are averages over the year


def production() -> pd.DataFrame:
    """The BP series indexed by year: ``kbd``, ``mt`` and ``reserves_bn_bbl`` (empty before
    1991), plus ``bn_bbl``, the year's output in thousand million barrels.

    >>> production().loc[2010, "kbd"]
    np.float64(1036.7)
    """
    df = load("oil_production")
    out = pd.DataFrame({
        "kbd": df["oil_production_kbd"].to_numpy(),
        "mt": df["oil_production_mt"].to_numpy(),
        "reserves_bn_bbl": df["proved_reserves_bn_bbl"].to_numpy(),
    }, index=pd.Index(df["year"].astype(int), name="year"))
    out["bn_bbl"] = out["kbd"] * 1000 * DAYS_PER_YEAR / 1e9
    return out.sort_index()


def peak_year() -> int:
    """The year of highest output in the BP series.

    >>> peak_year()
    2010
    """
    return int(production()["kbd"].idxmax())


def rp_table() -> pd.DataFrame:
    """For every year with a reserves figure: reserves, output, the R/P ratio in years, and
    the year in which the oil would run out if output stayed at that year's rate and no
    reserves were added (``implied_end``, = year + R/P).

    >>> t = rp_table()
    >>> t.loc[2014, ["rp_years", "implied_end"]].round(1).tolist()
    [22.3, 2036.3]
    """
    df = production().dropna(subset=["reserves_bn_bbl"])
    rp = df["reserves_bn_bbl"] / df["bn_bbl"]
    return pd.DataFrame({"reserves_bn_bbl": df["reserves_bn_bbl"],
                         "output_bn_bbl": df["bn_bbl"].round(3),
                         "rp_years": rp, "implied_end": df.index + rp})


def rp_ratio(year: int) -> float:
    """Reserves at the end of ``year`` divided by that year's output, in years.

    >>> round(rp_ratio(2010), 1)
    18.5
    """
    table = rp_table()
    if year not in table.index:
        raise ValueError(f"no reserves figure for {year}; "
                         f"years {table.index.min()}–{table.index.max()}")
    return float(table.loc[year, "rp_years"])


def neighbour_gap(year: int, column: str = "rp_years") -> float:
    """Half the smallest difference between ``year``'s value in ``column`` of :func:`rp_table`
    (``rp_years`` or ``implied_end``) and the value of a neighbouring year (the year before and
    the year after, where the table has them). A number closer than this to ``year``'s value is
    nearer to it than to any neighbour's, so checks use it as their tolerance: the ratio of the
    wrong year does not pass.

    >>> round(neighbour_gap(2014), 2), round(neighbour_gap(2014, "implied_end"), 2)
    (0.14, 0.64)
    """
    values = rp_table()[column]
    if year not in values.index:
        raise ValueError(f"no reserves figure for {year}")
    gaps = [abs(values[year] - values[n]) for n in (year - 1, year + 1) if n in values.index]
    return float(min(gaps)) / 2


def cumulative_output(first: int, last: int) -> float:
    """Oil produced from ``first`` to ``last`` (both included), thousand million barrels.

    >>> round(cumulative_output(2003, 2020), 1)
    5.1
    """
    p = production()
    return float(p.loc[first:last, "bn_bbl"].sum())


def plot_production(ax=None, *, projection_year: int = 2025, published: float = 2015.0,
                    mark_peak: bool = True):
    """Output over the whole BP series in kb/d with the peak (unless ``mark_peak`` is false, e.g. when an
    exercise asks for it), first oil through BTC, the article's date of publication and its
    projection year marked. Returns the Axes (caption left to the caller).
    """
    p = production()
    last = int(p.index.max())
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.8))
    ax.plot(p.index, p["kbd"], color=OKABE_ITO["blue"], marker="o", ms=3.5, lw=2,
            label="Oil production (BP)")
    if mark_peak:
        peak = peak_year()
        ax.annotate(f"Peak {peak}: {p.loc[peak, 'kbd']:,.0f} kb/d", (peak, p.loc[peak, "kbd"]),
                    xytext=(-40, 18), textcoords="offset points", ha="right", fontsize=9,
                    arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
    btc = load("btc_pipeline").set_index("id").loc["first_oil_ceyhan", "date"]
    x_btc = btc.year + (btc.day_of_year - 1) / 365
    ax.axvline(x_btc, color=GREY, ls=":", lw=1.3)
    ax.text(x_btc - 0.3, 80, f"BTC: first oil at Ceyhan\n({btc.day} {btc:%B %Y})", ha="right",
            fontsize=8.5, color="#333333")
    ax.axvline(published, color=OKABE_ITO["orange"], ls="--", lw=1.5,
               label="Article published (Jan. 2015)")
    ax.axvspan(last + 0.5, projection_year + 0.5, color="#F2F2F2", zorder=0)
    ax.axvline(projection_year, color=OKABE_ITO["vermillion"], ls="-.", lw=1.8,
               label=f"Article: no oil left in {projection_year} without new finds")
    ax.text(last + 2.9, 560, f"no data\nhere (BP\nseries\nends {last})", ha="center",
            fontsize=8, color="#555555")  # in the shaded years after the series
    ax.set(xlim=(1984, projection_year + 1.5), ylim=(0, 1200), xlabel="Year",
           ylabel="Thousand barrels per day")
    ax.legend(loc="upper left", fontsize=8.5)
    return ax


def plot_implied_end(ax=None, *, projection_year: int = 2025):
    """The year in which oil "runs out" by the R/P arithmetic, computed afresh each year from
    that year's reserves and output, against the article's projection year. Returns the Axes.
    """
    t = rp_table()
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5))
    ax.plot(t.index, t["implied_end"], color=OKABE_ITO["blue"], marker="s", ms=4, lw=1.8,
            label="Year + R/P (reserves ÷ that year's output)")
    ax.axhline(projection_year, color=OKABE_ITO["vermillion"], ls="-.", lw=1.8,
               label=f"The article's projection ({projection_year})")
    ax.axvline(2015.0, color=OKABE_ITO["orange"], ls="--", lw=1.5,
               label="Article published (Jan. 2015)")
    jump = t.index[t["reserves_bn_bbl"].diff() > 0]
    for y in jump:
        ax.annotate(f"reserves revised: {t.loc[y - 1, 'reserves_bn_bbl']:.1f} → "
                    f"{t.loc[y, 'reserves_bn_bbl']:.1f}\nthousand million barrels",
                    (y, t.loc[y, "implied_end"]), xytext=(75, -14), textcoords="offset points",
                    fontsize=8.5, va="top", arrowprops=dict(arrowstyle="->", lw=0.8))
    ax.set(xlabel="Year of the calculation", ylabel="Year oil would run out")
    ax.legend(loc="lower right", fontsize=8.5)
    return ax


def share_estimates() -> pd.DataFrame:
    """The published estimates of Azerbaijan's share of Israel's oil, oldest first, with a
    ``label`` for charts (source and year) and ``is_article``.

    >>> share_estimates()[["year", "share_low", "share_high", "kind"]].tail(2)
       year  share_low  share_high     kind
    3  2014       40.0        40.0    press
    4  2015       40.0        40.0  article
    """
    df = load("oil_share_estimates")
    df = df.sort_values(["year", "month"], na_position="first", kind="stable")
    df = df.reset_index(drop=True)
    df["is_article"] = df["kind"] == "article"
    df["label"] = df["source"].astype(str)
    return df


def share_spread() -> tuple[float, float]:
    """The lowest and highest share among all the estimates, in percent.

    >>> share_spread()
    (10.0, 40.0)
    """
    df = share_estimates()
    return float(df["share_low"].min()), float(df["share_high"].max())


def plot_share_estimates(ax=None):
    """One row per estimate: a bar from low to high (a range) or a marker (a single figure);
    the article's figure in its own colour and marker. Returns the Axes."""
    df = share_estimates()
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.2))
    lo, hi = share_spread()
    ax.axvspan(lo, hi, color="#EFEFEF", zorder=0)
    ax.text((lo + hi) / 2, -0.75, f"spread of the estimates: {lo:g}–{hi:g}%",
            ha="center", fontsize=9, color="#333333")
    styles = {"diplomatic_cable": ("s", OKABE_ITO["green"]), "press": ("o", OKABE_ITO["blue"]),
              "article": ("D", OKABE_ITO["vermillion"])}
    for i, r in df.iterrows():
        marker, colour = styles[r["kind"]]
        if r["share_high"] > r["share_low"]:
            ax.plot([r["share_low"], r["share_high"]], [i, i], color=colour, lw=7,
                    solid_capstyle="butt", alpha=0.8)
            text = f"{r['share_low']:g}–{r['share_high']:g}%"
        else:
            ax.plot(r["share_low"], i, marker=marker, ms=11, color=colour, mec="black", ls="")
            text = f"{'about ' if r['qualifier'] == 'about' else ''}{r['share_low']:g}%"
        ax.annotate(text, (r["share_high"], i), xytext=(10, 0), textcoords="offset points",
                    va="center", fontsize=9)
    ax.set_yticks(range(len(df)), df["label"])
    ax.set(xlim=(0, 55), ylim=(len(df) - 0.4, -1.1),
           xlabel="Share of Israel's oil from Azerbaijan (%)")
    ax.grid(axis="y", visible=False)
    handles = [plt.Line2D([], [], marker=m, color=c, mec="black", ls="", ms=8,
                          label={"diplomatic_cable": "Diplomatic cable", "press": "Press report",
                                 "article": "The article (p. 65)"}[k])
               for k, (m, c) in styles.items()]
    handles.insert(2, plt.Line2D([], [], color=OKABE_ITO["blue"], lw=7, alpha=0.8,
                                 label="Press report giving a range"))
    ax.legend(handles=handles, loc="lower left", fontsize=8.5)
    return ax
