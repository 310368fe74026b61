"""The year's budget taken apart (预算构成): the initial budget (年初预算), what was added to basic spending during the
year (部门基本支出预算调整) and the project money allocated during the year, adding up to the full-year budget
(全年预算), each part with its own execution rate. Every figure is one the report states, with its source and line;
a part the report does not state is listed as missing, never worked out from the others."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from .. import i18n
from .numbers import dec, pct, share, step, table_total, total

_TO_WAN = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}
BUDGET_ROW = "年度资金总额"  # the 绩效自评表's row for the whole unit


@dataclass(frozen=True)
class Figure:
    value: Decimal
    source: str  # prose | base-data table | 绩效自评表 | table 03
    line: int | None
    kind: str = ""  # initial (年初) | adjustment (调整) | full_year (全年) | executed
    scope: str = ""  # whole | basic | project
    quote: str = ""


# What each figure is, where the report states it, in the order the table lists them.
FIGURES = {
    "basic_initial": ("基本支出年初预算数", "initial budget for basic spending", "prose (支出决算具体情况)"),
    "basic_added": ("部门基本支出预算调整", "adjustment to basic spending during the year",
                    "performance base-data table, column <year>年预算数"),
    "project_initial": ("项目支出年初预算数", "initial budget for projects", "prose (支出决算具体情况 or 项目支出)"),
    "project_full": ("项目支出全年预算", "full-year project budget",
                     "performance base-data table (项目支出, <year>年预算数) or the prose on 项目支出"),
    "total_initial": ("年初预算数", "initial budget, whole unit", "绩效自评表 (年度资金总额) or prose"),
    "total_full": ("全年预算数", "full-year budget, whole unit", "绩效自评表 (年度资金总额) or prose (整体支出)"),
    "basic_executed": ("基本支出", "basic spending executed", "table 03"),
    "project_executed": ("项目支出", "project spending executed", "table 03"),
    "total_executed": ("支出合计", "total spending executed", "table 03"),
}
# (kind, scope, the sources preferred first) of each budget figure
PICK = {"basic_initial": ("initial", "basic", ("prose",)), "basic_added": ("adjustment", "basic", ("base-data table",)),
        "project_initial": ("initial", "project", ("prose",)),
        "project_full": ("full_year", "project", ("base-data table", "prose")),
        "total_initial": ("initial", "whole", ("绩效自评表", "prose")),
        "total_full": ("full_year", "whole", ("绩效自评表", "prose"))}


def _wan(value, unit) -> Decimal:
    return dec(value) * _TO_WAN.get(unit or "万元", Decimal(1))


def _scope(subject: str, before: str, all_fiscal: bool) -> str | None:
    """What a budget figure is the budget of: basic or project spending, the whole unit (整体/部门/单位), or its
    财政拨款 spending (the whole unit too when all it spent was general-budget fiscal money); a bare 年初预算 takes
    basic or project from its sentence, and is otherwise the budget of one item (None: not one of these)."""
    for text in (subject, before):
        if "基本支出" in text:
            return "basic"
        if "项目" in text:
            return "project"
    if re.search("整体|部门|单位", subject):
        return "whole"
    if "财政拨款" in subject or "支出" in subject:
        return "whole" if all_fiscal else "fiscal"
    return None


def statements(data) -> list[Figure]:
    """Every budget figure the report states outside the nine tables, by kind and scope: the prose's 年初预算 and
    全年预算 sentences (their scope from the sentence: 基本支出, 项目支出 or the whole), the 绩效自评表's row for the
    whole unit, and the base-data table's 项目支出 and 部门基本支出预算调整 in the column <year>年预算数."""
    out = []
    prose = data["prose_numbers"]
    rows = prose[(prose.metric == "budget") & prose.value.notna() & prose.unit.isin(list(_TO_WAN))]
    spent, fiscal = table_total(data["t03_expenditure"], "total"), table_total(data["t05_general_budget"], "total")
    all_fiscal = spent is not None and spent == fiscal
    for r in rows.itertuples():
        subject = r.subject_zh or ""
        if re.search("三公|政府性基金|国有资本|社会保险", r.section_zh or "") or re.search("三公|学校", subject):
            continue
        kind = "initial" if "年初" in subject else "full_year" if "全年" in subject else None
        if kind is None:
            continue
        before = "".join(prose[(prose.line == r.line) & (prose.seq < r.seq)].subject_zh.fillna(""))
        scope = _scope(re.sub(r"(年初|全年)预算(数|金额)?$", "", subject), before, all_fiscal)
        if scope is not None:
            out.append(Figure(_wan(r.value, r.unit), "prose", int(r.line), kind, scope, r.quote_zh))
    pb = data["performance_budget"]
    whole = pb[pb.row_zh.fillna("").str.endswith(BUDGET_ROW) & pb.value.notna()]
    for column, kind in (("initial_budget", "initial"), ("full_year_budget", "full_year")):
        row = whole[whole.column == column]
        if len(row):
            out.append(Figure(dec(row.value.iloc[0]), "绩效自评表", int(row.line.iloc[0]), kind, "whole"))
    base = data["performance_base"]
    year = data["report"]["year"]
    for r in base[(base.column_zh == f"{year}年预算数") & base.value.notna()].itertuples():
        item = re.sub(r"\s", "", r.item_zh or "")
        if re.fullmatch(r"项目支出[:：]?", item):
            out.append(Figure(dec(r.value), "base-data table", int(r.line), "full_year", "project"))
        elif "基本支出" in item and "调整" in item:
            out.append(Figure(dec(r.value), "base-data table", int(r.line), "adjustment", "basic"))
    return out


