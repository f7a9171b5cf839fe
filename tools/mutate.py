"""The mutation battery: small mistakes, made one at a time in a scratch copy of the project,
to see whether the tests notice them.

    python tools/mutate.py                  # every mutation, one after another
    python tools/mutate.py -j 2             # two at a time (each in its own copy)
    python tools/mutate.py --list           # what each mutation changes, and its tests
    python tools/mutate.py --only bp-oil-2007-transposed --only 'prose-*'

Each mutation below is a plain description: a file, a text found exactly once in it (in a
notebook: once among the cells' sources) and what it becomes, or a text that picks out one
notebook cell to delete; and the tests that should notice it. For each one the tool copies
the project (without .venv, .git, build and caches) to a temporary folder beside a link to
../shared, makes the one change there, and runs those tests from the copy with PYTHONPATH
set to it, so that the pytest process and the notebooks' kernels import the copy's
``helpers``, not the original that the venv's editable install points at. A mutation is
*killed* when the tests fail (or cannot be collected) and *survives* when they pass. The
real tree is never written to: its files are hashed before and after. A notebook's nbval
(the slowest test) is among a mutation's tests only when the mutation is in that notebook or
changes a value that the notebook's stored text output shows.

Before the mutations, the same tests run once on an unchanged copy: a test that fails
without any mutation would count every mutation as killed, so that is an error. Two
mutations must be killed (``must_kill``): one that the pytest process sees and one that only a
notebook's kernel sees. If either survives, the copy is not what runs, and the tool stops.

It prints a table and the kill ratio. It exits non-zero only when it cannot do its work (a
mutation that no longer applies, a failing baseline, a sentinel that survives, tests that
cannot be run, the real tree changed); survivors are its result, not an error. It is a
benchmark, not part of ``make test``; tests/test_mutate.py checks that every mutation still
applies to the tree.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import fnmatch
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# Not copied, not hashed: the environment, version control, build output and caches.
SKIP_NAMES = {".venv", ".git", "build", "__pycache__", ".pytest_cache", ".hypothesis",
              ".ipynb_checkpoints", ".ruff_cache", ".mypy_cache"}
SKIP_PATTERNS = ("*.egg-info",)

# What each kind of mutation imitates (the kinds of issue 10).
KINDS = {
    "data": "a value in one of the article's tables",
    "external": "a value in a table from outside the article",
    "quote": "a word of a Hebrew quote in the data",
    "date": "a date in the data",
    "page": "a page in the data",
    "note": "a note number in the data",
    "helper": "a helper's arithmetic or logic",
    "tolerance": "a check's tolerance, widened tenfold",
    "caption": "a page in a figure's caption or legend",
    "title": "a figure's title removed",
    "prose-number": "a number in a notebook's prose",
    "prose-citation": "a page or note cited in a notebook's prose",
    "prose-quote": "a word of a Hebrew quote in a notebook's prose",
    "cell": "a notebook cell deleted (an exercise's check or solution)",
}

# Groups of tests, by what they read. A glob may match nothing yet: a test file added later
# under a matching name joins the group without an edit here (`--list` shows what matches).
PROVENANCE = ("tests/test_provenance.py", "tests/test_*provenance*.py",
              "tests/test_quote_numbers.py", "tests/test_note_order.py")
LOADER = ("tests/test_data.py",)
FACTS = ("tests/test_*facts*.py", "tests/test_*external*.py")
ENERGY = ("tests/test_energy.py", "helpers/energy.py")
PROSE = ("tests/test_notebooks.py", "tests/test_*prose*.py") + PROVENANCE
FIGURES = ("tests/test_*figure*.py", "tests/test_*caption*.py", "tests/test_layout.py")
STRUCTURE = ("tests/test_notebooks.py", "tests/test_*structure*.py", "tests/test_exercises.py")


@dataclass(frozen=True)
class Mutation:
    """One small mistake: ``find`` (found exactly once) becomes ``replace`` in ``file``, or,
    in a notebook, the one cell whose source holds ``delete_cell`` is deleted."""

    name: str
    kind: str
    file: str
    tests: tuple[str, ...]
    find: str = ""
    replace: str = ""
    delete_cell: str = ""
    why: str = ""
    must_kill: bool = False


def M(name, kind, file, find="", replace="", *, tests, delete_cell="", why="", must_kill=False):
    return Mutation(name=name, kind=kind, file=file, find=find, replace=replace,
                    delete_cell=delete_cell, tests=tuple(tests), why=why, must_kill=must_kill)


NB = {n: f"notebooks/{n}_{s}.ipynb" for n, s in [
    ("00", "introduction"), ("01", "background"), ("02", "azerbaijani_interests"),
    ("03", "israeli_interests"), ("04", "weaknesses"), ("05", "conclusions"),
    ("06", "epilogue")]}

MUTATIONS: tuple[Mutation, ...] = (
    # --- the article's tables -----------------------------------------------------------
    M("figures-oil-share-45", "data", "data/article/figures.csv",
      ",40,percent,plain,true,energy,65,", ",45,percent,plain,true,energy,65,",
      tests=[*PROVENANCE, *LOADER, *ENERGY],
      why="oil share 40 -> 45 while its quote still says 40% (issue 10)"),
    M("figures-peak-year-2011", "data", "data/article/figures.csv",
      ",2010,year,plain,false,energy,67,40,", ",2011,year,plain,false,energy,67,40,",
      tests=[*PROVENANCE, *ENERGY, "tests/test_checks_nb06.py"],
      why="the article's peak year 2010 -> 2011"),
    M("figures-displaced-45000", "data", "data/article/figures.csv",
      "displaced_azeris_nk,Azeris who fled from Nagorno-Karabakh to Azerbaijan.,45000,",
      "displaced_azeris_nk,Azeris who fled from Nagorno-Karabakh to Azerbaijan.,54000,",
      tests=[*PROVENANCE, *LOADER, "tests/test_interests.py"],
      why="45,000 displaced Azeris -> 54,000 (quote unchanged)"),
    M("arms-iai-deal-6.1", "data", "data/article/arms.csv",
      "deal,IAI,AZ,1.6,,reported,", "deal,IAI,AZ,6.1,,reported,",
      tests=[*PROVENANCE, *LOADER, "tests/test_checks_nb01.py", NB["01"]],
      why="the US$1.6 bn IAI deal -> 6.1 (quote unchanged)"),
    M("visits-peres-june", "date", "data/article/visits.csv",
      "2009-05-01,month,62,", "2009-06-01,month,62,",
      tests=[*PROVENANCE, "tests/test_dates_and_nb01.py", "tests/test_checks_nb01.py"],
      why="the article's 'May 2009' for Peres's visit -> June (the checked month)"),
    M("karabakh-secession-1989", "date", "data/article/karabakh_timeline.csv",
      "secession_declaration_1988,1988-01-01,", "secession_declaration_1988,1989-01-01,",
      tests=[*PROVENANCE, *LOADER, "tests/test_interests.py", NB["02"]],
      why="the 1988 declaration -> 1989 (its quote says 1988)"),
    M("relations-diplomatic-1993", "date", "data/article/relations_timeline.csv",
      "diplomatic_relations_1992,1992-04-01,", "diplomatic_relations_1992,1993-04-01,",
      tests=[*PROVENANCE, *LOADER, "tests/test_dates_and_nb01.py", NB["01"]],
      why="diplomatic relations April 1992 -> April 1993 (its quote says 1992)"),
    M("visits-lieberman-page-63", "page", "data/article/visits.csv",
      "2012-04-01,month,62,", "2012-04-01,month,63,",
      tests=PROVENANCE, why="a visit of p. 62 cited as p. 63"),
    M("figures-adex-page-65", "page", "data/article/figures.csv",
      ",arms,64,14,", ",arms,65,14,", tests=PROVENANCE,
      why="the ADEX floor share of p. 64 cited as p. 65"),
    M("figures-deals-note-9", "note", "data/article/figures.csv",
      ",arms,63,8,", ",arms,63,9,", tests=[*PROVENANCE, "helpers/argument.py"],
      why="the US$4 bn estimate's note 8 -> 9"),
    M("visits-quote-word", "quote", "data/article/visits.csv",
      "ביקור רשמי במדינה", "ביקור ממלכתי במדינה", tests=PROVENANCE,
      why="a word of the Peres quote changed"),
    M("weaknesses-quote-word", "quote", "data/article/weaknesses.csv",
      "שרוסיה ניסתה מספר פעמים", "שרוסיה ניסתה כמה פעמים", tests=PROVENANCE,
      why="a word of the Russia-pressure quote changed"),
    # --- tables from outside the article ------------------------------------------------
    M("bp-oil-2007-transposed", "external", "data/external/oil_production.csv",
      "az_2007,2007,875.5,", "az_2007,2007,857.5,",
      tests=[*FACTS, *ENERGY, "tests/test_checks_nb04.py", "tests/test_checks_nb06.py",
             "tests/test_scorecard.py"],
      why="BP output 2007: 875.5 -> 857.5 kb/d, two digits transposed (issue 10)"),
    M("bp-oil-1999-transposed", "external", "data/external/oil_production.csv",
      "az_1999,1999,278.7,", "az_1999,1999,287.7,",
      tests=[*FACTS, *ENERGY, "tests/test_checks_nb04.py", "tests/test_checks_nb06.py",
             "tests/test_scorecard.py"],
      why="BP output 1999: 278.7 -> 287.7 kb/d, a year no computation singles out"),
    M("bp-oil-mt-2016", "external", "data/external/oil_production.csv",
      "az_2016,2016,837.5,41.43,", "az_2016,2016,837.5,41.34,",
      tests=[*FACTS, *ENERGY], why="BP output 2016: 41.43 -> 41.34 Mt"),
    M("bp-reserves-2012", "external", "data/external/oil_production.csv",
      "az_2012,2012,882.3,43.74,7.0,", "az_2012,2012,882.3,43.74,7.7,",
      tests=[*FACTS, *ENERGY, "tests/test_checks_nb04.py", "tests/test_checks_nb06.py"],
      why="BP proved reserves 2012: 7.0 -> 7.7"),
    M("sipri-share-66", "external", "data/external/sipri_arms.csv",
      "IL,AZ,2015,2019,60,percent", "IL,AZ,2015,2019,66,percent",
      tests=[*FACTS, "tests/test_scorecard.py", NB["01"]],
      why="SIPRI: Israel's 60% of Azerbaijan's arms imports -> 66%"),
    M("oil-share-eurasianet-35", "external", "data/external/oil_share_estimates.csv",
      "eurasianet_2011,30,30,", "eurasianet_2011,35,35,",
      tests=[*FACTS, *ENERGY, "tests/test_checks_nb03.py"],
      why="EurasiaNet's 30% -> 35%"),
    M("btc-length-1786", "external", "data/external/btc_pipeline.csv",
      "length_total,length,,1768,km", "length_total,length,,1786,km",
      tests=[*FACTS, "tests/test_maps.py", NB["03"]],
      why="the BTC pipeline's 1,768 km -> 1,786"),
    M("events-embassy-opened-28", "external", "data/external/events_after_2015.csv",
      "embassy_opened_2023,2023-03-29,", "embassy_opened_2023,2023-03-28,",
      tests=[*FACTS, *LOADER, "tests/test_scorecard.py", NB["06"]],
      why="the embassy's opening 29 -> 28 March 2023"),
    # --- helpers' arithmetic ------------------------------------------------------------
    M("sources-last-page-68", "helper", "helpers/sources.py",
      "FIRST_PAGE, LAST_PAGE = 61, 69", "FIRST_PAGE, LAST_PAGE = 61, 68",
      tests=["tests/test_sources.py", "helpers/sources.py"], must_kill=True,
      why="the article ends on p. 68 (sentinel: the pytest process imports the copy)"),
    M("checks-nb00-off-by-one", "helper", "helpers/checks/nb00.py",
      'expected=len(load("visits")),', 'expected=len(load("visits")) + 1,',
      tests=[NB["00"]], must_kill=True,
      why="the visit count's expected value off by one (sentinel: the kernel imports the copy)"),
    M("energy-days-366", "helper", "helpers/energy.py",
      "DAYS_PER_YEAR = 365", "DAYS_PER_YEAR = 366", tests=ENERGY,
      why="a year of 366 days in the R/P arithmetic"),
    M("energy-neighbour-gap-max", "helper", "helpers/energy.py",
      "return float(min(gaps)) / 2", "return float(max(gaps)) / 2",
      tests=[*ENERGY, "tests/test_checks_nb04.py", "tests/test_checks_nb06.py"],
      why="the tolerance from the larger gap to a neighbouring year"),
    M("dates-decimal-year", "helper", "helpers/dates.py",
      "(date.day_of_year - 1) / 365.25", "date.day_of_year / 365.25",
      tests=["tests/test_dates_and_nb01.py", "tests/test_dates.py", "helpers/dates.py"],
      why="1 January is not at the start of its year"),
    M("dates-agree-or", "helper", "helpers/dates.py",
      '"agrees": bool(a0 <= c0 and c1 <= a1)', '"agrees": bool(a0 <= c0 or c1 <= a1)',
      tests=["tests/test_dates_and_nb01.py", "helpers/dates.py", "tests/test_checks_nb01.py"],
      why="a checked date agrees when only one end lies inside the article's period"),
    M("networks-weak-balance", "helper", "helpers/networks.py",
      '"weakly_balanced": neg != 1', '"weakly_balanced": neg != 3',
      tests=["tests/test_networks.py", "helpers/networks.py", "tests/test_checks_nb03.py"],
      why="weak balance refuses the wrong triangle"),
    M("exercises-margin-min", "helper", "helpers/exercises.py",
      "margin = max(tol, abs(expected) * rel)", "margin = min(tol, abs(expected) * rel)",
      tests=["tests/test_exercises.py", "helpers/exercises.py"],
      why="the smaller of the two tolerances"),
    M("exercises-strict-margin", "helper", "helpers/exercises.py",
      "if abs(value - expected) <= margin:", "if abs(value - expected) < margin:",
      tests=["tests/test_exercises.py", "helpers/exercises.py"],
      why="an answer exactly at the tolerance's edge (or exactly right) refused"),
    M("exercises-one-decimal-wide", "helper", "helpers/exercises.py",
      "ONE_DECIMAL = 0.05", "ONE_DECIMAL = 0.1",
      tests=["tests/test_exercises.py", "tests/test_checks_nb0[0-5].py"],
      why="'to one decimal' loosened to a whole tenth, so 4.9 passes for 4.8"),
    M("exercises-share-slip-factor", "helper", "helpers/exercises.py",
      '"percent": (lambda v: 100 * v,', '"percent": (lambda v: 10 * v,',
      tests=["tests/test_exercises.py", "tests/test_checks_nb0[0-5].py"],
      why="a fraction given for a percentage no longer named"),
    M("monitoring-score-max", "helper", "helpers/monitoring.py",
      'table["max_points"] = table["weight"] * MAX_LEVEL',
      'table["max_points"] = table["weight"] * (MAX_LEVEL + 1)',
      tests=["tests/test_monitoring.py", "helpers/monitoring.py", "tests/test_checks_nb04.py"],
      why="the score's maximum counts a level that does not exist"),
    M("interests-repeat-count", "helper", "helpers/interests.py",
      'f" ×{c}" if c > 1', 'f" ×{c}" if c > 2',
      tests=["tests/test_interests.py", "helpers/interests.py"],
      why="a page stated twice shown once"),
    # --- checks' tolerances, ten times wider -------------------------------------------
    M("tol-nb01-israeli-share", "tolerance", "helpers/checks/nb01.py",
      'tol=WHOLE, unit="%"', 'tol=10 * WHOLE, unit="%"',
      tests=["tests/test_checks_nb01.py", "helpers/checks/nb01.py"],
      why="Israeli share of visits: ±0.5 -> ±5 points"),
    M("tol-nb01-deals-ratio", "tolerance", "helpers/checks/nb01.py",
      'tol=ONE_DECIMAL, slips=("inverse",)', 'tol=10 * ONE_DECIMAL, slips=("inverse",)',
      tests=["tests/test_checks_nb01.py", "helpers/checks/nb01.py"],
      why="deals-to-deliveries ratio: ±0.05 -> ±0.5"),
    M("tol-nb02-area", "tolerance", "helpers/checks/nb02.py",
      'AREA_REL = 0.001', 'AREA_REL = 0.01',
      tests=["tests/test_checks_nb02.py", "helpers/checks/nb02.py"],
      why="Azerbaijan's area: 0.1% -> 1%"),
    M("tol-nb02-oblast-share", "tolerance", "helpers/checks/nb02.py",
      'tol=ONE_DECIMAL, unit="%"', 'tol=10 * ONE_DECIMAL, unit="%"',
      tests=["tests/test_checks_nb02.py", "helpers/checks/nb02.py"],
      why="the oblast's share: ±0.05 -> ±0.5 point"),
    M("tol-nb03-tehran-gap", "tolerance", "helpers/checks/nb03.py",
      'TEHRAN_GAP_TOL_KM = 10', 'TEHRAN_GAP_TOL_KM = 100',
      tests=["tests/test_checks_nb03.py", "helpers/checks/nb03.py"],
      why="the Tehran distance gap: ±10 -> ±100 km"),
    M("tol-nb04-rp-2014", "tolerance", "helpers/checks/nb04.py",
      "tol=ONE_DECIMAL,", "tol=10 * ONE_DECIMAL,",
      tests=["tests/test_checks_nb04.py", "helpers/checks/nb04.py"],
      why="the 2014 R/P ratio: ±0.05 -> ±0.5 year"),
    M("tol-whole-year", "tolerance", "helpers/exercises.py",
      "if value in (math.floor(expected), math.ceil(expected)):\n        return say(True, CORRECT)",
      "if abs(value - expected) <= 10 * WHOLE:\n        return say(True, CORRECT)",
      tests=["tests/test_exercises.py", "tests/test_checks_nb04.py", "helpers/exercises.py"],
      why="'a whole year': the year rounded down or up -> within 5 years"),
    M("tol-nb06-share-2025", "tolerance", "helpers/checks/nb06.py",
      'tol=ONE_DECIMAL, unit="%"', 'tol=10 * ONE_DECIMAL, unit="%"',
      tests=["tests/test_checks_nb06.py", "helpers/checks/nb06.py"],
      why="2025 output as a share of 2010: ±0.05 -> ±0.5 points"),
    M("tol-nb06-rp-2020", "tolerance", "helpers/checks/nb06.py",
      'rp_ratio(year), tol=ONE_DECIMAL, unit="years"',
      'rp_ratio(year), tol=10 * ONE_DECIMAL, unit="years"',
      tests=["tests/test_checks_nb06.py", "helpers/checks/nb06.py"],
      why="the 2020 R/P ratio: ±0.05 -> ±0.5 year"),
    # --- figures: captions and legends, titles -----------------------------------------
    M("caption-nb06-legend-p76", "caption", "helpers/figures/nb06.py",
      'f"the article ({claim_ref}):\\n"', 'f"the article (p. 76, n. 40):\\n"',
      tests=[*FIGURES, "helpers/figures/nb06.py", "tests/test_scorecard.py"],
      why="the legend cites p. 76 for p. 67 (issue 10)"),
    M("caption-nb03-legend-p64", "caption", "helpers/figures/nb03.py",
      'label=f"The article ({article_ref})" if k == "article"',
      'label="The article (p. 64)" if k == "article"',
      tests=[*FIGURES, "helpers/figures/nb03.py"],
      why="the share-estimates legend cites p. 64 for p. 65"),
    M("caption-nb01-visits-p63", "caption", NB["01"],
      "source=helpers.caption(helpers.cite(62, 6)))",
      "source=helpers.caption(helpers.cite(63, 6)))",
      tests=[*FIGURES, "tests/test_notebooks.py", NB["01"]],
      why="the visits figure's caption cites p. 63 for p. 62"),
    M("caption-nb04-production-p66", "caption", NB["04"],
      "1985–2020, and the article's 2025\",\n    source=helpers.caption(helpers.cite(67, 40)",
      "1985–2020, and the article's 2025\",\n    source=helpers.caption(helpers.cite(66, 40)",
      tests=[*FIGURES, "tests/test_notebooks.py", NB["04"]],
      why="the production figure's caption cites p. 66 for p. 67"),
    M("caption-nb02-displacement-p64", "caption", NB["02"],
      "draw_displacement(displacement, source=helpers.caption(helpers.cite(displacement))",
      "draw_displacement(displacement, source=helpers.caption(helpers.cite(64, 9))",
      tests=[*FIGURES, "tests/test_notebooks.py"],
      why="the displacement figure's caption cites p. 64 for p. 63"),
    M("title-nb01-visits", "title", NB["01"],
      'title="Who visited whom: the high-level visits the article lists",', 'title="",',
      tests=[*FIGURES, "tests/test_notebooks.py", NB["01"]],
      why="the visits figure loses its title (issue 10)"),
    M("title-nb06-oil-claim", "title", "helpers/figures/nb06.py",
      'ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1, fontsize=SMALL)\n'
      '    return finish(ax, title=title,',
      'ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1, fontsize=SMALL)\n'
      '    return finish(ax, title="",',
      tests=[*FIGURES, "helpers/figures/nb06.py", "tests/test_scorecard.py"],
      why="the oil figure of 2025 drops the title it is given"),
    M("title-nb03-share-estimates", "title", NB["03"],
      "title=\"Azerbaijan's share of Israel's oil: published estimates, 2009–2015\",",
      'title="",',
      tests=[*FIGURES, "tests/test_notebooks.py", NB["03"]],
      why="the share-estimates figure loses its title"),
    # --- prose: numbers, citations, Hebrew quotes ---------------------------------------
    M("prose-nb01-six-visits", "prose-number", NB["01"],
      "Six of the seven listed visits went from Israel",
      "Five of the seven listed visits went from Israel",
      tests=PROSE, why="'six of the seven visits' -> 'five' (issue 10)"),
    M("prose-nb06-716-kbd", "prose-number", NB["06"],
      "when output was still 716 thousand",
      "when output was still 761 thousand",
      tests=PROSE, why="2020 output 716 -> 761 kb/d in prose"),
    M("prose-nb04-until-2028", "prose-number", NB["04"],
      "Azerbaijan's oil would last until about 2028",
      "Azerbaijan's oil would last until about 2030",
      tests=PROSE, why="the 2010 R/P end year 2028 -> 2030 in prose"),
    M("prose-nb02-share-range", "prose-number", NB["02"],
      "Published shares range from about 14% to 20%",
      "Published shares range from about 14% to 25%",
      tests=PROSE, why="the published range 14-20% -> 14-25% in prose"),
    M("prose-nb01-airline-page", "prose-citation", NB["01"],
      "national airline in Israel (p. 62, n. 5)", "national airline in Israel (p. 63, n. 5)",
      tests=PROSE, why="a citation moved to the next page (issue 10)"),
    M("prose-nb04-turkey-page", "prose-citation", NB["04"],
      "> **The article (p. 66, n. 28).**", "> **The article (p. 67, n. 28).**",
      tests=PROSE, why="the Turkey paragraph's p. 66 -> p. 67"),
    M("prose-nb03-hezbollah-page", "prose-citation", NB["03"],
      "Chabad school in Baku (p. 65, n. 18)", "Chabad school in Baku (p. 66, n. 18)",
      tests=PROSE, why="the Hezbollah cells' p. 65 -> p. 66"),
    M("prose-nb02-displacement-note", "prose-citation", NB["02"],
      "> **The article (p. 63, n. 9).** The violent", "> **The article (p. 63, n. 10).** The violent",
      tests=PROSE, why="the displacement figures' note 9 -> 10"),
    M("prose-nb05-community-page", "prose-citation", NB["05"],
      "changes in Azerbaijani domestic politics (p. 69)",
      "changes in Azerbaijani domestic politics (p. 68)",
      tests=PROSE, why="a citation moved to the previous page"),
    M("prose-nb01-iceberg-word", "prose-quote", NB["01"],
      "«אילהם אלייב, דימה ב־2008", "«אילהם אלייב, השווה ב־2008",
      tests=PROSE, why="a word of the iceberg quote changed (issue 10)"),
    M("prose-nb04-neighbours-word", "prose-quote", NB["04"],
      "«אזרבייג'ן נתונה ללחצי המדינות השכנות»", "«אזרבייג'ן נתונה ללחצי המדינות הזרות»",
      tests=PROSE, why="a word of the neighbours quote changed"),
    M("prose-nb03-intelligence-word", "prose-quote", NB["03"],
      "> «מקום אידאלי לאיסוף מודיעין» — the fact", "> «מקום מצוין לאיסוף מודיעין» — the fact",
      tests=PROSE, why="a word of the intelligence quote changed"),
    M("prose-nb05-asset-word", "prose-quote", NB["05"],
      "«גם ישראל צריכה להסתכל על קהילה זו כעל נכס»",
      "«גם ישראל צריכה להסתכל על קהילה זו כעל משאב»",
      tests=PROSE, why="a word of the community quote changed"),
    # --- deleted cells ------------------------------------------------------------------
    M("cell-nb06-check-share-2025", "cell", NB["06"],
      delete_cell="checks.check_share_2025(answer_1)", tests=STRUCTURE,
      why="Exercise 1's check cell deleted (issue 10)"),
    M("cell-nb01-check-date-slips", "cell", NB["01"],
      delete_cell="checks.check_date_slips(answer_2)", tests=STRUCTURE,
      why="Exercise 2's check cell deleted"),
    M("cell-nb04-check-rp-2014", "cell", NB["04"],
      delete_cell="checks.check_rp_2014(", tests=STRUCTURE,
      why="the R/P exercise's check cell deleted"),
    M("cell-nb02-solution-capitals", "cell", NB["02"],
      delete_cell='answer_1 = distances.loc[distances["km"] < 1000, "to"].tolist()',
      tests=STRUCTURE, why="Exercise 1's solution code deleted (its markdown stays)"),
    M("cell-nb00-check-visit-count", "cell", NB["00"],
      delete_cell="checks.check_visit_count(answer_0)", tests=STRUCTURE,
      why="the introduction's one check cell deleted"),
)


class MutationError(Exception):
    """A mutation that does not apply to the tree as it is (its text is gone or repeated)."""


# --- applying a mutation ---------------------------------------------------------------

def _source(cell) -> str:
    s = cell.get("source", "")
    return s if isinstance(s, str) else "".join(s)


def _set_source(cell, text: str) -> None:
    cell["source"] = text if isinstance(cell.get("source"), str) else text.splitlines(True)


def _dump_notebook(nb) -> str:
    """As nbformat writes a notebook (the stored notebooks round-trip byte for byte)."""
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def mutate_text(m: Mutation, text: str) -> str:
    """The file's text with the mutation made; :class:`MutationError` if it does not apply
    exactly once."""
    where = f"{m.name}: {m.file}"
    if m.file.endswith(".ipynb"):
        nb = json.loads(text)
        cells = nb["cells"]
        if m.delete_cell:
            hits = [i for i, c in enumerate(cells) if m.delete_cell in _source(c)]
            if len(hits) != 1:
                raise MutationError(f"{where}: {len(hits)} cells hold {m.delete_cell!r}, "
                                    "not one")
            del cells[hits[0]]
        else:
            counts = [_source(c).count(m.find) for c in cells]
            if sum(counts) != 1:
                raise MutationError(f"{where}: {m.find!r} occurs {sum(counts)} times in the "
                                    "cells' sources, not once")
            cell = cells[counts.index(1)]
            _set_source(cell, _source(cell).replace(m.find, m.replace))
        return _dump_notebook(nb)
    if m.delete_cell:
        raise MutationError(f"{where}: only a notebook has cells to delete")
    n = text.count(m.find) if m.find else 0
    if n != 1:
        raise MutationError(f"{where}: {m.find!r} occurs {n} times, not once")
    return text.replace(m.find, m.replace)


def apply(m: Mutation, root: Path) -> None:
    """Make the mutation in the copy at ``root``."""
    path = root / m.file
    if not path.is_file():
        raise MutationError(f"{m.name}: no file {m.file}")
    old = path.read_text(encoding="utf-8")
    new = mutate_text(m, old)
    if new == old:
        raise MutationError(f"{m.name}: the mutation changes nothing")
    path.write_text(new, encoding="utf-8")


# --- the scratch copy and its environment ---------------------------------------------

def _skipped(name: str) -> bool:
    return name in SKIP_NAMES or any(fnmatch.fnmatch(name, p) for p in SKIP_PATTERNS)


def manifest(root: Path = ROOT) -> dict[str, str]:
    """sha256 of every file of the tree (not .venv, .git, build or caches), by path."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not _skipped(d))
        for f in filenames:
            if _skipped(f):
                continue
            p = Path(dirpath) / f
            rel = p.relative_to(root).as_posix()
            out[rel] = (hashlib.sha256(p.read_bytes()).hexdigest() if not p.is_symlink()
                        else "link:" + os.readlink(p))
    return out


