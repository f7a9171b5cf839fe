"""Azerbaijan's interests (notebook 02): the interests matrix by issue and partner. Its
figure is :func:`helpers.figures.nb02.draw_interests`.

The matrix counts the article's statements (rows of ``interests.csv``) for each issue and
partner, and keeps the page (and note) of each, so that every cell can be traced::

    >>> from helpers import load
    >>> counts, pages = interest_matrix(load("interests"))
    >>> int(counts.loc["Iran", "Iran"]), pages.loc["Iran", "Iran"]
    (5, '63 n.10 · 64 ×4')

The partner is our coding: one actor per statement, the one its sentence is chiefly about.
Where the sentence also ties the interest to Israel (``names_israel``), the one-partner
coding hides it; ``also_israel=True`` counts such a statement under Israel as well::

    >>> counts, pages = interest_matrix(load("interests"), also_israel=True)
    >>> pages.loc["Balance with Russia", "Israel"]
    '64'
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .data import load
from .plots import actor

def _pages(rows: pd.DataFrame) -> str:
    """'63 n.10 · 64 ×4': pages in order, a note where the row has one, ×k for repeats."""
    keys = [f"{p}" + (f" n.{n}" if not pd.isna(n) else "") for p, n in zip(rows["page"], rows["note"])]
    counted = pd.Series(keys).value_counts(sort=False)
    return " · ".join(k + (f" ×{c}" if c > 1 else "") for k, c in counted.items())


def interest_matrix(interests: pd.DataFrame, *, holder: str = "AZ",
                    sections: Sequence[str] = ("azerbaijani_interests",),
                    also_israel: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Count ``holder``'s interests by issue (rows, in the article's order) and partner
    (columns, in order of first mention), for the given sections of the article.

    Returns ``(counts, pages)``: integers, and for each non-empty cell the pages (with notes)
    of the statements counted. Issues are named from ``issues.csv``, partners from the
    actor registry (``actor_styles.csv``). With ``also_israel``, a statement whose sentence
    also ties it to Israel (``names_israel``) is counted under its partner *and* under Israel,
    so the counts add up to more than the statements.

    >>> counts, pages = interest_matrix(load("interests"))
    >>> int(counts.values.sum()), counts.columns[0]
    (20, 'Armenia')
    >>> int(interest_matrix(load("interests"), also_israel=True)[0].values.sum())
    23
    """
    rows = interests[(interests["holder"] == holder) & interests["section"].isin(sections)]
    if also_israel:
        named = rows[rows["names_israel"].fillna(False).astype(bool) & (rows["partner"] != "IL")]
        rows = pd.concat([rows, named.assign(partner="IL")])
    issue_names = load("issues").set_index("code")["name_en"]
    rows = rows.assign(issue_name=rows["issue"].astype(str).map(issue_names),
                       partner_name=[actor(str(c)).name for c in rows["partner"]])
    issues = list(dict.fromkeys(rows["issue_name"]))
    partners = list(dict.fromkeys(rows["partner_name"]))
    counts = (rows.groupby(["issue_name", "partner_name"]).size().unstack(fill_value=0)
              .reindex(index=issues, columns=partners, fill_value=0).astype(int))
    pages = (rows.groupby(["issue_name", "partner_name"])[["page", "note"]].apply(_pages)
             .unstack().reindex(index=issues, columns=partners).fillna(""))
    counts.index.name = pages.index.name = "issue"
    counts.columns.name = pages.columns.name = "partner"
    return counts, pages
