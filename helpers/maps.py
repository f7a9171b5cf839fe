"""Maps of the region: country polygons, places, the schematic BTC pipeline, a locator map.

The data live in ``data/geo/`` (built by ``data/geo/build_geo.py``; see its README):

* ``countries.geojson`` -- Natural Earth 1:50m, internationally recognised borders;
* ``places.csv`` -- city points from GeoNames;
* ``btc_route.geojson`` -- a *schematic* Baku – Tbilisi – Ceyhan line.

Every loader checks the file and raises :class:`helpers.errors.DataError` naming the file,
the row (1 = first data row) and the field. No network access and no tile servers::

    >>> from helpers.maps import load_countries, geodesic_km
    >>> load_countries().crs.to_epsg()
    4326
    >>> round(geodesic_km("Baku", "Tel Aviv"))
    1637

Nagorno-Karabakh has no polygon here: Natural Earth places it inside Azerbaijan (the
internationally recognised border), and the maps mark it with a labelled point at Khankendi
(Stepanakert) instead of drawing a boundary that this collection cannot cite.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import shapely
from matplotlib.collections import PatchCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from pyproj import Geod
from shapely.geometry import LineString
from shapely.ops import polylabel

from .data import DATA_DIR, load
from .errors import DataError
from .plots import SMALL, AROUND, FAR, HALO, LEADER, LabelPlacer, actor, finish

GEO_DIR = DATA_DIR / "geo"
REGION = (24.0, 76.0, 24.0, 57.0)  # lon_min, lon_max, lat_min, lat_max of the geo files
EXTENTS = {  # named map extents, same order as REGION
    "region": REGION,
    "caucasus": (38.0, 52.0, 36.0, 44.0),
    "israel_caucasus": (27.0, 55.0, 28.5, 45.5),
}
NK_PLACE = "Khankendi"
BORDERS_NOTE = "Internationally recognised borders (Natural Earth 1:50m)"
GOLAN = (35.75, 33.0)  # Natural Earth draws the Golan Heights inside Israel: say so
GOLAN_NOTE = "\nGolan Heights: as Natural Earth draws them (inside Israel)"
SOURCES = ("Natural Earth", "GeoNames")  # for helpers.caption(*SOURCES)
_ISO2 = re.compile(r"^[A-Z]{2}$")
_GEOD = Geod(ellps="WGS84")

# Colour-blind-safe (Okabe–Ito) fills, each with its own hatch so greyscale prints still
# separate highlighted states from each other and from the light-grey context.
CONTEXT_FILL, EDGE, INK = "#EBEBEB", "#8C8C8C", "#222222"
# Ordered so that the first three also differ in lightness (grey 162, 106, 213 of 255).
HATCH_INK = "#333333"
# Candidate label positions around a point: (dx, dy) in points, alignment; first free wins.
# Where the Nakhchivan exclave's label may go: into Turkey or Iran, away from the mainland.
TOWARDS_SW = [(dx * d, dy * d, ha, va) for d in (22, 40, 58) for dx, dy, ha, va in (
    (-0.7, -0.8, "right", "top"), (-1, 0, "right", "center"), (0, -1, "center", "top"),
    (0.6, -1, "left", "top"))]


def map_label(kind: str, name: str) -> str:
    """The label a map draws for a country, place, exclave or region
    (``data/model/map_labels.csv``), broken before its parenthesis; the name itself where the
    file gives none.

    >>> print(map_label("exclave", "Nakhchivan"))
    Nakhchivan
    (Azerbaijan)
    >>> map_label("place", "Baku")
    'Baku'
    """
    table = load("map_labels")
    rows = table[(table["kind"] == kind) & (table["name"] == name)]
    label = str(rows["label_en"].iloc[0]) if len(rows) else name
    return label.replace(" (", "\n(", 1)


def _fail(file: str, row: int | str, field: str, expected: str, got) -> DataError:
    return DataError(f"data/geo/{file}, row {row}, field '{field}': expected {expected}, "
                     f"got {got!r}")


def _check_frame(df: pd.DataFrame, file: str, required: Sequence[str]) -> None:
    """Required columns present, and for a GeoDataFrame the CRS is WGS84."""
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise _fail(file, "header", missing[0], f"columns {list(required)}", list(df.columns))
    if isinstance(df, gpd.GeoDataFrame) and (df.crs is None or df.crs.to_epsg() != 4326):
        raise _fail(file, "-", "crs", "EPSG:4326 (WGS84)", str(df.crs))


def _check_iso(df: pd.DataFrame, file: str, field: str) -> None:
    for row, code in enumerate(df[field], start=1):
        if not isinstance(code, str) or not _ISO2.match(code):
            raise _fail(file, row, field, "an ISO 3166-1 alpha-2 code like 'AZ'", code)


def _check_in_region(gdf: gpd.GeoDataFrame, file: str, types: tuple[str, ...]) -> None:
    lon0, lon1, lat0, lat1 = REGION
    for row, geom in enumerate(gdf.geometry, start=1):
        if geom is None or geom.is_empty or geom.geom_type not in types:
            raise _fail(file, row, "geometry", " or ".join(types), getattr(geom, "geom_type", None))
        x0, y0, x1, y1 = geom.bounds
        if x0 < lon0 or x1 > lon1 or y0 < lat0 or y1 > lat1:
            raise _fail(file, row, "geometry", f"coordinates within lon {lon0:g}–{lon1:g} °E, "
                        f"lat {lat0:g}–{lat1:g} °N", tuple(round(b, 2) for b in geom.bounds))


def _read_geo(file: str) -> gpd.GeoDataFrame:
    path = GEO_DIR / file
    if not path.is_file():
        raise DataError(f"data/geo/{file}: file not found (rebuild with data/geo/build_geo.py)")
    try:
        return gpd.read_file(path, engine="pyogrio")
    except Exception as err:  # GDAL or GEOS: the file is not valid GeoJSON
        raise DataError(f"data/geo/{file}: not readable as GeoJSON ({err})") from err


def _stamp(file: str) -> tuple | None:
    """What identifies a version of a geo file: path, modification time and size (None if
    missing). The caches below are keyed on it, so an edited file is read and checked again."""
    path = GEO_DIR / file
    try:
        st = path.stat()
    except OSError:
        return None
    return str(path), st.st_mtime_ns, st.st_size


@lru_cache(maxsize=2)
def _countries_checked(stamp: tuple | None) -> gpd.GeoDataFrame:
    gdf = _read_geo("countries.geojson")
    _check_frame(gdf, "countries.geojson", ["iso_a2", "name", "geometry"])
    _check_iso(gdf, "countries.geojson", "iso_a2")
    _check_in_region(gdf, "countries.geojson", ("Polygon", "MultiPolygon"))
    return gdf


def _countries() -> gpd.GeoDataFrame:
    """The checked country table, read again only when countries.geojson changes (callers
    must not modify it)."""
    return _countries_checked(_stamp("countries.geojson"))


def load_countries() -> gpd.GeoDataFrame:
    """Country polygons of the region (EPSG:4326), one row per state, sorted by name.

    Columns: ``iso_n3`` (ISO 3166-1 numeric), ``iso_a2`` (alpha-2), ``name``, ``geometry``.

    >>> countries = load_countries()
    >>> countries.set_index("iso_a2").loc["AZ", "name"]
    'Azerbaijan'
    >>> len(countries.set_index("iso_a2").loc["AZ", "geometry"].geoms)  # with two exclaves
    3
    """
    return _countries().copy()


_PLACES: dict[tuple, tuple] = {}  # content of places.csv and countries' stamp -> derived


def _places_index() -> tuple[gpd.GeoDataFrame, list, dict]:
    """places.csv as points, its rows, and row by casefolded name or alternative name.

    ``load`` checks the table again whenever the file changes, so an edit shows at once; what
    is derived from it here (points, the in-country check, the name index) is kept per content
    of the checked table, so it is redone only when the table (or countries.geojson) differs.
    """
    df = load("places")
    key = (tuple(df.itertuples(index=False, name=None)), _stamp("countries.geojson"))
    if key not in _PLACES:
        geometry = gpd.points_from_xy(df["lon"].astype(float), df["lat"].astype(float))
        gdf = gpd.GeoDataFrame(df.drop(columns=["lat", "lon"]), geometry=geometry,
                               crs="EPSG:4326")
        _check_places_in_country(gdf, "places.csv")
        records = list(gdf.itertuples(index=False))
        names: dict[str, object] = {}
        for rec in records:
            alts = rec.alt_names.split(";") if isinstance(rec.alt_names, str) else []
            for n in (rec.name, *alts):
                if n:
                    names.setdefault(n.strip().casefold(), rec)  # the first row wins
        _PLACES.clear()  # keep one version only
        _PLACES[key] = (gdf, records, names)
    return _PLACES[key]


def _places() -> gpd.GeoDataFrame:
    """places.csv, typed and checked against data/datapackage.json, then as points (shared:
    callers must not modify it). An edit to the file shows at once (see ``_places_index``)."""
    return _places_index()[0]


def _check_places_in_country(places: gpd.GeoDataFrame, file: str) -> None:
    """Each place in the region lies within ~10 km of its country (catches swapped lat/lon)."""
    shapes = _countries().set_index("iso_a2").geometry
    for row, rec in enumerate(places.itertuples(index=False), start=1):
        if rec.country_iso2 in shapes.index:
            if shapes[rec.country_iso2].distance(rec.geometry) > 0.1:  # degrees, about 10 km
                raise _fail(file, row, "lat/lon", f"a point in {rec.country_iso2} (±10 km)",
                            f"lat {rec.geometry.y}, lon {rec.geometry.x}")


def load_places() -> gpd.GeoDataFrame:
    """City points (EPSG:4326) from GeoNames.

    Columns: ``name``, ``alt_names`` (e.g. 'Stepanakert' for Khankendi), ``country_iso2``,
    ``kind`` ('capital', 'city' or 'terminal'), ``geonameid``, ``source``, ``geometry``.
    Washington is listed too, although it lies outside the regional map.

    >>> places = load_places()
    >>> places.set_index("name").loc["Khankendi", "alt_names"]
    'Stepanakert'
    """
    return _places().copy()


def load_btc_route() -> gpd.GeoDataFrame:
    """The Baku–Tbilisi–Ceyhan pipeline as a *schematic* line through three city points.

    Not a surveyed route: the real pipeline starts at the Sangachal terminal south of Baku
    and is 1,768 km long (BP); the schematic line is shorter.

    >>> btc = load_btc_route()
    >>> bool(btc.loc[0, "schematic"]), int(btc.loc[0, "length_km_official"])
    (True, 1768)
    """
    file = "btc_route.geojson"
    gdf = _read_geo(file)
    _check_frame(gdf, file, ["name", "schematic", "length_km_official", "source", "geometry"])
    for row, value in enumerate(gdf["schematic"], start=1):
        if value is not True and str(value).lower() != "true":
            raise _fail(file, row, "schematic", "true (the route is not surveyed)", value)
    _check_in_region(gdf, file, ("LineString",))
    return gdf


def _find(place: str, index: tuple | None = None):
    """The row of ``places.csv`` for a name or alternative name, ignoring case. ``index``:
    a result of ``_places_index()``, to look up several names in one version of the file."""
    places, _, names = index or _places_index()
    rec = names.get(place.strip().casefold())
    if rec is None:
        raise ValueError(f"unknown place {place!r}; known places: {', '.join(places['name'])}")
    return rec


def _lonlat(place: str) -> tuple[float, float]:
    point = _find(place).geometry
    return point.x, point.y


def geodesic_km(place_a: str, place_b: str) -> float:
    """Distance in km along the WGS84 ellipsoid between two places of ``places.csv``.

    Names or alternative names work (``"Stepanakert"`` finds Khankendi).

    >>> round(geodesic_km("Baku", "Tehran"))
    537
    >>> round(geodesic_km("Stepanakert", "Yerevan"))
    195
    """
    (lon1, lat1), (lon2, lat2) = _lonlat(place_a), _lonlat(place_b)
    return _GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000


def distance_table(origin: str, targets: Sequence[str] | None = None) -> pd.DataFrame:
    """Geodesic distances from ``origin`` to ``targets`` (default: every other place), nearest
    first, in whole km.

    >>> distance_table("Baku", ["Jerusalem", "Moscow", "Tehran"])
       from         to country_iso2    km
    0  Baku     Tehran           IR   537
    1  Baku  Jerusalem           IL  1627
    2  Baku     Moscow           RU  1932
    """
    if targets is None:
        targets = [n for n in _places()["name"] if n != _find(origin).name]
    rows = [{"from": origin, "to": t, "country_iso2": _find(t).country_iso2,
             "km": round(geodesic_km(origin, t))} for t in targets]
    table = pd.DataFrame(rows, columns=["from", "to", "country_iso2", "km"])
    return table.sort_values("km", kind="stable").reset_index(drop=True)


def _resolve_extent(extent) -> tuple[float, float, float, float]:
    if extent is None:
        return REGION
    if isinstance(extent, str):
        if extent not in EXTENTS:
            raise ValueError(f"unknown extent {extent!r}; named extents: {', '.join(EXTENTS)}")
        return EXTENTS[extent]
    lon0, lon1, lat0, lat1 = (float(v) for v in extent)
    if not (lon0 < lon1 and lat0 < lat1):
        raise ValueError("extent is (lon_min, lon_max, lat_min, lat_max)")
    return lon0, lon1, lat0, lat1


def _polygon_path(geom) -> MplPath:
    """A (Multi)Polygon as one compound path, exteriors and holes, as GeoDataFrame.plot
    builds it (holes run the other way round, so they stay unfilled)."""
    rings = []
    for part in getattr(geom, "geoms", [geom]):
        if part.geom_type != "Polygon":  # a clipped edge may leave a line or a point
            continue
        rings.append(MplPath(np.asarray(part.exterior.coords)[:, :2], closed=True))
        rings.extend(MplPath(np.asarray(r.coords)[:, :2], closed=True) for r in part.interiors)
    return MplPath.make_compound_path(*rings)


class _Region:
    """What a map of one extent needs from countries.geojson, computed once per extent and
    version of the file: each country clipped a little beyond the frame (so the cut lies
    outside the axes) as a drawing path, and where its name label may go."""

    def __init__(self, countries: gpd.GeoDataFrame, view) -> None:
        lon0, lon1, lat0, lat1 = view
        pad = 0.05 * max(lon1 - lon0, lat1 - lat0)
        clipped = shapely.orient_polygons(shapely.clip_by_rect(
            countries.geometry.values, lon0 - pad, lat0 - pad, lon1 + pad, lat1 + pad))
        self.names = dict(zip(countries["iso_a2"], countries["name"]))
        self.paths = {code: _polygon_path(geom) for code, geom in
                      zip(countries["iso_a2"], clipped) if not geom.is_empty}
        box = shapely.box(lon0, lat0, lon1, lat1)
        self.parts = {}  # iso_a2: visible polygons, largest first
        for code, geom in zip(countries["iso_a2"], countries.geometry):
            visible = geom.intersection(box)
            self.parts[code] = sorted((p for p in getattr(visible, "geoms", [visible])
                                       if p.geom_type == "Polygon"), key=lambda p: -p.area)
        self.small_area = 0.004 * box.area  # a smaller largest part is named only if highlighted
        self._anchors: dict[tuple, list] = {}

    def anchors(self, code: str, part: int = 0) -> list:
        """Label anchors inside a visible part of a country (computed on first use)."""
        if (code, part) not in self._anchors:
            self._anchors[code, part] = _interior_points(self.parts[code][part])
        return self._anchors[code, part]


@lru_cache(maxsize=16)
def _region_cached(stamp: tuple | None, view: tuple) -> _Region:
    return _Region(_countries_checked(stamp), view)


def _region(view) -> _Region:
    return _region_cached(_stamp("countries.geojson"), tuple(view))


def _draw_countries(ax, highlight: Sequence[str], region: _Region) -> list:
    """Grey context, and each highlighted state in its colour and hatch from the actor
    registry (``data/model/actor_styles.csv``); returns legend handles."""
    known = region.names
    ax.add_collection(PatchCollection([PathPatch(p) for p in region.paths.values()],
                                      facecolor=CONTEXT_FILL, edgecolor=EDGE, linewidth=0.5,
                                      zorder=1), autolim=False)
    handles = []
    for code in highlight:
        if code not in known:
            raise ValueError(f"unknown country code {code!r}; known: {', '.join(sorted(known))}")
        look = actor(code)
        style = dict(facecolor=look.colour, hatch=look.hatch, edgecolor=INK, linewidth=0.8)
        if code in region.paths:
            ax.add_collection(PatchCollection([PathPatch(region.paths[code])], zorder=2,
                                              hatchcolor=HATCH_INK, hatch_linewidth=0.5,
                                              **style), autolim=False)
        handles.append(Patch(label=look.name, hatchcolor=HATCH_INK, **style))
    return handles


def _interior_points(part, n: int = 7) -> list:
    """Candidate label anchors inside a polygon: its pole of inaccessibility, then a grid."""
    best = polylabel(part, tolerance=0.01 * math.sqrt(part.area))
    x0, y0, x1, y1 = part.bounds
    grid = [(x0 + (i + 0.5) * (x1 - x0) / n, y0 + (j + 0.5) * (y1 - y0) / n)
            for i in range(n) for j in range(n)]
    xs, ys = np.array(grid).T
    inside = [grid[k] for k in np.flatnonzero(shapely.contains_xy(part, xs, ys))]
    far = shapely.distance(best, shapely.points(inside)).tolist() if inside else []
    return [(best.x, best.y), *(inside[k] for k in sorted(range(len(inside)), key=far.__getitem__))]


def wrap_label(text: str) -> str:
    """A country's label on two lines where it has two words or more and is long."""
    return text.replace(" ", "\n", 1) if len(text) > 14 and " " in text else text


