"""Shared fixtures: the project's paths, the article's pages (or a clear skip)."""

from __future__ import annotations

import shutil

import pytest

from helpers import sources
from nbrun import ROOT, notebooks

NOTEBOOKS = notebooks()


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
    import csv

    from helpers import data

    monkeypatch.setattr(data, "DATA_DIR", data_copy)

    def edit(path: str, where: dict, field: str, value: str):
        file = data_copy / path
        with file.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        hits = [r for r in rows if all(r[k] == v for k, v in where.items())]
        assert len(hits) == 1, f"{path}: no single row with {where}"
        assert field in hits[0], f"{path}: no field {field!r}"
        hits[0][field] = value
        with file.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    return edit
