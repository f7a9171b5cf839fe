"""Load the collection's tables, typed and checked against ``data/datapackage.json``.

The data package is the single description of every file and field: the loaders read the
field types and constraints from it, so what the documentation says is what is enforced.
Any violation raises one :class:`helpers.errors.DataError` naming the file, the row and the
field::

    >>> visits = load("visits")
    >>> str(visits["date"].dtype).startswith("datetime64")
    True

Rows are counted from 1 for the first data row; the message also gives the line of the file
where the row starts (the header is line 1).

What is checked, as Frictionless (Table Schema) defines it, and a little more:

- the descriptor's shape: resources with a name and a path, CSV resources with a schema whose
  fields have names, keys naming fields that exist; a descriptor of another shape is a
  DataError naming where in it, never an exception from inside the loader;
- the file: a regular file inside ``data/`` (a path or symbolic link leading outside is refused
  before anything is read), readable, UTF-8 (a byte-order mark and CRLF line ends, as
  spreadsheets write them, are read), no control characters, a header and at least one row;
- the header: every described column present, none undescribed, none twice, in the
  descriptor's order;
- each cell against its field's ``type`` (string, integer, number, date, year, boolean) and
  ``constraints``: ``required``, ``enum``, ``minimum``/``maximum`` (and the exclusive forms),
  ``pattern`` (the whole text must match), ``minLength``/``maxLength`` (characters of a string);
  a date a spreadsheet reformatted (``01/05/2009``) is refused with how to write it;
- ``unique`` fields and the ``primaryKey`` (one field or several): no value or combination
  twice, and no primary-key field empty;
- ``foreignKeys``: every non-empty value (or combination) found in the table it refers to;
- two rules within a row that Table Schema cannot state, kept on the schema as custom keys
  (Frictionless ignores them):

  - ``"x-ranges": [["date", "date_end"], ...]``: where the end is given, the start is given
    too and the end is not before it (dates, years, integers or numbers);
  - ``"x-percentages": [{"field": "value", "where": {"unit": "percent"}}, ...]``: in the rows
    where every ``where`` field has its value (all rows, without ``where``), the field is a
    share in percent, from 0 to 100.

Stricter than Frictionless: refused are a cell or header label with spaces around its text,
numbers spelled ``nan``, ``inf`` or ``1_000``, digits other than 0-9, dates not written
``YYYY-MM-DD`` in full, an empty part of a composite key, text that matches a pattern only
in part, a control character in a cell, a file with a header and no rows, a symbolic link to
a file outside ``data/``, and the two rules above (tests/test_loader_differential.py lists
every difference, with its reason).

A descriptor that asks for something the loader does not check (a constraint it does not
know, a constraint the field's type does not take, another type, a ``format``, custom
missing or true/false values, a CSV dialect, another encoding, a ``hash`` or ``bytes``) is
refused with a DataError as well, rather than silently ignored.

A table is checked once and kept; every later load compares the bytes of its file, of the
files it refers to and of the descriptor with those it was checked from (not their times,
which an editor may keep), so an edited file is always checked afresh.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import stat
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

import pandas as pd

from .errors import DataError

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DESCRIPTOR = "datapackage.json"
_TRUE, _FALSE = {"true", "True", "TRUE", "1"}, {"false", "False", "FALSE", "0"}

_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
#: The constraints each type takes (Table Schema; ``required`` and ``unique`` go with all).
CONSTRAINTS = {kind: {"required", "unique", *keys} for kind, keys in {
    "string": ("minLength", "maxLength", "pattern", "enum"),
    "integer": (*_BOUNDS, "enum"),
    "number": (*_BOUNDS, "enum"),
    "date": (*_BOUNDS, "enum"),
    "year": (*_BOUNDS, "enum"),
    "boolean": ("enum",),
}.items()}
#: Field properties that would change how a cell is read; the loader reads the defaults only.
_UNREAD = ("format", "missingValues", "trueValues", "falseValues", "bareNumber", "decimalChar",
           "groupChar", "floatNumber")
#: Resource properties that ask for a check or a reading the loader does not do.
_UNREAD_RESOURCE = ("dialect", "hash", "bytes", "compression")
#: Schema properties of Table Schema the loader does not check.
_UNREAD_SCHEMA = ("missingValues", "uniqueKeys", "fieldsMatch")
#: The custom schema keys the loader checks (see the module's docstring).
RULES = ("x-ranges", "x-percentages")
_ORDERED = ("date", "year", "integer", "number")  # types a range can be made of
#: Characters no cell may hold: C0 controls but tab, line feed and carriage return; DEL; and
#: the stand-ins for bytes that are not UTF-8 (decoding with ``surrogateescape``).
_ODD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\udc80-\udcff]")


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _kind(value) -> str:
    """What a JSON value is, in words, for a message about the descriptor."""
    return {dict: "an object", list: "a list", str: "text", bool: "true or false",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "a value")


# --- reading a file inside data/ -----------------------------------------------------------

def _read_bytes(root: Path, rel: str, label: str | None = None) -> bytes:
    """The bytes of the regular file ``rel`` (a checked relative path) inside ``root``. A
    path that resolves outside ``root`` (through a symbolic link) is refused before anything
    is read; so is a file that is missing, not a regular file, or unreadable."""
    label = label or f"{root.name}/{rel}"
    path = str(root)
    try:
        for part in rel.split("/"):
            if part in ("", "."):
                continue
            path = os.path.join(path, part)
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):  # rare: only then is the whole path resolved
                target = Path(path).resolve()
                if not target.is_relative_to(root.resolve()):
                    raise DataError(f"{label}: a symbolic link to a file outside {root.name}/; "
                                    f"the loader reads only files inside {root.name}/")
                mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise DataError(f"{label}: a folder, not a file")
        if not stat.S_ISREG(mode):
            raise DataError(f"{label}: not a regular file")
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise DataError(f"{label}: file not found") from None
    except PermissionError:
        raise DataError(f"{label}: cannot be read (permission denied)") from None
    except (OSError, RuntimeError) as e:  # RuntimeError: a loop of symbolic links
        raise DataError(f"{label}: cannot be read ({getattr(e, 'strerror', None) or e})") from None


# --- the descriptor -------------------------------------------------------------------------

def _no_twice(pairs: list[tuple[str, Any]]) -> dict:
    out = {}
    for k, v in pairs:
        if k in out:
            raise DataError(f"{DESCRIPTOR}: key {k!r} appears twice in one object (the second "
                            "would silently win)")
        out[k] = v
    return out


def _no_constant(name: str):
    raise DataError(f"{DESCRIPTOR}: {name} is not a JSON number")


def _parse_descriptor(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise DataError(f"{DESCRIPTOR}, line {line}: not UTF-8 text (byte {e.start})") from None
    try:
        return json.loads(text, object_pairs_hook=_no_twice, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise DataError(f"{DESCRIPTOR}, line {e.lineno}: not valid JSON ({e.msg})") from None
    except RecursionError:
        raise DataError(f"{DESCRIPTOR}: nested too deeply to be a data package") from None


def _names_list(value, where: str, what: str) -> list[str]:
    """A field name or a non-empty list of them (primary and foreign keys)."""
    names_ = [value] if isinstance(value, str) else value
    if not isinstance(names_, list) or not names_ or \
            not all(isinstance(n, str) and n for n in names_):
        raise DataError(f"{where}: {what} must be a field name or a list of field names, "
                        f"not {_kind(value)}")
    return names_


def _check_path(path, where: str) -> None:
    if isinstance(path, list):
        raise DataError(f"{where}: a path in several parts is not read by the loader")
    if not isinstance(path, str) or not path:
        raise DataError(f"{where}: path must be the file's path inside data/ (text), "
                        f"not {_kind(path)}")
    parts = PurePosixPath(path)
    if "://" in path or path.startswith("//"):
        raise DataError(f"{where}: path {path!r} is remote; the loader reads files inside "
                        "data/ only")
    if parts.is_absolute() or "\\" in path or re.match(r"[A-Za-z]:", path) or ".." in parts.parts:
        raise DataError(f"{where}: path {path!r} leads outside data/ (paths are relative to "
                        "data/, without '..')")


def _check_schema_shape(res: dict, where: str) -> None:
    """Enough of a CSV resource's schema for every later step to read it without a crash."""
    schema = res.get("schema")
    if schema is None:
        raise DataError(f"{where}: no schema (a CSV resource describes its fields)")
    if not isinstance(schema, dict):
        raise DataError(f"{where}: the schema must be an object written in the descriptor, "
                        f"not {_kind(schema)}")
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        raise DataError(f"{where}, schema: fields must be a non-empty list, not {_kind(fields)}")
    for j, f in enumerate(fields, start=1):
        if not isinstance(f, dict):
            raise DataError(f"{where}, field {j}: expected an object, got {_kind(f)}")
        name = f.get("name")
        if not isinstance(name, str) or not name:
            raise DataError(f"{where}, field {j}: name must be text, not {_kind(name)}")
        if not isinstance(f.get("type", "string"), str):
            raise DataError(f"{where}, field {name!r}: type must be text, not {_kind(f['type'])}")
        if not isinstance(f.get("constraints", {}), dict):
            raise DataError(f"{where}, field {name!r}: constraints must be an object, not "
                            f"{_kind(f['constraints'])}")
    if "primaryKey" in schema:
        _names_list(schema["primaryKey"], f"{where}, primaryKey", "the key")
    fks = schema.get("foreignKeys", [])
    if not isinstance(fks, list):
        raise DataError(f"{where}, foreignKeys: must be a list, not {_kind(fks)}")
    for fk in fks:
        if not isinstance(fk, dict) or not isinstance(fk.get("reference"), dict):
            raise DataError(f"{where}, foreignKeys: each must be an object with fields and a "
                            "reference")
        _names_list(fk.get("fields"), f"{where}, foreignKeys", "fields")
        ref = fk["reference"]
        if not isinstance(ref.get("resource", ""), str):
            raise DataError(f"{where}, foreignKeys: reference resource must be a name (text), "
                            f"not {_kind(ref['resource'])}")
        _names_list(ref.get("fields"), f"{where}, foreignKeys", "reference fields")