def _label_countries(labels: LabelPlacer, region: _Region, highlight: Sequence[str], places,
                     context: bool) -> None:
    """Name the highlighted (or, with ``context``, the other) countries inside their largest
    visible part; the Nakhchivan exclave gets its own label."""
    for code, name in region.names.items():
        rank = code not in highlight
        parts = region.parts[code]
        if rank != context:
            continue
        small = not parts or parts[0].area < region.small_area
        if small and (rank or not parts):
            continue
        offsets = [(0, 0, "center", "center")] + (AROUND if small else [])
        labels.place(wrap_label(map_label("country", name)).upper(), region.anchors(code), offsets,
                     fontsize=SMALL, color=INK, zorder=6, fontweight="normal" if rank else "bold")
        if code == "AZ" and len(parts) > 1 and "Nakhchivan" not in places:
            labels.place(map_label("exclave", "Nakhchivan"), [region.anchors(code, 1)[0]], TOWARDS_SW,
                         fontsize=SMALL, style="italic", zorder=6, leader=LEADER)


MARKERS = {  # kind: (marker, face colour, size, legend label)
    "capital": ("s", INK, 5, "Capital"), "city": ("o", "white", 5, "City"),
    "terminal": ("^", INK, 5.5, "Oil terminal"),
    "nk": ("D", "white", 6.5, "Nagorno-Karabakh (at Khankendi/\nStepanakert): point only,\nno boundary drawn"),
}


