"""Numbers the notebooks' prose states that the data determine: "six of the seven listed
visits", "the 62 triangles", "about 26.8 years, so about 2047". Each claim names its cell
and the sentence it is read from; the numbers are recomputed from data/ and compared as
written (to the digits, or the number word, the sentence gives). Editing the sentence so that
it no longer reads as here fails too: then update the claim with the prose.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import nbformat
import pytest

from conftest import NOTEBOOKS
from helpers import data, energy, interests, maps, networks, scorecard
from helpers.checks import nb06 as checks_nb06

WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten "
                                    "eleven twelve thirteen fourteen fifteen sixteen seventeen "
                                    "eighteen nineteen twenty".split())}


class Claim(NamedTuple):
    notebook: str  # its two-digit number
    cell: str
    pattern: str  # each group is one number, in digits or a word
    expected: object  # () -> the numbers, in the order of the groups


def _t(name):
    return data.load(name).set_index("id")


def _visits():
    v = data.load("visits")
    return (v["from_code"] == "IL").sum(), len(v)


def _days_before():
    """Days from the 'wrong step' remark to the start of Peres's visit, by the two checked
    datings of the visit (the sources differ by a day)."""
    remark = _t("weaknesses").loc["iran_wrong_step", "checked_date"]
    peres = _t("visits").loc["peres_2009"]
    return tuple((peres[field] - remark).days for field in ("checked_date", "alt_checked_date"))


def _sipri(*ids):
    return lambda: tuple(_t("sipri_arms").loc[i, "value"] for i in ids)


def _debate():
    d = data.load("haaretz_debate")
    responses = d[d["side"] == "responses"]
    return (len(responses), (responses["role"] == "point").sum(),
            (responses["role"] == "claim").sum(), (d["side"] == "critics").sum())


def _later_rows():
    """Rows of events_after_2015; of the checked later-events list (its rows here, less the
    earlier list's, which have no fact_id, plus its oil-output rows kept in
    oil_output_after_2020); those oil rows; the earlier list's rows."""
    events, oil = data.load("events_after_2015"), data.load("oil_output_after_2020")
    earlier = int(events["fact_id"].isna().sum())
    oil_only = len(set(oil["fact_id"].dropna()) - set(events["fact_id"].dropna()))
    return len(events), len(events) - earlier + oil_only, oil_only, earlier


def _arms():
    a = _t("arms")
    return (a.loc["iai_deal_2012", "value_usd_bn"], a.loc["iai_deal_2012", "date"].year,
            a.loc["deals_last_three_years", "value_usd_bn"])


def _territory():
    t = _t("territory_share_estimates")["value"]
    return t["share_low_published"], t["share_az_government"], t["area_azerbaijan"]


def _oblast():
    t = _t("territory_share_estimates")["value"]
    return 100 * t["area_nk_ao"] / t["area_azerbaijan"], _t("figures").loc["territory_share",
                                                                          "value"]


def _ties_1990s():
    a = data.load("alignments")
    a = a[a["period"] == "1990s"]
    stated = (a["basis"] == "article").sum()
    return len(a), stated, len(a) - stated


def _bases(period):
    a = data.load("alignments")
    return a[a["period"] == period]["basis"].value_counts()


def _ties_2014():
    b = _bases("2014")
    return b.sum(), b.get("article", 0), b.get("our_coding", 0)


def _triangles_2014():
    t = networks.triads(networks.signed_graph("2014"))
    assert not (t["balanced"] & t["stated"]).any(), "each balanced triangle holds a coding of ours"
    return len(t), t["balanced"].sum(), _ties_2014()[2]


def _border_measured():
    """The Azerbaijan–Iran border on the polygons: total, mainland (the longer stretch),
    Nakhchivan."""
    nakhchivan, mainland = sorted(maps.shared_border("AZ", "IR")["km"])
    return mainland + nakhchivan, mainland, nakhchivan


def _border_published():
    b = _t("border_lengths").set_index("stretch")["length_km"]
    return b["total"], b["mainland"], b["nakhchivan_exclave"]


def _border_shortfall():
    return tuple(100 * (1 - m / p) for m, p in zip(_border_measured(), _border_published()))