def _check_package(pkg) -> dict[str, dict]:
    """The resources by name, once the descriptor is found to have the shape of a package."""
    if not isinstance(pkg, dict):
        raise DataError(f"{DESCRIPTOR}: expected an object with a list of resources, "
                        f"got {_kind(pkg)}")
    resources = pkg.get("resources")
    if not isinstance(resources, list) or not resources:
        raise DataError(f"{DESCRIPTOR}: resources must be a non-empty list, not "
                        f"{_kind(resources)}")
    by_name: dict[str, dict] = {}
    for i, res in enumerate(resources, start=1):
        if not isinstance(res, dict):
            raise DataError(f"{DESCRIPTOR}, resource {i}: expected an object, got {_kind(res)}")
        name = res.get("name")
        if not isinstance(name, str) or not name:
            raise DataError(f"{DESCRIPTOR}, resource {i}: name must be text, not {_kind(name)}")
        where = f"{DESCRIPTOR}, resource {name!r}"
        if name in by_name:
            raise DataError(f"{where}: two resources have this name")
        _check_path(res.get("path"), where)
        fmt = res.get("format", "csv")
        if not isinstance(fmt, str):
            raise DataError(f"{where}: format must be text, not {_kind(fmt)}")
        if fmt == "csv":
            _check_schema_shape(res, where)
        by_name[name] = res
    return by_name


