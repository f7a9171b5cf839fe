"""Student versions (tools/build_student.py): solutions gone, everything else as stored, and
each one runs top to bottom in a fresh kernel with every check printing its reminder."""

from __future__ import annotations

import copy
import os

import nbformat
import pytest

import build_student
import nbrun
from conftest import NOTEBOOKS
from helpers.exercises import NOT_DONE


def ids(paths):
    return [p.stem for p in paths]


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    written = build_student.build(NOTEBOOKS, out)
    assert [p.name for p in written] == [p.name for p in NOTEBOOKS]
    return out


def test_student_version_of_a_small_notebook():
    cells = [nbformat.v4.new_markdown_cell("# T"),
             nbformat.v4.new_markdown_cell("### Exercise 1", metadata={"tags": ["exercise"]}),
             nbformat.v4.new_code_cell("answer = ...", execution_count=2,
                                       metadata={"tags": ["exercise"], "collapsed": False}),
             nbformat.v4.new_markdown_cell("Because.", metadata={"tags": ["solution"]}),
             nbformat.v4.new_code_cell("answer = 9", metadata={"tags": ["solution"]}),
             nbformat.v4.new_code_cell("check(answer)", metadata={"tags": ["check"]},
                                       execution_count=4,
                                       outputs=[nbformat.v4.new_output("stream", text="✅\n")]),
             nbformat.v4.new_code_cell("1 + 1", execution_count=5,
                                       outputs=[nbformat.v4.new_output("stream", text="2\n")])]
    nb = nbformat.v4.new_notebook(cells=cells)
    student = build_student.student_version(nb)
    assert [c.source for c in student.cells] == ["# T", "### Exercise 1", "answer = ...",
                                                 "check(answer)", "1 + 1"]
    assert student.cells[2].execution_count is None and student.cells[3].outputs == []
    assert student.cells[2].metadata == cells[2].metadata, "cell metadata is kept as stored"
    assert student.cells[4].outputs == cells[6].outputs and student.cells[4].execution_count == 5
    assert len(nb.cells) == 7, "the original is not changed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_no_solution_left_and_the_rest_unchanged(student_dir, path):
    original = nbformat.read(path, as_version=4)
    student = nbformat.read(student_dir / path.name, as_version=4)
    assert not any("solution" in c.metadata.get("tags", []) for c in student.cells)
    expected = []
    for cell in original.cells:
        tags = set(cell.metadata.get("tags", []))
        if "solution" in tags:
            continue
        cell = copy.deepcopy(cell)
        if cell.cell_type == "code" and tags & {"exercise", "check"}:
            cell.outputs, cell.execution_count = [], None
        expected.append(cell)
    assert student.cells == expected
    assert student.metadata == original.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_student_version_runs_and_every_check_reminds(student_dir, path):
    # nbclient raises CellExecutionError, naming the cell, if any cell fails. Figures are
    # built but not drawn: the student's figure cells are the full notebook's, which nbval
    # draws; here what matters is that every cell runs without the solutions.
    nb, _, _ = nbrun.run(student_dir / path.name, timeout=120, images=False)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"cell {i} fails without the solutions: {errors[0].ename}"
        if "check" in cell.metadata.get("tags", []):
            printed = "".join(o.get("text", "") for o in cell.outputs)
            assert NOT_DONE.split(":")[0] in printed, \
                f"cell {i}: the check does not print the 'Not answered yet' reminder: {printed!r}"


# --- Building again never destroys work (student/, the copies a student works in) ----------

def _answer_cell(nb):
    return next(c for c in nb.cells if c.cell_type == "code"
                and "exercise" in c.metadata.get("tags", []))


@pytest.fixture
def collection(tmp_path):
    """Two of the collection's notebooks copied into a folder of their own, so a test can
    change 'the collection' between two builds."""
    src = tmp_path / "notebooks"
    src.mkdir()
    for path in NOTEBOOKS[:2]:
        (src / path.name).write_bytes(path.read_bytes())
    return sorted(src.glob("*.ipynb"))


