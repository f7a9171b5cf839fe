"""Reading a 2015 assessment in 2026 (notebook 06): the scorecard of the article's assessments
against what happened next, and OUR straight line through the oil series. The figures are
in :mod:`helpers.figures.nb06`.

The scorecard lives in ``data/external/scorecard.csv``: each assessment has its page and quote,
the later events it is set against (ids of ``events_after_2015``), other later evidence
(``table/id`` references) and OUR judgement, on the scale of ``data/model/judgements.csv``,
for discussion::

    >>> card = load("scorecard")
    >>> card.set_index("id").loc["embassy_refusal", "our_judgement"]
    'overtaken'
    >>> split_refs("a;b")
    ['a', 'b']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .data import load


def judgements(root=None) -> pd.DataFrame:
    """OUR scale of judgements, in order, indexed by code: ``meaning_en`` and ``colour``.

    >>> judgements().index.tolist()[:2]
    ['held', 'partly']
    """
    return load("judgements", root).sort_values("order").set_index("code")


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
