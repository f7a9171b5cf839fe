"""Loading the data: every table typed and valid, and every kind of bad input refused with one
clear error that names the file, the row and the field."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from conftest import read_rows, write_rows
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




def _set_cell(root, res, row, field, value):
    path = root / res["path"]
    rows = read_rows(path)
    rows[row][rows[0].index(field)] = value
    write_rows(path, rows)


def _edit_descriptor(root, name, change):
    """Apply ``change(resource_descriptor)`` to one resource of the copy's datapackage.json."""
    path = root / "datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    change(next(r for r in pkg["resources"] if r["name"] == name))
    path.write_text(json.dumps(pkg, ensure_ascii=False, indent=2), encoding="utf-8")


def _set_constraints(root, name, field, **constraints):
    """Replace the constraints of one field (None removes a key) in the copy's descriptor."""
    def change(res):
        c = next(f for f in res["schema"]["fields"] if f["name"] == field)["constraints"]
        c.update(constraints)
        for k, v in constraints.items():
            if v is None:
                del c[k]
    _edit_descriptor(root, name, change)


def _constraint(key):
    """(resource, field) of the first field in the package with this constraint."""
    for name in data.names():
        for f in data.resource(name)["schema"]["fields"]:
            if key in f.get("constraints", {}):
                return data.resource(name), f
    pytest.fail(f"no field in the package has the constraint {key}")


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
    "duplicate id": (lambda r, res: _set_cell(r, res, 2, "id", read_rows(r / res["path"])[1][0]),
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
    "column missing": (lambda r, res: write_rows(r / res["path"], [row[1:] for row in read_rows(r / res["path"])]),
                       r"{file}, header, field 'id': required column is missing"),
    "column not described": (lambda r, res: write_rows(r / res["path"], [
        row + ["x"] for row in read_rows(r / res["path"])]),
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
    rows = read_rows(path)
    write_rows(path, [r for r in rows if r[0] != "AZ"])
    with pytest.raises(DataError, match=r"unknown code 'AZ'"):
        data.load("visits", root=data_copy)


# --- every constraint of the descriptor is enforced -----------------------------------------

def test_every_constraint_in_the_descriptor_is_one_the_loader_checks():
    for name in data.names():
        for f in data.resource(name)["schema"]["fields"]:
            unknown = set(f.get("constraints", {})) - data.CONSTRAINTS[f["type"]]
            assert not unknown, f"{name}.{f['name']}: {unknown}"


def test_max_length_counts_characters_and_refuses_one_more(data_copy):
    res, field = _constraint("maxLength")
    n = field["constraints"]["maxLength"]
    _set_cell(data_copy, res, 1, field["name"], "א" * n)  # Hebrew letters: one character each
    assert data.load(res["name"], root=data_copy)[field["name"]][0] == "א" * n
    _set_cell(data_copy, res, 1, field["name"], "x" * (n + 1))
    with pytest.raises(DataError, match=rf"{re.escape(res['path'])}, row 1 \(line 2\), field "
                       rf"'{field['name']}': expected at most {n} characters, "
                       rf"got {n + 1} characters"):
        data.load(res["name"], root=data_copy)


def test_min_length_refuses_a_shorter_string(data_copy):
    res = data.resource("actors")
    name = res["schema"]["fields"][1]["name"]
    _set_constraints(data_copy, "actors", name, minLength=3, maxLength=40)
    _set_cell(data_copy, res, 2, name, "ab")
    with pytest.raises(DataError, match=rf"row 2 \(line 3\), field '{name}': expected 3 to 40 "
                       r"characters, got 2 characters: 'ab'"):
        data.load("actors", root=data_copy)


def test_a_duplicated_composite_key_names_every_field_of_the_key(data_copy):
    res = _pick(lambda r: len(r["schema"].get("primaryKey", [])) > 1)
    key = res["schema"]["primaryKey"]
    path = data_copy / res["path"]
    rows = read_rows(path)
    write_rows(path, rows + [rows[3]])
    values = tuple(rows[3][rows[0].index(k)] for k in key)
    with pytest.raises(DataError) as err:
        data.load(res["name"], root=data_copy)
    assert str(err.value) == (f"data/{res['path']}, row {len(rows)} (line {len(rows) + 1}), "
                              f"fields {tuple(key)}: duplicate key {values} (also row 3)")


def test_a_composite_key_may_repeat_one_of_its_fields(data_copy):
    res = _pick(lambda r: len(r["schema"].get("primaryKey", [])) > 1)
    path = data_copy / res["path"]
    rows = read_rows(path)
    at = [rows[0].index(k) for k in res["schema"]["primaryKey"]]
    keys = {tuple(r[j] for j in at) for r in rows[1:]}
    first = rows[1][at[0]]
    # a row whose first key field differs, and still has a unique key once that field is copied
    other = next(r for r in rows[2:] if r[at[0]] != first
                 and (first, *(r[j] for j in at[1:])) not in keys)
    other[at[0]] = first  # a value from the table itself, so foreign keys stay valid
    write_rows(path, rows)
    assert len(data.load(res["name"], root=data_copy)) == len(rows) - 1


def test_a_single_primary_key_is_unique_even_without_the_unique_constraint(data_copy):
    res = data.resource("actors")
    key = res["schema"]["primaryKey"][0]
    _set_constraints(data_copy, "actors", key, unique=None)
    path = data_copy / res["path"]
    rows = read_rows(path)
    write_rows(path, rows + [rows[2]])
    with pytest.raises(DataError,
                       match=rf"field '{key}': duplicate key '{rows[2][0]}' \(also row 2\)"):
        data.load("actors", root=data_copy)


def test_a_primary_key_field_may_not_be_empty_even_if_not_required(data_copy):
    res = _pick(lambda r: len(r["schema"].get("primaryKey", [])) > 1)
    key = res["schema"]["primaryKey"]
    _edit_descriptor(data_copy, res["name"], lambda r: [
        f["constraints"].pop("required", None) for f in r["schema"]["fields"] if f["name"] in key])
    _set_cell(data_copy, res, 4, key[-1], "")
    with pytest.raises(DataError, match=rf"row 4 \(line 5\), field '{key[-1]}': part of the "
                       r"primary key, but empty"):
        data.load(res["name"], root=data_copy)


def test_a_unique_field_outside_the_key_is_checked(data_copy):
    res, field = next((data.resource(n), f) for n in data.names()
                      for f in data.resource(n)["schema"]["fields"]
                      if f.get("constraints", {}).get("unique")
                      and [f["name"]] != data.resource(n)["schema"]["primaryKey"])
    first = read_rows(data_copy / res["path"])[1][[f["name"] for f in res["schema"]["fields"]]
                                              .index(field["name"])]
    _set_cell(data_copy, res, 2, field["name"], first)
    with pytest.raises(DataError, match=rf"row 2 \(line 3\), field '{field['name']}': "
                       rf"duplicate '{first}' \(also row 1\)"):
        data.load(res["name"], root=data_copy)


def test_a_composite_foreign_key_is_checked_as_a_whole(data_copy):
    """Each edge's reversed pair (to, from) must itself be an edge: true of no edge here, so
    the first row fails although every single value exists in the table."""
    res = _pick(lambda r: len(r["schema"].get("primaryKey", [])) > 1)
    a, b = res["schema"]["primaryKey"][:2]
    _edit_descriptor(data_copy, res["name"], lambda r: r["schema"].setdefault(
        "foreignKeys", []).append({"fields": [b, a], "reference": {"resource": "", "fields": [a, b]}}))
    with pytest.raises(DataError, match=rf"row 1 \(line 2\), fields \('{b}', '{a}'\): unknown key"):
        data.load(res["name"], root=data_copy)


def test_exclusive_bounds_and_integer_enums(data_copy):
    res = _page_table()
    _set_constraints(data_copy, res["name"], "page", minimum=None, exclusiveMinimum=60,
                     enum=list(range(61, 70)))
    assert len(data.load(res["name"], root=data_copy))
    _set_constraints(data_copy, res["name"], "page", maximum=None, exclusiveMaximum=62)
    _set_cell(data_copy, res, 1, "page", "62")
    with pytest.raises(DataError, match=r"field 'page': expected a value > 60 and < 62, got '62'"):
        data.load(res["name"], root=data_copy)
    _set_constraints(data_copy, res["name"], "page", exclusiveMaximum=None, enum=[61, 63])
    _set_cell(data_copy, res, 1, "page", "62")
    with pytest.raises(DataError, match=r"field 'page': expected one of 61, 63, got '62'"):
        data.load(res["name"], root=data_copy)


@pytest.mark.parametrize("kind, change, message", [
    ("unknown constraint", lambda f: f["constraints"].update(maxWords=3),
     r"field '{f}': constraint 'maxWords' does not apply to type 'string'"),
    ("constraint of another type", lambda f: f["constraints"].update(minimum=3),
     r"field '{f}': constraint 'minimum' does not apply to type 'string'"),
    ("type the loader does not read", lambda f: f.update(type="datetime"),
     r"field '{f}': type 'datetime' is not read by the loader"),
    ("format", lambda f: f.update(format="email"),
     r"field '{f}': format is not read by the loader"),
    ("length not a number", lambda f: f["constraints"].update(maxLength="60"),
     r"field '{f}': maxLength must be a whole number"),
])
def test_a_descriptor_rule_the_loader_cannot_check_is_refused(data_copy, kind, change, message):
    res = data.resource("actors")
    name = res["schema"]["fields"][1]["name"]
    _edit_descriptor(data_copy, "actors", lambda r: change(r["schema"]["fields"][1]))
    with pytest.raises(DataError,
                       match=r"datapackage.json, resource 'actors', " + message.format(f=name)):
        data.load("actors", root=data_copy)


def test_columns_out_of_order_or_twice_are_refused(data_copy):
    res = _page_table()
    path = data_copy / res["path"]
    rows = read_rows(path)
    write_rows(path, [[r[1], r[0], *r[2:]] for r in rows])
    with pytest.raises(DataError,
                       match=rf"header, field '{rows[0][1]}': column 1 here but column 2"):
        data.load(res["name"], root=data_copy)
    write_rows(path, [r + [r[0]] for r in rows])
    with pytest.raises(DataError, match=rf"header, field '{rows[0][0]}': appears twice"):
        data.load(res["name"], root=data_copy)


@pytest.mark.parametrize("padded", [" x", "x ", "\tx", "   "])
def test_spaces_around_a_value_are_refused(data_copy, padded):
    res = _page_table()
    field = next(f["name"] for f in res["schema"]["fields"] if f["type"] == "string"
                 and not f.get("constraints"))
    _set_cell(data_copy, res, 1, field, padded)
    with pytest.raises(DataError, match=rf"row 1 \(line 2\), field '{field}': expected no space "
                       r"before or after the value"):
        data.load(res["name"], root=data_copy)
