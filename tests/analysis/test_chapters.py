"""The chapters' computations, checked against figures worked out by hand from the report."""

from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest

from juesuan import i18n
from juesuan.analysis import basic, budget, income, procurement, scoring, spending
from juesuan.data.datasets import load
from juesuan.analysis.numbers import pct, share

from ..conftest import ROOT, SEED_DATA
from ..read.test_seed_figures import PROJECTS, WEIGHTS


def r2(x: D) -> D:
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


@pytest.fixture(scope="module")
def data():
    return load(2024, SEED_DATA)


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


def test_budget_taken_apart_into_initial_adjustment_and_project_money(data):
    parts = budget.decomposition(data).set_index("part")
    basic_row, project, summed = parts.iloc[0], parts.iloc[1], parts.iloc[2]
    assert basic_row["年初预算 initial (万元)"] == D("629.55") and basic_row["added during the year (万元)"] == D("30.86")
    assert basic_row["全年预算 full-year (万元)"] == D("660.41")  # 629.55 + 30.86
    assert basic_row["executed / full-year budget"] == pct(r2(D("642.36") * 100 / D("660.41"))) == "97.27%"
    assert project["年初预算 initial (万元)"] == D("0") and project["全年预算 full-year (万元)"] == D("2210.109493")
    assert project["executed / full-year budget"] == "96.43%"  # the report states 96.43% (line 584)
    assert summed["executed / full-year budget"] == "96.62%"  # the report states 96.62% (line 432)
    assert parts.iloc[3]["rate stated in the report"] == "96.62% (of 全年预算); 440.55% (of 年初预算)"
    i18n.use("zh")
    try:
        assert budget.decomposition(data).iloc[3]["rate stated in the report"] == \
            "96.62%（以全年预算为基数）；440.55%（以年初预算为基数）"
    finally:
        i18n.use("en")
    up = budget.adds_up(data)
    assert up["total_full"] == {"sum": D("2870.519493"), "rounded": D("2870.52"), "stated": D("2870.52"), "agree": True,
                                "source": "绩效自评表", "line": 829}  # 629.55 + 30.86 + 2210.109493
    assert up["total_initial"]["agree"] is True
    assert budget.missing(data).empty


def test_executed_over_initial_budget_is_the_reports_440_55(data):
    r = budget.initial_ratio(data)
    assert r["stated"] == D("440.55") and r["stated_line"] == 360
    assert r["of_initial"] == r2(D("2773.47") * 100 / D("629.55")) == D("440.55")
    assert r["of_full_year"] == D("96.62") and r["added"] == D("2870.52") - D("629.55")
    assert r["project_initial"] == 0 and r["basic_added"] == D("30.86")


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
    assert docs["projects"].sum() == 45 and docs["amount (万元)"].sum() == D("2131.100330")  # 21,311,003.30 元
    ranked = spending.projects(data)
    assert "rank" not in ranked.columns  # the list is numbered largest first already: 序号 is the rank
    assert ranked["amount (万元)"].iloc[0] == D("280.00") and ranked["序号"].iloc[0] == 1  # 2,800,000.00 元


def test_basic_groups_items_and_staff(data):
    groups = basic.groups(data).set_index("group")
    assert groups.loc["人员经费", "stated (万元)"] == D("597.40") == groups.loc["人员经费", "sum of classes (万元)"]
    items = basic.items(data)
    assert list(items.code[:3]) == ["30103", "30101", "30305"]  # 奖金 150.05, 基本工资 107.66, 生活补助 76.12
    kinds = basic.staff(data).set_index("staff count (as published)")["kind"].to_dict()
    assert kinds == {"2024年末长沙市现代教育技术中心实有在职人数": "实有", "在编": "在编", "临聘": "临聘", "编制数": "编制",
                     "2024年实际在职人数": "财政供养"}
    assert basic.head_base(data)["people"] == 17 and basic.head_base(data)["kind"] == "在编"
    heads = basic.per_head(data).set_index("code")
    assert heads.loc["301", "per head (万元)"] == r2(D("501.26") / 17) == D("29.49")  # 工资福利支出 per 在编 head
    assert heads.loc["303", "amount (万元)"] == D("96.14") and heads.loc["303", "per head (万元)"] is None
    assert "retirees" in heads.loc["303", "divided by"]
    retired = basic.retirees(data)
    assert retired["stated"] == D("76.12") and retired["stated_line"] == 574  # 离退休费, in the prose
    assert retired["stated_share"] == r2(D("76.12") * 100 / D("96.14"))
    three = basic.three_public(data).set_index("item")
    assert three.loc["公务接待费", "budget (万元)"] == D("0.50") and three.loc["公务接待费", "prior year (万元)"] == D("0.21")
    assert three.loc["因公出国（境）费", "actual / budget"] == "n/a"  # zero budget


