"""Load the collection's tables, typed and checked against ``data/datapackage.json``.

The data package is the single description of every file and field: the loaders read the
field types and constraints from it, so what the documentation says is what is enforced.
Any violation raises :class:`helpers.errors.DataError` naming the file, the row and the
field::

    >>> visits = load("visits")
    >>> str(visits["date"].dtype).startswith("datetime64")
    True

Rows are counted from 1 for the first data row; the message also gives the line of the file
(the header is line 1).

What is checked, as Frictionless (Table Schema) defines it, and a little more:

- the header: every described column present, none undescribed, none twice, in the
  descriptor's order;
- each cell against its field's ``type`` (string, integer, number, date, year, boolean) and
  ``constraints``: ``required``, ``enum``, ``minimum``/``maximum`` (and the exclusive forms),
  ``pattern`` (the whole text must match), ``minLength``/``maxLength`` (characters of a string);
- ``unique`` fields and the ``primaryKey`` (one field or several): no value or combination
  twice, and no primary-key field empty;
- ``foreignKeys``: every non-empty value (or combination) found in the table it refers to.

Stricter than Frictionless: refused are a cell or header label with spaces around its text,
numbers spelled ``nan``, ``inf`` or ``1_000``, digits other than 0-9, dates not written
``YYYY-MM-DD`` in full, an empty part of a composite key, and text that matches a pattern only
in part (tests/test_loader_differential.py lists every difference, with its reason).

A descriptor that asks for something the loader does not check (a constraint it does not
know, a constraint the field's type does not take, another type, a ``format``, custom
missing or true/false values, a CSV dialect) is refused with a DataError as well, rather than
silently ignored.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple
from collections.abc import Callable

import pandas as pd

from .errors import DataError

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
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


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


@lru_cache(maxsize=4)
def _package_cached(root: Path, mtime: float) -> dict:
    path = root / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise DataError(f"{_rel(path, root)}, line {e.lineno}: not valid JSON ({e.msg})") from None


def package(root: Path | str | None = None) -> dict:
    """The data package descriptor (``data/datapackage.json``) as a dict."""
    root = Path(root) if root else DATA_DIR
    path = root / "datapackage.json"
    if not path.is_file():
        raise DataError(f"{path}: the data package descriptor is missing")
    return _package_cached(root, path.stat().st_mtime)


def names(root: Path | str | None = None) -> list[str]:
    """Names of all tabular resources, e.g. ``['actors', 'visits', ...]``."""
    return [r["name"] for r in package(root)["resources"] if r.get("format", "csv") == "csv"]


def resource(name: str, root: Path | str | None = None) -> dict:
    """The descriptor of one resource; an unknown name raises DataError listing the known ones."""
    for r in package(root)["resources"]:
        if r["name"] == name:
            return r
    raise DataError(f"datapackage.json: no resource named {name!r}; known: {', '.join(names(root))}")


def describe(name: str, root: Path | str | None = None) -> pd.DataFrame:
    """One row per field of a table: name, type, unit, description (for a reader's reference)."""
    fields = resource(name, root)["schema"]["fields"]
    return pd.DataFrame(
        [{"field": f["name"], "type": f["type"], "unit": f.get("unit", ""),
          "description": f.get("description", "")} for f in fields]
    ).set_index("field")


# --- reading one cell ----------------------------------------------------------------------

class _Bad(ValueError):
    """A cell that fails: ``expected`` says what was wanted, ``got`` (optional) what was there."""

    def __init__(self, expected: str, got: str | None = None):
        super().__init__(expected)
        self.got = got


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


def _date(value: str) -> dt.date:
    try:
        if _DATE.fullmatch(value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise _Bad("a date as YYYY-MM-DD")


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
    "string": None, "integer": _integer, "number": _number, "date": _date, "year": _year,
    "boolean": _boolean,
}


def _as_value(constraint, parse, what: str):
    """A bound or enum item of the descriptor as a value of the field's type (JSON gives
    numbers as numbers, dates as text)."""
    if parse is None or not isinstance(constraint, str):
        return constraint
    try:
        return parse(constraint)
    except ValueError:
        raise DataError(f"{what}: {constraint!r} is not a value of the field's type") from None


def _bounds_text(lo, lo_open: bool, hi, hi_open: bool) -> str:
    if lo is not None and hi is not None and not lo_open and not hi_open:
        return f"a value from {lo} to {hi}"
    parts = [f"{'>' if lo_open else '≥'} {lo}" if lo is not None else "",
             f"{'<' if hi_open else '≤'} {hi}" if hi is not None else ""]
    return "a value " + " and ".join(p for p in parts if p)


def _enum_check(c: dict, parse, what: str) -> Callable[[Any], None]:
    allowed = {_as_value(v, parse, f"{what}, enum"): None for v in c["enum"]}
    expected = "one of " + ", ".join(map(str, allowed))

    def check(v):
        if v not in allowed:
            raise _Bad(expected)
    return check


def _bounds_check(c: dict, parse, what: str) -> Callable[[Any], None]:
    lo_open, hi_open = "exclusiveMinimum" in c, "exclusiveMaximum" in c
    if ("minimum" in c and lo_open) or ("maximum" in c and hi_open):
        raise DataError(f"{what}: both an inclusive and an exclusive bound on one side")
    lo = _as_value(c.get("exclusiveMinimum", c.get("minimum")), parse, f"{what}, minimum")
    hi = _as_value(c.get("exclusiveMaximum", c.get("maximum")), parse, f"{what}, maximum")
    expected = _bounds_text(lo, lo_open, hi, hi_open)

    def check(v):
        if (lo is not None and (v <= lo if lo_open else v < lo)) or \
           (hi is not None and (v >= hi if hi_open else v > hi)):
            raise _Bad(expected)
    return check


def _pattern_check(c: dict, parse, what: str) -> Callable[[Any], None]:
    try:
        pattern = re.compile(c["pattern"])
    except re.error as e:
        raise DataError(f"{what}: pattern {c['pattern']!r} is not a regular expression "
                        f"({e})") from None
    expected = f"text matching {c['pattern']}"

    def check(v):
        if not pattern.fullmatch(v):  # the whole text, as the Table Schema spec says
            raise _Bad(expected)
    return check


def _length_check(c: dict, parse, what: str) -> Callable[[Any], None]:
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


def _reader(field: dict, what: str) -> Callable[[str], Any] | None:
    """The function that turns a non-empty cell into its value, checking the field's
    constraints (raises _Bad); None for a string field with nothing to check."""
    c = field.get("constraints", {})
    parse = _PARSERS[field["type"]]
    checks = [make(c, parse, what) for keys, make in _CHECKS
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


class _Plan(NamedTuple):
    """A resource's schema, checked once and turned into readers."""
    fields: list[dict]
    readers: list[Callable[[str], Any] | None]
    required: list[str | None]  # None, or the complaint about an empty cell
    unique: list[bool]
    key: list[int]  # positions of the primary-key fields


def _key_fields(value, what: str, known: list[str]) -> list[str]:
    cols = value if isinstance(value, list) else [value]
    for col in cols:
        if col not in known:
            raise DataError(f"{what}: no field {col!r} in the schema")
    return cols


@lru_cache(maxsize=256)
def _plan_cached(root: Path, mtime: float, name: str) -> _Plan:
    res = resource(name, root)
    what = f"datapackage.json, resource {name!r}"
    if "dialect" in res:
        raise DataError(f"{what}: a CSV dialect is not read by the loader (comma-separated, "
                        "double-quoted, UTF-8 only)")
    schema = res.get("schema")
    if not isinstance(schema, dict) or not schema.get("fields"):
        raise DataError(f"{what}: no schema with fields")
    if "missingValues" in schema:
        raise DataError(f"{what}: missingValues is not read by the loader (only an empty "
                        "cell is missing)")
    fields = schema["fields"]
    field_names = [f["name"] for f in fields]
    twice = sorted({n for n in field_names if field_names.count(n) > 1})
    if twice:
        raise DataError(f"{what}: field {twice[0]!r} described twice")
    key = _key_fields(schema.get("primaryKey", []), f"{what}, primaryKey", field_names)
    for fk in schema.get("foreignKeys", []):
        _key_fields(fk["fields"], f"{what}, foreignKeys", field_names)
    readers, required, unique = [], [], []
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
        readers.append(_reader({**f, "type": kind}, where))
        required.append("required, but empty" if c.get("required")
                        else "part of the primary key, but empty" if f["name"] in key else None)
        unique.append(bool(c.get("unique")))
    return _Plan(fields, readers, required, unique, [field_names.index(k) for k in key])


def _plan(name: str, root: Path) -> _Plan:
    package(root)  # refreshes the descriptor, and raises if it is missing or broken
    return _plan_cached(root, (root / "datapackage.json").stat().st_mtime, name)


# --- reading one table ----------------------------------------------------------------------

def _read_rows(path: Path, label: str) -> tuple[list[str], list[list[str]]]:
    if not path.is_file():
        raise DataError(f"{label}: file not found")
    try:
        # utf-8-sig: a byte-order mark, as spreadsheet programs write, is not part of the header
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh, strict=True))
    except UnicodeDecodeError as e:
        raise DataError(f"{label}: not UTF-8 text (byte {e.start})") from None
    except csv.Error as e:
        raise DataError(f"{label}: broken CSV ({e})") from None
    if not rows:
        raise DataError(f"{label}: empty file, expected a header row")
    return rows[0], rows[1:]


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


