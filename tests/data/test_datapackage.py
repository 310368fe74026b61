"""data/<year>/datapackage.json: every committed year is a valid Frictionless Data Package (checked by the frictionless
library itself, with the network shut), describing exactly the year's files with the dataset specifications."""

from __future__ import annotations

import json
import re
import shutil
import socket

import frictionless
import pytest
from click.testing import CliRunner

from juesuan.cli import main
from juesuan.data import labels, package
from juesuan.data.datasets import DATASETS, years

from ..conftest import ROOT, SEED_DATA, SEED_UNIT

YEARS = years(SEED_DATA)
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def offline(monkeypatch):
    """No connection can be opened: validating must read nothing but the year's own files."""

    def refuse(*args, **kwargs):
        raise OSError("the network is shut in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def load(year: int) -> tuple[dict, dict]:
    folder = SEED_DATA / str(year)
    return (json.loads((folder / "datapackage.json").read_text(encoding="utf-8")),
            json.loads((folder / "report.json").read_text(encoding="utf-8")))


def test_there_is_a_year_to_check():
    assert YEARS


@pytest.mark.parametrize("year", YEARS)
def test_frictionless_finds_the_package_valid_offline(year, offline):
    report = frictionless.validate(str(SEED_DATA / str(year) / "datapackage.json"))
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])[:10]
    assert not report.warnings
    assert len(report.tasks) == len(DATASETS) + 1  # every CSV, and report.json


@pytest.mark.parametrize("year", YEARS)
def test_the_package_describes_exactly_the_years_files(year):
    descriptor, report = load(year)
    folder = SEED_DATA / str(year)
    tables = [r for r in descriptor["resources"] if r["format"] == "csv"]
    assert [r["name"] for r in tables] == list(DATASETS)
    assert {r["name"] for r in tables} == {p.stem for p in folder.glob("*.csv")}
    assert {r["path"] for r in descriptor["resources"]} == {p.name for p in folder.iterdir()} - {"datapackage.json"}
    for r in tables:
        assert (r["path"], r["profile"], r["mediatype"], r["encoding"]) == (f"{r['name']}.csv", "tabular-data-resource",
                                                                             "text/csv", "utf-8")
    about = next(r for r in descriptor["resources"] if r["path"] == "report.json")
    assert (about["format"], about["mediatype"], about["profile"]) == ("json", "application/json", "data-resource")
    # what ingest writes now: nothing hand-made, nothing left from older specifications
    assert (folder / "datapackage.json").read_text(encoding="utf-8") == package.text(report)


@pytest.mark.parametrize("year", YEARS)
def test_fields_are_the_specifications_with_types_units_and_both_languages(year):
    descriptor, _ = load(year)
    types = {"text": "string", "enum": "string", "code": "string", "decimal": "number", "int": "integer"}
    for r in (r for r in descriptor["resources"] if r["format"] == "csv"):
        spec = DATASETS[r["name"]]
        fields = r["schema"]["fields"]
        assert [f["name"] for f in fields] == list(spec["columns"])
        assert r["schema"].get("primaryKey", []) == list(spec["key"]) and r["schema"]["missingValues"] == [""]
        for f in fields:
            col = spec["columns"][f["name"]]
            assert f["type"] == types[col.kind], f
            assert f["description"] == col.doc and f["description"].strip(), f
            assert CJK.search(f["description_zh"]) and f["description_zh"] == col.zh, f
            assert (f["title"], f["title_zh"]) == (labels.head(f["name"], "en"), labels.head(f["name"], "zh")), f
            assert CJK.search(f["title_zh"]) and not CJK.search(f["title"]), f
            assert f.get("constraints", {}).get("required", False) is not col.nullable
            if f["name"].endswith("_wan_yuan"):
                assert (f["type"], f["unit"], f["currency"], f["bareNumber"]) == ("number", "万元", "CNY", True)
            elif f["name"].endswith("_yuan"):
                assert (f["type"], f["unit"], f["currency"], f["bareNumber"]) == ("number", "元", "CNY", True)
            else:
                assert "currency" not in f
    amount = next(f for r in descriptor["resources"] if r["name"] == "t03_expenditure"
                  for f in r["schema"]["fields"] if f["name"] == "amount_wan_yuan")
    assert amount["unit"] == "万元" and amount["currency"] == "CNY"


@pytest.mark.parametrize("year", YEARS)
def test_the_package_names_its_source_and_carries_no_timestamp(year):
    descriptor, report = load(year)
    assert descriptor["sources"][0]["sha256"] == report["source"]["sha256"]
    assert descriptor["sources"][0]["path"] == report["source"]["file"]
    assert re.fullmatch(rf"juesuan-[a-z0-9-]+-{year}", descriptor["name"])
    assert report["unit_zh"] in descriptor["title"] and str(year) in descriptor["title"]
    assert "Final accounts" in descriptor["title"] and CJK.search(descriptor["description_zh"])
    assert "created" not in descriptor and "$schema" not in json.dumps(descriptor)
    assert descriptor["profile"] == "data-package"  # a profile frictionless knows by name: nothing to fetch
    assert "://" not in json.dumps(descriptor)


def test_the_package_name_is_the_units_pinyin():
    assert package.slug("长沙市现代教育技术中心") == "changshashixiandaijiaoyujishuzhongxin"
    assert package.slug("重庆市<b>银行</b> (2)") == "chongqingshi-b-yinhang-b-2"
    assert package.slug("") == ""


def validate(data):
    return CliRunner().invoke(main, ["validate", "--all", "--data-dir", str(data)])


def test_juesuan_validate_checks_the_package(tmp_path, offline):
    data = tmp_path / "data"
    shutil.copytree(SEED_DATA / str(YEARS[-1]), data / SEED_UNIT / str(YEARS[-1]))
    path = data / SEED_UNIT / str(YEARS[-1]) / "datapackage.json"
    assert validate(data).exit_code == 0

    good = path.read_text(encoding="utf-8")
    descriptor = json.loads(good)
    descriptor["resources"][0]["schema"]["fields"][0]["description_zh"] = "旧的说明"
    path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    stale = validate(data)
    assert stale.exit_code == 2 and "not the dataset specifications'" in stale.stderr

    descriptor = json.loads(good)
    descriptor["resources"][-1]["path"] = "missing.json"  # frictionless reads the files the package names
    path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    broken = validate(data)
    assert broken.exit_code == 2 and "datapackage.json: report" in broken.stderr

    path.unlink()
    missing = validate(data)
    assert missing.exit_code == 2 and "datapackage.json: missing" in missing.stderr