def make_copy(dest: Path, source: Path = ROOT) -> Path:
    """A copy of the project at ``dest/project``, with ``dest/shared`` linking to the real
    ../shared where it exists (the article and the checked facts). Returns the copy."""
    project = dest / "project"
    shutil.copytree(source, project, symlinks=True,
                    ignore=lambda _dir, names: [n for n in names if _skipped(n)])
    shared = source.parent / "shared"
    if shared.is_dir():
        (dest / "shared").symlink_to(shared.resolve(), target_is_directory=True)
    return project


def environment(copy: Path) -> dict[str, str]:
    """The environment the tests run in: the copy first on the import path (for pytest and
    for the kernels it starts), and no bytecode written (a mutated and an original file can
    share a size and a modification second, which is all a .pyc is checked against)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(copy), *filter(None, [env.get("PYTHONPATH")])])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def selected_tests(m: Mutation, root: Path = ROOT) -> list[str]:
    """The mutation's tests as pytest arguments: globs expanded against ``root``, each path
    once, notebooks (the slowest) last."""
    out: list[str] = []
    for t in m.tests:
        paths = (sorted(Path(p).relative_to(root).as_posix() for p in glob.glob(str(root / t)))
                 if glob.has_magic(t) else [t])
        out += [p for p in paths if p not in out]
    return sorted(out, key=lambda p: p.endswith(".ipynb"))


def missing_tests(m: Mutation, root: Path = ROOT) -> list[str]:
    """Named test paths (not globs) that do not exist."""
    return [t for t in m.tests if not glob.has_magic(t) and not (root / t).exists()]


PYTEST = [sys.executable, "-m", "pytest", "-q", "--no-header", "--tb=line", "-rfE",
          "-p", "no:randomly"]


# --- running ---------------------------------------------------------------------------

@dataclass
class Result:
    mutation: Mutation
    status: str                  # killed, survived, timeout, error
    seconds: float = 0.0
    by: str = ""                 # the first test that failed, or what went wrong
    output: str = field(default="", repr=False)


def classify(returncode: int | None) -> str:
    """pytest's exit code as a verdict: 0 the tests passed (the mutation survived); 1 a test
    failed, 2 collection was interrupted by an error (killed); None: it ran out of time
    (counted as killed, and shown apart); anything else (usage error, no tests) is an error of
    the battery itself."""
    if returncode is None:
        return "timeout"
    return {0: "survived", 1: "killed", 2: "killed"}.get(returncode, "error")


def first_failure(output: str) -> str:
    """The first failing test in pytest's short summary (``-rfE``), or ''."""
    for line in output.splitlines():
        m = re.match(r"(FAILED|ERROR) (.+?)(?: - .*)?$", line)
        if m:
            return m.group(2)
    return ""


