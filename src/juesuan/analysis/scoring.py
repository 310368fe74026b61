"""Performance scoring chapter (绩效自评): recompute every score the self-evaluation states."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from .. import i18n
from .numbers import dec, pct, rounded, step, total

QUANTITATIVE = re.compile(r"\d|[≥≤<>＞＜%％]|百分之")
_DATES = re.compile(r"(?:19|20)\d{2}\s*年度?|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*[日号]")


def quantitative(target) -> bool:
    """A target states a measurable value: a number, a comparison sign or a percentage. A year or a date is not
    a value ("2024年度内及时完成" is qualitative)."""
    return bool(QUANTITATIVE.search(_DATES.sub("", target or "")))


def rate_pct(rate) -> Decimal | None:
    """A rate the 自评表 prints as a fraction (0.9661907) as a percentage at 0.01 (96.62)."""
    return None if rate is None else rounded(dec(rate) * 100)


def actual_shown(target, actual) -> str:
    """An indicator's 实际完成值 as printed, except a bare fraction printed with many decimals against a percentage
    target (0.966190794699218 against ≤100%), shown as the percentage it is (96.62%)."""
    text = actual or ""
    if re.fullmatch(r"-?\d+\.\d{5,}", text):
        value = Decimal(text)
        if "%" in (target or "") and abs(value) <= 2:
            return f"{rounded(value * 100)}%"
        return str(rounded(value, "0.0001"))
    return text


def available(data) -> bool:
    """Whether the report has a 绩效自评表 (many do not)."""
    return not data["performance_indicators"].empty


def misplaced(ind) -> list[dict]:
    """Rows that probably stand under the wrong dimension in the conversion: two neighbouring dimensions miss their
    stated points by the same amount in opposite directions, and the row at their border carries exactly those points
    (it belongs to the dimension that lacks them). Each: the row (level3_zh, points, line), where it stands (away) and
    where it belongs (to). The chapter and the audit tell the same story from this."""
    names = list(dict.fromkeys(ind.level1_zh))
    off = {}
    for name in names:
        part = ind[ind.level1_zh == name]
        stated = part.level1_points_stated.iloc[0]
        off[name] = None if stated is None else total(part.weight_points) - stated
    found = []
    for first, second in zip(names, names[1:]):
        a, b = off[first], off[second]
        if not a or not b or a != -b:
            continue
        rows = ind[ind.level1_zh == (second if b > 0 else first)]
        border = rows.iloc[0] if b > 0 else rows.iloc[-1]
        if border.weight_points != abs(a):
            continue
        to, away = (first, second) if b > 0 else (second, first)
        found.append({"row": border.level3_zh, "points": border.weight_points, "line": int(border.line), "to": to,
                      "away": away, "first": first, "second": second})
    return found


def dimensions(data) -> pd.DataFrame:
    """Each 一级指标's stated points against the weights and scores of its rows; where a row at the border probably
    stands under the wrong dimension (misplaced), both dimensions say so, as the audit does."""
    if not available(data):
        return pd.DataFrame()
    ind = data["performance_indicators"]
    moved = {m[k]: m for m in misplaced(ind) for k in ("first", "second")}
    rows = []
    for name in dict.fromkeys(ind.level1_zh):
        part = ind[ind.level1_zh == name]
        stated = part.level1_points_stated.iloc[0]
        weights, scores = total(part.weight_points), total(part.score_points)
        if stated is None:
            agree = "n/a"
        elif weights == stated:
            agree = i18n.t("performance.agree_yes")
        elif name in moved:
            agree = i18n.t("performance.agree_moved", row=moved[name]["row"], points=moved[name]["points"],
                           to=moved[name]["to"])
        else:
            agree = i18n.t("performance.agree_no", d=f"{weights - stated:+}")
        rows.append({"一级指标": name, "indicators": len(part), "points stated": stated, "sum of weights": weights,
                     "sum of scores": scores, "weights agree": agree})
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
    """The budget-execution row: its rate (as stated, and recomputed as executed / full-year budget) as percentages,
    its weight, and its score as stated and recomputed (rate x weight, at most the weight) to the stated precision."""
    if not available(data):
        return pd.DataFrame()
    v = _budget_row(data)
    if not {"full_year_budget", "executed", "weight"} <= set(v):
        return pd.DataFrame()
    rate = v["executed"] / v["full_year_budget"] if v["full_year_budget"] else None
    stated_rate = v.get("rate")
    places = _places(v.get("score"))
    shown = lambda r: None if r is None else f"{rate_pct(r)}%"  # noqa: E731
    return pd.DataFrame({
        "figure": ["执行率 rate (stated)", "rate recomputed (executed / full-year budget)", "分值 weight",
                   "得分 score (stated)", "score recomputed (stated rate x weight)", "score recomputed (rate x weight)"],
        "value": [shown(stated_rate), shown(rate), v["weight"], v.get("score"),
                  rounded(execution_score(stated_rate, v["weight"]), places) if stated_rate is not None else None,
                  rounded(execution_score(rate, v["weight"]), places) if rate is not None else None],
    }, dtype=object)


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


def kind_counts(data) -> dict[str, int]:
    """How many indicators there are, how many are quantitative or qualitative, and how many got full marks."""
    ind = data["performance_indicators"]
    q = sum(quantitative(t) for t in ind.target.fillna(""))
    full = int((ind.score_points == ind.weight_points).sum())
    return {"indicators": len(ind), "quantitative": q, "qualitative": len(ind) - q, "full": full}


def headline(data) -> dict:
    """The self-evaluation score told one way on every page: the 自评表's stated total, the totals the prose states
    (each marked whether it disagrees at the precision it is printed with), and the total with the budget-execution
    score recomputed (None when it is the stated one)."""
    c = compared(data)
    prose = data["prose_numbers"]
    said = []
    for r in prose[(prose.metric == "score") & prose.value.notna()].itertuples():
        at = max(step(r.value), step(c["stated"])) if c.get("stated") is not None else step(r.value)
        same = c.get("stated") is not None and rounded(c["stated"], at) == rounded(r.value, at)
        said.append({"value": r.value, "line": int(r.line), "agrees": same})
    recomputed = c.get("recomputed")
    return {"stated": c.get("stated"), "prose": said,
            "recomputed": recomputed if recomputed is not None and recomputed != c.get("stated") else None}


def kinds(data) -> pd.DataFrame:
    if not available(data):
        return pd.DataFrame()
    ind = data["performance_indicators"]
    is_q = ind.target.fillna("").map(quantitative)
    full = ind.score_points == ind.weight_points
    n = len(ind)
    return pd.DataFrame({  # the header in the page's language: "indicators" counts them in dimensions()
        i18n.t("performance.kinds_header"): ["quantitative (a number or threshold)", "qualitative", "full marks",
                                             "below full marks"],
        "count": [int(is_q.sum()), int((~is_q).sum()), int(full.sum()), int((~full).sum())],
        "share": [pct(rounded(dec(int(x)) * 100 / n)) if n else "n/a" for x in
                  (is_q.sum(), (~is_q).sum(), full.sum(), (~full).sum())],
    })


def indicators(data) -> pd.DataFrame:
    if not available(data):
        return pd.DataFrame()
    ind = data["performance_indicators"]
    return pd.DataFrame({
        "一级": ind.level1_zh.values, "二级": ind.level2_zh.fillna("").values, "三级指标": ind.level3_zh.values,
        "target": ind.target.fillna("").values,
        i18n.t("performance.actual_header"): [actual_shown(t, a) for t, a in zip(ind.target, ind.actual)],
        "weight": ind.weight_points.values, "score": ind.score_points.values,
    })


def summary(data) -> dict:
    if not available(data):
        return {"recomputed": None, "stated": None}
    c = compared(data)
    return {"recomputed": c["recomputed"], "stated": c["stated"]}
