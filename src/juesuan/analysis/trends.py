"""Years side by side: each report's own figures, and the prior-year figures each report states, tagged
with the report that states them. A year with no report in data/ is shown from the next year's report."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from .. import i18n
from . import basic, procurement, scoring
from .changes import meant, stated, three_public as three_public_change
from .numbers import share, total

METRICS = [  # key, Chinese term as published, English
    ("grand_total", "收支总计", "grand total (income plus balances)"),
    ("expenditure", "本年支出合计", "total expenditure"),
    ("basic", "基本支出", "basic expenditure"),
    ("project", "项目支出", "project expenditure"),
    ("personnel", "人员经费", "personnel expenses"),
    ("public", "公用经费", "public operating expenses"),
    ("three_public", "“三公”经费", "“three public expenses” (actual)"),
    ("procurement", "政府采购", "procurement"),
    ("sme_share", "中小企业占比", "SME share of procurement (%)"),
    ("score", "绩效自评得分（自评表总分）", "performance self-score, the self-evaluation table's total"),
]
UNITS = {"sme_share": "%", "score": "分"}  # every other metric is an amount in 万元
BASE_ITEMS = {"项目支出": "project", "公用经费": "public", "三公经费": "three_public", "政府采购金额": "procurement"}


def own(data) -> dict[str, Decimal | None]:
    """The year's figures from its own report."""
    t01, t03 = data["t01_summary"], data["t03_expenditure"]
    grand = t01[(t01.side == "income") & (t01.item_zh == "总计")].amount_wan_yuan
    tot = dict(zip(t03[t03.level == "total"].column, t03[t03.level == "total"].amount_wan_yuan))
    b = basic.summary(data)
    t09 = data["t09_three_public"]
    three = t09[(t09.basis == "actual") & (t09.item == "total")].amount_wan_yuan
    p = procurement.summary(data)
    return {
        "grand_total": grand.iloc[0] if len(grand) else None, "expenditure": tot.get("total"),
        "basic": tot.get("basic"), "project": tot.get("project"), "personnel": b["personnel"], "public": b["public"],
        "three_public": three.iloc[0] if len(three) else None, "procurement": p["total"],
        "sme_share": p["sme_share"], "score": scoring.summary(data)["stated"],
    }


# The totals a change in the text may be of, by the subject it names: 收支总计 is the grand total; 支出总计 is the grand
# total in the national template's text and this year's spending in a university's (表1 has no balances to add):
# which one it is, its figure tells.
TOTALS = {"收支总计": ("grand_total",), "收入支出总计": ("grand_total",), "本年支出合计": ("expenditure",),
          "支出合计": ("expenditure",), "支出总计": ("grand_total", "expenditure")}


def stated_prior(data) -> list[dict]:
    """Prior-year figures this report states: its base-data table's previous-year column, the totals its text
    implies (the figure it states this year minus the stated change), and the 三公 total its text implies (this
    year's from table 09 minus the stated change: the sentence need not restate it)."""
    year = data["report"]["year"]
    rows = []
    base = data["performance_base"]
    for item, column, value, line in zip(base.item_zh, base.column_zh, base.value, base.line):
        metric = BASE_ITEMS.get(item.rstrip(":：").split("、")[-1])
        if metric and column == f"{year - 1}年决算数":
            rows.append({"year": year - 1, "metric": metric, "value": value,
                         "source": i18n.t("trends.source_base", year=year, line=line)})
    mine = own(data)
    implied = {}
    for c in stated(data):
        keys = TOTALS.get(c.subject, ())
        metric = keys[0] if len(keys) == 1 else next((k for k in keys if mine[k] == c.current), None)
        if metric is not None and meant(c):
            implied.setdefault(metric, c)
    three = three_public_change(data, mine["three_public"])
    if three is not None:
        implied["three_public"] = three
    rows += [{"year": year - 1, "metric": metric, "value": c.prior,
              "source": i18n.t("trends.source_implied", year=year, line=c.line)} for metric, c in implied.items()]
    return rows


