"""Loading the data: every table typed and valid, and every kind of bad input refused with one
clear error that names the file, the row and the field."""

from __future__ import annotations

import json
import os
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
        r"{file}, line {end}: broken CSV \(unexpected end of data\)"),
    "not UTF-8": (lambda r, res: _set_cell(r, res, 2, "id", "שלום"),  # then re-encoded below
        r"{file}, row 2 \(line 3\), field 'id': not UTF-8 text \(save the file as 'CSV UTF-8'\)"),
    "UTF-16": (lambda r, res: (r / res["path"]).write_bytes(
        (r / res["path"]).read_text(encoding="utf-8").encode("utf-16")),
        r"{file}: UTF-16 text, expected UTF-8"),
    "header only": (lambda r, res: write_rows(r / res["path"], read_rows(r / res["path"])[:1]),
                    r"{file}: a header and no rows"),
    "NUL byte": (lambda r, res: _set_cell(r, res, 3, "quote_he", "א\x00ב"),
                 r"{file}, row 3 \(line 4\), field 'quote_he': a control character \(U\+0000\)"),
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
    end = len(read_rows(data_copy / res["path"])) + 1  # the line after the last
    mutate(data_copy, res)
    if kind == "not UTF-8":  # the Hebrew word in cp1255, as a spreadsheet may save it
        path = data_copy / res["path"]
        path.write_bytes(path.read_bytes().replace("שלום".encode(), "שלום".encode("cp1255")))
    before = _snapshot(data_copy)
    with pytest.raises(DataError) as err:
        data.load(res["name"], root=data_copy)
    message = str(err.value)
    assert re.search(pattern.format(file=re.escape("data/" + res["path"]), end=end), message), \
        message
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


# --- what the file is: inside data/, readable, as spreadsheets write it ---------------------

SECRET = "secret-line-the-loader-must-not-read"


def _outside_file(tmp_path):
    """A CSV outside the copy of data/, whose content no error may echo."""
    path = tmp_path / "outside.csv"
    path.write_text(f"code,name_en\n{SECRET},x\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("path", ["../outside.csv", "article/../../outside.csv", "/etc/passwd",
                                  "{outside}", "..\\outside.csv", "https://example.org/a.csv"])
def test_a_path_leading_outside_data_is_refused_before_reading(data_copy, tmp_path, path):
    outside = _outside_file(tmp_path)
    path = path.format(outside=outside)
    _edit_descriptor(data_copy, "actors", lambda r: r.update(path=path))
    with pytest.raises(DataError) as err:
        data.load("visits", root=data_copy)  # refers to actors
    message = str(err.value)
    assert message.startswith(f"datapackage.json, resource 'actors': path {path!r}"), message
    assert SECRET not in message and "root:" not in message


def test_a_symbolic_link_leading_outside_data_is_refused_before_reading(data_copy, tmp_path):
    link = data_copy / "article" / "actors.csv"
    link.unlink()
    link.symlink_to(_outside_file(tmp_path))
    with pytest.raises(DataError) as err:
        data.load("visits", root=data_copy)
    assert str(err.value) == ("data/article/actors.csv: a symbolic link to a file outside data/; "
                              "the loader reads only files inside data/")
    (data_copy / "model").rename(data_copy / "moved")
    (data_copy / "model").symlink_to(tmp_path)  # a linked folder is refused the same way
    with pytest.raises(DataError, match=r"^data/model/issues.csv: a symbolic link to a file "
                       r"outside data/"):
        data.load("issues", root=data_copy)


def test_a_symbolic_link_inside_data_is_read(data_copy):
    kept = data_copy / "article" / "actors.kept"
    (data_copy / "article" / "actors.csv").rename(kept)
    (data_copy / "article" / "actors.csv").symlink_to("actors.kept")
    pd.testing.assert_frame_equal(data.load("actors", root=data_copy), data.load("actors"))


def test_a_folder_or_a_missing_descriptor_is_one_clear_error(data_copy):
    path = data_copy / "article" / "actors.csv"
    path.unlink()
    path.mkdir()
    with pytest.raises(DataError, match=r"^data/article/actors.csv: a folder, not a file$"):
        data.load("actors", root=data_copy)
    (data_copy / "datapackage.json").unlink()
    with pytest.raises(DataError, match=r"datapackage.json: the data package descriptor is missing"):
        data.load("actors", root=data_copy)


