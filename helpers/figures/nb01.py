"""Figures of notebook 01 (the background): the iceberg, the relations since 1992, who
visited whom, the date check, and the arms figures beside SIPRI's."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch, Polygon
from matplotlib.ticker import FuncFormatter

from ..data import load, referenced_rows
from ..dates import article_period, as_written, compare_dates, day, midpoint, published
from ..plots import (SMALL, STACK_WIDE, ready, CYCLE, GREY, HATCHES, MARKERS, LabelPlacer, actor, finish, series,
                     short_labels, wrap)
from ..sources import cite, page_ref

WATER = "#56B4E9"

# --- the iceberg (our classification) --------------------------------------------------------


def cited_table(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with a ``cite`` column: each row's citation, with its note where the note
    stands. A footnote number is glued to the end of its sentence, so a sentence that runs over
    a page break ends, with its note, on the next page. The rows of ``table`` that cite a note
    stand in the sentence it ends; the last page among them is the page of the note, and a row
    on an earlier page cites the run from its own page to that one (``arms.csv`` says so in the
    row's remark).

    >>> cites = cited_table(load("arms")).set_index("id")["cite"]
    >>> cites["special_forces_training"], cites["soviet_equipment_upgrade"]
    ('Lindenstrauss 2015, pp. 62–63, n. 7', 'Lindenstrauss 2015, p. 63, n. 7')
    >>> cites["iai_deal_2012"]
    'Lindenstrauss 2015, p. 63'
    """
    noted = table[table["note"].notna()]
    note_page = noted.groupby(noted["note"].astype(int))["page"].max()
    out = []
    for _, r in table.iterrows():
        if pd.isna(r["note"]):
            out.append(cite(r["page"]))
            continue
        note, first, last = int(r["note"]), int(r["page"]), int(note_page[int(r["note"])])
        out.append(cite(first, note) if first == last
                   else cite(f"pp. {first}–{last}, n. {note}"))
    return table.assign(cite=out)


def iceberg_table(root=None) -> pd.DataFrame:
    """Our classification (``data/model/iceberg.csv``) with each item's page and note read
    from the article row it points to, and its citation (:func:`cited_table`: a note that
    ends a sentence on the next page is cited there).

    >>> t = iceberg_table()
    >>> t.groupby("surface").size().to_dict()
    {'above': 5, 'below': 8}
    >>> t.loc[t.id == "iceberg_2008", "cite"].item()
    'Lindenstrauss 2015, p. 61, n. 1'
    >>> t.loc[t.id == "special_forces_training", "cite"].item()
    'Lindenstrauss 2015, pp. 62–63, n. 7'
    """
    items = referenced_rows("iceberg", table="source_table", root=root)
    out = pd.DataFrame({"surface": items["surface"].astype(str), "label": items["label_en"],
                        "table": items["source_table"].astype(str), "id": items["id"],
                        "page": items["page"], "note": items["note"]})
    cites = {name: cited_table(load(name, root)).set_index("id")["cite"]
             for name in out["table"].unique()}
    out["cite"] = [cites[t][i] for t, i in zip(out["table"], out["id"])]
    return out


def _ref(citation: str) -> str:
    """'p. 62, n. 7' from 'Lindenstrauss 2015, p. 62, n. 7'."""
    return citation.split(", ", 1)[1]


