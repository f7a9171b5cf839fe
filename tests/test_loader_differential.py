"""Our loader and Frictionless judge the same broken copies of data/.

Each mutant breaks one rule of ``datapackage.json``, or the descriptor itself, or what a data
file must be, in a fresh copy of data/ (the table and field are chosen by reading the
descriptor, so the test follows the package as it grows). Both must refuse it; our message must
name the file (or datapackage.json) and the field, and the line where the mutant has one, the
same line as Frictionless's. Where the two legitimately differ, the mutant is listed in
EXCEPTIONS (or OURS_IN_THE_DESCRIPTOR) with the reason, and the test checks that the difference
is still exactly that one.

Frictionless validates only the mutated resource (with the tables its foreign keys need), from
the copy's own descriptor, offline.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import read_rows, write_rows
from helpers import data
from helpers.errors import DataError

frictionless = pytest.importorskip("frictionless")

PKG = data.package()
TABLES = [r for r in PKG["resources"] if r.get("format", "csv") == "csv"]
# a table with several rows and no foreign keys, for mutants that need rows to break
MANY = next(r for r in TABLES if not r["schema"].get("foreignKeys")
            and sum(1 for _ in (data.DATA_DIR / r["path"]).open(encoding="utf-8")) > 5)


# --- choosing targets from the descriptor -------------------------------------------------

def _c(field):
    return field.get("constraints", {})


def _field(predicate, tables=TABLES):
    """(resource, field) of the first field, in descriptor order, for which predicate holds."""
    for res in tables:
        for f in res["schema"]["fields"]:
            if predicate(res, f):
                return res, f
    pytest.fail("no field in datapackage.json fits this mutant")


def _table(predicate):
    return next((r for r in TABLES if predicate(r) and _count_rows(r) > 3), None) or pytest.fail(
        "no table fits")


def _count_rows(res) -> int:
    with (data.DATA_DIR / res["path"]).open(encoding="utf-8") as fh:
        return sum(1 for _ in fh) - 1


def _key(res):
    return res["schema"].get("primaryKey", [])


def _in_key(res, f):
    return f["name"] in _key(res)


def _fk_fields(res):
    return {c for fk in res["schema"].get("foreignKeys", []) for c in fk["fields"]}


def _plain(res, f):
    """A field whose value nothing else depends on (not a key, not referenced)."""
    return not _in_key(res, f) and f["name"] not in _fk_fields(res)


# --- editing a copy -----------------------------------------------------------------------



class Copy:
    """A private copy of data/ and the edits a mutant makes to it."""

    def __init__(self, root: Path):
        self.root = root

    def rows(self, res):
        return read_rows(self.root / res["path"])

    def write(self, res, rows):
        write_rows(self.root / res["path"], rows)

    def column(self, res, field):
        rows = self.rows(res)
        j = rows[0].index(field)
        return [r[j] for r in rows[1:]]

    def set(self, res, field, value, row=1):
        """Set one cell (row 1 = first data row); returns the cell's line."""
        rows = self.rows(res)
        rows[row][rows[0].index(field)] = value
        self.write(res, rows)
        return row + 1

    def row_where(self, res, field, predicate):
        """The first data row whose cell in field satisfies predicate (1 = first data row)."""
        return next(i for i, v in enumerate(self.column(res, field), start=1) if predicate(v))

    def describe(self, res, change):
        """Apply change(resource descriptor) to the copy's datapackage.json."""
        path = self.root / "datapackage.json"
        pkg = json.loads(path.read_text(encoding="utf-8"))
        change(next(r for r in pkg["resources"] if r["name"] == res["name"]))
        path.write_text(json.dumps(pkg, ensure_ascii=False, indent=2), encoding="utf-8")

    def constrain(self, res, field, **constraints):
        """Set (None: remove) constraints of one field in the copy's descriptor."""
        def change(r):
            f = next(f for f in r["schema"]["fields"] if f["name"] == field)
            c = f.setdefault("constraints", {})
            c.update(constraints)
            for k in [k for k, v in constraints.items() if v is None]:
                del c[k]
        self.describe(res, change)