def _validate(name: str, root: Path) -> tuple[dict[str, list], dict]:
    """The table's values, field by field, each cell checked; and its descriptor."""
    res = resource(name, root)
    plan = _plan(name, root)
    path = root / res["path"]
    label = _rel(path, root)
    header, rows = _read_rows(path, label)
    fields = plan.fields
    names_ = [f["name"] for f in fields]
    _check_header(header, names_, label)
    width = len(header)
    columns: list[list] = [[] for _ in fields]
    seen: list[dict | None] = [{} if u else None for u in plan.unique]
    key_seen: dict[tuple, int] = {}
    single_key_checked = len(plan.key) == 1 and plan.unique[plan.key[0]]
    todo = list(zip(range(width), names_, plan.readers, plan.required, seen, columns))
    for i, row in enumerate(rows, start=1):
        if len(row) != width:
            raise DataError(f"{label}, row {i} (line {i + 1}): expected {width} fields, "
                            f"found {len(row)}")
        for j, fname, read, required, values, column in todo:
            raw = row[j]
            if raw == "":
                if required:
                    raise DataError(f"{label}, row {i} (line {i + 1}), field {fname!r}: {required}")
                column.append(None)
                continue
            if raw[0].isspace() or raw[-1].isspace():
                raise DataError(f"{label}, row {i} (line {i + 1}), field {fname!r}: "
                                f"expected no space before or after the value, got {raw!r}")
            if read is None:
                value = raw
            else:
                try:
                    value = read(raw)
                except ValueError as e:
                    got = getattr(e, "got", None) or repr(raw)
                    raise DataError(f"{label}, row {i} (line {i + 1}), field {fname!r}: "
                                    f"expected {e}, got {got}") from None
            if values is not None:
                first = values.get(value)
                if first is not None:
                    raise DataError(f"{label}, row {i} (line {i + 1}), field {fname!r}: "
                                    f"duplicate {raw!r} (also row {first})")
                values[value] = i
            column.append(value)
        if plan.key and not single_key_checked:
            k = tuple(columns[j][-1] for j in plan.key)
            first = key_seen.get(k)
            if first is not None:
                cols = tuple(names_[j] for j in plan.key)
                which = (f"field {cols[0]!r}: duplicate key {k[0]!r}" if len(cols) == 1
                         else f"fields {cols}: duplicate key {k}")
                raise DataError(f"{label}, row {i} (line {i + 1}), {which} (also row {first})")
            key_seen[k] = i
    return dict(zip(names_, columns)), res


