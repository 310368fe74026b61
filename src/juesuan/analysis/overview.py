"""The measures that compare units and years (the overview chapter, the database's ``measures`` table): each one
figure of one unit-year with its base named in its label (MEASURES), computed from that year's data by the same
functions the chapters use. None where the report does not give what a measure needs."""

from __future__ import annotations

from decimal import Decimal

from . import basic, budget, changes, procurement, scoring, spending
from .numbers import dec, rounded, share

# key, term (Chinese), English, unit: the base of each share is in its name
MEASURES = [
    ("total", "支出合计", "total expenditure", "万元"),
    ("basic_share", "基本支出占支出合计", "basic expenditure, share of the total", "%"),
    ("project_share", "项目支出占支出合计", "project expenditure, share of the total", "%"),
    ("staff", "人数（在编；无在编人数的为财政供养在职）", "staff (在编; else fiscally supported staff in post)", "人"),
    ("basic_per_head", "人均基本支出（基本支出÷人数）", "basic expenditure per head (basic ÷ staff)", "万元"),
    ("three_public", "“三公”经费决算", "“three public expenses”, actual", "万元"),
    ("three_public_change", "“三公”经费比上年增减", "“three public expenses”, change on the prior year", "万元"),
    ("running_costs", "机关运行经费", "operating costs of the administrative body", "万元"),
    ("execution_rate", "预算执行率（支出÷全年预算）", "budget execution (spent ÷ full-year budget)", "%"),
    ("basic_rate", "基本支出执行率", "basic expenditure execution rate", "%"),
    ("project_rate", "项目支出执行率", "project expenditure execution rate", "%"),
    ("procurement", "政府采购", "government procurement", "万元"),
    ("sme_share", "中小企业占政府采购", "SME share of procurement", "%"),
    ("score_stated", "绩效自评得分（自评表总分）", "self-evaluation score (the table's total)", "分"),
    ("score_recomputed", "绩效自评得分（重算）", "self-evaluation score (recomputed)", "分"),
    ("tables_read", "公开的表（已读取）", "tables published (read)", "张"),
    ("tables_empty", "其中空表", "of which empty", "张"),
    ("tables_missing", "缺少的表", "tables missing", "张"),
]


def _rate(part, whole) -> Decimal | None:
    return share(part, whole) if part is not None and whole else None


def _rates(data) -> dict:
    f = budget.figures(data)
    v = {k: (f[k].value if f[k] else None) for k in f}
    basic_full = None if v["basic_initial"] is None or v["basic_added"] is None else v["basic_initial"] + v["basic_added"]
    return {"execution_rate": _rate(v["total_executed"], v["total_full"]),
            "basic_rate": _rate(v["basic_executed"], basic_full),
            "project_rate": _rate(v["project_executed"], v["project_full"])}


def _tables(data) -> dict:
    """How many of the template's tables the report published and were read, how many of them hold no figure
    (published empty, as many a report does with a note), and how many are missing."""
    from ..data.vocab import TEMPLATES

    report = data["report"]
    template = TEMPLATES[report.get("template", {}).get("id", "national")]
    read = [t for t in template["tables"] if t in report.get("tables", {})]
    empty = 0
    for t in read:
        frame = data.get(report["tables"][t].get("dataset", ""))
        if frame is not None and (frame.empty or all((dec(v) or 0) == 0 for v in frame.amount_wan_yuan)):
            empty += 1
    return {"tables_read": len(read), "tables_empty": empty, "tables_missing": len(template["tables"]) - len(read)}