class _Package:
    """A descriptor as read from its bytes, with the plans of its tables made so far."""

    def __init__(self, raw: bytes, pkg: dict, by_name: dict[str, dict]):
        self.raw, self.pkg, self.by_name = raw, pkg, by_name
        self.plans: dict[str, _Plan] = {}
        self.files: dict[str, list[str]] = {}


_PACKAGES: OrderedDict[str, _Package] = OrderedDict()


def _descriptor(root: Path) -> _Package:
    try:
        raw = _read_bytes(root, DESCRIPTOR, DESCRIPTOR)
    except DataError as e:
        if str(e).endswith("file not found"):
            raise DataError(f"{root / DESCRIPTOR}: the data package descriptor is missing") from None
        raise
    entry = _PACKAGES.get(str(root))
    if entry is None or entry.raw != raw:
        _forget(str(root))  # tables checked against the old descriptor go with it
        pkg = _parse_descriptor(raw)
        entry = _Package(raw, pkg, _check_package(pkg))
        _PACKAGES[str(root)] = entry
        while len(_PACKAGES) > 16:
            _forget(next(iter(_PACKAGES)))
    _PACKAGES.move_to_end(str(root))
    return entry


def _forget(root: str) -> None:
    """Drop a folder's descriptor and every table checked there from the caches."""
    _PACKAGES.pop(root, None)
    for key in [k for k in _CACHE if k[0] == root]:
        del _CACHE[key]


def _root(root: Path | str | None) -> Path:
    return Path(root) if root else DATA_DIR


def package(root: Path | str | None = None) -> dict:
    """The data package descriptor (``data/datapackage.json``) as a dict."""
    return _descriptor(_root(root)).pkg


def _csv(res: dict) -> bool:
    return res.get("format", "csv") == "csv"


def names(root: Path | str | None = None) -> list[str]:
    """Names of all tabular resources, e.g. ``['actors', 'visits', ...]``."""
    return [n for n, r in _descriptor(_root(root)).by_name.items() if _csv(r)]


def _resource(entry: _Package, name: str) -> dict:
    res = entry.by_name.get(name) if isinstance(name, str) else None
    if res is None:
        known = ", ".join(n for n, r in entry.by_name.items() if _csv(r))
        raise DataError(f"{DESCRIPTOR}: no resource named {name!r}; known: {known}")
    return res


def resource(name: str, root: Path | str | None = None) -> dict:
    """The descriptor of one resource; an unknown name raises DataError listing the known ones."""
    return _resource(_descriptor(_root(root)), name)


def _table(entry: _Package, name: str) -> dict:
    res = _resource(entry, name)
    if not _csv(res):
        raise DataError(f"{DESCRIPTOR}, resource {name!r}: a {res.get('format')} resource, not "
                        "a CSV table (GeoJSON is read by helpers.maps)")
    return res


def describe(name: str, root: Path | str | None = None) -> pd.DataFrame:
    """One row per field of a table: name, type, unit, description (for a reader's reference)."""
    fields = _table(_descriptor(_root(root)), name)["schema"]["fields"]
    return pd.DataFrame(
        [{"field": f["name"], "type": f.get("type", "string"), "unit": f.get("unit", ""),
          "description": f.get("description", "")} for f in fields]
    ).set_index("field")


# --- reading one cell ----------------------------------------------------------------------

class _Bad(ValueError):
    """A cell that fails: ``expected`` says what was wanted, ``got`` (optional) what was there,
    ``hint`` (optional) how to write it."""

    def __init__(self, expected: str, got: str | None = None, hint: str = ""):
        super().__init__(expected)
        self.got, self.hint = got, hint


_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")  # no nan, inf, 1_000
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")


def _integer(value: str) -> int:
    if not _INTEGER.fullmatch(value):
        raise _Bad("an integer")
    return int(value)


def _number(value: str) -> float:
    if not _NUMBER.fullmatch(value):
        raise _Bad("a number")
    return float(value)


