"""Is everything there that a reviewer expects (完整性)? The 目录 against the body, tables published empty without
their note, the 三公 disclosure, and 机关运行经费 against 公用经费.

A table of the report's template that is missing altogether (缺表) is found where the tables are read (checks._unread);
the 目录 entry that lists it then follows from that finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..data.vocab import STANDARD_TITLES, THREE_ZH, three_item
from .core import D0, Finding, compare, special

FAMILY = "completeness"


def completeness(data) -> Iterator[Finding]:
    yield from contents(data)
    yield from empty_tables(data)
    yield from three_public_disclosed(data)
    yield from running_costs(data)


def contents(data) -> Iterator[Finding]:
    """Every part, section and table the 目录 lists stands in the body, in the order it lists them (read/outline.py
    recorded where: contents[].body_line)."""
    entries = data["report"].get("contents", [])
    if not entries:
        yield special("contents", FAMILY, "The 目录 against the body", "目录与正文一致", "prose", "not_applicable",
                      "the report has no 目录 (or the conversion lost it)", note_zh="报告没有目录（或转换时未能识别）")
        return
    if not any("body_line" in e for e in entries):
        return  # read before the 目录 was matched with the body: nothing to judge
    found, after = 0, 0
    for e in entries:
        line, table = e.get("body_line"), e.get("table")
        sources = f"prose line {e['line']}" + (f"; {table}" if table else "")
        page = f" (page {e['page']})" if e.get("page") else ""
        if line is None:
            found += 1
            yield special(f"contents.{e['line']}", FAMILY, "The 目录 lists something the body does not have",
                          "目录所列内容正文中没有", sources, "mismatch",
                          f"not in the body{page}; «{e['text']}»", found=e["text"],
                          expected="在正文中补上所列内容，或从目录中删去该条",
                          note_zh=f"目录所列内容在正文中没有；«{e['text']}»")
        elif line < after:
            found += 1
            yield special(f"contents.{e['line']}", FAMILY, "The 目录 lists an entry out of the body's order",
                          "目录顺序与正文不一致", sources, "mismatch",
                          f"it stands in the body at line {line}, before the entry listed above it; «{e['text']}»",
                          found=e["text"], expected="按正文顺序排列目录",
                          note_zh=f"该条在正文中的位置早于目录中排在它前面的条目；«{e['text']}»")
        after = max(after, line or 0)
    if not found:
        yield Finding("contents", FAMILY,
                      f"Every entry of the 目录 stands in the body, in order ({len(entries)} entries)",
                      f"目录所列 {len(entries)} 项均见于正文，顺序一致", "prose", None, None, None, D0, "ok")


def empty_tables(data) -> Iterator[Finding]:
    """A table published with no figure but zero says so (本表无数据 and why); one that does not is a finding."""
    for table, info in data["report"].get("tables", {}).items():
        if not info.get("empty"):
            continue
        title = info.get("title_zh") or STANDARD_TITLES.get(table, table)
        if info.get("says_empty"):
            yield Finding(f"empty.{table}", FAMILY, f"Table {table[1:]} is empty and says why", f"{title}为空表并注明原因",
                          f"{table} line {info['lines'][0]}", None, None, None, D0, "ok")
            continue
        yield special(f"empty.{table}", FAMILY, f"Table {table[1:]} is published empty without its note",
                      f"{title}为空表，未注明无数据的原因", f"{table} line {info['lines'][0]}", "mismatch",
                      f"no figure other than zero, and no note saying why (本表无数据); «{title}»", found=title,
                      expected="在表下注明：本单位无此项收支，故本表无数据",
                      note_zh=f"表中数字全为零或空白，且未注明“本表无数据”及原因；«{title}»")


# ---------------------------------------------------------------- 三公

_ITEMS = ("outbound", "vehicles", "reception")
_COUNTS = {  # an item spent: the counts its explanation gives (units and the words beside each), in words
    "reception": ((("批", "个"), "接待|来访"), (("人次",), "接待|来宾|来访"), "国内公务接待的批次和人次",
                  "batches and visitors (批次, 人次) of its receptions"),
    "outbound": ((("个",), "团组|出国"), (("人次",), "团组|出国|累计"), "因公出国（境）团组数和人次",
                 "delegations and persons (团组, 人次) abroad"),
}


def three_public_disclosed(data) -> Iterator[Finding]:
    """Each 三公 item spent (table 09's actual above zero) is explained in the 三公 section with its actual; where
    公务接待费 (or 因公出国（境）费) is spent, the section gives its 批次/团组 and 人次."""
    t09 = data["t09_three_public"]
    if t09.empty:
        return
    actual = dict(zip(t09[t09.basis == "actual"].item, t09[t09.basis == "actual"].amount_wan_yuan))
    prose = data["prose_numbers"]
    rows = [r for r in prose.itertuples() if "三公" in (r.section_zh or "") or three_item(r.section_zh or "")]
    for item in _ITEMS:
        spent = actual.get(item)
        if spent is None or spent == 0:
            continue
        named = [r for r in rows if r.unit == "万元" and r.metric in ("actual", "amount", "total")
                 and three_item(r.subject_zh or "") in _parts(item)]
        yield Finding(f"three.disclosed.{item}", FAMILY, f"The 三公 section states the {THREE_ZH[item]} spent",
                      f"三公说明列出{THREE_ZH[item]}决算数", "t09; prose", None, spent, None, D0,
                      "ok" if named else "mismatch",
                      "" if named else f"table 09 shows {spent} 万元 spent; the 三公 section does not state it",
                      note_zh="" if named else f"表09所列决算数为 {spent} 万元，三公经费说明中未列出")
        if item in _COUNTS:
            *counts, zh, en = _COUNTS[item]
            (batch_units, batch_words), (people_units, people_words) = counts
            batches = [r for r in rows
                       if r.unit in batch_units and re.search(batch_words, f"{r.subject_zh}{r.quote_zh}")]
            ok = bool(batches) and any(r.unit in people_units and (r.line in {b.line for b in batches} or re.search(
                people_words, f"{r.subject_zh}{r.quote_zh}")) for r in rows)  # 公务接待 2 批次、24 人次
            yield Finding(f"three.counts.{item}", FAMILY, f"The {THREE_ZH[item]} spent comes with the {en}",
                          f"{THREE_ZH[item]}有支出，说明中列出{zh}", "t09; prose", None, spent, None, D0,
                          "ok" if ok else "mismatch", "" if ok else f"{spent} 万元 spent; the section gives no {en}",
                          note_zh="" if ok else f"决算数为 {spent} 万元，说明中未列{zh}")


def _parts(item: str) -> set[str]:
    return {"vehicles", "vehicle_purchase", "vehicle_operation"} if item == "vehicles" else {item}


# ---------------------------------------------------------------- 机关运行经费

def running_costs(data) -> Iterator[Finding]:
    """机关运行经费 (the 日常公用经费 of 行政 and 参公 units) is part of 公用经费: not above table 06's 公用经费. A unit
    that says it is not 参公 (and reports none) is not judged."""
    prose = data["prose_numbers"]
    stated = [r for r in prose.itertuples() if "机关运行经费" in (r.section_zh or "") + (r.subject_zh or "")
              and r.unit == "万元" and r.metric in ("amount", "total", "actual") and "机关运行经费" in (r.subject_zh or "")]
    if not stated:
        return
    r = stated[0]
    if any(not s["managed"] for s in data["report"].get("civil_service", [])):
        yield special("running_costs", "prose", "机关运行经费 is not above 公用经费", "机关运行经费不超过公用经费",
                      f"prose line {r.line}", "not_applicable", "the unit says it is not managed as civil service (参公)",
                      found=r.value, note_zh="单位说明其不属于参公单位")
        return
    t06 = data["t06_basic_economic"]
    printed = t06[(t06.level == "total") & (t06.group == "public")]
    public = printed.amount_wan_yuan.iloc[0] if len(printed) else \
        sum(t06[(t06.level == "class") & (t06.group == "public")].amount_wan_yuan, Decimal(0)) if len(t06) else None
    where = f"t06 line {printed.line.iloc[0]}" if len(printed) else "t06 classes"
    if public is None:
        yield compare("running_costs", "prose", "机关运行经费 is not above 公用经费", "机关运行经费不超过公用经费",
                      f"prose line {r.line}; {where}", None, r.value)
        return
    status = "ok" if r.value <= public else "mismatch"
    yield Finding("running_costs", "prose", "机关运行经费 is not above table 06's 公用经费", "机关运行经费不超过基本支出表公用经费",
                  f"prose line {r.line}; {where}", public, r.value, r.value - public, D0, status,
                  f"«{r.quote_zh}»" + ("" if status == "mismatch" or r.value == public else
                                       "; below 公用经费: the department's units not managed as civil service spend "
                                       "公用经费 that are not 机关运行经费"),
                  note_zh=f"«{r.quote_zh}»")
