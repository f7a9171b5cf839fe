"""What every notebook must hold, read from the stored .ipynb files (nbval runs them)."""

from __future__ import annotations

import re

import nbformat
import pytest

import toc
from conftest import NOTEBOOKS, ROOT

LESSONS = [p for p in NOTEBOOKS if not p.name.startswith("00")]


def cells(path):
    return nbformat.read(path, as_version=4).cells


def ids(paths):
    return [p.name for p in paths]


def test_the_collection_has_its_notebooks():
    names = [p.name[:2] for p in NOTEBOOKS]
    assert names[:1] == ["00"], "00_introduction.ipynb opens the collection"
    assert names == sorted(set(names)), "numbers are unique and in order"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_opens_with_objectives_prerequisites_and_time(path):
    assert cells(path)[0].cell_type == "markdown"
    opening = "\n".join(toc.opening(path))
    for needed in ("## Learning objectives", "**Prerequisites:**", "**Estimated time:**"):
        assert needed in opening, f"the opening cells lack {needed}"
    toc.header(path)  # raises if title, time or objectives cannot be read


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_each_markdown_cell_holds_at_most_one_heading_and_starts_with_it(path):
    """One heading per cell, at its top: a section opens its own cell (and slide)."""
    for i, c in enumerate(cells(path)):
        if c.cell_type != "markdown":
            continue
        lines, fence = [], False
        for line in c.source.split("\n"):
            fence = fence != line.startswith("```")
            if not fence and re.match(r"^#{1,6} ", line):
                lines.append(line)
        assert len(lines) <= 1, f"cell {i} holds {len(lines)} headings: {lines}"
        if lines:
            assert c.source.startswith(lines[0]), f"cell {i}: text before its heading"


MAX_WORDS = 250


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_no_markdown_cell_runs_long(path):
    """A block of prose longer than this is broken by a table, a figure or a prompt."""
    for i, c in enumerate(cells(path)):
        if c.cell_type == "markdown":
            words = len(c.source.split())
            assert words <= MAX_WORDS, f"cell {i} has {words} words (at most {MAX_WORDS})"


FIRST_CELL = re.compile(
    r"import helpers\n(import [\w.]+( as \w+)?\n|from [\w.]+ import [\w, ]+\n)*"
    r"from helpers\.checks import nb(\d\d) as checks\n"
    r"from helpers\.figures import nb\3 as figures\n"
    r"(from [\w.]+ import [\w, ]+\n)*\nhelpers\.setup\(\)$")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_one_form_of_first_code_cell_and_of_check_call(path):
    """Every notebook starts alike (imports, its checks and figures modules, setup), and every
    check cell calls ``checks.check_...`` of its own notebook."""
    code = [c for c in cells(path) if c.cell_type == "code"]
    m = FIRST_CELL.match(code[0].source)
    assert m, f"first code cell differs from the common form:\n{code[0].source}"
    assert m[3] == path.name[:2], "the first cell imports another notebook's checks"
    for c in code:
        if "check" in c.metadata.get("tags", []):
            for line in c.source.strip().splitlines():
                assert re.fullmatch(r"checks\.check_\w+\(\w+\)", line), \
                    f"a check cell calls its check as checks.check_x(answer): {line!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_first_code_cell_sets_up_and_no_path_hacks(path):
    code = [c for c in cells(path) if c.cell_type == "code"]
    assert "helpers.setup()" in code[0].source
    for c in code:
        assert "sys.path" not in c.source, "import helpers as an installed package"
        assert not re.search(r"read_csv|read_file|open\(", c.source), \
            "notebooks load data through helpers, not from files"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_stored_outputs_are_clean(path):
    for i, c in enumerate(cells(path)):
        if c.cell_type != "code" or not c.source.strip():
            continue
        assert c.execution_count is not None, f"cell {i} never executed"
        for out in c.get("outputs", []):
            assert out.output_type != "error", f"cell {i} stores an error"
            assert out.get("name") != "stderr", f"cell {i} stores a warning or stderr"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_every_figure_has_a_source_caption(path):
    for i, c in enumerate(cells(path)):
        if c.cell_type == "code" and any("image/png" in o.get("data", {}) for o in c.get("outputs", [])):
            assert re.search(r"add_source\(|caption\(|sources_caption\(|\bsource=", c.source), \
                f"cell {i} draws a figure without a source caption"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_page_references_stay_inside_the_article(path):
    for i, c in enumerate(cells(path)):
        if c.cell_type != "markdown":
            continue
        for m in re.finditer(r"\bpp?\. ?(\d+)(?:[–-](\d+))?", c.source):
            for page in filter(None, m.groups()):
                assert 61 <= int(page) <= 69, f"cell {i}: page {page} is outside pp. 61–69"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_closes_with_key_points(path):
    text = "\n".join(c.source for c in cells(path) if c.cell_type == "markdown")
    assert "## Key points" in text


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_lesson_has_exercises_with_solutions_checks_and_questions(path):
    cs = cells(path)
    text = "\n".join(c.source for c in cs if c.cell_type == "markdown")
    assert "## Discussion questions" in text
    starts = [i for i, c in enumerate(cs) if "exercise" in c.metadata.get("tags", [])
              and c.cell_type == "markdown" and c.source.lstrip().startswith("### Exercise")]
    assert len(starts) >= 3, "at least three exercises"
    for n, i in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(cs)
        block = cs[i:end]
        assert any("solution" in c.metadata.get("tags", []) for c in block), \
            f"exercise at cell {i} has no cell tagged 'solution'"
    checks = [c for c in cs if "check" in c.metadata.get("tags", [])]
    assert checks and all("check" in c.source for c in checks), "a coded exercise with a check"
    for c in checks:
        printed = "".join(o.get("text", "") for o in c.get("outputs", []))
        assert "✅" in printed, "the stored solution passes its own check"


def test_readme_table_matches_the_notebooks():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert toc.updated(text) == text, "README's table of notebooks is out of date: run `make toc`"