def test_rebuild_keeps_a_changed_copy_and_refreshes_an_untouched_one(collection, tmp_path,
                                                                    capsys):
    out = tmp_path / "student"
    build_student.main(["--out", str(out), *map(str, collection)])
    mine, other = out / collection[0].name, out / collection[1].name

    nb = nbformat.read(mine, as_version=4)
    _answer_cell(nb).source = "answer = 42  # my answer"
    nbformat.write(nb, mine)
    # the collection changes under both copies
    for path in collection:
        src = nbformat.read(path, as_version=4)
        src.cells.append(nbformat.v4.new_markdown_cell("A new closing note."))
        nbformat.write(src, path)

    capsys.readouterr()
    build_student.main(["--out", str(out), *map(str, collection)])
    said = capsys.readouterr().out

    kept = nbformat.read(mine, as_version=4)
    assert _answer_cell(kept).source == "answer = 42  # my answer", "the edit is lost"
    assert kept.cells[-1].source != "A new closing note."
    fresh = nbformat.read(build_student.fresh_path(mine), as_version=4)
    assert _answer_cell(fresh).source.strip().endswith("...")
    assert fresh.cells[-1].source == "A new closing note."
    assert f"kept {mine}" in said and mine.stem + ".fresh.ipynb" in said
    refreshed = nbformat.read(other, as_version=4)
    assert refreshed.cells[-1].source == "A new closing note.", "an untouched copy is stale"
    assert not build_student.fresh_path(other).exists()

    # started over: the fresh copy put in place of the changed one is refreshed again
    mine.write_bytes(build_student.fresh_path(mine).read_bytes())
    result = build_student.update(collection, out)
    assert mine in result.written and not result.kept


def test_a_fresh_copy_is_written_only_when_the_collection_changed(collection, tmp_path,
                                                                  capsys):
    out = tmp_path / "student"
    build_student.update(collection, out)
    mine = out / collection[0].name
    nb = nbformat.read(mine, as_version=4)
    _answer_cell(nb).source = "answer = 42  # my answer"
    nbformat.write(nb, mine)
    fresh = build_student.fresh_path(mine)

    # nothing changed upstream: the copy is kept and no fresh copy is written, twice
    for _ in range(2):
        capsys.readouterr()
        build_student.main(["--out", str(out), *map(str, collection)])
        said = capsys.readouterr().out
        assert not fresh.exists(), "a fresh copy with nothing new in it"
        assert f"kept {mine}" in said and "no new copy is written" in said

    # the collection changes: one fresh copy, then none again until the next change
    src = nbformat.read(collection[0], as_version=4)
    src.cells.append(nbformat.v4.new_markdown_cell("A new closing note."))
    nbformat.write(src, collection[0])
    result = build_student.update(collection, out)
    assert result.fresh == [fresh] and result.kept == [mine]
    assert nbformat.read(fresh, as_version=4).cells[-1].source == "A new closing note."
    fresh.write_text("my scribbles on the fresh copy", encoding="utf-8")
    result = build_student.update(collection, out)
    assert result.kept == [mine] and not result.fresh
    assert fresh.read_text(encoding="utf-8") == "my scribbles on the fresh copy"
    src.cells.append(nbformat.v4.new_markdown_cell("Another note."))
    nbformat.write(src, collection[0])
    assert build_student.update(collection, out).fresh == [fresh]
    assert nbformat.read(fresh, as_version=4).cells[-1].source == "Another note."
    assert _answer_cell(nbformat.read(mine, as_version=4)).source == "answer = 42  # my answer"


def test_running_a_copy_is_not_a_change(collection, tmp_path):
    out = tmp_path / "student"
    build_student.update(collection, out)
    copy_ = out / collection[0].name
    nb = nbformat.read(copy_, as_version=4)
    cell = _answer_cell(nb)
    cell.execution_count = 7
    cell.outputs = [nbformat.v4.new_output("stream", text="ran\n")]
    nbformat.write(nb, copy_)
    result = build_student.update(collection, out)
    assert copy_ in result.written and not result.kept
    assert _answer_cell(nbformat.read(copy_, as_version=4)).outputs == []


def test_a_copy_from_before_the_record_is_kept_if_it_differs(collection, tmp_path):
    out = tmp_path / "student"
    build_student.update(collection, out)
    (out / build_student.MANIFEST).unlink()
    mine = out / collection[0].name
    nb = nbformat.read(mine, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_markdown_cell("my notes"))
    nbformat.write(nb, mine)
    mine_bytes = mine.read_bytes()
    (out / collection[1].name).write_text("{ not a notebook", encoding="utf-8")
    result = build_student.update(collection, out)
    assert result.kept == [mine, out / collection[1].name]
    assert mine.read_bytes() == mine_bytes
    assert (out / collection[1].name).read_text(encoding="utf-8") == "{ not a notebook"


