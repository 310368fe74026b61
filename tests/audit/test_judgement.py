"""The audit's judgement, rule by rule, on small made-up variations of the 2024 report: printed precision,
one finding per root cause, bases of one kind, prior-year figures stated elsewhere, artefacts apart."""

from __future__ import annotations

from decimal import Decimal as D


from juesuan.audit import checks
from juesuan.audit.core import stated, step

from .conftest import audit_changed


def set_prose(d, seq, value):
    d["prose_numbers"].loc[d["prose_numbers"].seq == seq, "value"] = value


def test_a_figure_agrees_at_the_precision_it_is_printed_with():
    assert step(D("99.7")) == D("0.1") and step(D("99.70")) == D("0.01") and step(D("17")) == D(1)
    assert stated("a", "prose", "", "", "", D("99.68"), D("99.7")).status == "rounding"
    assert stated("a", "prose", "", "", "", D("99.68"), D("99.70")).status == "mismatch"
    assert stated("a", "prose", "", "", "", D("99.64"), D("99.7")).status == "mismatch"  # 99.6 at 0.1
    assert stated("a", "prose", "", "", "", D("2210.109493"), D("2210.11")).status == "rounding"
    assert stated("a", "prose", "", "", "", D("17"), D("17")).status == "ok"
    # the coarser of the two: a table's 0.5 restated as 0.50 agrees
    assert stated("a", "prose", "", "", "", D("0.5"), D("0.50")).status == "ok"


def test_a_typo_and_the_rate_computed_from_it_are_one_error(data):
    fixed = audit_changed(data, lambda d: set_prose(d, 51, D("642.36")))  # the prose's 642.37 corrected
    assert fixed["prose.actual.362.51"].status == "ok" and fixed["prose.execution.362.52"].status in ("ok", "rounding")
    # a rate wrong on the table's figure too is an error of its own, not a consequence
    own = audit_changed(data, lambda d: set_prose(d, 52, D("102.50")))
    assert (own["prose.execution.362.52"].status, own["prose.execution.362.52"].cause) == ("mismatch", "")


def test_staff_counts_are_compared_within_one_kind_only(data):
    def two_on_establishment(d, count):
        d["report"] = {**d["report"], "staff": d["report"]["staff"] + [
            {"count": count, "label_zh": "在编人数", "line": 999, "source": "performance_base"}]}

    agree = audit_changed(data, lambda d: two_on_establishment(d, 17))
    assert agree["staff.在编.999"].status == "ok"
    differ = audit_changed(data, lambda d: two_on_establishment(d, 18))
    assert differ["staff.在编.999"].status == "mismatch" and differ["staff.在编.999"].found == D(18)
    assert "staff.kinds" not in differ  # a count of one kind was stated twice


def test_a_comparison_with_the_prior_year_uses_the_figure_stated_elsewhere(data):
    def prior_outbound(d, value):
        b = d["performance_base"]
        b.loc[(b.item_zh == "出国经费") & (b.column_zh == "2023年决算数"), "value"] = value

    assert audit_changed(data, lambda d: prior_outbound(d, D("0")))["prose.word.384.98"].status == "ok"
    assert audit_changed(data, lambda d: prior_outbound(d, D("0.5")))["prose.word.384.98"].status == "mismatch"

    def no_prior(d):
        b = d["performance_base"]
        d["performance_base"] = b[b.column_zh != "2023年决算数"]

    gone = audit_changed(data, no_prior)["prose.word.384.98"]
    assert gone.status == "missing_data" and "因公出国（境）费" in gone.note


def test_a_row_under_the_wrong_heading_is_an_artefact_only_when_it_explains_both(data):
    def swap_weights(d):  # the border row weighs 3, not the 2 points the dimensions miss by
        ind = d["performance_indicators"]
        ind.loc[ind.seq == 31, "weight_points"] = D(3)
        ind.loc[ind.seq == 32, "weight_points"] = D(2)

    f = audit_changed(data, swap_weights)
    assert f["perf.dimension.效益指标"].status == "mismatch" and f["perf.dimension.满意度指标"].status == "mismatch"


def test_a_share_right_on_another_base_says_so(data):
    f = audit_changed(data, lambda d: set_prose(d, 181, D("76.84")))["prose.share.426.181"]  # 2131.10 / 2773.47
    assert f.status == "ok"


def test_counts_name_errors_not_symptoms(data):
    c = checks.counts(checks.run(data))
    text = checks.summary(c)
    assert text.startswith(f"{sum(c.values())} checks: {c['mismatch']} errors of the report")
    found = checks.run(data)
    assert [f.id for f in found if f.cause == "prose.actual.362.51"] == ["prose.execution.362.52"]
    assert {f.id: f.status for f in found}["prose.actual.362.51"] == "mismatch"