def _run_pytest(args: list[str], copy: Path, timeout: float) -> tuple[int | None, str]:
    try:
        proc = subprocess.run([*PYTEST, *args], cwd=copy, env=environment(copy),
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as err:
        out = err.stdout or ""
        return None, out.decode(errors="replace") if isinstance(out, bytes) else out
    return proc.returncode, proc.stdout + proc.stderr


def run_one(m: Mutation, *, workdir: Path, timeout: float, keep: bool = False) -> Result:
    """Copy, mutate, test: one mutation in its own folder under ``workdir``."""
    start = time.perf_counter()
    dest = Path(tempfile.mkdtemp(prefix=f"{m.name}-", dir=workdir))
    try:
        copy = make_copy(dest)
        try:
            apply(m, copy)
        except MutationError as err:
            return Result(m, "error", time.perf_counter() - start, str(err))
        code, out = _run_pytest(["-x", *selected_tests(m, copy)], copy, timeout)
        status = classify(code)
        if status == "error":
            by = f"pytest exit {code}: " + (out.strip().splitlines() or [""])[-1]
        elif status == "timeout":
            by = f"no verdict in {timeout:.0f} s"
        else:
            by = first_failure(out) or ("collection error" if code == 2 else "")
        return Result(m, status, time.perf_counter() - start, by, out)
    finally:
        if keep:
            print(f"  kept {dest}", file=sys.stderr)
        else:
            shutil.rmtree(dest, ignore_errors=True)


def baseline(mutations, *, workdir: Path, timeout: float, jobs: int) -> tuple[bool, str]:
    """Run every test the mutations name, once, on an unchanged copy. Also checks that the
    copy's ``helpers`` is the one imported."""
    dest = Path(tempfile.mkdtemp(prefix="baseline-", dir=workdir))
    try:
        copy = make_copy(dest)
        probe = subprocess.run([sys.executable, "-c", "import helpers; print(helpers.__file__)"],
                               cwd=copy / "notebooks", env=environment(copy),
                               capture_output=True, text=True)
        where = Path(probe.stdout.strip() or ".").resolve()
        if copy.resolve() not in where.parents:
            return False, f"helpers is imported from {where}, not from the copy {copy}"
        args: list[str] = []
        for m in mutations:
            args += [a for a in selected_tests(m, copy) if a not in args]
        args.sort(key=lambda p: p.endswith(".ipynb"))
        if jobs > 1:
            args = ["-n", str(jobs), "--dist", "loadfile", *args]
        code, out = _run_pytest(args, copy, timeout * 4)
        if code != 0:
            return False, out
        return True, out.strip().splitlines()[-1] if out.strip() else ""
    finally:
        shutil.rmtree(dest, ignore_errors=True)


# --- reporting -------------------------------------------------------------------------

def summary(results: list[Result]) -> tuple[int, int, float]:
    """(killed, judged, ratio): timeouts count as killed, errors are not judged."""
    killed = sum(r.status in ("killed", "timeout") for r in results)
    judged = sum(r.status in ("killed", "timeout", "survived") for r in results)
    return killed, judged, (killed / judged if judged else 0.0)


def table(results: list[Result]) -> str:
    width = max([len(r.mutation.name) for r in results] + [8])
    lines = [f"{'mutation':<{width}}  {'kind':<14}  {'result':<8}  {'secs':>5}  killed by / note",
             "-" * (width + 50)]
    for r in results:
        lines.append(f"{r.mutation.name:<{width}}  {r.mutation.kind:<14}  {r.status:<8}  "
                     f"{r.seconds:5.1f}  {r.by}")
    killed, judged, ratio = summary(results)
    lines.append("")
    by_kind = []
    for kind in KINDS:
        rs = [r for r in results if r.mutation.kind == kind]
        if rs:
            k, j, _ = summary(rs)
            by_kind.append(f"{kind} {k}/{j}")
    lines.append("By kind: " + ", ".join(by_kind))
    survivors = [r.mutation.name for r in results if r.status == "survived"]
    if survivors:
        lines.append(f"Survived ({len(survivors)}): " + ", ".join(survivors))
    errors = [r.mutation.name for r in results if r.status == "error"]
    if errors:
        lines.append(f"Errors ({len(errors)}): " + ", ".join(errors))
    lines.append(f"Kill ratio: {killed}/{judged} = {100 * ratio:.1f}%")
    return "\n".join(lines)


def select(names: list[str] | None) -> list[Mutation]:
    """The mutations whose names match any of ``names`` (exact names or glob patterns)."""
    if not names:
        return list(MUTATIONS)
    wanted = [n.strip() for arg in names for n in arg.split(",") if n.strip()]
    unknown = [n for n in wanted if not any(fnmatch.fnmatchcase(m.name, n) for m in MUTATIONS)]
    if unknown:
        raise MutationError(f"no mutation named {', '.join(unknown)} (see --list)")
    return [m for m in MUTATIONS if any(fnmatch.fnmatchcase(m.name, n) for n in wanted)]


def listing(mutations) -> str:
    lines = []
    for m in mutations:
        change = (f"delete the cell holding {m.delete_cell!r}" if m.delete_cell
                  else f"{m.find!r} -> {m.replace!r}")
        tests = selected_tests(m) or ["(none)"]
        lines += [f"{m.name}  [{m.kind}]{'  must be killed' if m.must_kill else ''}",
                  f"    {m.file}: {change}",
                  f"    {m.why}",
                  f"    tests: {' '.join(tests)}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", action="store_true", help="list the mutations and exit")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run only these mutations (names or glob patterns; repeatable)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="mutations run at once")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per mutation")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the run of the same tests on an unchanged copy")
    parser.add_argument("--keep", action="store_true", help="keep each mutation's copy")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print pytest's output for each mutation")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    try:
        mutations = select(args.only)
    except MutationError as err:
        parser.error(str(err))
    if args.list:
        print(listing(mutations))
        return 0

    # Every mutation must still apply, and its named tests exist, before anything runs.
    problems = []
    for m in mutations:
        try:
            mutate_text(m, (ROOT / m.file).read_text(encoding="utf-8"))
        except (MutationError, OSError) as err:
            problems.append(str(err))
        problems += [f"{m.name}: no test {t}" for t in missing_tests(m)]
    if problems:
        print("The battery does not fit the tree:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    if not SHARED.is_dir():
        print(f"note: {SHARED} is absent: the tests that read the article or the checked facts "
              "skip, so the mutations they would kill survive", file=sys.stderr)

    before = manifest()
    jobs = max(1, args.jobs)
    with tempfile.TemporaryDirectory(prefix="azil-mutate-") as tmp:
        workdir = Path(tmp)
        if not args.no_baseline:
            print(f"baseline: the tests of {len(mutations)} mutations on an unchanged copy ...",
                  flush=True)
            ok, out = baseline(mutations, workdir=workdir, timeout=args.timeout, jobs=jobs)
            if not ok:
                print("The tests fail without any mutation, so a kill would mean nothing:\n"
                      + out[-4000:], file=sys.stderr)
                return 1
            print(f"baseline: {out}", flush=True)
        results: dict[str, Result] = {}
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(run_one, m, workdir=workdir, timeout=args.timeout,
                                   keep=args.keep): m for m in mutations}
            for i, fut in enumerate(concurrent.futures.as_completed(futures), 1):
                r = fut.result()
                results[r.mutation.name] = r
                print(f"[{i}/{len(mutations)}] {r.mutation.name}: {r.status} "
                      f"({r.seconds:.1f} s) {r.by}", flush=True)
                if args.verbose:
                    print(r.output)
    ordered = [results[m.name] for m in mutations]
    print()
    print(table(ordered))
    if args.json:
        args.json.write_text(json.dumps([{
            "name": r.mutation.name, "kind": r.mutation.kind, "file": r.mutation.file,
            "status": r.status, "seconds": round(r.seconds, 1), "by": r.by}
            for r in ordered], indent=1) + "\n", encoding="utf-8")

    failed = False
    after = manifest()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if changed:
        print("The real tree changed during the run: " + ", ".join(changed), file=sys.stderr)
        failed = True
    for r in ordered:
        if r.status == "error":
            print(f"{r.mutation.name}: {r.by}", file=sys.stderr)
            failed = True
        elif r.mutation.must_kill and r.status == "survived":
            print(f"{r.mutation.name} must be killed and survived: the tests do not run the "
                  "mutated copy", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