@pytest.mark.parametrize("which", ["article/actors.csv", "datapackage.json"])
def test_a_file_that_cannot_be_read_is_a_data_error(data_copy, monkeypatch, which):
    path = data_copy / which
    path.chmod(0)
    if os.access(path, os.R_OK):  # running as root: permissions do not stop a read
        real_open = open

        def refusing_open(file, *args, **kwargs):
            if str(file) == str(path):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)
        monkeypatch.setattr(data, "open", refusing_open, raising=False)
    label = "datapackage.json" if which == "datapackage.json" else f"data/{which}"
    with pytest.raises(DataError) as err:
        data.load("visits", root=data_copy)
    assert str(err.value) == f"{label}: cannot be read (permission denied)"
    path.chmod(0o644)


@pytest.mark.parametrize("variant", ["byte-order mark", "CRLF", "both"])
def test_what_a_spreadsheet_writes_loads_the_same(data_copy, variant):
    for path in (data_copy / "article" / "actors.csv", data_copy / "article" / "visits.csv"):
        raw = path.read_bytes()
        if variant != "byte-order mark":
            raw = raw.replace(b"\n", b"\r\n")
        if variant != "CRLF":
            raw = b"\xef\xbb\xbf" + raw
        path.write_bytes(raw)
    pd.testing.assert_frame_equal(data.load("visits", root=data_copy), data.load("visits"))
    path = data_copy / "article" / "visits.csv"  # and an error still names row, line and field
    path.write_bytes(data.DATA_DIR.joinpath("article", "visits.csv").read_bytes())
    _set_cell(data_copy, data.resource("visits"), 3, "page", "70")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    with pytest.raises(DataError, match=r"^data/article/visits.csv, row 3 \(line 4\), field "
                       r"'page': expected a value from 61 to 69, got '70'$"):
        data.load("visits", root=data_copy)


def test_a_descriptor_with_a_byte_order_mark_loads(data_copy):
    path = data_copy / "datapackage.json"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert data.names(root=data_copy) == data.names()


def test_an_error_after_a_cell_of_several_lines_names_the_line_it_starts_on(data_copy):
    res = data.resource("visits")
    _set_cell(data_copy, res, 1, "remark", "two\nlines")
    _set_cell(data_copy, res, 3, "page", "70")
    with pytest.raises(DataError, match=r"row 3 \(line 5\), field 'page'"):
        data.load("visits", root=data_copy)


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f"])
def test_a_control_character_is_refused_with_its_row_and_field(data_copy, char):
    res = data.resource("visits")
    _set_cell(data_copy, res, 2, "remark", f"a{char}b")
    with pytest.raises(DataError) as err:
        data.load("visits", root=data_copy)
    assert str(err.value) == (f"data/article/visits.csv, row 2 (line 3), field 'remark': a "
                              f"control character (U+{ord(char):04X}) in the text")


def test_a_header_only_file_of_a_table_others_refer_to_is_refused(data_copy):
    path = data_copy / "article" / "actors.csv"
    write_rows(path, read_rows(path)[:1])
    for name in ("actors", "visits"):  # the referring table names the empty one
        with pytest.raises(DataError) as err:
            data.load(name, root=data_copy)
        assert str(err.value) == ("data/article/actors.csv: a header and no rows (every table "
                                  "holds at least one row)")


# --- the cache: never a stale frame -------------------------------------------------------

def _rewrite_keeping_times(path, old, new):
    """Replace text in a file by text of the same length and put its times back."""
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert len(old.encode()) == len(new.encode()) and text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_mtime_ns == st.st_mtime_ns and path.stat().st_size == st.st_size


def test_an_edit_that_keeps_the_time_and_size_is_seen(data_copy):
    assert "Azerbaijan" in set(data.load("actors", root=data_copy)["name_en"])
    _rewrite_keeping_times(data_copy / "article" / "actors.csv", ",Azerbaijan,", ",Azerbaijam,")
    names = set(data.load("actors", root=data_copy)["name_en"])
    assert "Azerbaijam" in names and "Azerbaijan" not in names


def test_an_edit_of_a_referenced_table_or_the_descriptor_keeping_the_time_is_seen(data_copy):
    data.load("visits", root=data_copy)
    _rewrite_keeping_times(data_copy / "article" / "actors.csv", "\nAZ,", "\nQZ,")
    with pytest.raises(DataError, match=r"unknown code 'AZ'"):
        data.load("visits", root=data_copy)
    _rewrite_keeping_times(data_copy / "article" / "actors.csv", "\nQZ,", "\nAZ,")
    data.load("visits", root=data_copy)
    _rewrite_keeping_times(data_copy / "datapackage.json", '"name": "publication"',
                           '"name": "publicatiom"')
    with pytest.raises(DataError, match=r"no resource named 'publication'"):
        data.load("publication", root=data_copy)


