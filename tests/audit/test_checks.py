"""The consistency audit: statuses, rounding envelopes, and the findings the 2024 report really has."""

from __future__ import annotations

import json
from copy import deepcopy
from decimal import Decimal as D

import pytest
from click.testing import CliRunner

from juesuan.audit import checks, core
from juesuan.cli import main
from juesuan.data.datasets import load
from juesuan.analysis.numbers import envelope

from ..conftest import ROOT, SEED_UNIT


@pytest.fixture(scope="module")
def findings(data):
    return {f.id: f for f in checks.run(data)}


def test_compare_statuses():
    assert checks.compare("a", "within", "", "", "", D("1.00"), D("1.00")).status == "ok"
    assert checks.compare("a", "within", "", "", "", D("2773.46"), D("2773.47"), envelope(2)).status == "rounding"
    assert checks.compare("a", "within", "", "", "", D("2773.46"), D("2773.48"), envelope(2)).status == "mismatch"
    missing = checks.compare("a", "within", "", "", "", None, D("1"))
    assert missing.status == "missing_data" and missing.difference is None
    assert envelope(2) == D("0.015")


# The report's own errors, found by reading it: each pair of figures below is printed in it. Each is counted once.
KNOWN_ERRORS = {
    "奖金 (prose 150.04, table 06 150.05)": "prose.amount.370.61",
    "基本支出决算数 (prose 642.37, table 05 642.36)": "prose.actual.362.51",
    "a share of 100% of 一般公共预算支出总额 (2131.10 of 2773.47 is 76.84%)": "prose.share.426.181",
    "prose score 99.70 (table 99.68)": "perf.prose.432",
    "budget score 9.68 (0.9661907 × 10 = 9.66)": "perf.budget.score",
}
# What follows from one of them, with its cause.
KNOWN_CONSEQUENCES = {
    "prose.execution.362.52": "prose.actual.362.51",  # 102.03% is right on 642.36, wrong on the mistyped 642.37
    "perf.recomputed_total": "perf.budget.score",  # 99.68 adds the stated 9.68; with 9.66 the total is 99.66
    "perf.dimension.满意度指标": "perf.dimension.效益指标",  # the one misplaced 2-point row
    "perf.fund.832.score": "perf.fund.831.score",  # the fund rows' cells in the 得分 column
}
KNOWN_ARTEFACTS = {"perf.dimension.效益指标", "perf.fund.831.score"}


def test_the_reports_errors_each_once(findings):
    for name, id in KNOWN_ERRORS.items():
        assert findings[id].status == "mismatch", name
    assert {f.id for f in findings.values() if f.status == "mismatch"} == set(KNOWN_ERRORS.values())
    assert findings["prose.amount.370.61"].difference == D("-0.01")
    assert findings["perf.budget.score"].found == D("9.68")
    assert findings["perf.budget.score"].expected.quantize(D("0.01")) == D("9.66")
    assert "76.84" not in findings["prose.share.426.181"].note and "共涉及资金" in findings["prose.share.426.181"].note


def test_consequences_name_their_cause(findings):
    for id, cause in KNOWN_CONSEQUENCES.items():
        assert (findings[id].status, findings[id].cause) == ("consequence", cause), id
    assert {f.id for f in findings.values() if f.status == "consequence"} == set(KNOWN_CONSEQUENCES)
    assert findings["perf.recomputed_total"].expected == D("99.66")
    assert findings["prose.execution.362.52"].found == D("102.03")


def test_artefacts_are_apart_from_errors(findings):
    assert {f.id for f in findings.values() if f.status == "artefact"} == KNOWN_ARTEFACTS
    assert "安全事故" in findings["perf.dimension.效益指标"].note  # the 2-point row at the border
    assert "基本支出" in findings["perf.fund.831.score"].note  # 642.36 is table 03's 基本支出


def test_no_false_alarms_of_known_kinds(findings):
    # 99.7 states 99.68 at the one decimal it is printed with
    f = findings["perf.prose.783"]
    assert (f.status, f.tolerance) == ("rounding", D("0.05")) and "0.1" in f.note
    # 实有 19 (prose) and the base table's 财政供养 17 are different kinds: never compared
    assert not any(f.id.startswith("staff.") and f.status == "mismatch" for f in findings.values())
    assert findings["staff.kinds"].status == "not_applicable" and "财政供养" in findings["staff.kinds"].note
    # 与上年持平 against the prior year the base-data table states (2023年决算数)
    for id in ("prose.word.384.98", "prose.word.388.104", "prose.word.394.131"):
        assert findings[id].status == "ok", id
    assert findings["prose.word.384.98"].found == "决算 0.00 vs 上年 0"
    assert "performance_base line 803" in findings["prose.word.384.98"].sources  # 出国经费, 2023年决算数