def _pick(found: list[Figure], kind: str, scope: str, sources=()) -> Figure | None:
    mine = [f for f in found if (f.kind, f.scope) == (kind, scope)]
    ranked = sorted(mine, key=lambda f: sources.index(f.source) if f.source in sources else len(sources))
    return ranked[0] if ranked else None


def _executed(data, column: str) -> Figure | None:
    t03 = data["t03_expenditure"]
    value = table_total(t03, column)
    if value is None:
        return None
    line = t03[(t03.level == "total") & (t03.column == column)].line.iloc[0]
    return Figure(dec(value), "table 03", int(line), "executed")


def _in_prose(data, kind: str, scope: str) -> Figure | None:
    return _pick([f for f in statements(data) if f.source == "prose"], kind, scope)


def figures(data) -> dict[str, Figure | None]:
    """Every figure of the decomposition as the report states it; None where it does not."""
    found = statements(data)
    out = {name: _pick(found, *pick) for name, pick in PICK.items()}
    out.update(basic_executed=_executed(data, "basic"), project_executed=_executed(data, "project"),
               total_executed=_executed(data, "total"))
    return out


def missing(data) -> pd.DataFrame:
    """The budget figures the report does not state (figure as it would be published, English, where looked)."""
    f = figures(data)
    rows = [{"figure": zh, "English": english, "looked for in": where} for name, (zh, english, where)
            in FIGURES.items() if f[name] is None]
    return pd.DataFrame(rows, columns=["figure", "English", "looked for in"])


def _rate(executed: Figure | None, budget) -> str:
    if executed is None or budget is None:
        return i18n.t("expenditure.rate_missing")
    return pct(share(executed.value, budget))


def _v(f: Figure | None):
    return None if f is None else f.value


def _stated_rate(data, figure: Figure | None, against: str) -> str | None:
    """The execution rate the prose states beside ``figure`` (same line), with the budget it is measured against."""
    if figure is None or figure.source != "prose":
        return None
    prose = data["prose_numbers"]
    rows = prose[(prose.metric == "execution_rate") & (prose.line == figure.line) & prose.value.notna()]
    return None if rows.empty else i18n.t("expenditure.stated_rate", rate=rows.value.iloc[0], against=against,
                                          line=figure.line)


