"""Expenditure chapter (支出): 基本 vs 项目, by function, the prose's budget figures, and the project list (the budget
taken apart, with an execution rate per part, is in budget.py)."""

from __future__ import annotations

import re

import pandas as pd

from ..data.glossary import english as en
from .income import total_by_column
from .numbers import dec, pct, share, total

def by_kind(data) -> pd.DataFrame:
    return total_by_column(data, "t03_expenditure", "kind (as published)")


def by_function_and_kind(data) -> pd.DataFrame:
    t03 = data["t03_expenditure"]
    rows = t03[t03.level != "total"]
    wide = rows.pivot_table(index=["code", "name_zh", "level"], columns="column", values="amount_wan_yuan",
                            aggfunc="first", sort=False)
    wide = wide.reset_index()
    out = pd.DataFrame({
        "code": wide.code, "科目名称": wide.name_zh,
        "English": [en(n, code=c, kind="functional") for n, c in zip(wide.name_zh, wide.code)],
    })
    for column, label in (("total", "total (万元)"), ("basic", "基本 basic"), ("project", "项目 project")):
        if column in wide:
            out[label] = wide[column].values
    return out


def stated_execution(data) -> pd.DataFrame:
    """Every budget, actual and execution-rate figure the prose states, in order (三公 has its own chapter)."""
    prose = data["prose_numbers"]
    rows = prose[prose.metric.isin(["budget", "actual", "execution_rate"])
                 & ~prose.section_zh.fillna("").str.contains("三公", regex=False)]
    return pd.DataFrame({
        "section": rows.section_zh.values, "metric": rows.metric.values, "subject (as published)": rows.subject_zh.values,
        "value": rows.value.values, "unit": rows.unit.values, "line": rows.line.values,
    })


def has_projects(data) -> bool:
    """Whether the report lists its projects (many do not)."""
    return not data["projects"].empty


def _short(name: str) -> str:
    return re.sub(r"[（(][^（()）]*\d{4}[^（()）]*[)）]\s*$", "", name).strip() or name


def projects(data) -> pd.DataFrame:
    p = data["projects"].copy()
    whole = total(p.amount_yuan)
    p = p.sort_values("amount_yuan", ascending=False, kind="stable")
    return pd.DataFrame({
        "rank": range(1, len(p) + 1), "序号": p.seq.values, "project (as published)": [_short(n) for n in p.name_zh],
        "funding document": p.funding_doc.values, "amount (元)": p.amount_yuan.values,
        "share": [pct(share(v, whole)) for v in p.amount_yuan],
    })


def concentration(data) -> dict:
    """How concentrated project spending is: top-10 share, projects needed for 80%, and the HHI (0-10,000)."""
    amounts = sorted((dec(v) for v in data["projects"].amount_yuan), reverse=True)
    whole = total(amounts)
    if not amounts or whole == 0:
        return {"count": len(amounts), "total": whole, "top10_share": None, "for_80pct": None, "hhi": None}
    running, needed = dec(0), 0
    for v in amounts:
        running += v
        needed += 1
        if running * 100 >= whole * 80:
            break
    hhi = sum((v * 100 / whole) ** 2 for v in amounts)
    return {"count": len(amounts), "total": whole, "top10_share": share(total(amounts[:10]), whole),
            "for_80pct": needed, "hhi": hhi.quantize(dec("1"))}


def by_document(data) -> pd.DataFrame:
    p = data["projects"]
    whole = total(p.amount_yuan)
    docs = p.funding_doc.fillna("").replace("", "(none cited)")
    grouped = {}
    for doc, amount in zip(docs, p.amount_yuan):
        n, s = grouped.get(doc, (0, dec(0)))
        grouped[doc] = (n + 1, s + amount)
    order = sorted(grouped.items(), key=lambda kv: (-kv[1][1], kv[0]))
    return pd.DataFrame({
        "funding document": [k for k, _ in order], "projects": [v[0] for _, v in order],
        "amount (元)": [v[1] for _, v in order], "share": [pct(share(v[1], whole)) for _, v in order],
    })


def summary(data) -> dict:
    t03 = data["t03_expenditure"]
    tot = dict(zip(t03[t03.level == "total"].column, t03[t03.level == "total"].amount_wan_yuan))
    tot = {k: tot.get(k) for k in ("total", "basic", "project")}  # None for a table left unread
    return {"total": tot["total"], "basic": tot["basic"], "project": tot["project"],
            "basic_share": share(tot["basic"], tot["total"]), "project_share": share(tot["project"], tot["total"])}
