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