def _unknown_code(copy, res, field):
    """A value that fits the field's own constraints but is not in the table it refers to."""
    fk = next(fk for fk in res["schema"]["foreignKeys"] if fk["fields"] == [field["name"]])
    target = next((r for r in TABLES if r["name"] == fk["reference"]["resource"]), res)
    known = set(copy.column(target, fk["reference"]["fields"][0]))
    pattern = _c(field).get("pattern")
    for candidate in ("QQQQ", "QQ", "no_such_code", "zz9"):
        if candidate not in known and (not pattern or re.fullmatch(pattern, candidate)):
            return candidate
    pytest.fail(f"no unknown code fits {field['name']}")


# --- the mutants ----------------------------------------------------------------------------
# Each takes a Copy and returns (resource, fields, line): the table to load, the field(s) the
# error must name, and the line Frictionless and we should point at (None: the header or the
# descriptor). The decorator names the error type Frictionless should report first (None
# where it accepts the mutant: see EXCEPTIONS).

MUTANTS: dict = {}
FRICTIONLESS_ERROR: dict = {}
IN_THE_DESCRIPTOR: set = set()  # mutants our loader refuses in datapackage.json, not in a row


def mutant(error_type, *, in_descriptor=None):
    def register(fn):
        MUTANTS[fn.__name__], FRICTIONLESS_ERROR[fn.__name__] = fn, error_type
        if in_descriptor or (in_descriptor is None and error_type == "package-error"):
            IN_THE_DESCRIPTOR.add(fn.__name__)
        return fn
    return register


@mutant("constraint-error")
def over_long_string(copy):
    res, f = _field(lambda r, f: "maxLength" in _c(f))
    return res, [f["name"]], copy.set(res, f["name"], "x" * (_c(f)["maxLength"] + 1))


@mutant("constraint-error")
def too_short_string(copy):
    """The package sets no minLength yet: if none is found, one is added to a plain string."""
    found = [(r, f) for r in TABLES for f in r["schema"]["fields"] if "minLength" in _c(f)]
    if found:
        res, f = found[0]
        n = _c(f)["minLength"]
    else:
        res, f = _field(lambda r, f: f["type"] == "string" and _plain(r, f)
                        and not ({"pattern", "enum"} & set(_c(f))))
        n = 3
        copy.constrain(res, f["name"], minLength=n)
    return res, [f["name"]], copy.set(res, f["name"], "x" * (n - 1))


@mutant("primary-key")
def duplicated_composite_key(copy):
    res = _table(lambda r: len(_key(r)) > 1)
    rows = copy.rows(res)
    for k in _key(res):
        j = rows[0].index(k)
        rows[2][j] = rows[1][j]
    copy.write(res, rows)
    return res, _key(res), 3


@mutant("unique-error")
def duplicated_single_key(copy):
    res = _table(lambda r: len(_key(r)) == 1)
    first = copy.column(res, _key(res)[0])[0]
    return res, _key(res), copy.set(res, _key(res)[0], first, row=2)


@mutant("primary-key")
def duplicated_single_key_not_declared_unique(copy):
    """The key alone makes the field unique, without constraints.unique."""
    res = _table(lambda r: len(_key(r)) == 1)
    copy.constrain(res, _key(res)[0], unique=None)
    first = copy.column(res, _key(res)[0])[0]
    return res, _key(res), copy.set(res, _key(res)[0], first, row=2)


@mutant("unique-error")
def duplicate_in_a_unique_field(copy):
    res, f = _field(lambda r, f: _c(f).get("unique") and not _in_key(r, f)
                    and f["name"] not in _fk_fields(r))
    first = copy.column(res, f["name"])[0]
    return res, [f["name"]], copy.set(res, f["name"], first, row=2)


@mutant("constraint-error")
def empty_primary_key_field(copy):
    res = _table(lambda r: len(_key(r)) == 1)
    return res, _key(res), copy.set(res, _key(res)[0], "", row=2)


@mutant("primary-key")
def empty_primary_key_field_not_required(copy):
    res = _table(lambda r: len(_key(r)) == 1)
    copy.constrain(res, _key(res)[0], required=None)
    return res, _key(res), copy.set(res, _key(res)[0], "", row=2)


