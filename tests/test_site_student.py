"""Safe to give to a class: the student's site (make book-student) shows no solution and its
download button serves the student notebook; the instructor's site (make book) keeps the
solutions, collapsed, and serves the notebook as stored. Both builds are read as files.
The footer and CITATION.cff name the project, not a placeholder."""

from __future__ import annotations

import re
from html import unescape

import nbformat
import pytest

import build_student
import site_build
from conftest import NOTEBOOKS, ROOT

pytestmark = pytest.mark.site
IDS = [p.stem for p in NOTEBOOKS]
PROJECT = "Israel–Azerbaijan teaching collection"
PLACEHOLDERS = re.compile(r"the (collection's )?authors|placeholder|your name|TODO|example",
                          re.I)


def page_text(site, stem):
    html = (site / "notebooks" / f"{stem}.html").read_text(encoding="utf-8")
    return html, unescape(re.sub(r"<[^>]+>", "", html))


def solution_lines(path):
    """Lines of a notebook's solutions that stand nowhere else in it (so finding one on a
    page means a solution is there)."""
    cells = nbformat.read(path, as_version=4).cells
    other = "\n".join(c.source for c in cells if "solution" not in c.metadata.get("tags", []))
    found = []
    for c in cells:
        if "solution" in c.metadata.get("tags", []):
            for line in c.source.splitlines():
                line = line.strip().lstrip("#>*- ").strip()
                if len(line) > 30 and line not in other and not re.search(r"[*_`\[\]<>]", line):
                    found.append(line)
    return found


@pytest.fixture(scope="module")
def instructor():
    return site_build.built()


@pytest.fixture(scope="module")
def student():
    return site_build.built(student=True)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_the_student_site_shows_no_solution(student, instructor, path):
    lines = solution_lines(path)
    html, text = page_text(student, path.stem)
    assert "tag_solution" not in html and 'class="solution"' not in html
    assert "Show solution" not in text
    assert [line for line in lines if line in text] == [], "solutions on the student's page"
    _, full = page_text(instructor, path.stem)
    assert lines == [] or any(line in full for line in lines), \
        "the instructor's page has the solutions (so the check above can see them)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_the_download_button_serves_the_student_or_the_stored_notebook(student, instructor, path):
    for site in (student, instructor):
        html, _ = page_text(site, path.stem)
        assert f'href="../_sources/notebooks/{path.name}"' in html, "the download button"
    served = nbformat.read(student / "_sources" / "notebooks" / path.name, as_version=4)
    expected = build_student.student_version(nbformat.read(path, as_version=4))
    assert [(c.cell_type, c.source) for c in served.cells] == \
        [(c.cell_type, c.source) for c in expected.cells]
    assert not any("solution" in c.metadata.get("tags", []) for c in served.cells)
    assert (instructor / "_sources" / "notebooks" / path.name).read_bytes() == path.read_bytes()


def test_the_student_site_says_it_is_the_student_edition(student, instructor):
    assert "(student edition)" in (student / "index.html").read_text(encoding="utf-8")
    assert "(student edition)" not in (instructor / "index.html").read_text(encoding="utf-8")


def test_the_footer_and_the_citation_name_the_project(instructor, student):
    for site in (instructor, student):
        footer = re.search(r'<p class="copyright">(.*?)</p>',
                           (site / "index.html").read_text(encoding="utf-8"), re.S)[1]
        footer = unescape(" ".join(footer.split()))
        assert PROJECT in footer and "Lindenstrauss" in footer, footer
        assert not PLACEHOLDERS.search(footer), footer
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    authors = re.search(r"^authors:\n((?:  .*\n)+)", cff, re.M)[1]
    assert f'name: "{PROJECT}"' in authors
    assert not PLACEHOLDERS.search(authors), authors