def _spelled(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def _day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def date_hint(value: str, precision: str | None = None) -> str:
    """How to write, as the data do, a date written otherwise ('' when there is nothing to
    say). ``precision`` names the field that gives the date's precision, if there is one.

    >>> date_hint("01/05/2009")
    'write 2009-05-01 for 1 May 2009 or 2009-01-05 for 5 January 2009 (YYYY-MM-DD; a spreadsheet may have reformatted it)'
    >>> date_hint("2009-05", "date_precision")
    "a month is written as its first day: 2009-05-01, with date_precision 'month'"
    """
    m = re.fullmatch(r"([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})", value)
    if m:
        a, b, y = map(int, m.groups())
        days = list(dict.fromkeys(d for d in (_day(y, b, a), _day(y, a, b)) if d))
        if not days:
            return "no such day"
        return ("write " + " or ".join(f"{d.isoformat()} for {_spelled(d)}" for d in days)
                + " (YYYY-MM-DD; a spreadsheet may have reformatted it)")
    m = re.fullmatch(r"([0-9]{4})([0-9]{2})([0-9]{2})", value)
    if m:
        d = _day(*map(int, m.groups()))
        return f"write {d.isoformat()}, with hyphens" if d else "no such day"
    m = re.fullmatch(r"([0-9]{4})-?W([0-9]{2})(?:-?([1-7]))?", value)
    if m:
        try:
            d = dt.date.fromisocalendar(int(m[1]), int(m[2]), int(m[3] or 1))
        except ValueError:
            return "no such week"
        return (f"a week date; write the day itself as YYYY-MM-DD ({d.isoformat()} for "
                f"{value})" if m[3] else "a week date; write the day itself as YYYY-MM-DD")
    m = re.fullmatch(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})", value)
    if m:
        d = _day(*map(int, m.groups()))
        return f"write {d.isoformat()}, two digits for month and day" if d else "no such day"
    m = re.fullmatch(r"([0-9]{4})[-/.]([0-9]{1,2})", value)
    if m and 1 <= int(m[2]) <= 12:
        with_precision = f", with {precision} 'month'" if precision else ""
        return f"a month is written as its first day: {m[1]}-{int(m[2]):02d}-01{with_precision}"
    if _YEAR.fullmatch(value):
        with_precision = f", with {precision} 'year'" if precision else ""
        return f"a year is written as its first day: {value}-01-01{with_precision}"
    m = re.fullmatch(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ].+", value)
    if m:
        return f"the day alone: {m[1]}"
    if _DATE.fullmatch(value):
        return "no such day"
    return ""


def _date_reader(precision: str | None) -> Callable[[str], dt.date]:
    def _date(value: str) -> dt.date:
        if _DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise _Bad("a date as YYYY-MM-DD", hint=date_hint(value, precision))
    return _date


def _year(value: str) -> int:
    if not _YEAR.fullmatch(value):
        raise _Bad("a year (four digits)")
    return int(value)


def _boolean(value: str) -> bool:
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise _Bad("true or false")


_PARSERS: dict[str, Callable[[str], Any] | None] = {
    "string": None, "integer": _integer, "number": _number, "date": _date_reader(None),
    "year": _year, "boolean": _boolean,
}


def _as_value(constraint, kind: str, what: str):
    """A bound or enum item of the descriptor as a value of the field's type (JSON gives
    numbers as numbers, dates as text; a value may also be written as the cell would be)."""
    native = {"string": (str,), "integer": (int,), "year": (int,), "number": (int, float),
              "boolean": (bool,), "date": ()}[kind]
    if isinstance(constraint, bool) == (kind == "boolean") and isinstance(constraint, native):
        return constraint
    parse = _PARSERS[kind]
    if parse is not None and isinstance(constraint, str):
        try:
            return parse(constraint)
        except ValueError:
            pass
    raise DataError(f"{what}: {constraint!r} is not a value of type {kind!r}")


def _bounds_text(lo, lo_open: bool, hi, hi_open: bool) -> str:
    if lo is not None and hi is not None and not lo_open and not hi_open:
        return f"a value from {lo} to {hi}"
    parts = [f"{'>' if lo_open else '≥'} {lo}" if lo is not None else "",
             f"{'<' if hi_open else '≤'} {hi}" if hi is not None else ""]
    return "a value " + " and ".join(p for p in parts if p)


def _enum_check(c: dict, kind: str, what: str) -> Callable[[Any], None]:
    if not isinstance(c["enum"], list) or not c["enum"]:
        raise DataError(f"{what}: enum must be a non-empty list, not {_kind(c['enum'])}")
    allowed: dict = {}
    for v in c["enum"]:
        value = _as_value(v, kind, f"{what}, enum")
        if value in allowed:
            raise DataError(f"{what}: enum lists {v!r} twice")
        allowed[value] = None
    expected = "one of " + ", ".join(map(str, allowed))

    def check(v):
        if v not in allowed:
            raise _Bad(expected)
    return check


def _bounds_check(c: dict, kind: str, what: str) -> Callable[[Any], None]:
    lo_open, hi_open = "exclusiveMinimum" in c, "exclusiveMaximum" in c
    if ("minimum" in c and lo_open) or ("maximum" in c and hi_open):
        raise DataError(f"{what}: both an inclusive and an exclusive bound on one side")
    lo, hi = c.get("exclusiveMinimum", c.get("minimum")), c.get("exclusiveMaximum", c.get("maximum"))
    lo = None if lo is None else _as_value(lo, kind, f"{what}, minimum")
    hi = None if hi is None else _as_value(hi, kind, f"{what}, maximum")
    expected = _bounds_text(lo, lo_open, hi, hi_open)

    def check(v):
        if (lo is not None and (v <= lo if lo_open else v < lo)) or \
           (hi is not None and (v >= hi if hi_open else v > hi)):
            raise _Bad(expected)
    return check


def _pattern_check(c: dict, kind: str, what: str) -> Callable[[Any], None]:
    if not isinstance(c["pattern"], str):
        raise DataError(f"{what}: pattern must be text, not {_kind(c['pattern'])}")
    try:
        pattern = re.compile(c["pattern"])
    except (re.error, OverflowError, RecursionError) as e:
        raise DataError(f"{what}: pattern {c['pattern']!r} is not a regular expression "
                        f"({e})") from None
    expected = f"text matching {c['pattern']}"

    def check(v):
        if not pattern.fullmatch(v):  # the whole text, as the Table Schema spec says
            raise _Bad(expected)
    return check


