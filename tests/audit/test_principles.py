"""The principles behind the false alarms a district's reports raised (issue 21), each on a made-up variation of the
2024 report that the audit before them judged wrongly: the scope of table 03 against table 05, the base a section
restates, the budget a comparison uses, a table's printed 合计, tail adjustment, consequences, truncation."""

from __future__ import annotations

from copy import deepcopy
from decimal import Decimal as D

import pandas as pd

from juesuan.audit import checks
from juesuan.data.datasets import load

from .conftest import audit_changed


def cell(d, name, mask, value, printed="number"):
    t = d[name]
    t.loc[mask(t), "amount_wan_yuan"] = value
    t.loc[mask(t), "printed"] = printed


def seq(d, line, metric, nth=0) -> int:
    p = d["prose_numbers"]
    return int(p[(p.line == line) & (p.metric == metric)].seq.iloc[nth])


def set_prose(d, at, value):
    d["prose_numbers"].loc[d["prose_numbers"].seq == at, "value"] = value


def add_prose(d, section, rows):
    """Made-up figures of a section of their own, after the report's last: (metric, subject, value, unit, quote)."""
    p = d["prose_numbers"]
    start, line = int(p.seq.max()), int(p.line.max()) + 10
    new = [{"seq": start + i, "section_zh": section, "metric": m, "subject_zh": s, "value": D(v), "unit": u,
            "direction": "", "quote_zh": q, "line": line} for i, (m, s, v, u, q) in enumerate(rows, start=1)]
    d["prose_numbers"] = pd.concat([p, pd.DataFrame(new)], ignore_index=True)
    return start, line


# 1. The scope of table 03 against table 05 is decided from tables 01 and 04.

def test_table_03_spends_a_non_fiscal_balance_that_table_05_does_not(data):
    def carry_over(d):  # 100 万元 brought forward from non-fiscal money (table 04 has no fiscal carry-over), and spent
        cell(d, "t01_summary", lambda t: (t.side == "income") & (t.item_zh == "年初结转和结余"), D("100.00"))
        for column, value in (("total", D("2873.47")), ("basic", D("742.36"))):
            cell(d, "t03_expenditure", lambda t: (t.level == "total") & (t.column == column), value)

    f = audit_changed(data, carry_over)["x.t03_t05.total"]
    assert f.status == "not_applicable" and "年初结转和结余" in f.note


def test_fund_money_in_table_04_puts_table_03_out_of_table_05s_scope(data):
    def fund(d):
        cell(d, "t04_fiscal_summary", lambda t: (t.side == "expenditure") & t.item_zh.str.startswith("本年支出")
             & (t.column == "gov_fund"), D("50.00"))
        cell(d, "t03_expenditure", lambda t: (t.level == "total") & (t.column == "total"), D("2823.47"))

    assert audit_changed(data, fund)["x.t03_t05.total"].status == "not_applicable"


def test_a_figure_of_the_scope_lost_in_conversion_is_unknown_never_zero(data):
    lost = audit_changed(data, lambda d: cell(d, "t01_summary", lambda t: (t.side == "income") & (t.item_zh == "事业收入"), None,
                                    "lost"))
    assert lost["x.t03_t05.total"].status == "missing_data" and "lost" in lost["x.t03_t05.total"].note


# 2. The base follows the section.

def test_basic_spending_under_the_expenditure_section_restates_table_03(data):
    def other_income(d):  # the unit spent 100 万元 of other income on basic spending: table 03 > table 05
        cell(d, "t03_expenditure", lambda t: (t.level == "total") & (t.column == "basic"), D("742.36"))
        set_prose(d, seq(d, 342, "amount"), D("742.36"))  # 支出决算情况说明: 基本支出 742.36 万元

    f = audit_changed(data, other_income)[f"prose.amount.342.{seq(data, 342, 'amount')}"]
    assert (f.status, f.expected) == ("ok", D("742.36")) and "t03" in f.sources
    # under 一般公共预算财政拨款基本支出决算情况说明 it restates table 05: the seed's 642.36 there stays right
    fiscal = audit_changed(data, other_income)[f"prose.amount.368.{seq(data, 368, 'amount')}"]
    assert (fiscal.status, fiscal.expected) == ("ok", D("642.36"))