@mutant(None)
def empty_part_of_a_composite_key(copy):
    res = _table(lambda r: len(_key(r)) > 1)
    last = _key(res)[-1]
    for k in _key(res):
        copy.constrain(res, k, required=None)
    return res, [last], copy.set(res, last, "", row=2)


@mutant("constraint-error")
def required_field_empty(copy):
    res, f = _field(lambda r, f: _c(f).get("required") and _plain(r, f))
    return res, [f["name"]], copy.set(res, f["name"], "")


@mutant("constraint-error")
def enum_violation(copy):
    res, f = _field(lambda r, f: f["type"] == "string" and "enum" in _c(f))
    return res, [f["name"]], copy.set(res, f["name"], "not_one_of_them")


@mutant("constraint-error")
def integer_enum_violation(copy):
    res, f = _field(lambda r, f: f["type"] == "integer" and "enum" in _c(f))
    return res, [f["name"]], copy.set(res, f["name"], str(max(_c(f)["enum"]) + 1))


@mutant("constraint-error")
def pattern_violation(copy):
    res, f = _field(lambda r, f: "pattern" in _c(f) and "enum" not in _c(f) and _plain(r, f))
    bad = next(v for v in ("Not valid!", "x", "1") if not re.fullmatch(_c(f)["pattern"], v))
    return res, [f["name"]], copy.set(res, f["name"], bad)


@mutant("constraint-error")
def integer_above_maximum(copy):
    res, f = _field(lambda r, f: f["type"] == "integer" and "maximum" in _c(f) and _plain(r, f)
                    and not _c(f).get("unique"))
    return res, [f["name"]], copy.set(res, f["name"], str(_c(f)["maximum"] + 1))


@mutant("constraint-error")
def number_below_minimum(copy):
    res, f = _field(lambda r, f: f["type"] == "number" and "minimum" in _c(f))
    return res, [f["name"]], copy.set(res, f["name"], str(_c(f)["minimum"] - 0.5))


@mutant("constraint-error")
def date_after_maximum(copy):
    res, f = _field(lambda r, f: f["type"] == "date" and "maximum" in _c(f))
    late = dt.date.fromisoformat(_c(f)["maximum"]) + dt.timedelta(days=1)
    return res, [f["name"]], copy.set(res, f["name"], late.isoformat())


@mutant("type-error")
def wrong_type_integer(copy):
    res, f = _field(lambda r, f: f["type"] == "integer" and _plain(r, f))
    return res, [f["name"]], copy.set(res, f["name"], "sixty-two")


@mutant("type-error")
def wrong_type_number(copy):
    res, f = _field(lambda r, f: f["type"] == "number")
    return res, [f["name"]], copy.set(res, f["name"], "1.2.3")


@mutant("type-error")
def wrong_type_date(copy):
    res, f = _field(lambda r, f: f["type"] == "date")
    return res, [f["name"]], copy.set(res, f["name"], "2009-02-30")


@mutant("type-error")
def wrong_type_boolean(copy):
    res, f = _field(lambda r, f: f["type"] == "boolean")
    return res, [f["name"]], copy.set(res, f["name"], "yes")


@mutant("foreign-key")
def unknown_foreign_key_code(copy):
    res, f = _field(lambda r, f: any(fk["fields"] == [f["name"]] and fk["reference"]["resource"]
                                     for fk in r["schema"].get("foreignKeys", [])))
    return res, [f["name"]], copy.set(res, f["name"], _unknown_code(copy, res, f))


@mutant("foreign-key")
def unknown_self_reference(copy):
    res, f = _field(lambda r, f: any(fk["fields"] == [f["name"]] and not fk["reference"]["resource"]
                                     for fk in r["schema"].get("foreignKeys", [])))
    return res, [f["name"]], copy.set(res, f["name"], _unknown_code(copy, res, f))


@mutant("missing-label")
def missing_column(copy):
    res, f = _field(lambda r, f: _plain(r, f) and f is r["schema"]["fields"][-1])
    copy.write(res, [row[:-1] for row in copy.rows(res)])
    return res, [f["name"]], None


@mutant("extra-label")
def extra_column(copy):
    res = MANY
    rows = copy.rows(res)
    copy.write(res, [rows[0] + ["extra"]] + [row + ["x"] for row in rows[1:]])
    return res, ["extra"], None