def _length_check(c: dict, kind: str, what: str) -> Callable[[Any], None]:
    low, high = c.get("minLength"), c.get("maxLength")
    for k, n in (("minLength", low), ("maxLength", high)):
        if n is not None and (not isinstance(n, int) or isinstance(n, bool) or n < 0):
            raise DataError(f"{what}: {k} must be a whole number ≥ 0, not {n!r}")
    expected = (f"{low} to {high} characters" if low is not None and high is not None
                else f"at least {low} characters" if low is not None
                else f"at most {high} characters")

    def check(v):  # characters (code points), as Frictionless counts them
        if (low is not None and len(v) < low) or (high is not None and len(v) > high):
            raise _Bad(expected, f"{len(v)} characters: {v!r}")
    return check


_CHECKS = (("enum", _enum_check), (_BOUNDS, _bounds_check), ("pattern", _pattern_check),
           (("minLength", "maxLength"), _length_check))


def _precision_field(name: str, field_names: list[str]) -> str | None:
    """The field giving the precision of a date field: ``date`` and ``date_end`` →
    ``date_precision``, ``checked_date`` → ``checked_date_precision``."""
    base = name[:-4] if name.endswith("_end") else name
    return f"{base}_precision" if f"{base}_precision" in field_names else None


def _reader(field: dict, kind: str, what: str, field_names: list[str]):
    """The function that turns a non-empty cell into its value, checking the field's
    constraints (raises _Bad); None for a string field with nothing to check."""
    c = field.get("constraints", {})
    parse = (_date_reader(_precision_field(field["name"], field_names)) if kind == "date"
             else _PARSERS[kind])
    checks = [make(c, kind, what) for keys, make in _CHECKS
              if any(k in c for k in ((keys,) if isinstance(keys, str) else keys))]
    if not checks:
        return parse
    if parse is None:
        def read(raw):
            for check in checks:
                check(raw)
            return raw
    else:
        def read(raw):
            v = parse(raw)
            for check in checks:
                check(v)
            return v
    return read


class _ForeignKey(NamedTuple):
    fields: list[str]
    target: str  # the resource's name ('' in the descriptor: the table itself)
    target_fields: list[str]


class _Plan(NamedTuple):
    """A resource's schema, checked once and turned into readers."""
    res: dict
    fields: list[dict]
    names: list[str]
    readers: list[Callable[[str], Any] | None]
    required: list[str | None]  # None, or the complaint about an empty cell
    unique: list[bool]
    key: list[int]  # positions of the primary-key fields
    foreign_keys: list[_ForeignKey]
    ranges: list[tuple[int, int]]  # (start, end) positions
    percentages: list[tuple[int, list[tuple[int, Any]]]]  # position, [(position, value)]


def _key_fields(value, what: str, known: list[str]) -> list[str]:
    cols = value if isinstance(value, list) else [value]
    for col in cols:
        if col not in known:
            raise DataError(f"{what}: no field {col!r} in the schema")
    return cols


def _rules(schema: dict, fields: list[dict], kinds: list[str], what: str):
    """The schema's x-ranges and x-percentages, as positions of fields."""
    field_names = [f["name"] for f in fields]

    def position(name, where):
        if not isinstance(name, str) or name not in field_names:
            raise DataError(f"{what}, {where}: no field {name!r} in the schema")
        return field_names.index(name)

    ranges = schema.get("x-ranges", [])
    if not isinstance(ranges, list):
        raise DataError(f"{what}, x-ranges: must be a list of [start, end] pairs")
    pairs = []
    for pair in ranges:
        if not isinstance(pair, list) or len(pair) != 2:
            raise DataError(f"{what}, x-ranges: {pair!r} is not a [start, end] pair of fields")
        a, b = (position(n, "x-ranges") for n in pair)
        if a == b or kinds[a] != kinds[b] or kinds[a] not in _ORDERED:
            raise DataError(f"{what}, x-ranges: {pair!r} must be two fields of one type among "
                            f"{', '.join(_ORDERED)}, not {kinds[a]} and {kinds[b]}")
        pairs.append((a, b))
    shares = schema.get("x-percentages", [])
    if not isinstance(shares, list):
        raise DataError(f"{what}, x-percentages: must be a list of objects with a field")
    percentages = []
    for rule in shares:
        if not isinstance(rule, dict) or set(rule) - {"field", "where"} or "field" not in rule:
            raise DataError(f"{what}, x-percentages: {rule!r} is not an object with a field "
                            "and, optionally, where")
        j = position(rule["field"], "x-percentages")
        if kinds[j] not in ("integer", "number"):
            raise DataError(f"{what}, x-percentages: field {rule['field']!r} is of type "
                            f"{kinds[j]!r}, not a number")
        where = rule.get("where", {})
        if not isinstance(where, dict):
            raise DataError(f"{what}, x-percentages: where must be an object of field: value")
        cond = []
        for name, value in where.items():
            k = position(name, "x-percentages, where")
            v = _as_value(value, kinds[k], f"{what}, x-percentages, where {name!r}")
            enum = fields[k].get("constraints", {}).get("enum")
            if isinstance(enum, list) and value not in enum:
                raise DataError(f"{what}, x-percentages, where: {value!r} is not one of the "
                                f"values field {name!r} takes")
            cond.append((k, v))
        percentages.append((j, cond))
    return pairs, percentages