def test_claim_families_are_checked(findings):
    ok = lambda id: findings[id].status in ("ok", "rounding")  # noqa: E731
    # the base-data table against the tables: 三公, 项目支出, 公用经费, 水费、电费、差旅费, 控制率 17/20
    for id in ("base.three.actual.total", "base.three.budget.reception", "base.project", "base.public",
               "base.items.813", "base.staff.rate", "proc.base_table"):
        assert ok(id), id
    # procurement execution 1809.73 / 1815.83 = 0.9966, stated as 1 (printed to the unit)
    assert findings["proc.execution"].status == "rounding"
    # the budget by kind and scope: 629.55 + 30.86 + 2210.11 (project money allocated in the year) = 2870.52
    assert findings["budget.full_year.parts"].status == "ok" and findings["budget.full_year.parts"].found == D("2870.52")
    assert findings["budget.full_year.project.805"].status == "rounding"  # 2210.109493 against 2210.11
    assert findings["budget.initial.parts"].status == "ok"
    # the 自评表's fund-type rows were read and judged
    assert findings["perf.fund.831.score"].found == D("642.36")


def test_rounding_is_not_a_mismatch(findings):
    # 642.36 + 2131.10 = 2773.46, printed total 2773.47: inside (2 + 1) x 0.005
    f = findings["t03.row.total"]
    assert (f.expected, f.found, f.status) == (D("2773.46"), D("2773.47"), "rounding")
    # 45 projects in 元 sum to 2131.10033 万元 against 2131.10
    assert findings["x.projects_t03"].status == "rounding"
    # implied SME amounts: 1120.27 x 69.07% + 689.46 x 20.87% = 917.66 against 917.69 stated
    f = findings["proc.sme.implied"]
    assert f.expected == (D("1120.27") * D("69.07") / 100 + D("689.46") * D("20.87") / 100).quantize(D("0.01"))
    assert f.status == "rounding"


def test_identities_that_hold(findings):
    for id in ("t01.balance", "t01.income.parts", "t01.expenditure.parts", "t04.income.parts",
               "t04.carry_over.general_budget", "t06.total.personnel", "t06.total.public", "t09.budget.total",
               "x.t01_t02.total", "x.t01_t03.total", "x.t02_t04.fiscal", "x.t04_t05.total", "x.t05_t06.basic",
               "x.t03_t05.total", "proc.categories", "proc.share.sme_awarded", "proc.base_table", "perf.weights",
               "perf.total", "perf.budget.executed", "id.year", "id.unit", "prose.prior.three_public"):
        assert findings[id].status == "ok", (id, findings[id])


def test_zero_bases_are_not_applicable(findings):
    assert findings["proc.share.sme.works"].status == "not_applicable"  # 100% of 0.00 万元 of works
    zero_budget = [f for f in findings.values() if f.id.startswith("prose.execution") and f.status == "not_applicable"]
    assert len(zero_budget) == 4  # 完成预算的100.00% of a 0.00 budget, four times in the 三公 section


def _mutated(data, dataset, where, column, value):
    copy = deepcopy(data)
    frame = copy[dataset]
    mask = True
    for k, v in where.items():
        mask = mask & (frame[k] == v)
    assert mask.sum() >= 1
    frame.loc[mask, column] = value
    return {f.id: f for f in checks.run(copy)}


def test_a_changed_figure_is_caught_where_it_should_be(data):
    f = _mutated(data, "t01_summary", {"side": "expenditure", "item_zh": "总计"}, "amount_wan_yuan", D("2773.57"))
    assert f["t01.balance"].status == "mismatch" and f["t01.balance"].difference == D("0.10")
    f = _mutated(data, "t06_basic_economic", {"code": "30101"}, "amount_wan_yuan", D("107.76"))
    assert f["t06.class.301"].status == "mismatch"
    f = _mutated(data, "procurement", {"metric": "purchases", "category": "goods"}, "amount_wan_yuan", D("1100.27"))
    assert f["proc.categories"].status == "mismatch"
    f = _mutated(data, "t09_three_public", {"basis": "budget", "item": "reception"}, "amount_wan_yuan", D("0.60"))
    assert f["t09.budget.total"].status == "mismatch"