@mutant("incorrect-label")
def columns_swapped(copy):
    res = MANY
    copy.write(res, [[r[1], r[0], *r[2:]] for r in copy.rows(res)])
    return res, [res["schema"]["fields"][1]["name"]], None


@mutant("extra-label")
def column_twice(copy):
    res = MANY
    copy.write(res, [r + [r[-1]] for r in copy.rows(res)])
    return res, [res["schema"]["fields"][-1]["name"]], None


@mutant(None)
def padded_header(copy):
    res = MANY
    rows = copy.rows(res)
    rows[0][-1] += " "
    copy.write(res, rows)
    return res, [rows[0][-1]], None


@mutant("blank-row")
def blank_row(copy):
    res = MANY
    rows = copy.rows(res)
    copy.write(res, rows[:3] + [[]] + rows[3:])
    return res, [], 4


@mutant("extra-cell")
def ragged_row(copy):
    res = MANY
    rows = copy.rows(res)
    rows[2].append("x")
    copy.write(res, rows)
    return res, [], 3


@mutant("package-error")
def constraint_the_type_does_not_take(copy):
    res, f = _field(lambda r, f: f["type"] == "integer")
    copy.constrain(res, f["name"], pattern="[0-9]+")
    return res, [f["name"]], None


@mutant(None)
def padded_text(copy):
    res, f = _field(lambda r, f: f["type"] == "string" and not _c(f) and _plain(r, f))
    return res, [f["name"]], copy.set(res, f["name"], " padded ")


@mutant("constraint-error")
def padded_code(copy):
    res, f = _field(lambda r, f: "pattern" in _c(f) and _plain(r, f))
    value = copy.column(res, f["name"])[0]
    return res, [f["name"]], copy.set(res, f["name"], f" {value}")


@mutant(None)
def padded_integer(copy):
    res, f = _field(lambda r, f: f["type"] == "integer" and _c(f).get("required") and _plain(r, f))
    value = copy.column(res, f["name"])[0]
    return res, [f["name"]], copy.set(res, f["name"], f" {value}")


@mutant(None)
def number_spelled_nan_or_inf(copy):
    res, f = _field(lambda r, f: f["type"] == "number" and not set(_c(f)) - {"required"})
    copy.set(res, f["name"], "inf", row=2)
    return res, [f["name"]], copy.set(res, f["name"], "nan")


@mutant(None)
def integer_in_other_digits(copy):
    """Arabic-Indic digits: '٦٢' for 62."""
    res, f = _field(lambda r, f: f["type"] == "integer" and _c(f).get("required") and _plain(r, f))
    value = copy.column(res, f["name"])[0]
    other = value.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    return res, [f["name"]], copy.set(res, f["name"], other)


@mutant(None)
def number_with_digit_separator(copy):
    def several_digits(v):
        return re.fullmatch(r"[0-9]{2,}(\.[0-9]+)?", v)
    res, f = _field(lambda r, f: f["type"] == "number"
                    and any(map(several_digits, copy.column(r, f["name"]))))
    row = copy.row_where(res, f["name"], several_digits)
    value = copy.column(res, f["name"])[row - 1]
    return res, [f["name"]], copy.set(res, f["name"], f"{value[0]}_{value[1:]}", row=row)


@mutant(None)
def date_without_leading_zeros(copy):
    res, f = _field(lambda r, f: f["type"] == "date")
    row = copy.row_where(res, f["name"], lambda v: re.fullmatch(r"[0-9]{4}-0[1-9]-[0-9]{2}", v))
    value = copy.column(res, f["name"])[row - 1]
    return res, [f["name"]], copy.set(res, f["name"], value[:5] + value[6:], row=row)


@mutant(None)
def pattern_with_alternation(copy):
    """A pattern 'yes|no' on a plain text field, and the text 'yesterday'."""
    res, f = _field(lambda r, f: f["type"] == "string" and not _c(f) and _plain(r, f))
    copy.constrain(res, f["name"], pattern="yes|no")
    rows = copy.rows(res)
    j = rows[0].index(f["name"])
    copy.write(res, [rows[0]] + [[*r[:j], "no", *r[j + 1:]] for r in rows[1:]])
    return res, [f["name"]], copy.set(res, f["name"], "yesterday")


