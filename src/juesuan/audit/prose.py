"""The prose against the tables: amounts, shares, changes, execution rates, comparisons and staff counts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from types import SimpleNamespace
from decimal import Decimal

from ..data.vocab import DOWN, UP
from ..analysis.numbers import rounded
from ..text import key
from ..data.vocab import three_item
from ..analysis.basic import THREE_PUBLIC

from .core import (D0, Finding, compare, follows, fsum, line_list, noted, place_zh, share_tolerance, special, stated, step,
                   table_total, truncated)

THREE_ZH = dict(THREE_PUBLIC)  # a 三公 item's key -> its name as table 09 heads it


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
    """Every prose figure that restates a table figure, with its finding, by the figure's seq."""
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


def _section_base(rows, i, part):
    """The base a share without a named base is of: the section's first total (or first amount) before it."""
    first = next((p for p in rows[:i] if p.metric == "total" and p.unit == "万元"), None) or \
        next((p for p in rows[:i] if p.metric in ("amount", "total") and p.unit == "万元"), None)
    return None if first is None or first is part else first


def prose_shares(data) -> Iterator[Finding]:
    """A stated share against its base: the base the sentence names (占基本支出的…), else the section's first
    total (or first amount), which is how the 情况说明 introduce a breakdown. A share that is wrong on the base it
    names but right on the section's total says so: the sentence misnames its base. Shares of one base listed together
    that add up to exactly 100.00%, one of them 0.01 off its own rounding so that they do, follow standard practice
    (尾差调整): a note, not an error."""
    found = list(_shares(data))
    groups: dict[tuple, list[Finding]] = {}
    for finding, group in found:
        groups.setdefault(group, []).append(finding)
    for finding, group in found:
        yield truncated(_tail(finding, groups[group]))  # a share printed truncated, unless it is the tail adjusted


def _tail(finding: Finding, group: list[Finding]) -> Finding:
    """The share adjusted so that the shares listed with it add up to 100.00% (尾差调整) is a note."""
    if finding.status != "mismatch" or finding.difference is None or not isinstance(finding.found, Decimal):
        return finding
    listed = [f for f in group if isinstance(f.found, Decimal) and isinstance(f.expected, Decimal)]
    others = [f for f in listed if f is not finding]
    if not others or any(f.status not in ("ok", "rounding") for f in others) \
            or abs(finding.difference) != step(finding.found):
        return finding
    printed, right = fsum(f.found for f in listed), fsum(f.expected for f in listed)
    if printed != 100 or right == 100:
        return finding
    shares = " + ".join(str(f.found) for f in listed)
    return noted(finding, f"tail adjustment (尾差调整): the {len(listed)} shares listed together add up to exactly 100% "
                          f"({shares}), and rounded each on its own they would add up to {right}%",
                 f"尾差调整：并列的 {len(listed)} 项占比合计恰为 100%（{shares}），各自四舍五入则合计为 {right}%，"
                 "调整其中一项属通行做法")


def _shares(data) -> Iterator[tuple[Finding, tuple]]:
    """Each stated share's finding, with the group of shares listed with it: its section and base."""
    prose = data["prose_numbers"]
    names = _names(data)
    wrong = misstated(data)
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
            fid = f"prose.share.{r.line}.{r.seq}"
            base_name = re.search(r"占(.+?)的", key(r.subject_zh or "") + "的")
            alternative = None
            if base_name and base_name.group(1) not in ("", "比"):
                hit = _lookup(names, section, base_name.group(1))
                if hit is None:
                    yield special(fid, "prose", "A stated share against its base", "情况说明所述占比",
                                  f"prose line {r.line}", "missing_data", f"no table states the base it names, "
                                  f"«{base_name.group(1)}»; «{r.quote_zh}»", found=r.value,
                                  note_zh=f"句中所称的基数«{base_name.group(1)}»不见于任何一张表；«{r.quote_zh}»"), ()
                    continue
                whole, where, base = hit[1][0], f"base {hit[0]}, {hit[1][1]}", None
                alternative = _section_base(rows, i, part)
            else:
                base = _section_base(rows, i, part)
                if base is None:
                    yield special(fid, "prose", "A stated share against its base", "情况说明所述占比",
                                  f"prose line {r.line}", "missing_data", f"no base in the section; «{r.quote_zh}»",
                                  found=r.value, note_zh=f"该部分没有可作基数的数字；«{r.quote_zh}»"), ()
                    continue
                whole, where = base.value, f"base prose line {base.line}"
            if whole == 0:
                yield special(fid, "prose", "A stated share of a zero base", "零基数的占比", f"prose line {r.line}",
                              "not_applicable", f"stated as {r.value}% of a zero base ({where}); a share of zero is "
                              f"undefined; «{r.quote_zh}»", found=r.value, note_zh=f"所列占比 {r.value}% 的基数为零"
                              f"（{place_zh(where.removeprefix('base '))}），以零为基数的占比没有意义；«{r.quote_zh}»"), ()
                continue

            def share(values, r=r, where=where, fid=fid, part=part):
                part_value, whole_value = values
                return compare(fid, "prose", f"Stated share of {part.subject_zh or part.quote_zh} is its amount over "
                               "the base", f"{part.subject_zh}占比=金额/基数", f"prose line {r.line}; {where}",
                               rounded(part_value * 100 / whole_value, step(r.value)), r.value,
                               share_tolerance(part_value, whole_value, step(r.value)), f"«{r.quote_zh}»",
                               exact=part_value * 100 / whole_value)
            finding = _consequence(share([part.value, whole]), wrong, [part] + ([base] if base else []), share)
            if finding.status == "mismatch" and alternative is not None and alternative.value:
                other = rounded(part.value * 100 / alternative.value, step(r.value))
                if abs(other - r.value) <= share_tolerance(part.value, alternative.value, step(r.value)):
                    finding = replace(finding, note=f"{r.value}% is the share of «{alternative.quote_zh}» (prose line "
                                      f"{alternative.line}), not of the base the sentence names; {finding.note}",
                                      note_zh=f"{r.value}% 是占«{alternative.quote_zh}»（文字说明第 {alternative.line} 行）"
                                      f"的比重，而非占句中所称基数的比重；{finding.zh_note}")
            yield finding, (section, where)


