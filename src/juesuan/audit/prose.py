"""The prose against the tables: the amounts it restates and the execution rates it states (shares are in shares.py,
changes on the prior year in changes.py, comparison words in words.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import SimpleNamespace
from decimal import Decimal

from ..analysis.numbers import rounded
from ..text import key
from ..data.vocab import three_item
from ..analysis.basic import THREE_PUBLIC

from .core import (Finding, cached, compare, follows, fsum, share_tolerance, special, stated, step, table_total,
                   truncated)

THREE_ZH = dict(THREE_PUBLIC)  # a 三公 item's key -> its name as table 09 heads it


def _names(data) -> dict[str, dict[str, tuple[Decimal, str]]]:
    """Figures a prose subject may name, by context: name -> (amount, source)."""
    return cached(data, "names", lambda: _all_names(data))


def _all_names(data) -> dict[str, dict[str, tuple[Decimal, str]]]:
    t02, t03, t05, t06, t09 = (data[n] for n in ("t02_income", "t03_expenditure", "t05_general_budget",
                                                 "t06_basic_economic", "t09_three_public"))
    common: dict[str, tuple[Decimal, str]] = {}
    for t, table in ((t02, "t02"), (t03, "t03")):
        for col_zh, v, line in zip(t[t.level == "total"].column_zh, t[t.level == "total"].amount_wan_yuan,
                                   t[t.level == "total"].line):
            common[key(col_zh)] = (v, f"{table} line {line}")
    common["收入合计"] = common.get("本年收入合计", (None, ""))
    common["支出合计"] = common.get("本年支出合计", (None, ""))
    common["总支出"] = common["支出合计"]
    t01 = data["t01_summary"]
    total_row = t01[(t01.side == "income") & (t01.item_zh == "总计")]
    if len(total_row):
        common["收支总计"] = (total_row.amount_wan_yuan.iloc[0], f"t01 line {total_row.line.iloc[0]}")
        common["收入支出总计"] = common["收支总计"]
    t04 = data["t04_fiscal_summary"]
    fiscal = t04[(t04.side == "income") & (t04.item_zh == "总计")]
    if len(fiscal):
        common["财政拨款收支总计"] = (fiscal.amount_wan_yuan.iloc[0], f"t04 line {fiscal.line.iloc[0]}")
        common["财政拨款收入支出总计"] = common["财政拨款收支总计"]
        common["财政拨款支出"] = (table_total(data, "t05_general_budget"), "t05 合计")
    classes = t05[(t05.level == "class") & (t05.column == "total")]
    for name, v, line in zip(classes.name_zh, classes.amount_wan_yuan, classes.line):
        common[name] = (v, f"t05 line {line}")
    for name, v, line in zip(t06[t06.level != "total"].name_zh, t06[t06.level != "total"].amount_wan_yuan,
                             t06[t06.level != "total"].line):
        common.setdefault(key(name), (v, f"t06 line {line}"))
    for group, zh in (("personnel", "人员经费"), ("public", "公用经费")):
        printed = t06[(t06.level == "total") & (t06.group == group)]  # the table's printed 合计 (a prose figure
        if len(printed) and printed.amount_wan_yuan.iloc[0] is not None:  # equal to it is right, even where it
            common[zh] = (printed.amount_wan_yuan.iloc[0], f"t06 line {printed.line.iloc[0]}")  # misses its rows)
            continue
        part = t06[(t06.level == "class") & (t06.group == group)]
        common[zh] = (fsum(part.amount_wan_yuan), "t06 classes")
    common["一般公共预算支出"] = (table_total(data, "t05_general_budget"), "t05 合计")
    common["政府性基金预算支出"] = (table_total(data, "t07_gov_fund", "expenditure"), "t07 合计")
    common["国有资本经营预算支出"] = (table_total(data, "t08_state_capital"), "t08 合计")
    common["基本支出"] = (table_total(data, "t05_general_budget", "basic"), "t05 合计")
    common["一般公共预算财政拨款基本支出"] = common["基本支出"]
    common["项目支出"] = (table_total(data, "t03_expenditure", "project"), "t03 合计")
    gov = {"年初结转和结余": "opening_balance", "年末结转和结余": "closing_balance", "支出": "expenditure",
           "基本支出": "basic", "项目支出": "project"}
    fund = {k: (table_total(data, "t07_gov_fund", c), "t07 合计") for k, c in gov.items()}
    fund["政府性基金预算财政拨款收入"] = (table_total(data, "t07_gov_fund", "income"), "t07 合计")
    capital = {k: (table_total(data, "t08_state_capital", c if c != "expenditure" else "total"), "t08 合计")
               for k, c in gov.items() if c in ("expenditure", "basic", "project")}
    three = {}
    for basis in ("budget", "actual"):
        rows = t09[t09.basis == basis]
        three[basis] = {i: (v, f"t09 line {ln}") for i, v, ln in zip(rows.item, rows.amount_wan_yuan, rows.line)}
    all_funds = {zh: (table_total(data, "t03_expenditure", column), "t03 合计")
                 for zh, column in (("基本支出", "basic"), ("项目支出", "project"))}
    fiscal_table = "t05_general_budget" if not data["t05_general_budget"].empty else "u04_fiscal_expenditure"
    fiscal = {zh: (table_total(data, fiscal_table, column), f"{fiscal_table[:3]} 合计")
              for zh, column in (("基本支出", "basic"), ("项目支出", "project"), ("支出合计", "total"))}
    return {"common": common, "gov_fund": fund, "state_capital": capital, "three": three, "fiscal": fiscal,
            "all_funds": all_funds, "unit": key(data["report"].get("unit_zh", ""))}


# The sections that speak of all the unit's money (收入支出决算总体情况说明, 收入决算情况说明, 支出决算情况说明), whose
# 基本支出 and 项目支出 are table 03's; under the 财政拨款 sections they are table 05's (and table 06's).
ALL_FUNDS_SECTION = re.compile(r"^(收入支出|收入|支出)决算(总体)?情况(说明)?$")


def _context(section: str) -> str:
    if "政府性基金" in section:
        return "gov_fund"
    if "国有资本" in section:
        return "state_capital"
    if "三公" in section:
        return "three"
    return "common"


_LEAD = re.compile(r"^(本部门|本单位|我单位|我中心)?(\d{4}年度?)?(其中|主要包括|包括|主要用于|开支|共|整体支出)*")


def subject_key(subject: str) -> str:
    """A prose subject reduced to the name it restates: no year, no leading 其中/主要包括, no 、."""
    return _LEAD.sub("", key(subject or "").replace("、", ""))


def _lookup(names: dict, section: str, subject: str):
    context = _context(section)
    if context == "three":
        return None
    table = dict(names[context])
    if context == "common" and "基本支出" not in section:
        table = {k: v for k, v in table.items() if not v[1].startswith("t06 line")}  # items only where basic is meant
    if context == "common" and "财政拨款" in section:
        table.update({k: v for k, v in names["fiscal"].items() if v[0] is not None})  # the 财政拨款 scope
    if context == "common" and ALL_FUNDS_SECTION.match(key(section)):
        table.update({k: v for k, v in names["all_funds"].items() if v[0] is not None})  # all funds: table 03
    name = subject_key(subject)
    if names["unit"] and names["unit"] in name:
        name = subject_key(name.split(names["unit"], 1)[1])  # 上海市普陀区财政局2024年度收入支出总计
    value = table.get(name) or table.get(re.sub(r"(总额|总计)$", "", name))
    return (name, value) if value is not None and value[0] is not None else None


def prose_amounts(data) -> Iterator[Finding]:
    for _, finding in restatements(data):
        yield finding


def restatements(data) -> list[tuple[int, Finding]]:
    """Every prose figure that restates a table figure, with its finding, by the figure's seq (computed once per audit
    run: several checks ask)."""
    return cached(data, "restatements", lambda: _restatements(data))


def _restatements(data) -> list[tuple[int, Finding]]:
    prose = data["prose_numbers"]
    names = _names(data)
    found = []
    for _, r in prose[prose.metric.isin(["total", "amount"]) & (prose.unit == "万元")].iterrows():
        hit = _lookup(names, r.section_zh or "", r.subject_zh)
        if hit is None:
            continue
        name, (value, source) = hit
        found.append((r.seq, stated(f"prose.amount.{r.line}.{r.seq}", "prose", f"The prose restates {name}",
                                    f"情况说明所述{name}与表一致", f"prose line {r.line}; {source}", value, r.value,
                                    note=f"«{r.quote_zh}»")))
    found += _budget_lines(data, names)
    found += _three_public_prose(data, names)
    from .items import item_restatements  # the items of table 05's explanation (items imports nothing of this)

    found += item_restatements(data)
    return found


def misstated(data) -> dict[int, Finding]:
    """The prose figures that disagree with the table they restate, by seq: a rate, share or change computed
    from one of them is a consequence of that error when the table's figure makes it right."""
    return {seq: f for seq, f in restatements(data) if f.status == "mismatch"}