def _make_plan(entry: _Package, name: str) -> _Plan:
    res = _table(entry, name)
    what = f"{DESCRIPTOR}, resource {name!r}"
    for k in _UNREAD_RESOURCE:
        if k in res:
            raise DataError(f"{what}: {k} is not read by the loader (comma-separated, "
                            "double-quoted, uncompressed UTF-8 only; no hash or size check)")
    encoding = res.get("encoding", "utf-8")
    if not isinstance(encoding, str) or encoding.lower().replace("_", "-") not in (
            "utf-8", "utf8", "utf-8-sig"):
        raise DataError(f"{what}: encoding {encoding!r} is not read by the loader (UTF-8 only)")
    schema = res["schema"]
    for k in _UNREAD_SCHEMA:
        if k in schema:
            raise DataError(f"{what}: {k} is not read by the loader (only an empty cell is "
                            "missing; keys are primaryKey and foreignKeys)")
    for k in schema:
        if isinstance(k, str) and k.startswith("x-") and k not in RULES:
            raise DataError(f"{what}: schema key {k!r} is not one the loader checks (it knows "
                            f"{', '.join(RULES)})")
    fields = schema["fields"]
    field_names = [f["name"] for f in fields]
    twice = sorted({n for n in field_names if field_names.count(n) > 1})
    if twice:
        raise DataError(f"{what}: field {twice[0]!r} described twice")
    key = _key_fields(schema.get("primaryKey", []), f"{what}, primaryKey", field_names)
    foreign_keys = []
    for fk in schema.get("foreignKeys", []):
        cols = _key_fields(fk["fields"], f"{what}, foreignKeys", field_names)
        ref = fk["reference"]
        ref_cols = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        target = ref.get("resource", "")
        if len(cols) != len(ref_cols):
            raise DataError(f"{what}, foreignKeys: fields {cols} and reference fields "
                            f"{ref_cols} differ in number")
        if target:
            if target not in entry.by_name or not _csv(entry.by_name[target]):
                raise DataError(f"{what}, foreignKeys: no table named {target!r} to refer to")
            target_fields = [f["name"] for f in entry.by_name[target]["schema"]["fields"]]
        else:
            target_fields = field_names
        for col in ref_cols:
            if col not in target_fields:
                raise DataError(f"{what}, foreignKeys: no field {col!r} in "
                                f"{target or name}")
        foreign_keys.append(_ForeignKey(cols, target, ref_cols))
    readers, required, unique, kinds = [], [], [], []
    for f in fields:
        where = f"{what}, field {f['name']!r}"
        kind = f.get("type", "string")
        if kind not in CONSTRAINTS:
            raise DataError(f"{where}: type {kind!r} is not read by the loader "
                            f"(known: {', '.join(CONSTRAINTS)})")
        for k in _UNREAD:
            if k in f and not (k == "format" and f[k] == "default"):
                raise DataError(f"{where}: {k} is not read by the loader")
        c = f.get("constraints", {})
        for k in c:
            if k not in CONSTRAINTS[kind]:
                raise DataError(f"{where}: constraint {k!r} does not apply to type {kind!r} "
                                f"(it takes {', '.join(sorted(CONSTRAINTS[kind]))})")
        for k in ("required", "unique"):
            if not isinstance(c.get(k, False), bool):
                raise DataError(f"{where}: {k} must be true or false, not {c[k]!r}")
        readers.append(_reader(f, kind, where, field_names))
        required.append("required, but empty" if c.get("required")
                        else "part of the primary key, but empty" if f["name"] in key else None)
        unique.append(bool(c.get("unique")))
        kinds.append(kind)
    ranges, percentages = _rules(schema, fields, kinds, what)
    return _Plan(res, [{**f, "type": k} for f, k in zip(fields, kinds)], field_names, readers,
                 required, unique, [field_names.index(k) for k in key], foreign_keys, ranges,
                 percentages)


def _plan(entry: _Package, name: str) -> _Plan:
    plan = entry.plans.get(name)
    if plan is None:
        plan = entry.plans[name] = _make_plan(entry, name)
    return plan


# --- reading one table ----------------------------------------------------------------------

