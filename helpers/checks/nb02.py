"""Checks for 02_azerbaijani_interests.ipynb. Each computes its expected answer from the data
when called.

    >>> check_nearby_capitals(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: maps.distance_table('Baku', capitals) gives km; keep the names in column 'to' where km < 1000.
    Verdict(False)
"""

from __future__ import annotations

from helpers.data import load
from helpers.exercises import check_items, check_number

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
                       hint=f"maps.distance_table('Baku', capitals) gives km; keep the names in "
                            f"column 'to' where km < {RADIUS_KM}.")


def check_area_km2(answer) -> bool:
    """Exercise 2: Azerbaijan's area in km² from its polygons in an equal-area CRS (EPSG:6933).

    The tolerance (0.1%) accepts equal-area projections on the WGS84 ellipsoid (EPSG:6933, a
    Lambert azimuthal equal-area centred on the region), but not the published 86,600 km², which
    is not a measurement, nor a projection computed on a sphere (Mollweide, ESRI:54009, gives
    about 100 km² more)."""
    from helpers.interests import areas_km2

    return check_number(answer, expected=float(areas_km2("AZ").sum()), rel=0.001, unit="km²",
                        hint="Measure, do not look up: project with .to_crs('EPSG:6933'), take "
                             ".area (square metres), divide by 1,000,000 and add up all of "
                             "Azerbaijan's polygons.")


def check_oblast_share(answer) -> bool:
    """Exercise 3: the former autonomous oblast's share of Azerbaijan's area, in percent."""
    e = load("territory_share_estimates").set_index("id")["value"]
    expected = 100 * float(e["area_nk_ao"]) / float(e["area_azerbaijan"])
    return check_number(answer, expected=expected, tol=0.1, unit="%",
                        hint="Divide the oblast's area (area_nk_ao) by Azerbaijan's "
                             "(area_azerbaijan) and multiply by 100.")
