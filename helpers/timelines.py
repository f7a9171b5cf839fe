"""Figures of the relationship's history: timelines, who visited whom, a date check, the
"iceberg" and the arms figures (notebooks 01 and 02).

Dates in the data carry a precision (``day``, ``month`` or ``year``): "May 2009" is stored as
2009-05-01 with precision ``month``. The functions here treat such a date as the *period* it
names, so that a check against a more exact date compares like with like::

    >>> import pandas as pd
    >>> article_period(pd.Timestamp("2009-05-01"), "month")
    (Timestamp('2009-05-01 00:00:00'), Timestamp('2009-05-31 00:00:00'))
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch, Polygon
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import Bbox

from .data import load
from .plots import CYCLE, GREY, HATCHES, MARKERS, OKABE_ITO, add_source
from .sources import cite, page_ref

# --- dates and their precision ----------------------------------------------------------------


def article_period(date, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day of the period a date names at its precision.

    >>> article_period(pd.Timestamp("1997-01-01"), "year")[1].date()
    datetime.date(1997, 12, 31)
    >>> article_period(pd.Timestamp("2009-06-28"), "day")[0].date()
    datetime.date(2009, 6, 28)
    """
    start = pd.Timestamp(date)
    if precision == "year":
        return start, pd.Timestamp(year=start.year, month=12, day=31)
    if precision == "month":
        return start, start + pd.offsets.MonthEnd(0)
    if precision == "day":
        return start, start
    raise ValueError(f"precision is 'day', 'month' or 'year', not {precision!r}")


def compare_dates(table: pd.DataFrame, *, label: str = "id") -> pd.DataFrame:
    """Set each row's date as the article gives it beside the checked date.

    ``table`` needs ``date``, ``date_precision`` (or, as in ``relations_timeline``, the article's
    precision) and ``checked_date``; ``checked_date_end`` and ``checked_date_precision`` are used
    when present. A row *agrees* when the whole checked period lies inside the period the
    article names at its own precision (a visit on 29 August 1997 agrees with "1997").
    Rows without a checked date are left out.

    >>> visits = load("visits")
    >>> compare_dates(visits).set_index("id").loc[["netanyahu_1997", "peres_2009"], "agrees"].tolist()
    [True, False]
    """
    rows = table[table["checked_date"].notna() & table["date"].notna()]
    out = []
    for _, r in rows.iterrows():
        a0, a1 = article_period(r["date"], str(r["date_precision"]))
        cprec = r.get("checked_date_precision")
        cprec = "day" if cprec is None or pd.isna(cprec) else str(cprec)
        c0, c1 = article_period(r["checked_date"], cprec)
        end = r.get("checked_date_end")
        if end is not None and not pd.isna(end):
            c1 = pd.Timestamp(end)
        out.append({"id": r["id"], "label": r[label], "article_start": a0, "article_end": a1,
                    "checked_start": c0, "checked_end": c1,
                    "agrees": bool(a0 <= c0 and c1 <= a1)})
    return pd.DataFrame(out, columns=["id", "label", "article_start", "article_end",
                                      "checked_start", "checked_end", "agrees"])


def _day(d) -> str:
    """'28 Jun 2009' on every platform (strftime's %-d is not portable)."""
    return f"{d.day} {d:%b %Y}"


def _midpoint(start, end):
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    return start + (end - start) / 2


# --- label placement (no label hides another) ------------------------------------------------


