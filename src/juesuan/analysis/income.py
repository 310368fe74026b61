"""Income chapter (收入): by source, by functional code, fiscal appropriations by fund, change on last year."""

from __future__ import annotations

import pandas as pd

from ..data.glossary import english as en
from .numbers import dec, pct, share, table_total

CHANGE_SECTION = "收入支出决算总体情况"


def total_by_column(data, dataset: str, label: str) -> pd.DataFrame:
    """The 合计 row of a functional-code table split by its columns, each with its share of the total."""
    t = data[dataset]
    rows = t[(t.level == "total") & (t.column != "total")]
    whole = table_total(t)
    return pd.DataFrame({
        label: rows.column_zh.values,
        "English": [en(z) for z in rows.column_zh],
        "amount (万元)": rows.amount_wan_yuan.values,
        "share": [pct(share(v, whole)) for v in rows.amount_wan_yuan],
    })


def by_source(data) -> pd.DataFrame:
    return total_by_column(data, "t02_income", "source (as published)")


def by_function(data, dataset: str = "t02_income") -> pd.DataFrame:
    """The 类/款/项 tree of a functional table, total column, indented by level."""
    t = data[dataset]
    rows = t[(t.column == "total") & (t.level != "total")]
    whole = table_total(t)
    indent = {"class": "", "subclass": "\u3000", "item": "\u3000\u3000"}
    return pd.DataFrame({
        "code": rows.code.values,
        "level": rows.level.map({"class": "类 class", "subclass": "款 subclass", "item": "项 item"}).values,
        "科目名称": [indent[lv] + n for lv, n in zip(rows.level, rows.name_zh)],
        "English": [en(n, code=c, kind="functional") for n, c in zip(rows.name_zh, rows.code)],
        "amount (万元)": rows.amount_wan_yuan.values,
        "share": [pct(share(v, whole)) for v in rows.amount_wan_yuan],
    })


def by_fund(data) -> pd.DataFrame:
    """Fiscal appropriations by fund type and carry-overs: the income side of table 04."""
    t04 = data["t04_fiscal_summary"]
    rows = t04[t04.side == "income"]
    return pd.DataFrame({
        "行次": rows.line_no.values,
        "项目 (as published)": rows.item_zh.values,
        "English": [en(z) for z in rows.item_zh],
        "amount (万元)": rows.amount_wan_yuan.values,
    })


def change_on_prior_year(data, section_word: str = CHANGE_SECTION) -> pd.DataFrame:
    """The year-on-year change the prose states for the overall total, and the prior-year total it implies."""
    prose = data["prose_numbers"]
    sect = prose[prose.section_zh.str.contains(section_word, regex=False)]
    total = sect[sect.metric == "total"]
    change = sect[sect.metric == "change_amount"]
    pct_rows = sect[sect.metric == "change_pct"]
    if total.empty or change.empty:
        return pd.DataFrame()
    current = total.value.iloc[0]
    signed = change.value.iloc[0] * (-1 if change.direction.iloc[0] == "decrease" else 1)
    prior = current - signed
    stated_pct = None
    if not pct_rows.empty:
        stated_pct = pct_rows.value.iloc[0] * (-1 if pct_rows.direction.iloc[0] == "decrease" else 1)
    return pd.DataFrame({
        "figure": ["this year (stated)", "change (stated)", "prior year (implied)", "change % (stated)",
                   "change % (recomputed)"],
        "value": [current, signed, prior, stated_pct, share(signed, prior)],
        "unit": ["万元", "万元", "万元", "%", "%"],
        "report line": [total.line.iloc[0], change.line.iloc[0], "", pct_rows.line.iloc[0] if stated_pct else "", ""],
    })


def summary(data) -> dict:
    """The total and fiscal income of table 02 (None for a table left unread)."""
    t02 = data["t02_income"]
    totals = dict(zip(t02[t02.level == "total"].column, t02[t02.level == "total"].amount_wan_yuan))
    total, fiscal = dec(totals.get("total")), dec(totals.get("fiscal"))
    return {"total": total, "fiscal": fiscal, "fiscal_share": share(fiscal, total)}
