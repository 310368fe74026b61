"""The chapters' computations, checked against figures worked out by hand from the report."""

from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest

from juesuan.analysis import basic, income, procurement, scoring, spending
from juesuan.data.datasets import load
from juesuan.analysis.numbers import pct, share

from ..conftest import ROOT
from ..read.test_seed_figures import PROJECTS, WEIGHTS


def r2(x: D) -> D:
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


@pytest.fixture(scope="module")
def data():
    return load(2024, ROOT / "data")


def test_share_of_zero_base_is_not_applicable():
    assert share(D("5"), D("0")) is None and pct(None) == "n/a"
    assert pct(share(D("917.69"), D("1809.73"))) == "50.71%"


def test_income_by_source_and_prior_year(data):
    src = income.by_source(data).set_index("source (as published)")
    assert src.loc["财政拨款收入", "amount (万元)"] == D("2773.47") and src.loc["财政拨款收入", "share"] == "100.00%"
    change = income.change_on_prior_year(data).set_index("figure")["value"]
    assert change["prior year (implied)"] == D("2773.47") + D("765.34")
    assert change["change % (stated)"] == D("-21.63")
    assert change["change % (recomputed)"] == r2(D("-765.34") * 100 / D("3538.81"))


def test_function_tree_levels(data):
    tree = income.by_function(data)
    assert list(tree.code) == ["205", "20501", "2050199", "20502", "2050299", "20509", "2050999"]
    assert list(tree.level) == ["类 class", "款 subclass", "项 item", "款 subclass", "项 item", "款 subclass", "项 item"]


def test_budget_execution_rates_match_the_prose(data):
    rows = spending.budget_execution(data).set_index("figure")["value"]
    assert rows["executed / initial budget"] == "440.55%"  # the report states 440.55%
    assert rows["executed / full-year budget"] == "96.62%"  # the report states 96.62%


def test_project_concentration(data):
    amounts = sorted((D(a) for a in PROJECTS), reverse=True)
    c = spending.concentration(data)
    assert c["count"] == 45 and c["total"] == D("21311003.30")
    assert c["top10_share"] == r2(sum(amounts[:10]) * 100 / D("21311003.30"))
    running = D(0)
    for k, a in enumerate(amounts, start=1):
        running += a
        if running * 100 >= D("21311003.30") * 80:
            break
    assert c["for_80pct"] == k
    docs = spending.by_document(data).set_index("funding document")
    assert docs["projects"].sum() == 45 and docs["amount (元)"].sum() == D("21311003.30")


def test_basic_groups_items_and_staff(data):
    groups = basic.groups(data).set_index("group")
    assert groups.loc["人员经费", "stated (万元)"] == D("597.40") == groups.loc["人员经费", "sum of classes (万元)"]
    items = basic.items(data)
    assert list(items.code[:3]) == ["30103", "30101", "30305"]  # 奖金 150.05, 基本工资 107.66, 生活补助 76.12
    staff = basic.per_staff(data).set_index("staff count (as published)")
    assert staff.loc[[i for i in staff.index if i.endswith("实有在职人数")][0], "basic per person (万元)"] == r2(D("642.36") / 19)
    three = basic.three_public(data).set_index("item")
    assert three.loc["公务接待费", "budget (万元)"] == D("0.50") and three.loc["公务接待费", "prior year (万元)"] == D("0.21")
    assert three.loc["因公出国（境）费", "actual / budget"] == "n/a"  # zero budget


def test_procurement_implied_sme_amounts(data):
    sme = procurement.sme_shares(data).set_index("category")
    assert sme.loc["货物 goods", "SME amount (implied, 万元)"] == r2(D("1120.27") * D("69.07") / 100)
    assert sme.loc["服务 services", "SME amount (implied, 万元)"] == r2(D("689.46") * D("20.87") / 100)
    assert sme.loc["工程 works", "SME share (stated)"] == "n/a (zero base)"
    assert sme.loc["合计 total", "SME share (recomputed)"] == "50.71%"
    ctx = procurement.in_context(data).set_index("figure")["value"]
    assert ctx["procurement / expenditure"] == pct(r2(D("1809.73") * 100 / D("2773.47")))


def test_performance_recomputed(data):
    dims = scoring.dimensions(data).set_index("一级指标")
    assert dims["sum of weights"].to_dict() == {"成本指标": sum(WEIGHTS[:9]), "产出指标": sum(WEIGHTS[9:19]),
                                                "效益指标": sum(WEIGHTS[19:30]), "满意度指标": sum(WEIGHTS[30:])}
    assert dims.loc["效益指标", "weights agree"] == "no (-2)" and dims.loc["满意度指标", "weights agree"] == "no (+2)"
    score = scoring.budget_score(data).set_index("figure")["value"]
    assert score["score recomputed (stated rate x weight)"] == r2(D("0.9661907") * 10)
    assert score["得分 score (stated)"] == D("9.68")
    totals = scoring.totals(data)
    assert list(totals.score) == [D(90) + D("9.68"), D("99.68"), D("99.70"), D("99.7")]
    kinds = scoring.kinds(data).set_index("indicators")["count"]
    assert kinds["full marks"] == 34 and kinds["quantitative (a number or threshold)"] + kinds["qualitative"] == 34


def test_trend_chart_series_are_labelled_in_both_languages_with_the_report_figures(data):
    from juesuan.analysis import trends

    years, values = trends.by_year(trends.series({2024: data}), ["basic", "three_public"])
    assert "2024" in years and years == sorted(years)
    basic_2024 = values["基本支出 basic expenditure"][years.index("2024")]
    assert basic_2024 == D("642.36")  # table 03's 基本支出
    assert set(values) == {"基本支出 basic expenditure", "“三公”经费 “three public” expenses (actual)"}
    assert all(len(v) == len(years) for v in values.values())
