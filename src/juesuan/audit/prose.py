"""The prose against the tables: amounts, shares, changes, execution rates, comparisons and staff counts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..text import key
from .core import D0, Finding, compare, fsum, line_list, share_tolerance, special, table_total


def _names(data) -> dict[str, dict[str, tuple[Decimal, str]]]:
    """Figures a prose subject may name, by context: name -> (amount, source)."""
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
    for name, v, line in zip(t05[(t05.level == "class") & (t05.column == "total")].name_zh,
                             t05[(t05.level == "class") & (t05.column == "total")].amount_wan_yuan, t05.line):
        common[name] = (v, f"t05 line {line}")
    for name, v, line in zip(t06[t06.level != "total"].name_zh, t06[t06.level != "total"].amount_wan_yuan,
                             t06[t06.level != "total"].line):
        common.setdefault(key(name), (v, f"t06 line {line}"))
    for group, zh in (("personnel", "人员经费"), ("public", "公用经费")):
        part = t06[(t06.level == "class") & (t06.group == group)]
        common[zh] = (fsum(part.amount_wan_yuan), "t06 classes")
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
    return {"common": common, "gov_fund": fund, "state_capital": capital, "three": three,
            "unit": key(data["report"].get("unit_zh", ""))}


def _context(section: str) -> str:
    if "政府性基金" in section:
        return "gov_fund"
    if "国有资本" in section:
        return "state_capital"
    if "三公" in section:
        return "three"
    return "common"


THREE_ITEMS = [("购置费及运行维护费|购置及运行维护", "vehicles"), ("购置费", "vehicle_purchase"),
               ("运行维护费", "vehicle_operation"), ("因公出国", "outbound"), ("公务接待", "reception"), ("三公", "total")]


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
    name = subject_key(subject)
    if names["unit"] and names["unit"] in name:
        name = subject_key(name.split(names["unit"], 1)[1])  # 上海市普陀区财政局2024年度收入支出总计
    value = table.get(name)
    return (name, value) if value is not None and value[0] is not None else None


def prose_amounts(data) -> Iterator[Finding]:
    prose = data["prose_numbers"]
    names = _names(data)
    for _, r in prose[prose.metric.isin(["total", "amount"]) & (prose.unit == "万元")].iterrows():
        hit = _lookup(names, r.section_zh or "", r.subject_zh)
        if hit is None:
            continue
        name, (value, source) = hit
        yield compare(f"prose.amount.{r.line}.{r.seq}", "prose", f"The prose restates {name}",
                      f"情况说明所述{name}与表一致", f"prose line {r.line}; {source}", value, r.value,
                      note=f"«{r.quote_zh}»")
    yield from _budget_lines(data, names)
    yield from _three_public_prose(data, names)


def _budget_lines(data, names) -> Iterator[Finding]:
    """Sentences like 基本支出年初预算数为 X 万元，支出决算数为 Y 万元: Y restates the table's figure."""
    prose = data["prose_numbers"]
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
                yield compare(f"prose.actual.{line}.{r.seq}", "prose", f"The prose restates {hit[0]} (决算数)",
                              f"情况说明所述{hit[0]}决算数与表一致", f"prose line {line}; {hit[1][1]}", hit[1][0],
                              r.value, note=f"«{r.quote_zh}»")


def _three_item(subject: str) -> str | None:
    for pattern, item in THREE_ITEMS:
        if re.search(pattern, subject or ""):
            return item
    return None


def _three_public_prose(data, names) -> Iterator[Finding]:
    prose = data["prose_numbers"]
    rows = prose[prose.section_zh.fillna("").str.contains("三公") & prose.metric.isin(["budget", "actual"])
                 & (prose.unit == "万元")]
    for line, group in rows.groupby("line", sort=False):
        first = group.subject_zh.iloc[0]
        item = _three_item(first)
        if item is None:
            continue
        for _, r in group.iterrows():
            basis = "budget" if r.metric == "budget" else "actual"
            table = names["three"][basis].get(item)
            if table is None:
                continue
            yield compare(f"prose.three.{line}.{r.seq}", "prose", f"The 三公 paragraph restates {item} ({basis})",
                          f"三公说明{basis}数与三公表一致", f"prose line {line}; {table[1]}", table[0], r.value,
                          note=f"«{r.quote_zh}»")


