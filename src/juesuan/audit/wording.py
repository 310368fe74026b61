"""The wording a reviewer checks first (文字规范): template leftovers and placeholders, alternatives left in, doubled
punctuation and words, the report's own year in its headings, 目录, titles and cover, the unit's name wherever the
report names itself, and percentages printed without their % sign or with more than two decimals.

What the report's words say is recorded at ingest (report.json: ``wording``, ``cover``, ``names``, ``outline``,
``contents``, table titles; read/wording.py): these checks judge it. Each finding quotes the report («…») and carries
the wording it should have (``expected``), which the list of fixes shows as 应改为.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from .core import Finding, cached, special

FAMILY = "wording"

_OPTIONS = {"大小于": ("大于", "小于"), "小大于": ("小于", "大于"), "增减少": ("增加", "减少"), "减增加": ("减少", "增加"),
            "增长下降": ("增长", "下降"), "下降增长": ("下降", "增长"), "增加减少": ("增加", "减少"),
            "减少增加": ("减少", "增加")}
KINDS = {  # kind: (title_en, title_zh, what it should read)
    "placeholder": ("A template placeholder is left in the report", "模板占位符未替换",
                    lambda found, quote: "填入实际内容（单位名称、年度或数字）"),
    "alternative": ("Alternatives of the template are left in", "模板中的备选用语未删除",
                    lambda found, quote: "只保留与数字相符的一种：" + "或".join(f"“{w}”" for w in _options(found))),
    "punctuation": ("Doubled punctuation", "标点符号重复",
                    lambda found, quote: quote.replace(found, found[0] if found[0] == found[-1] else found[-1], 1)),
    "doubled": ("A word is printed twice", "词语重复",
                lambda found, quote: quote.replace(found, found[: len(found) // 2], 1)),
}


def _options(found: str) -> tuple[str, ...]:
    if found in _OPTIONS:
        return _OPTIONS[found]
    parts = [p for p in re.split(r"[（()）/]", found) if p]
    if len(parts) == 2:
        return tuple(parts)
    m = re.fullmatch(r"(增加|减少|增长|下降)?(持平)(增加|减少)?", found)
    return tuple(p for p in (m.groups() if m else (found,)) if p)


PASSED = {  # each check's one finding when the report gives it nothing to flag, so that it is counted as done
    "leftovers": ("No template leftover, placeholder, doubled punctuation or word in the text",
                  "正文无模板遗留、占位符、重复标点或重复词语"),
    "years": ("The cover, the 目录, every heading and table title name the report's year",
              "封面、目录、各级标题和表名的年度与报告年度一致"),
    "unit_names": ("Wherever the report names itself, it names its unit", "报告各处自称的单位名称一致"),
    "percent_signs": ("Every share and rate is printed with its % sign and at most two decimals",
                      "占比和比率均带百分号，且不超过两位小数"),
}


def wording(data) -> Iterator[Finding]:
    for check in (leftovers, years, unit_names, percent_signs):
        found = list(check(data))
        if found:
            yield from found
        else:
            yield Finding(f"word.{check.__name__}", FAMILY, *PASSED[check.__name__], "prose", None, None, None,
                          Decimal(0), "ok")


def leftovers(data) -> Iterator[Finding]:
    """Placeholders (XX局, 待填写), alternatives left in (下降（增长）, 大小于), doubled punctuation (。。) and words. Of
    alternatives left in, the one the figures bear out is what the sentence should read, where the audit can tell."""
    items = data["report"].get("wording", [])
    chosen = _borne_out(data) if any(item["kind"] == "alternative" for item in items) else []
    for n, item in enumerate(items):
        title_en, title_zh, should = KINDS[item["kind"]]
        right = should(item["found"], item["quote"])
        word = next((w for quote, w in chosen if item["found"] in quote and w in _options(item["found"])), None)
        if item["kind"] == "alternative" and word:
            right = item["quote"].replace(item["found"], word, 1)
        yield special(f"word.{item['kind']}.{item['line']}.{n}", FAMILY, title_en, title_zh,
                      f"prose line {item['line']}", "mismatch", f"“{item['found']}”; «{item['quote']}»",
                      expected=right, found=item["found"],
                      note_zh=f"“{item['found']}”；«{item['quote']}»")


_WORD = {"less": "小于", "greater": "大于", "equal": "等于"}
_CHANGE = {"increase": ("增加", "增长", "上升"), "decrease": ("减少", "下降", "降低")}


def _borne_out(data) -> list[tuple[str, str]]:
    """The words of comparison or change the figures bear out, with the quote of the prose figure that states each: a
    comparison judged right (决算数小于预算数 where the actual is below the budget), a change whose percentage follows
    from its amounts in the direction it is read (增加 21.90 万元，增长 141.75%)."""
    from .changes import prose_changes
    from .words import prose_words

    found = cached(data, "prose_words", lambda: list(prose_words(data))) + \
        cached(data, "prose_changes", lambda: list(prose_changes(data)))
    right = {f.id for f in found if f.status in ("ok", "rounding")}
    out = []
    for r in data["prose_numbers"].itertuples():
        if r.metric == "comparison" and f"prose.word.{r.line}.{r.seq}" in right:
            out.append((r.quote_zh, _WORD.get(r.direction, "")))
        elif r.metric == "change_amount" and f"prose.change_pct.{r.line}.{r.seq}" in right:
            out += [(r.quote_zh, word) for word in _CHANGE.get(r.direction, ())]
    return out


# ---------------------------------------------------------------- the report's year where it names its own

_YEAR = re.compile(r"(?<!\d)(\d{1,4})\s*(年度?)(?!\s*\d{1,2}\s*月)")
_COMPARING = re.compile(r"比|相比|较|上年|同期|以来|以前|往年|历年|至|—|–|-|~|～|计划|规划|打算|安排|展望")


def _headings(report: dict) -> list[tuple[str, int | None, str]]:
    """Every place that names the report's year as its own: (sources, line, text) for the cover, the 目录, the
    headings and the tables' titles."""
    out = [(f"prose line {c['line']}", c["line"], c["text"]) for c in report.get("cover", [])]
    out += [(f"prose line {c['line']}", c["line"], c["text"]) for c in report.get("contents", []) if c["level"] <= 2]
    out += [(f"prose line {h['line']}", h["line"], h["text"]) for h in report.get("outline", [])
            if 1 <= h["level"] <= 2]
    out += [(f"{t} line {v['lines'][0]}", v["lines"][0], v.get("title_zh", ""))
            for t, v in report.get("tables", {}).items()]
    return out