def test_missing_sections_are_missing_data(data):
    copy = deepcopy(data)
    copy["performance_indicators"] = copy["performance_indicators"].iloc[0:0]
    copy["procurement"] = copy["procurement"].iloc[0:0]
    found = {f.id: f for f in checks.run(copy)}
    assert found["perf"].status == "missing_data" and found["proc.total"].status == "missing_data"


def test_check_command_json_and_strict():
    runner = CliRunner()
    out = runner.invoke(main, ["check", "--unit", SEED_UNIT, "--year", "2024", "--data-dir", str(ROOT / "data"),
                               "--json"])
    assert out.exit_code == 0
    rows = json.loads(out.stdout)
    assert {"id", "family", "title_en", "title_zh", "sources", "expected", "found", "difference", "status"} <= set(rows[0])
    assert sum(r["status"] == "mismatch" for r in rows) == len(KNOWN_ERRORS)
    assert {r["id"]: r["cause"] for r in rows if r["cause"]} == KNOWN_CONSEQUENCES
    assert {(r["unit"], r["year"]) for r in rows} == {(SEED_UNIT, 2024)}
    strict = runner.invoke(main, ["check", "--unit", SEED_UNIT, "--year", "2024", "--data-dir", str(ROOT / "data"),
                                  "--strict"])
    assert strict.exit_code == 1
    assert "5 errors of the report, 4 consequences of them, 2 probable conversion artefacts" in strict.stdout
    missing = runner.invoke(main, ["check", "--year", "1999", "--data-dir", str(ROOT / "data")])
    assert missing.exit_code == 2


def _set(data, dataset, field, value, **where):
    frame = data[dataset]
    mask = None
    for k, v in where.items():
        m = frame[k] == v
        mask = m if mask is None else mask & m
    assert mask is not None and mask.sum() >= 1, (dataset, where)
    frame.loc[mask, field] = value


def _prose(data, line, subject_end, value, metric=None):
    p = data["prose_numbers"]
    mask = (p.line == line) & p.subject_zh.fillna("").str.endswith(subject_end)
    if metric:
        mask &= p.metric == metric
    assert mask.sum() >= 1, (line, subject_end)
    p.loc[mask, "value"] = value