def _draw_points(labels: LabelPlacer, view, names: Sequence[str], annotate_nk: bool,
                 index: tuple | None = None) -> list:
    """Markers for the places (and Nagorno-Karabakh at Khankendi), then their labels, so
    that no label hides a marker. Returns legend handles for the kinds shown."""
    index = index or _places_index()
    nk = map_label("region", "Nagorno-Karabakh")
    points = [(nk, "nk", _find(NK_PLACE, index).geometry)] if annotate_nk else []
    for rec in (_find(name, index) for name in names):
        if not (annotate_nk and rec.name == NK_PLACE):
            points.append((map_label("place", rec.name), rec.kind, rec.geometry))
    points = [p for p in points if view[0] <= p[2].x <= view[1] and view[2] <= p[2].y <= view[3]]
    for _, kind, pt in points:
        marker, face, size, _ = MARKERS[kind]
        labels.ax.plot(pt.x, pt.y, marker=marker, ms=size, mfc=face, mec=INK,
                       mew=1.4 if kind == "nk" else 0.9, ls="", zorder=7)
        labels.block(pt.x, pt.y)
    for text, kind, pt in points:
        style = dict(fontsize=SMALL, style="italic") if kind == "nk" else dict(fontsize=SMALL)
        labels.place(text, [(pt.x, pt.y)], AROUND, zorder=8, **style) or labels.place(
            text, [(pt.x, pt.y)], FAR, force=True, zorder=8, leader=LEADER, **style)
    kinds = {kind for _, kind, _ in points}
    return [Line2D([], [], marker=m, mfc=f, mec=INK, mew=1.4 if k == "nk" else 0.9, ls="",
                   label=lab) for k, (m, f, _, lab) in MARKERS.items() if k in kinds]