_CHANGE_WORDS = re.compile(rf"{UP}|{DOWN}|与上年相比|比上年|同比|较上年|比\d{{4}}年度?|(与|较)\d{{4}}年度?相比|减")


def _same_subject(change, current) -> bool:
    """Whether a change (…支出决算增加 21.90 万元) is of the figure before it: the change names no subject of its own,
    or the same one (a 三公 item by the same item)."""
    own = _CHANGE_WORDS.sub("", subject_key(change.subject_zh))
    if not own:
        return True
    other = subject_key(current.subject_zh)
    if own in other or (other and other in own):
        return True
    a, b = three_item(own), three_item(other)
    return a is not None and a == b


def prose_changes(data) -> Iterator[Finding]:
    """Year-on-year changes: the percentage follows from the amounts (a percentage computed from a misstated figure
    follows from that error), and implied prior years agree."""
    prose = data["prose_numbers"]
    wrong = misstated(data)
    priors = []
    for line, group in prose.groupby("line", sort=False):
        rows = list(group.itertuples())
        for i, r in enumerate(rows):
            if r.metric != "change_amount":
                continue
            current = next((p for p in reversed(rows[:i]) if p.metric in ("total", "actual", "amount")
                            and p.unit == r.unit and _same_subject(r, p)), None)
            pct = next((p for p in rows[i + 1:] if p.metric == "change_pct"), None)
            if current is None:
                yield special(f"prose.change.{line}.{r.seq}", "prose", "A stated change against its current figure",
                              "同比变动", f"prose line {line}", "missing_data", f"«{r.quote_zh}»")
                continue
            signed = r.value if r.direction == "increase" else -r.value
            prior = current.value - signed
            # filed under the figure's own subject; a bare 支出决算 is the subject the sentence began with (三公…)
            subject = subject_key(current.subject_zh)
            if re.fullmatch(r"(支出)?(决算|执行)?数?|支出", subject):
                subject = subject_key(next((p for p in rows if p.metric != "year" and p.unit == r.unit), current).subject_zh)
            priors.append((subject, prior, line, r.section_zh))
            if pct is None:
                continue
            if prior == 0:
                yield _zero_base_change(line, r, pct)
                continue

            def change(values, r=r, line=line, pct=pct):
                current_value, change_value = values
                size = change_value if r.direction == "increase" else -change_value
                before = current_value - size
                if before == 0:
                    return special(f"prose.change_pct.{line}.{r.seq}", "prose", "", "", "", "not_applicable")
                return compare(f"prose.change_pct.{line}.{r.seq}", "prose",
                               "The stated change in percent follows from the amounts", "变动率=变动额/上年数",
                               f"prose line {line}", rounded(abs(size) * 100 / before, step(pct.value)), pct.value,
                               share_tolerance(abs(size), before, step(pct.value)),
                               f"prior year implied {before}; «{pct.quote_zh}»", f"推算的上年数为 {before}；«{pct.quote_zh}»",
                               exact=abs(size) * 100 / before)
            yield truncated(_consequence(change([current.value, r.value]), wrong, [current, r], change))
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


def _zero_base_change(line, change, pct) -> Finding:
    """A change in percent of a zero prior year: undefined, so not applicable; but 增长100% (or any rise in percent)
    from nothing is a wording error: a rise from zero has no percentage (say 新增, or the amount alone)."""
    fid = f"prose.change_pct.{line}.{change.seq}"
    if change.direction == "increase" and pct.value != 0:
        return special(fid, "prose", "A rise from a zero prior year is stated in percent",
                       "上年为零却表述为增长百分比", f"prose line {line}", "mismatch",
                       f"the prior year implied is 0 (the change {change.value} equals this year's figure): a rise from "
                       f"nothing has no percentage; «{pct.quote_zh}»", found=pct.value,
                       note_zh=f"推算的上年数为 0（增加额 {change.value} 等于本年数），从零增长无法计算百分比，"
                       f"宜表述为新增，不列增长率；«{pct.quote_zh}»")
    return special(fid, "prose", "A change in percent of a zero prior year", "上年为零的变动率", f"prose line {line}",
                   "not_applicable", f"«{pct.quote_zh}»")


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
