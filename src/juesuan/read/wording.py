"""What the audit needs of the report's words, found at ingest (the reader reads, the audit judges):

- ``wording``: template leftovers and placeholders (XX局, 待填写), alternatives left in (下降（增长）, 大小于, 减增加),
  doubled punctuation (。。, ，，) and doubled words (预算预算), each with its line and a quote;
- ``cover``: the cover's lines (before the 目录), whose unit and year the audit compares;
- ``names``: where the text names a unit as it names itself (a paragraph or sentence opening with a name and the
  year, 截至…，<name>共有车辆), and the short names it gives itself (以下简称“…”);
- ``items``: the functional items (类/款/项) the explanation of table 05 states, with the amount, budget, actual
  and rate each is given.

The text itself is not stored: each observation keeps a quote of at most QUOTE_MAX characters.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .outline import is_heading
from .prose import sections
from ..data.vocab import UNIT_SUFFIXES
from ..text import key

QUOTE_MAX = 30
PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:[XxＸｘ×]{2,}|待填写|请填写|待补充|此处填写)(?![A-Za-z])")
_WORDS = "增加|减少|增长|下降|上升|降低|大于|小于|高于|低于|等于|持平"
ALTERNATIVE = re.compile(
    rf"(?P<a>{_WORDS})[（(/](?P<b>{_WORDS})[）)]?"
    r"|大小于|小大于|增减少|减增加|增长下降|下降增长|增加减少|减少增加|(?:增加|减少|增长|下降)持平|持平(?:增加|减少)")
PUNCTUATION = re.compile("|".join(rf"(?<!{c}){c}{c}(?!{c})" for c in "，。、；：！？") + r"|[，、；：][。]|。[，、；：]")
DOUBLED = re.compile(r"([\u4e00-\u9fff]{2,6})\1")
ORG = "|".join(sorted(UNIT_SUFFIXES + ("街道办事处", "街道", "镇人民政府", "人民政府"), key=len, reverse=True))
_NAME = rf"[\u4e00-\u9fff（）()]{{2,40}}?(?:{ORG})"
SELF_NAMED = [
    re.compile(rf"^(?:第[一二三四五六七八九十]+部分\s*)?(?:纳入)?(?P<name>{_NAME})\s*(?:(?:19|20)\d{{2}}\s*年度?|部门（单位）|"
               r"部门\(单位\)|(?:部门)?概况$)"),
    re.compile(rf"截至\s*\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*[，,]\s*(?P<name>{_NAME})\s*(?:部门|单位|共有)"),
]
SHORT_NAME = re.compile(r"(?:以下简称|简称)[“\"「『]([^”\"」』]{2,20})[”\"」』]")
_CONTENTS = re.compile(r"^目\s*录$")
_LATIN = re.compile(r"[A-Za-z]{3,}")


def record(document, report: dict) -> None:
    """Record in report.json what the audit's wording and completeness checks need of the text (after the outline,
    whose 目录 they leave out): ``wording``, ``cover``, ``names`` and ``short_names``, ``items``."""
    contents = {c["line"] for c in report.get("contents", [])}
    if contents:
        contents |= set(range(min(contents) - 1, max(contents) + 1))  # the 目录 line and the entries
    report["wording"] = observations(document, contents)
    report["cover"] = cover(document)
    report["names"], report["short_names"] = names(document, contents, report["cover"])
    report["items"] = items(document)


def empty(records: list[dict]) -> bool:
    """A table read with no figure other than zero (blank cells and dashes included; a lost cell is not known)."""
    values = [r.get("amount_wan_yuan", "") for r in records]
    return bool(values) and all(r.get("printed") != "lost" for r in records) and \
        all(v in ("", None) or Decimal(v) == 0 for v in values)


def _quote(text: str, start: int, end: int) -> str:
    """At most QUOTE_MAX characters around text[start:end], the match whole."""
    room = max(0, QUOTE_MAX - (end - start))
    left = max(0, start - room // 2)
    return text[left:left + max(QUOTE_MAX, end - start)][:QUOTE_MAX].strip()


def _paragraphs(document) -> list[tuple[int, str, list[tuple[int, int]]]]:
    """Every paragraph of the text as prose.sections() joins it, and each heading line, with where each of its lines
    starts in it: (first line, text, [(offset, line)])."""
    prose = document.prose
    where = {line: i for i, (line, _) in enumerate(prose)}
    out = []
    for line, text, _ in sections(document):
        starts, offset, i = [], 0, where[line]
        while offset < len(text) and i < len(prose):
            starts.append((offset, prose[i][0]))
            offset += len(prose[i][1])
            i += 1
        out.append((line, text, starts))
    for line, text in prose:
        if is_heading(document.lines[line - 1], text):
            out.append((line, text, [(0, line)]))
    return sorted(out, key=lambda p: p[0])


def _line_at(starts: list[tuple[int, int]], position: int) -> int:
    return next((line for offset, line in reversed(starts) if offset <= position), starts[0][1])


def observations(document, contents_lines: set[int]) -> list[dict]:
    """Wording a reviewer flags first, in the text, its headings and the tables' titles and unit lines (not the 目录,
    whose dot leaders are no punctuation): each {kind, line, found, quote}."""
    found = []
    texts = [p for p in _paragraphs(document) if p[0] not in contents_lines]
    texts += [(b.first_line, t, [(0, b.first_line)]) for b in document.blocks if b.key
              for t in (b.title, b.unit_name) if t]
    for first, text, starts in texts:
        for kind, pattern in (("placeholder", PLACEHOLDER), ("alternative", ALTERNATIVE),
                              ("punctuation", PUNCTUATION), ("doubled", DOUBLED)):
            for m in pattern.finditer(text):
                if kind == "alternative" and m.group("a") and m.group("a") == m.group("b"):
                    continue
                found.append({"kind": kind, "line": _line_at(starts, m.start()), "found": m.group(0),
                              "quote": _quote(text, m.start(), m.end())})
    seen, out = set(), []
    for item in sorted(found, key=lambda f: (f["line"], f["kind"])):
        if (item["kind"], item["line"], item["found"]) not in seen:
            seen.add((item["kind"], item["line"], item["found"]))
            out.append(item)
    return out


def cover(document) -> list[dict]:
    """The cover: the lines of text before the 目录 (or before the first heading), without a conversion's notes."""
    out = []
    for line, text in document.prose:
        if _CONTENTS.match(key(text)) or (out and is_heading(document.lines[line - 1], text)
                                          and not document.lines[line - 1].lstrip().startswith("# ")):
            break
        if _LATIN.search(text) or len(out) >= 8:
            continue
        out.append({"line": line, "text": text.lstrip("# ").strip()})
    return out