def coast_point(code: str = "IL"):
    """The middle of a state's longest stretch of coast in ``countries.geojson`` (its outline
    less every border it shares): where the schematic sea leg of the BTC map ends, since the
    article (p. 65) names no port in Israel.

    >>> p = coast_point("IL")
    >>> round(p.x, 1), round(p.y, 1)
    (34.8, 32.3)
    """
    shapes = _countries().set_index("iso_a2").geometry
    state = shapes[code]
    near = state.buffer(0.05)  # only the neighbours' borders can touch its outline
    borders = shapely.union_all([g.boundary.intersection(near) for c, g in shapes.items()
                                 if c != code and g.intersects(near)])
    coast = state.boundary.difference(borders.buffer(0.02))
    longest = max(getattr(coast, "geoms", [coast]), key=lambda g: g.length)
    return longest.interpolate(0.5, normalized=True)


SEA_LEG = dict(color=INK, lw=1.6, ls=(0, (1, 2.2)))
SEA_LEG_LABEL = "On by sea to Israel (schematic:\np. 65 names no port)"


def _draw_btc(labels: LabelPlacer) -> list:
    """The schematic BTC line, dashed, with a white casing so it reads over hatching, and
    the leg by sea from its end at Ceyhan to Israel's coast (:func:`coast_point`), dotted,
    with an arrow: p. 65 says that Israel imports oil from and through Azerbaijan by the BTC
    pipeline."""
    route = load_btc_route().geometry.iloc[0]
    x, y = route.xy
    labels.ax.plot(x, y, color="white", lw=4, solid_capstyle="round", zorder=4)
    labels.ax.plot(x, y, color=INK, lw=1.8, ls=(0, (5, 2.5)), zorder=5)
    end, coast = route.coords[-1], coast_point("IL")
    labels.ax.annotate("", xy=(coast.x, coast.y), xytext=end, zorder=5,
                       arrowprops=dict(arrowstyle="-|>", shrinkA=4, shrinkB=2,
                                       mutation_scale=14, **SEA_LEG))
    sea = LineString([end, (coast.x, coast.y)])
    for f in (0.2, 0.4, 0.6, 0.8):
        p = sea.interpolate(f, normalized=True)
        labels.block(p.x, p.y, pad=3)
    leg = LineString(route.coords[1:])  # label the long Tbilisi–Ceyhan leg
    anchors = [(p.x, p.y) for p in (leg.interpolate(f, normalized=True)
                                    for f in (0.5, 0.35, 0.65, 0.2, 0.8))]
    labels.place("BTC pipeline", anchors, AROUND[2:6], fontsize=SMALL, style="italic",
                 zorder=8)
    return [Line2D([], [], color=INK, lw=1.8, ls=(0, (5, 2.5)),
                   label="BTC pipeline (schematic,\nnot the surveyed route)"),
            Line2D([], [], label=SEA_LEG_LABEL, **SEA_LEG)]


