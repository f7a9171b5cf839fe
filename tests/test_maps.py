"""Map data and map helpers: loaders typed and checked, distances, the locator map."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest
from pyproj import Geod

from helpers import data, maps
from helpers.errors import DataError


def test_countries_cover_the_region_with_nakhchivan():
    c = maps.load_countries().set_index("iso_a2")
    assert c.crs.to_epsg() == 4326
    assert {"AZ", "AM", "GE", "IR", "TR", "RU", "IL", "SY"} <= set(c.index)
    az = c.loc["AZ", "geometry"]
    assert az.geom_type == "MultiPolygon"
    nakhchivan = maps.load_places().set_index("name").loc["Nakhchivan", "geometry"]
    part = next(p for p in az.geoms if p.contains(nakhchivan))
    assert part.area < 0.2 * max(p.area for p in az.geoms), "Nakhchivan is its own part"


def test_places_and_alternative_names():
    p = maps.load_places()
    assert str(p["kind"].dtype) == "category"
    assert maps.geodesic_km("Khankendi", "Baku") == maps.geodesic_km("Stepanakert", "Baku")
    with pytest.raises(ValueError, match="unknown place 'Atlantis'"):
        maps.geodesic_km("Atlantis", "Baku")


def test_geodesic_distance_agrees_with_pyproj():
    p = maps.load_places().set_index("name")
    a, b = p.loc["Baku", "geometry"], p.loc["Tehran", "geometry"]
    expected = Geod(ellps="WGS84").inv(a.x, a.y, b.x, b.y)[2] / 1000
    assert maps.geodesic_km("Baku", "Tehran") == pytest.approx(expected, abs=0.5)
    table = maps.distance_table("Baku", ["Tehran", "Tabriz", "Yerevan"])
    assert list(table["km"]) == sorted(table["km"])


def test_btc_route_is_marked_schematic():
    btc = maps.load_btc_route()
    assert bool(btc.loc[0, "schematic"]) and "schematic" in btc.loc[0, "name"]


def test_map_labels_axes_and_legend():
    ax = maps.draw_map(extent="caucasus", highlight=("AZ", "AM"), show_btc=True, title="t",
                       source="Source: x.")
    assert "Longitude" in ax.get_xlabel() and "Latitude" in ax.get_ylabel()
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("Azerbaijan" in t for t in texts) and any("recognised" in t for t in
                                                         [ax.get_legend().get_title().get_text()] + texts)
    assert any("Nagorno-Karabakh" in t.get_text() for t in ax.texts)
    assert ax.get_title() == "t"
    plt.close(ax.figure)


def test_highlighted_states_take_their_registry_colours():
    from matplotlib.colors import to_hex

    from helpers.plots import actor

    ax = maps.draw_map(extent="caucasus", highlight=("AM", "AZ"), title="t", source="Source: x.")
    legend = {t.get_text(): to_hex(h.get_facecolor()).upper()
              for t, h in zip(ax.get_legend().get_texts(), ax.get_legend().legend_handles)
              if hasattr(h, "get_facecolor")}
    assert legend["Azerbaijan"] == actor("AZ").colour and legend["Armenia"] == actor("AM").colour


def test_a_place_outside_its_country_is_refused(data_copy, monkeypatch):
    path = data_copy / "geo" / "places.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[2].split(",")  # Ganja: swap lat and lon
    cells[4], cells[5] = cells[5], cells[4]
    lines[2] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(maps, "load", lambda name: data.load(name, root=data_copy))
    with pytest.raises(DataError, match=r"places.csv, row 2, field 'lat/lon'"):
        maps.load_places()


def test_shared_border_lengths_are_positive_and_symmetric():
    az_ir = maps.shared_border("AZ", "IR")
    assert (az_ir["km"] > 0).all() and list(az_ir["km"]) == sorted(az_ir["km"], reverse=True)
    assert maps.shared_border("IR", "AZ")["km"].sum() == pytest.approx(az_ir["km"].sum(), rel=1e-6)
    with pytest.raises(ValueError, match="share no border"):
        maps.shared_border("IL", "AZ")
    with pytest.raises(ValueError, match="unknown country code 'XX'"):
        maps.shared_border("XX", "AZ")