# 3. Budget words against the budget the sentence uses; a reason clause with no figures of its own.

def ingest(text: str, tmp_path, year: int = 2024) -> dict:
    from juesuan.data.store import save
    from juesuan.read.ingest import parse

    save(parse(text, year), tmp_path, year)
    return load(year, tmp_path)


def word(data, fragment) -> object:
    found = [f for f in checks.run(data) if f.id.startswith("prose.word.") and fragment in f.title_en]
    assert found, fragment
    return found


THIRD = "### （三）一般公共预算财政拨款支出决算具体情况\n"


def test_smaller_than_the_budget_is_judged_against_the_full_year_budget_the_sentence_gives(seed_text, tmp_path):
    text = seed_text.replace(THIRD, THIRD + "\n某项目支出年初预算数为 0 万元，全年预算数为 321.02 万元，支出决算数为 "
                             "300.00 万元，决算数小于预算数。\n")
    f = word(ingest(text, tmp_path), "决算数小于预算数")[0]
    assert f.status == "ok" and "全年预算 321.02" in f.found


def test_a_reason_clause_explaining_a_sentence_without_a_budget_is_not_a_claim(seed_text, tmp_path):
    text = seed_text.replace(THIRD, THIRD + "\n甲项目年初预算数为 10.00 万元，支出决算数为 12.00 万元。乙项目支出决算数为 "
                             "5.00 万元。决算数小于预算数的主要原因是：项目推迟。\n")
    f = word(ingest(text, tmp_path), "决算数小于预算数")[0]
    assert f.status == "not_applicable" and "reason clause" in f.note


# 4. A prose figure equal to a table's printed 合计 is right.

def test_a_figure_equal_to_the_printed_total_is_right_though_the_rows_add_up_otherwise(data):
    def row_off(d):  # table 06's classes of 人员经费 now add up to 597.41; its printed 人员经费合计 is 597.40
        cell(d, "t06_basic_economic", lambda t: (t.level == "class") & (t.code == "301"), D("501.27"))

    f = audit_changed(data, row_off)
    restated = [x for x in f.values() if x.title_en == "The prose restates 人员经费"]
    assert restated and all(x.status == "ok" for x in restated)
    assert f["t06.total.personnel"].status in ("rounding", "mismatch")  # the table's own difference is its finding


# 5. Tail adjustment (尾差调整).

def three_shares(d, printed):
    start, line = add_prose(d, "测试占比", [("total", "支出合计", "3000.00", "万元", "支出合计3000.00万元")] + [
        row for i, share in enumerate(printed) for row in (
            ("amount", "甲乙丙"[i] + "类支出", "1000.00", "万元", f"{'甲乙丙'[i]}类支出1000.00万元"),
            ("share", "甲乙丙"[i] + "类支出", share, "%", f"占{share}%"))])
    return line


def test_shares_adjusted_by_001_to_add_up_to_100_are_a_note(data):
    line = {}
    f = audit_changed(data, lambda d: line.setdefault("at", three_shares(d, ["33.33", "33.34", "33.33"])))
    shares = [x for x in f.values() if x.id.startswith(f"prose.share.{line['at']}.")]
    assert sorted(x.status for x in shares) == ["note", "ok", "ok"]
    note = next(x for x in shares if x.status == "note")
    assert note.found == D("33.34") and "尾差调整" in note.note and "99.99" in note.note


def test_shares_that_add_up_to_more_than_100_are_an_error(data):
    line = {}
    f = audit_changed(data, lambda d: line.setdefault("at", three_shares(d, ["33.33", "33.35", "33.33"])))  # 100.01%
    shares = [x for x in f.values() if x.id.startswith(f"prose.share.{line['at']}.")]
    assert sorted(x.status for x in shares) == ["mismatch", "ok", "ok"]


# 6. Consequences are not errors.

