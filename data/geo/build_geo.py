"""Build the collection's regional geography from Natural Earth and GeoNames.

Writes three files next to this script (all committed, so readers never need to run it):

* ``countries.geojson`` -- Natural Earth 1:50m admin-0 countries, clipped to the region
  (lon 24–76 °E, lat 24–57 °N), with ``iso_n3``, ``iso_a2`` and ``name``;
* ``places.csv`` -- city coordinates from GeoNames, with ``kind`` and ``source`` added;
* ``btc_route.geojson`` -- a *schematic* Baku – Tbilisi – Ceyhan line (not a surveyed route).

How to re-run (needs npm once, to fetch the Natural Earth copy; no other network access)::

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    cd -   # back to the project root
    .venv/bin/python data/geo/build_geo.py /tmp/package/countries-50m.json

``world-atlas@2.0.2`` redistributes Natural Earth v4.1.0 as TopoJSON. GDAL reads it with
``layer="countries"``; the file carries no CRS, so WGS84 (EPSG:4326) is set here.

Borders follow the internationally recognised convention wherever that needs *no new line*:
Natural Earth 1:50m draws Crimea inside Russia and "N. Cyprus" as its own unit, so the Crimea
polygon is moved to Ukraine and N. Cyprus is merged into Cyprus (both only remove a line that
Natural Earth draws). The Golan Heights stay inside Israel's polygon as Natural Earth draws
them: moving them would need a boundary line this source does not contain. Nagorno-Karabakh
lies inside Azerbaijan in Natural Earth; no boundary of it is drawn (the maps show a labelled
point). To keep Natural Earth's drawing instead, drop the call to ``recognised_borders`` in
``main``. See README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import Geod
from shapely.geometry import LineString, Point

HERE = Path(__file__).resolve().parent
SHARED_PLACES = HERE.parents[2] / "shared" / "facts" / "places-geonames.csv"  # /work/shared/...
PLACES_COPY = HERE / "places-geonames.csv"  # verbatim committed copy of the GeoNames extract

# Regional bounding box (lon_min, lat_min, lon_max, lat_max): Israel and Egypt's Sinai in the
# south-west, Moscow in the north, Tashkent and Astana in the east.
BBOX = (24.0, 24.0, 76.0, 57.0)
PRECISION = 1e-4  # degrees, about 11 m: far finer than the 1:50m source (about 50 m)

# ISO 3166-1 numeric (world-atlas `id`) -> alpha-2, for every country that reaches the box.
# Written out by hand from ISO 3166-1; the script stops if a new id appears.
ISO_N3_TO_A2 = {
    "004": "AF", "031": "AZ", "048": "BH", "051": "AM", "100": "BG", "112": "BY",
    "156": "CN", "196": "CY", "233": "EE", "268": "GE", "275": "PS", "300": "GR",
    "356": "IN", "364": "IR", "368": "IQ", "376": "IL", "398": "KZ", "400": "JO",
    "414": "KW", "417": "KG", "422": "LB", "428": "LV", "434": "LY", "440": "LT",
    "498": "MD", "512": "OM", "586": "PK", "616": "PL", "634": "QA", "642": "RO",
    "643": "RU", "682": "SA", "760": "SY", "762": "TJ", "784": "AE", "792": "TR",
    "795": "TM", "804": "UA", "818": "EG", "860": "UZ",
}
# Natural Earth units without an ISO code, merged into the state that is internationally
# recognised as sovereign there (the merge removes a line; it draws none).
MERGE_INTO = {"N. Cyprus": "Cyprus"}
CRIMEA_PROBE = Point(34.10, 44.95)  # Simferopol: picks the Crimea polygon out of "Russia"

# `kind` of each place (anything not listed is a "city"). Jerusalem: Israel's seat of
# government; its status is disputed (see README.md).
KIND = {
    "Baku": "capital", "Yerevan": "capital", "Tbilisi": "capital", "Tehran": "capital",
    "Ankara": "capital", "Jerusalem": "capital", "Damascus": "capital", "Moscow": "capital",
    "Washington": "capital", "Ashgabat": "capital", "Astana": "capital",
    "Tashkent": "capital", "Ceyhan": "terminal",
}
BTC_STOPS = ("Baku", "Tbilisi", "Ceyhan")


def read_countries(path: Path) -> gpd.GeoDataFrame:
    """Read Natural Earth countries from the world-atlas TopoJSON and set WGS84."""
    gdf = gpd.read_file(path, layer="countries", engine="pyogrio")
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    return gdf.rename(columns={"id": "iso_n3"})


def recognised_borders(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Move Crimea to Ukraine and merge N. Cyprus into Cyprus (see the module docstring)."""
    gdf = gdf.copy()
    by_name = {n: i for i, n in zip(gdf.index, gdf["name"])}
    russia = gdf.at[by_name["Russia"], "geometry"]
    crimea = [p for p in russia.geoms if p.contains(CRIMEA_PROBE)]
    assert len(crimea) == 1, "expected one Crimea polygon inside Natural Earth's Russia"
    rest = [p for p in russia.geoms if not p.contains(CRIMEA_PROBE)]
    gdf.at[by_name["Russia"], "geometry"] = shapely.MultiPolygon(rest)
    gdf.at[by_name["Ukraine"], "geometry"] = gdf.at[by_name["Ukraine"], "geometry"].union(crimea[0])
    for part, whole in MERGE_INTO.items():
        i, j = by_name[part], by_name[whole]
        gdf.at[j, "geometry"] = gdf.at[j, "geometry"].union(gdf.at[i, "geometry"])
        gdf = gdf.drop(index=i)
    return gdf


