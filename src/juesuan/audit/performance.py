"""The 绩效自评表: weights, scores, the budget-execution row and the stated totals."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .core import D0, Finding, HALF, compare, fsum, line_list, special, table_total


def performance(data) -> Iterator[Finding]:
    ind = data["performance_indicators"]
    if ind.empty:
        yield special("perf", "performance", "Performance self-evaluation", "绩效自评", "annex", "missing_data",
                      "the report has no 绩效自评表")
        return
    pb = data["performance_budget"]
    row = pb[pb.row_zh.str.endswith("年度资金总额")]
    b = dict(zip(row.column, row.value))
    st = data["stated_totals"]
    stated = dict(zip(st[st.dataset == "performance_indicators"].measure, st[st.dataset == "performance_indicators"].value))
    weights = fsum(ind.weight_points) + b.get("weight", D0)
    yield compare("perf.weights", "performance", "Weights total 100", "分值合计为100", "performance",
                  Decimal(100), weights)
    if "weight_points" in stated:
        yield compare("perf.weights.stated", "performance", "The stated weight total equals the sum of the weights",
                      "总分行分值=各项分值之和", "performance 总分 row", weights, stated["weight_points"])
    over = ind[ind.score_points > ind.weight_points]
    yield Finding("perf.score_le_weight", "performance", "No score exceeds its weight", "得分不超过分值",
                  "performance", Decimal(0), Decimal(len(over)), Decimal(len(over)), D0,
                  "ok" if over.empty else "mismatch", ", ".join(f"line {x}" for x in over.line))
    for name in dict.fromkeys(ind.level1_zh):
        part = ind[ind.level1_zh == name]
        points = part.level1_points_stated.iloc[0]
        yield compare(f"perf.dimension.{name}", "performance", f"{name}: the rows' weights equal its stated points",
                      f"{name}：各指标分值之和=标注分值", f"performance lines {line_list(part.line.min(), part.line.max())}",
                      points, fsum(part.weight_points),
                      note=f"{len(part)} indicators; a row may sit under the wrong dimension in the conversion")
    recomputed = fsum(ind.score_points) + b.get("score", D0)
    if "score_points" in stated:
        yield compare("perf.total", "performance", "The stated total score equals the sum of the scores",
                      "总分=各项得分之和", "performance 总分 row", recomputed, stated["score_points"])
    prose = data["prose_numbers"]
    for _, r in prose[prose.metric == "score"].iterrows():
        yield compare(f"perf.prose.{r.line}", "performance", "The score the prose states equals the table's",
                      "文字所述自评得分=自评表总分", f"prose line {r.line}", stated.get("score_points", recomputed),
                      r.value, note=f"«{r.quote_zh}»")
    if {"rate", "weight", "score"} <= set(b):
        yield compare("perf.budget.score", "performance", "Budget-execution score = rate × weight",
                      "预算执行得分=执行率×分值", f"performance line {row.line.iloc[0]}",
                      (b["rate"] * b["weight"]).quantize(Decimal("0.01")), b["score"], HALF)
    if {"rate", "executed", "full_year_budget"} <= set(b) and b["full_year_budget"]:
        places = Decimal(1).scaleb(b["rate"].as_tuple().exponent)
        yield compare("perf.budget.rate", "performance", "Execution rate = executed / full-year budget",
                      "执行率=全年执行数/全年预算数", f"performance line {row.line.iloc[0]}",
                      (b["executed"] / b["full_year_budget"]).quantize(places), b["rate"], places,
                      "compared at the precision the table prints; a printed rate may be truncated, not rounded")
    if "executed" in b:
        yield compare("perf.budget.executed", "performance", "全年执行数 equals table 03's total expenditure",
                      "全年执行数=支出决算表合计", f"performance line {row.line.iloc[0]}; t03",
                      table_total(data, "t03_expenditure"), b["executed"])
