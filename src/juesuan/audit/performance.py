"""The 绩效自评表: weights, scores, the budget-execution row and the stated totals."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from ..analysis.numbers import rounded
from ..analysis.scoring import execution_score, misplaced
from .core import D0, Finding, artefact, compare, follows, fsum, line_list, special, stated, step, table_total


def performance(data) -> Iterator[Finding]:
    ind = data["performance_indicators"]
    if ind.empty:
        unread = any(u["table"] == "performance" for u in data["report"].get("unread", []))
        yield special("perf", "performance", "Performance self-evaluation", "绩效自评", "annex", "missing_data",
                      "the 绩效自评表 could not be read" if unread else "the report has no 绩效自评表",
                      note_zh="绩效自评表未能读取" if unread else "报告未附绩效自评表")
        return
    pb = data["performance_budget"]
    row = pb[pb.row_zh.str.endswith("年度资金总额")]
    b = dict(zip(row.column, row.value))
    st = data["stated_totals"]
    stated_totals = dict(zip(st[st.dataset == "performance_indicators"].measure,
                             st[st.dataset == "performance_indicators"].value))
    weights = fsum(ind.weight_points) + b.get("weight", D0)
    yield compare("perf.weights", "performance", "Weights total 100", "分值合计为100", "performance",
                  Decimal(100), weights)
    if "weight_points" in stated_totals:
        yield compare("perf.weights.stated", "performance", "The stated weight total equals the sum of the weights",
                      "总分行分值=各项分值之和", "performance 总分 row", weights, stated_totals["weight_points"])
    over = ind[ind.score_points > ind.weight_points]
    yield Finding("perf.score_le_weight", "performance", "No score exceeds its weight", "得分不超过分值",
                  "performance", Decimal(0), Decimal(len(over)), Decimal(len(over)), D0,
                  "ok" if over.empty else "mismatch", ", ".join(f"line {x}" for x in over.line),
                  note_zh="、".join(f"第 {x} 行" for x in over.line))
    yield from _dimensions(ind)
    recomputed = fsum(ind.score_points) + b.get("score", D0)
    if "score_points" in stated_totals:
        yield compare("perf.total", "performance", "The stated total score equals the sum of the scores",
                      "总分=各项得分之和", "performance 总分 row", recomputed, stated_totals["score_points"])
    score = None
    if {"rate", "weight", "score"} <= set(b):
        score = stated("perf.budget.score", "performance", "Budget-execution score = rate × weight (at most the weight)",
                       "预算执行得分=执行率×分值", f"performance line {row.line.iloc[0]}", execution_score(b["rate"], b["weight"]),
                       b["score"])
        yield score
        if score.status == "mismatch" and "score_points" in stated_totals:
            exact = fsum(ind.score_points) + rounded(execution_score(b["rate"], b["weight"]), step(b["score"]))
            yield follows(compare("perf.recomputed_total", "performance", "The total with the budget-execution score "
                                  "recomputed equals the stated total", "按重算的预算执行得分计算的总分=所述总分",
                                  "performance 总分 row", exact, stated_totals["score_points"]),
                          score, f"the stated total adds the stated {b['score']}; with rate × weight it is {exact}",
                          f"所列总分计入的是所列得分 {b['score']}；按执行率×分值计算，总分为 {exact}")
    prose = data["prose_numbers"]
    for _, r in prose[prose.metric == "score"].iterrows():
        yield stated(f"perf.prose.{r.line}", "performance", "The score the prose states equals the table's",
                     "文字所述自评得分=自评表总分", f"prose line {r.line}; performance 总分 row",
                     stated_totals.get("score_points", recomputed),
                     r.value, note=f"«{r.quote_zh}»")
    if {"rate", "executed", "full_year_budget"} <= set(b) and b["full_year_budget"]:
        places = step(b["rate"])
        yield compare("perf.budget.rate", "performance", "Execution rate = executed / full-year budget",
                      "执行率=全年执行数/全年预算数", f"performance line {row.line.iloc[0]}",
                      (b["executed"] / b["full_year_budget"]).quantize(places), b["rate"], places,
                      "compared at the precision the table prints; a printed rate may be truncated, not rounded",
                      "按表中所列精度比较；表中的执行率可能是截断而非四舍五入所得")
    if "executed" in b:
        yield compare("perf.budget.executed", "performance", "全年执行数 equals table 03's total expenditure",
                      "全年执行数=支出决算表合计", f"performance line {row.line.iloc[0]}; t03",
                      table_total(data, "t03_expenditure"), b["executed"])
    yield from _fund_rows(data, pb, b)


def _dimensions(ind) -> Iterator[Finding]:
    """Each dimension's rows add up to its stated points. A row at the border of two dimensions that miss by its
    points in opposite directions most probably sits under the wrong heading in the conversion (analysis.scoring.
    misplaced): one artefact, the other dimension its consequence."""
    found = {}
    for name in dict.fromkeys(ind.level1_zh):
        part = ind[ind.level1_zh == name]
        found[name] = compare(f"perf.dimension.{name}", "performance", f"{name}: the rows' weights equal its stated points",
                              f"{name}：各指标分值之和=标注分值", f"performance lines {line_list(part.line.min(), part.line.max())}",
                              part.level1_points_stated.iloc[0], fsum(part.weight_points),
                              note=f"{len(part)} indicators", note_zh=f"{len(part)} 项指标")
    for m in misplaced(ind):
        first, second, row, points, line = m["first"], m["second"], m["row"], m["points"], m["line"]
        found[first] = artefact(replace(found[first], sources=f"performance line {line}; {found[first].sources}"),
                                f"probably a conversion artefact: the row «{row}» ({points} points, line {line}) at the "
                                f"border stands under {m['away']}; under {m['to']} both dimensions agree",
                                f"疑似转换错位：交界处的«{row}»一行（{points} 分，第 {line} 行）被列在{m['away']}之下；"
                                f"归入{m['to']}，两个一级指标的分值均相符")
        found[second] = follows(found[second], found[first], f"the same misplaced row «{row}»", f"同一错位的«{row}»一行")
    yield from found.values()


FUNDS = [("一般公共预算", "t05_general_budget", "total"), ("政府性基金", "t07_gov_fund", "expenditure"),
         ("国有资本", "t08_state_capital", "total")]


def _fund_rows(data, pb, whole) -> Iterator[Finding]:
    """The 自评表's rows by kind of funds (按收入性质分): the executed amount equals the fund's table total; a figure
    in a column the row has no use for (a score on a fund row) that equals a table figure is a cell the conversion
    put in the wrong column."""
    t03 = {"基本支出": table_total(data, "t03_expenditure", "basic"), "项目支出": table_total(data, "t03_expenditure", "project"),
           "支出合计": table_total(data, "t03_expenditure")}
    moved = None
    for r in pb[~pb.row_zh.str.endswith("年度资金总额")].itertuples():
        fund = next(((zh, table, column) for zh, table, column in FUNDS if zh in r.row_zh), None)
        fid = f"perf.fund.{r.line}.{r.column}"
        if r.column == "executed" and fund is not None:
            yield stated(fid, "performance", f"自评表 {fund[0]} 执行数 equals its table's total",
                         f"自评表{fund[0]}执行数=决算表合计", f"performance line {r.line}; {fund[1][:3]}",
                         table_total(data, fund[1], fund[2]), r.value)
        elif r.column == "score":
            same = [name for name, v in t03.items() if v is not None and v == r.value]
            finding = Finding(fid, "performance", "A row by kind of funds carries no score", "按收入性质分的行无得分",
                              f"performance line {r.line}", None, r.value, None, D0, "mismatch",
                              f"«{r.row_zh}» shows {r.value} under 得分 (the whole scores {whole.get('score')})",
                              note_zh=f"«{r.row_zh}»一行在得分栏列有 {r.value}（整体得分为 {whole.get('score')}）")
            if same and moved is None:
                finding = moved = artefact(finding, f"probably a conversion artefact: {r.value} is table 03's "
                                                    f"{same[0]}, a cell in the wrong column",
                                           f"疑似转换错位：{r.value} 即表03的{same[0]}，是错列入得分栏的数字")
            elif same:
                finding = follows(finding, moved, f"{r.value} is table 03's {same[0]}: the same misplaced cells",
                                  f"{r.value} 即表03的{same[0]}：同一批错列的数字")
            yield finding
