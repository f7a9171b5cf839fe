"""Loading the data: every table typed and valid, and every kind of bad input refused with one
clear error that names the file, the row and the field."""

from __future__ import annotations

import csv
import io
import json
import re

import pandas as pd
import pytest

from helpers import data
from helpers.errors import DataError


def _fields(res):
    return {f["name"]: f for f in res["schema"]["fields"]}


def _pick(predicate):
    for name in data.names():
        res = data.resource(name)
        if predicate(res):
            return res
    pytest.fail("no table in the package fits this test")


def _page_table():
    return _pick(lambda r: {"page", "date"} <= set(_fields(r)) and r["schema"].get("foreignKeys"))


def _rows(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write(path, rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _set_cell(root, res, row, field, value):
    path = root / res["path"]
    rows = _rows(path)
    rows[row][rows[0].index(field)] = value
    _write(path, rows)


def _snapshot(root):
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", data.names())
def test_every_table_loads_typed(name):
    df = data.load(name)
    assert len(df) > 0
    for f in data.resource(name)["schema"]["fields"]:
        col = df[f["name"]]
        if f["type"] == "date":
            assert pd.api.types.is_datetime64_any_dtype(col), f["name"]
        elif f["type"] == "integer":
            assert str(col.dtype) == "Int64", f["name"]
        elif f["type"] == "number":
            assert pd.api.types.is_float_dtype(col), f["name"]
        elif "enum" in f.get("constraints", {}):
            assert isinstance(col.dtype, pd.CategoricalDtype), f["name"]


def test_load_returns_a_copy():
    name = data.names()[0]
    df = data.load(name)
    df.iloc[0, 0] = None
    assert data.load(name).iloc[0, 0] is not None


def test_describe_lists_every_field_with_a_description():
    for name in data.names():
        d = data.describe(name)
        assert list(d.index) == [f["name"] for f in data.resource(name)["schema"]["fields"]]
        assert (d["description"].str.len() > 0).all(), name


def test_article_rows_cite_pages_inside_the_article():
    for name in data.names():
        df = data.load(name)
        if "page" in df:
            assert df["page"].dropna().between(61, 69).all(), name
        if "note" in df:
            assert df["note"].dropna().between(1, 44).all(), name


# --- bad input: one error naming file, row and field -------------------------------------

BAD = {
    # kind: (mutation, expected message pattern); {file} is the table's path under data/
    "page outside the article": (lambda r, res: _set_cell(r, res, 2, "page", "70"),
                                 r"{file}, row 2 \(line 3\), field 'page': expected a value from 61 to 69, got '70'"),
    "page not a number": (lambda r, res: _set_cell(r, res, 1, "page", "sixty"),
                          r"{file}, row 1 \(line 2\), field 'page': expected an integer, got 'sixty'"),
    "date malformed": (lambda r, res: _set_cell(r, res, 3, "date", "2009-13-01"),
                       r"{file}, row 3 \(line 4\), field 'date': expected a date as YYYY-MM-DD"),
    "date out of range": (lambda r, res: _set_cell(r, res, 1, "date", "1066-10-14"),
                          r"{file}, row 1 \(line 2\), field 'date': expected a value from"),
    "required field empty": (lambda r, res: _set_cell(r, res, 2, "page", ""),
                             r"{file}, row 2 \(line 3\), field 'page': required, but empty"),
    "unknown actor code": (lambda r, res: _set_cell(
        r, res, 1, res["schema"]["foreignKeys"][0]["fields"][0], "XX"),
        r"{file}, row 1 \(line 2\), field '\w+': unknown code 'XX'"),
    "duplicate id": (lambda r, res: _set_cell(r, res, 2, "id", _rows(r / res["path"])[1][0]),
                     r"{file}, row 2 \(line 3\), field 'id': duplicate '.+' \(also row 1\)"),
    "ragged row": (lambda r, res: (r / res["path"]).write_text(
        (r / res["path"]).read_text(encoding="utf-8") + "a,b\n", encoding="utf-8"),
        r"{file}, row \d+ \(line \d+\): expected \d+ fields, found 2"),
    "unterminated quote": (lambda r, res: (r / res["path"]).write_text(
        (r / res["path"]).read_text(encoding="utf-8") + '"open,quote\n', encoding="utf-8"),
        r"{file}: broken CSV"),
    "not UTF-8": (lambda r, res: (r / res["path"]).write_bytes(
        (r / res["path"]).read_bytes() + "שלום\n".encode("cp1255")),
        r"{file}: not UTF-8 text"),
    "empty file": (lambda r, res: (r / res["path"]).write_text("", encoding="utf-8"),
                   r"{file}: empty file, expected a header row"),
    "missing file": (lambda r, res: (r / res["path"]).unlink(), r"{file}: file not found"),
    "column missing": (lambda r, res: _write(r / res["path"], [row[1:] for row in _rows(r / res["path"])]),
                       r"{file}, header, field 'id': required column is missing"),
    "column not described": (lambda r, res: _write(r / res["path"], [
        row + ["x"] for row in _rows(r / res["path"])]),
        r"{file}, header, field 'x': not described in datapackage.json"),
}


@pytest.mark.parametrize("kind", list(BAD))
def test_bad_input_gives_one_clear_error(kind, data_copy):
    res = _page_table()
    mutate, pattern = BAD[kind]
    mutate(data_copy, res)
    before = _snapshot(data_copy)
    with pytest.raises(DataError) as err:
        data.load(res["name"], root=data_copy)
    message = str(err.value)
    assert re.search(pattern.format(file=re.escape("data/" + res["path"])), message), message
    assert "\n" not in message
    assert _snapshot(data_copy) == before, "a failed load changed files"
    assert not [k for k in data._CACHE if k[:2] == (str(data_copy), res["name"])], \
        "a failed load left the table in the cache"


def test_enum_violation_names_the_allowed_values(data_copy):
    res = _pick(lambda r: any("enum" in f.get("constraints", {}) for f in r["schema"]["fields"]))
    field = next(f for f in res["schema"]["fields"] if "enum" in f.get("constraints", {}))
    _set_cell(data_copy, res, 1, field["name"], "no-such-value")
    with pytest.raises(DataError, match=rf"row 1 \(line 2\), field '{field['name']}': expected one of "):
        data.load(res["name"], root=data_copy)


def test_broken_descriptor_and_unknown_table(data_copy):
    with pytest.raises(DataError, match="no resource named 'nope'; known: "):
        data.load("nope")
    (data_copy / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    with pytest.raises(DataError, match=r"datapackage.json, line 1: not valid JSON"):
        data.load("actors", root=data_copy)


def test_a_corrected_file_loads_again(data_copy):
    res = _page_table()
    path = data_copy / res["path"]
    good = path.read_bytes()
    _set_cell(data_copy, res, 1, "page", "99")
    with pytest.raises(DataError):
        data.load(res["name"], root=data_copy)
    path.write_bytes(good)
    assert len(data.load(res["name"], root=data_copy)) == len(data.load(res["name"]))


def test_datapackage_is_json_with_every_resource_named_once():
    pkg = json.loads((data.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in pkg["resources"]]
    assert len(names) == len(set(names))


def test_load_all_returns_every_table():
    tables = data.load_all()
    assert list(tables) == data.names()
    assert all(isinstance(df, pd.DataFrame) and len(df) for df in tables.values())


@pytest.mark.parametrize("bad", ["nan", "inf", "1_000", "12abc"])
def test_a_number_field_refuses_nan_inf_and_odd_spellings(data_copy, bad):
    res = _pick(lambda r: any(f["type"] == "number" for f in r["schema"]["fields"]))
    field = next(f["name"] for f in res["schema"]["fields"] if f["type"] == "number")
    _set_cell(data_copy, res, 1, field, bad)
    with pytest.raises(DataError, match=rf"row 1 \(line 2\), field '{field}': expected a number, got '{bad}'"):
        data.load(res["name"], root=data_copy)


def test_editing_a_referenced_table_triggers_a_fresh_check(data_copy):
    """visits refers to actors: removing an actor that visits uses must fail the next load of
    visits, although visits.csv itself did not change."""
    data.load("visits", root=data_copy)
    path = data_copy / "article" / "actors.csv"
    rows = _rows(path)
    _write(path, [r for r in rows if r[0] != "AZ"])
    with pytest.raises(DataError, match=r"unknown code 'AZ'"):
        data.load("visits", root=data_copy)