# (finding id or id prefix, how to break it) — each check family, broken by one hand-made change
BREAKS = [
    ("t01.balance", lambda d: _set(d, "t01_summary", "amount_wan_yuan", D("2800.00"), side="income", item_zh="总计")),
    ("t01.income.parts", lambda d: _set(d, "t01_summary", "amount_wan_yuan", D("5.00"), side="income", item_zh="事业收入")),
    ("t01.expenditure.grand", lambda d: _set(d, "t01_summary", "amount_wan_yuan", D("1.00"), side="expenditure",
                                             item_zh="结余分配")),
    ("t02.row.20502", lambda d: _set(d, "t02_income", "amount_wan_yuan", D("46.00"), code="20502", column="fiscal")),
    ("t03.tree.20509.project", lambda d: _set(d, "t03_expenditure", "amount_wan_yuan", D("2000.00"), code="2050999",
                                              column="project")),
    ("t04.row.37", lambda d: _set(d, "t04_fiscal_summary", "amount_wan_yuan", D("2700.00"), line_no="37",
                                  column="general_budget")),
    ("t04.carry_over.general_budget", lambda d: _set(d, "t04_fiscal_summary", "amount_wan_yuan", D("10.00"),
                                                     side="expenditure", line_no="60", column="general_budget")),
    ("t05.row.total", lambda d: _set(d, "t05_general_budget", "amount_wan_yuan", D("600.00"), level="total",
                                     column="basic")),
    ("t06.class.302", lambda d: _set(d, "t06_basic_economic", "amount_wan_yuan", D("14.42"), code="30201")),
    ("t06.total.public", lambda d: _set(d, "t06_basic_economic", "amount_wan_yuan", D("45.96"), level="total",
                                        group="public")),
    ("t07.carry_over", lambda d: _set(d, "t07_gov_fund", "amount_wan_yuan", D("3.00"), column="closing_balance")),
    ("t09.actual.vehicles", lambda d: _set(d, "t09_three_public", "amount_wan_yuan", D("1.00"), basis="actual",
                                           item="vehicle_purchase")),
    ("x.t01_t02.total", lambda d: _set(d, "t02_income", "amount_wan_yuan", D("2773.57"), level="total", column="total")),
    ("x.t01_t03.205", lambda d: _set(d, "t01_summary", "amount_wan_yuan", D("2773.00"), item_zh="教育支出")),
    ("x.t02_t04.fiscal", lambda d: _set(d, "t04_fiscal_summary", "amount_wan_yuan", D("2770.00"), side="income",
                                        item_zh="本年收入合计")),
    ("x.t04_t05.205", lambda d: _set(d, "t05_general_budget", "amount_wan_yuan", D("2700.00"), code="205",
                                     column="total")),
    ("x.t05_t06.stated", lambda d: _set(d, "t06_basic_economic", "amount_wan_yuan", D("590.00"), level="total",
                                        group="personnel")),
    ("x.t03_t05.project", lambda d: _set(d, "t05_general_budget", "amount_wan_yuan", D("2131.50"), level="total",
                                         column="project")),
    ("x.t06_t09.30217", lambda d: _set(d, "t06_basic_economic", "amount_wan_yuan", D("0.30"), code="30217")),
    ("x.projects_t03", lambda d: _set(d, "projects", "amount_yuan", D("2900000.00"), seq=1)),
    ("projects.total", lambda d: _set(d, "projects", "amount_yuan", D("7600.00"), seq=44)),
    ("prose.amount.374", lambda d: _prose(d, 374, "办公费", D("13.52"))),
    ("prose.share.342", lambda d: _prose(d, 342, "基本支出", D("24.16"), metric="share")),
    ("prose.change_pct.334", lambda d: _prose(d, 334, "降低", D("20.63"))),
    ("prose.execution.360", lambda d: _prose(d, 360, "完成年初预算的", D("450.55"))),
    ("prose.three.394", lambda d: _prose(d, 394, "公务接待费支出预算", D("0.60"))),
    ("prose.word.380", lambda d: _set(d, "prose_numbers", "direction", "greater", line=380, metric="comparison")),
    ("staff.parts.560", lambda d: _prose(d, 560, "临聘", D(3))),
    ("proc.categories", lambda d: _set(d, "procurement", "amount_wan_yuan", D("700.00"), metric="purchases",
                                       category="services")),
    ("proc.share.small_micro_awarded", lambda d: _set(d, "procurement", "share_pct", D("90.00"),
                                                      metric="small_micro_awarded")),
    ("proc.sme.implied", lambda d: _set(d, "procurement", "share_pct", D("60.00"), metric="sme_awarded",
                                        category="goods")),
    ("perf.weights", lambda d: _set(d, "performance_indicators", "weight_points", D(4), seq=1)),
    ("perf.score_le_weight", lambda d: _set(d, "performance_indicators", "score_points", D(5), seq=2)),
    ("perf.dimension.成本指标", lambda d: _set(d, "performance_indicators", "weight_points", D(1), seq=3)),
    ("perf.total", lambda d: _set(d, "performance_indicators", "score_points", D("2.5"), seq=4)),
    ("perf.budget.rate", lambda d: _set(d, "performance_budget", "value", D("2700.00"), column="executed",
                                        row_zh="年度预算申请（万元）/年度资金总额")),
    ("base.project", lambda d: _set(d, "performance_base", "value", D("2130.1"), item_zh="项目支出:",
                                    column_zh="2024年决算数")),
    ("base.items", lambda d: _set(d, "performance_base", "value", D("1.16"), item_zh="水费、电费、差旅费",
                                  column_zh="2024年决算数")),
    ("budget.full_year.parts", lambda d: _set(d, "performance_base", "value", D("31.86"),
                                              item_zh="部门基本支出预算调整", column_zh="2024年预算数")),
    ("proc.execution", lambda d: _set(d, "performance_base", "value", D("4000"), item_zh="政府采购金额",
                                      column_zh="2024年预算数")),
    ("id.year", lambda d: d["report"].__setitem__("year_stated", 2023)),
    ("id.unit", lambda d: d["report"]["tables"]["t05"].__setitem__("unit_name_zh", "长沙市教育局")),
]


