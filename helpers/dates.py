"""Dates and their precision.

Dates in the data carry a precision (``day``, ``month`` or ``year``): "May 2009" is stored as
2009-05-01 with precision ``month``. The functions here treat such a date as the *period* it
names, so that a check against a more exact date compares like with like::

    >>> import pandas as pd
    >>> article_period(pd.Timestamp("2009-05-01"), "month")
    (Timestamp('2009-05-01 00:00:00'), Timestamp('2009-05-31 00:00:00'))
    >>> as_written(pd.Timestamp("2009-05-01"), "month")
    'May 2009'

The article's own date (January 2015) is read from ``data/article/publication.csv``.
"""

from __future__ import annotations

import pandas as pd

from .data import load, referenced_rows
from .errors import DataError

PRECISIONS = ("day", "month", "year")


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


def midpoint(start, end) -> pd.Timestamp:
    """The middle of a period (where a timeline puts its marker).

    >>> midpoint("2008-01-01", "2008-12-31").date()
    datetime.date(2008, 7, 1)
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    return start + (end - start) / 2


def day(d) -> str:
    """'28 Jun 2009' on every platform (strftime's %-d is not portable).

    >>> day(pd.Timestamp("2009-06-28"))
    '28 Jun 2009'
    """
    d = pd.Timestamp(d)
    return f"{d.day} {d:%b %Y}"


def as_written(date, precision: str, *, long: bool = False) -> str:
    """A date at the precision the data give: '2009', 'May 2009' ('May' is 'May' either
    way; ``long`` spells other months out), '28 Jun 2009'.

    >>> as_written(pd.Timestamp("1997-01-01"), "year")
    '1997'
    >>> as_written(pd.Timestamp("2010-09-01"), "month", long=True)
    'September 2010'
    """
    d = pd.Timestamp(date)
    if precision == "year":
        return f"{d.year}"
    if precision == "month":
        return d.strftime("%B %Y" if long else "%b %Y")
    if precision == "day":
        return day(d)
    raise ValueError(f"precision is 'day', 'month' or 'year', not {precision!r}")


def decimal_year(date) -> float:
    """A date as a decimal year, for timelines drawn on a plain numeric axis.

    >>> decimal_year(pd.Timestamp("1994-04-27"))
    1994.32
    """
    date = pd.Timestamp(date)
    return round(date.year + (date.day_of_year - 1) / 365.25, 2)


def published(root=None) -> pd.Timestamp:
    """The date of the article's issue (the first of its month), from ``publication.csv``.

    >>> published()
    Timestamp('2015-01-01 00:00:00')
    >>> as_written(published(), "month", long=True)
    'January 2015'
    """
    return pd.Timestamp(load("publication", root)["date"].iloc[0])


def compare_dates(table: pd.DataFrame, *, label: str = "id") -> pd.DataFrame:
    """Set each row's date as the article gives it beside the checked date.

    ``table`` needs ``date``, ``date_precision`` and ``checked_date``; ``checked_date_end``
    and ``checked_date_precision`` are used when present. A row *agrees* when the whole
    checked period lies inside the period the article names at its own precision (a visit on
    29 August 1997 agrees with "1997"). Rows without a checked date are left out.

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


def timeline(figure: str, root=None) -> pd.DataFrame:
    """The events a timeline figure shows (``data/model/timeline_events.csv``), in order,
    with their lane, short label (``short_labels.csv``), date, precision, checked date, page
    and note (from each event's own row), and ``provenance``: 'article' for rows with a
    page, 'outside' for later facts, whose ``source`` is given.

    >>> t = timeline("before_after")
    >>> bool((t.loc[t["provenance"] == "outside", "date"] > published()).all())
    True
    >>> list(dict.fromkeys(timeline("pressures")["lane"]))[0]
    'Iran'
    """
    events = referenced_rows("timeline_events", root=root)
    events = events[events["figure"] == figure].sort_values("order", ignore_index=True)
    labels = referenced_rows("short_labels", root=root).set_index(["table", "id"])["label_en"]
    missing = [f"{t}/{k}" for t, k in zip(events["table"], events["id"]) if (t, k) not in labels]
    if missing:
        raise DataError(f"data/model/short_labels.csv: no short label for {', '.join(missing)} "
                        f"(drawn in the timeline {figure!r})")
    events["label"] = [labels[(t, k)] for t, k in zip(events["table"], events["id"])]
    events["provenance"] = ["article" if not pd.isna(p) else "outside" for p in events["page"]]
    return events[["table", "id", "lane", "label", "date", "date_precision", "checked_date",
                   "page", "note", "provenance", "source"]]


def precision_field(column: str, fields) -> str | None:
    """The field that gives the precision of the date field ``column`` among ``fields``; or
    'day' for a checked date that has none (an exact date from outside sources) and for the
    first or last day of a period worked out from a date (``article_start``,
    ``checked_end``); or None.

    ``x_precision`` for ``x``; a period's end (``x_end``) and a second dating
    (``alt_checked_date``) take the precision of the date they go with; a timeline's
    ``start`` and ``end`` that of ``date``.

    >>> fields = ["date", "date_end", "date_precision", "checked_date"]
    >>> [precision_field(c, fields) for c in ["date", "date_end", "checked_date", "start"]]
    ['date_precision', 'date_precision', 'day', 'date_precision']
    >>> precision_field("alt_checked_date_end", ["checked_date_precision"])
    'checked_date_precision'
    >>> precision_field("article_start", fields), precision_field("published", fields)
    ('day', None)
    """
    fields = list(fields)
    base = column[:-4] if column.endswith("_end") else column
    base = base[4:] if base.startswith("alt_") else base
    base = {"start": "date", "end": "date"}.get(base, base)
    for candidate in (f"{column}_precision", f"{base}_precision"):
        if candidate in fields:
            return candidate
    if "checked" in base or column.endswith(("_start", "_end")):
        return "day"
    return None