class _Stagger:
    """Place each label above or below its marker at the first height where it overlaps no
    label placed before it, with a thin leader line when it stands away from the marker."""

    def __init__(self, ax):
        self.ax = ax
        self.renderer = ax.figure.canvas.get_renderer()
        self.taken: list[Bbox] = []
        self.frame = ax.get_window_extent(self.renderer)

    def place(self, text: str, xy, *, levels=(10, -10, 34, -34, 54, -54), **style):
        best = None
        for dy in levels:
            t = self.ax.annotate(text, xy, xytext=(0, dy), textcoords="offset points",
                                 ha="center", va="bottom" if dy > 0 else "top",
                                 arrowprops=dict(arrowstyle="-", color=GREY, lw=0.6,
                                                 shrinkA=0, shrinkB=4) if abs(dy) > 10 else None,
                                 **style)
            t.update_positions(self.renderer)
            box = Text.get_window_extent(t, self.renderer).padded(3)
            f = self.frame
            inside = f.x0 <= box.x0 and box.x1 <= f.x1 and f.y0 <= box.y0 and box.y1 <= f.y1
            clash = sum(b.width * b.height for b in
                        (Bbox.intersection(box, o) for o in self.taken) if b is not None)
            clash += 0 if inside else 1e9
            if best is None or clash < best[0]:
                if best is not None:
                    best[1].remove()
                best = (clash, t, box)
            else:
                t.remove()
            if clash == 0:
                break
        self.taken.append(best[2])
        return best[1]


# --- notebook 01: the relations since 1992 ---------------------------------------------------

LANES = ["Diplomatic", "Visits: Israel → Azerbaijan", "Visits: Azerbaijan → Israel",
         "Arms", "Statements and debate"]
SHORT = {  # short labels for the timeline (the full paraphrase is in the data)
    "diplomatic_relations_1992": "Diplomatic\nrelations",
    "israel_embassy_baku_1993": "Israel's embassy\nin Baku",
    "iai_deal_report_2012": "US$1.6 bn IAI deal\nreported",
    "iceberg_2008": "Aliyev's \"iceberg\"\n(US cable, WikiLeaks)",
    "haaretz_debate_2014": "Haaretz debate\non arms exports",
}


def relations_frame(timeline: pd.DataFrame, visits: pd.DataFrame, *, last_page: int = 63
                    ) -> pd.DataFrame:
    """The dated events of ``relations_timeline`` up to ``last_page``, with a lane, the period
    each date names, and a short label (visits: the visitor and the article's date).

    >>> f = relations_frame(load("relations_timeline"), load("visits"))
    >>> f.groupby("lane", observed=True).size().to_dict()["Visits: Israel → Azerbaijan"]
    6
    """
    t = timeline[timeline["date"].notna() & (timeline["page"] <= last_page)
                 & timeline["event_type"].isin(["diplomatic", "visit", "arms", "statement",
                                                "media"])].copy()
    t = t[t["actor_a"].isin(["IL", "AZ", "IAI"]) & t["actor_b"].isin(["IL", "AZ"])]
    who = visits.set_index("id")
    lane = {"diplomatic": LANES[0], "arms": LANES[3], "statement": LANES[4], "media": LANES[4]}

    def lane_of(r):
        if r["event_type"] == "visit":
            return LANES[1] if who.loc[r["visit_id"], "from_code"] == "IL" else LANES[2]
        return lane[r["event_type"]]

    def label_of(r):
        if r["event_type"] == "visit":
            v = who.loc[r["visit_id"]]
            when = r["date"].strftime("%Y" if r["date_precision"] == "year" else "%b %Y")
            return f"{v['person_en'].split()[-1]}\n{when}"
        return SHORT.get(r["id"], r["id"])

    t["lane"] = pd.Categorical(t.apply(lane_of, axis=1), categories=LANES)
    t["label"] = t.apply(label_of, axis=1)
    periods = [article_period(d, p) for d, p in zip(t["date"], t["date_precision"])]
    t["start"] = [p[0] for p in periods]
    t["end"] = [p[1] for p in periods]
    return t[["id", "lane", "label", "start", "end", "date_precision", "page", "note"]
             ].sort_values(["lane", "start"]).reset_index(drop=True)