# mutants of the loader audit (issue 10): dates as spreadsheets write them, what the file is,
# the descriptor's shape, the two rules within a row

def _a_date(copy):
    res, f = _field(lambda r, f: f["type"] == "date" and _c(f).get("required") and _plain(r, f))
    return res, f


@mutant("type-error")
def date_without_hyphens(copy):
    res, f = _a_date(copy)
    return res, [f["name"]], copy.set(res, f["name"], "20090501")


@mutant("type-error")
def date_as_an_iso_week(copy):
    res, f = _a_date(copy)
    return res, [f["name"]], copy.set(res, f["name"], "2009-W18-5")


@mutant("type-error")
def date_as_a_spreadsheet_shows_it(copy):
    res, f = _a_date(copy)
    return res, [f["name"]], copy.set(res, f["name"], "01/05/2009")


@mutant("type-error")
def date_as_a_month(copy):
    res, f = _a_date(copy)
    return res, [f["name"]], copy.set(res, f["name"], "2009-05")


def _referenced():
    """The table other tables' foreign keys name most often."""
    counts: dict[str, int] = {}
    for r in TABLES:
        for fk in r["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"]
            if target:
                counts[target] = counts.get(target, 0) + 1
    name = max(counts, key=counts.get)
    return next(r for r in TABLES if r["name"] == name)


@mutant(None)
def header_only_file_of_a_referenced_table(copy):
    res = _referenced()
    copy.write(res, copy.rows(res)[:1])
    return res, [], None


@mutant(None)
def nul_byte_in_a_cell(copy):
    res, f = _field(lambda r, f: f["type"] == "string" and not _c(f) and _plain(r, f))
    return res, [f["name"]], copy.set(res, f["name"], "a\x00b", row=2)


@mutant(None)
def symbolic_link_to_a_file_outside_data(copy):
    res = _referenced()
    path = copy.root / res["path"]
    outside = copy.root.parent / "outside.csv"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    return res, [], None


@mutant("package-error")
def path_leading_outside_data(copy):
    res = MANY
    (copy.root.parent / "outside.csv").write_bytes((copy.root / res["path"]).read_bytes())
    copy.describe(res, lambda r: r.update(path="../outside.csv"))
    return res, [], None


@mutant("package-error")
def absolute_path(copy):
    res = MANY
    copy.describe(res, lambda r: r.update(path=str(copy.root / res["path"])))
    return res, [], None


@mutant("type-error", in_descriptor=True)
def type_the_loader_does_not_read(copy):
    """datetime, on a text field: Frictionless reads it, and finds no datetimes."""
    res, f = _field(lambda r, f: f["type"] == "string" and not _c(f) and _plain(r, f)
                    and all(copy.column(r, f["name"])))
    copy.describe(res, lambda r: next(x for x in r["schema"]["fields"] if x["name"] == f["name"])
                  .update(type="datetime"))
    return res, [f["name"]], 2


@mutant("package-error")
def resource_without_a_schema(copy):
    res = MANY
    copy.describe(res, lambda r: r.pop("schema"))
    return res, [], None


@mutant("package-error")
def fields_not_a_list(copy):
    res = MANY
    copy.describe(res, lambda r: r["schema"].update(
        fields={f["name"]: f for f in r["schema"]["fields"]}))
    return res, [], None


@mutant("package-error")
def foreign_key_without_a_reference(copy):
    res = next(r for r in TABLES if r["schema"].get("foreignKeys"))
    copy.describe(res, lambda r: r["schema"]["foreignKeys"][0].pop("reference"))
    return res, [], None


@mutant("package-error")
def enum_as_text(copy):
    res, f = _field(lambda r, f: f["type"] == "string" and "enum" in _c(f))
    copy.constrain(res, f["name"], enum=_c(f)["enum"][0])
    return res, [f["name"]], None


@mutant(None, in_descriptor=True)
def pattern_that_is_not_a_regular_expression(copy):
    res, f = _field(lambda r, f: "pattern" in _c(f))
    copy.constrain(res, f["name"], pattern="[A-Z")
    return res, [f["name"]], None