def _frame(columns: dict[str, list], fields: list[dict]) -> pd.DataFrame:
    out = {}
    for f in fields:
        values, kind = columns[f["name"]], f.get("type", "string")
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


def _check_foreign_keys(columns: dict[str, list], res: dict, root: Path) -> None:
    """Every non-empty value (or combination) of a foreign key is a key of the table it names.
    ``columns`` are the table's checked values, field by field."""
    label = _rel(root / res["path"], root)
    for fk in res["schema"].get("foreignKeys", []):
        cols = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        ref_cols = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        target_name = ref["resource"] or res["name"]
        if len(cols) != len(ref_cols):
            raise DataError(f"datapackage.json, resource {res['name']!r}, foreignKeys: "
                            f"fields {cols} and reference fields {ref_cols} differ in number")
        target = _load_checked(ref["resource"], root)[1] if ref["resource"] else columns
        for col in ref_cols:
            if col not in target:
                raise DataError(f"datapackage.json, resource {res['name']!r}, foreignKeys: "
                                f"no field {col!r} in {target_name}")
        known = set(zip(*(target[c] for c in ref_cols)))
        for i, k in enumerate(zip(*(columns[c] for c in cols)), start=1):
            if k in known or all(v is None for v in k):  # an empty reference refers to nothing
                continue
            where = f"{label}, row {i} (line {i + 1})"
            if len(cols) == 1:
                raise DataError(f"{where}, field {cols[0]!r}: unknown code {k[0]!r}, "
                                f"expected a {ref_cols[0]} of {target_name}")
            raise DataError(f"{where}, fields {tuple(cols)}: unknown key {k}, expected a "
                            f"({', '.join(ref_cols)}) of {target_name}")


