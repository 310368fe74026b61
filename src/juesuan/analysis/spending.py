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
    for column, label in (("total", "total (万元)"), ("basic", "基本 basic (万元)"), ("project", "项目 project (万元)")):
        if column in wide:
            out[label] = wide[column].values
    return out


METRIC_NAMES = {"budget": "budget", "actual": "actual", "execution_rate": "execution rate"}


def stated_execution(data) -> pd.DataFrame:
    """Every figure of the unit's own budget and its execution the prose states, in order: the budget figures whose
    scope the sentence names (the whole unit, its basic or project spending, budget.statements), the actual and
    rate figures beside them, and those of the sections that report the budget's execution. Figures of another
    body (the schools' budget applications) or of one project are left out, and so is 三公 (its own chapter)."""
    from .budget import statements

    prose = data["prose_numbers"]
    lines = {f.line for f in statements(data) if f.source == "prose"}
    rows = prose[prose.metric.isin(list(METRIC_NAMES)) & prose.line.isin(lines)
                 & ~prose.subject_zh.fillna("").str.contains("学校|三公")]
    return pd.DataFrame({
        "section": rows.section_zh.values, "metric": [METRIC_NAMES[m] for m in rows.metric],
        "subject (as published)": rows.subject_zh.values,
        "value": rows.value.values, "unit": rows.unit.values, "line": rows.line.values,
    })


def has_projects(data) -> bool:
    """Whether the report lists its projects (many do not)."""
    return not data["projects"].empty


_OPEN, _CLOSE = "（(", ")）"


def short_name(name: str) -> str:
    """A project's name without the funding document in brackets at its end: 2024年…项目（长教函〔2024〕115号） and
    …服务项目（长教函（2024）115号）, brackets nested or not, lose the document; a bracket naming no 20xx year stays."""
    text = name.rstrip()
    if not text or text[-1] not in _CLOSE:
        return name.strip()
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += text[i] in _CLOSE
        depth -= text[i] in _OPEN
        if depth == 0:
            inside = text[i:]
            return text[:i].rstrip() if re.search(r"20\d{2}", inside) and text[:i].strip() else name.strip()
    return name.strip()


YUAN_PER_WAN = dec(10000)


def projects(data) -> pd.DataFrame:
    """The project list, largest first, in 万元 like every other table (exact: the list's 元 divided by 10,000; the
    downloads keep the 元 as published). A rank column only where the list is not already numbered in that order."""
    p = data["projects"].copy()
    whole = total(p.amount_yuan)
    p = p.sort_values("amount_yuan", ascending=False, kind="stable")
    out = pd.DataFrame({
        "rank": range(1, len(p) + 1), "序号": p.seq.values, "project (as published)": [short_name(n) for n in p.name_zh],
        "funding document": p.funding_doc.values, "amount (万元)": [dec(v) / YUAN_PER_WAN for v in p.amount_yuan],
        "share": [pct(share(v, whole)) for v in p.amount_yuan],
    })
    return out.drop(columns="rank") if list(out["序号"]) == list(out["rank"]) else out


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
        "amount (万元)": [v[1] / YUAN_PER_WAN for _, v in order], "share": [pct(share(v[1], whole)) for _, v in order],
    })


def summary(data) -> dict:
    t03 = data["t03_expenditure"]
    tot = dict(zip(t03[t03.level == "total"].column, t03[t03.level == "total"].amount_wan_yuan))
    tot = {k: tot.get(k) for k in ("total", "basic", "project")}  # None for a table left unread
    return {"total": tot["total"], "basic": tot["basic"], "project": tot["project"],
            "basic_share": share(tot["basic"], tot["total"]), "project_share": share(tot["project"], tot["total"])}
