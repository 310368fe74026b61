"""Figures the annex restates from the nine tables, and the budget stated in several places.

The 绩效评价基础数据表 repeats 三公, 项目支出, 公用经费 and procurement figures of the tables, and states the
prior year's; the budget appears as 年初预算 (initial), adjustments and 全年预算 (full-year) in the prose, the
自评表 and the base-data table. Each restated figure is reconciled with its table at the precision it is
printed with, and each budget of one kind and scope stated twice must agree — never across kinds or scopes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..analysis.numbers import rounded, step
from ..text import key
from ..analysis.basic import prior_three_public
from ..data.vocab import THREE_ROW, THREE_ZH, three_item  # noqa: F401  (THREE_ZH: the audit's words for each item)
from .core import D0, Finding, compare, special, stated, table_total

def _base(data, year_offset: int, kind: str):
    """The base-data table's rows for one column: the year's 决算数 or 预算数, or the prior year's 决算数."""
    base = data["performance_base"]
    year = data["report"]["year"] + year_offset
    return base[base.column_zh.map(key) == f"{year}年{kind}"]


def prior_three(data, item: str) -> tuple[Decimal, int] | None:
    """The prior year's 三公 figure for ``item`` as the base-data table states it, with its line."""
    return prior_three_public(data).get(item)


def _t06(data, name: str):
    t06 = data["t06_basic_economic"]
    rows = t06[~t06.level.isin(["class", "total"]) & (t06.name_zh.map(key) == key(name))]
    return rows.amount_wan_yuan.iloc[0] if len(rows) else None


def base_data(data) -> Iterator[Finding]:
    """The base-data table's figures for this year against the tables they restate."""
    t09 = data["t09_three_public"]
    for kind, basis in (("决算数", "actual"), ("预算数", "budget")):
        for r in _base(data, 0, kind).itertuples():
            item = key(r.item_zh).removeprefix("其中").strip(":：")
            source = f"performance_base line {r.line}"
            three = three_item(item) if THREE_ROW.search(item) else None
            if three:
                row = t09[(t09.basis == basis) & (t09.item == three)]
                if len(row):
                    yield stated(f"base.three.{basis}.{three}", "between", f"Base-data table {item} ({kind}) equals "
                                 f"table 09", f"绩效基础数据表{item}{kind}=三公表", f"{source}; t09 line "
                                 f"{row.line.iloc[0]}", row.amount_wan_yuan.iloc[0], r.value)
                continue
            if basis != "actual":
                continue
            if item == "项目支出":
                yield stated("base.project", "between", "Base-data table 项目支出 equals table 03's 项目支出",
                             "绩效基础数据表项目支出=支出决算表项目支出", f"{source}; t03 合计",
                             table_total(data, "t03_expenditure", "project"), r.value)
            elif item == "公用经费":
                t06 = data["t06_basic_economic"]
                public = t06[(t06.level == "class") & (t06.group == "public")]
                printed = t06[(t06.level == "total") & (t06.group == "public")]  # its printed 合计 first
                figure, where = (printed.amount_wan_yuan.iloc[0], f"t06 line {printed.line.iloc[0]}") if len(printed) \
                    else (sum(public.amount_wan_yuan, D0) if len(public) else None, "t06 classes")
                yield stated("base.public", "between", "Base-data table 公用经费 equals table 06's 公用经费",
                             "绩效基础数据表公用经费=基本支出表公用经费", f"{source}; {where}", figure, r.value)
            elif "、" in item:
                parts = [_t06(data, p) for p in item.split("、")]
                if all(p is not None for p in parts):
                    yield stated(f"base.items.{r.line}", "between", f"Base-data table {item} equals the sum of "
                                 "table 06's items", f"绩效基础数据表{item}=基本支出表各款之和", f"{source}; t06",
                                 sum(parts, D0), r.value)
    staff = _base_staff(data)
    if {"编制数", "实际在职人数", "控制率"} <= staff.keys() and staff["编制数"][0]:
        (planned, line), (in_post, _), (rate, _) = staff["编制数"], staff["实际在职人数"], staff["控制率"]
        yield stated("base.staff.rate", "performance", "控制率 = staff in post / establishment (编制数)",
                     "控制率=实际在职人数/编制数", f"performance_base line {line}",
                     rounded(in_post / planned, step(rate)), rate)


def _base_staff(data) -> dict[str, tuple[Decimal, int]]:
    base = data["performance_base"]
    rows = base[base.section_zh.fillna("").str.contains("人员")]
    out = {}
    for r in rows.itertuples():
        name = re.sub(r"^\d{4}年", "", key(r.column_zh))
        out.setdefault(name, (r.value, r.line))
    return out


# ---------------------------------------------------------------- the budget, by kind and scope

KIND_ZH = {"initial": "年初预算", "adjustment": "预算调整", "full_year": "全年预算"}
SCOPE_ZH = {"whole": "整体", "fiscal": "财政拨款", "basic": "基本支出", "project": "项目支出"}


def budgets(data) -> Iterator[Finding]:
    """The same budget (one kind, one scope) stated in several places agrees; the parts add up: 年初 = 基本 + 项目
    年初, and 全年 = 年初 + adjustments to basic spending + project money allocated during the year."""
    from ..analysis.budget import statements

    first: dict[tuple[str, str], object] = {}
    for b in statements(data):
        where = f"{b.source} line {b.line}"
        k = (b.kind, b.scope)
        if k not in first:
            first[k] = b
            continue
        a = first[k]
        yield stated(f"budget.{b.kind}.{b.scope}.{b.line}", "prose", f"{KIND_ZH[b.kind]} ({b.scope}) stated twice agrees",
                     f"{SCOPE_ZH[b.scope]}{KIND_ZH[b.kind]}各处一致", f"{a.source} line {a.line}; {where}", a.value,
                     b.value, note=f"«{b.quote}»" if b.quote else "")
    get = {k: v.value for k, v in first.items()}

    def where(*keys):
        return ", ".join(f"{first[k].source} line {first[k].line}" for k in keys)

    if {("initial", "whole"), ("initial", "basic"), ("initial", "project")} <= get.keys():
        yield compare("budget.initial.parts", "prose", "年初预算 = basic + project 年初预算", "年初预算=基本支出+项目支出年初预算",
                      where(("initial", "basic"), ("initial", "project")),
                      get["initial", "basic"] + get["initial", "project"], get["initial", "whole"])
    # the project money allocated during the year is the project's full-year budget less its initial one, which
    # must be stated (often 0: projects budgeted by a superior body): an unstated figure is never taken as 0
    parts = [("initial", "whole"), ("adjustment", "basic"), ("full_year", "project"), ("initial", "project"),
             ("full_year", "whole")]
    if set(parts) <= get.keys():
        total = get["initial", "whole"] + get["adjustment", "basic"] + get["full_year", "project"] \
            - get["initial", "project"]
        yield stated("budget.full_year.parts", "prose",
                     "全年预算 = 年初预算 + basic adjustments + project money allocated during the year",
                     "全年预算=年初预算+基本支出调整+年中追加项目资金", where(*parts), total, get["full_year", "whole"])
    elif ("full_year", "whole") in get and ("initial", "whole") in get:
        missing = [KIND_ZH[k] + "（" + SCOPE_ZH[s] + "）" for k, s in parts if (k, s) not in get]
        yield special("budget.full_year.parts", "prose", "全年预算 = 年初预算 + adjustments + project money",
                      "全年预算=年初预算+调整+追加", "", "missing_data", "the report does not state " + "、".join(missing),
                      note_zh="报告未列" + "、".join(missing))
