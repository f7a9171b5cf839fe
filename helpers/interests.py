"""Azerbaijan's interests (notebook 02): the interests matrix by issue and partner, and the
figures of the Nagorno-Karabakh section -- displacement, the territory share, areas measured
on an equal-area projection, and Azerbaijan's land neighbours.

The matrix counts the article's statements (rows of ``interests.csv``) for each issue and
partner, and keeps the page (and note) of each, so that every cell can be traced::

    >>> from helpers import load
    >>> counts, pages = interest_matrix(load("interests"))
    >>> int(counts.loc["Iran", "Iran"]), pages.loc["Iran", "Iran"]
    (5, '63 n.10 · 64 ×4')

Geometry (``land_neighbours``, ``areas_km2``) imports geopandas only when called.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.patches import Patch

from .data import load
from .plots import GREY, HATCHES, OKABE_ITO, add_source

ISSUE_NAMES = {
    "karabakh": "Nagorno-Karabakh", "security_arms": "Arms and security", "iran": "Iran",
    "russia_balance": "Balance with Russia", "turkey": "Strains with Turkey",
    "washington_lobby": "Help in Washington", "intelligence": "Intelligence",
    "counter_terror": "Counter-terrorism", "west_alignment": "Alignment with the West",
    "energy": "Energy", "periphery": "Periphery", "regional_outreach": "Regional outreach",
    "regime_stability": "Regime stability", "diaspora": "Diaspora",
}
SHORT_NAMES = {"OSCE": "OSCE", "AKP": "AKP (Turkey)", "PILOB": "Pro-Israel lobby (US)",
               "NK": "Nagorno-Karabakh"}
# A sequential, single-hue map from white to Okabe-Ito blue: ordered in lightness, so it reads
# the same to colour-blind readers and in greyscale.
SEQUENTIAL = LinearSegmentedColormap.from_list("white_to_blue", ["#FFFFFF", OKABE_ITO["blue"]])


def _names() -> pd.Series:
    """Actor code -> a short English name for labels (actors.csv, shortened by SHORT_NAMES)."""
    names = load("actors").set_index("code")["name_en"].str.replace(r" \(.*\)$", "", regex=True)
    return names.where(~names.index.isin(list(SHORT_NAMES)), pd.Series(SHORT_NAMES))


def _pages(rows: pd.DataFrame) -> str:
    """'63 n.10 · 64 ×4': pages in order, a note where the row has one, ×k for repeats."""
    keys = [f"{p}" + (f" n.{n}" if not pd.isna(n) else "") for p, n in zip(rows["page"], rows["note"])]
    counted = pd.Series(keys).value_counts(sort=False)
    return " · ".join(k + (f" ×{c}" if c > 1 else "") for k, c in counted.items())


def interest_matrix(interests: pd.DataFrame, *, holder: str = "AZ",
                    sections: Sequence[str] = ("azerbaijani_interests",)
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Count ``holder``'s interests by issue (rows, in the article's order) and partner
    (columns, in order of first mention), for the given sections of the article.

    Returns ``(counts, pages)``: integers, and for each non-empty cell the pages (with notes)
    of the statements counted. Partners are named from ``actors.csv``.

    >>> counts, pages = interest_matrix(load("interests"))
    >>> int(counts.values.sum()), counts.columns[0]
    (20, 'Armenia')
    """
    rows = interests[(interests["holder"] == holder) & interests["section"].isin(sections)]
    names = _names()
    rows = rows.assign(issue_name=rows["issue"].astype(str).map(ISSUE_NAMES),
                       partner_name=rows["partner"].astype(str).map(names))
    issues = list(dict.fromkeys(rows["issue_name"]))
    partners = list(dict.fromkeys(rows["partner_name"]))
    counts = (rows.groupby(["issue_name", "partner_name"]).size().unstack(fill_value=0)
              .reindex(index=issues, columns=partners, fill_value=0).astype(int))
    pages = (rows.groupby(["issue_name", "partner_name"])[["page", "note"]].apply(_pages)
             .unstack().reindex(index=issues, columns=partners).fillna(""))
    counts.index.name = pages.index.name = "issue"
    counts.columns.name = pages.columns.name = "partner"
    return counts, pages


