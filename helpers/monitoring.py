"""A transparent teaching model for the article's advice to "follow closely signs of weakness
of the current regime" (p. 68). It is a checklist with weights, NOT a forecast.

* The **indicators** come from the weaknesses the article names for the Aliyev regime (p. 67);
  they are listed in ``data/article/regime_indicators.csv`` with page, note and quote.
* Each has a **level**, our ordinal coding of the article's wording: 0 = no such sign
  reported, 1 = sign reported, 2 = sign reported as growing or worsening. A user can set
  other levels (for another year, from other sources).
* **Weights** are the user's judgement of how much each indicator matters. The default gives
  every indicator the same weight, which is a choice too.

The **score** is the weighted share of the maximum: sum(weight × level) / sum(weight × 2),
between 0 (no sign anywhere) and 1 (every sign growing). It summarises the checklist; it does
not say how likely a change of regime is, and it has never been tested against cases. ::

    >>> score()
    0.625
    >>> score({"energy_decline": 3})       # only the weights you name change; others stay 1
    0.7
"""

from __future__ import annotations

import math
from numbers import Real

import pandas as pd

from .data import load
from .exercises import kind, show

MAX_LEVEL = 2
LEVELS = {0: "no such sign reported", 1: "sign reported", 2: "sign reported as growing"}

def profiles(root=None) -> dict[str, dict[str, float]]:
    """The weight profiles of ``data/model/weight_profiles.csv`` and ``profile_weights.csv``,
    in order: ``{profile: {indicator: weight}}``, listing only the weights that differ from 1.
    These are illustrations of ours, not the article's.

    >>> profiles()["Economy first"]
    {'energy_decline': 3.0, 'clan_corruption': 2.0}
    """
    names = load("weight_profiles", root).sort_values("order")["profile"]
    weights = load("profile_weights", root)
    return {str(n): {str(r.indicator): float(r.weight)
                     for r in weights[weights["profile"] == n].itertuples()} for n in names}


def indicators() -> pd.DataFrame:
    """The indicators, indexed by id, with the article's evidence, our level and the page.

    >>> indicators().loc["energy_decline", ["level", "page", "note"]].tolist()
    [2, 67, 40]
    """
    return load("regime_indicators").set_index("id")


def default_weights() -> dict[str, float]:
    """Weight 1.0 for every indicator, in the order of the data file.

    >>> list(default_weights().items())[:2]
    [('leadership', 1.0), ('clan_corruption', 1.0)]
    """
    return {i: 1.0 for i in indicators().index}


def _resolve(given: dict | None, default: dict, what: str, check) -> dict:
    """
    >>> _resolve({"Energy_Decline": 3}, default_weights(), "weights", _check_weight)
    Traceback (most recent call last):
    ValueError: unknown indicator 'Energy_Decline' in weights: ids are compared with their capital letters, and the data spell this one 'energy_decline'
    """
    out = dict(default)
    for key, value in (given or {}).items():
        if key not in out:
            same = [k for k in out if isinstance(key, str) and k.casefold() == key.strip().casefold()]
            if same:
                raise ValueError(f"unknown indicator {key!r} in {what}: ids are compared with "
                                 "their capital letters, and the data spell this one "
                                 f"{same[0]!r}")
            raise ValueError(f"unknown indicator {key!r} in {what}; known: {', '.join(out)}")
        check(key, value)
        out[key] = value
    return out


def _shown(value) -> str:
    """A value as a message writes it: a number by :func:`helpers.exercises.show` (no
    scientific notation, no numpy type name), anything else by its kind in words."""
    if isinstance(value, Real) and not isinstance(value, bool):
        return show(value)
    return kind(value)