def _israel_in_matrix(also_israel=False):
    counts, _ = interests.interest_matrix(data.load("interests"), also_israel=also_israel)
    return counts


def _flip_il_tr():
    t = networks.triads(networks.with_sign(networks.signed_graph("1990s"), "IL", "TR", -1))
    return t[~t["balanced"]]


def _rp_2014():
    p = energy.production()
    return p.loc[2014, "reserves_bn_bbl"], p.loc[2014, "kbd"], energy.rp_ratio(2014)


def _rp_2020():
    year = int(data.load("oil_production")["year"].max())
    return energy.rp_ratio(year), year + energy.rp_ratio(year)


def _elections():
    e = _t("azerbaijan_elections")
    return (e.loc["election_2018", "date"].year, e.loc["election_2018", "vote_share"],
            e.loc["election_2024", "date"].day, e.loc["election_2024", "date"].year,
            e.loc["election_2024", "vote_share"])


CLAIMS = [
    Claim("01", "cell-010", r"The article lists (\w+) visits", lambda: (_visits()[1],)),
    Claim("01", "cell-013", r"(\w+) of the (\w+) listed visits went from Israel", _visits),
    Claim("01", "cell-028", r"(\w+) of the (\w+) listed were Israeli", _visits),
    Claim("01", "cell-014", r"more than (\w+) weeks \*before\* the visit",
          lambda: (min(_days_before()) // 7,)),
    Claim("01", "cell-020", r"USD (\d+) million for (\d{4})–(\d{4})",
          lambda: (*_sipri("il_deliveries_2006_2019")(),
                   *_t("sipri_arms").loc["il_deliveries_2006_2019",
                                         ["period_start", "period_end"]])),
    Claim("01", "cell-023", r"\((\d+)% and then (\d+)% of its imports\)",
          _sipri("il_share_az_imports_2015_2019", "il_share_az_imports_2016_2020")),
    Claim("01", "cell-023", r"\((\d+)% of its exports\)", _sipri("az_share_il_exports_2015_2019")),
    Claim("01", "cell-027", r"\((\w+) items, (\w+) points and (\w+) claim, to (\w+)\)", _debate),
    Claim("01", "cell-028", r"USD ([\d.]+) billion reported in (\d{4}), an estimated "
                            r"USD (\d+) billion", _arms),
    Claim("01", "cell-028", r"SIPRI shares \((\d+)–(\d+)% of Azerbaijan",
          _sipri("il_share_az_imports_2015_2019", "il_share_az_imports_2016_2020")),
    Claim("02", "cell-013", r"Published shares range from about (\d+)% to (\d+)% of "
                            r"Azerbaijan's ([\d,]+) km²", _territory),
    Claim("02", "cell-013", r"covered about ([\d,]+) km²; (\w+) districts",
          lambda: tuple(_t("territory_share_estimates").loc[["area_nk_ao", "districts_held"],
                                                              "value"])),
    Claim("02", "cell-050", r"About (\d+)%: roughly a third of the article's (\d+)%", _oblast),
    Claim("02", "cell-027", r"Israel is the partner of (\d+) statements",
          lambda: (_israel_in_matrix()["Israel"].sum(),)),
    Claim("02", "cell-027", r"Iran draws the most statements\*\* \((\d+)\)",
          lambda: (_israel_in_matrix().sum().max() if _israel_in_matrix().sum().idxmax() == "Iran"
                   else -1,)),
    Claim("02", "cell-027-2", r"Israel has (\d+) entry; counted also where the sentence names "
                              r"Israel, it has (\d+):",
          lambda: ((_israel_in_matrix()["Israel"] > 0).sum(),
                   (_israel_in_matrix(True)["Israel"] > 0).sum())),
    Claim("02", "cell-031", r"names Israel, it appears in (\d+) issues",
          lambda: ((_israel_in_matrix(True)["Israel"] > 0).sum(),)),
    Claim("03", "cell-012", r"About \*\*(\d+) km\*\* of shared border in this data set: about "
                            r"(\d+) km along the mainland and (\d+) km along Nakhchivan",
          _border_measured),
    Claim("03", "cell-012", r"lengths are (\d+) km with Azerbaijan proper and (\d+) km with "
                            r"Nakhchivan: (\d+) km in all",
          lambda: (_border_published()[1], _border_published()[2], _border_published()[0])),
    Claim("03", "cell-012-0-1", r"about (\d+)% short of the published length: (\d+)% along the "
                                r"mainland, (\d+)% along Nakhchivan", _border_shortfall),
    Claim("03", "cell-035", r"The border is (\d+) km as published \((\d+) \+ (\d+) km",
          _border_published),
    Claim("03", "cell-035", r"polygons give about (\d+) km", lambda: (_border_measured()[0],)),
    Claim("03", "cell-035", r"(\d+) of the (\d+) ties are our inference",
          lambda: (_ties_1990s()[2], _ties_1990s()[0])),
    Claim("03", "cell-014", r"Of the (\d+) ties of the 1990s, the article states only (\d+); "
                            r"the other (\d+)", _ties_1990s),
    Claim("03", "cell-014", r"In 2014 none is inferred, but (\d+) signs are our coding",
          lambda: (_ties_2014()[2],)),
    Claim("03", "cell-017", r"We built the (\d+) inferred ties", lambda: (_ties_1990s()[2],)),
    Claim("03", "cell-043", r"but only (\w+) tie runs across",
          lambda: (len(data.load("alignments").query(
              "period == '1990s' and basis == 'article' and sign == -1")),)),
    Claim("03", "cell-024-1", r"The 2014 table has (\d+) ties, and none is inferred from the "
                              r"axes: (\d+) the article states, and (\d+) whose sign is our coding",
          _ties_2014),
    Claim("03", "cell-027", r"Of the (\d+) triangles, (\d+) are balanced, and each of them "
                            r"contains one of our (\d+) codings", _triangles_2014),
    Claim("03", "cell-043", r"Only (\w+) ties are stated", lambda: (_ties_1990s()[1],)),
    Claim("03", "cell-017", r"Every one of the (\d+) triangles is balanced",
          lambda: (networks.balance_summary(networks.signed_graph("1990s"))["triangles"],)),
    Claim("03", "cell-019", r"\+ \+ − \((\d+) triangles",
          lambda: ((_flip_il_tr()["negatives"] == 1).sum(),)),
    Claim("03", "cell-019", r"− − − \((\d+) triangles",
          lambda: ((_flip_il_tr()["negatives"] == 3).sum(),)),
    Claim("03", "cell-035", r"Flipping Israel–Turkey unbalances (\d+) triangles",
          lambda: (len(_flip_il_tr()),)),
    Claim("03", "cell-035", r"Baku is (\d+) km from Tehran",
          lambda: (maps.geodesic_km("Baku", "Tehran"),)),
    Claim("03", "cell-058", r"(\d+) percentage points \((\d+)% to (\d+)%\)",
          lambda: (energy.share_spread()[1] - energy.share_spread()[0], *energy.share_spread())),
    Claim("04", "cell-017", r"By the arithmetic of (\d{4}), Azerbaijan's oil would last until "
                            r"about (\d{4})",
          lambda: (energy.peak_year(), energy.peak_year() + int(energy.rp_ratio(energy.peak_year())))),
    Claim("04", "cell-042", r"2010, at about ([\d,]+) kb/d",
          lambda: (energy.production().loc[energy.peak_year(), "kbd"],)),
    Claim("04", "cell-047", r"([\d.]+) thousand million barrels ÷ \(([\d.]+) thousand barrels a "
                            r"day × 365\) ≈ ([\d.]+)", _rp_2014),
    Claim("05", "cell-004-b1", r"In (\d+) of the (\d+) arrows the passage marks no link",
          lambda: ((data.load("argument_edges")["basis"] == "inferred").sum(),
                   len(data.load("argument_edges")))),
    Claim("06", "cell-008-1", r"holds (\w+) assessments", lambda: (len(data.load("scorecard")),)),
    Claim("06", "cell-036", r"The sample is small \((\w+) rows\)",
          lambda: (len(data.load("scorecard")),)),
    Claim("06", "cell-036", r"remain open or, in (\w+) case \(the judgement of value",
          lambda: ((data.load("scorecard").query("explicit")["our_judgement"]
                    == "not_testable").sum(),)),
    Claim("06", "cell-004", r"re-elected in (\d{4}) \(about (\d+)% of the vote\) and in a snap "
                            r"election on (\d+) February (\d{4}) \(([\d.]+)%", _elections),
    Claim("06", "cell-026", r"About ([\d.]+)%: in (\d{4}) Azerbaijan",
          lambda: (scorecard.share_of(2025, 2010), 2025)),
    Claim("06", "cell-022-1", r"produced ([\d.]+) million tonnes in\s+(\d{4}) by its national",
          lambda: (scorecard.later_output().loc[2025, "mt"], 2025)),
    Claim("06", "cell-038-3", r"(\w+) changed: the oil assessment of 2025",
          lambda: (len(checks_nb06.changed_verdicts()),)),
    Claim("06", "cell-002-3", r"The table has (\d+) rows, not the (\d+) of the collection's "
                              r"checked list of later events: its (\d+) oil-output figures .* "
                              r"and (\d+) facts from the collection's earlier list",
          _later_rows),
    Claim("06", "cell-008-1", r"empty for the (\w+) Iran rows",
          lambda: (int(data.load("scorecard")["judgement_2024"].isna().sum()),)),
    Claim("06", "cell-020", r"gives ([\d.]+) million tonnes for (\d{4}) \(confirmed\) against "
                            r"([\d.]+) in (\d{4})",
          lambda: (scorecard.later_output().loc[2025, "mt"], 2025,
                   scorecard.later_output().loc[2010, "mt"], 2010)),
    Claim("06", "cell-020", r"ends in (\d{4}), when output was still (\d+) thousand barrels a day",
          lambda: (energy.production().index.max(),
                   energy.production()["kbd"].iloc[-1])),
    Claim("06", "cell-031", r"About ([\d.]+) years, so about (\d{4})", _rp_2020),
    Claim("06", "cell-044", r"Russia supplied (\d+)% of", _sipri("ru_share_az_imports_2015_2019")),
]


def _prose(notebook: str, cell: str) -> str:
    [path] = [p for p in NOTEBOOKS if p.name.startswith(notebook)]
    [c] = [c for c in nbformat.read(path, as_version=4).cells if c.id == cell]
    assert c.cell_type == "markdown"
    return re.sub(r"\s+", " ", re.sub(r"(?m)^>[ \t]?", "", c.source))


def as_written(text: str) -> tuple[float, int]:
    """A number as the prose writes it, and its decimals: 'Six' → (6, 0), '26.8' → (26.8, 1),
    '1,037' → (1037, 0)."""
    if text.lower() in WORDS:
        return float(WORDS[text.lower()]), 0
    digits = text.replace(",", "")
    return float(digits), len(digits.split(".")[1]) if "." in digits else 0


def agrees(text: str, value) -> bool:
    written, decimals = as_written(text)
    return round(float(value), decimals) == written


@pytest.mark.parametrize("claim", CLAIMS, ids=[f"{c.notebook}-{c.cell}-{c.pattern[:24]}"
                                               for c in CLAIMS])
def test_a_number_in_prose_is_the_one_the_data_give(claim):
    prose = _prose(claim.notebook, claim.cell)
    m = re.search(claim.pattern, prose)
    assert m, f"notebook {claim.notebook}, cell {claim.cell}: no sentence reads " \
              f"{claim.pattern!r} any more (update the claim with the prose)"
    expected = claim.expected()
    assert len(expected) == len(m.groups())
    for text, value in zip(m.groups(), expected):
        assert agrees(text, value), (f"notebook {claim.notebook}, cell {claim.cell}: "
                                     f"{m[0]!r} says {text}, the data give {float(value):g}")


def test_five_of_the_seven_would_be_caught():
    claim = CLAIMS[1]
    m = re.search(claim.pattern, "Five of the seven listed visits went from Israel")
    assert not all(agrees(t, v) for t, v in zip(m.groups(), claim.expected()))