def draw_iceberg(table: pd.DataFrame, *, title: str, source: str, ax=None):
    """Draw :func:`iceberg_table` as an iceberg: the items 'above' over the waterline, the
    others under it, each with its citation (``cite``). Returns the Axes.

    >>> ax = draw_iceberg(iceberg_table(), title="t", source="Source: x.")
    >>> ax.get_title()
    't'
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 5.1))
    above = table[table["surface"] == "above"]
    below = table[table["surface"] == "below"]
    step_a, step_b = 0.8, 0.62
    top, bottom = step_a * len(above) + 0.2, -(step_b * len(below) + 0.5)
    ax.axhspan(bottom - 0.4, 0, color=WATER, alpha=0.2, lw=0)
    ax.axhline(0, color=series("article").colour, lw=2, zorder=2)
    ax.text(10.9, 0.1, "waterline", ha="right", va="bottom", color=series("article").colour,
            fontsize=SMALL, style="italic")
    outline = dict(closed=True, facecolor="white", edgecolor="#333333", lw=1.2, zorder=1)
    ax.add_patch(Polygon([(0.6, 0), (1.0, 0.55 * top), (1.6, top), (4.3, top), (5.0, top + 0.45),
                          (5.7, top), (8.4, top), (9.0, 0.55 * top), (9.4, 0)], **outline))
    ax.add_patch(Polygon([(0.6, 0), (-0.8, 0.35 * bottom), (0.1, 0.9 * bottom), (5.0, bottom),
                          (9.9, 0.9 * bottom), (10.8, 0.35 * bottom), (9.4, 0)], **outline))
    for i, (_, r) in enumerate(above.iterrows()):
        ax.text(5.0, top - 0.45 - step_a * i, f"{r['label']} ({_ref(r['cite'])})",
                ha="center", va="center", fontsize=SMALL, zorder=3)
    for i, (_, r) in enumerate(below.iterrows()):
        ax.text(5.0, -0.45 - step_b * i, f"{r['label']} ({_ref(r['cite'])})",
                ha="center", va="center", fontsize=SMALL, zorder=3)
    ax.text(-2.9, top - 0.2, "On show:\nofficial, public", fontsize=SMALL, fontweight="bold",
            va="top", color="#333333")
    ax.text(-2.9, -0.25, "Below the\nsurface:\nleaks, reports,\nestimates,\ndenials",
            fontsize=SMALL, fontweight="bold", va="top", color="#333333")
    ax.set_xlim(-3, 11)
    ax.set_ylim(bottom - 0.4, top + 0.6)
    ax.axis("off")
    return finish(ax, title=title, source=source, fit_layout=True)


# --- the relations since 1992 ----------------------------------------------------------------

def relations_frame(timeline: pd.DataFrame, visits: pd.DataFrame, *, last_page: int = 63,
                    root=None) -> pd.DataFrame:
    """The dated events of ``relations_timeline`` between Israel and Azerbaijan up to
    ``last_page`` whose event types ``event_types.csv`` marks for this timeline, with a lane
    (the event type's name, in the order of that file; visits by
    direction), the period each date names, and a short label (``short_labels.csv``; visits:
    the visitor and the article's date).

    >>> f = relations_frame(load("relations_timeline"), load("visits"))
    >>> f.groupby("lane", observed=True).size().to_dict()["Visits: Israel → Azerbaijan"]
    6
    """
    types = load("event_types", root)
    kinds = list(types.loc[types["in_relations_timeline"], "code"])
    t = timeline[timeline["date"].notna() & (timeline["page"] <= last_page)
                 & timeline["event_type"].isin(kinds)].copy()
    t = t[t["actor_a"].isin(["IL", "AZ", "IAI"]) & t["actor_b"].isin(["IL", "AZ"])]
    who = visits.set_index("id")
    names = types.set_index("code")["name_en"]
    labels = short_labels("relations_timeline")

    def direction(code_from, code_to):
        return f"{names['visit']}: {actor(code_from).name} → {actor(code_to).name}"

    lanes = []
    for kind in kinds:
        if kind == "visit":
            lanes += [direction("IL", "AZ"), direction("AZ", "IL")]
        elif names[kind] not in lanes:
            lanes.append(names[kind])

    def lane_of(r):
        if r["event_type"] == "visit":
            v = who.loc[r["visit_id"]]
            return direction(v["from_code"], v["to_code"])
        return names[r["event_type"]]

    def label_of(r):
        if r["event_type"] == "visit":
            v = who.loc[r["visit_id"]]
            return f"{v['person_en'].split()[-1]} {as_written(r['date'], r['date_precision'])}"
        return labels.get(r["id"], r["id"])

    t["lane"] = pd.Categorical(t.apply(lane_of, axis=1), categories=lanes)
    t["label"] = t.apply(label_of, axis=1)
    periods = [article_period(d, p) for d, p in zip(t["date"], t["date_precision"])]
    t["start"] = [p[0] for p in periods]
    t["end"] = [p[1] for p in periods]
    return t[["id", "lane", "label", "start", "end", "date_precision", "page", "note"]
             ].sort_values(["lane", "start"]).reset_index(drop=True)


def draw_relations(frame: pd.DataFrame, *, title: str, source: str, band: str | None = None,
                   band_period=None, flag: Sequence[str] = (), ax=None):
    """Draw :func:`relations_frame` as lanes, one marker per event at the middle of the period
    its date names; a year-precision date gets a bar across its year. ``band`` is a text for
    a hatched bar in the first lane over ``band_period`` (default: from the first event to
    the article's publication; the embassy Azerbaijan did not open); ``flag`` lists ids
    whose label gets an asterisk (a date that the checked sources correct). Returns the Axes.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 8.6))
    lanes = list(frame["lane"].cat.categories)
    y = {name: len(lanes) - 1 - i for i, name in enumerate(lanes)}
    ax.set_ylim(-0.9, len(lanes) - 0.05)
    first, pub_date = frame["start"].min(), published()
    ax.set_xlim(mdates.date2num(pd.Timestamp(year=first.year - 2, month=7, day=1)),
                mdates.date2num(pd.Timestamp(year=pub_date.year + 2, month=6, day=30)))
    ax.set_yticks([y[n] for n in lanes], [n.replace(": ", ":\n") for n in lanes])
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel("Year (a bar spans a date the article gives only as a year)")
    ready(ax, title)
    placer = LabelPlacer(ax, pad=3)
    if band:
        b0, b1 = (mdates.date2num(pd.Timestamp(d))
                  for d in (band_period or (first, pub_date)))
        yb = y[lanes[0]] - 0.42
        bar = ax.barh(yb, b1 - b0, left=b0, height=0.24, color="white",
                      edgecolor=series("outside").colour, hatch="///", lw=0.8, zorder=2)
        note = ax.text(b0 + 0.5 * (b1 - b0), yb, band, ha="center", va="center", fontsize=SMALL,
                       color="#333333", style="italic", zorder=3,
                       bbox=dict(facecolor="white", edgecolor="none", pad=1.5))
        placer.block_artist(bar.patches[0])
        placer.block_artist(note)
    for i, name in enumerate(lanes):
        colour, marker = CYCLE[i % len(CYCLE)], MARKERS[i % len(MARKERS)]
        for _, r in frame[frame["lane"] == name].iterrows():
            mid = midpoint(r["start"], r["end"])
            if r["date_precision"] == "year":
                ax.plot([r["start"], r["end"]], [y[name]] * 2, color=colour, lw=3, alpha=0.5,
                        solid_capstyle="butt", zorder=2)
            ax.scatter([mid], [y[name]], s=55, color=colour, marker=marker, zorder=3,
                       edgecolor="black", linewidth=0.5)
            placer.block(mdates.date2num(mid), y[name])
    for name in lanes:
        for _, r in frame[frame["lane"] == name].iterrows():
            label = str(r["label"])  # every visit names its visitor
            text = wrap(label, 11) + ("*" if r["id"] in flag else "")
            placer.place(text, [(mdates.date2num(midpoint(r["start"], r["end"])), y[name])],
                         STACK_WIDE, force=True, leader=dict(arrowstyle="-", color=GREY, lw=0.6,
                                                        shrinkA=0, shrinkB=4),
                         leader_beyond=10, fontsize=SMALL, zorder=4)
    return finish(ax, title=title, source=source)