@mutant(None, in_descriptor=True)
def key_twice_in_one_object_of_the_descriptor(copy):
    """A field's 'maximum' written twice, 10 and then the real one: the second wins."""
    res, f = _field(lambda r, f: f["type"] == "integer" and "maximum" in _c(f) and _plain(r, f))
    path = copy.root / "datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    marker = "__twice__"
    next(x for x in next(r for r in pkg["resources"] if r["name"] == res["name"])["schema"]
         ["fields"] if x["name"] == f["name"])["constraints"][marker] = 0
    path.write_text(json.dumps(pkg, ensure_ascii=False, indent=2).replace(
        f'"{marker}": 0', f'"maximum": 10, "maximum": {_c(f)["maximum"]}'), encoding="utf-8")
    return res, [], None


@mutant("hash-count", in_descriptor=True)
def hash_the_loader_does_not_check(copy):
    res = MANY
    copy.describe(res, lambda r: r.update(hash="md5:" + "0" * 32))
    return res, [], None


@mutant("constraint-error")
def percentage_field_above_its_maximum(copy):
    res, f = _field(lambda r, f: f.get("unit") == "percent" and _c(f).get("maximum") == 100)
    row = copy.row_where(res, f["name"], bool)
    return res, [f["name"]], copy.set(res, f["name"], "100.5", row=row)


@mutant(None)
def range_end_before_its_start(copy):
    res = next(r for r in TABLES if r["schema"].get("x-ranges"))
    start, end = res["schema"]["x-ranges"][0]
    rows = copy.rows(res)
    a, b = rows[0].index(start), rows[0].index(end)
    i = next(i for i, r in enumerate(rows[1:], start=1) if r[a] and r[b] and r[a] != r[b])
    rows[i][a], rows[i][b] = rows[i][b], rows[i][a]
    copy.write(res, rows)
    return res, [end], i + 1


@mutant(None)
def percentage_above_100(copy):
    res = next(r for r in TABLES if r["schema"].get("x-percentages"))
    rule = res["schema"]["x-percentages"][0]
    (k, v), = rule["where"].items()
    row = copy.row_where(res, k, lambda x: x == v)
    return res, [rule["field"]], copy.set(res, rule["field"], "145", row=row)


# --- the legitimate differences -----------------------------------------------------------
# mutant: (does our loader refuse, does Frictionless refuse, why)

EXCEPTIONS = {
    "empty_part_of_a_composite_key": (True, False,
        "Frictionless refuses a primary key only when all its cells are empty; we refuse any "
        "empty part, as Table Schema requires every primary-key field to have a value."),
    "padded_text": (True, False,
        "we refuse spaces around a value (a trailing space is invisible in a spreadsheet and "
        "breaks joins and filters); Frictionless keeps them as part of the text."),
    "padded_integer": (True, False,
        "Frictionless trims spaces before reading a number; we refuse them, as for text."),
    "number_spelled_nan_or_inf": (True, False,
        "Frictionless reads 'nan' and 'inf' as numbers; a figure in these tables is never "
        "'not a number' or infinite, so we refuse them."),
    "integer_in_other_digits": (True, False,
        "Frictionless reads integers with Python's int(), which accepts any Unicode digits; "
        "we accept 0-9 only, so that what a reader sees is what is compared."),
    "padded_header": (True, False,
        "Frictionless trims the header's labels; we refuse a label that is not exactly the "
        "field's name, as we refuse spaces around any value."),
    "number_with_digit_separator": (True, False,
        "Frictionless reads numbers with Python's Decimal, which accepts '1_000'; Table Schema "
        "numbers have no digit separator, so we refuse it."),
    "date_without_leading_zeros": (True, False,
        "Frictionless parses dates with strptime('%Y-%m-%d'), which accepts '2009-6-28'; the "
        "descriptor's default format is ISO 8601 YYYY-MM-DD, which we require in full."),
    "pattern_with_alternation": (True, False,
        "Frictionless anchors a pattern as '^' + pattern + '$', so 'yes|no' matches any text "
        "starting with 'yes'; Table Schema patterns match the whole value, as ours do."),
    "header_only_file_of_a_referenced_table": (True, False,
        "Frictionless finds a table with no rows valid (the tables referring to it then fail "
        "one by one); every table here holds rows, so an empty one is a truncated file, and we "
        "name it."),
    "nul_byte_in_a_cell": (True, False,
        "Frictionless keeps control characters as text; a NUL or another C0 control in a cell "
        "is a broken export (invisible in a spreadsheet, cut short by C tools), so we refuse it."),
    "symbolic_link_to_a_file_outside_data": (True, False,
        "Frictionless follows the link and reads the file wherever it is; we read only files "
        "inside data/, so that no descriptor or link makes the loader read (and an error echo) "
        "a file elsewhere."),
    "pattern_that_is_not_a_regular_expression": (True, "crash",
        "Frictionless raises Python's re.error from inside validate(); we refuse the descriptor "
        "with a DataError naming the resource and field."),
    "key_twice_in_one_object_of_the_descriptor": (True, False,
        "Frictionless reads the JSON with the last of two equal keys winning, silently; we "
        "refuse a descriptor in which a rule is written twice."),
    "range_end_before_its_start": (True, False,
        "x-ranges is our schema key (Table Schema cannot state a rule between two fields); "
        "Frictionless ignores it."),
    "percentage_above_100": (True, False,
        "x-percentages is our schema key (a bound that holds only in the rows whose unit is "
        "percent); Frictionless ignores it."),
}