def _scale_bar(labels: LabelPlacer, view) -> None:
    """A bar of a round number of km, true at the latitude where it is drawn."""
    lon0, lon1, lat0, lat1 = view
    x, y = lon0 + 0.04 * (lon1 - lon0), lat0 + 0.05 * (lat1 - lat0)
    deg_per_km = (_GEOD.fwd(x, y, 90, 100_000)[0] - x) / 100
    km = next(k for k in (2000, 1000, 500, 200, 100, 50, 20)
              if k * deg_per_km <= 0.25 * (lon1 - lon0))
    labels.ax.plot([x, x + km * deg_per_km], [y, y], color=INK, lw=3, solid_capstyle="butt",
                   zorder=9)
    text = labels.ax.annotate(f"{km:,} km (at {y:.0f}°N)", (x, y), xytext=(0, 5),
                              textcoords="offset points", fontsize=SMALL, zorder=9,
                              path_effects=HALO)
    text.update_positions(labels.renderer)
    box = Text.get_window_extent(text, labels.renderer)
    (px, py) = labels.ax.transData.transform((x + km * deg_per_km, y))
    labels.taken.append(Bbox.union([box, Bbox.from_extents(box.x0, py - 4, px, py + 4)]))


def draw_map(*, title: str, source: str, ax=None, highlight: Sequence[str] = ("AZ",),
             places: Sequence[str] = ("Baku", "Yerevan", "Tbilisi", "Tehran", "Ankara",
                                      "Jerusalem", "Moscow"),
             show_btc: bool = False, extent=None, annotate_nk: bool = True):
    """Draw a locator map and return its Axes (every map of the collection is one).

    ``highlight``: ISO alpha-2 codes, each in its colour and hatch from the actor registry.
    ``places``: names (or alternative names) from ``places.csv``; those outside the extent
    are skipped. ``extent``: (lon_min, lon_max, lat_min, lat_max), a name from ``EXTENTS``
    ('region', 'caucasus', 'israel_caucasus') or None for the whole region. Longitude and
    latitude stay in degrees; the aspect is corrected for the mean latitude. Labels are
    placed so that they do not hide each other; draw the map at its final size.

    >>> ax = draw_map(highlight=("AZ", "AM"), extent="caucasus", title="t", source="Source: x.")
    >>> ax.get_xlabel(), ax.get_legend().get_title().get_text().splitlines()[0]
    ('Longitude (°E)', 'Internationally recognised borders (Natural Earth 1:50m)')
    """
    view = _resolve_extent(extent)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 5.9))
    region = _region(view)
    handles = _draw_countries(ax, tuple(highlight), region)
    for label in (ax.xaxis.label, ax.yaxis.label):  # small axis titles, as the maps have had
        if not label.get_text():  # since GeoDataFrame.plot drew them (it set that size)
            label.set_fontsize(SMALL)
    ax.set(xlim=view[:2], ylim=view[2:], xlabel="Longitude (°E)", ylabel="Latitude (°N)",
           aspect=1 / math.cos(math.radians((view[2] + view[3]) / 2)), facecolor="white")
    ax.set_axisbelow(False)  # the graticule stays visible over the land
    ax.apply_aspect()
    labels = LabelPlacer(ax)
    _scale_bar(labels, view)
    index = _places_index()  # one version of places.csv for the whole map
    points = _draw_points(labels, view, places, annotate_nk, index)
    names = [_find(p, index).name for p in places]
    _label_countries(labels, region, tuple(highlight), names, context=False)
    handles += (_draw_btc(labels) if show_btc else []) + points
    _label_countries(labels, region, tuple(highlight), names, context=True)
    golan = view[0] <= GOLAN[0] <= view[1] and view[2] <= GOLAN[1] <= view[3]
    map_title, title = title, BORDERS_NOTE + (GOLAN_NOTE if golan else "")
    ax.legend(handles=handles, title=title, loc="upper center",
              bbox_to_anchor=(0.5, -0.1), ncol=3, fontsize=SMALL, title_fontsize=SMALL,
              frameon=False, alignment="left", columnspacing=1.2)
    return finish(ax, title=map_title, source=source)


