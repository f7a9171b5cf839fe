"""Property-based tests of the loader (hypothesis): the real tables, mutated in a private copy
of data/ (a cell, a row deleted, repeated or moved, a header label, a column, the way a
spreadsheet writes the file), are either loaded or refused with one DataError that names the
file, the row with its line, and the field; and the real data/ does not change.

Where the mutation decides the verdict, the test says which: a repeated row is always
refused as a duplicate, moved rows and spreadsheet spellings always load, a cell set to its
own value always loads. Where it does not (a random value in a cell), the refusal must name
the row and field that were edited, or a field tied to it by a rule of the descriptor (a
range, a percentage, a key, a reference within the table).

The descriptor is mutated too (a value of one resource replaced, or removed): whatever it
becomes, the load gives a table or one DataError, never another exception.

Deterministic (derandomize, no example database, hypothesis's store in a temporary folder),
offline and quick: several hundred loads.
"""

from __future__ import annotations

import copy as copy_module
import hashlib
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from conftest import read_rows, write_rows
from helpers import data
from helpers.errors import DataError

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=120,
                    suppress_health_check=[HealthCheck.too_slow], print_blob=False)
TABLES = data.names()
ORIGINAL = {n: read_rows(data.DATA_DIR / data.resource(n)["path"]) for n in TABLES}
# A location, as every message about a data file gives it, and then what is wrong.
LOCATION = re.compile(
    r"(?P<file>data/[^,:]+\.csv)"
    r"(?:, row (?P<row>\d+) \(line (?P<line>\d+)\)(?:, (?P<fields>fields? .+?))?"
    r"|, header, (?:field (?P<label>.+?)|column \d+)"
    r"|, line (?P<only_line>\d+))?"
    r": (?P<what>.+)", re.S)


def _tree(root: Path) -> str:
    """A digest of every path, link and byte under root."""
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        h.update(str(p.relative_to(root)).encode())
        if p.is_symlink():
            h.update(b"->" + str(p.readlink()).encode())
        elif p.is_file():
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


@pytest.fixture(scope="module", autouse=True)
def _hypothesis_store_outside_the_repository(tmp_path_factory):
    """Hypothesis keeps, besides its example database (off here), a cache of the constants
    it reads in the modules under test, in .hypothesis/ of the working directory: here, a
    temporary folder instead."""
    set_hypothesis_home_dir(tmp_path_factory.mktemp("hypothesis"))
    yield
    set_hypothesis_home_dir(None)


@pytest.fixture(scope="module")
def copy_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("property") / "data"
    shutil.copytree(data.DATA_DIR, root)
    return root


@pytest.fixture
def unchanged(copy_root):
    """The real data/ (and the repository: no .hypothesis folder) and the copy are the same
    after the test as before; the copy is restored after each example by the test itself."""
    real, copied = _tree(data.DATA_DIR), _tree(copy_root)
    had_store = (data.ROOT / ".hypothesis").exists()
    yield copy_root
    assert _tree(data.DATA_DIR) == real, "the tests changed the real data/"
    assert _tree(copy_root) == copied, "an example was not undone in the copy"
    assert (data.ROOT / ".hypothesis").exists() == had_store, "hypothesis wrote a store"


# --- what a refusal must say --------------------------------------------------------------

def _refusal(name: str, root: Path) -> str | None:
    """None if the table loads; else the one DataError's message, checked for its form."""
    try:
        data.load(name, root=root)
    except DataError as e:
        message = str(e)
    else:
        return None
    path = f"data/{data.resource(name)['path']}"
    m = LOCATION.fullmatch(message)
    assert m and m["file"] == path, f"not 'file[, row N (line L)[, field]]: what': {message!r}"
    assert m["what"].strip(), message
    return message


def _named_fields(message: str) -> set[str]:
    m = LOCATION.fullmatch(message)
    return set(re.findall(r"'([^']*)'", m["fields"] or "")) if m else set()


def _related(name: str, field: str) -> set[str]:
    """The fields an error about an edit of ``field`` may name: the field itself, and the
    fields a rule of the descriptor ties to it."""
    schema = data.resource(name)["schema"]
    out = {field}
    for pair in schema.get("x-ranges", []):
        if field in pair:
            out |= set(pair)
    for rule in schema.get("x-percentages", []):
        tied = {rule["field"], *rule.get("where", {})}
        if field in tied:
            out |= tied
    key = schema.get("primaryKey", [])
    if field in key:
        out |= set(key)
    for fk in schema.get("foreignKeys", []):
        if not fk["reference"]["resource"] and field in fk["reference"]["fields"]:
            out |= set(fk["fields"])  # rows of the table that refer to the edited one
    return out