def decomposition(data) -> pd.DataFrame:
    """年初预算 + added during the year = 全年预算 for basic and project spending, their sum, and the whole unit's
    figures as stated, each with executed / full-year budget; empty when the report states no budget figure."""
    f = figures(data)
    if all(f[name] is None for name in FIGURES if not name.endswith("_executed")):
        return pd.DataFrame()  # the report states no budget figure at all
    basic_full = None if f["basic_initial"] is None or f["basic_added"] is None else \
        f["basic_initial"].value + f["basic_added"].value
    project_added = None if f["project_full"] is None or f["project_initial"] is None else \
        f["project_full"].value - f["project_initial"].value
    parts_full = None if basic_full is None or f["project_full"] is None else basic_full + f["project_full"].value
    parts_initial = None if f["basic_initial"] is None or f["project_initial"] is None else \
        f["basic_initial"].value + f["project_initial"].value
    parts_added = None if f["basic_added"] is None or project_added is None else f["basic_added"].value + project_added
    total_full_prose = _in_prose(data, "full_year", "whole")
    total_initial_prose = _in_prose(data, "initial", "whole")
    stated_total = [s for s in (_stated_rate(data, total_full_prose, "全年预算"),
                                _stated_rate(data, total_initial_prose, "年初预算")) if s]
    stated_total = i18n.t("expenditure.rate_sep").join(stated_total)
    rows = [
        ("基本支出 basic", _v(f["basic_initial"]), _v(f["basic_added"]), basic_full, _v(f["basic_executed"]),
         _rate(f["basic_executed"], basic_full), _stated_rate(data, f["basic_initial"], "年初预算")),
        ("项目支出 project", _v(f["project_initial"]), project_added, _v(f["project_full"]),
         _v(f["project_executed"]), _rate(f["project_executed"], _v(f["project_full"])),
         _stated_rate(data, _in_prose(data, "full_year", "project"), "全年预算")),
        ("合计 basic + project", parts_initial, parts_added, parts_full, _v(f["total_executed"]),
         _rate(f["total_executed"], parts_full), None),
        ("整体支出 whole unit, as stated", _v(f["total_initial"]), None, _v(f["total_full"]),
         _v(f["total_executed"]), _rate(f["total_executed"], _v(f["total_full"])), stated_total or None),
    ]
    return pd.DataFrame(rows, dtype=object, columns=[
        "part", "年初预算 initial (万元)", "added during the year (万元)", "全年预算 full-year (万元)",
        "executed, table 03 (万元)", "executed / full-year budget", "rate stated in the report"])


def adds_up(data) -> dict:
    """Whether the parts add up to the stated full-year and initial budgets, at the precision each is printed."""
    f = figures(data)
    out = {}
    parts = {"total_full": ("basic_initial", "basic_added", "project_full"),
             "total_initial": ("basic_initial", "project_initial")}
    for name, needed in parts.items():
        stated = f[name]
        where = {"source": stated.source if stated else None, "line": stated.line if stated else None}
        if stated is None or any(f[p] is None for p in needed):
            out[name] = {"sum": None, "rounded": None, "stated": _v(stated), "agree": None, **where}
            continue
        summed = total(f[p].value for p in needed)
        rounded_sum = summed.quantize(step(stated.value), rounding=ROUND_HALF_UP)
        out[name] = {"sum": summed, "rounded": rounded_sum, "stated": stated.value, "agree": rounded_sum == stated.value,
                     **where}
    return out


def sources(data) -> pd.DataFrame:
    """Every figure of the decomposition with where the report states it."""
    rows = []
    for name, g in figures(data).items():
        zh, english, _ = FIGURES[name]
        rows.append({"figure": zh, "English": english, "value (万元)": _v(g),
                     "source": g.source if g else "not stated", "line": g.line if g else None})
    return pd.DataFrame(rows)


def initial_ratio(data) -> dict:
    """The figures behind 'executed / initial budget' (the prose's 完成年初预算的 …%) and the full-year rate beside it."""
    f = figures(data)
    prose = data["prose_numbers"]
    total_initial_prose = _in_prose(data, "initial", "whole")
    stated = None
    if total_initial_prose is not None:
        rows = prose[(prose.metric == "execution_rate") & (prose.line == total_initial_prose.line)
                     & prose.value.notna()]
        stated = (rows.value.iloc[0], total_initial_prose.line) if not rows.empty else None
    initial, executed, full = _v(f["total_initial"]), _v(f["total_executed"]), _v(f["total_full"])
    if full is None and all(f[p] is not None for p in ("basic_initial", "basic_added", "project_full")):
        full = f["basic_initial"].value + f["basic_added"].value + f["project_full"].value  # the parts' sum
    return {"initial": initial, "executed": executed, "full_year": full,
            "stated": stated[0] if stated else None, "stated_line": stated[1] if stated else None,
            "of_initial": share(executed, initial) if initial is not None and executed is not None else None,
            "of_full_year": share(executed, full) if full is not None and executed is not None else None,
            "added": full - initial if full is not None and initial is not None else None,
            "project_initial": _v(f["project_initial"]), "project_full": _v(f["project_full"]),
            "basic_added": _v(f["basic_added"])}