def shared_border(a: str, b: str) -> gpd.GeoDataFrame:
    """The border two states share in ``countries.geojson``, one row per continuous stretch,
    longest first, with its length ``km`` measured along the WGS84 ellipsoid.

    The polygons are generalised (Natural Earth 1:50m), and a generalised line is shorter than
    the surveyed border: treat the lengths as estimates.

    >>> border = shared_border("AZ", "IR")
    >>> len(border), round(border["km"].sum())
    (2, 547)
    """
    shapes = _countries().set_index("iso_a2").geometry
    for code in (a, b):
        if code not in shapes.index:
            raise ValueError(f"unknown country code {code!r}; known: {', '.join(sorted(shapes.index))}")
    line = shapely.line_merge(shapes[a].boundary.intersection(shapes[b].boundary))
    parts = [p for p in getattr(line, "geoms", [line]) if p.geom_type == "LineString"]
    if not parts:
        raise ValueError(f"{a} and {b} share no border in countries.geojson")
    km = [_GEOD.geometry_length(p) / 1000 for p in parts]
    gdf = gpd.GeoDataFrame({"km": km}, geometry=parts, crs="EPSG:4326")
    return gdf.sort_values("km", ascending=False, kind="stable").reset_index(drop=True)


# --- neighbours and areas --------------------------------------------------------------------

