"""Shared fixtures: the project's paths, the article's pages (or a clear skip)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from helpers import sources
from nbrun import ROOT, notebooks

NOTEBOOKS = notebooks()

#: Modules that build a deliverable (the decks, the figure files) without a browser: slow
#: like the browser's, and left out of ``make test-quick`` with them.
BUILDS = {"test_slides.py", "test_figure_export.py"}


def pytest_collection_modifyitems(config, items):
    """Mark ``slow`` every test that opens headless Chromium (it asks for the ``chromium``
    fixture, belongs to a ``site`` module, or is marked ``browser``) or builds a deliverable
    (:data:`BUILDS`): ``make test-quick`` runs the rest, ``make test`` all of them."""
    for item in items:
        if ("chromium" in getattr(item, "fixturenames", ()) or item.get_closest_marker("site")
                or item.get_closest_marker("browser") or item.path.name in BUILDS):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def article_pages():
    """The article's folded pages; skips where ../shared/source is not beside the project."""
    path = sources.article_path()
    if path is None:
        pytest.skip("the article's text (../shared/source) is not beside the project; "
                    "provenance checks need it")
    return sources.article_pages(path)


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of data/ that a test may break without touching the real one."""
    dest = tmp_path / "data"
    shutil.copytree(ROOT / "data", dest)
    return dest


def read_rows(path: Path) -> list[list[str]]:
    """The rows of a CSV file, header first, as the loader reads them."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_rows(path: Path, rows) -> None:
    """Write rows (header first) as the data files are written: UTF-8, LF line ends."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


@pytest.fixture(autouse=True)
def _close_figures():
    """Every test and doctest starts with no figure open and leaves none behind."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture
def edited_data(data_copy, monkeypatch):
    """A private copy of data/ that the loaders read instead of the real one, and a function
    that replaces one cell of one of its CSV files, in the row whose fields have the given
    values: ``edit("model/issues.csv", {"code": "iran"}, "name_en", "Iran (edited)")``."""
    from helpers import data

    monkeypatch.setattr(data, "DATA_DIR", data_copy)

    def edit(path: str, where: dict, field: str, value: str):
        file = data_copy / path
        header, *rows = read_rows(file)
        hits = [r for r in rows if all(r[header.index(k)] == v for k, v in where.items())]
        assert len(hits) == 1, f"{path}: no single row with {where}"
        assert field in header, f"{path}: no field {field!r}"
        hits[0][header.index(field)] = value
        write_rows(file, [header, *rows])

    return edit


@pytest.fixture(scope="module")
def chromium():
    """Headless Chromium for a module's browser tests (tools/browser.py), skipped where it is
    not installed. On closing, its net log must show nothing that left the machine, for the
    pages or on its own account (not even a DNS query)."""
    import browser

    if browser.find_chromium() is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with browser.Chromium() as b:
        yield b
    assert b.outside == [], f"Chromium's traffic outside loopback: {b.outside}"


@pytest.fixture(scope="module", params=[False, True], ids=["instructor", "student"])
def each_site(request):
    """The built site, once the instructor's (make book) and once the student's
    (make book-student), for tests that hold both to the same rule (tests/site_build.py)."""
    import site_build

    return site_build.built(student=request.param)