def relations_chart(frame: pd.DataFrame, *, title: str, source: str, band: str | None = None,
                    band_period=("1992-04-01", "2015-01-01"), flag: Sequence[str] = (),
                    ax=None):
    """Draw :func:`relations_frame` as lanes, one marker per event at the middle of the period
    its date names; a year-precision date gets a bar across its year. ``band`` is a text for
    a hatched bar in the diplomatic lane (the embassy Azerbaijan did not open); ``flag`` lists
    ids whose label gets an asterisk (a date that the checked sources correct).
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 6.4))
    fig = ax.figure
    lanes = list(frame["lane"].cat.categories)
    y = {name: len(lanes) - 1 - i for i, name in enumerate(lanes)}
    ax.set_ylim(-0.7, len(lanes) - 0.05)
    ax.set_xlim(mdates.date2num(pd.Timestamp("1991-01-01")),
                mdates.date2num(pd.Timestamp("2015-12-31")))
    fig.canvas.draw()
    stagger = _Stagger(ax)
    if band:
        b0, b1 = (mdates.date2num(pd.Timestamp(d)) for d in band_period)
        yb = y[LANES[0]] - 0.42
        bar = ax.barh(yb, b1 - b0, left=b0, height=0.24, color="white",
                      edgecolor=OKABE_ITO["vermillion"], hatch="///", lw=0.8, zorder=2)
        note = ax.text(b0 + 0.5 * (b1 - b0), yb, band, ha="center", va="center", fontsize=8,
                       color="#333333", style="italic", zorder=3,
                       bbox=dict(facecolor="white", edgecolor="none", pad=1.5))
        for artist in (bar.patches[0], note):
            stagger.taken.append(artist.get_window_extent(stagger.renderer).padded(2))
    for i, name in enumerate(lanes):
        rows = frame[frame["lane"] == name]
        colour, marker = CYCLE[i % len(CYCLE)], MARKERS[i % len(MARKERS)]
        for _, r in rows.iterrows():
            mid = _midpoint(r["start"], r["end"])
            if r["date_precision"] == "year":
                ax.plot([r["start"], r["end"]], [y[name]] * 2, color=colour, lw=3, alpha=0.5,
                        solid_capstyle="butt", zorder=2)
            ax.scatter([mid], [y[name]], s=55, color=colour, marker=marker, zorder=3,
                       edgecolor="black", linewidth=0.5)
            px, py = ax.transData.transform((mdates.date2num(mid), y[name]))
            stagger.taken.append(Bbox.from_extents(px - 5, py - 5, px + 5, py + 5))
    for i, name in enumerate(lanes):
        for _, r in frame[frame["lane"] == name].iterrows():
            text = r["label"] + ("*" if r["id"] in flag else "")
            stagger.place(text, (mdates.date2num(_midpoint(r["start"], r["end"])), y[name]),
                          fontsize=7.5, zorder=4)
    ax.set_yticks([y[n] for n in lanes], [n.replace(": ", ":\n") for n in lanes])
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel("Year (a bar spans a date the article gives only as a year)")
    ax.set_title(title)
    add_source(fig, source)
    return ax


OFFICE_ORDER = ["Prime Minister", "President", "Foreign Minister", "Defence Minister"]


def visits_chart(visits: pd.DataFrame, *, title: str, source: str, ax=None):
    """Who visited whom: one block per visit, a row per direction, coloured and hatched by the
    visitor's office, with the visitor's name and the article's date in the block.

    >>> ax = visits_chart(load("visits"), title="t", source="Source: x.")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Azerbaijan → Israel', 'Israel → Azerbaijan']
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 3.4))
    names = {"IL": "Israel", "AZ": "Azerbaijan"}
    v = visits.sort_values("date").copy()
    v["direction"] = [f"{names[a]} → {names[b]}" for a, b in zip(v["from_code"], v["to_code"])]
    v["office"] = v["office_en"].str.replace(r" of \w+$", "", regex=True)
    order = v["direction"].value_counts(sort=True, ascending=True).index.tolist()
    styles = {o: (CYCLE[i], HATCHES[i]) for i, o in enumerate(OFFICE_ORDER)}
    for yi, d in enumerate(order):
        for xi, (_, r) in enumerate(v[v["direction"] == d].iterrows()):
            colour, hatch = styles[r["office"]]
            ax.barh(yi, 1, left=xi, height=0.7, color=colour, alpha=0.35, hatch=hatch,
                    edgecolor="black", lw=0.8, zorder=2)
            when = r["date"].strftime("%Y" if r["date_precision"] == "year" else "%b %Y")
            ax.text(xi + 0.5, yi, f"{r['person_en'].split()[-1]}\n{when}", ha="center",
                    va="center", fontsize=8, bbox=dict(facecolor="white", edgecolor="none",
                                                       pad=1.2, alpha=0.85))
    ax.set_yticks(range(len(order)), order)
    ax.set_xlim(0, max(v["direction"].value_counts()) + 0.2)
    ax.set_xlabel("Number of high-level visits listed in the article")
    ax.grid(axis="y", visible=False)
    handles = [Patch(facecolor=c, alpha=0.35, hatch=h, edgecolor="black", label=o)
               for o, (c, h) in styles.items() if o in set(v["office"])]
    ax.legend(handles=handles, title="Visitor's office", loc="upper left",
              bbox_to_anchor=(1.01, 1), fontsize=8, title_fontsize=8)
    ax.set_title(title)
    add_source(ax.figure, source)
    return ax


