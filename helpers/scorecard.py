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
    if table == "oil_output_after_2020":
        unit = "Mt" if row["unit"] == "million_tonnes" else "kb/d"
        return (pd.Timestamp(int(row["year"]), 12, 31),
                f"{row['series']} oil output {int(row['year'])}: {row['value']:,.1f} {unit}")
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


#: How each confidence grade is said wherever a later fact is shown.
CONFIDENCE_WORDS = {"confirmed": "confirmed", "single-source": "reported by",
                    "disputed": "disputed: both sides shown"}


def later_output(series: str = "national", root=None) -> pd.DataFrame:
    """One of the later oil series of ``oil_output_after_2020``, indexed by year: ``national``
    (Azerbaijan's official figures, column ``mt``, million tonnes) or ``eia`` / ``opec``
    (estimates, column ``kbd``, thousand barrels a day), with ``source`` and ``confidence``.
    Its OWN series: not BP's, and never spliced onto :func:`helpers.energy.production`.

    >>> later_output().loc[[2010, 2025], "mt"].tolist()
    [50.8, 27.7]
    >>> later_output("eia").columns.tolist()
    ['kbd', 'source', 'confidence']
    """
    df = load("oil_output_after_2020", root)
    if series not in set(df["series"].astype(str)):
        raise ValueError(f"no series {series!r}: national, eia or opec")
    df = df[df["series"] == series]
    column = "mt" if series == "national" else "kbd"
    out = pd.DataFrame({column: df["value"].to_numpy(), "source": df["source"].to_numpy(),
                        "confidence": df["confidence"].astype(str).to_numpy()},
                       index=pd.Index(df["year"].astype(int), name="year"))
    return out.sort_index()


def share_of(year: int, base: int, series: str = "national") -> float:
    """Output in ``year`` as a percentage of output in ``base``, both from one later series.

    >>> round(share_of(2025, 2010), 1)
    54.5
    """
    s = later_output(series)
    column = "mt" if series == "national" else "kbd"
    for y in (year, base):
        if y not in s.index:
            raise ValueError(f"no {series} figure for {y}; years {', '.join(map(str, s.index))}")
    return float(100 * s.loc[year, column] / s.loc[base, column])


def with_confidence(events: pd.DataFrame) -> pd.Series:
    """Each event's text as it must be shown: a single-source fact with 'reported by' its
    source, a disputed one marked as such (its text states both sides), a confirmed one as is.

    >>> ev = load("events_after_2015").set_index("id")
    >>> with_confidence(ev.loc[["hajiyev_harop_2020"]]).iloc[0].split(" (reported by ")[1]
    'Walla interview, reported by the Times of Israel)'
    """
    out = []
    for r in events.itertuples():
        text, grade = r.event_en, str(r.confidence)
        if grade == "single-source":
            text += f" (reported by {r.source})"
        elif grade == "disputed":
            text = f"Disputed: {text}"
        out.append(text)
    return pd.Series(out, index=events.index, name="as_shown")


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
