"""The data package describes every file and every field, and Frictionless finds it valid."""

from __future__ import annotations

import csv

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
