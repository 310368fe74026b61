"""The chapters' rules on small made-up cases: the seed's data with one thing changed, or a few lines of prose."""

import copy
from decimal import Decimal as D
from types import SimpleNamespace

import pandas as pd
import pytest

from juesuan import i18n
from juesuan.analysis import basic, budget, procurement, scoring
from juesuan.analysis.numbers import stated_pct
from juesuan.data.datasets import load
from juesuan.read.status import civil_service

from ..conftest import ROOT, SEED_DATA


@pytest.fixture(scope="module")
def seed_data():
    return load(2024, SEED_DATA)


@pytest.fixture
def data(seed_data):
    """A copy to change: frames copied, report.json deep-copied."""
    return {k: copy.deepcopy(v) if k == "report" else v.copy() for k, v in seed_data.items()}


# ---------------------------------------------------------------- staff counts


@pytest.mark.parametrize("label, base_data, kind", [
    ("在编", False, "在编"), ("编制内人员", False, "在编"), ("在编在岗人数", False, "在编"),
    ("编制数", True, "编制"), ("核定编制", False, "编制"),
    ("临聘", False, "临聘"), ("编外聘用人员", False, "临聘"), ("劳务派遣人员", False, "临聘"),
    ("实有在职人数", False, "实有"), ("在职人员", False, "实有"), ("职工", False, "实有"),
    ("2024年实际在职人数", True, "财政供养"), ("财政供养人员", False, "财政供养"),
    ("退休人员", False, "离退休"), ("离休", False, "离退休"), ("离退休人员", True, "离退休"),
])
def test_staff_kind_reads_other_reports_wording(label, base_data, kind):
    assert basic.staff_kind(label, base_data=base_data) == kind


def test_no_zaibian_count_falls_back_to_the_base_data_in_post_count(data):
    data["report"]["staff"] = [s for s in data["report"]["staff"] if s["label_zh"] != "在编"]
    base = basic.head_base(data)
    assert (base["people"], base["kind"], base["line"]) == (17, "财政供养", 797)
    heads = basic.per_head(data).set_index("code")
    assert heads.loc["301", "per head (万元)"] == D("29.49") and "财政供养" in heads.loc["301", "divided by"]
    i18n.use("zh")
    try:
        assert basic.per_head(data).set_index("code").loc["301", "divided by"] == "17 人（财政供养）"
        assert basic.kind_name("编制") == "编制数"
    finally:
        i18n.use("en")
    assert basic.kind_name("编制") == "authorised posts (编制数)"


def test_neither_count_means_no_per_head_figure(data):
    data["report"]["staff"] = [{"count": 20, "label_zh": "编制数", "line": 5, "source": "performance_base"},
                               {"count": 3, "label_zh": "退休人员", "line": 6, "source": "prose"}]
    base = basic.head_base(data)
    assert base["people"] is None and base["stated"] == ["编制", "离退休"]
    heads = basic.per_head(data)
    assert heads["per head (万元)"].isna().all() and heads["amount (万元)"].iloc[0] == D("501.26")
    retired = basic.retirees(data)
    assert retired["retirees"] == 3 and retired["per_retiree"] == D("32.05")  # 96.14 / 3


def test_a_zero_zaibian_count_is_no_base(data):
    for s in data["report"]["staff"]:
        if s["label_zh"] == "在编":
            s["count"] = 0
    assert basic.head_base(data)["kind"] == "财政供养"


# ---------------------------------------------------------------- the budget taken apart


def test_a_missing_adjustment_is_named_not_invented(data):
    base = data["performance_base"]
    data["performance_base"] = base[~base.item_zh.str.contains("预算调整")]
    parts = budget.decomposition(data).set_index("part")
    assert parts.iloc[0]["全年预算 full-year (万元)"] is None
    assert parts.iloc[0]["executed / full-year budget"] == "n/a (a figure is missing)"
    i18n.use("zh")
    try:
        assert budget.decomposition(data).iloc[0]["executed / full-year budget"] == "无法计算（缺少数字）"
    finally:
        i18n.use("en")
    assert parts.iloc[1]["executed / full-year budget"] == "96.43%"  # the project part does not need it
    assert list(budget.missing(data).figure) == ["部门基本支出预算调整"]
    assert budget.adds_up(data)["total_full"]["agree"] is None


def test_parts_that_do_not_add_up_are_said_so(data):
    base = data["performance_base"].copy()
    base.loc[base.item_zh.str.contains("预算调整"), "value"] = D("10.86")
    data["performance_base"] = base
    up = budget.adds_up(data)["total_full"]
    assert up["rounded"] == D("2850.52") and up["agree"] is False


def test_project_budget_from_the_prose_when_the_base_data_table_is_absent(data):
    data["performance_base"] = data["performance_base"].iloc[0:0]
    f = budget.figures(data)
    assert (f["project_full"].value, f["project_full"].source, f["project_full"].line) == (D("2210.11"), "prose", 584)
    assert f["basic_added"] is None


