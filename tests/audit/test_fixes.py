"""The list of fixes (整改清单): one row per error of the report, what the text should say at the report's precision,
what follows from it, and the artefacts apart. The seed's five errors are known from reading the report."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from juesuan import i18n
from juesuan.audit import checks, fixes
from juesuan.audit.core import compare



@pytest.fixture(scope="module")
def found(data):
    return checks.run(data)


def test_one_row_per_error_in_the_order_of_the_report(data, found):
    i18n.use("zh")
    rows = [f for f in fixes.fixes(data, found) if f.status == "mismatch"]
    assert len(rows) == checks.counts(found)["mismatch"] == 5
    assert [r.line for r in rows] == [362, 370, 426, 432, 829]  # the text's order: prose, then the annex
    assert [(r.quote, r.correction) for r in rows[:4]] == [
        ("支出决算数为642.37万元", "支出决算数为642.36万元"),  # table 05's 基本支出 is 642.36
        ("奖金150.04万元", "奖金150.05万元"),  # table 06's 30103 奖金 is 150.05
        ("占一般公共预算支出总额的100%", "占一般公共预算支出总额的76.84%"),  # 2131.10 / 2773.47, at the report's 0.01
        # the 自评表's 总分 is 99.68, itself 99.66 once the budget-execution score is corrected
        ("绩效自评得分99.70分", "绩效自评得分99.68分（自评表总分按上条更正后为 99.66 分）"),
    ]
    assert rows[4].correction == "年度资金总额：9.66 分"  # 0.9661907 × 10, at the 0.01 the score is printed with


def test_each_row_says_what_is_wrong_and_why(data, found):
    i18n.use("zh")
    bonus = next(f for f in fixes.fixes(data, found) if f.quote == "奖金150.04万元")
    assert bonus.problem == ("此处列为 150.04 万元，与公开06表 一般公共预算财政拨款基本支出决算明细表，30103 奖金行所列 150.05 万元 "
                             "不一致，相差 0.01 万元。")
    assert bonus.basis == "公开06表 一般公共预算财政拨款基本支出决算明细表，30103 奖金行"
    share = next(f for f in fixes.fixes(data, found) if f.line == 426)
    assert "相差 23.16 个百分点" in share.problem  # 100% against 76.84%: points, not percent
    assert "100% 是占«共涉及资金2131.10万元»（文字说明第 426 行）的比重" in share.problem  # the base the sentence meant
    actual = next(f for f in fixes.fixes(data, found) if f.line == 362)
    assert actual.follows == ["预算完成率=决算数/预算数（«预算执行率为102.03%»）"]  # right on the table's 642.36


def test_artefacts_are_listed_apart_to_be_checked_not_corrected(data, found):
    i18n.use("zh")
    artefacts = [f for f in fixes.fixes(data, found) if f.status == "artefact"]
    assert [(a.quote, a.line) for a in artefacts] == [("其中:一般公共预算:", 831), ("安全事故", 867)]
    assert {a.correction for a in artefacts} == {"报告本身可能无误，请对照报告原件核实。"}
    assert "交界处的«安全事故»一行（2 分，第 867 行）被列在满意度指标之下" in artefacts[1].problem


def test_the_table_has_the_reviewer_s_columns_and_no_internal_id(data, found):
    import re

    i18n.use("zh")
    table = fixes.table(data, found)
    assert list(table.columns) == ["序号", "位置", "原文", "问题", "应改为", "依据", "由此引起"]
    assert list(table["序号"]) == [1, 2, 3, 4, 5]
    text = table.to_string()
    assert not re.search(r"\b(prose|perf|proc|x|t0\d|budget|base|staff)\.[a-z0-9_]+", text)
    i18n.use("en")
    assert list(fixes.table(data, found).columns)[:5] == ["No.", "Where", "The report says", "Problem", "Should read"]


def test_a_figure_printed_with_separators_is_corrected_in_the_same_style():
    assert fixes._replace_figure("本年支出合计2,773.47万元", D("2773.47"), D("2773.46")) == "本年支出合计2,773.46万元"
    assert fixes._replace_figure("总计0.3万元", D("0.3"), D("2961.68")) == "总计2961.68万元"
    assert fixes._replace_figure("占30.3%和30.3%", D("30.3"), D("30.31")) is None  # ambiguous: no guess


def test_a_new_check_gets_a_row_without_code_here(data):
    made_up = compare("t06.made_up.1", "within", "A made-up identity", "虚构的勾稽关系", "t06 line 249; t06 line 246",
                      D("150.05"), D("150.15"))
    i18n.use("zh")
    row = fixes.fixes(data, [made_up])[0]
    assert row.place == "公开06表 一般公共预算财政拨款基本支出决算明细表，30103 奖金行"
    assert row.correction == "30103 奖金：150.05 万元" and "相差 0.10 万元" in row.problem
