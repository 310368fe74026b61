"""Tables printed in 元 (read/units.py): the seed with its nine tables printed in 元 (each figure as published times
10,000, each table's unit line 单位：元; the prose and the project list as they are) reads to the same figures in 万元,
stored exactly, and is audited with the same findings: the seed's five errors, no more, no fewer."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from click.testing import CliRunner

from juesuan.cli import main
from juesuan.read.units import in_wan_yuan

NINE = [f"t0{k}" for k in range(1, 10)]
_AMOUNT = re.compile(r"-?\d{1,3}(?:,\d{3})*\.\d+|-?\d+\.\d+")


def _in_yuan(cell: str) -> str:
    """A cell's amount (printed with decimals, perhaps in <b>) times 10,000, printed as a 元 table prints it."""
    return _AMOUNT.sub(lambda m: format(Decimal(m.group().replace(",", "")) * 10000, ",f"), cell)


def yuan_variant(text: str) -> str:
    from juesuan.read.blocks import split
    from juesuan.text import normalise

    lines = text.split("\n")
    for block in split(normalise(text)).blocks:
        if block.key not in NINE:
            continue
        for row in block.rows:
            lines[row.line - 1] = "\t".join(_in_yuan(c) for c in lines[row.line - 1].split("\t"))
        assert block.unit == "万元" and "万元" in lines[block.unit_line - 1]
        lines[block.unit_line - 1] = lines[block.unit_line - 1].replace("万元", "元")
    return "\n".join(lines)


@pytest.mark.parametrize("printed, stored", [("27,734,700.00", "2773.47"), ("1234567", "123.4567"),
                                             ("0.00", "0.00"), ("0", "0"), ("10000", "1"),
                                             ("1234567.89", "123.456789"), ("-500.00", "-0.05")])
def test_an_amount_in_yuan_is_the_same_amount_in_wan_yuan_exactly(printed, stored):
    assert in_wan_yuan(printed.replace(",", "")) == stored
    assert Decimal(stored) * 10000 == Decimal(printed.replace(",", ""))  # nothing rounded


@pytest.fixture(scope="module")
def both(seed_text, tmp_path_factory):
    folder = tmp_path_factory.mktemp("yuan")
    variant = folder / "seed-in-yuan.txt"
    variant.write_text(yuan_variant(seed_text), encoding="utf-8")
    assert "单位：元" in variant.read_text(encoding="utf-8")
    assert "27,734,700.00" in variant.read_text(encoding="utf-8")  # 本年收入合计 2,773.47 万元
    out = {}
    for name, report in (("wan", None), ("yuan", variant)):
        from ..conftest import SEED, unit_folder

        data_dir = folder / name
        result = CliRunner().invoke(main, ["ingest", str(report or SEED), "--year", "2024", "--data-dir",
                                           str(data_dir)])
        assert result.exit_code == 0, result.stderr
        out[name] = unit_folder(data_dir)
    return out


def test_the_tables_in_yuan_read_to_the_same_figures_in_wan_yuan(both):
    from juesuan.data.datasets import DATASETS, load

    wan, yuan = load(2024, both["wan"]), load(2024, both["yuan"])
    for name in DATASETS:
        a, b = wan[name].drop(columns=["line"], errors="ignore"), yuan[name].drop(columns=["line"], errors="ignore")
        assert a.equals(b), name
    t01 = yuan["t01_summary"]
    assert t01[(t01.side == "income") & (t01.item_zh == "本年收入合计")].amount_wan_yuan.iloc[0] == Decimal("2773.47")


def test_the_report_says_which_tables_were_printed_in_yuan(both):
    import json

    report = json.loads((both["yuan"] / "2024" / "report.json").read_text(encoding="utf-8"))
    for table in NINE:
        assert report["tables"][table]["unit"] == "元"
        assert report["tables"][table]["stored"] == {"unit": "万元", "factor": "0.0001", "precision": "0.000001"}
    assert report["currency_unit"] == "万元"
    plain = json.loads((both["wan"] / "2024" / "report.json").read_text(encoding="utf-8"))
    assert "stored" not in plain["tables"]["t01"] and plain["tables"]["t01"]["unit"] == "万元"


def test_the_audit_finds_the_same_errors(both):
    from juesuan.audit import checks
    from juesuan.data.datasets import load

    found = {name: checks.run(load(2024, both[name])) for name in ("wan", "yuan")}
    assert checks.counts(found["yuan"])["mismatch"] == checks.counts(found["wan"])["mismatch"] == 5
    assert [(f.id, f.status, f.expected, f.found) for f in found["yuan"]] == \
        [(f.id, f.status, f.expected, f.found) for f in found["wan"]]


def test_the_data_package_says_the_tables_were_printed_in_yuan(both):
    import json

    package = json.loads((both["yuan"] / "2024" / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["name"]: r.get("description", "") for r in package["resources"]}
    assert "prints this table in 元" in described["t05_general_budget"] and "万元" in described["t05_general_budget"]
    assert not described["projects"]  # the project list is in 元 as its column says
    plain = json.loads((both["wan"] / "2024" / "datapackage.json").read_text(encoding="utf-8"))
    assert not [r for r in plain["resources"] if "prints this table in 元" in r.get("description", "")]
