"""Performance scoring chapter (绩效自评): recompute every score the self-evaluation states."""

from __future__ import annotations

import re

import pandas as pd

from .numbers import dec, pct, rounded, total

QUANTITATIVE = re.compile(r"\d|[≥≤<>＞＜]|百分之")


def available(data) -> bool:
    """Whether the report has a 绩效自评表 (many do not)."""
    return not data["performance_indicators"].empty


def dimensions(data) -> pd.DataFrame:
    if not available(data):
        return pd.DataFrame()
    ind = data["performance_indicators"]
    rows = []
    for name in dict.fromkeys(ind.level1_zh):
        part = ind[ind.level1_zh == name]
        stated = part.level1_points_stated.iloc[0]
        weights, scores = total(part.weight_points), total(part.score_points)
        rows.append({"一级指标": name, "indicators": len(part), "points stated": stated, "sum of weights": weights,
                     "sum of scores": scores, "weights agree": "n/a" if stated is None else
                     ("yes" if weights == stated else f"no ({weights - stated:+})")})
    return pd.DataFrame(rows)


def budget_score(data) -> pd.DataFrame:
    if not available(data):
        return pd.DataFrame()
    pb = data["performance_budget"]
    row = pb[pb.row_zh.str.endswith("年度资金总额")]
    v = dict(zip(row.column, row.value))
    if not {"full_year_budget", "executed", "weight"} <= set(v):
        return pd.DataFrame()
    rate = v["executed"] / v["full_year_budget"] if v["full_year_budget"] else None
    stated_rate = v.get("rate")
    return pd.DataFrame({
        "figure": ["执行率 rate (stated)", "rate recomputed (executed / full-year budget)", "分值 weight",
                   "得分 score (stated)", "score recomputed (stated rate x weight)", "score recomputed (rate x weight)"],
        "value": [stated_rate, rounded(rate, "0.0000001") if rate is not None else None, v["weight"], v.get("score"),
                  rounded(stated_rate * v["weight"]) if stated_rate is not None else None,
                  rounded(rate * v["weight"]) if rate is not None else None],
    })


def totals(data) -> pd.DataFrame:
    """The total score as the table and the prose state it, against the sum recomputed from the rows."""
    if not available(data):
        return pd.DataFrame()
    ind = data["performance_indicators"]
    pb = data["performance_budget"]
    budget = pb[pb.row_zh.str.endswith("年度资金总额") & (pb.column == "score")].value
    weight = pb[pb.row_zh.str.endswith("年度资金总额") & (pb.column == "weight")].value
    recomputed = total(ind.score_points) + (budget.iloc[0] if not budget.empty else 0)
    weights = total(ind.weight_points) + (weight.iloc[0] if not weight.empty else 0)
    st = data["stated_totals"]
    stated = st[st.dataset == "performance_indicators"].set_index("measure")
    rows = [
        {"source": "sum of indicator weights + budget weight", "weights": weights, "score": recomputed, "line": ""},
        {"source": "总分 row of the table", "weights": stated.value.get("weight_points"),
         "score": stated.value.get("score_points"), "line": stated.line.get("score_points", "")},
    ]
    prose = data["prose_numbers"]
    for _, r in prose[prose.metric == "score"].iterrows():
        rows.append({"source": f"prose: {r.subject_zh}", "weights": None, "score": r.value, "line": r.line})
    return pd.DataFrame(rows)


def kinds(data) -> pd.DataFrame:
    if not available(data):
        return pd.DataFrame()
    ind = data["performance_indicators"]
    quantitative = ind.target.fillna("").map(lambda t: bool(QUANTITATIVE.search(t)))
    full = ind.score_points == ind.weight_points
    n = len(ind)
    return pd.DataFrame({
        "indicators": ["quantitative (a number or threshold)", "qualitative", "full marks", "below full marks"],
        "count": [int(quantitative.sum()), int((~quantitative).sum()), int(full.sum()), int((~full).sum())],
        "share": [pct(rounded(dec(int(x)) * 100 / n)) if n else "n/a" for x in
                  (quantitative.sum(), (~quantitative).sum(), full.sum(), (~full).sum())],
    })


def indicators(data) -> pd.DataFrame:
    if not available(data):
        return pd.DataFrame()
    ind = data["performance_indicators"]
    return pd.DataFrame({
        "一级": ind.level1_zh.values, "二级": ind.level2_zh.fillna("").values, "三级指标": ind.level3_zh.values,
        "target": ind.target.fillna("").values, "actual": ind.actual.fillna("").values,
        "weight": ind.weight_points.values, "score": ind.score_points.values,
    })


def summary(data) -> dict:
    if not available(data):
        return {"recomputed": None, "stated": None}
    t = totals(data)
    return {"recomputed": t.score.iloc[0], "stated": t.score.iloc[1]}