def clip_region(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Clip to BBOX, snap to a 1e-4° grid, drop empty rows, add iso_a2; sorted by name."""
    gdf = gdf.cx[BBOX[0]:BBOX[2], BBOX[1]:BBOX[3]].copy()
    geom = shapely.clip_by_rect(gdf.geometry.values, *BBOX)
    geom = shapely.make_valid(shapely.set_precision(geom, PRECISION))
    gdf = gdf.set_geometry(gpd.GeoSeries(geom, index=gdf.index, crs=gdf.crs))
    gdf = gdf[shapely.area(gdf.geometry.values) > 0]
    unknown = sorted(set(gdf["iso_n3"].dropna()) - set(ISO_N3_TO_A2))
    if unknown or gdf["iso_n3"].isna().any():
        raise SystemExit(f"no alpha-2 code for: {unknown or gdf.loc[gdf.iso_n3.isna(), 'name']}")
    gdf["iso_a2"] = gdf["iso_n3"].map(ISO_N3_TO_A2)
    gdf["geometry"] = gdf.geometry.apply(_multi)
    return gdf[["iso_n3", "iso_a2", "name", "geometry"]].sort_values("name").reset_index(drop=True)


def _multi(geom):
    """Keep only polygons (clipping can leave stray lines) as one MultiPolygon."""
    parts = [g for g in getattr(geom, "geoms", [geom])
             if g.geom_type in ("Polygon", "MultiPolygon")]
    polys = [p for g in parts for p in getattr(g, "geoms", [g])]
    return shapely.MultiPolygon(polys)


def write_countries(gdf: gpd.GeoDataFrame, out: Path) -> None:
    """Write GeoJSON (RFC 7946) with 4 decimals."""
    out.unlink(missing_ok=True)
    gdf.to_file(out, driver="GeoJSON", engine="pyogrio", layer_options={
        "COORDINATE_PRECISION": "4", "RFC7946": "YES", "WRITE_NAME": "NO"})


def build_places(out: Path) -> pd.DataFrame:
    """places.csv: the GeoNames extract plus `kind` and `source` (copy kept for re-runs)."""
    if SHARED_PLACES.is_file():
        PLACES_COPY.write_bytes(SHARED_PLACES.read_bytes())
    df = pd.read_csv(PLACES_COPY, dtype=str, keep_default_na=False)
    df["kind"] = df["name"].map(KIND).fillna("city")
    df["source"] = "GeoNames"
    cols = ["name", "alt_names", "country_iso2", "kind", "lat", "lon", "geonameid", "source"]
    df[cols].to_csv(out, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return df


def build_btc(places: pd.DataFrame, out: Path) -> float:
    """btc_route.geojson: a schematic LineString through BTC_STOPS. Returns its length (km)."""
    idx = places.set_index("name")
    pts = [(float(idx.at[s, "lon"]), float(idx.at[s, "lat"])) for s in BTC_STOPS]
    line = LineString(pts)
    km = Geod(ellps="WGS84").geometry_length(line) / 1000
    props = {
        "name": "Baku–Tbilisi–Ceyhan pipeline (schematic)", "schematic": True,
        "via": " – ".join(BTC_STOPS), "length_km_official": 1768,
        "length_km_schematic": round(km), "source": "BP",
        "coordinates_source": "GeoNames (city points; not a surveyed route)",
    }
    coords = [[round(x, 4), round(y, 4)] for x, y in pts]
    feature = {"type": "Feature", "properties": props,
               "geometry": {"type": "LineString", "coordinates": coords}}
    text = json.dumps({"type": "FeatureCollection", "features": [feature]}, ensure_ascii=False)
    out.write_text(text + "\n", encoding="utf-8")
    return km


def report(gdf: gpd.GeoDataFrame) -> None:
    """Print what was written, with the size of Nakhchivan as a sanity check."""
    geod = Geod(ellps="WGS84")
    az = gdf.loc[gdf.iso_a2 == "AZ", "geometry"].iloc[0]
    nakh = [p for p in az.geoms if p.contains(Point(45.41, 39.21))][0]
    area = abs(geod.geometry_area_perimeter(nakh)[0]) / 1e6
    print(f"countries: {len(gdf)}; "
          f"Nakhchivan: {len(nakh.exterior.coords)} points, {area:,.0f} km²")
    for name in ("countries.geojson", "places.csv", "btc_route.geojson"):
        print(f"  {name}: {(HERE / name).stat().st_size / 1024:,.1f} KB")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("topojson", type=Path, help="world-atlas 2.0.2 countries-50m.json")
    args = parser.parse_args(argv)
    gdf = clip_region(recognised_borders(read_countries(args.topojson)))
    write_countries(gdf, HERE / "countries.geojson")
    places = build_places(HERE / "places.csv")
    km = build_btc(places, HERE / "btc_route.geojson")
    report(gdf)
    print(f"BTC schematic line: {km:,.0f} km (official route: 1,768 km)")


if __name__ == "__main__":
    main()
