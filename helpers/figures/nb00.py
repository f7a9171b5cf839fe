"""Figures of notebook 00 (the introduction): a first timeline of the relations. The
locator map is :func:`helpers.maps.draw_map`, shared with notebooks 02 and 03."""

from __future__ import annotations

import pandas as pd

from ..data import load
from ..plots import short_labels

def relations_events(timeline: pd.DataFrame, visits: pd.DataFrame, root=None) -> pd.DataFrame:
    """The dated single-day or single-month events between Israel and Azerbaijan that the
    first timeline shows (the event types ``event_types.csv`` marks for it), each with its
    lane (the event type's name)
    and a short label: the visitor's surname for a visit, else the row's short label
    (``short_labels.csv``).

    >>> e = relations_events(load("relations_timeline"), load("visits"))
    >>> e.set_index("id").loc["peres_2009", ["lane", "label"]].tolist()
    ['Visits', 'Peres']
    """
    pair = timeline["actor_a"].isin(["IL", "AZ", "IAI"]) & timeline["actor_b"].isin(["IL", "AZ"])
    dated = timeline[pair & timeline["date"].notna() & timeline["date_end"].isna()]
    types = load("event_types", root)
    dated = dated[dated["event_type"].isin(types.loc[types["in_first_timeline"], "code"])].copy()
    who = visits.set_index("id")["person_en"].str.split().str[-1]
    names = types.set_index("code")["name_en"]
    dated["lane"] = dated["event_type"].astype(str).map(names)
    dated["label"] = dated["visit_id"].map(who).fillna(dated["id"].map(short_labels(
        "relations_timeline")))
    return dated
