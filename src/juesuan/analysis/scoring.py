"""Performance scoring chapter (绩效自评): recompute every score the self-evaluation states."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from .. import i18n
from .numbers import dec, pct, rounded, step, total

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
                     i18n.t("performance.agree_yes") if weights == stated else
                     i18n.t("performance.agree_no", d=f"{weights - stated:+}")})
    return pd.DataFrame(rows)


def _budget_row(data) -> dict:
    """The 年度资金总额 row of the 绩效自评表: column key -> value."""
    pb = data["performance_budget"]
    row = pb[pb.row_zh.str.endswith("年度资金总额")]
    return {k: v for k, v in zip(row.column, row.value) if v is not None}


def _places(value) -> Decimal:
    """The precision the stated score is printed with; 0.01 for a score not stated."""
    return Decimal("0.01") if value is None else step(value)


def execution_score(rate, weight) -> Decimal:
    """The budget-execution score as the 绩效自评表 computes it: 执行率 × 分值, a rate above 100% earning no more
    than the weight. Exact (not rounded): the audit and the chapter round it to the stated score's precision."""
    return min(dec(rate), dec(1)) * dec(weight)


def budget_recomputed(data) -> dict:
    """The budget-execution score recomputed: 执行率 (as stated, else executed / full-year budget), at most 100%,
    times 分值, to the precision the stated score is printed with. ``score`` is None when no rate can be had."""
    v = _budget_row(data)
    rate, how = v.get("rate"), "stated"
    if rate is None and v.get("full_year_budget"):
        if v.get("executed") is not None:
            rate, how = v["executed"] / v["full_year_budget"], "executed / full-year budget"
    weight = v.get("weight")
    score = None
    if rate is not None and weight is not None:
        score = rounded(execution_score(rate, weight), _places(v.get("score")))
    return {"rate": rate, "rate_from": how if rate is not None else None, "weight": weight,
            "stated": v.get("score"), "score": score}


def budget_score(data) -> pd.DataFrame:
    if not available(data):
        return pd.DataFrame()
    v = _budget_row(data)
    if not {"full_year_budget", "executed", "weight"} <= set(v):
        return pd.DataFrame()
    rate = v["executed"] / v["full_year_budget"] if v["full_year_budget"] else None
    stated_rate = v.get("rate")
    places = _places(v.get("score"))
    return pd.DataFrame({
        "figure": ["执行率 rate (stated)", "rate recomputed (executed / full-year budget)", "分值 weight",
                   "得分 score (stated)", "score recomputed (stated rate x weight)", "score recomputed (rate x weight)"],
        "value": [stated_rate, rounded(rate, "0.0000001") if rate is not None else None, v["weight"], v.get("score"),
                  rounded(execution_score(stated_rate, v["weight"]), places) if stated_rate is not None else None,
                  rounded(execution_score(rate, v["weight"]), places) if rate is not None else None],
    })


def totals(data) -> pd.DataFrame:
    """The total score recomputed (indicator scores + the budget-execution score recomputed), the rows as stated
    (indicator scores + the budget-execution score as stated), and the totals the table and the prose state."""
    if not available(data):
        return pd.DataFrame()
    ind = data["performance_indicators"]
    v = _budget_row(data)
    b = budget_recomputed(data)
    indicators = total(ind.score_points)
    weights = total(ind.weight_points) + v.get("weight", 0)
    budget = b["score"] if b["score"] is not None else b["stated"]  # no rate: the stated score stands
    st = data["stated_totals"]
    stated = st[st.dataset == "performance_indicators"].set_index("measure")
    rows = [
        {"source": "recomputed: indicator scores + budget-execution score recomputed (rate x weight)",
         "weights": weights, "budget-execution score": budget, "indicator scores": indicators,
         "total score": indicators + (budget or 0), "line": ""},
        {"source": "the rows as stated: indicator scores + budget-execution score as stated", "weights": weights,
         "budget-execution score": b["stated"], "indicator scores": indicators,
         "total score": indicators + (b["stated"] or 0), "line": ""},
        {"source": "总分 row of the table", "weights": stated.value.get("weight_points"), "budget-execution score": None,
         "indicator scores": None, "total score": stated.value.get("score_points"),
         "line": stated.line.get("score_points", "")},
    ]
    prose = data["prose_numbers"]
    for _, r in prose[prose.metric == "score"].iterrows():
        rows.append({"source": i18n.t("performance.source_prose", subject=r.subject_zh), "weights": None,
                     "budget-execution score": None, "indicator scores": None, "total score": r.value, "line": r.line})
    return pd.DataFrame(rows, dtype=object)


def compared(data) -> dict:
    """The stated total against the recomputed one, and the budget-execution scores behind the difference."""
    if not available(data):
        return {}
    t = totals(data)
    b = budget_recomputed(data)
    stated = t["total score"].iloc[2]
    recomputed = t["total score"].iloc[0]
    return {"stated": stated, "recomputed": recomputed,
            "difference": recomputed - stated if stated is not None else None,
            "stated_rows": t["total score"].iloc[1], "indicators": t["indicator scores"].iloc[0],
            "budget_stated": b["stated"], "budget_recomputed": b["score"], "rate": b["rate"],
            "rate_from": b["rate_from"], "weight": b["weight"], "places": _places(b["stated"]),
            "rate_from_text": b["rate_from"] and i18n.t(RATE_FROM[b["rate_from"]])}  # in the page's language


RATE_FROM = {"stated": "performance.rate_stated", "executed / full-year budget": "performance.rate_executed"}


def side_by_side(data) -> pd.DataFrame:
    """The stated total beside the recomputed one, with the budget-execution and indicator scores behind each."""
    c = compared(data)
    if not c:
        return pd.DataFrame()

    def diff(a, b):
        return None if a is None or b is None else b - a

    rows = [("得分 budget-execution score (年度资金总额)", c["budget_stated"], c["budget_recomputed"]),
            ("indicator scores (sum of the rows)", c["indicators"], c["indicators"]),
            ("总分 total score", c["stated"], c["recomputed"])]
    return pd.DataFrame([{"score": name, "stated": a, "recomputed": b, "recomputed - stated": diff(a, b)}
                         for name, a, b in rows], dtype=object)


def kinds(data) -> pd.DataFrame:
    if not available(data):
        return pd.DataFrame()
    ind = data["performance_indicators"]
    quantitative = ind.target.fillna("").map(lambda t: bool(QUANTITATIVE.search(t)))
    full = ind.score_points == ind.weight_points
    n = len(ind)
    return pd.DataFrame({  # the header in the page's language: "indicators" counts them in dimensions()
        i18n.t("performance.kinds_header"): ["quantitative (a number or threshold)", "qualitative", "full marks",
                                             "below full marks"],
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
        "target": ind.target.fillna("").values, i18n.t("performance.actual_header"): ind.actual.fillna("").values,
        "weight": ind.weight_points.values, "score": ind.score_points.values,
    })


def summary(data) -> dict:
    if not available(data):
        return {"recomputed": None, "stated": None}
    c = compared(data)
    return {"recomputed": c["recomputed"], "stated": c["stated"]}