def test_procurement_implied_sme_amounts(data):
    sme = procurement.sme_shares(data).set_index("category")
    assert sme.loc["货物 goods", "SME amount (implied, 万元)"] == r2(D("1120.27") * D("69.07") / 100)
    assert sme.loc["服务 services", "SME amount (implied, 万元)"] == r2(D("689.46") * D("20.87") / 100)
    assert sme.loc["工程 works", "SME share (stated)"] == "100% (stated on a zero base)"  # 100% of 0.00 万元
    zero = procurement.zero_bases(data)
    assert list(zero.stated) == ["100%"] and list(zero.line) == [416]
    # the total row adds up the rows above it: 773.77 + 0.00 + 143.89 (917.66), beside the stated 917.69
    assert sme.loc["合计 total", "SME amount (implied, 万元)"] == D("917.66")
    assert sme.loc["合计 total", "SME amount (stated, 万元)"] == D("917.69")
    assert procurement.implied_total(data) == {"stated": D("917.69"), "by_share": D("917.71"), "by_categories": D("917.66")}
    ctx = procurement.in_context(data).set_index("figure")["value"]
    assert ctx["procurement / expenditure"] == pct(r2(D("1809.73") * 100 / D("2773.47")))


def test_performance_recomputed(data):
    dims = scoring.dimensions(data).set_index("一级指标")
    assert dims["sum of weights"].to_dict() == {"成本指标": sum(WEIGHTS[:9]), "产出指标": sum(WEIGHTS[9:19]),
                                                "效益指标": sum(WEIGHTS[19:30]), "满意度指标": sum(WEIGHTS[30:])}
    # 30 stated, 28 found: the 2-point «安全事故» row at the border belongs under 效益指标, as the audit says
    assert dims.loc["效益指标", "weights agree"] == "probably a conversion artefact: «安全事故» (2 points) belongs under 效益指标"
    assert dims.loc["满意度指标", "weights agree"] == dims.loc["效益指标", "weights agree"]
    score = scoring.budget_score(data).set_index("figure")["value"]
    assert score["score recomputed (stated rate x weight)"] == r2(D("0.9661907") * 10)
    assert score["得分 score (stated)"] == D("9.68")
    assert score["score recomputed (rate x weight)"] == D("9.66")
    totals = scoring.totals(data)
    assert list(totals["total score"]) == [D(90) + D("9.66"), D(90) + D("9.68"), D("99.68"), D("99.70"), D("99.7")]
    side = scoring.side_by_side(data).set_index("score")
    assert side.loc["总分 total score"].to_dict() == {"stated": D("99.68"), "recomputed": D("99.66"),
                                                  "recomputed - stated": D("-0.02")}
    assert side.loc["得分 budget-execution score (年度资金总额)", "recomputed"] == r2(D("0.9661907") * 10) == D("9.66")
    assert scoring.summary(data) == {"recomputed": D("99.66"), "stated": D("99.68")}
    kinds = scoring.kinds(data).set_index("indicators")["count"]
    assert kinds["full marks"] == 34 and kinds["quantitative (a number or threshold)"] + kinds["qualitative"] == 34


def test_trend_chart_series_are_labelled_in_both_languages_with_the_report_figures(data):
    from juesuan.analysis import trends

    years, values = trends.by_year(trends.series({2024: data}), ["basic", "three_public"])
    assert "2024" in years and years == sorted(years)
    basic_2024 = values["基本支出 basic expenditure"][years.index("2024")]
    assert basic_2024 == D("642.36")  # table 03's 基本支出
    assert set(values) == {"基本支出 basic expenditure", "“三公”经费 “three public expenses” (actual)"}
    assert all(len(v) == len(years) for v in values.values())


def test_performance_and_trends_in_the_chinese_edition(data):
    from juesuan.analysis import trends

    i18n.use("zh")
    try:
        dims = scoring.dimensions(data).set_index("一级指标")
        kinds = scoring.kinds(data)
        c = scoring.compared(data)
        series = trends.series({2024: data})
        _, values = trends.by_year(series, ["basic"])
        shown = trends.readable(series)
    finally:
        i18n.use("en")
    assert dims.loc["效益指标", "weights agree"] == "疑似转换错位：«安全事故»（2 分）应属效益指标"
    assert dims.loc["成本指标", "weights agree"] == "相符"
    assert kinds.columns[0] == "指标类型" and c["rate_from_text"] == "自评表所列"
    assert set(values) == {"基本支出"} and "2024 年报告" in set(series.source) and "基本支出" in set(shown.metric)
    assert scoring.compared(data)["rate_from_text"] == "stated"