@pytest.mark.parametrize("target, breaks", BREAKS, ids=[b[0] for b in BREAKS])
def test_each_check_holds_on_the_report_and_fails_when_broken(data, findings, target, breaks):
    def pick(found):
        hits = [f for i, f in found.items() if i == target or i.startswith(target + ".")]
        assert hits, f"no finding {target}"
        return hits

    assert all(f.status in ("ok", "rounding") for f in pick(findings)), pick(findings)
    broken = deepcopy(data)
    breaks(broken)
    everything = {f.id: f for f in checks.run(broken)}
    after = pick(everything)
    # caught as the error, or as a consequence of the one error the broken figure makes (named by its cause)
    assert any(f.status == "mismatch" or (f.status == "consequence" and everything[f.cause].status == "mismatch")
               for f in after), after


def test_rounding_envelope_at_its_edge():
    # three figures rounded to 0.01 may miss their rounded total by (3 + 1) x 0.005 = 0.020 at most
    at_edge = checks.compare("e", "within", "", "", "", D("1.000"), D("1.020"), envelope(3))
    past_edge = checks.compare("e", "within", "", "", "", D("1.000"), D("1.021"), envelope(3))
    assert (at_edge.status, past_edge.status) == ("rounding", "mismatch")
    # a printed share carries ±0.005 points plus what rounding its two amounts can move it
    tol = core.share_tolerance(D("917.69"), D("1809.73"))
    assert D("0.005") < tol < D("0.006")


def test_the_chinese_edition_reads_every_finding_in_chinese(findings):
    """In the Chinese edition a note is its Chinese (note_zh) or, where none is given, only the report's own words it
    quotes; statuses, sources and the comparison words are Chinese; the command line's JSON stays English."""
    import re

    from juesuan import i18n

    every = list(findings.values())
    assert all(f.zh_note or not f.note for f in every)  # every note has a Chinese reading
    i18n.use("zh")
    try:
        shown = checks.frame(every)
        table = checks.status_table(every)
    finally:
        i18n.use("en")
    assert "check" not in shown.columns and set(shown.status) <= {"一致", "舍入误差内", "报告错误", "连带结果", "疑似转换错位",
                                                                   "不适用", "缺少数据"}
    assert "id" not in shown.columns and "cause" not in shown.columns  # a page shows no internal id
    for column in ("检查", "sources", "note", "expected", "found"):  # no English word, no internal id
        texts = [str(v) for v in shown[column]]
        assert not [t for t in texts if re.search(r"[A-Za-z]{3,}", t)], column
    consequence = shown[shown.note.str.startswith("按表中的 642.36 计算为 102.03")]  # prose.execution.362.52
    assert list(consequence.status) == ["连带结果"] and "源自«支出决算数为642.37万元»" in consequence.note.iloc[0]
    assert list(table.family)[-1] == "合计" and "报告错误" in table.columns
    assert "note_zh" not in findings["prose.amount.370.61"].as_dict()
    assert checks.frame(every).columns[1] == "check"  # the English edition as before


def test_the_audit_table_prints_a_year_as_a_year(findings):
    years = checks.frame([findings["id.year"]])
    assert list(years.expected) == list(years.found) == ["2024"]  # the seed's cover: 2024年度部门决算, not 2,024


@pytest.mark.parametrize("unit, line, quote", [
    # 文旅局 2025 lines 548-549: 决算数比2024年度减少19.66万元…其中：因公出国（境）费支出决算与2024年持平；公务用车…减少
    # 20.06万元；公务接待费支出决算增加0.40万元: the 持平 is of 因公出国（境）费, not of the changes beside it
    ("shanghaishiputuoquwenhuahelvyouju/2025", 548, "因公出国（境）费支出决算与2024年持平"),
    # 石泉路 2025 line 777: 因公出国（境）费支出与2024年持平, after the total's and 公务用车's increases of 21.90
    ("shanghaishiputuoqurenminzhengfushiquanlujiedaobanshichu/2025", 777, "费支出与2024年持平"),
])
def test_a_word_of_comparison_is_not_judged_against_a_change_of_another_subject(unit, line, quote):
    unit, year = unit.split("/")
    found = [f for f in checks.run(load(int(year), ROOT / "data" / unit))
             if f.id.startswith(f"prose.word.{line}.") and quote in f.title_en]
    assert len(found) == 1 and found[0].status != "mismatch", found