def draw_visits(visits: pd.DataFrame, *, title: str, source: str, ax=None):
    """Who visited whom: one block per visit, a row per direction, coloured and hatched by the
    visitor's office (in the order offices first appear), with the visitor's name and the
    article's date in the block. Returns the Axes.

    >>> ax = draw_visits(load("visits"), title="t", source="Source: x.")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Azerbaijan →\\nIsrael', 'Israel →\\nAzerbaijan']
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.8))
    v = visits.sort_values("date").copy()
    v["direction"] = [f"{actor(a).name} → {actor(b).name}"
                      for a, b in zip(v["from_code"], v["to_code"])]
    v["office"] = v["office_en"].str.replace(r" of \w+$", "", regex=True)
    order = v["direction"].value_counts(sort=True, ascending=True).index.tolist()
    offices = list(dict.fromkeys(v["office"]))
    styles = {o: (CYCLE[i % len(CYCLE)], HATCHES[i % len(HATCHES)]) for i, o in enumerate(offices)}
    for yi, d in enumerate(order):
        for xi, (_, r) in enumerate(v[v["direction"] == d].iterrows()):
            colour, hatch = styles[r["office"]]
            ax.barh(yi, 1, left=xi, height=0.7, color=colour, alpha=0.35, hatch=hatch,
                    edgecolor="black", lw=0.8, zorder=2)
            ax.text(xi + 0.5, yi, f"{r['person_en'].split()[-1]}\n"
                    f"{as_written(r['date'], r['date_precision'])}", ha="center",
                    va="center", fontsize=SMALL, bbox=dict(facecolor="white", edgecolor="none",
                                                       pad=1.2, alpha=0.85))
    ax.set_yticks(range(len(order)), [d.replace(" → ", " →\n") for d in order])
    ax.set_xlim(0, max(v["direction"].value_counts()) + 0.2)
    ax.set_xlabel("Number of high-level visits listed in the article")
    ax.grid(axis="y", visible=False)
    handles = [Patch(facecolor=c, alpha=0.35, hatch=h, edgecolor="black", label=o)
               for o, (c, h) in styles.items()]
    ax.legend(handles=handles, title="Visitor's office", loc="upper center", ncol=4,
              bbox_to_anchor=(0.5, -0.3), fontsize=SMALL, title_fontsize=SMALL,
              columnspacing=1.2, handletextpad=0.5)
    return finish(ax, title=title, source=source, fit_layout=True)


def date_check_frame(*tables: pd.DataFrame, ids: Sequence[str] | None = None,
               label: str = "id") -> pd.DataFrame:
    """:func:`helpers.dates.compare_dates` of the rows of ``tables`` (those whose ``id`` is in
    ``ids``, in that order, if given; an id found in two tables is taken from the first), with a second checked dating where the outside sources
    disagree with each other (``alt_checked_date`` and ``alt_checked_date_end`` of
    ``visits.csv``): ``alt_start``, ``alt_end`` (NaT where there is none) and ``alt_agrees``,
    whether that dating too falls inside the period the article's date names.

    >>> c = date_check_frame(load("visits"), ids=["peres_2009"]).iloc[0]
    >>> c["checked_start"].day, c["alt_start"].day, bool(c["agrees"]), bool(c["alt_agrees"])
    (28, 29, False, False)
    """
    records, seen = [], set()
    for table in tables:
        rows = table if ids is None else table[table["id"].isin(list(ids))]
        rows = rows[~rows["id"].isin(seen)]
        seen |= set(rows["id"])
        by_id = rows.set_index("id")
        for rec in compare_dates(rows, label=label).to_dict("records"):
            r = by_id.loc[rec["id"]]
            start, end = r.get("alt_checked_date"), r.get("alt_checked_date_end")
            start = pd.NaT if start is None or pd.isna(start) else pd.Timestamp(start)
            end = start if end is None or pd.isna(end) else pd.Timestamp(end)
            rec |= {"alt_start": start, "alt_end": end,
                    "alt_agrees": pd.NA if pd.isna(start) else
                    bool(rec["article_start"] <= start and end <= rec["article_end"])}
            records.append(rec)
    out = pd.DataFrame(records, columns=["id", "label", "article_start", "article_end",
                                         "checked_start", "checked_end", "agrees",
                                         "alt_start", "alt_end", "alt_agrees"])
    if ids is not None:
        order = {i: k for k, i in enumerate(ids)}
        out = out.sort_values("id", key=lambda s: s.map(order), ignore_index=True)
    for c in ("alt_start", "alt_end"):
        out[c] = pd.to_datetime(out[c])
    out["alt_agrees"] = out["alt_agrees"].astype("boolean")
    return out


def _days(start, end) -> str:
    """'28–29 Jun' or '21 May': the days a checked dating names."""
    return day(start) if end == start else f"{start.day}–{day(end)}"


def draw_date_check(frame: pd.DataFrame, *, title: str, source: str, article_label: str,
                    checked_label: str, alt_label: str = "another source", pad_days: int = 20,
                    ax=None):
    """For each row of :func:`date_check_frame` (or of :func:`helpers.dates.compare_dates`), a lane
    for the period the article's date names (hatched) and one for the checked date (solid,
    with a marker); a row whose sources disagree gets a third lane for the second dating
    (dotted outline), so the disagreement is seen, not resolved. Returns the Axes.

    >>> ax = draw_date_check(date_check_frame(load("visits"), ids=["peres_2009"]), title="t",
    ...                      source="Source: x.", article_label="article", checked_label="checked")
    >>> len(ax.get_yticks())
    3
    """
    has_alt = [("alt_start" in frame and not pd.isna(r["alt_start"]))
               for _, r in frame.iterrows()]
    lanes = sum(2 + a for a in has_alt)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 2.0 + 0.65 * lanes))
    article, outside = series("article"), series("outside")
    ticks, names = [], []
    y = lanes
    for (_, r), alt in zip(frame.iterrows(), has_alt):
        y -= 1
        a0, a1 = (mdates.date2num(d) for d in (r["article_start"], r["article_end"]))
        ax.barh(y, a1 - a0 + 1, left=a0, height=0.55, color=article.colour, alpha=0.45,
                hatch="///", edgecolor="black", lw=0.8, zorder=2)
        ticks.append(y)
        names.append(f"{r['label']}: {article_label}")
        datings = [("checked", checked_label, dict(color=outside.colour))]
        if alt:
            datings.append(("alt", alt_label, dict(color="white", linestyle=":",
                                                     hatch="..")))
        for kind, name, style in datings:
            y -= 1
            start, end = (r[f"{kind}_start"], r[f"{kind}_end"])
            c0, c1 = (mdates.date2num(d) for d in (start, end))
            ax.barh(y, c1 - c0 + 1, left=c0, height=0.55, edgecolor="black", lw=0.8,
                    zorder=2, **style)
            ax.scatter([c0 + 0.5 * (c1 - c0 + 1)], [y], marker="D", s=40, color="white",
                       edgecolor="black", zorder=3)
            ax.annotate(_days(start, end), (c1 + 1, y), xytext=(6, 0),
                        textcoords="offset points", va="center", fontsize=SMALL)
            ticks.append(y)
            names.append(f"{r['label']}: {name}")
    starts = [frame["article_start"].min(), frame["checked_start"].min()]
    stops = [frame["article_end"].max(), frame["checked_end"].max()]
    if any(has_alt):
        starts.append(frame["alt_start"].min())
        stops.append(frame["alt_end"].max())
    lo, hi = min(starts), max(stops)
    ax.set_xlim(mdates.date2num(lo - pd.Timedelta(days=pad_days)),
                mdates.date2num(hi + pd.Timedelta(days=pad_days + 15)))
    ax.set_ylim(-0.6, lanes - 0.4)
    ax.set_yticks(ticks, [n.replace(": ", ":\n", 1) for n in names])
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_minor_locator(mdates.DayLocator(bymonthday=(8, 15, 22)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: day(mdates.num2date(x))))
    ax.set_xlabel("Date (hatched: the whole period the article's date names)")
    handles = [Patch(facecolor=article.colour, alpha=0.45, hatch="///", edgecolor="black",
                     label="As the article dates it"),
               Patch(facecolor=outside.colour, edgecolor="black",
                     label="As contemporary sources date it")]
    if any(has_alt):
        handles.append(Patch(facecolor="white", edgecolor="black", linestyle=":", hatch="..",
                             label="As another contemporary source dates it"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.45, -0.16), ncol=2,
              fontsize=SMALL)
    return finish(ax, title=title, source=source, fit_layout=True)


# --- arms: the article's figures and later SIPRI figures -------------------------------------


def _share_label(r) -> str:
    """'Israel's share of Azerbaijan's arms imports, 2015–2019' from a sipri_arms row."""
    frm, to = actor(r["from_code"]).name, actor(r["to_code"]).name
    years = f"{r['period_start']}–{r['period_end']}"
    if r["measure"] == "share_of_recipient_imports":
        return f"{frm}'s share of {to}'s arms imports, {years}"
    return f"{to}'s share of {frm}'s arms exports, {years}"


def draw_arms(arms: pd.DataFrame, sipri: pd.DataFrame, *, title: str, source: str):
    """Two panels: money values (US$ bn) -- the article's deal figures beside SIPRI's later
    delivery figure -- and SIPRI's later shares (%). The article's bars are solid; outside,
    later figures are grey and hatched. SIPRI's delivery figure is a trend-indicator value (a
    measure of volume) that the press reported in US$ million: the panel marks it as not
    comparable with contract dollars. Labels of the article's rows come from
    ``short_labels.csv``. Returns the first Axes.

    >>> ax = draw_arms(load("arms"), load("sipri_arms"), title="t", source="Source: x.")
    >>> len(ax.figure.axes)
    2
    """
    fig, (left, right) = plt.subplots(2, 1, figsize=(8, 7.4),
                                      gridspec_kw=dict(height_ratios=[3, 4]))
    labels = short_labels("arms")
    colour = series("article").colour
    money = []
    for r in arms[arms["value_usd_bn"].notna()].itertuples():
        when = f" {r.date.year}" if not pd.isna(r.date) else ""
        label = wrap(f"{labels.get(r.id, r.id)}{when} (article, {page_ref(r.page, r.note)})", 34)
        money.append((label, r.value_usd_bn, True))
    for _, r in sipri[sipri["measure"] == "deliveries_value"].iterrows():
        money.append((f"Israeli deliveries {r['period_start']}–{r['period_end']}*\n"
                      "(SIPRI via Reuters 2020; later)", r["value"] / 1000, False))
    for i, (_, value, ours) in enumerate(money[::-1]):
        left.barh(i, value, height=0.6, color=colour if ours else GREY,
                  hatch="" if ours else "//", edgecolor="black", lw=0.8, zorder=2)
        text = f"{value:g}" if ours else f"{value * 1000:g} million*"
        left.text(value + 0.08, i, text, va="center", fontsize=SMALL)
    n_later = sum(not m[2] for m in money)
    left.axhline(n_later - 0.5, color="#555555", ls=":", lw=1)
    left.text(max(m[1] for m in money) * 1.18, n_later - 0.5, "not the same measure",
              ha="right", va="center", fontsize=SMALL, style="italic", color="#555555",
              bbox=dict(facecolor="white", edgecolor="none", pad=1))
    left.set_yticks(range(len(money)), [m[0] for m in money[::-1]], fontsize=SMALL)
    left.set_xlabel("US$ billion (nominal, as reported). * SIPRI trend-indicator value (a "
                    "volume\nmeasure), reported in the press as US$ million: not contract dollars",
                    fontsize=SMALL)
    left.set_xlim(0, max(m[1] for m in money) * 1.2)
    left.set_title("Money: deals vs. deliveries", fontsize=11)
    shares = sipri[sipri["unit"] == "percent"].sort_values(["measure", "period_start"])
    share_labels = [wrap(_share_label(r), 34) for _, r in shares.iterrows()][::-1]
    for i, value in enumerate(shares["value"].iloc[::-1]):
        right.barh(i, value, color=GREY, hatch="//", edgecolor="black", lw=0.8, zorder=2)
        right.text(value + 1.5, i, f"{value:g}%", va="center", fontsize=SMALL)
    right.set_yticks(range(len(share_labels)), share_labels, fontsize=SMALL)
    right.set_xlim(0, 100)
    right.set_xlabel("Percent (SIPRI, major arms; later, outside the article)")
    first, last = shares["period_start"].min(), shares["period_end"].max()
    right.set_title(f"Shares: SIPRI, {first}–{last}", fontsize=11)
    for ax in (left, right):
        ax.grid(axis="y", visible=False)
    left.legend(handles=[Patch(facecolor=colour, edgecolor="black",
                               label=f"The article ({as_written(published(), 'month', long=True)})"),
                         Patch(facecolor=GREY, hatch="//", edgecolor="black",
                               label="SIPRI, reported later\n(outside the article)")],
                loc="upper right", fontsize=SMALL)
    return finish(left, title=title, source=source, suptitle=True, fit_layout=True)
