"""Checks for 02_azerbaijani_interests.ipynb. Each computes its expected answer from the data
when called, and follows the policy of :mod:`helpers.exercises` (a tolerance is the exercise's
own words).

    >>> check_nearby_capitals(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: maps.distance_table gives the km from Baku to each capital; keep the names (column 'to') of those under 1000 km.
    Verdict(False)
"""

from __future__ import annotations

from helpers.data import load
from helpers.exercises import ONE_DECIMAL, Verdict, as_number, check_items, check_number, say

RADIUS_KM = 1000


def partner_capitals() -> list[str]:
    """Capitals (places.csv, kind 'capital') of the states that are partners in Azerbaijan's
    interests on pp. 63-65 (interests.csv), in order of first mention.

    >>> partner_capitals()
    ['Yerevan', 'Jerusalem', 'Tehran', 'Moscow', 'Ankara', 'Washington']
    """
    rows = load("interests").query("holder == 'AZ' and section == 'azerbaijani_interests'")
    capitals = load("places").query("kind == 'capital'").set_index("country_iso2")["name"]
    codes = dict.fromkeys(rows["partner"].astype(str))
    return [capitals[c] for c in codes if c in capitals.index]


def check_nearby_capitals(answer) -> bool:
    """Exercise 1: which of the partner capitals lie within 1,000 km of Baku (geodesic)?"""
    from helpers.maps import distance_table

    table = distance_table("Baku", partner_capitals())
    expected = table.loc[table["km"] < RADIUS_KM, "to"].tolist()
    return check_items(answer, expected, what="capitals",
                       hint=f"maps.distance_table gives the km from Baku to each capital; "
                            f"keep the names (column 'to') of those under {RADIUS_KM} km.")


#: The tolerance of both area checks, written in Exercise 2: 0.1% of the measured area.
AREA_REL = 0.001

#: An equal-area projection computed on a sphere: a student who uses it lands about 0.1% off.
SPHERE_CRS = "ESRI:54009"  # World Mollweide


def _published(key: str) -> float:
    return float(load("territory_share_estimates").set_index("id").loc[key, "value"])


def _area_feedback(answer, expected: float, *, published: float, sphere: float | None,
                   hint: str) -> Verdict:
    """check_number with two specific messages: the published figure typed in, and an
    equal-area projection on a sphere instead of the ellipsoid."""
    value = as_number(answer)
    close = AREA_REL * expected
    if value is not None and abs(value - expected) > close:
        if abs(value - published) < 0.5:
            return say(False, "❌ That is the published figure, not a measurement: measure the "
                              "polygons.", hint)
        if sphere is not None and abs(value - sphere) < 0.0002 * sphere:
            return say(False, "❌ Close, but that looks like an equal-area projection on a "
                              "sphere (e.g. Mollweide): use EPSG:6933, equal-area on the WGS84 "
                              "ellipsoid.", hint)
    return check_number(answer, expected=expected, rel=AREA_REL, unit="km²", hint=hint)


def check_area_km2(answer) -> Verdict:
    """Exercise 2: Azerbaijan's area in km² from its polygons in EPSG:6933.

    EPSG:6933 (WGS 84 / NSIDC EASE-Grid 2.0 Global) is a cylindrical equal-area projection on
    the WGS84 ellipsoid. The tolerance (0.1%) accepts it, but not the published 86,600 km²,
    which is not a measurement, nor an equal-area projection computed on a sphere (Mollweide,
    ESRI:54009, gives about 100 km² more, 0.11%); the exercise says so and both get a message
    of their own."""
    from helpers.maps import areas_km2

    hint = ("Measure, do not look up: project with .to_crs('EPSG:6933'), take .area (square "
            "metres), divide by 1,000,000 and add up all of Azerbaijan's polygons.")
    return _area_feedback(answer, float(areas_km2("AZ").sum()),
                          published=_published("area_azerbaijan"),
                          sphere=float(areas_km2("AZ", SPHERE_CRS).sum()), hint=hint)


def nakhchivan_km2(crs: str = "EPSG:6933") -> float:
    """The area in km² of Azerbaijan's polygon that contains the city of Nakhchivan (the
    exclave), measured in ``crs``.

    >>> round(nakhchivan_km2(), -2)
    4700.0
    """
    from helpers.maps import load_countries, load_places

    city = load_places().set_index("name").loc["Nakhchivan", "geometry"]
    parts = load_countries().set_index("iso_a2").loc[["AZ"]].explode(index_parts=False)
    exclave = parts[parts.contains(city)]
    return float(exclave.to_crs(crs).area.iloc[0] / 1e6)


def check_nakhchivan_km2(answer) -> Verdict:
    """Exercise 2: the Nakhchivan exclave's area in km², its polygon measured in EPSG:6933,
    within 0.1% (the exercise says so)."""
    hint = ("Split Azerbaijan's row into its polygons with .explode(index_parts=False) after "
            ".to_crs('EPSG:6933'); Nakhchivan is the second largest.")
    value = as_number(answer)
    from helpers.maps import areas_km2

    if value is not None and abs(value - float(areas_km2("AZ").sum())) < AREA_REL * value:
        return say(False, "❌ That is the whole country: take Nakhchivan's polygon only.", hint)
    return _area_feedback(answer, nakhchivan_km2(), published=_published("area_nakhchivan"),
                          sphere=None, hint=hint)


def check_oblast_share(answer) -> bool:
    """Exercise 3: the former autonomous oblast's share of Azerbaijan's area, in percent to
    one decimal (within 0.05). A share (0 to 1) gets its own message."""
    e = load("territory_share_estimates").set_index("id")["value"]
    expected = 100 * float(e["area_nk_ao"]) / float(e["area_azerbaijan"])
    return check_number(answer, expected=expected, tol=ONE_DECIMAL, unit="%",
                        hint="Divide the oblast's area (area_nk_ao) by Azerbaijan's "
                             "(area_azerbaijan) and multiply by 100.")
