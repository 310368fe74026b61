"""The report's outline: its part, section and sub-section headings in order, and its table of contents (目录).

One heading detector serves the whole reader: ``is_heading`` is what prose.sections() files every paragraph's figures
under. The outline keeps those of its headings that can be told reliably, each with its level from its numbering:

- 1 a part (第三部分 …), 2 a section (六、…), 3 a sub-section ((三) or （三）…), 4 a point (1. or 1、…),
- 0 a heading without a number that the text marks as one (a markdown #, or a heading set larger or bold in a PDF,
  which pdf.py marks with #): it stands under the numbered headings above it, and a series numbered after it
  starts anew under it (the title of a self-evaluation report inside the annex, with its own 一、二、…).

A heading the text marks (#, or a line set in bold) is taken as published. A line the text does not mark is a
heading only where nothing says it is a paragraph or a list item: no sentence goes on after a full stop or colon
inside it, it does not end where a sentence would go on (、，；), its brackets and quotes are closed, and its series
(the lines numbered at its level under the same heading above) runs 一, 二, 三 … without a gap, every member a heading
by these rules. A list of duties (（一）贯彻执行…) thus stays a list. A point (1. …) not marked is a heading only where
the text keeps each paragraph on one line: in a conversion that keeps the PDF's lines (a paragraph broken every ~28
characters), a paragraph's first line (1、文化旅游体育与传媒支出（类）…) cannot be told from a heading.

A part's title broken over two lines (第三部分 / 2024年度部门决算情况说明, or …决算情况 / 说明) is read as one heading.
The table of contents (a 目录 line and the entries after it, up to where the body repeats its first entry) is not
the body: its entries are kept apart, with the page each gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .annex import title_above
from .blocks import match_title
from .pages import from_text
from ..text import clean, key

# The numbering a heading starts with, by level. prose.sections() takes a short line starting so as a heading.
ORDINAL = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])")
HEADING_MAX = 30  # a longer line without a # is a paragraph


def is_heading(raw: str, text: str) -> bool:
    """Whether a prose line is a heading for prose.sections(): marked with # by the conversion, or short, starting
    with a heading's numbering and holding no comma. ``raw`` is the line as read, ``text`` the line cleaned."""
    return raw.lstrip().startswith("#") or (len(text) <= HEADING_MAX and bool(ORDINAL.match(text)) and "，" not in text)


_LEVELS = [
    (1, re.compile(r"第([一二三四五六七八九十]+)部分")),
    (2, re.compile(r"([一二三四五六七八九十]+)、")),
    (3, re.compile(r"[（(]([一二三四五六七八九十]+)[)）]")),
    (4, re.compile(r"(\d{1,2})\s*[.、．](?!\d)")),
]
_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def chinese_number(text: str) -> int | None:
    """一 … 九十九 as an integer (十一 = 11, 二十 = 20), None for anything else."""
    if text in _DIGITS:
        return _DIGITS[text]
    m = re.fullmatch(r"([二三四五六七八九]?)十([一二三四五六七八九]?)", text)
    if not m:
        return None
    return (_DIGITS[m.group(1)] if m.group(1) else 1) * 10 + (_DIGITS[m.group(2)] if m.group(2) else 0)


def numbering(text: str) -> tuple[int, int] | None:
    """(level, number) of the numbering a cleaned line starts with: 第三部分 → (1, 3), 六、→ (2, 6), （三）→ (3, 3),
    2. → (4, 2); None when it starts with none."""
    for level, pattern in _LEVELS:
        if m := pattern.match(text):
            number = int(m.group(1)) if level == 4 else chinese_number(m.group(1))
            return (level, number) if number else None
    return None


@dataclass
class _Line:
    line: int
    raw: str
    text: str  # cleaned
    marked: bool  # the conversion marks it a heading (#, or the whole line bold)
    heading: bool  # is_heading: what prose.sections() takes for a heading
    number: tuple[int, int] | None
    joined: str = ""  # the rest of a part's title, from the line below


_BOLD_LINE = re.compile(r"^\s*(?:\*\*.+\*\*|__.+__|<b>.+</b>|<strong>.+</strong>)\s*$", re.IGNORECASE)
_CONTENTS = re.compile(r"^目录$")
_LIST_MARK = re.compile(r"^\s*[-*+•]\s*")  # a markdown list item (cleaned text: the space after it may be gone)
_PAGE_GIVEN = re.compile(r"(?:\s*[.．·…\-—_]{2,}|\s)\s*(\d{1,3})\s*$")  # 一、学校概况 ......... 1, or 一、学校概况 1
_INNER_STOP = re.compile(r"[。；：！？!?;:](?=.)")  # a sentence going on inside the line
_OPEN_END = re.compile(r"[、，,；;（(“‘《〔【\[]$")
_PAIRS = ("（）", "()", "“”", "‘’", "《》", "〔〕", "【】")
_PARAGRAPH_END = re.compile(r"[。；：！？!?;:”）)]$")


