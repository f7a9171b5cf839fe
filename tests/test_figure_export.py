"""`make figures` (tools/figures.py): every figure the notebooks draw, re-drawn and written as
SVG and as PNG at 200 dpi or more, named for what it shows, and listed in an index page that
loads nothing from the network."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET

import pytest

import figures
import figures_run
import offline
from nbrun import notebooks

NOTEBOOKS = notebooks()
NAME = re.compile(r"[0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("figures")
    done = figures.export(NOTEBOOKS, out)
    return done, figures.write_index(done, out)


def png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", head[16:24])


def svg_width_in(path) -> float:
    root = ET.parse(path).getroot()  # parses, or fails here
    assert root.tag.endswith("svg")
    width = root.get("width")
    assert width.endswith("pt"), width
    return float(width[:-2]) / 72


def test_every_figure_is_exported_and_listed(exported):
    done, index = exported
    drawn = [(p.stem, d.cell) for p in NOTEBOOKS for d in figures_run.run(p)[0]]
    assert len(done) == len(drawn) > 0
    assert [x.notebook for x in done] == [nb for nb, _ in drawn]
    page = index.read_text(encoding="utf-8")
    for x in done:
        assert f'id="{x.slug}"' in page and f'href="{x.svg.name}"' in page
        assert f'src="{x.png.name}"' in page and x.svg.exists() and x.png.exists()
        assert x.alt and x.source.startswith("Source") and x.source in page.replace("&#x27;", "'")


def test_names_say_what_the_figure_shows(exported):
    done, _ = exported
    slugs = [x.slug for x in done]
    assert len(set(slugs)) == len(slugs), "two figures share a name"
    for x in done:
        assert NAME.fullmatch(x.slug) and x.slug[:2] == x.notebook[:2], x.slug
        assert "cell" not in x.slug and not re.fullmatch(r"[0-9]{2}-[0-9-]+", x.slug), x.slug
    assert "03-btc-pipeline-map" in slugs


def test_png_at_200_dpi_or_more_and_svg_that_parses(exported):
    done, _ = exported
    for x in done:
        width_px, _ = png_size(x.png)
        inches = svg_width_in(x.svg)  # the same tight box as the PNG
        assert inches == pytest.approx(x.width_in, rel=0.02)
        assert width_px / inches >= 200, f"{x.png.name}: {width_px / inches:.0f} dpi"


def test_the_index_is_offline(exported):
    _, index = exported
    page = index.read_text(encoding="utf-8")
    assert offline.html_assets(page) == []
    for ref in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert (index.parent / ref).exists(), ref


def test_a_figure_without_a_row_is_refused():
    d = figures_run.Drawn("03_israeli_interests.ipynb", "c", "draw_x", (), {}, ["No such title"])
    with pytest.raises(SystemExit, match="no row in data/model/figure_text.csv"):
        figures.row_for(d, figures.figure_rows())