def three_public_change(data, previous=None) -> tuple[Decimal | None, str | None]:
    """The change of the 三公 total on the prior year, and its basis: as the report states it (``base``: this year's
    total less its base-data table's 上年决算数; ``text``: the change its text states, 0 where it says 持平), else
    computed from both years' own reports where the previous year's (``previous``) is in the book (``reports``)."""
    three = basic.three_public(data).set_index("item")
    actual = three.loc["合计", "actual (万元)"] if "合计" in three.index else None
    if actual is None:
        return None, None
    prior = three.loc["合计", "prior year (万元)"]
    if prior is not None:
        return actual - prior, "base"
    stated = changes.three_public(data, actual)
    if stated is not None:
        return stated.change, "text"
    before = basic.three_public(previous).set_index("item") if previous is not None else None
    if before is not None and "合计" in before.index and before.loc["合计", "actual (万元)"] is not None:
        return actual - before.loc["合计", "actual (万元)"], "reports"
    return None, None


def measures(data, previous=None) -> dict:
    """Every measure of one unit-year (MEASURES' keys), with the unit's name and the template, and the basis of the
    change of 三公 (three_public_change); ``previous`` is the prior year's data where the book has that report."""
    s = spending.summary(data)
    base = basic.head_base(data)
    whole = basic.summary(data)["basic"] if not data["t06_basic_economic"].empty else s["basic"]
    three = basic.three_public(data).set_index("item")
    actual = three.loc["合计", "actual (万元)"] if "合计" in three.index else None
    change, basis = three_public_change(data, previous)
    p = procurement.summary(data)
    score = scoring.summary(data)
    report = data["report"]
    return {
        "unit_zh": report.get("unit_zh", ""), "template": report.get("template", {}).get("id", "national"),
        "total": s["total"], "basic_share": s["basic_share"], "project_share": s["project_share"],
        "staff": base["people"], "staff_kind": base["kind"],
        "basic_per_head": rounded(whole / base["people"]) if whole is not None and base["people"] else None,
        "three_public": actual, "three_public_change": change, "three_public_change_basis": basis,
        "running_costs": basic.running_costs_status(data)["amount"],
        **_rates(data),
        "procurement": p["total"], "sme_share": p["sme_share"],
        "score_stated": score["stated"], "score_recomputed": score["recomputed"],
        **_tables(data),
    }


def _latest(frame):
    """Each unit's latest year (a unit is compared once, by its newest report)."""
    return frame.sort_values("year").groupby("unit", sort=False).tail(1)


def _extremes(frame, key: str):
    rows = [r for _, r in _latest(frame).iterrows() if r[key] is not None]
    if len(rows) < 2:
        return None
    rows.sort(key=lambda r: r[key])
    return rows[-1], rows[0]


def facts(frame) -> list:
    """What the overview says first: the largest and smallest spending, the spread of project shares, where the
    audit found errors, the SME shares and the spending per head, each by each unit's latest report."""
    from .highlights import Fact

    out = []
    for key, name in (("total", "ov_total"), ("project_share", "ov_project_share"), ("sme_share", "ov_sme"),
                      ("basic_per_head", "ov_per_head")):
        ends = _extremes(frame, key)
        if ends is None:
            continue
        top, bottom = ends
        unit = {"万元": "wan", "%": "pct"}[next(u for k, _, _, u in MEASURES if k == key)]  # how the sentence prints it
        out.append(Fact(name, {"top": top["unit_zh"], "top_year": top["year"], f"top_{unit}": top[key],
                               "bottom": bottom["unit_zh"], "bottom_year": bottom["year"], f"bottom_{unit}": bottom[key],
                               "n_n": len(_latest(frame))}))
    errors = [(r["unit_zh"], r["year"], int(r["errors"] or 0)) for _, r in frame.iterrows()]
    wrong = [e for e in errors if e[2]]
    if wrong:
        most = max(wrong, key=lambda e: e[2])
        out.insert(1, Fact("ov_errors", {"reports_n": len(wrong), "of_n": len(errors), "errors_n": sum(e[2] for e in wrong),
                                         "most": most[0], "most_year": most[1], "most_n": most[2]}))
    else:
        out.insert(1, Fact("ov_errors_none", {"of_n": len(errors)}))
    return out[:6]