def _self_references(name: str) -> set[str]:
    return {f for fk in data.resource(name)["schema"].get("foreignKeys", [])
            if not fk["reference"]["resource"] for f in fk["fields"]}


def _lines(text: str) -> int:
    """How many line breaks a cell adds to its row (as the CSV reader counts them)."""
    return len(re.findall(r"\r\n|\r|\n", text))


# --- the mutations ------------------------------------------------------------------------

CHARS = ["a", "Z", "0", "7", "-", "/", ".", "_", " ", ",", '"', "א", "\n", "\x00", "\x1b", "é"]
SPELLINGS = ["", " ", "x", "nan", "inf", "1_000", "٦٢", "1e3", "-1", "0", "61", "69", "70", "100",
             "100.5", "145", "1917-12-31", "2009-05-01", "2009-5-1", "01/05/2009", "20090501",
             "2009-W18-5", "2009-05", "2009", "2027-01-01", "true", "TRUE", "yes", "1", "AZ",
             "IL", "QQ", "zz", "x" * 61, "a\nb", " padded", "padded ", "a\x00b", "percent"]


def _text():
    return st.lists(st.sampled_from(CHARS), max_size=12).map("".join)


@st.composite
def cell_edits(draw):
    """(table, row, column, value): row 1 is the first data row."""
    name = draw(st.sampled_from(TABLES))
    rows = ORIGINAL[name]
    i = draw(st.integers(1, len(rows) - 1))
    j = draw(st.integers(0, len(rows[0]) - 1))
    column = [r[j] for r in rows[1:]]
    other = [r[k] for r in rows[1:] for k in range(len(r))]
    value = draw(st.one_of(st.sampled_from(SPELLINGS), st.sampled_from(column),
                           st.sampled_from(other), _text()))
    return name, i, j, value


def _write(root: Path, name: str, rows) -> Path:
    path = root / data.resource(name)["path"]
    write_rows(path, rows)
    return path


def _restore(root: Path, name: str) -> None:
    rel = data.resource(name)["path"]
    (root / rel).write_bytes((data.DATA_DIR / rel).read_bytes())


def test_a_cell_edit_loads_or_is_refused_naming_its_row_and_field(unchanged):
    root = unchanged
    refused = []

    @SETTINGS
    @given(cell_edits())
    def check(edit):
        name, i, j, value = edit
        rows = copy_module.deepcopy(ORIGINAL[name])
        field, rows[i][j] = rows[0][j], value
        _write(root, name, rows)
        try:
            message = _refusal(name, root)
        finally:
            _restore(root, name)
        if value == ORIGINAL[name][i][j]:
            assert message is None, message
        if message is None:
            return
        refused.append(message)
        m = LOCATION.fullmatch(message)
        assert m["row"], f"an edit of row {i} should be refused with its row: {message}"
        r = int(m["row"])
        related = _related(name, field)
        elsewhere = bool(_self_references(name) & _named_fields(message))
        assert r == i or f"(also row {i})" in message or elsewhere, (edit, message)
        assert int(m["line"]) == r + 1 + (_lines(value) if r > i else 0), (edit, message)
        if m["fields"]:
            assert _named_fields(message) & related, (edit, message, related)

    check()
    assert len(refused) > 20, "the values drawn should break many rows"


@pytest.mark.parametrize("kind", ["delete", "repeat", "move"])
def test_a_row_deleted_repeated_or_moved(unchanged, kind):
    root = unchanged

    @SETTINGS
    @given(st.sampled_from(TABLES), st.data())
    def check(name, draw):
        rows = copy_module.deepcopy(ORIGINAL[name])
        n = len(rows) - 1
        i = draw.draw(st.integers(1, n), label="row")
        if kind == "delete":
            del rows[i]
        elif kind == "repeat":
            rows.append(list(rows[i]))
        else:
            k = draw.draw(st.integers(1, n), label="to")
            rows.insert(k, rows.pop(i))
        _write(root, name, rows)
        try:
            message = _refusal(name, root)
            frame = None if message else data.load(name, root=root)
        finally:
            _restore(root, name)
        if kind == "repeat":  # every table has a primary key
            assert message is not None, f"{name}: row {i} twice, and accepted"
            assert message.startswith(f"data/{data.resource(name)['path']}, row {n + 1} "
                                      f"(line {n + 2}), field") and f"(also row {i})" in message, \
                message
            assert "duplicate" in message, message
        elif kind == "move":
            assert message is None, message
            expected = data.load(name).iloc[[r - 1 for r in range(1, n + 1)]]
            assert sorted(map(tuple, frame.astype(str).values)) == \
                sorted(map(tuple, expected.astype(str).values))
        elif message is not None:  # deleted: the only table, or a row others point at
            assert (n == 1 and message.endswith("a header and no rows (every table holds at "
                                                "least one row)")) \
                or (_named_fields(message) & _self_references(name)
                    and "unknown code" in message), message
        else:
            assert len(frame) == n - 1

    check()