_COVER_WORDS = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|(?:19|20)\d{2}\s*年度?|部门决算|单位决算|决算|"
                          r"部门|单位|\s+")


def names(document, contents_lines: set[int], cover_lines: list[dict] | None = None) -> tuple[list[dict], list[str]]:
    """Where the report names a unit as a unit names itself, each {line, name, quote, where}: on the cover (its lines
    joined, without the year and 部门决算), in the 目录's entries, and in the body (a heading, paragraph or sentence
    opening with a name and the year or 部门（单位）, 截至…，<name>共有车辆); and the short names it gives itself
    (以下简称“…”)."""
    found, short = [], []
    if cover_lines:
        joined = "".join(c["text"] for c in cover_lines)
        name = _COVER_WORDS.sub("", joined)
        if re.fullmatch(_NAME, name):
            found.append({"line": cover_lines[0]["line"], "name": name, "quote": joined[:QUOTE_MAX], "where": "cover"})
    for line, text in document.prose:
        if line in contents_lines and (m := SELF_NAMED[0].search(text.replace(" ", ""))):
            found.append({"line": line, "name": m.group("name"), "quote": text[:QUOTE_MAX], "where": "contents"})
    for first, text, starts in _paragraphs(document):
        if first in contents_lines:
            continue
        short += [m.group(1) for m in SHORT_NAME.finditer(text)]
        for sentence in re.finditer(r"[^。；！？]+", text):
            body = sentence.group(0)
            lead = len(body) - len(body.lstrip())
            for pattern in SELF_NAMED:
                m = pattern.search(body.strip())
                if m:
                    at = sentence.start() + lead + m.start("name")
                    found.append({"line": _line_at(starts, at), "name": re.sub(r"\s+", "", m.group("name")),
                                  "quote": _quote(text, at, at + len(m.group("name")) + 6), "where": "text"})
                    break
    return found, list(dict.fromkeys(short))