# --- dates as spreadsheets write them -----------------------------------------------------

@pytest.mark.parametrize("written, hint", [
    ("01/05/2009", "write 2009-05-01 for 1 May 2009 or 2009-01-05 for 5 January 2009"),
    ("28.06.2009", "write 2009-06-28 for 28 June 2009 (YYYY-MM-DD"),
    ("20090501", "write 2009-05-01, with hyphens"),
    ("2009-W18-5", "a week date; write the day itself as YYYY-MM-DD (2009-05-01 for 2009-W18-5)"),
    ("2009-5-1", "write 2009-05-01, two digits for month and day"),
    ("2009-05", "a month is written as its first day: 2009-05-01, with date_precision 'month'"),
    ("2009", "a year is written as its first day: 2009-01-01, with date_precision 'year'"),
    ("2009-06-28T10:00:00", "the day alone: 2009-06-28"),
    ("2009-02-30", "no such day"),
])
def test_a_date_written_otherwise_is_refused_with_how_to_write_it(data_copy, written, hint):
    res = data.resource("visits")
    _set_cell(data_copy, res, 2, "date", written)
    with pytest.raises(DataError) as err:
        data.load("visits", root=data_copy)
    assert str(err.value).startswith(f"data/article/visits.csv, row 2 (line 3), field 'date': "
                                     f"expected a date as YYYY-MM-DD, got {written!r}: {hint}")


def test_a_checked_date_hint_names_its_own_precision_field(data_copy):
    _set_cell(data_copy, data.resource("visits"), 1, "checked_date_end", "2009-06")
    with pytest.raises(DataError, match=r"field 'checked_date_end': .* with "
                       r"checked_date_precision 'month'$"):
        data.load("visits", root=data_copy)


# --- the descriptor: any shape is one DataError --------------------------------------------

def _field_of(res, name):
    return next(f for f in res["schema"]["fields"] if f["name"] == name)


class _Text:
    """A change to the descriptor's text rather than to its parsed JSON."""

    def __init__(self, change):
        self.change = change