def _consequence(finding: Finding, wrong: dict[int, Finding], inputs, recompute) -> Finding:
    """If ``finding`` disagrees only because one of its ``inputs`` (prose rows) misstates a table figure,
    it follows from that error: ``recompute(corrected values)`` is the finding on the table's figures."""
    if finding.status != "mismatch":
        return finding
    for i, row in enumerate(inputs):
        cause = wrong.get(row.seq)
        if cause is None:
            continue
        values = [r.value for r in inputs]
        values[i] = cause.expected
        again = recompute(values)
        if again.status in ("ok", "rounding"):
            return follows(finding, cause, f"on the table's {cause.expected} it is {again.found}, as stated: it "
                                           f"follows from «{row.quote_zh}»",
                           f"按表中的 {cause.expected} 计算为 {again.found}，与所述一致：源自«{row.quote_zh}»")
    return finding


def _budget_lines(data, names) -> list[tuple[int, Finding]]:
    """Sentences like 基本支出年初预算数为 X 万元，支出决算数为 Y 万元: Y restates the table's figure."""
    prose = data["prose_numbers"]
    found = []
    for line, group in prose[prose.unit == "万元"].groupby("line", sort=False):
        rows = list(group.itertuples())
        first = next((r for r in rows if r.metric == "budget"), None)
        if first is None or "三公" in (first.section_zh or ""):
            continue
        name = re.sub(r"(年初|全年)?预算(数|金额)?$", "", subject_key(first.subject_zh))
        hit = _lookup(names, first.section_zh or "", name)
        if hit is None:
            continue
        for r in rows:
            if r.metric == "actual":
                found.append((r.seq, stated(f"prose.actual.{line}.{r.seq}", "prose",
                                            f"The prose restates {hit[0]} (决算数)", f"情况说明所述{hit[0]}决算数与表一致",
                                            f"prose line {line}; {hit[1][1]}", hit[1][0], r.value,
                                            note=f"«{r.quote_zh}»")))
    return found