def test_a_report_with_only_an_initial_budget(data):
    prose = pd.DataFrame([
        {"seq": 1, "section_zh": "一般公共预算财政拨款支出决算具体情况", "metric": "budget",
         "subject_zh": "一般公共预算财政拨款支出年初预算", "value": D("1000.00"), "unit": "万元", "direction": "",
         "quote_zh": "", "line": 7},
        {"seq": 2, "section_zh": "一般公共预算财政拨款支出决算具体情况", "metric": "execution_rate",
         "subject_zh": "完成年初预算的", "value": D("120.00"), "unit": "%", "direction": "", "quote_zh": "", "line": 7},
        {"seq": 3, "section_zh": "文化和旅游", "metric": "budget", "subject_zh": "年初预算", "value": D("5.00"),
         "unit": "万元", "direction": "", "quote_zh": "", "line": 9},  # one function's budget: not the unit's
    ])
    data["prose_numbers"] = prose
    data["performance_budget"] = data["performance_budget"].iloc[0:0]
    data["performance_base"] = data["performance_base"].iloc[0:0]
    r = budget.initial_ratio(data)
    assert (r["initial"], r["stated"], r["stated_line"], r["full_year"]) == (D("1000.00"), D("120.00"), 7, None)
    assert r["of_full_year"] is None
    assert set(budget.missing(data).figure) == {"基本支出年初预算数", "部门基本支出预算调整", "项目支出年初预算数",
                                               "项目支出全年预算", "全年预算数"}


def test_budget_in_yuan_is_converted(data):
    prose = data["prose_numbers"].copy()
    prose.loc[prose.subject_zh == "基本支出年初预算数", ["value", "unit"]] = [D("6295500"), "元"]
    data["prose_numbers"] = prose
    assert budget.figures(data)["basic_initial"].value == D("629.55")


# ---------------------------------------------------------------- the budget-execution score


def _row(data, **values):
    pb = data["performance_budget"].copy()
    for column, value in values.items():
        pb.loc[pb.row_zh.str.endswith("年度资金总额") & (pb.column == column), "value"] = value
    data["performance_budget"] = pb


def test_a_rate_above_100_percent_earns_the_weight_and_no_more(data):
    _row(data, rate=D("1.05"), score=D("10.00"))
    b = scoring.budget_recomputed(data)
    assert b["score"] == D("10.00")
    assert scoring.compared(data)["recomputed"] == D("100.00")  # 90 + 10.00


def test_a_score_printed_whole_is_recomputed_whole(data):
    _row(data, rate=D("0.9"), score=D("9"))
    assert scoring.budget_recomputed(data)["score"] == D("9")


def test_agreeing_scores_differ_by_nothing(data):
    _row(data, score=D("9.66"))
    st = data["stated_totals"].copy()
    st.loc[st.measure == "score_points", "value"] = D("99.66")
    data["stated_totals"] = st
    c = scoring.compared(data)
    assert c["difference"] == 0 and c["stated_rows"] == c["stated"] == D("99.66")


# ---------------------------------------------------------------- shares of a zero base


def test_a_share_stated_on_a_zero_base_is_shown_as_stated():
    assert stated_pct(D("100"), D("0.00")) == "100% (stated on a zero base)"
    assert stated_pct(D("69.07"), D("1120.27")) == "69.07%"
    assert stated_pct(None, D("0")) == "n/a"
    i18n.use("zh")
    try:
        assert stated_pct(D("100"), D("0.00")) == "100%（基数为零）"
    finally:
        i18n.use("en")


def test_a_made_up_zero_goods_base(data):
    p = data["procurement"].copy()
    p.loc[(p.metric == "purchases") & (p.category == "goods"), "amount_wan_yuan"] = D("0.00")
    data["procurement"] = p
    sme = procurement.sme_shares(data).set_index("category")
    assert sme.loc["货物 goods", "SME share (stated)"] == "69.07% (stated on a zero base)"
    assert sme.loc["服务 services", "SME share (stated)"] == "20.87%"
    assert set(procurement.zero_bases(data).share) == {"SME share of 货物 goods", "SME share of 工程 works"}
    i18n.use("zh")
    try:
        assert set(procurement.zero_bases(data).share) == {"货物采购授予中小企业合同金额占比", "工程采购授予中小企业合同金额占比"}
        sme = procurement.sme_shares(data).set_index("category")
        assert sme.loc["货物 goods", "SME share (stated)"] == "69.07%（基数为零）"
    finally:
        i18n.use("en")


# ---------------------------------------------------------------- 参公 and 机关运行经费


def _prose(*lines):
    return SimpleNamespace(prose=list(enumerate(lines, start=1)))


def test_the_unit_saying_it_is_not_canggong_is_found(seed):
    assert seed.report["civil_service"] == [
        {"managed": False, "quote_zh": "主要原因是：我中心为非参公事业单位，无机关运行经费支出", "line": 408}]


@pytest.mark.parametrize("text, managed", [
    ("本单位2024年度机关运行经费支出0万元。我单位属于公益一类事业单位，无机关运行经费支出。", False),
    ("我院不属于参照公务员法管理的事业单位。", False),
    ("本单位为参照公务员法管理的事业单位。", True),
])
def test_other_wordings_of_canggong(text, managed):
    assert [s["managed"] for s in civil_service(_prose(text))] == [managed]


@pytest.mark.parametrize("text", [
    "十一、机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出。",
    "主要用于：局本级和所属参公单位在职人员医疗保险。",
])
def test_a_definition_or_a_subordinate_unit_is_no_statement(text):
    assert civil_service(_prose(text)) == []


def test_running_costs_status(data):
    data["report"]["civil_service"] = [{"managed": False, "quote_zh": "我中心为非参公事业单位", "line": 408}]
    rc = basic.running_costs_status(data)
    assert rc["amount"] == D("0.00") and rc["line"] == 408 and rc["not_managed"]["line"] == 408
    data["report"]["civil_service"] = []
    assert basic.running_costs_status(data)["not_managed"] is None and basic.running_costs_status(data)["recorded"]
    del data["report"]["civil_service"]  # data ingested before the statements were recorded
    assert basic.running_costs_status(data)["recorded"] is False