@pytest.mark.parametrize("kind", ["rename", "drop", "twice"])
def test_a_header_change_is_refused_naming_the_label(unchanged, kind):
    root = unchanged

    @SETTINGS
    @given(st.sampled_from(TABLES), st.data())
    def check(name, draw):
        rows = copy_module.deepcopy(ORIGINAL[name])
        j = draw.draw(st.integers(0, len(rows[0]) - 1), label="column")
        label = new = rows[0][j]
        if kind == "rename":
            new = draw.draw(_text().filter(lambda t: t and t != label and "'" not in t
                                           and t not in rows[0]), label="label")
            rows[0][j] = new
        elif kind == "drop":
            rows = [r[:j] + r[j + 1:] for r in rows]
        else:
            rows = [r + [r[j]] for r in rows]
        _write(root, name, rows)
        try:
            message = _refusal(name, root)
        finally:
            _restore(root, name)
        assert message is not None, f"{name}: header {kind} of {label!r} accepted"
        m = LOCATION.fullmatch(message)
        if kind == "rename" and re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", new):
            assert ", header, column" in message, message
            return
        assert m["label"], message
        expected = {"rename": new, "drop": label, "twice": label}[kind]
        assert m["label"] == repr(expected), (message, expected)

    check()


@pytest.mark.parametrize("variant", ["byte-order mark", "CRLF", "both", "every cell quoted"])
def test_what_a_spreadsheet_writes_loads_as_the_original(unchanged, variant):
    root = unchanged

    @settings(SETTINGS, max_examples=len(TABLES))
    @given(st.sampled_from(TABLES))
    def check(name):
        path = root / data.resource(name)["path"]
        raw = path.read_bytes()
        if variant == "every cell quoted":
            rows = ORIGINAL[name]
            raw = "".join(",".join('"' + c.replace('"', '""') + '"' for c in r) + "\n"
                          for r in rows).encode()
        if variant in ("CRLF", "both"):
            raw = raw.replace(b"\n", b"\r\n")
        if variant in ("byte-order mark", "both"):
            raw = b"\xef\xbb\xbf" + raw
        path.write_bytes(raw)
        try:
            frame = data.load(name, root=root)
        finally:
            _restore(root, name)
        pd.testing.assert_frame_equal(frame, data.load(name))

    check()


# --- the descriptor: whatever it becomes, a table or one DataError --------------------------

def _paths(node, prefix=()):
    """Every place in a JSON value: the key path of each dict value and list item."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield (*prefix, k)
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield (*prefix, i)
            yield from _paths(v, (*prefix, i))


PACKAGE = json.loads((data.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
RESOURCE_AT = {r["name"]: i for i, r in enumerate(PACKAGE["resources"])}
PLACES = [(name, p) for name in TABLES for p in _paths(PACKAGE["resources"][RESOURCE_AT[name]])]
JSON_VALUES = [None, True, False, 0, -1, 1.5, 10 ** 20, "", "x", "[A-Z", "string", "integer",
               "date", "datetime", "../x.csv", "/etc/passwd", [], [None], ["x"], {}, {"x": 1},
               {"name": "x"}, {"resource": "nope", "fields": "x"}]


def test_any_descriptor_gives_a_table_or_one_data_error(unchanged):
    root = unchanged
    descriptor = root / "datapackage.json"
    outcomes = {"loaded": 0, "refused": 0}

    @settings(SETTINGS, max_examples=150)
    @given(st.sampled_from(PLACES), st.one_of(st.none(), st.sampled_from(JSON_VALUES)))
    def check(place, value):
        name, path = place
        pkg = copy_module.deepcopy(PACKAGE)
        node = pkg["resources"][RESOURCE_AT[name]]
        for k in path[:-1]:
            node = node[k]
        if value is None:  # remove the entry
            del node[path[-1]]
        else:
            node[path[-1]] = copy_module.deepcopy(value)
        descriptor.write_text(json.dumps(pkg, ensure_ascii=False), encoding="utf-8")
        try:
            data.load(name, root=root)  # any exception but DataError fails the test
            outcomes["loaded"] += 1
        except DataError as e:
            message = str(e)
            assert message.startswith(("datapackage.json", "data/")), message
            outcomes["refused"] += 1
        finally:
            shutil.copyfile(data.DATA_DIR / "datapackage.json", descriptor)

    check()
    assert outcomes["loaded"] and outcomes["refused"] > 50, outcomes