def _lines(document) -> list[_Line]:
    out = []
    for line, text in document.prose:
        raw = document.lines[line - 1]
        marked = raw.lstrip().startswith("#") or bool(_BOLD_LINE.match(raw))
        out.append(_Line(line, raw, text, marked, is_heading(raw, text), numbering(text)))
    return out


def _unmarked_heading(text: str) -> bool:
    """Whether a line the text does not mark reads as a heading rather than a paragraph or a list item."""
    if _INNER_STOP.search(text) or _OPEN_END.search(text):
        return False
    return all(text.count(a) == text.count(b) for a, b in _PAIRS)


def _join_parts(lines: list[_Line], document) -> set[int]:
    """A part's title broken over two lines is read as one: 第三部分 / 2024年度部门决算情况说明 (a bare part number
    and the heading under it), or 第三部分 …决算情况 / 说明 (a title the page wrapped, the rest short). Returns the
    indexes of the lines joined into the part above."""
    taken = set()
    for i, item in enumerate(lines[:-1]):
        if not (item.heading and item.number and item.number[0] == 1):
            continue
        below = lines[i + 1]
        between = document.lines[item.line:below.line - 1]
        if any(s.strip() for s in between) or below.number or _LIST_MARK.match(below.raw):
            continue  # a table stands between, or the line below is numbered or a list item
        bare = bool(re.fullmatch(r"第[一二三四五六七八九十]+部分", item.text.replace(" ", "")))
        short = len(below.text) <= 12 and not _INNER_STOP.search(below.text) and "，" not in below.text
        if (bare and len(below.text) <= HEADING_MAX and not _INNER_STOP.search(below.text)) or \
                (short and (below.marked or not _PARAGRAPH_END.search(below.text))):
            item.joined = below.text
            taken.add(i + 1)
    return taken


def _part_text(item: _Line) -> str:
    """The part's heading as one line, one space after its number: 第三部分 部门决算情况说明."""
    text = (item.text + item.joined).replace(" ", "")
    m = re.match(r"第[一二三四五六七八九十]+部分", text)
    return f"{m.group()} {text[m.end():]}".strip() if m else text


def _text(item: _Line) -> str:
    if item.number and item.number[0] == 1:
        return _part_text(item)
    return item.text


def _contents_end(lines: list[_Line], start: int, taken: set[int]) -> int | None:
    """The index of the body's first line: where the heading the contents list first comes again (by its text, else
    by its number). None when it never does (then nothing is read as contents)."""
    entries = [i for i in range(start + 1, len(lines)) if i not in taken]
    if not entries:
        return None
    first = lines[entries[0]]
    first_key = _entry_key(_contents_entry(first)["text"])
    first_number = numbering(_LIST_MARK.sub("", first.text))
    later = [i for i in entries[1:] if lines[i].heading]
    for i in later:
        if _entry_key(_text(lines[i])) == first_key:
            return i
    for i in later:
        if first_number and lines[i].number == first_number:
            return i
    return None


def _entry_key(text: str) -> str:
    return key(_LIST_MARK.sub("", text))


def _contents_entry(item: _Line) -> dict:
    """An entry of the contents: its text without list marker, dot leaders or page number, and the page it gives."""
    entry = {"line": item.line, "text": _LIST_MARK.sub("", _text(item))}
    if not item.joined and (m := _PAGE_GIVEN.search(item.raw)):
        entry.update(text=_LIST_MARK.sub("", clean(item.raw[: m.start()])), page=int(m.group(1)))
    number = numbering(entry["text"])
    entry["level"] = number[0] if number else 0
    return entry


def _series_ok(members: list[_Line]) -> bool:
    """A run of lines numbered at one level under one heading is a series of headings when it runs 1, 2, 3 … and
    every member reads as a heading (marked, or not marked and reading as one)."""
    numbers = [m.number[1] for m in members]
    if numbers != list(range(1, len(numbers) + 1)):
        return False
    return all(m.marked or (m.heading and _unmarked_heading(m.text)) for m in members)


def _wrapped(lines: list[_Line]) -> bool:
    """Whether the conversion keeps the PDF's lines: most lines of text run on into the next line, unfinished."""
    long = [(a, b) for a, b in zip(lines, lines[1:]) if len(a.text) > 15]
    runs_on = sum(1 for a, b in long if b.line == a.line + 1 and not _PARAGRAPH_END.search(a.text))
    return bool(long) and runs_on > len(long) / 2


