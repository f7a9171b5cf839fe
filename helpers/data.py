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
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .errors import DataError

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
_TRUE, _FALSE = {"true", "True", "TRUE", "1"}, {"false", "False", "FALSE", "0"}


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


def _parse(value: str, field: dict):
    """Parse one non-empty cell; return (python value) or raise ValueError(expected...)."""
    kind = field["type"]
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise ValueError("an integer")
        return int(value)
    if kind == "number":  # plain decimals only: no "nan", "inf" or "1_000"
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", value):
            raise ValueError("a number")
        return float(value)
    if kind == "date":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("a date as YYYY-MM-DD") from None
    if kind == "year":
        if not re.fullmatch(r"\d{4}", value):
            raise ValueError("a year (four digits)")
        return int(value)
    if kind == "boolean":
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ValueError("true or false")
    return value


def _check(value, field: dict) -> None:
    """Check the field's constraints on a parsed value; raise ValueError(expected...)."""
    c = field.get("constraints", {})
    if "enum" in c and value not in c["enum"]:
        raise ValueError("one of " + ", ".join(map(str, c["enum"])))
    lo, hi = c.get("minimum"), c.get("maximum")
    if field["type"] == "date":
        lo = dt.date.fromisoformat(lo) if lo else None
        hi = dt.date.fromisoformat(hi) if hi else None
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ValueError(f"a value from {lo} to {hi}" if lo is not None and hi is not None
                         else f"a value {'≥ ' + str(lo) if lo is not None else '≤ ' + str(hi)}")
    if "pattern" in c and not re.fullmatch(c["pattern"], str(value)):
        raise ValueError(f"text matching {c['pattern']}")


def _read_rows(path: Path, label: str) -> tuple[list[str], list[list[str]]]:
    if not path.is_file():
        raise DataError(f"{label}: file not found")
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, strict=True))
    except UnicodeDecodeError as e:
        raise DataError(f"{label}: not UTF-8 text (byte {e.start})") from None
    except csv.Error as e:
        raise DataError(f"{label}: broken CSV ({e})") from None
    if not rows:
        raise DataError(f"{label}: empty file, expected a header row")
    return rows[0], rows[1:]


def _validate(name: str, root: Path) -> tuple[pd.DataFrame, dict]:
    res = resource(name, root)
    path = root / res["path"]
    label = _rel(path, root)
    header, rows = _read_rows(path, label)
    fields = res["schema"]["fields"]
    expected = [f["name"] for f in fields]
    for col in header:
        if col not in expected:
            raise DataError(f"{label}, header, field {col!r}: not described in datapackage.json")
    for col in expected:
        if col not in header:
            raise DataError(f"{label}, header, field {col!r}: required column is missing")
    columns: dict[str, list] = {f["name"]: [] for f in fields}
    seen: dict[str, dict] = {f["name"]: {} for f in fields if f.get("constraints", {}).get("unique")}
    for i, row in enumerate(rows, start=1):
        where = f"{label}, row {i} (line {i + 1})"
        if len(row) != len(header):
            raise DataError(f"{where}: expected {len(header)} fields, found {len(row)}")
        cells = dict(zip(header, row))
        for f in fields:
            raw = cells[f["name"]].strip()
            if raw == "":
                if f.get("constraints", {}).get("required"):
                    raise DataError(f"{where}, field {f['name']!r}: required, but empty")
                columns[f["name"]].append(None)
                continue
            try:
                value = _parse(raw, f)
                _check(value, f)
            except ValueError as e:
                raise DataError(f"{where}, field {f['name']!r}: expected {e}, got {raw!r}") from None
            if f["name"] in seen:
                if value in seen[f["name"]]:
                    first = seen[f["name"]][value]
                    raise DataError(f"{where}, field {f['name']!r}: duplicate {raw!r} (also row {first})")
                seen[f["name"]][value] = i
            columns[f["name"]].append(value)
    return _frame(columns, fields), res


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
            out[f["name"]] = pd.Categorical(values, categories=f["constraints"]["enum"])
        else:
            out[f["name"]] = pd.array(values, dtype="string")
    return pd.DataFrame(out)


def _check_foreign_keys(df: pd.DataFrame, res: dict, root: Path) -> None:
    label = _rel(root / res["path"], root)
    for fk in res["schema"].get("foreignKeys", []):
        cols = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        ref_cols = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        target = _load_checked(ref["resource"], root) if ref["resource"] else df
        for col, ref_col in zip(cols, ref_cols):
            known = set(target[ref_col].dropna().astype(str))
            for i, v in enumerate(df[col], start=1):
                if not pd.isna(v) and str(v) not in known:
                    raise DataError(
                        f"{label}, row {i} (line {i + 1}), field {col!r}: unknown code {v!r}, "
                        f"expected a {ref_col} of {ref['resource'] or res['name']}"
                    )


_CACHE: dict[tuple, pd.DataFrame] = {}


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


def _load_checked(name: str, root: Path) -> pd.DataFrame:
    # The key holds the modification times of the table, of the tables it refers to and of the
    # descriptor, so an edit to any of them (actors.csv, say) means a fresh check.
    files = [root / resource(n, root)["path"] for n in _references(name, root)]
    key = (str(root), name, tuple(_mtime(f) for f in files), _mtime(root / "datapackage.json"))
    if key not in _CACHE:
        df, res = _validate(name, root)
        _check_foreign_keys(df, res, root)
        _CACHE[key] = df  # only a table that passed every check is kept
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
    return _load_checked(name, root).copy()


def load_all(root: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the package, loaded and checked: ``{name: DataFrame}``."""
    return {n: load(n, root) for n in names(root)}


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
    for i, (t, k) in enumerate(zip(df[table].astype(str), df[key].astype(str)), start=1):
        target = load(t, root_path).set_index("id")
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
