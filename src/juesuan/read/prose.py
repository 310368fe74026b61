"""Numbers stated in the prose (情况说明 and the annex's text), procurement figures and staff counts.

The prose itself is not stored: each number keeps its section, the metric it states where recognisable,
its subject and a locator quote of at most 30 characters.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .annex import DOC_REF
from .outline import is_heading
from ..data.vocab import DOWN, PROCUREMENT_TOPIC, UP
from ..text import fmt, key, parse_amount

QUOTE_MAX = 30
SUBJECT_MAX = 30
UNITS = ("万元", "亿元", "元", "%", "％", "人次", "个", "人", "辆", "台（套）", "台(套)", "台", "次", "分", "节", "所",
         "堂", "篇", "件", "支", "期", "年", "月", "日", "号", "项", "家", "批", "天", "小时", "平方米")
NUMBER = re.compile(
    r"(?<![\d.,A-Za-z])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(" + "|".join(map(re.escape, UNITS)) + ")?"
)
CLAUSE_END = re.compile(r"[，。；：,;:！？!?]")
METRICS = [  # (units, context pattern, metric) — the first that fits names the number
    (("%", "％"), rf"{UP}|{DOWN}", "change_pct"),
    (("%", "％"), r"完成.*预算|执行率|完成率", "execution_rate"),
    (("%", "％"), r"占", "share"),
    (("%", "％"), r"", "percent"),
    (("万元", "元", "亿元"), rf"{UP}|{DOWN}", "change_amount"),
    (("万元", "元", "亿元"), r"(?<!一般公共)(?<!基金)(?<!经营)(?<!保险基金)预算(?!财政拨款|项目)", "budget"),
    (("万元", "元", "亿元"), r"决算|执行数|实际支出|实际使用", "actual"),
    (("万元", "元", "亿元"), r"总计|合计|总额|总支出|共计|总金额", "total"),
    (("万元", "元", "亿元"), r"", "amount"),
    (("人",), r"在职|在编|编制|临聘|退休|离休|人员|职工", "staff_count"),
    (("分",), r"", "score"),
    (("年",), r"", "year"),
]
_PRIOR_YEAR = r"(?:上年|\d{4}\s*年度?)"  # 与上年持平, 与2023年度持平: the prior year named or numbered
COMPARISON = re.compile(
    r"(决算数|执行数|支出)?(大于|小于|等于|高于|低于|超过)(预算数|上年数|上年|年初预算)"
    rf"|与\s*{_PRIOR_YEAR}\s*(相比)?持平|比\s*{_PRIOR_YEAR}\s*(决算数)?持平"
)
RELATION = {"大于": "greater", "高于": "greater", "超过": "greater", "小于": "less", "低于": "less", "等于": "equal"}
SENTENCE_END = re.compile(r"[。！？!?]")  # a sentence ends here (its clauses, ；, do not)
REASON = re.compile(r"\s*[，,]?\s*(?:的)?(?:主要)?原因")  # 决算数小于预算数的主要原因是…: a reason clause


_SENTENCE_END = re.compile(r"[。！？；：!?;:”」）)]$")


def sections(document) -> list[tuple[int, str, str]]:
    """(line, text, section heading) for every prose paragraph, the heading being the latest one above it (of any
    level: outline.is_heading, the one heading test of the reader; the report's outline keeps those told reliably).

    A paragraph broken by a page (its line ends mid-sentence, e.g. "…项目 45 个 2131.10" then "万元，占…") is
    joined again, under its first line, so a figure keeps its unit and a sentence its subject."""
    out: list[tuple[int, str, str]] = []
    section = ""
    joinable = False
    for line, text in document.prose:
        raw = document.lines[line - 1]
        if is_heading(raw, text):
            section = key(text)[:40]
            joinable = False
            continue
        if joinable and out and not _LIST_START.match(text):
            first, before, _ = out[-1]
            out[-1] = (first, before + text, section)
        else:
            out.append((line, text, section))
        joinable = not _SENTENCE_END.search(text.rstrip())
    return out


# A list item's start: not a figure that a page carried over (274.82 万元 after "年初预算为" at a page's foot)
_LIST_START = re.compile(r"\s*(?:[-*]\s|[（(]?[一二三四五六七八九十\d]+(?:[)）、]|[.．](?!\d))|[一二三四五六七八九十]+是)")


def _metric(unit: str, value: str, context: str) -> str:
    if unit == "年" and not re.fullmatch(r"(19|20)\d{2}", value):
        return "count"
    for units, pattern, metric in METRICS:
        if unit in units and re.search(pattern, context):
            return metric
    return "count" if unit else "number"


def _direction(metric: str, context: str) -> str:
    if metric not in ("change_pct", "change_amount"):
        return ""
    last_up = max((m.end() for m in re.finditer(UP, context)), default=-1)
    last_down = max((m.end() for m in re.finditer(DOWN, context)), default=-1)
    return "increase" if last_up > last_down else "decrease"


_LIST_LEAD = re.compile(r"\s*(?:[-*]\s*)?[（(]?\s*")  # what may stand before a list ordinal such as 1. or (1)
_ORDINAL_END = re.compile(r"\s*[.、．)）]")
_BRACKETED = re.compile(r"[〔【\[][^〔【\[〕】\]]*[〕】\]]")  # no opening bracket inside: linear on hostile text


def _last_before(ends: list[int], position: int, default: int) -> int:
    """The largest of the sorted ``ends`` that is at most ``position``."""
    i = bisect_right(ends, position)
    return ends[i - 1] if i else default


def _covered(spans: list[tuple[int, int]]):
    """A test of whether a position lies inside any of ``spans`` (merged and bisected: linear, not quadratic)."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]

    def inside(position: int) -> bool:
        i = bisect_right(starts, position)
        return bool(i) and position < merged[i - 1][1]

    return inside


def numbers(document) -> list[dict]:
    records: list[dict] = []
    for line, text, section in sections(document):
        in_ref = _covered([m.span() for m in DOC_REF.finditer(text)] + [m.span() for m in _BRACKETED.finditer(text)])
        ends = [c.end() for c in CLAUSE_END.finditer(text)]  # once per line: clause starts are looked up, not rescanned
        stops = [c.end() for c in SENTENCE_END.finditer(text)]  # which sentence of the paragraph a figure stands in
        subject_carry = ""
        clause_start_prev = -1
        previous_end = 0
        for m in NUMBER.finditer(text):
            start, end = m.span()
            value, unit = m.group(1), (m.group(2) or "")
            if in_ref(start):
                continue  # part of a document number such as 长教函〔2024〕115号
            if unit in ("月", "日", "号"):
                continue  # dates and document numbers are not figures
            if _LIST_LEAD.fullmatch(text, 0, start) and _ORDINAL_END.match(text, m.end(1)) and not unit:
                continue  # a list ordinal such as 1. or (1)
            clause_start = max(_last_before(ends, start, 0), previous_end)
            while text[clause_start:clause_start + 1] in ("、", " "):
                clause_start += 1
            context = text[clause_start:start]
            amount = parse_amount(value)
            metric = _metric(unit, value, context)
            if metric != "year":
                previous_end = end  # a year such as 2024年度 belongs to the phrase after it
            subject = re.sub(r"（[^（）]{3,}）|\([^()]{3,}\)", "", context.strip())  # asides such as （以下简称…）
            subject = re.sub(r"(为|是|达到|达|共|约|有|均为|都为|均|都)$", "", subject)
            subject = re.sub(r"^(其中|主要包括|包括|与上年相比|比上年)", "", subject).strip()
            if metric in ("share", "change_pct", "execution_rate") and len(re.sub(r"^占|的$", "", subject)) <= 1:
                subject = subject_carry if clause_start != clause_start_prev else subject
            if metric not in ("share", "change_pct", "change_amount", "execution_rate"):
                subject_carry = subject
            clause_start_prev = clause_start
            quote_end = end
            quote = text[max(clause_start, quote_end - QUOTE_MAX):quote_end].strip()
            records.append({
                "seq": "", "section_zh": section, "metric": metric, "subject_zh": subject[-SUBJECT_MAX:],
                "value": fmt(amount.value) if amount else value.replace(",", ""), "unit": unit.replace("％", "%"),
                "direction": _direction(metric, context), "quote_zh": quote, "line": str(line),
                "_pos": start, "_sentence": bisect_right(stops, start),
            })
        for m in COMPARISON.finditer(text):
            clause_start = _last_before(ends, m.start(), 0)
            word = m.group(2)
            records.append({
                "seq": "", "section_zh": section, "metric": "comparison",
                "subject_zh": (m.group(1) or "") + "/" + (m.group(3) or "上年"), "value": "", "unit": "",
                "direction": RELATION.get(word, "equal") if word else "equal",
                "quote_zh": text[clause_start:m.end()][-QUOTE_MAX:], "line": str(line),
                "_pos": m.start(), "_sentence": bisect_right(stops, m.start()),
                "_reason": bool(REASON.match(text, m.end())),
            })
    records.sort(key=lambda r: (int(r["line"]), r["metric"] == "comparison"))
    for i, r in enumerate(records, start=1):
        r["seq"] = str(i)
    return records


def comparisons(records: list[dict]) -> list[dict]:
    """For each comparison the prose states (决算数小于预算数), the figures it can be judged against: the seqs of the
    figures of its own sentence and of the nearest sentence before it that states amounts (the one a reason clause
    explains: in its paragraph, else the last of the paragraph above in the same section), and
    whether it opens a reason clause (…的主要原因是). Takes the records ``numbers`` gave and removes what it kept for
    this (the figures' places)."""
    out = []
    figures = [r for r in records if r["metric"] != "comparison"]
    for c in (r for r in records if r["metric"] == "comparison"):
        mine = [r for r in figures if r["line"] == c["line"]]
        earlier = [r for r in mine if r["_sentence"] < c["_sentence"]]
        if not earlier:  # the first sentence of its paragraph: the sentence before is the last of the paragraph above
            above = [r for r in figures if int(r["line"]) < int(c["line"]) and r["section_zh"] == c["section_zh"]]
            last = max((int(r["line"]) for r in above), default=None)
            earlier = [r for r in above if int(r["line"]) == last]
        previous = max((r["_sentence"] for r in earlier if r["unit"] in ("万元", "元")  # the nearest stating amounts
                        and r["metric"] in ("budget", "actual", "amount", "total", "change_amount")), default=None)
        out.append({"seq": int(c["seq"]), "line": int(c["line"]), "reason": c["_reason"],
                    "sentence": [int(r["seq"]) for r in mine if r["_sentence"] == c["_sentence"]],
                    "previous": [int(r["seq"]) for r in earlier if r["_sentence"] == previous]})
    for r in records:
        for name in ("_pos", "_sentence", "_reason"):
            r.pop(name, None)
    return out


# ---------------------------------------------------------------- procurement

AMOUNT = r"(?P<amount>\d[\d,]*(?:\.\d+)?)\s*万元"
SHARE = r"(?P<share>\d+(?:\.\d+)?)\s*[%％]"
CATEGORY = {"货物": "goods", "工程": "works", "服务": "services"}
PROCUREMENT = [  # (metric, category or group name, base, pattern); phrasing varies by province
    ("purchases", "all", "", rf"政府采购支出总额\s*{AMOUNT}"),
    ("purchases", "all", "", rf"政府采购金额(?:（[^）]*）)?为?\s*{AMOUNT}"),  # Shanghai
    ("purchases", "cat", "", rf"政府采购(?P<cat>货物|工程|服务)支出\s*{AMOUNT}"),
    ("purchases", "cat", "", rf"(?<!政府采购)(?P<cat>货物|工程|服务)采购金额\s*{AMOUNT}"),  # Shanghai
    ("sme_reserved", "all", "", rf"面向中小企业预留政府采购项目预算金额\s*{AMOUNT}"),
    ("small_micro_reserved", "all", "", rf"面向小微企业预留政府采购项目预算金额\s*{AMOUNT}"),
    ("sme_awarded_reserved", "all", "", rf"在面向中小企业预留的政府采购项目中[，,]由中小企业供应商中标或成交的[，,]采购金额\s*{AMOUNT}"),
    ("small_micro_awarded_reserved", "all", "",
     rf"在面向小微企业预留(?:的)?政府采购项目中[，,]由小微企业供应商中标或成交的[，,]采购金额\s*{AMOUNT}"),
    ("sme_awarded_other", "all", "", rf"在其他政府采购项目中[，,]由中小企业供应商中标或成交的[，,]采购金额\s*{AMOUNT}"),
    ("sme_awarded", "all", "purchases/all", rf"授予中小企业合同金额\s*{AMOUNT}\s*[，,]?\s*占政府采购支出总额的\s*{SHARE}"),
    ("small_micro_awarded", "all", "sme_awarded/all",
     rf"授予小微企业合同金额\s*{AMOUNT}\s*[，,]?\s*占授予中小企业合同金额的\s*{SHARE}"),
    ("sme_awarded", "cat", "purchases/cat",
     rf"(?P<cat>货物|工程|服务)采购授予中小企业合同金额占(?P=cat)支出金额的\s*{SHARE}"),
]


def _procurement_paragraphs(document) -> list[tuple[int, str]]:
    """The paragraphs that state the unit's procurement: those under a heading naming it (关于政府采购支出说明,
    政府采购支出情况); where no heading names it (a university's 其他说明, a 其他重要事项), the paragraph that
    states a procurement figure wherever it stands, and the rest of its section after it (授予小微企业… may follow
    in a paragraph of its own). Only the first such paragraph: a later one is a project's, not the unit's."""
    paragraphs = sections(document)
    headed = [(line, text) for line, text, section in paragraphs if PROCUREMENT_TOPIC in section]
    if headed:
        return headed
    for i, (_, text, section) in enumerate(paragraphs):
        if PROCUREMENT_TOPIC in text and any(re.search(p, text) for *_, p in PROCUREMENT):
            out = []
            for line, later, under in paragraphs[i:]:
                if under != section:
                    break
                out.append((line, later))
            return out
    return []


def procurement(document) -> list[dict]:
    lines = _procurement_paragraphs(document)
    offsets, line_numbers, parts, size = [], [], [], 0
    for line, text in lines:
        offsets.append(size)
        line_numbers.append(line)
        parts.append(text)
        size += len(text)
    joined = "".join(parts)

    def line_at(pos: int) -> int:
        i = bisect_right(offsets, pos)
        return line_numbers[i - 1] if i else 0

    records = []
    for metric, category, base, pattern in PROCUREMENT:
        for m in re.finditer(pattern, joined):
            groups = m.groupdict()
            cat = CATEGORY[groups["cat"]] if category == "cat" else category
            amount = parse_amount(groups["amount"]) if groups.get("amount") else None
            records.append({
                "metric": metric, "category": cat,
                "amount_wan_yuan": fmt(amount.value) if amount else "",
                "share_pct": groups.get("share") or "", "share_of": base.replace("cat", cat),
                "quote_zh": joined[max(m.start(), m.end() - QUOTE_MAX):m.end()], "line": str(line_at(m.start())),
            })
    return records
