"""Across years on the collection's own data: the prior-year figures each report states, the change of 三公 the
overview compares, and what a template without table 06 does not state. Every expected figure is typed from the
report (its page as the PDF viewer counts it, or a text conversion's line: ../shared/reports, the seed in
../shared/seeds)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from juesuan import i18n
from juesuan.analysis import basic, changes, overview, trends
from juesuan.audit import checks
from juesuan.data.datasets import load
from juesuan.publish import intro
from juesuan.publish.tables import cell_text

from ..conftest import ROOT, SEED_UNIT

DATA = ROOT / "data"
CZJ = "shanghaishiputuoqucaizhengju"  # 2024_shanghai-putuo-caizhengju.pdf
SQL = "shanghaishiputuoqurenminzhengfushiquanlujiedaobanshichu"  # 2025_shanghai-putuo-shiquanlu.txt
WENLV = "shanghaishiputuoquwenhuahelvyouju"  # 2025_shanghai-putuo-wenlvju.txt
SWU = "xinandaxue"  # 2023_ and 2024_chongqing-swu-university.pdf


@pytest.fixture(scope="module")
def reports():
    return {(unit, year): load(year, DATA / unit) for unit, year in (
        (SEED_UNIT, 2024), (CZJ, 2024), (SQL, 2025), (WENLV, 2025), (SWU, 2023), (SWU, 2024))}


def prior(data) -> dict:
    """The prior-year figures a report states, by metric (the text's where it states both)."""
    return {r["metric"]: r["value"] for r in trends.stated_prior(data)}


@pytest.mark.parametrize("unit, year, change, before", [
    # line 465 (p.24) table 09 合计 决算数 37.35; lines 773-774: 比2024年度减增加21.90万元，增长141.75% (21.90 / 15.45):
    # the line's first figure, 因公出国（境）费支出决算 0 万元, is an item's, not this year's total
    (SQL, 2025, D("21.90"), D("15.45")),
    # line 350 table 09 决算数 3.04; lines 548-549: 比2024年度减少19.66万元，下降86.61% (19.66 / 22.70)
    (WENLV, 2025, D("-19.66"), D("22.70")),
    (CZJ, 2024, D("0"), D("0")),  # p.23: 支出决算为0.00万元; 2024年度…决算数与2023年度持平
    (SEED_UNIT, 2024, D("-0.21"), D("0.21")),  # line 380: 支出决算为0.00万元…与上年相比减少0.21万元，降低100.00%
])
def test_the_change_of_three_public_is_of_this_year_s_total(reports, unit, year, change, before):
    data = reports[(unit, year)]
    stated = changes.three_public(data, trends.own(data)["three_public"])
    assert (stated.change, stated.prior) == (change, before)
    assert prior(data)["three_public"] == before


def test_a_university_states_no_three_public_change(reports):
    assert changes.three_public(reports[(SWU, 2024)], None) is None
    assert "three_public" not in prior(reports[(SWU, 2024)])


@pytest.mark.parametrize("unit, year, change, basis", [
    (CZJ, 2024, D("0"), "text"), (SQL, 2025, D("21.90"), "text"), (WENLV, 2025, D("-19.66"), "text"),
    (SEED_UNIT, 2024, D("-0.21"), "base"),  # line 803: the base-data table's 2023年决算数 0.21
    (SWU, 2024, None, None),  # a university's four tables: no 三公
])
def test_the_overview_takes_the_change_of_three_public_the_report_states(reports, unit, year, change, basis):
    m = overview.measures(reports[(unit, year)])
    assert (m["three_public_change"], m["three_public_change_basis"]) == (change, basis)


def test_the_change_of_three_public_is_computed_from_both_reports_where_none_is_stated(reports):
    # 石泉路 2025 with its text's change taken away, against a 2024 made from its own report with 15.45 in table 09
    data = {**reports[(SQL, 2025)]}
    prose = data["prose_numbers"]
    data["prose_numbers"] = prose[~prose.section_zh.fillna("").str.contains("三公")]
    before = {**data, "t09_three_public": data["t09_three_public"].assign(
        amount_wan_yuan=[D("15.45") if (b, i) == ("actual", "total") else v for b, i, v in zip(
            data["t09_three_public"].basis, data["t09_three_public"].item, data["t09_three_public"].amount_wan_yuan)])}
    assert overview.three_public_change(data) == (None, None)
    assert overview.three_public_change(data, before) == (D("21.90"), "reports")


@pytest.mark.parametrize("unit, year, grand_total", [
    (SQL, 2025, D("18943.81")),  # lines 493-495: 收入支出总计19,044.27万元。与2024年度相比，收入支出总计增加100.46万元
    (CZJ, 2024, D("3052.34")),  # p.21: 收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元
    (WENLV, 2025, D("18103.20")),  # line 380-381: 收入支出总计26591.08万元。与2024年度相比，…增加8487.88万元
    (SEED_UNIT, 2024, D("3538.81")),  # line 334: 收、支总计2,773.47万元…减少765.34万元
])
def test_the_prior_year_s_grand_total_is_what_the_text_implies(reports, unit, year, grand_total):
    assert prior(reports[(unit, year)])["grand_total"] == grand_total


@pytest.mark.parametrize("year, expenditure", [
    (2023, D("403183.92")),  # 2023 report, PDF p.16: 支出总计457,676.75万元，与2022年度相比，增加54,492.83万元
    (2024, D("457676.75")),  # 2024 report, PDF p.16: 支出总计481,483.46万元，与2023年度相比，增加23,806.71万元
])
def test_a_university_s_支出总计_is_its_spending_told_by_its_figure(reports, year, expenditure):
    assert prior(reports[(SWU, year)]) == {"expenditure": expenditure}


def test_the_university_states_no_personnel_or_operating_costs(reports):
    for year in (2023, 2024):  # 目录 p.2: four tables, none of them 06
        data = reports[(SWU, year)]
        assert basic.summary(data) == {"basic": None, "personnel": None, "public": None}
        assert trends.own(data)["personnel"] is None and trends.own(data)["public"] is None
    # a report with table 06 keeps its figures: 财政局 p.22 人员经费2152.26万元，公用经费184.65万元
    assert {k: basic.summary(reports[(CZJ, 2024)])[k] for k in ("personnel", "public")} == \
        {"personnel": D("2152.26"), "public": D("184.65")}


def test_the_university_s_years_side_by_side(reports):
    datas = {y: reports[(SWU, y)] for y in (2023, 2024)}
    series = trends.series(datas)
    # 2022 as the 2023 report states it, by its change; 2023 from its own report, not from the 2024 report
    shown = {(y, m): (v, own) for y, m, v, own in zip(series.year, series.metric, series.value, series["own"])}
    assert shown[(2022, "expenditure")] == (D("403183.92"), False)
    assert shown[(2023, "expenditure")] == (D("457676.75"), True)
    assert not {m for _, m in shown} & {"personnel", "public"}
    # the findings run from the earliest report to the latest: 2023 -> 2024 (PDF p.16: 增加23,806.71万元，增长5.20%)
    change = next(c for c in trends.changes(datas) if c["key"] == "expenditure")
    assert (change["from_year"], change["to_year"], change["change"], change["pct"]) == \
        (2023, 2024, D("23806.71"), D("5.20"))
    # 2023 is described by two reports that agree on the figure both give
    assert checks.overlaps(datas) == [{"year": 2023, "later": 2024, "compared": 1, "differ": 0}]
    assert checks.disagreements(datas).empty


def test_a_year_is_printed_as_a_year_in_a_row_of_amounts():
    from juesuan.publish.tables import Table
    import pandas as pd

    frame = pd.DataFrame({"metric": ["本年支出合计"], "year": [2023], "value": [D("457676.75")], "unit": ["万元"]})
    headers, rows = Table(frame.set_index("metric")).cells()
    assert [text for text, _ in rows[0]] == ["本年支出合计", "2023", "457,676.75", "万元"]
    assert cell_text(2023) == "2023"


def test_the_key_figures_cite_only_the_tables_the_report_has(reports):
    was = i18n.lang()
    i18n.use("zh")
    try:
        cited = intro.figures_source(reports[(SWU, 2024)])
        assert "表3:高等学校支出决算表" in cited and not any(x in cited for x in ("表06", "表09", "绩效"))
        assert "公开06表" in intro.figures_source(reports[(SEED_UNIT, 2024)])
    finally:
        i18n.use(was)