def test_a_check_failing_because_a_table_is_missing_follows_from_the_missing_table(data):
    def missing(d):
        d["t03_expenditure"] = d["t03_expenditure"].iloc[0:0]
        report = deepcopy(d["report"])
        del report["tables"]["t03"]
        report["unread"] = [{"table": "t03", "title_zh": "支出决算表", "line": None,
                             "reason": "table 03 (支出决算表) not found: no title followed by its rows"}]
        d["report"] = report

    f = audit_changed(data, missing)
    assert f["unread.t03"].status == "mismatch" and "缺表" in f["unread.t03"].title_zh
    assert (f["x.t01_t03.functions"].status, f["x.t01_t03.functions"].cause) == ("consequence", "unread.t03")


def test_a_change_in_percent_computed_from_a_misstated_total_follows_from_it(data):
    total = seq(data, 334, "total")
    f = audit_changed(data, lambda d: set_prose(d, total, D("2873.47")))  # 收、支总计 misstated: 21.63% is right on 2773.47
    assert f[f"prose.amount.334.{total}"].status == "mismatch"
    change = f[f"prose.change_pct.334.{seq(data, 334, 'change_amount')}"]
    assert (change.status, change.cause) == ("consequence", f"prose.amount.334.{total}")


def test_one_difference_in_two_table_pairs_is_one_error(data):
    def both(d):  # table 01 and table 04 print 教育支出 as 2773.46; tables 03 and 05 as 2773.47
        cell(d, "t01_summary", lambda t: (t.side == "expenditure") & (t.item_zh == "教育支出"), D("2773.46"))
        cell(d, "t04_fiscal_summary", lambda t: (t.side == "expenditure") & (t.item_zh == "教育支出")
             & (t.column == "general_budget"), D("2773.46"))

    f = audit_changed(data, both)
    assert f["x.t01_t03.205"].status == "mismatch"
    assert (f["x.t04_t05.205"].status, f["x.t04_t05.205"].cause) == ("consequence", "x.t01_t03.205")


def test_one_cell_misprinted_alike_in_table_03_and_table_05_is_one_error(data):
    def misprint(d):  # 20502's 项目支出 printed 10 万元 too high in both tables
        for name in ("t03_expenditure", "t05_general_budget"):
            cell(d, name, lambda t: (t.code == "20502") & (t.column == "project"), D("56.95"))

    f = audit_changed(data, misprint)
    errors = [x.id for x in f.values() if x.status == "mismatch" and x.id.startswith(("t03.", "t05."))]
    assert len(errors) == 1 and errors[0].startswith("t03.")
    assert any(x.id.startswith("t05.") and x.cause == errors[0] for x in f.values())


# 7. Truncation.

def test_a_rate_printed_as_the_truncation_of_the_exact_value_is_within_printed_precision(data):
    rate = seq(data, 360, "execution_rate")  # 2773.47 / 629.55 = 440.5480…%: printed 440.54, truncated
    f = audit_changed(data, lambda d: set_prose(d, rate, D("440.54")))[f"prose.execution.360.{rate}"]
    assert f.status == "rounding" and "truncated" in f.note
    wrong = audit_changed(data, lambda d: set_prose(d, rate, D("440.53")))[f"prose.execution.360.{rate}"]
    assert wrong.status == "mismatch"


# A table the conversion cut short (its 合计 row and last rows in a grid it could not read) is not the report's error.

def test_a_table_cut_short_in_conversion_is_a_probable_artefact(data):
    def cut(d):
        t = d["t03_expenditure"]
        d["t03_expenditure"] = t[(t.level != "total") & ~t.code.fillna("").str.startswith("205")]
        report = deepcopy(d["report"])
        report["tables"]["t03"]["lines"] = [148, 158]
        report["unplaced"] = [{"line": 160, "text_zh": "20502普通教育46.950.0046.95"}]
        d["report"] = report

    f = audit_changed(data, cut)["x.t01_t03.functions"]  # table 01's 教育支出 is not in what was read of table 03
    assert f.status == "artefact" and "without its 合计 row" in f.note and "line 160" in f.note