def outline(document) -> tuple[list[dict], list[dict]]:
    """(outline, contents): the body's headings in order, each {line, level, text, number} (number: 3 for 第三部分,
    六、, （三） or 3.; absent for a heading without one), and the table of contents' entries, each {line, level, text}
    with the page it gives where it gives one (a printed page number). Pure."""
    lines = _lines(document)
    taken = _join_parts(lines, document)
    body = 0
    contents: list[dict] = []
    start = next((i for i, item in enumerate(lines) if _CONTENTS.match(key(item.text))), None)
    if start is not None and (end := _contents_end(lines, start, taken)) is not None:
        contents = [_contents_entry(lines[i]) for i in range(start + 1, end) if i not in taken]
        body = end
    candidates = [item for i, item in enumerate(lines) if i >= body and i not in taken]
    _parts_unnumbered(candidates, contents)
    accepted = _accept(candidates, _wrapped(lines))
    out = []
    for item in accepted:
        entry = {"line": item.line, "level": item.number[0] if item.number else 0, "text": _text(item)}
        if item.number:
            entry["number"] = item.number[1]
        out.append(entry)
    return out, contents


def _parts_unnumbered(lines: list[_Line], contents: list[dict]) -> None:
    """A part the contents list whose body prints its title without its number (第二部分 上海市…部门决算表 in the
    contents, 上海市…部门决算表 above the tables): that line is the part's heading."""
    found = {item.number for item in lines if item.heading and item.number and item.number[0] == 1}
    for entry in contents:
        part = numbering(entry["text"])
        title = key(re.sub(r"^第[一二三四五六七八九十]+部分", "", entry["text"]))
        if not part or part[0] != 1 or part in found or not title:
            continue
        item = next((item for item in lines if not item.number and key(item.text) == title), None)
        if item:
            item.number, item.heading = part, True
            found.add(part)


def _accept(lines: list[_Line], wrapped: bool) -> list[_Line]:
    """The headings among the body's lines: parts, then each lower level under the headings accepted above it."""
    accepted = [item for item in lines if item.heading and (item.number is None and item.marked
                                                            or item.number and item.number[0] == 1)]
    for level in (2, 3, 4):
        parents = sorted(accepted, key=lambda item: item.line)
        groups: dict[int, list[_Line]] = {}
        for item in lines:
            if not item.number or item.number[0] != level:
                continue
            parent = next((p.line for p in reversed(parents) if p.line < item.line
                           and (p.number is None or p.number[0] < level)), 0)
            groups.setdefault(parent, []).append(item)
        for members in groups.values():
            whole = _series_ok(members) and not (level == 4 and wrapped and not all(m.marked for m in members))
            accepted += [m for m in members if m.heading and (m.marked or whole)]
    return sorted(accepted, key=lambda item: item.line)


def record(document, report: dict, pages: list[dict] | None = None) -> None:
    """Record in report.json where things stand in the report: ``outline`` (its headings), ``contents`` (its table of
    contents, where it has one), ``pages`` (where each page starts: ``pages`` as a PDF gives them, else the text's own
    page markers; absent when unknown) and each annex section's ``title_zh`` as published above its grid.
    data/places.py answers from these where a line of the report stands."""
    report["outline"], contents = outline(document)
    if contents:
        _in_body(contents, document)
        report["contents"] = contents
    pages = from_text(document.lines) if pages is None else pages
    if pages:
        report["pages"] = pages
    for section in report["sections"].values():
        if section.get("lines") and (title := title_above(document, section["lines"][0])):
            section["title_zh"] = title


_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
_NUMBERING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[（(]?[一二三四五六七八九十\d]+[)）、.．:：]|表\s*[\d一二三四五六七八九十]+\s*[:：.、]?)")
SIMILAR = 0.75  # how alike an entry of the 目录 and a line of the body must read (the body may add 的情况, a year)


def _bare(text: str) -> str:
    """An entry or heading reduced to what must agree: no list marker, numbering, year, dot leaders or spaces."""
    text = _LIST_MARK.sub("", clean(text)).replace(" ", "")
    text = _NUMBERING.sub("", text)
    return re.sub(r"[.．·…]{2,}\d*$", "", _YEAR.sub("", text))


def _in_body(contents: list[dict], document) -> None:
    """Each entry of the 目录 with the line of the body that stands for it (``body_line``: its heading, or the title of
    the table it lists), the first alike after the entry before it's, else anywhere in the body (out of order); None
    where the body has none. Parts whose title the body breaks over two lines are matched by their first line."""
    last = max(entry["line"] for entry in contents)
    lines = [(n, _bare(t)) for n, t in document.prose if n > last and len(t) <= 60]
    lines += [(b.first_line, _bare(b.title)) for b in document.blocks + document.blank if b.key and b.title]
    lines.sort()
    after = 0
    for entry in contents:
        target = _bare(entry["text"])
        if not target:
            continue
        if table := match_title(entry["text"]):
            entry["table"] = table  # an entry listing a table: 三、支出决算表

        def alike(text: str, target=target) -> float:
            return 1.0 if text == target else SequenceMatcher(None, text, target).ratio() if text else 0.0

        found = next((n for n, t in lines if n > after and alike(t) == 1.0), None) or \
            next((n for n, t in lines if n > after and alike(t) >= SIMILAR), None) or \
            next((n for n, t in lines if alike(t) >= SIMILAR), None)
        entry["body_line"] = found
        if found and found > after:
            after = found