def date_check_chart(frame: pd.DataFrame, *, title: str, source: str, article_label: str,
                     checked_label: str, pad_days: int = 20, ax=None):
    """For each row of :func:`compare_dates`, two lanes: the period the article's date names
    (hatched) and the checked date (solid, with a marker). Returns the Axes.

    >>> f = compare_dates(load("visits"))
    >>> ax = date_check_chart(f[f.id == "peres_2009"], title="t", source="Source: x.",
    ...                       article_label="article", checked_label="checked")
    >>> len(ax.get_yticks())
    2
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 1.3 + 1.0 * len(frame)))
    ticks, names = [], []
    n = len(frame)
    for i, (_, r) in enumerate(frame.iterrows()):
        ya, yc = 2 * (n - 1 - i) + 1, 2 * (n - 1 - i)
        a0, a1 = (mdates.date2num(d) for d in (r["article_start"], r["article_end"]))
        c0, c1 = (mdates.date2num(d) for d in (r["checked_start"], r["checked_end"]))
        ax.barh(ya, a1 - a0 + 1, left=a0, height=0.55, color=OKABE_ITO["orange"], alpha=0.45,
                hatch="///", edgecolor="black", lw=0.8, zorder=2)
        ax.barh(yc, c1 - c0 + 1, left=c0, height=0.55, color=OKABE_ITO["blue"],
                edgecolor="black", lw=0.8, zorder=2)
        ax.scatter([c0 + 0.5 * (c1 - c0 + 1)], [yc], marker="D", s=40, color="white",
                   edgecolor="black", zorder=3)
        c_start, c_end = r["checked_start"], r["checked_end"]
        span = _day(c_start)
        if c_end != c_start:
            span = f"{c_start.day}–{_day(c_end)}"
        ax.annotate(span, (c1 + 1, yc), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=8.5)
        ticks += [ya, yc]
        names += [f"{r['label']}: {article_label}", f"{r['label']}: {checked_label}"]
    lo = min(frame["article_start"].min(), frame["checked_start"].min())
    hi = max(frame["article_end"].max(), frame["checked_end"].max())
    ax.set_xlim(mdates.date2num(lo - pd.Timedelta(days=pad_days)),
                mdates.date2num(hi + pd.Timedelta(days=pad_days + 15)))
    ax.set_yticks(ticks, names)
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_minor_locator(mdates.DayLocator(bymonthday=(8, 15, 22)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: _day(mdates.num2date(x))))
    ax.set_xlabel("Date (hatched: the whole period the article's date names)")
    ax.legend(handles=[Patch(facecolor=OKABE_ITO["orange"], alpha=0.45, hatch="///",
                             edgecolor="black", label="As the article dates it"),
                       Patch(facecolor=OKABE_ITO["blue"], edgecolor="black",
                             label="As contemporary sources date it")],
              loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    ax.set_title(title)
    add_source(ax.figure, source, y=-0.08)
    return ax


# --- the iceberg (our classification) --------------------------------------------------------


def iceberg_table() -> pd.DataFrame:
    """Our classification (``data/model/iceberg.csv``) with each item's page and note read
    from the article row it points to.

    >>> t = iceberg_table()
    >>> t.groupby("surface").size().to_dict()
    {'above': 5, 'below': 8}
    >>> t.loc[t.id == "iceberg_2008", "cite"].item()
    'Lindenstrauss 2015, p. 61, n. 1'
    """
    rows = []
    for item in load("iceberg").itertuples(index=False):
        surface, table, key, label = item.surface, item.source_table, item.id, item.label_en
        r = load(table).set_index("id").loc[key]
        rows.append({"surface": surface, "label": label, "table": table, "id": key,
                     "page": int(r["page"]), "note": None if pd.isna(r["note"]) else int(r["note"]),
                     "cite": cite(r["page"], r["note"])})
    return pd.DataFrame(rows).astype({"note": "Int64"})


def iceberg_chart(table: pd.DataFrame, *, title: str, source: str, ax=None):
    """Draw :func:`iceberg_table` as an iceberg: the items 'above' over the waterline, the
    others under it, each with its page (and note). Returns the Axes.

    >>> ax = iceberg_chart(iceberg_table(), title="t", source="Source: x.")
    >>> ax.get_title()
    't'
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 6.4))
    above = table[table["surface"] == "above"]
    below = table[table["surface"] == "below"]
    step_a, step_b = 0.8, 0.62
    top, bottom = step_a * len(above) + 0.2, -(step_b * len(below) + 0.5)
    ax.axhspan(bottom - 0.4, 0, color=OKABE_ITO["sky"], alpha=0.2, lw=0)
    ax.axhline(0, color=OKABE_ITO["blue"], lw=2, zorder=2)
    ax.text(10.9, 0.1, "waterline", ha="right", va="bottom", color=OKABE_ITO["blue"],
            fontsize=9, style="italic")
    outline = dict(closed=True, facecolor="white", edgecolor="#333333", lw=1.2, zorder=1)
    ax.add_patch(Polygon([(0.9, 0), (1.5, 0.55 * top), (2.2, top), (4.3, top), (5.0, top + 0.45),
                          (5.7, top), (7.8, top), (8.5, 0.55 * top), (9.1, 0)], **outline))
    ax.add_patch(Polygon([(0.9, 0), (-0.8, 0.35 * bottom), (0.1, 0.9 * bottom), (5.0, bottom),
                          (9.9, 0.9 * bottom), (10.8, 0.35 * bottom), (9.1, 0)], **outline))
    for i, (_, r) in enumerate(above.iterrows()):
        ax.text(5.0, top - 0.45 - step_a * i, f"{r['label']} ({_pn(r)})", ha="center",
                va="center", fontsize=8.5, zorder=3)
    for i, (_, r) in enumerate(below.iterrows()):
        ax.text(5.0, -0.45 - step_b * i, f"{r['label']} ({_pn(r)})", ha="center", va="center",
                fontsize=8.5, zorder=3)
    ax.text(-2.9, top - 0.2, "On show:\nofficial, public", fontsize=9, fontweight="bold",
            va="top", color="#333333")
    ax.text(-2.9, -0.25, "Below the\nsurface:\nleaks, reports,\nestimates,\ndenials",
            fontsize=9, fontweight="bold", va="top", color="#333333")
    ax.set_xlim(-3, 11)
    ax.set_ylim(bottom - 0.4, top + 0.6)
    ax.axis("off")
    ax.set_title(title)
    add_source(ax.figure, source)
    return ax