def prose_shares(data) -> Iterator[Finding]:
    """A stated share against its base: the base the sentence names (占基本支出的…), else the section's first
    total (or first amount), which is how the 情况说明 introduce a breakdown."""
    prose = data["prose_numbers"]
    names = _names(data)
    sections = prose.section_zh.fillna("")
    for section in dict.fromkeys(sections):
        rows = list(prose[sections == section].itertuples())
        for i, r in enumerate(rows):
            if r.metric != "share" or "采购" in section:
                continue
            part = next((p for p in reversed(rows[:i]) if p.metric in ("amount", "total", "actual")
                         and p.unit == "万元" and p.line == r.line), None)
            if part is None:
                continue  # a share of something the sentence gives no amount for (a narrative statistic)
            base_name = re.search(r"占(.+?)的", key(r.subject_zh or "") + "的")
            if base_name and base_name.group(1) not in ("", "比"):
                hit = _lookup(names, section, base_name.group(1))
                if hit is None:
                    yield special(f"prose.share.{r.line}.{r.seq}", "prose", "A stated share against its base",
                                  "情况说明所述占比", f"prose line {r.line}", "missing_data",
                                  f"base «{base_name.group(1)}» names no table figure; «{r.quote_zh}»", found=r.value)
                    continue
                whole, where = hit[1][0], hit[1][1]
            else:
                first = next((p for p in rows[:i] if p.metric == "total" and p.unit == "万元"), None) or \
                    next((p for p in rows[:i] if p.metric in ("amount", "total") and p.unit == "万元"), None)
                if first is None or first is part:
                    yield special(f"prose.share.{r.line}.{r.seq}", "prose", "A stated share against its base",
                                  "情况说明所述占比", f"prose line {r.line}", "missing_data",
                                  f"no base in the section; «{r.quote_zh}»", found=r.value)
                    continue
                whole, where = first.value, f"prose line {first.line}"
            if whole == 0:
                yield special(f"prose.share.{r.line}.{r.seq}", "prose", "A stated share of a zero base",
                              "零基数的占比", f"prose line {r.line}", "not_applicable",
                              f"the report states {r.value}% of zero; «{r.quote_zh}»", found=r.value)
                continue
            expected = (part.value * 100 / whole).quantize(Decimal("0.01"))
            yield compare(f"prose.share.{r.line}.{r.seq}", "prose",
                          f"Stated share of {part.subject_zh} is its amount over the base",
                          f"{part.subject_zh}占比=金额/基数", f"prose line {r.line}; base {where}", expected, r.value,
                          share_tolerance(part.value, whole), f"«{r.quote_zh}»")


def prose_changes(data) -> Iterator[Finding]:
    """Year-on-year changes: the percentage follows from the amounts, and implied prior years agree."""
    prose = data["prose_numbers"]
    priors = []
    for line, group in prose.groupby("line", sort=False):
        rows = list(group.itertuples())
        for i, r in enumerate(rows):
            if r.metric != "change_amount":
                continue
            current = next((p for p in reversed(rows[:i]) if p.metric in ("total", "actual", "amount")
                            and p.unit == r.unit), None)
            pct = next((p for p in rows[i + 1:] if p.metric == "change_pct"), None)
            if current is None:
                yield special(f"prose.change.{line}.{r.seq}", "prose", "A stated change against its current figure",
                              "同比变动", f"prose line {line}", "missing_data", f"«{r.quote_zh}»")
                continue
            signed = r.value if r.direction == "increase" else -r.value
            prior = current.value - signed
            first = next((p for p in rows if p.metric != "year" and p.unit == r.unit), current)
            priors.append((subject_key(first.subject_zh), prior, line, r.section_zh))
            if pct is None:
                continue
            if prior == 0:
                yield special(f"prose.change_pct.{line}.{r.seq}", "prose", "A change in percent of a zero prior year",
                              "上年为零的变动率", f"prose line {line}", "not_applicable", f"«{pct.quote_zh}»")
                continue
            expected = (abs(signed) * 100 / prior).quantize(Decimal("0.01"))
            yield compare(f"prose.change_pct.{line}.{r.seq}", "prose",
                          "The stated change in percent follows from the amounts", "变动率=变动额/上年数",
                          f"prose line {line}", expected, pct.value, share_tolerance(abs(signed), prior),
                          f"prior year implied {prior}; «{pct.quote_zh}»")
    # the same prior-year figure, implied in different places
    by_value: dict[Decimal, list] = {}
    for subject, prior, line, section in priors:
        by_value.setdefault(subject, []).append((prior, line))
    for subject, found in by_value.items():
        values = {p for p, _ in found}
        if len(found) > 1:
            status = "ok" if len(values) == 1 else "mismatch"
            yield Finding(f"prose.prior.{subject}", "prose", f"Prior-year {subject} implied in different places agree",
                          f"各处隐含的上年{subject}一致", "prose lines " + line_list(*[ln for _, ln in found]),
                          found[0][0], max(values, key=lambda v: abs(v - found[0][0])),
                          max(values) - min(values), D0, status)
    yield from _three_prior(data, priors)


def _three_prior(data, priors) -> Iterator[Finding]:
    base = data["performance_base"]
    year = data["report"]["year"]
    row = base[(base.item_zh == "三公经费") & (base.column_zh == f"{year - 1}年决算数")]
    implied = [p for s, p, ln, sec in priors if "三公" in (sec or "") and "三公" in s]
    if row.empty or not implied:
        return
    yield compare("prose.prior.three_public", "prose", "Prior-year 三公 implied by the prose equals the base-data table",
                  "情况说明隐含的上年三公经费=绩效基础数据表上年决算数", f"performance_base line {row.line.iloc[0]}",
                  row.value.iloc[0], implied[0])