def interests_heatmap(counts: pd.DataFrame, pages: pd.DataFrame, *, title: str, source: str,
                      ax=None):
    """A heatmap of :func:`interest_matrix`: the shade counts the statements, the text in each
    cell gives their pages (and notes). Empty cells are left blank. Returns the Axes.

    >>> counts, pages = interest_matrix(load("interests"))
    >>> ax = interests_heatmap(counts, pages, title="t", source="Source: x.")
    >>> print(ax.get_xlabel())
    Partner: the actor the interest concerns (actors.csv)
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 0.75 * len(counts) + 2.2))
    values = counts.to_numpy(dtype=float)
    shown = np.where(values > 0, values, np.nan)
    im = ax.imshow(shown, cmap=SEQUENTIAL, vmin=0, vmax=max(values.max(), 1), aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if values[i, j] > 0:
                dark = values[i, j] / values.max() > 0.6
                text = pages.iat[i, j].replace(" · ", "\n")
                ax.text(j, i, f"p. {text}", ha="center", va="center", fontsize=8.5,
                        color="white" if dark else "black")
    ax.set_xticks(range(counts.shape[1]), [textwrap.fill(c, 11) for c in counts.columns],
                  fontsize=8.5)
    ax.set_yticks(range(counts.shape[0]), counts.index, fontsize=9)
    ax.set_xticks(np.arange(-0.5, counts.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, counts.shape[0]), minor=True)
    ax.grid(which="minor", color="#BBBBBB", lw=0.6)
    ax.grid(which="major", visible=False)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel("Partner: the actor the interest concerns (actors.csv)")
    ax.set_ylabel("Issue")
    bar = ax.figure.colorbar(im, ax=ax, shrink=0.8, pad=0.02)
    bar.set_label("Statements in the article")
    bar.set_ticks(range(0, int(values.max()) + 1))
    ax.set_title(title)
    add_source(ax.figure, source)
    return ax


# --- Nagorno-Karabakh: displacement and territory --------------------------------------------


def displacement_chart(displacement: pd.DataFrame, *, title: str, source: str, ax=None):
    """The article's three flows of people as horizontal bars, one colour and hatch per group,
    labelled with the number; flagged 'not verified' where the data say so.

    >>> ax = displacement_chart(load("displacement"), title="t", source="Source: x.")
    >>> len(ax.patches)
    3
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.4))
    names = _names()
    d = displacement.iloc[::-1].reset_index(drop=True)
    groups = list(dict.fromkeys(displacement["group_en"].astype(str)))
    style = {g: (OKABE_ITO["orange"] if i == 0 else OKABE_ITO["blue"], HATCHES[1 + i])
             for i, g in enumerate(groups)}
    for i, r in d.iterrows():
        colour, hatch = style[str(r["group_en"])]
        ax.barh(i, r["people"], color=colour, alpha=0.7, hatch=hatch, edgecolor="black", lw=0.8,
                zorder=2)
        flag = "" if r["verified"] else "  (not verified)"
        ax.text(r["people"] + 3000, i, f"{r['people']:,}{flag}", va="center", fontsize=9)
    dest = [names[r["to_code"]] + ("" if pd.isna(r["to_code_2"]) else f" and {names[r['to_code_2']]}")
            for _, r in d.iterrows()]
    ax.set_yticks(range(len(d)), [f"{g} from {names[f]}\nto {t}" for g, f, t in
                                  zip(d["group_en"], d["from_code"], dest)], fontsize=9)
    ax.set_xlim(0, d["people"].max() * 1.35)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{x:,.0f}"))
    ax.set_xlabel("People who fled (the article's figures)")
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[Patch(facecolor=c, alpha=0.7, hatch=h, edgecolor="black", label=g)
                       for g, (c, h) in style.items()], loc="lower right", fontsize=8.5)
    ax.set_title(title)
    add_source(ax.figure, source)
    return ax