def series(datas: dict[int, dict]) -> pd.DataFrame:
    """Long table: year, metric, value, source, own (whether the year's own report gives it). Own reports first;
    prior-year statements where no report of that year gives the figure."""
    rows = []
    for year, data in sorted(datas.items()):
        for metric, value in own(data).items():
            if value is not None:
                rows.append({"year": year, "metric": metric, "value": value, "own": True,
                             "source": i18n.t("trends.source_own", year=year)})
    have = {(r["year"], r["metric"]) for r in rows}
    for year, data in sorted(datas.items()):
        for r in stated_prior(data):
            if (r["year"], r["metric"]) not in have:
                rows.append({**r, "own": False})
                have.add((r["year"], r["metric"]))
    return pd.DataFrame(rows, columns=["year", "metric", "value", "source", "own"])


def by_year(frame: pd.DataFrame, keys: list[str]) -> tuple[list[str], dict[str, list]]:
    """For a grouped chart: the years that have any of these metrics, and each metric's values by year (None where
    none is known: drawn as no bar, never as 0), labelled with its published term and, in the English edition, its English rendering."""
    part = frame[frame.metric.isin(keys)]
    years = sorted(set(part.year))
    known = {(y, m): v for y, m, v in zip(part.year, part.metric, part.value)}
    names = {key: zh if i18n.lang() == "zh" else f"{zh} {en}" for key, zh, en in METRICS}
    return [str(y) for y in years], {names[k]: [known.get((y, k)) for y in years] for k in keys}


def table(datas) -> pd.DataFrame:
    """One row per metric, one column per year, plus where the earliest figure comes from."""
    s = series(datas)
    years = sorted(set(s.year))
    out = []
    for key, zh, en in METRICS:
        part = s[s.metric == key]
        if part.empty:
            continue
        row = {"metric": zh, "English": en, "unit": UNITS.get(key, "万元")}
        for y in years:
            hit = part[part.year == y]
            row[str(y)] = hit.value.iloc[0] if len(hit) else None
        row["sources"] = i18n.t("trends.sep").join(dict.fromkeys(part.source))
        out.append(row)
    return pd.DataFrame(out)


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """series() for the reader, year by year: each metric by its published term as table() names it (with its English
    rendering in the English edition), never by its key."""
    names = {key: zh if i18n.lang() == "zh" else f"{zh} ({en})" for key, zh, en in METRICS}
    frame = frame.sort_values("year", kind="stable")  # a year a later report states stands before that report's own
    return frame.assign(metric=frame.metric.map(names), unit=frame.metric.map(lambda k: UNITS.get(k, "万元")))[
        ["metric", "year", "value", "unit", "source"]]


def changes(datas) -> list[dict]:
    """For each metric known in two or more years: its first and last year, values and sources, and the change; from
    the earliest report of the book that gives it to the latest, or, where one report alone gives it, from the prior
    year that report states."""
    s = series(datas)
    out = []
    for key, zh, en in METRICS:
        part = s[s.metric == key].sort_values("year")
        if part["own"].sum() >= 2:
            part = part[part["own"]]
        if len(part) < 2 or key in ("sme_share", "score"):
            continue
        a, b = part.iloc[0], part.iloc[-1]
        out.append({"key": key, "zh": zh, "en": en, "from_year": int(a.year), "from": a.value, "from_source": a.source,
                    "to_year": int(b.year), "to": b.value, "change": b.value - a.value,
                    "pct": share(b.value - a.value, a.value)})
    return out


def shares(datas) -> pd.DataFrame:
    s = series(datas)
    out = []
    for year in sorted(set(s.year)):
        v = dict(zip(s[s.year == year].metric, s[s.year == year].value))
        if "basic" in v and "project" in v and v["basic"] + v["project"]:
            out.append({"year": year, "project share of expenditure": share(v["project"], total([v["basic"], v["project"]]))})
    return pd.DataFrame(out)