def years(data) -> Iterator[Finding]:
    """The cover, the 目录, the parts and sections (一、…) and the tables' titles name the report's own year correctly
    (a 2023年度…情况说明 in a 2024 report; 202 年度 with a digit lost); a heading comparing years (与2023年度相比) or
    speaking of plans is not naming the report's year. Lower headings (（一）…, 1.…) name years freely."""
    year = data["report"]["year"]
    for sources, line, text in _headings(data["report"]):
        for m in _YEAR.finditer(text):
            digits = m.group(1)
            if len(digits) == 4 and (int(digits) == year or _COMPARING.search(text)
                                     or not digits.startswith(("19", "20"))):
                continue
            right = text[:m.start()] + f"{year}{m.group(2)}" + text[m.end():]
            fid = f"word.year.{line}.{m.start()}"
            title = ("A heading names another year than the report's", "标题、目录或表名中的年度与报告年度不符")
            if len(digits) != 4:
                title = ("A year is printed incomplete", "年度数字不完整")
            yield special(fid, FAMILY, *title, sources, "mismatch", f"the report is for {year}, not "
                          f"“{digits}{m.group(2)}”; «{text}»", expected=right, found=text,
                          note_zh=f"报告年度为 {year} 年，此处为“{digits}{m.group(2)}”；«{text}»")


# ---------------------------------------------------------------- the unit's name

def unit_names(data) -> Iterator[Finding]:
    """Wherever the report names a unit as it names itself (the cover, the 目录, its headings, a sentence opening with
    a name and the year), the name is the unit's: as the tables give it, or that name shortened from the front
    (普陀区… for 上海市普陀区…), or a name the report gives itself (以下简称“…”); a unit within it (…本级, 附属…) is fine.
    A name with a placeholder in it is the placeholder's finding."""
    report = data["report"]
    unit = re.sub(r"\s+", "", report.get("unit_zh", ""))
    if not unit:
        return
    short = set(report.get("short_names", []))
    for n, item in enumerate(report.get("names", [])):
        name = item["name"]
        if name == unit or unit in name or (unit.endswith(name) and len(name) >= 4) or name in short \
                or re.search(r"[XxＸｘ×]{2,}|待填写", name):
            continue
        if item.get("where", "text") == "text" and not _alike(name, unit):
            continue  # another unit the text speaks of (a unit within the department): not the unit's own name
        yield special(f"word.unit.{item['line']}.{n}", FAMILY, "The report names its unit otherwise", "单位名称前后不一致",
                      f"prose line {item['line']}", "mismatch",
                      f"“{name}”, where the report's unit is “{unit}”; «{item['quote']}»",
                      expected=item["quote"].replace(name, unit, 1), found=name,
                      note_zh=f"此处单位名称为“{name}”，报告单位为“{unit}”；«{item['quote']}»")


def _alike(name: str, unit: str) -> bool:
    """Whether a name reads as the unit's own name misprinted or another report's left in: mostly the same words, the
    same kind of body (局, 中心, 办事处 …)."""
    from difflib import SequenceMatcher

    return name[-1] == unit[-1] and SequenceMatcher(None, name, unit).ratio() >= 0.6


# ---------------------------------------------------------------- percentages as printed

_RATE_BEFORE = re.compile(r"(?:占(?:[^，。；：\d地][^，。；：\d]{0,20}的)?|完成[^，。；：\d]{0,8}预算的?|执行率为?|完成率为?|"
                          r"比重为?)(\d+(?:\.\d+)?)$")


def percent_signs(data) -> Iterator[Finding]:
    """A share or rate printed without its % sign (占 15.85；完成预算的 98.20), and a percentage printed with more than
    two decimals (99.865%)."""
    prose = data["prose_numbers"]
    for r in prose.itertuples():
        if r.metric == "number" and not r.unit and _RATE_BEFORE.search(r.quote_zh or ""):
            yield special(f"word.percent_sign.{r.line}.{r.seq}", FAMILY,
                          "A share or rate is printed without its % sign",
                          "占比或比率缺少百分号", f"prose line {r.line}", "mismatch", f"«{r.quote_zh}»",
                          expected=f"{r.quote_zh}%", found=r.quote_zh, note_zh=f"«{r.quote_zh}»")
        elif r.unit == "%" and isinstance(r.value, Decimal) and -r.value.as_tuple().exponent > 2:
            right = r.value.quantize(Decimal("0.01"))
            yield special(f"word.percent_decimals.{r.line}.{r.seq}", FAMILY,
                          "A percentage is printed with more than two decimals", "百分比保留小数超过两位",
                          f"prose line {r.line}", "mismatch", f"«{r.quote_zh}»",
                          expected=(r.quote_zh or "").replace(format(r.value, "f"), format(right, "f"), 1),
                          found=r.quote_zh, note_zh=f"«{r.quote_zh}»")
