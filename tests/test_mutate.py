"""The mutation battery (tools/mutate.py) fits the tree: every mutation still finds its text
exactly once and makes a real change of its kind, its tests exist, and the copy it works in
imports itself and leaves the real tree alone. No test runs here (`make mutate` runs them)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

import mutate
from mutate import MUTATIONS, Mutation, MutationError

IDS = [m.name for m in MUTATIONS]


def test_the_battery_is_large_named_once_and_covers_every_kind():
    assert len(MUTATIONS) >= 30
    assert len(set(IDS)) == len(IDS), "two mutations share a name"
    assert {m.kind for m in MUTATIONS} == set(mutate.KINDS), "a kind with no mutation"
    assert all(m.why for m in MUTATIONS), "every mutation says what mistake it imitates"
    sentinels = [m for m in MUTATIONS if m.must_kill]
    # one the pytest process sees, one that only a notebook's kernel sees
    assert any(not any(t.endswith(".ipynb") for t in m.tests) for m in sentinels)
    assert any(all(t.endswith(".ipynb") for t in m.tests) for m in sentinels)


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("m", MUTATIONS, ids=IDS)
def test_every_mutation_applies_once_and_changes_one_thing(m):
    old = (mutate.ROOT / m.file).read_text(encoding="utf-8")
    new = mutate.mutate_text(m, old)
    assert new != old
    if m.file.endswith(".ipynb"):
        before, after = json.loads(old)["cells"], json.loads(new)["cells"]
        if m.delete_cell:
            assert len(after) == len(before) - 1
            assert m.delete_cell not in json.dumps(after, ensure_ascii=False)
        else:
            changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
            assert len(after) == len(before) and len(changed) == 1
            want = "markdown" if m.kind.startswith("prose-") else "code"
            assert before[changed[0]]["cell_type"] == want, f"{m.kind} in a {want} cell"
        if m.kind == "cell":
            deleted = next(c for c in before if m.delete_cell in mutate._source(c))
            tags = deleted["metadata"].get("tags", [])
            assert {"check", "solution"} & set(tags), "an exercise's check or solution cell"
    elif m.file.endswith(".py"):
        compile(new, m.file, "exec")  # a mutant that does not compile is killed by anything
    elif m.file.endswith(".csv"):
        a, b = _csv_rows(old), _csv_rows(new)
        assert len(a) == len(b) and [len(r) for r in a] == [len(r) for r in b]
        rows = [i for i, (ra, rb) in enumerate(zip(a, b)) if ra != rb]
        assert len(rows) == 1 and rows[0] > 0, "one row changes, not the header"


@pytest.mark.parametrize("m", MUTATIONS, ids=IDS)
def test_every_mutation_names_tests_that_exist(m):
    assert not mutate.missing_tests(m)
    args = mutate.selected_tests(m)
    assert args and all((mutate.ROOT / a).exists() for a in args)
    assert args == sorted(args, key=lambda a: a.endswith(".ipynb")), "notebooks run last"


def test_a_text_not_found_once_is_refused():
    base = dict(name="x", kind="helper", file="f.py", tests=("tests/test_sources.py",))
    with pytest.raises(MutationError, match="0 times"):
        mutate.mutate_text(Mutation(**base, find="b = 2", replace="b = 3"), "a = 1\n")
    with pytest.raises(MutationError, match="2 times"):
        mutate.mutate_text(Mutation(**base, find="a", replace="b"), "a = 1\na = 1\n")
    with pytest.raises(MutationError, match="only a notebook"):
        mutate.mutate_text(Mutation(**base, delete_cell="a"), "a = 1\n")
    nb = {"cells": [{"cell_type": "code", "source": ["x = 1\n", "y = 2"]}] * 2}
    nbm = Mutation(name="n", kind="cell", file="n.ipynb", tests=(), delete_cell="y = 2")
    with pytest.raises(MutationError, match="2 cells"):
        mutate.mutate_text(nbm, json.dumps(nb))


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    return mutate.make_copy(tmp_path_factory.mktemp("mutate"))


def test_the_copy_leaves_out_the_environment_and_keeps_shared_beside_it(copy):
    assert (copy / "helpers" / "__init__.py").is_file() and (copy / "data").is_dir()
    for name in (".venv", ".git", "build"):
        assert not (copy / name).exists()
    assert not list(copy.rglob("__pycache__"))
    if mutate.SHARED.is_dir():
        assert (copy.parent / "shared").resolve() == mutate.SHARED.resolve()


def test_the_copy_imports_its_own_helpers(copy):
    """As the kernels do: from the notebooks folder, with the copy's environment (the venv's
    editable install points at the original)."""
    out = subprocess.run([sys.executable, "-c", "import helpers; print(helpers.__file__)"],
                         cwd=copy / "notebooks", env=mutate.environment(copy),
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out.startswith(str(copy)), out


def test_mutating_copies_leaves_the_real_tree_unchanged(tmp_path):
    before = mutate.manifest()
    project = mutate.make_copy(tmp_path)
    assert mutate.manifest(project) == before, "the copy is the tree as it is"
    for m in MUTATIONS:
        original = (project / m.file).read_bytes()
        mutate.apply(m, project)
        assert (project / m.file).read_bytes() != original
        (project / m.file).write_bytes(original)
    assert mutate.manifest() == before


def test_verdicts_and_the_ratio():
    assert mutate.classify(0) == "survived"
    assert mutate.classify(1) == mutate.classify(2) == "killed"  # a failure; a collection error
    assert mutate.classify(None) == "timeout"
    assert mutate.classify(4) == mutate.classify(5) == "error"  # usage error; no tests ran
    out = ("....F\n=== short test summary info ===\n"
           "FAILED notebooks/00_introduction.ipynb::Cell 25 - AssertionError: x\n"
           "FAILED tests/test_b.py::test_c\n")
    assert mutate.first_failure(out) == "notebooks/00_introduction.ipynb::Cell 25"
    assert mutate.first_failure("3 passed in 1.0s") == ""
    m = MUTATIONS[0]
    results = [mutate.Result(m, s) for s in ("killed", "timeout", "survived", "error")]
    assert mutate.summary(results) == (2, 3, 2 / 3)
    assert "Kill ratio: 2/3 = 66.7%" in mutate.table(results)


def test_selection_by_name_and_pattern():
    assert [m.name for m in mutate.select(["bp-oil-2007-transposed"])] == ["bp-oil-2007-transposed"]
    assert all(m.kind == "tolerance" for m in mutate.select(["tol-*"]))
    assert len(mutate.select(["tol-*,prose-*"])) == sum(
        m.kind == "tolerance" or m.kind.startswith("prose-") for m in MUTATIONS)
    with pytest.raises(MutationError, match="no mutation named"):
        mutate.select(["no-such-mutation"])


def test_list_shows_every_mutation(capsys):
    assert mutate.main(["--list"]) == 0
    out = capsys.readouterr().out
    assert all(f"{name}  [" in out for name in IDS)
