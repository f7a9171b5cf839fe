"""The data package describes every file and every field, and Frictionless finds it valid."""

from __future__ import annotations

import csv
import json

import datadoc  # tools/, on the path from conftest.py
from helpers import data

DATA = data.DATA_DIR
DESCRIBED_ELSEWHERE = {"README.md", "datapackage.json"}


def test_frictionless_finds_the_package_valid():
    from frictionless import Package

    report = Package(str(DATA / "datapackage.json"), basepath=str(DATA)).validate()
    problems = report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    assert report.valid, problems[:20]


def test_every_data_file_is_described():
    described = {r["path"] for r in data.package()["resources"]}
    on_disk = {p.relative_to(DATA).as_posix() for p in DATA.rglob("*")
               if p.is_file() and p.suffix in {".csv", ".geojson", ".json"}
               and p.name not in DESCRIBED_ELSEWHERE}
    assert on_disk - described == set(), "files not in datapackage.json"
    assert described - on_disk == set(), "datapackage.json names files that do not exist"


def test_every_column_is_described_with_type_and_description():
    for res in data.package()["resources"]:
        if res.get("format") != "csv":
            continue
        with (DATA / res["path"]).open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        fields = res["schema"]["fields"]
        assert header == [f["name"] for f in fields], res["name"]
        for f in fields:
            assert f.get("type") and f.get("description"), f"{res['name']}.{f['name']}"
        assert res.get("sources") and res.get("licenses"), res["name"]


def test_external_rows_name_their_source():
    for res in data.package()["resources"]:
        if res["path"].startswith("external/"):
            df = data.load(res["name"])
            assert "source" in df, res["name"]
            assert df["source"].notna().all() and (df["source"].str.len() > 0).all(), res["name"]


def test_data_readme_documents_every_file():
    readme = (DATA / "README.md").read_text(encoding="utf-8") + (DATA / "geo" / "README.md").read_text(encoding="utf-8")
    missing = [r["path"] for r in data.package()["resources"]
               if r["path"].split("/")[-1] not in readme]
    assert not missing, f"data/README.md does not mention {missing}"


def test_data_readme_tables_are_generated_from_the_descriptor():
    text = (DATA / "README.md").read_text(encoding="utf-8")
    assert datadoc.updated(text) == text, \
        "data/README.md's tables are out of date with datapackage.json: run `make datadoc`"
    assert datadoc.main(["--check"]) == 0


def test_a_new_resource_appears_in_the_generated_tables(data_copy):
    """A resource added to the descriptor (as under data/model/) needs no change to the tool."""
    pkg = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    before = datadoc.generate(pkg, data_copy)
    (data_copy / "model" / "weights.csv").write_text("id,weight\nregime,0.5\nenergy,0.25\n",
                                                      encoding="utf-8")
    pkg["resources"].append({
        "name": "weights", "path": "model/weights.csv", "format": "csv",
        "title": "Weights | a teaching model", "description": "Ours, not\n  the article's.",
        "sources": [{"title": "this collection"}], "licenses": [{"name": "CC-BY-4.0"}],
        "schema": {"fields": [
            {"name": "id", "type": "string", "description": "Indicator.",
             "constraints": {"required": True, "pattern": "^[a-z_]+$", "maxLength": 20}},
            {"name": "weight", "type": "number", "unit": "share", "description": "Weight.",
             "constraints": {"minimum": 0, "maximum": 1}}],
            "primaryKey": ["id"],
            "foreignKeys": [{"fields": ["id"], "reference": {"resource": "regime_indicators",
                                                             "fields": ["id"]}}]}})
    after = datadoc.generate(pkg, data_copy)
    assert after != before
    assert ("| [weights](#weights) | [`model/weights.csv`](model/weights.csv) | 2 | Weights \\| "
            "a teaching model | this collection | "
            "[CC-BY-4.0](https://creativecommons.org/licenses/by/4.0/) |") in after
    section = after.split("### weights\n", 1)[1]
    assert section.startswith("\n**Weights | a teaching model** — `model/weights.csv`, 2 rows\n\n"
                              "Ours, not the article's.\n")
    assert ("| `id` | string |  | primary key; required; at most 20 characters; matches "
            "`^[a-z_]+$`; refers to `regime_indicators.id` | Indicator. |") in after
    assert "| `weight` | number | share | from 0 to 1 | Weight. |" in after
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert datadoc.updated(readme, pkg, data_copy) != readme
