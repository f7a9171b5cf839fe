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

import pandas as pd

from .data import load

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


def article_year(figure_id: str, root=None) -> int:
    """A year the article names, read from ``data/article/figures.csv`` (the one place it is
    kept): ``oil_peak_year`` (2010) or ``oil_exhaustion_year`` (2025, p. 67, n. 40).

    >>> article_year("oil_peak_year"), article_year("oil_exhaustion_year")
    (2010, 2025)
    """
    row = load("figures", root).set_index("id").loc[figure_id]
    if row["unit"] != "year":
        raise ValueError(f"figures.csv row {figure_id!r} is not a year but {row['unit']!r}")
    return int(row["value"])