def test_fresh_writes_one_copy_beside_and_touches_nothing_else(collection, tmp_path):
    out = tmp_path / "student"
    build_student.update(collection, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    build_student.main(["--out", str(out), "--fresh", collection[1].name[:2],
                        *map(str, collection)])
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    fresh = collection[1].stem + ".fresh.ipynb"
    assert set(after) - set(before) == {fresh}
    assert all(after[name] == data for name, data in before.items())
    with pytest.raises(SystemExit, match="no notebook 99"):
        build_student.main(["--out", str(out), "--fresh", "99", *map(str, collection)])


def test_student_folder_is_ignored_and_survives_clean():
    root = nbrun.ROOT
    assert build_student.OUT == root / "student"
    ignored = (root / ".gitignore").read_text(encoding="utf-8").split()
    assert "/student/" in ignored or "student/" in ignored
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    clean = makefile.split("\nclean:")[1].split("\n\n")[0]
    assert "rm " in clean
    assert not any(word.strip("./") == "student" for word in clean.split()), clean
    assert "student-lab:" in makefile and "/lab/tree/student/00_introduction.ipynb" in makefile


def test_readme_working_alone_names_what_exists():
    text = (nbrun.ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Working alone\n")[1].split("\n## ")[0]
    rows = [line.split("|") for line in section.splitlines() if line.startswith("| ")]
    windows = [row[3] for row in rows[1:]]
    assert windows and all("Scripts\\" in cell and "/" not in cell for cell in windows), windows
    makefile = (nbrun.ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("student", "student-lab"):
        assert f"`make {target}`" in section and f"\n{target}:" in makefile
    assert "--fresh" in section and "--fresh" in (nbrun.ROOT / "tools" / "build_student.py"
                                                   ).read_text(encoding="utf-8")
    assert "collapsed" in section and ".fresh.ipynb" in section


def test_in_a_kernel_a_check_after_a_failed_exercise_cell_says_so(tmp_path):
    """The student's exercise cell raises before it assigns answer_1; the check cell then
    prints the reminder naming answer_1, not a NameError's traceback, and a placeholder left
    by a failed cell is explained."""
    from nbclient import NotebookClient

    from offline import kernel_env

    cells = ["import helpers\nfrom helpers.checks import nb00 as checks\nhelpers.setup()",
             "answer_1 = len(undefined_table)",        # raises NameError before assigning
             "checks.check_visit_count(answer_1)",
             "answer_2 = ...",
             "answer_2 = int('five')",                 # raises: answer_2 is still ...
             "checks.check_visit_count(answer_2)",
             "undefined_name",                         # any other NameError: its traceback
             "import helpers.data\nanswer_0 = len(helpers.data.load('visits'))",  # correct
             "checks.check_visit_count(answer_0)",
             "answer_0 = pd.Series([7])",             # NameError: pandas not imported
             "checks.check_visit_count(answer_0)",    # must not grade the old, correct value
             "answer_0 = 6",
             "1 / 0\nanswer_0 = 6",                   # stops before re-assigning a wrong 6
             "checks.check_visit_count(answer_0)"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    client = NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute(env=kernel_env(dict(os.environ)))

    def printed(i):
        return "".join(o.get("text", "") for o in nb.cells[i].outputs)

    def errors(i):
        return [o for o in nb.cells[i].outputs if o.output_type == "error"]

    assert errors(1) and errors(1)[0].ename == "NameError"  # the student's own error is shown
    assert printed(2).startswith("⏳ Not answered yet: answer_1 is not set")
    assert not any(e.get("traceback") for e in errors(2)), "no traceback for an unset answer"
    assert printed(5).startswith("⏳ Not answered yet") and "stopped with a ValueError" in printed(5)
    assert errors(6) and errors(6)[0].traceback and "Not answered" not in printed(6)
    assert printed(8).startswith("✅")
    for i in (10, 13):  # after a failed exercise cell its old answer is not graded
        assert printed(i).startswith("⏳ Not answered yet: answer_0 is not set"), printed(i)
        assert "stopped with a" in printed(i) and "✅" not in printed(i)
        assert "too low" not in printed(i) and not any(e.get("traceback") for e in errors(i))
    assert "NameError" in printed(10) and "ZeroDivisionError" in printed(13)