def prose_execution(data) -> Iterator[Finding]:
    prose = data["prose_numbers"]
    for line, group in prose.groupby("line", sort=False):
        rows = list(group.itertuples())
        for i, r in enumerate(rows):
            if r.metric != "execution_rate":
                continue
            budget = next((p for p in reversed(rows[:i]) if p.metric == "budget" and p.unit == "万元"), None)
            actual = next((p for p in reversed(rows[:i]) if p.metric == "actual" and p.unit == "万元"), None)
            if budget is None or actual is None:
                continue
            if budget.value == 0:
                yield special(f"prose.execution.{line}.{r.seq}", "prose", "An execution rate of a zero budget",
                              "零预算的执行率", f"prose line {line}", "not_applicable",
                              f"the report states {r.value}% of a zero budget; «{r.quote_zh}»", found=r.value)
                continue
            expected = (actual.value * 100 / budget.value).quantize(Decimal("0.01"))
            yield compare(f"prose.execution.{line}.{r.seq}", "prose", "The execution rate is actual over budget",
                          "预算完成率=决算数/预算数", f"prose line {line}", expected, r.value,
                          share_tolerance(actual.value, budget.value), f"«{r.quote_zh}»")


RELATION = {"greater": lambda a, b: a > b, "less": lambda a, b: a < b, "equal": lambda a, b: a == b}


def prose_words(data) -> Iterator[Finding]:
    """增加/减少/持平 and 大于/小于/等于 against the numbers beside them."""
    prose = data["prose_numbers"]
    for line, group in prose.groupby("line", sort=False):
        rows = list(group.itertuples())
        for r in rows:
            if r.metric != "comparison":
                continue
            left, right = (r.subject_zh or "/").split("/", 1)
            title = f"«{r.quote_zh}» agrees with the figures"
            if "预算" in right:
                budget = next((p for p in rows if p.metric == "budget" and p.unit == "万元"), None)
                actual = next((p for p in rows if p.metric == "actual" and p.unit == "万元"), None)
                if budget is None or actual is None:
                    yield special(f"prose.word.{line}.{r.seq}", "prose", title, "比较用语与数字一致",
                                  f"prose line {line}", "missing_data", "no budget and actual in the sentence")
                    continue
                ok = RELATION[r.direction](actual.value, budget.value)
                yield Finding(f"prose.word.{line}.{r.seq}", "prose", title, "比较用语与数字一致", f"prose line {line}",
                              r.direction, f"决算 {actual.value} vs 预算 {budget.value}", actual.value - budget.value,
                              D0, "ok" if ok else "mismatch")
            else:
                change = next((p for p in rows if p.metric == "change_amount"), None)
                if change is None:
                    yield special(f"prose.word.{line}.{r.seq}", "prose", title, "比较用语与数字一致",
                                  f"prose line {line}", "missing_data", "the sentence states no prior-year figure")
                    continue
                signed = change.value if change.direction == "increase" else -change.value
                ok = RELATION[r.direction](signed, D0)
                yield Finding(f"prose.word.{line}.{r.seq}", "prose", title, "比较用语与数字一致", f"prose line {line}",
                              r.direction, f"change {signed}", signed, D0, "ok" if ok else "mismatch")
    for _, r in prose[prose.metric.isin(["change_amount", "change_pct"])].iterrows():
        if r.value == 0 and r.direction:
            yield special(f"prose.word.zero.{r.line}.{r.seq}", "prose", "A change of zero is called an increase or decrease",
                          "零变动却称增减", f"prose line {r.line}", "mismatch", f"«{r.quote_zh}»")


def staff(data) -> Iterator[Finding]:
    prose = data["prose_numbers"]
    rows = prose[prose.metric == "staff_count"]
    for line, group in rows.groupby("line", sort=False):
        values = list(group.itertuples())
        if len(values) >= 3 and "其中" in (values[1].quote_zh or ""):
            yield compare(f"staff.parts.{line}", "prose", "Staff: the parts add up to the stated total",
                          "人员：各类人数之和等于总人数", f"prose line {line}", fsum(v.value for v in values[1:]),
                          values[0].value, note=" + ".join(f"{v.subject_zh} {v.value}" for v in values[1:]))
    base = data["performance_base"]
    in_post = base[base.column_zh.str.contains("实际在职")]
    stated = rows[rows.subject_zh.fillna("").str.contains("在职")]
    if len(in_post) and len(stated):
        yield compare("staff.in_post", "prose", "Staff in post: prose against the base-data table",
                      "实有在职人数：情况说明与绩效基础数据表", f"prose line {stated.line.iloc[0]}; performance_base line "
                      f"{in_post.line.iloc[0]}", in_post.value.iloc[0], stated.value.iloc[0])
