import csv
from importlib import resources

from juesuan.data import glossary


def test_every_code_and_title_of_the_seed_has_an_english_name(seed):
    for name in ("t02_income", "t03_expenditure", "t05_general_budget"):
        for r in seed.datasets[name]:
            if r["code"]:
                assert glossary.code_name("functional", r["code"]), r["code"]
    for r in seed.datasets["t06_basic_economic"]:
        if r["code"]:
            assert glossary.code_name("economic", r["code"]), r["code"]
    for table in seed.report["tables"].values():
        assert table["title_en"]


def test_known_renderings():
    assert glossary.code_name("functional", "205") == "Education"
    assert glossary.code_name("economic", "30101") == "Basic salaries"
    assert glossary.term("一、一般公共预算财政拨款收入") == glossary.term("一般公共预算财政拨款收入") is not None
    assert glossary.english("某某未知科目", code="2999999", kind="functional") == "某某未知科目"


def test_unknown_codes_are_listed(seed_text):
    from juesuan.read.ingest import parse

    text = seed_text.replace("2050299\t其他普通教育支出", "2050298\t某新设科目", 1)
    report = parse(text, 2024).report
    assert report["unknown_codes"] == [{"kind": "functional", "code": "2050298", "name_zh": "某新设科目"}]


def test_glossary_file_is_well_formed():
    with resources.files("juesuan.data").joinpath("glossary.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["kind"] for r in rows} == {"functional", "economic", "table", "term"}
    for r in rows:
        assert r["en"].strip() and r["zh"].strip()
        if r["kind"] == "functional":
            assert len(r["code"]) in (3, 5, 7) and r["code"].isdigit()
        if r["kind"] == "economic":
            assert len(r["code"]) in (3, 5) and r["code"].isdigit()
    keys = [(r["kind"], r["code"], r["zh"]) for r in rows]
    assert len(keys) == len(set(keys))


def test_data_dictionary_is_current():
    from juesuan.data.dictionary import readme as dictionary

    from ..conftest import ROOT

    assert (ROOT / "data" / "README.md").read_text(encoding="utf-8") == dictionary(), "run: juesuan dictionary > data/README.md"