def test_one_misprinted_cell_is_one_error(data):
    def misprint(d):  # 20502's 基本支出 printed 10 万元 too high
        t = d["t03_expenditure"]
        t.loc[(t.code == "20502") & (t.column == "basic"), "amount_wan_yuan"] = D("652.36")

    f = audit_changed(data, misprint)
    broken = [x for x in f.values() if x.id.startswith("t03.") and x.status in ("mismatch", "consequence")]
    errors = [x for x in broken if x.status == "mismatch"]
    assert len(errors) == 1 and errors[0].id == "t03.tree.20502.basic"  # the check that names the cell
    assert len(broken) >= 3 and {x.cause for x in broken if x is not errors[0]} == {"t03.tree.20502.basic"}


def test_rows_shifted_against_their_codes_are_one_artefact():
    from juesuan.audit.core import compare, special

    shift = special("x.shift.t05.205", "between", "Table 05 rows 205…20502 …", "", "t05 lines 226-229, t03",
                    "mismatch", "each of these rows carries the figures table 03 gives the code 2 rows further down")
    second = special("x.shift.t05.20509", "between", "Table 05 rows 20509… …", "", "t05, t03", "mismatch")
    tree = compare("t05.tree.205.total", "within", "", "", "t05", D("2773.47"), D("2700.00"))
    other = compare("t03.tree.205.total", "within", "", "", "t03", D("2773.47"), D("2700.00"))
    out = {f.id: f for f in checks._after_shifts([shift, second, tree, other])}
    assert out["x.shift.t05.205"].status == "artefact"
    assert (out["x.shift.t05.20509"].status, out["x.shift.t05.20509"].cause) == ("consequence", "x.shift.t05.205")
    assert (out["t05.tree.205.total"].status, out["t05.tree.205.total"].cause) == ("consequence", "x.shift.t05.205")
    assert out["t03.tree.205.total"].status == "mismatch"  # another table: its own error


def test_a_rate_is_rounded_half_up_at_its_printed_precision(data):
    def halfway(d):  # 基本支出 642.36 / 年初预算 629.55 … make it exactly 102.025%: 408.10 / 400
        set_prose(d, 50, D("400"))
        set_prose(d, 51, D("408.10"))
        set_prose(d, 52, D("102.03"))

    f = audit_changed(data, halfway)["prose.execution.362.52"]
    assert f.expected == D("102.03")  # 102.025 rounds half up, as the report rounds; half-to-even would say 102.02
    assert f.status != "mismatch" or f.cause  # the rate is right on its own figures


def test_two_small_misprints_are_two_errors(data):
    def misprint(d):
        t = d["t03_expenditure"]
        t.loc[(t.code == "2050299") & (t.column == "basic"), "amount_wan_yuan"] = D("0.04")
        t.loc[(t.code == "2050999") & (t.column == "project"), "amount_wan_yuan"] = D("2084.18")

    f = audit_changed(data, misprint)
    errors = {x.id for x in f.values() if x.status == "mismatch" and x.id.startswith("t03.")}
    assert len(errors) >= 2, errors  # 0.04 and 0.03: not one cell


def test_a_budget_execution_rate_above_100_percent_earns_the_weight(data):
    def above(d):
        pb = d["performance_budget"]
        pb.loc[(pb.column == "rate") & pb.row_zh.str.endswith("年度资金总额"), "value"] = D("1.05")
        pb.loc[(pb.column == "score") & pb.row_zh.str.endswith("年度资金总额"), "value"] = D("10.00")

    f = audit_changed(data, above)["perf.budget.score"]
    assert (f.status, f.expected) == ("ok", D("10.00"))  # min(1.05, 1) x 10


def test_a_lost_cell_makes_a_check_unknown_never_a_crash(data):
    def lose(d):  # cells the reader recorded as lost (printed = lost): unknown, not blank
        t = d["t06_basic_economic"]
        for where in (t.code == "30217", (t.level == "total") & (t.group == "personnel")):
            t.loc[where, "amount_wan_yuan"] = None
            t.loc[where, "printed"] = "lost"

    f = audit_changed(data, lose)
    assert f["x.t06_t09.30217"].status == "missing_data"
    assert f["x.t05_t06.stated"].status == "missing_data"


def test_an_unknown_percentage_is_never_printed_as_none():
    from juesuan import i18n
    from juesuan.analysis.numbers import pct

    assert pct(None) == "n/a" and pct(D("23.16")) == "23.16%"
    i18n.use("zh")
    try:
        assert pct(None) == "不适用"
    finally:
        i18n.use("en")
