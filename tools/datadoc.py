"""Write data/README.md's tables of resources and fields from data/datapackage.json.

The descriptor is the one description of every file and field; this script renders it for a
reader: one table of all resources (name, file, rows, title, sources, licence) and, per
resource, its description, keys and a table of its fields (type, unit, constraints in words,
description). The text goes into data/README.md between the markers
``<!-- datadoc:start -->`` and ``<!-- datadoc:end -->``; everything outside them is written
by hand and left alone. A new resource in the descriptor needs no change here.

    python tools/datadoc.py            # print the generated text
    python tools/datadoc.py --write    # update data/README.md
    python tools/datadoc.py --check    # exit 1 if data/README.md is out of date
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from markers import cli, replace_between

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
README = DATA / "README.md"
START, END = "<!-- datadoc:start -->", "<!-- datadoc:end -->"


def _cell(text) -> str:
    """Text fit for one cell of a markdown table: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _code(text) -> str:
    return f"`{text}`"


def _list(value) -> list:
    return value if isinstance(value, list) else [value]


def rows(res: dict, root: Path) -> str:
    """How many rows (CSV) or features (GeoJSON) the resource's file holds; '—' if unknown."""
    path = root / res["path"]
    if not path.is_file():
        return "—"
    if res.get("format", "csv") == "csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return str(max(sum(1 for _ in csv.reader(fh)) - 1, 0))
    try:
        features = json.loads(path.read_text(encoding="utf-8")).get("features")
    except (ValueError, AttributeError):
        return "—"
    if not isinstance(features, list):
        return "—"
    return f"{len(features)} feature{'' if len(features) == 1 else 's'}"


def _link(item: dict, text: str) -> str:
    return f"[{text}]({item['path']})" if str(item.get("path", "")).startswith("http") else text


def sources(res: dict) -> str:
    return "; ".join(_link(s, s.get("title") or s.get("path", "")) for s in res.get("sources", []))


def licences(res: dict, pkg: dict) -> str:
    """The resource's licences (else the package's), linked where the package gives the text."""
    known = {lic.get("name"): lic for lic in pkg.get("licenses", [])}
    out = []
    for lic in res.get("licenses") or pkg.get("licenses", []):
        name = lic.get("name") or lic.get("title") or lic.get("path", "")
        out.append(_link(lic if lic.get("path") else known.get(name, {}), name))
    return "; ".join(out)


def constraints(field: dict, res: dict) -> str:
    """A field's constraints, keys and references in words."""
    c = dict(field.get("constraints", {}))
    schema = res.get("schema", {})
    words = []
    key = _list(schema.get("primaryKey", []))
    if field["name"] in key:
        words.append("primary key" if len(key) == 1
                     else "part of the primary key (" + ", ".join(map(_code, key)) + ")")
    if c.pop("required", False):
        words.append("required")
    if c.pop("unique", False):
        words.append("unique")
    if "enum" in c:
        words.append("one of " + ", ".join(_code(v) for v in c.pop("enum")))
    lo_key = "exclusiveMinimum" if "exclusiveMinimum" in c else "minimum"
    hi_key = "exclusiveMaximum" if "exclusiveMaximum" in c else "maximum"
    lo, hi = c.pop(lo_key, None), c.pop(hi_key, None)
    if lo is not None and hi is not None and lo_key == "minimum" and hi_key == "maximum":
        words.append(f"from {lo} to {hi}")
    else:
        if lo is not None:
            words.append(f"{'>' if lo_key == 'exclusiveMinimum' else '≥'} {lo}")
        if hi is not None:
            words.append(f"{'<' if hi_key == 'exclusiveMaximum' else '≤'} {hi}")
    low, high = c.pop("minLength", None), c.pop("maxLength", None)
    if low is not None and high is not None:
        words.append(f"{low} to {high} characters")
    elif low is not None:
        words.append(f"at least {low} characters")
    elif high is not None:
        words.append(f"at most {high} characters")
    if "pattern" in c:
        words.append("matches " + _code(c.pop("pattern")))
    words += [f"{k}: {_code(json.dumps(v, ensure_ascii=False))}" for k, v in c.items()]
    for fk in schema.get("foreignKeys", []):
        fields = _list(fk["fields"])
        if field["name"] in fields:
            ref = fk["reference"]
            target = ref.get("resource") or res["name"]
            ref_fields = _list(ref["fields"])
            words.append("refers to " + (
                _code(f"{target}.{ref_fields[fields.index(field['name'])]}") if len(fields) == 1
                else f"{_code(target)} ({', '.join(ref_fields)}) with ({', '.join(fields)})"))
    return "; ".join(words)


