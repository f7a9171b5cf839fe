"""Accessibility of the student's site (make book-student) in headless Chromium: axe-core
finds no violation on any page at 390 px, where students read it, and no page scrolls
sideways there. Its pages are the instructor's without the solutions, which
tests/test_site_a11y.py checks at both widths; this module runs beside that one.
"""

from __future__ import annotations

import pytest

import site_build

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def student_server():
    site = site_build.built(student=True)
    assert {p.relative_to(site).as_posix() for p in site_build.pages(site)} == \
        set(site_build.PAGES), "the pages checked here are all the pages of the site"
    with site_build.serve(site) as url:
        yield url


@pytest.mark.parametrize("name", site_build.PAGES)
def test_axe_finds_no_violation_on_a_phone_and_nothing_scrolls_sideways(chromium,
                                                                       student_server, name):
    page = site_build.open_at(chromium, student_server + name, "phone")
    try:
        assert site_build.axe_violations(page) == [], f"{name} at 390 px"
        assert site_build.scrolls_sideways(page, "phone") is None, name
        assert page.errors == [] and page.failures == []
    finally:
        page.close()