def _pn(r) -> str:
    return page_ref(r["page"], r["note"])


# --- arms: the article's figures and later SIPRI figures -------------------------------------


def arms_chart(arms: pd.DataFrame, sipri: pd.DataFrame, *, title: str, source: str):
    """Two panels: money values (US$ bn) -- the article's deal figures beside SIPRI's later
    delivery figure -- and SIPRI's later shares (%). The article's bars are solid; outside,
    later figures are grey and hatched. SIPRI's delivery figure is a trend-indicator value (a
    measure of volume) that the press reported in US$ million: the panel marks it as not
    comparable with contract dollars. Returns the Figure.

    >>> fig = arms_chart(load("arms"), load("sipri_arms"), title="t", source="Source: x.")
    >>> len(fig.axes)
    2
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(11.5, 4.4),
                                      gridspec_kw=dict(width_ratios=[1, 1.15], wspace=0.9))
    a = arms.set_index("id")
    money = [(f"IAI deal, reported {a.loc['iai_deal_2012', 'date'].year}\n(article, p. 63)",
              a.loc["iai_deal_2012", "value_usd_bn"], True),
             ("Deals signed in 'the last three\nyears', an estimate (article, p. 63, n. 8)",
              a.loc["deals_last_three_years", "value_usd_bn"], True)]
    for _, r in sipri[sipri["measure"] == "deliveries_value"].iterrows():
        money.append((f"Israeli deliveries {r['period_start']}–{r['period_end']}*\n"
                      "(SIPRI via Reuters 2020; later)", r["value"] / 1000, False))
    for i, (label, value, ours) in enumerate(money[::-1]):
        left.barh(i, value, color=OKABE_ITO["blue"] if ours else GREY,
                  hatch="" if ours else "//", edgecolor="black", lw=0.8, zorder=2)
        text = f"{value:g}" if ours else f"{value * 1000:g} million*"
        left.text(value + 0.08, i, text, va="center", fontsize=9)
    n_later = sum(not m[2] for m in money)
    left.axhline(n_later - 0.5, color="#555555", ls=":", lw=1)
    left.text(max(m[1] for m in money) * 1.18, n_later - 0.55, "not the same measure",
              ha="right", va="top", fontsize=8, style="italic", color="#555555")
    left.set_yticks(range(len(money)), [m[0] for m in money[::-1]], fontsize=8.5)
    left.set_xlabel("US$ billion (nominal, as reported)\n* SIPRI trend-indicator value (a volume "
                    "measure),\nreported in the press as US$ million: not contract dollars",
                    fontsize=9)
    left.set_xlim(0, max(m[1] for m in money) * 1.2)
    left.set_title("Money: deals vs. deliveries", fontsize=11)
    shares = sipri[sipri["unit"] == "percent"].sort_values(["measure", "period_start"])
    labels = [_share_label(r) for _, r in shares.iterrows()][::-1]
    for i, value in enumerate(shares["value"].iloc[::-1]):
        right.barh(i, value, color=GREY, hatch="//", edgecolor="black", lw=0.8, zorder=2)
        right.text(value + 1.5, i, f"{value:g}%", va="center", fontsize=9)
    right.set_yticks(range(len(labels)), labels, fontsize=8.5)
    right.set_xlim(0, 100)
    right.set_xlabel("Percent (SIPRI, major arms; later, outside the article)")
    right.set_title("Shares: SIPRI, 2015–2020", fontsize=11)
    for ax in (left, right):
        ax.grid(axis="y", visible=False)
    fig.legend(handles=[Patch(facecolor=OKABE_ITO["blue"], edgecolor="black",
                              label="The article (January 2015)"),
                        Patch(facecolor=GREY, hatch="//", edgecolor="black",
                              label="SIPRI, reported later (outside the article)")],
               loc="lower center", bbox_to_anchor=(0.5, -0.21), ncol=2, fontsize=9)
    fig.suptitle(title, fontweight="bold", fontsize=13)
    add_source(fig, source, y=-0.23)
    return fig


def _share_label(r) -> str:
    """'Israel's share of Azerbaijan's\narms imports, 2015–2019' from a sipri_arms row."""
    names = load("actors").set_index("code")["name_en"]
    frm, to = names[r["from_code"]], names[r["to_code"]]
    years = f"{r['period_start']}–{r['period_end']}"
    if r["measure"] == "share_of_recipient_imports":
        return f"{frm}'s share of {to}'s\narms imports, {years}"
    return f"{to}'s share of {frm}'s\narms exports, {years}"


# --- notebook 02: the Nagorno-Karabakh conflict, 1920-1994 -----------------------------------


def broken_timeline(events: pd.DataFrame, *, spans: Sequence[tuple[int, int]], label: str,
                    title: str, source: str, fig=None):
    """Events far apart in time on one axis broken into ``spans`` (first and last year of each
    panel, e.g. ``[(1919, 1923), (1986, 1995)]``), one row per event, oldest at the top, with
    the text of column ``label`` on the left. Periods (``date_end``) are bars; a date given
    only as a year is a bar across that year. Returns the Figure.

    >>> kt = load("karabakh_timeline")
    >>> fig = broken_timeline(kt, spans=[(1919, 1923), (1986, 1995)], label="id",
    ...                       title="t", source="Source: x.")
    >>> len(fig.axes)
    2
    """
    if fig is None:
        fig = plt.figure(figsize=(11, 0.9 + 0.55 * len(events)))
    axes = fig.subplots(1, len(spans), sharey=True, gridspec_kw=dict(
        width_ratios=[b - a + 1 for a, b in spans], wspace=0.05))
    ev = events.sort_values(["date", "date_end"], na_position="first").reset_index(drop=True)
    ys = list(range(len(ev) - 1, -1, -1))
    for ax, (a, b) in zip(axes, spans):
        ax.set_xlim(mdates.date2num(pd.Timestamp(year=a, month=1, day=1)),
                    mdates.date2num(pd.Timestamp(year=b, month=12, day=31)))
        ax.xaxis.set_major_locator(mdates.YearLocator(1))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.grid(axis="y", visible=False)
    for i, (y, (_, r)) in enumerate(zip(ys, ev.iterrows())):
        start = r["date"]
        end = r["date_end"] if not pd.isna(r["date_end"]) else article_period(
            start, str(r["date_precision"]))[1]
        x0, x1 = mdates.date2num(start), mdates.date2num(end)
        for ax in axes:  # a period may run across panels; each panel clips it
            ax.barh(y, x1 - x0, left=x0, height=0.55, color=CYCLE[i % len(CYCLE)], alpha=0.6,
                    hatch=HATCHES[i % len(HATCHES)], edgecolor="black", lw=0.8, zorder=2)
    axes[0].set_yticks(ys, ev[label].tolist(), fontsize=9)
    axes[0].set_ylim(-0.6, len(ev) - 0.4)
    for left_ax, right_ax in zip(axes[:-1], axes[1:]):
        left_ax.spines["right"].set_visible(False)
        right_ax.spines["left"].set_visible(False)
        right_ax.tick_params(left=False)
        for ax, x in ((left_ax, 1), (right_ax, 0)):  # the break marks
            ax.plot([x - 0.012, x + 0.012], [-0.03, 0.03], transform=ax.transAxes,
                    color="black", lw=1, clip_on=False)
    gaps = ", ".join(f"{b1 + 1}–{a2 - 1}" for (_, b1), (a2, _) in zip(spans[:-1], spans[1:]))
    axes[-1].set_xlabel(f"Year (the axis is broken: {gaps} left out; a bar spans a date the "
                        "article gives only as a year)", fontsize=9.5, loc="right")
    fig.suptitle(title, fontweight="bold", fontsize=13)
    add_source(fig, source)
    return fig