def _ordered(pkg: dict) -> list[dict]:
    """Resources grouped by folder (in order of first appearance), descriptor order within."""
    folders: dict[str, list[dict]] = {}
    for res in pkg.get("resources", []):
        folder = res["path"].rsplit("/", 1)[0] if "/" in res["path"] else ""
        folders.setdefault(folder, []).append(res)
    return [res for group in folders.values() for res in group]


def overview(pkg: dict, root: Path) -> str:
    lines = ["| Resource | File | Rows | What it is | Sources | Licence |",
             "|---|---|---|---|---|---|"]
    for res in _ordered(pkg):
        lines.append("| " + " | ".join(_cell(x) for x in (
            f"[{res['name']}](#{res['name'].lower()})", f"[{_code(res['path'])}]({res['path']})",
            rows(res, root), res.get("title", ""), sources(res), licences(res, pkg))) + " |")
    return "\n".join(lines)


def fields_table(res: dict) -> str:
    fields = res.get("schema", {}).get("fields") or res.get("x-properties") or []
    if not fields:
        return "No field descriptions."
    lines = ["| Field | Type | Unit | Constraints | Description |", "|---|---|---|---|---|"]
    for f in fields:
        kind = f.get("type", "string") + (f" ({f['format']})" if f.get("format", "default")
                                          != "default" else "")
        lines.append("| " + " | ".join(_cell(x) for x in (
            _code(f["name"]), kind, f.get("unit", ""), constraints(f, res),
            f.get("description", ""))) + " |")
    return "\n".join(lines)


def section(res: dict, root: Path) -> str:
    n = rows(res, root)
    size = f"{n} rows" if n.isdigit() else n
    head = [f"### {res['name']}", "",
            f"**{res.get('title', res['name'])}** — {_code(res['path'])}, {size}", ""]
    if res.get("description"):
        head += [" ".join(res["description"].split()), ""]
    if res.get("x-properties") and not res.get("schema"):
        head += ["Properties of each feature:", ""]
    return "\n".join(head + [fields_table(res)])


def generate(pkg: dict | None = None, root: Path = DATA) -> str:
    """The text between the markers, for a descriptor (default: data/datapackage.json)."""
    if pkg is None:
        pkg = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    parts = ["<!-- Generated from datapackage.json by tools/datadoc.py: edit the descriptor, "
             "then run `make datadoc`. -->", "", "## Tables", "", overview(pkg, root), "",
             "## Fields", "",
             "Constraints of the CSV fields are enforced by the loader (`helpers.data.load`) and "
             "by Frictionless; the properties of GeoJSON features are checked by `helpers.maps`.",
             ""]
    parts += [section(res, root) + "\n" for res in _ordered(pkg)]
    return "\n".join(parts).rstrip("\n")


def updated(readme: str, pkg: dict | None = None, root: Path = DATA) -> str:
    return replace_between(readme, START, END, generate(pkg, root), name="data/README.md")


def main(argv: list[str]) -> int:
    return cli(argv, README, updated, generate, stale="data/README.md's tables are out of date with "
               "datapackage.json: run `make datadoc`")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