def _check_weight(key, value):
    """
    >>> _check_weight("leadership", -1e-07)
    Traceback (most recent call last):
    ValueError: weight of 'leadership' must be a number ≥ 0, got -0.0000001
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"weight of {key!r} must be a number ≥ 0, got {_shown(value)}")
    if not math.isfinite(value):
        raise ValueError(f"weight of {key!r} must be an ordinary number ≥ 0, got "
                         f"{_shown(value)} (NaN or infinity has no share of the maximum)")
    if value < 0:
        raise ValueError(f"weight of {key!r} must be a number ≥ 0, got {_shown(value)}")


def _check_level(key, value):
    if value not in LEVELS:
        raise ValueError(f"level of {key!r} must be 0, 1 or 2, got {_shown(value)}")


def score_table(weights: dict | None = None, levels: dict | None = None) -> pd.DataFrame:
    """One row per indicator: level, weight, points (weight × level), the most it could score
    (weight × 2), page and note. ``weights`` and ``levels`` change only the indicators named.

    >>> table = score_table({"leadership": 2})
    >>> table.loc["leadership", ["weight", "points", "max_points"]].tolist()
    [2.0, 2.0, 4.0]
    """
    ind = indicators()
    w = _resolve(weights, default_weights(), "weights", _check_weight)
    lv = _resolve(levels, {i: int(v) for i, v in ind["level"].items()}, "levels", _check_level)
    table = pd.DataFrame({
        "indicator": ind["indicator_en"],
        "level": pd.Series(lv, dtype="int64"),
        "weight": pd.Series(w, dtype="float64"),
    })
    table["points"] = table["weight"] * table["level"]
    table["max_points"] = table["weight"] * MAX_LEVEL
    table["page"] = ind["page"]
    table["note"] = ind["note"]
    table.index.name = "id"
    return table


def score(weights: dict | None = None, levels: dict | None = None, *,
          ndigits: int | None = 3) -> float:
    """The weighted share of the maximum, rounded to ``ndigits`` decimals (three: what a
    table or a chart shows); ``ndigits=None`` gives it unrounded, for comparing two scores
    that differ by less than the rounding (see the module text).

    >>> score(levels={"energy_decline": 0, "repression_criticism": 0})
    0.375
    >>> score({"energy_decline": 1.01}), score({"energy_decline": 1.01}, ndigits=None) > score()
    (0.625, True)
    """
    t = score_table(weights, levels)
    if t["max_points"].sum() == 0:
        raise ValueError("at least one weight must be above 0")
    value = float(t["points"].sum() / t["max_points"].sum())
    return value if ndigits is None else round(value, ndigits)


def profile_scores(weights: dict | None = None) -> pd.DataFrame:
    """The score of the article's evidence (default levels) under each weight profile
    (``weights``: ``{name: {indicator: weight}}``, default :func:`profiles`).

    >>> profile_scores()["score"].tolist()
    [0.625, 0.682, 0.583, 0.654]
    """
    chosen = profiles() if weights is None else weights
    rows = [{"profile": name, "score": score(w),
             "weights": ", ".join(f"{k} ×{v:g}" for k, v in w.items()) or "all 1"}
            for name, w in chosen.items()]
    return pd.DataFrame(rows).set_index("profile")


def weights_widget():
    """Sliders for the weights (0–3) that print the score as they move. For exploring in
    JupyterLab; the stored, tested output of a notebook uses :func:`score` instead."""
    try:
        import ipywidgets as widgets
    except ImportError:  # pragma: no cover - ipywidgets is in the pinned environment
        print("ipywidgets is not installed: call score({...}) with your weights instead.")
        return None
    names = indicators()["indicator_en"]
    sliders = {i: widgets.FloatSlider(value=1.0, min=0, max=3, step=0.5, description=i,
                                      style={"description_width": "150px"},
                                      layout=widgets.Layout(width="420px"),
                                      tooltip=names[i])
               for i in names.index}

    def show(**weights):
        try:
            print(f"score = {score(weights):.3f}   (default {score():.3f})")
        except ValueError as err:
            print(err)

    return widgets.interactive(show, **sliders)