def _read_rows(raw: bytes, label: str) -> tuple[list[str], list[list[str]], list[int]]:
    """The header, the rows, and the line each row starts on."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(f"{label}: UTF-16 text, expected UTF-8 (save it as 'CSV UTF-8')")
    # utf-8-sig: a byte-order mark, as spreadsheet programs write, is not part of the header;
    # a byte that is not UTF-8 is kept as a stand-in, to be found with its row and field
    text = raw.decode("utf-8-sig", errors="surrogateescape")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        for row in reader:
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as e:
        # the line the broken row starts on: an unclosed quote is noticed only at the end
        raise DataError(f"{label}, line {start}: broken CSV ({e})") from None
    if not rows:
        raise DataError(f"{label}: empty file, expected a header row")
    if _ODD.search(text):
        _refuse_odd(rows, lines, label)
    if len(rows) == 1:
        raise DataError(f"{label}: a header and no rows (every table holds at least one row)")
    return rows[0], rows[1:], lines[1:]


def _refuse_odd(rows: list[list[str]], lines: list[int], label: str) -> None:
    """Raise for the first cell holding a control character or a byte that is not UTF-8."""
    header = rows[0]
    for i, (row, line) in enumerate(zip(rows, lines)):
        for j, cell in enumerate(row):
            m = _ODD.search(cell)
            if not m:
                continue
            ch = m.group()
            what = ("not UTF-8 text (save the file as 'CSV UTF-8')" if "\udc80" <= ch <= "\udcff"
                    else f"a control character (U+{ord(ch):04X}) in the text")
            if i == 0:
                raise DataError(f"{label}, header, column {j + 1}: {what}")
            field = header[j] if j < len(header) and not _ODD.search(header[j]) else f"column {j + 1}"
            raise DataError(f"{label}, row {i} (line {line}), field {field!r}: {what}")


def _check_header(header: list[str], expected: list[str], label: str) -> None:
    for col in header:
        if col not in expected:
            raise DataError(f"{label}, header, field {col!r}: not described in datapackage.json")
    for col in expected:
        if col not in header:
            raise DataError(f"{label}, header, field {col!r}: required column is missing")
    for i, col in enumerate(header):
        if header.index(col) != i:
            raise DataError(f"{label}, header, field {col!r}: appears twice (columns "
                            f"{header.index(col) + 1} and {i + 1})")
        if expected[i] != col:
            raise DataError(f"{label}, header, field {col!r}: column {i + 1} here but column "
                            f"{expected.index(col) + 1} in datapackage.json (columns must follow "
                            "the descriptor's order)")


def _validate(plan: _Plan, raw: bytes, label: str) -> tuple[dict[str, list], list[int]]:
    """The table's values, field by field, each cell checked; and the line each row starts
    on."""
    header, rows, lines = _read_rows(raw, label)
    names_ = plan.names
    _check_header(header, names_, label)
    width = len(header)
    columns: list[list] = [[] for _ in names_]
    seen: list[dict | None] = [{} if u else None for u in plan.unique]
    key_seen: dict[tuple, int] = {}
    single_key_checked = len(plan.key) == 1 and plan.unique[plan.key[0]]
    todo = list(zip(range(width), names_, plan.readers, plan.required, seen, columns))
    for i, (row, line) in enumerate(zip(rows, lines), start=1):
        where = f"{label}, row {i} (line {line})"
        if len(row) != width:
            raise DataError(f"{where}: expected {width} fields, found {len(row)}")
        for j, fname, read, required, values, column in todo:
            raw_cell = row[j]
            if raw_cell == "":
                if required:
                    raise DataError(f"{where}, field {fname!r}: {required}")
                column.append(None)
                continue
            if raw_cell[0].isspace() or raw_cell[-1].isspace():
                raise DataError(f"{where}, field {fname!r}: expected no space before or after "
                                f"the value, got {raw_cell!r}")
            if read is None:
                value = raw_cell
            else:
                try:
                    value = read(raw_cell)
                except ValueError as e:
                    got = getattr(e, "got", None) or repr(raw_cell)
                    hint = getattr(e, "hint", "")
                    raise DataError(f"{where}, field {fname!r}: expected {e}, got {got}"
                                    + (f": {hint}" if hint else "")) from None
            if values is not None:
                first = values.get(value)
                if first is not None:
                    raise DataError(f"{where}, field {fname!r}: duplicate {raw_cell!r} "
                                    f"(also row {first})")
                values[value] = i
            column.append(value)
        if plan.key and not single_key_checked:
            k = tuple(columns[j][-1] for j in plan.key)
            first = key_seen.get(k)
            if first is not None:
                cols = tuple(names_[j] for j in plan.key)
                which = (f"field {cols[0]!r}: duplicate key {k[0]!r}" if len(cols) == 1
                         else f"fields {cols}: duplicate key {k}")
                raise DataError(f"{where}, {which} (also row {first})")
            key_seen[k] = i
        for a, b in plan.ranges:
            if columns[b][-1] is None:
                continue
            if columns[a][-1] is None:
                raise DataError(f"{where}, field {names_[b]!r}: an end without a start "
                                f"({names_[a]!r} is empty)")
            if columns[b][-1] < columns[a][-1]:
                raise DataError(f"{where}, field {names_[b]!r}: expected a value not before "
                                f"{names_[a]} ({row[a]}), got {row[b]!r}")
        for j, cond in plan.percentages:
            v = columns[j][-1]
            if v is not None and not 0 <= v <= 100 and all(columns[k][-1] == want
                                                           for k, want in cond):
                when = "".join(f", as {names_[k]} is {row[k]}" for k, _ in cond)
                raise DataError(f"{where}, field {names_[j]!r}: expected a percentage from 0 "
                                f"to 100{when}, got {row[j]!r}")
    return dict(zip(names_, columns)), lines


def _frame(columns: dict[str, list], fields: list[dict]) -> pd.DataFrame:
    out = {}
    for f in fields:
        values, kind = columns[f["name"]], f["type"]
        if kind in ("integer", "year"):
            out[f["name"]] = pd.array(values, dtype="Int64")
        elif kind == "number":
            out[f["name"]] = pd.array([float("nan") if v is None else v for v in values], dtype="float64")
        elif kind == "date":
            out[f["name"]] = pd.to_datetime(pd.Series(values, dtype="object"))
        elif kind == "boolean":
            out[f["name"]] = pd.array(values, dtype="boolean")
        elif "enum" in f.get("constraints", {}):
            categories = f["constraints"]["enum"]
            code = {c: i for i, c in enumerate(categories)}
            out[f["name"]] = pd.Categorical.from_codes(
                [-1 if v is None else code[v] for v in values], categories=categories)
        else:
            out[f["name"]] = pd.array(values, dtype="string")
    return pd.DataFrame(out)


def _check_foreign_keys(columns: dict[str, list], lines: list[int], plan: _Plan, label: str,
                        target_columns: Callable[[str], dict[str, list]]) -> None:
    """Every non-empty value (or combination) of a foreign key is a key of the table it names.
    ``columns`` are the table's checked values, field by field; ``lines`` where its rows start."""
    for fk in plan.foreign_keys:
        target = target_columns(fk.target) if fk.target else columns
        target_name = fk.target or plan.res["name"]
        known = set(zip(*(target[c] for c in fk.target_fields)))
        for i, k in enumerate(zip(*(columns[c] for c in fk.fields)), start=1):
            if k in known or all(v is None for v in k):  # an empty reference refers to nothing
                continue
            where = f"{label}, row {i} (line {lines[i - 1]})"
            if len(fk.fields) == 1:
                raise DataError(f"{where}, field {fk.fields[0]!r}: unknown code {k[0]!r}, "
                                f"expected a {fk.target_fields[0]} of {target_name}")
            raise DataError(f"{where}, fields {tuple(fk.fields)}: unknown key {k}, expected a "
                            f"({', '.join(fk.target_fields)}) of {target_name}")