_CACHE: dict[tuple, tuple[pd.DataFrame, dict[str, list]]] = {}


def _references(name: str, root: Path, seen: frozenset = frozenset()) -> list[str]:
    """The table and every table its foreign keys lead to, directly or not."""
    out = [name]
    for fk in resource(name, root)["schema"].get("foreignKeys", []):
        ref = fk["reference"]["resource"]
        if ref and ref != name and ref not in seen:
            out += _references(ref, root, seen | {name})
    return list(dict.fromkeys(out))


def _mtime(path: Path):
    return path.stat().st_mtime_ns if path.is_file() else None


def _load_checked(name: str, root: Path) -> tuple[pd.DataFrame, dict[str, list]]:
    # The key holds the modification times of the table, of the tables it refers to and of the
    # descriptor, so an edit to any of them (actors.csv, say) means a fresh check.
    files = [root / resource(n, root)["path"] for n in _references(name, root)]
    key = (str(root), name, tuple(_mtime(f) for f in files), _mtime(root / "datapackage.json"))
    if key not in _CACHE:
        columns, res = _validate(name, root)
        _check_foreign_keys(columns, res, root)
        # only a table that passed every check is kept
        _CACHE[key] = _frame(columns, _plan(name, root).fields), columns
    return _CACHE[key]


def load(name: str, root: Path | str | None = None) -> pd.DataFrame:
    """Load one table by its resource name, typed and validated.

    Integers become ``Int64``, dates ``datetime64``, booleans ``boolean``, fields with an
    ``enum`` constraint categoricals, other text ``string``. A violation of the schema raises
    DataError; nothing is cached or written when a load fails.

    >>> load("actors").loc[lambda d: d.code == "AZ", "name_en"].item()
    'Azerbaijan'
    """
    root = Path(root) if root else DATA_DIR
    return _load_checked(name, root)[0].copy()


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
    root_path = Path(root) if root else DATA_DIR
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