#: Mutants both refuse, ours in the descriptor and Frictionless in the rows, with the reason.
OURS_IN_THE_DESCRIPTOR = {
    "type_the_loader_does_not_read":
        "Frictionless reads datetime (and finds none in a text field); the loader reads the "
        "types the tables use and refuses a descriptor asking for another.",
    "hash_the_loader_does_not_check":
        "Frictionless compares the file's hash; the loader does not, and refuses a descriptor "
        "that asks for it rather than ignore it.",
}


# --- harmless variants both must accept ---------------------------------------------------

HARMLESS: dict = {}


def harmless(fn):
    HARMLESS[fn.__name__] = fn
    return fn


@harmless
def byte_order_mark(copy):
    """As spreadsheet programs write at the start of a UTF-8 CSV."""
    path = copy.root / MANY["path"]
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return MANY


@harmless
def crlf_line_ends(copy):
    path = copy.root / MANY["path"]
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return MANY


@harmless
def byte_order_mark_and_crlf_line_ends(copy):
    """As a spreadsheet program saving 'CSV UTF-8' on Windows writes."""
    path = copy.root / MANY["path"]
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    return MANY


@harmless
def symbolic_link_inside_data(copy):
    path = copy.root / MANY["path"]
    kept = path.with_suffix(".kept")
    path.rename(kept)
    path.symlink_to(kept.name)
    return MANY


@harmless
def every_cell_quoted(copy):
    path = copy.root / MANY["path"]
    rows = read_rows(path)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return MANY


@harmless
def booleans_spelled_otherwise(copy):
    """TRUE/1/True and FALSE/0/False in turn in the first boolean field."""
    res, f = _field(lambda r, f: f["type"] == "boolean")
    rows = copy.rows(res)
    j = rows[0].index(f["name"])
    spell = {"true": ["TRUE", "1", "True"], "false": ["FALSE", "0", "False"]}
    for i, row in enumerate(rows[1:]):
        row[j] = spell[row[j]][i % 3] if row[j] in spell else row[j]
    copy.write(res, rows)
    return res


# --- running both -------------------------------------------------------------------------

def _needed(name, pkg):
    """The resource and every resource its foreign keys lead to, directly or not."""
    by_name = {r["name"]: r for r in pkg["resources"]}
    todo, out = [name], []
    while todo:
        n = todo.pop()
        if n in out:
            continue
        out.append(n)
        fks = by_name[n].get("schema", {}).get("foreignKeys", [])  # a mutant may break these
        todo += [fk["reference"]["resource"] for fk in (fks if isinstance(fks, list) else [])
                 if isinstance(fk.get("reference"), dict) and fk["reference"].get("resource")]
    return [by_name[n] for n in out]