def territory_chart(estimates: pd.DataFrame, *, title: str, source: str, ax=None):
    """The shares of Azerbaijan held by Armenian forces before 2020 on one 0-25% axis: the
    published range as a band, each estimate as a marker, and the former autonomous oblast
    alone (its area over Azerbaijan's) as a reference line.

    >>> ax = territory_chart(load("territory_share_estimates"), title="t", source="Source: x.")
    >>> [float(x) for x in ax.get_xlim()]
    [0.0, 25.0]
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 3.6))
    e = estimates.set_index("id")
    shares = estimates[estimates["measure"] == "share_of_azerbaijan"].sort_values("value")
    oblast = 100 * e.loc["area_nk_ao", "value"] / e.loc["area_azerbaijan", "value"]
    lo, hi = shares["value"].min(), shares["value"].max()
    ax.axvspan(lo, hi, color=OKABE_ITO["sky"], alpha=0.25, hatch="..", lw=0,
               label=f"Published range, about {lo:g}–{hi:g}%")
    ax.axvline(oblast, color=OKABE_ITO["vermillion"], ls="--", lw=1.5,
               label=f"Former autonomous oblast alone: {oblast:.1f}%\n"
                     f"({e.loc['area_nk_ao', 'value']:,.0f} of {e.loc['area_azerbaijan', 'value']:,.0f} km²)")
    short = {"share_article": "The article (p. 63): about",
             "share_low_published": "Published estimates, low end: about",
             "share_az_government": "Government of Azerbaijan:"}
    for i, (key, r) in enumerate(shares.set_index("id").iterrows()):
        ours = key == "share_article"
        ax.scatter(r["value"], i, s=90 if ours else 60, marker="D" if ours else "o",
                   color=OKABE_ITO["black"] if ours else "white", edgecolor="black", zorder=3)
        ax.annotate(f"{short.get(key, key)} {r['value']:g}%", (r["value"], i), xytext=(9, 0),
                    textcoords="offset points", va="center", fontsize=9)
    ax.set_yticks([])
    ax.set_ylim(-0.7, len(shares) - 0.3)
    ax.set_xlim(0, 25)
    ax.set_xlabel("Share of Azerbaijan's territory (%, of 86,600 km²)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper left", fontsize=8.5, frameon=True, facecolor="white", edgecolor=GREY)
    ax.set_title(title)
    add_source(ax.figure, source)
    return ax


# --- geometry: neighbours and areas (geopandas imported on use) -------------------------------

EQUAL_AREA = "EPSG:6933"  # WGS 84 / NSIDC EASE-Grid 2.0 Global: a cylindrical equal-area CRS


def land_neighbours(code: str = "AZ", *, tolerance_km: float = 1.0) -> list[str]:
    """ISO codes of the states whose polygons touch ``code``'s (within ``tolerance_km``), in an
    equal-area projection so the tolerance is in metres, not degrees.

    >>> land_neighbours("AZ")
    ['AM', 'GE', 'IR', 'RU', 'TR']
    """
    from .maps import load_countries

    countries = load_countries().to_crs(EQUAL_AREA).set_index("iso_a2")
    shape = countries.loc[code, "geometry"]
    near = countries.geometry.distance(shape) <= tolerance_km * 1000
    return sorted(c for c in countries.index[near] if c != code)


def areas_km2(code: str = "AZ", crs: str = EQUAL_AREA) -> pd.Series:
    """The area of each polygon of a state in km², largest first, measured in ``crs``.

    In an equal-area CRS the numbers are true areas of the (generalised) polygons; in a
    conformal one such as Web Mercator (EPSG:3857) they are inflated away from the equator.

    >>> a = areas_km2("AZ")
    >>> len(a), int(round(a.sum(), -2))
    (3, 86500)
    """
    from .maps import load_countries

    shape = load_countries().set_index("iso_a2").loc[[code]].to_crs(crs).geometry.iloc[0]
    parts = sorted((p.area / 1e6 for p in getattr(shape, "geoms", [shape])), reverse=True)
    return pd.Series(parts, name=f"area_km2 ({crs})").rename_axis("polygon")