def _three_public_prose(data, names) -> list[tuple[int, Finding]]:
    prose = data["prose_numbers"]
    found = []
    rows = prose[prose.section_zh.fillna("").str.contains("三公") & prose.metric.isin(["budget", "actual"])
                 & (prose.unit == "万元")]
    for line, group in rows.groupby("line", sort=False):
        item = None  # each figure restates the item its own subject names, else the last one named before it
        for _, r in group.iterrows():
            item = three_item(r.subject_zh) or item
            if item is None:
                continue
            basis = "budget" if r.metric == "budget" else "actual"
            table = names["three"][basis].get(item)
            if table is None:
                continue
            found.append((r.seq, stated(f"prose.three.{line}.{r.seq}", "prose",
                                        f"The 三公 paragraph restates {THREE_ZH[item]} ({basis})",
                                        f"三公说明{'预算' if basis == 'budget' else '决算'}数与三公表一致",
                                        f"prose line {line}; {table[1]}", table[0], r.value, note=f"«{r.quote_zh}»")))
    return found


def _rate_of(before, names, section):
    """The actual and the budget a stated rate is of: the nearest actual before it, and the budget stated before
    that actual with no other actual between (年初预算为 X，支出决算为 Y，完成预算的 Z%). A 三公 item whose budget the
    sentence does not state (其中：公务用车…决算为 Y，完成预算的 Z%) is a rate of the item's budget in table 09."""
    actual_at = next((k for k in range(len(before) - 1, -1, -1) if before[k].metric == "actual"
                      and before[k].unit == "万元"), None)
    if actual_at is None:
        return None, None
    actual = before[actual_at]
    budget = next((p for p in reversed(before[:actual_at]) if p.metric == "budget" and p.unit == "万元"), None)
    if budget is not None and not any(p.metric == "actual" for p in before[before.index(budget) + 1:actual_at]):
        return budget, actual
    item = three_item(actual.subject_zh) if "三公" in section else None
    table = names["three"]["budget"].get(item) if item else None
    if table is None or table[0] is None:
        return None, None
    return SimpleNamespace(value=table[0], seq=-1, quote_zh=f"table 09 budget ({table[1]})"), actual