# ---------------------------------------------------------------- the items of the explanation of table 05

ITEM = re.compile(r"[“\"]?(?P<class>[\u4e00-\u9fff、]{2,30}?)\s*[（(]类[)）]\s*(?P<kuan>[\u4e00-\u9fff、]{2,30}?)\s*"
                  r"[（(]款[)）]\s*(?P<xiang>[\u4e00-\u9fff、（）()]{2,40}?)\s*[（(]项[)）][”\"]?")
_FIGURE = r"(?P<v>\d[\d,]*(?:\.\d+)?)\s*"
AMOUNT_AFTER = re.compile(rf"^[”\"]?\s*{_FIGURE}万元")
BUDGET = re.compile(rf"(?P<kind>年初|全年|调整后)?预算(?:数)?(?:为|是)?\s*{_FIGURE}(?P<u>万元|元)?")
ACTUAL = re.compile(rf"支出决算(?:数)?(?:为|是)?\s*{_FIGURE}万元")
RATE = re.compile(r"完成(?P<kind>年初|全年)?预算的\s*(?P<v>\d+(?:\.\d+)?)\s*[%％]")
_EXPLANATION = re.compile(r"一般公共预算财政拨款支出决算具体情况")
_NEXT_SECTION = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)")


def items(document) -> list[dict]:
    """The functional items (类/款/项) the explanation of table 05 (…支出决算具体情况) states, in order, each with the
    figures its own passage gives: the amount right after its name, the budget (and its kind), the actual, the rate,
    each as printed, with the line it stands on."""
    prose = document.prose
    start = next((i for i, (_, text) in enumerate(prose) if _EXPLANATION.search(key(text)) and len(text) <= 40), None)
    if start is None:
        return []
    text, starts = "", []
    for line, part in prose[start + 1:]:
        if _NEXT_SECTION.match(part.replace(" ", "")) and is_heading(document.lines[line - 1], part):
            break
        starts.append((len(text), line))
        text += part
    if not starts:
        return []
    matches = list(ITEM.finditer(text))
    out = []
    for m, after in zip(matches, matches[1:] + [None]):
        passage = text[m.end():after.start() if after else len(text)]
        entry = {"line": _line_at(starts, m.start()), "class_zh": m.group("class").strip("“\"、"),
                 "kuan_zh": m.group("kuan"), "xiang_zh": m.group("xiang"),
                 "quote": _quote(text, max(m.start(), m.end() - 20), m.end() + 10)}
        for name, pattern in (("amount", AMOUNT_AFTER), ("budget", BUDGET), ("actual", ACTUAL), ("rate", RATE)):
            hit = pattern.search(passage)
            if hit:
                entry[name] = hit.group("v").replace(",", "")
                entry[f"{name}_line"] = _line_at(starts, m.end() + hit.start("v"))
                if name in ("budget", "rate") and hit.group("kind"):
                    entry[f"{name}_kind"] = hit.group("kind")
                if name == "budget" and hit.group("u") == "元":
                    entry["budget_unit"] = "元"
        out.append(entry)
    return out