def _files(entry: _Package, name: str) -> list[str]:
    """The paths of the table and of every table its foreign keys lead to, directly or not."""
    out = entry.files.get(name)
    if out is None:
        todo, seen = [name], []
        while todo:
            n = todo.pop(0)
            if n in seen:
                continue
            seen.append(n)
            todo += [fk.target for fk in _plan(entry, n).foreign_keys if fk.target]
        out = entry.files[name] = [entry.by_name[n]["path"] for n in seen]
    return out


class _Checked(NamedTuple):
    package: _Package
    contents: tuple[bytes, ...]  # the bytes of _files(), as they were checked
    frame: pd.DataFrame
    columns: dict[str, list]


_CACHE: OrderedDict[tuple[str, str], _Checked] = OrderedDict()
_CACHE_SIZE = 256


def _load_checked(name: str, root: Path, entry: _Package | None = None,
                  pending: dict[str, dict[str, list]] | None = None) -> tuple[pd.DataFrame, dict, bool]:
    """The table's frame and checked columns, and whether the check is provisional: it relied
    on a table still being checked (``pending``: a cycle of references), so it is not kept."""
    # A table is taken from the cache only if the descriptor and the bytes of the table and of
    # every table it refers to are those it was checked from: reading a few kilobytes and
    # comparing them costs little, and unlike a modification time it cannot be fooled.
    entry = entry or _descriptor(root)
    plan = _plan(entry, name)
    paths = _files(entry, name)
    contents = tuple(_read_bytes(root, p) for p in paths)
    key = (str(root), name)
    hit = _CACHE.get(key)
    if hit is not None and hit.package is entry and hit.contents == contents:
        _CACHE.move_to_end(key)
        return hit.frame, hit.columns, False
    _CACHE.pop(key, None)
    label = f"{root.name}/{paths[0]}"
    columns, lines = _validate(plan, contents[0], label)
    outermost = pending is None
    pending = {**(pending or {}), name: columns}
    provisional = False

    def target_columns(target: str) -> dict[str, list]:
        nonlocal provisional
        if target in pending:  # a cycle of references: its cells are checked, its keys not yet
            provisional = True
            return pending[target]
        _, target_cols, target_provisional = _load_checked(target, root, entry, pending)
        provisional |= target_provisional
        return target_cols

    _check_foreign_keys(columns, lines, plan, label, target_columns)
    frame = _frame(columns, plan.fields)
    if outermost or not provisional:  # only a table that passed every check is kept
        _CACHE[key] = _Checked(entry, contents, frame, columns)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return frame, columns, provisional and not outermost


def load(name: str, root: Path | str | None = None) -> pd.DataFrame:
    """Load one table by its resource name, typed and validated.

    Integers become ``Int64``, dates ``datetime64``, booleans ``boolean``, fields with an
    ``enum`` constraint categoricals, other text ``string``. A violation of the schema raises
    DataError; nothing is cached or written when a load fails.

    >>> load("actors").loc[lambda d: d.code == "AZ", "name_en"].item()
    'Azerbaijan'
    """
    return _load_checked(name, _root(root))[0].copy()


def referenced_rows(name: str, *, table: str = "table", key: str = "id",
                    root: Path | str | None = None) -> pd.DataFrame:
    """Check a table whose rows point at rows of other tables by ``(table, key)`` (for
    example ``short_labels``), and return it with the referenced rows' ``page``, ``note``,
    ``date``, ``date_precision``, ``checked_date`` and ``source`` where the referenced table
    has them.

    A reference to a row that does not exist is a DataError naming the file, the row and
    the field::

        >>> labels = referenced_rows("short_labels")
        >>> labels.set_index(["table", "id"]).loc[("visits", "peres_2009"), "page"]
        np.int64(62)
    """
    root_path = _root(root)
    df = load(name, root_path)
    label = _rel(root_path / resource(name, root_path)["path"], root_path)
    extra = {c: [] for c in ("page", "note", "date", "date_precision", "checked_date", "source")}
    targets: dict[str, pd.DataFrame] = {}
    for i, (t, k) in enumerate(zip(df[table].astype(str), df[key].astype(str)), start=1):
        if t not in targets:
            targets[t] = load(t, root_path).set_index("id")
        target = targets[t]
        if k not in target.index:
            raise DataError(f"{label}, row {i} (line {i + 1}), field {key!r}: unknown id {k!r}, "
                            f"expected an id of {t}")
        row = target.loc[k]
        for c in extra:
            value = row[c] if c in row.index else None
            extra[c].append(None if value is None or pd.isna(value) else value)
    out = df.copy()
    out["page"] = pd.array(extra["page"], dtype="Int64")
    out["note"] = pd.array(extra["note"], dtype="Int64")
    out["date"] = pd.to_datetime(pd.Series(extra["date"], dtype="object"))
    out["date_precision"] = pd.array(extra["date_precision"], dtype="string")
    out["checked_date"] = pd.to_datetime(pd.Series(extra["checked_date"], dtype="object"))
    out["source"] = pd.array(extra["source"], dtype="string")
    return out