EQUAL_AREA = "EPSG:6933"  # WGS 84 / NSIDC EASE-Grid 2.0 Global: a cylindrical equal-area CRS


def land_neighbours(code: str = "AZ", *, tolerance_km: float = 1.0) -> list[str]:
    """ISO codes of the states whose polygons touch ``code``'s (within ``tolerance_km``), in an
    equal-area projection so the tolerance is in metres, not degrees.

    >>> land_neighbours("AZ")
    ['AM', 'GE', 'IR', 'RU', 'TR']
    """
    countries = load_countries().to_crs(EQUAL_AREA).set_index("iso_a2")
    shape = countries.loc[code, "geometry"]
    near = countries.geometry.distance(shape) <= tolerance_km * 1000
    return sorted(c for c in countries.index[near] if c != code)


def areas_km2(code: str = "AZ", crs: str = EQUAL_AREA) -> pd.Series:
    """The area of each polygon of a state in km², largest first, measured in ``crs``.

    In an equal-area CRS the numbers are true areas of the (generalised) polygons; in a
    conformal one such as Web Mercator (EPSG:3857) they are inflated away from the equator.

    >>> a = areas_km2("AZ")
    >>> len(a), int(round(a.sum(), -2))
    (3, 86500)
    """
    shape = load_countries().set_index("iso_a2").loc[[code]].to_crs(crs).geometry.iloc[0]
    parts = sorted((p.area / 1e6 for p in getattr(shape, "geoms", [shape])), reverse=True)
    return pd.Series(parts, name=f"area_km2 ({crs})").rename_axis("polygon")