def _rate_words(line, r, before, actual) -> Finding | None:
    """完成年初预算的 X% names the 年初预算: a rate that is of the 全年预算 the sentence also states, or of a 年初预算 of 0
    (a rate of nothing), is worded wrongly; None where the words fit (the rate itself is judged apart)."""
    if "年初" not in (r.subject_zh or "") + (r.quote_zh or ""):
        return None
    previous = max((p.seq for p in before if p.metric == "actual" and p.seq < actual.seq), default=-1)
    budgets = [p for p in before if p.metric == "budget" and p.unit == "万元" and previous < p.seq < actual.seq]
    initial = next((p for p in budgets if "年初" in (p.subject_zh or "")), None)
    full = next((p for p in budgets if re.search(r"全年|调整后", p.subject_zh or "")), None)
    if initial is None:
        return None

    def matches(budget) -> bool:
        if budget is None or budget.value == 0:
            return False
        exact = actual.value * 100 / budget.value
        tolerance = share_tolerance(actual.value, budget.value, step(r.value))
        return abs(rounded(exact, step(r.value)) - r.value) <= tolerance

    if matches(initial) or (initial.value == 0 and actual.value == 0) or (initial.value != 0 and not matches(full)):
        return None  # right on the 年初预算, a rate of nothing spent, or wrong on both: the rate check says so
    if matches(full):
        why, why_zh = f"{r.value}% is the rate of the 全年预算 {full.value}", f"{r.value}% 是占全年预算 {full.value} 的比率"
        right = (r.quote_zh or "").replace("年初", "全年", 1)
    else:
        why, why_zh = "the 年初预算 is 0: there is no rate of it", "年初预算为 0，无从计算完成率"
        right = "删去完成年初预算的比率，或写明按全年预算计算的完成率"
    return special(f"prose.execution.{line}.{r.seq}", "wording", "An execution rate names the wrong budget",
                   "完成率所称预算口径有误", f"prose line {line}", "mismatch", f"{why}, not of the 年初预算 "
                   f"{initial.value}; «{r.quote_zh}»", expected=right, found=r.value,
                   note_zh=f"{why_zh}，而非占年初预算 {initial.value} 的比率；«{r.quote_zh}»")


def prose_execution(data) -> Iterator[Finding]:
    prose = data["prose_numbers"]
    wrong = misstated(data)
    names = _names(data)
    for line, group in prose.groupby("line", sort=False):
        rows = list(group.itertuples())
        for i, r in enumerate(rows):
            if r.metric != "execution_rate":
                continue
            budget, actual = _rate_of(rows[:i], names, r.section_zh or "")
            if budget is None or actual is None:
                continue
            words = _rate_words(line, r, rows[:i], actual)
            if words is not None:
                yield words
                continue
            if budget.value == 0:
                yield special(f"prose.execution.{line}.{r.seq}", "prose", "An execution rate of a zero budget",
                              "零预算的执行率", f"prose line {line}", "not_applicable",
                              f"the report states {r.value}% of a zero budget; «{r.quote_zh}»", found=r.value,
                              note_zh=f"预算为零，报告却称完成预算的 {r.value}%；«{r.quote_zh}»")
                continue
            def rate(values, r=r, line=line):
                actual_value, budget_value = values
                return compare(f"prose.execution.{line}.{r.seq}", "prose", "The execution rate is actual over budget",
                               "预算完成率=决算数/预算数", f"prose line {line}",
                               rounded(actual_value * 100 / budget_value, step(r.value)), r.value,
                               share_tolerance(actual_value, budget_value, step(r.value)), f"«{r.quote_zh}»",
                               exact=actual_value * 100 / budget_value)
            yield truncated(_consequence(rate([actual.value, budget.value]), wrong, [actual, budget], rate))