WRONG_SHAPE = {
    # kind: (change to the whole package or to its text, message it must start with)
    "a list, not an object": (_Text(lambda t: "[1, 2]"),
                              "datapackage.json: expected an object with a list of resources"),
    "resources an object": (lambda p: p.update(resources={"actors": {}}),
                            "datapackage.json: resources must be a non-empty list, not an object"),
    "a resource as text": (lambda p: p["resources"].insert(0, "actors"),
                           "datapackage.json, resource 1: expected an object, got text"),
    "a resource without a name": (lambda p: p["resources"][-1].pop("name"),
                                  f"datapackage.json, resource {len(data.package()['resources'])}: "
                                  "name must be text"),
    "two resources of one name": (lambda p: p["resources"].append(dict(p["resources"][0])),
                                  "datapackage.json, resource 'publication': two resources"),
    "a path as a number": (lambda p: _res(p, "actors").update(path=3),
                           "datapackage.json, resource 'actors': path must be"),
    "a path in parts": (lambda p: _res(p, "actors").update(path=["a.csv", "b.csv"]),
                        "datapackage.json, resource 'actors': a path in several parts"),
    "no schema": (lambda p: _res(p, "actors").pop("schema"),
                  "datapackage.json, resource 'actors': no schema"),
    "a schema by path": (lambda p: _res(p, "actors").update(schema="schema.json"),
                         "datapackage.json, resource 'actors': the schema must be an object"),
    "fields an object": (lambda p: _res(p, "actors")["schema"].update(fields={"code": {}}),
                         "datapackage.json, resource 'actors', schema: fields must be"),
    "no fields": (lambda p: _res(p, "actors")["schema"].update(fields=[]),
                  "datapackage.json, resource 'actors', schema: fields must be"),
    "a field as text": (lambda p: _res(p, "actors")["schema"]["fields"].append("kind"),
                        "datapackage.json, resource 'actors', field 6: expected an object"),
    "a field without a name": (lambda p: _res(p, "actors")["schema"]["fields"][1].pop("name"),
                               "datapackage.json, resource 'actors', field 2: name must be text"),
    "a type as a list": (lambda p: _field_of(_res(p, "actors"), "kind").update(type=["string"]),
                         "datapackage.json, resource 'actors', field 'kind': type must be text"),
    "constraints a list": (lambda p: _field_of(_res(p, "actors"), "kind").update(
        constraints=["required"]), "datapackage.json, resource 'actors', field 'kind': "
        "constraints must be an object"),
    "a primary key as a number": (lambda p: _res(p, "actors")["schema"].update(primaryKey=3),
                                  "datapackage.json, resource 'actors', primaryKey: the key must"),
    "foreign keys an object": (lambda p: _res(p, "visits")["schema"].update(
        foreignKeys={"fields": "from_code"}), "datapackage.json, resource 'visits', foreignKeys: "
        "must be a list"),
    "a foreign key without a reference": (lambda p: _res(p, "visits")["schema"]["foreignKeys"][0]
                                          .pop("reference"),
                                          "datapackage.json, resource 'visits', foreignKeys: each"),
    "a foreign key to no table": (lambda p: _res(p, "visits")["schema"]["foreignKeys"][0][
        "reference"].update(resource="nope"), "datapackage.json, resource 'visits', foreignKeys: "
        "no table named 'nope'"),
    "a foreign key to a map": (lambda p: _res(p, "visits")["schema"]["foreignKeys"][0][
        "reference"].update(resource="countries"), "datapackage.json, resource 'visits', "
        "foreignKeys: no table named 'countries'"),
    "a foreign key to no field": (lambda p: _res(p, "visits")["schema"]["foreignKeys"][0][
        "reference"].update(fields=["nope"]), "datapackage.json, resource 'visits', foreignKeys: "
        "no field 'nope' in actors"),
    "an enum as text": (lambda p: _field_of(_res(p, "actors"), "kind")["constraints"].update(
        enum="state"), "datapackage.json, resource 'actors', field 'kind': enum must be a "
        "non-empty list"),
    "an enum item twice": (lambda p: _field_of(_res(p, "actors"), "kind")["constraints"][
        "enum"].append("state"), "datapackage.json, resource 'actors', field 'kind': enum lists "
        "'state' twice"),
    "an enum item of another type": (lambda p: _field_of(_res(p, "actors"), "kind")[
        "constraints"]["enum"].append(3), "datapackage.json, resource 'actors', field 'kind', "
        "enum: 3 is not a value of type 'string'"),
    "required as text": (lambda p: _field_of(_res(p, "actors"), "kind")["constraints"].update(
        required="yes"), "datapackage.json, resource 'actors', field 'kind': required must be "
        "true or false"),
    "a bound as true": (lambda p: _field_of(_res(p, "visits"), "page")["constraints"].update(
        maximum=True), "datapackage.json, resource 'visits', field 'page', maximum: True is not"),
    "a broken pattern": (lambda p: _field_of(_res(p, "actors"), "code")["constraints"].update(
        pattern="[A-Z"), "datapackage.json, resource 'actors', field 'code': pattern '[A-Z' is "
        "not a regular expression"),
    "a pattern as a number": (lambda p: _field_of(_res(p, "actors"), "code")["constraints"].update(
        pattern=3), "datapackage.json, resource 'actors', field 'code': pattern must be text"),
    "a hash": (lambda p: _res(p, "actors").update(hash="md5:0"),
               "datapackage.json, resource 'actors': hash is not read by the loader"),
    "another encoding": (lambda p: _res(p, "actors").update(encoding="windows-1255"),
                         "datapackage.json, resource 'actors': encoding 'windows-1255' is not read"),
    "unique keys": (lambda p: _res(p, "actors")["schema"].update(uniqueKeys=[["name_en"]]),
                    "datapackage.json, resource 'actors': uniqueKeys is not read"),
    "an unknown rule": (lambda p: _res(p, "actors")["schema"].update({"x-range": []}),
                        "datapackage.json, resource 'actors': schema key 'x-range' is not one"),
    "a range of one field": (lambda p: _res(p, "sections")["schema"].update(
        {"x-ranges": [["first_page"]]}), "datapackage.json, resource 'sections', x-ranges: "
        "['first_page'] is not a [start, end] pair"),
    "a range of text": (lambda p: _res(p, "sections")["schema"].update(
        {"x-ranges": [["id", "parent"]]}), "datapackage.json, resource 'sections', x-ranges: "
        "['id', 'parent'] must be two fields of one type"),
    "a range of no field": (lambda p: _res(p, "sections")["schema"].update(
        {"x-ranges": [["first_page", "nope"]]}), "datapackage.json, resource 'sections', "
        "x-ranges: no field 'nope'"),
    "a percentage of text": (lambda p: _res(p, "figures")["schema"].update(
        {"x-percentages": [{"field": "unit"}]}), "datapackage.json, resource 'figures', "
        "x-percentages: field 'unit' is of type 'string'"),
    "a percentage where a value never taken": (lambda p: _res(p, "figures")["schema"].update(
        {"x-percentages": [{"field": "value", "where": {"unit": "per cent"}}]}),
        "datapackage.json, resource 'figures', x-percentages, where: 'per cent' is not one"),
    "a key twice in one object": (_Text(lambda t: t.replace(
        '"name": "publication",', '"name": "publication", "name": "x",')),
        "datapackage.json: key 'name' appears twice in one object"),
    "NaN": (_Text(lambda t: t.replace('"maximum": 69', '"maximum": NaN', 1)),
            "datapackage.json: NaN is not a JSON number"),
    "not JSON at all": (_Text(lambda t: t[:-3]), "datapackage.json, line "),
}