def _frictionless(root: Path, name: str):
    """Frictionless's verdict on one resource of the copy: (valid, first error as a dict), or
    ("crash", the exception) when it fails with an exception of its own."""
    pkg = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    try:
        package = frictionless.Package({"name": pkg.get("name", "copy"),
                                        "resources": _needed(name, pkg)}, basepath=str(root))
        report = package.get_resource(name).validate()
    except frictionless.FrictionlessException as e:  # a descriptor it refuses to open
        return False, {"type": e.error.type, "note": e.error.note}
    except Exception as e:  # any other exception is Frictionless's own crash
        return "crash", {"type": type(e).__name__, "note": str(e)}
    if report.valid:
        return True, None
    rows = report.flatten(["rowNumber", "fieldName", "fieldNames", "type", "note"])
    first = rows[0]
    return False, dict(zip(["rowNumber", "fieldName", "fieldNames", "type", "note"], first))


def _ours(root: Path, name: str):
    try:
        data.load(name, root=root)
    except DataError as e:
        return False, str(e)
    return True, None


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    dest = tmp_path_factory.mktemp("pristine") / "data"
    shutil.copytree(data.DATA_DIR, dest)
    return dest


@pytest.fixture
def fresh(pristine, tmp_path):
    dest = tmp_path / "data"
    shutil.copytree(pristine, dest)
    return dest


def test_both_accept_the_unmutated_copy(pristine):
    refused = {}
    for res in TABLES:
        for judge, verdict in (("ours", _ours(pristine, res["name"])),
                               ("frictionless", _frictionless(pristine, res["name"]))):
            if not verdict[0]:
                refused[f"{judge}: {res['name']}"] = verdict[1]
    assert not refused


@pytest.mark.parametrize("name", list(MUTANTS))
def test_both_refuse_the_mutant(name, fresh):
    res, fields, line = MUTANTS[name](Copy(fresh))
    ours_ok, message = _ours(fresh, res["name"])
    theirs_ok, error = _frictionless(fresh, res["name"])
    ours_refuses, theirs_refuses, why = EXCEPTIONS.get(name, (True, True, ""))
    theirs = "crash" if theirs_ok == "crash" else not theirs_ok
    assert (not ours_ok, theirs) == (ours_refuses, theirs_refuses), (
        f"expected ours {'refuses' if ours_refuses else 'accepts'}, Frictionless "
        f"{'refuses' if theirs_refuses else 'accepts'} ({why or 'no known difference'}); "
        f"ours: {message}; Frictionless: {error}")
    if ours_ok:
        return
    in_descriptor = name in IN_THE_DESCRIPTOR
    file = "datapackage.json" if in_descriptor else f"data/{res['path']}"
    assert message.startswith(file), message
    named = re.findall(r"'([^']+)'", message.split(": ", 1)[0])
    assert set(fields) <= set(named), f"{message} should name {fields}"
    if line is not None and not in_descriptor:
        assert f"(line {line})" in message, message
    if theirs_ok:  # accepted, or crashed: see EXCEPTIONS
        return
    assert error["type"] == FRICTIONLESS_ERROR[name], error
    if line is not None and not in_descriptor:
        assert error["rowNumber"] == line, (message, error)
        theirs = error["fieldNames"] or ([error["fieldName"]] if error["fieldName"] else [])
        assert set(theirs) <= set(fields), (message, error)


@pytest.mark.parametrize("name", list(HARMLESS))
def test_both_accept_a_harmless_variant(name, fresh):
    res = HARMLESS[name](Copy(fresh))
    assert _ours(fresh, res["name"]) == (True, None)
    assert _frictionless(fresh, res["name"]) == (True, None)


def test_every_exception_is_a_mutant_frictionless_accepts():
    assert set(EXCEPTIONS) <= set(MUTANTS)
    assert {n for n, t in FRICTIONLESS_ERROR.items() if t is None} == set(EXCEPTIONS)
    # where Frictionless finds the fault in the rows and we in the descriptor, the reason is given
    rows_there = {n for n in IN_THE_DESCRIPTOR if FRICTIONLESS_ERROR[n] not in (None, "package-error")}
    assert rows_there == set(OURS_IN_THE_DESCRIPTOR)