def _res(pkg, name):
    return next(r for r in pkg["resources"] if r["name"] == name)


@pytest.mark.parametrize("kind", list(WRONG_SHAPE))
def test_a_descriptor_of_the_wrong_shape_is_one_data_error(data_copy, kind):
    change, message = WRONG_SHAPE[kind]
    path = data_copy / "datapackage.json"
    if isinstance(change, _Text):
        path.write_text(change.change(path.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        pkg = json.loads(path.read_text(encoding="utf-8"))
        change(pkg)
        path.write_text(json.dumps(pkg, ensure_ascii=False), encoding="utf-8")
    name = "figures" if "percentage" in kind else "sections" if "range" in kind else "visits"
    with pytest.raises(DataError) as err:  # DataError only: no TypeError, KeyError, re.error
        data.load(name, root=data_copy)
    assert str(err.value).startswith(message), str(err.value)


def test_a_geojson_resource_is_not_loaded_as_a_table():
    with pytest.raises(DataError, match=r"resource 'countries': a geojson resource, not a CSV"):
        data.load("countries")
    with pytest.raises(DataError, match=r"resource 'countries': a geojson resource"):
        data.describe("countries")


def test_a_cycle_of_references_is_checked_without_endless_recursion(data_copy):
    """actor_styles refers to actors; make actors refer back to actor_styles."""
    _edit_descriptor(data_copy, "actors", lambda r: r["schema"].setdefault("foreignKeys", [])
                     .append({"fields": "code", "reference": {"resource": "actor_styles",
                                                             "fields": "code"}}))
    codes = data.load("actors")["code"]
    styled = set(data.load("actor_styles")["code"])
    unstyled = [(i, c) for i, c in enumerate(codes, start=1) if c not in styled]
    for name in ("actors", "actor_styles"):
        if not unstyled:
            assert len(data.load(name, root=data_copy)) == len(data.load(name))
            continue
        i, code = unstyled[0]
        with pytest.raises(DataError, match=rf"^data/article/actors.csv, row {i} \(line {i + 1}\)"
                           rf", field 'code': unknown code '{code}', expected a code of "
                           r"actor_styles$"):
            data.load(name, root=data_copy)


# --- logical rules: a range's end not before its start, a percentage not above 100 ----------

RANGES = [(name, start, end) for name in data.names()
          for start, end in data.resource(name)["schema"].get("x-ranges", [])]
PERCENTAGES = [(name, rule) for name in data.names()
               for rule in data.resource(name)["schema"].get("x-percentages", [])]


def test_the_package_states_its_ranges_and_percentages():
    """Every pair of fields named as a period's start and end, or a low and a high, is a
    range; every table with a 'percent' unit has its percentage rule."""
    pairs = {(n, a, b) for n, a, b in RANGES}
    for name in data.names():
        fields = {f["name"]: f for f in data.resource(name)["schema"]["fields"]}
        for end in fields:
            for start in (end.replace("_end", "", 1) if end.endswith("_end") else None,
                          end.replace("last_", "first_"), end.replace("_high", "_low"),
                          end.replace("end_", "start_")):
                if start and start != end and start in fields:
                    assert (name, start, end) in pairs, f"{name}: ({start}, {end}) not in x-ranges"
        for f in fields.values():
            if f.get("unit") == "percent":
                assert f["constraints"].get("maximum", 101) <= 100, f"{name}.{f['name']}"
            if "percent" in f.get("constraints", {}).get("enum", []):
                rules = [r for n, r in PERCENTAGES if n == name]
                assert any(r.get("where") == {f["name"]: "percent"} for r in rules), name
    assert len(RANGES) >= 10 and len(PERCENTAGES) >= 3


def test_every_rule_is_stated_in_the_field_descriptions_data_readme_shows():
    for name, start, end in RANGES:
        assert f"Given only with `{start}`, and not" in _field_of(data.resource(name), end)[
            "description"], (name, end)
    for name, rule in PERCENTAGES:
        (k, v), = rule["where"].items()
        assert f"From 0 to 100 where `{k}` is `{v}`." in _field_of(data.resource(name), rule[
            "field"])["description"], name
    readme = (data.DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert "x-ranges" in readme and "x-percentages" in readme


@pytest.mark.parametrize("name, start, end", RANGES, ids=[f"{n}.{e}" for n, _, e in RANGES])
def test_an_end_before_its_start_is_refused(data_copy, name, start, end):
    res = data.resource(name)
    rows = read_rows(data_copy / res["path"])
    a, b = rows[0].index(start), rows[0].index(end)
    i = next((i for i, r in enumerate(rows[1:], start=1) if r[a] and r[b] and r[a] != r[b]), None)
    if i is None:  # every end equals its start: move one start past its end
        i = next(i for i, r in enumerate(rows[1:], start=1) if r[a] and r[b])
        rows[i][a] = str(int(rows[i][b]) + 1)
    else:
        rows[i][a], rows[i][b] = rows[i][b], rows[i][a]
    write_rows(data_copy / res["path"], rows)
    with pytest.raises(DataError) as err:
        data.load(name, root=data_copy)
    assert str(err.value) == (f"data/{res['path']}, row {i} (line {i + 1}), field {end!r}: "
                              f"expected a value not before {start} ({rows[i][a]}), "
                              f"got {rows[i][b]!r}")
    rows[i][b] = rows[i][a]  # an end equal to its start is a range of one
    write_rows(data_copy / res["path"], rows)
    assert len(data.load(name, root=data_copy)) == len(rows) - 1


def test_an_end_without_its_start_is_refused(data_copy):
    name, start, end = next(r for r in RANGES if not _field_of(data.resource(r[0]), r[1])
                            .get("constraints", {}).get("required"))
    res = data.resource(name)
    rows = read_rows(data_copy / res["path"])
    a, b = rows[0].index(start), rows[0].index(end)
    i = next(i for i, r in enumerate(rows[1:], start=1) if r[a] and r[b])
    rows[i][a] = ""
    write_rows(data_copy / res["path"], rows)
    with pytest.raises(DataError) as err:
        data.load(name, root=data_copy)
    assert str(err.value) == (f"data/{res['path']}, row {i} (line {i + 1}), field {end!r}: an "
                              f"end without a start ({start!r} is empty)")


@pytest.mark.parametrize("name, rule", PERCENTAGES, ids=[n for n, _ in PERCENTAGES])
def test_a_percentage_above_100_is_refused_only_where_it_is_a_percentage(data_copy, name, rule):
    res = data.resource(name)
    rows = read_rows(data_copy / res["path"])
    (k, v), = rule["where"].items()
    j, c = rows[0].index(rule["field"]), rows[0].index(k)
    inside = next(i for i, r in enumerate(rows[1:], start=1) if r[c] == v)
    other = next(i for i, r in enumerate(rows[1:], start=1) if r[c] != v)
    rows[other][j] = "100.5"  # a value in another unit may be above 100
    rows[inside][j] = "100"   # a share of 100 per cent is a share
    write_rows(data_copy / res["path"], rows)
    assert len(data.load(name, root=data_copy)) == len(rows) - 1
    rows[inside][j] = "100.5"
    write_rows(data_copy / res["path"], rows)
    with pytest.raises(DataError) as err:
        data.load(name, root=data_copy)
    assert str(err.value) == (f"data/{res['path']}, row {inside} (line {inside + 1}), field "
                              f"{rule['field']!r}: expected a percentage from 0 to 100, as {k} "
                              f"is {v}, got '100.5'")
