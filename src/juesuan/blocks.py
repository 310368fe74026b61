"""Find the report's tables by title and header content, never by position.

A *block* is a run of table rows (tab-separated or pipe rows) with the lines around it: the title, the
``公开 NN 表`` label and ``单位：万元`` line before or after the title, and the ``注``/``说明`` notes after it.
Blank lines and page breaks inside a run of rows do not end it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from .text import Row, clean, key, split_row

# The nine standard tables: a title pattern (on the matching key) and words the header must contain.
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "t01": (r"(部门)?收入支出决算总表", ("收入", "支出")),
    "t02": (r"(部门)?收入决算表", ("财政拨款",)),
    "t03": (r"(部门)?支出决算表", ("基本支出", "项目支出")),
    "t04": (r"(部门)?财政拨款收入支出决算总表", ("收入", "支出")),
    "t05": (r"(部门)?一般公共预算财政拨款(收入)?支出决算表", ("基本支出",)),
    "t06": (r"(部门)?一般公共预算财政拨款基本支出决算(明细)?表", ("科目名称",)),
    "t07": (r"(部门)?政府性基金预算财政拨款(收入)?(支出)?决算表", ("本年",)),
    "t08": (r"(部门)?国有资本经营预算财政拨款(收入)?(支出)?决算表", ("本年",)),
    "t09": (r"(部门)?(财政拨款)?[“\"'‘]?三公[”\"'’]?经费(支出)?决算表", ("公务接待",)),
}
TABLE_NUMBER = {k: int(k[1:]) for k in TABLES}

_LABEL = re.compile(r"^(公开)?\s*(\d{1,2})\s*表$")
_UNIT = re.compile(r"^(金额)?单位[:：]\s*(万元|元|千元|亿元)$")
_UNIT_NAME = re.compile(r"^(编制|填报)?单位[:：]\s*(.+)$")
_NOTE = re.compile(r"^(注|说明|备注)\s*[:：\d]|^\d+[.、．]\s*本")
MAX_GAP = 6  # non-row lines allowed between a title and its first row


@dataclass
class Block:
    """A run of table rows and what the report says about it."""

    rows: list[Row]
    first_line: int
    last_line: int
    key: str = ""  # t01..t09, or '' for an annex grid
    title: str = ""
    title_line: int | None = None
    label: str = ""  # e.g. 公开01表
    unit: str = ""  # e.g. 万元
    unit_line: int | None = None
    unit_name: str = ""  # the 单位： line naming the reporting unit
    notes: list[str] = field(default_factory=list)

    @cached_property
    def widths(self) -> Counter:
        """How many rows have each number of cells."""
        return Counter(len(r.cells) for r in self.rows)

    def lost_cells(self, row: Row, width: int) -> bool:
        """Whether ``row`` has lost cells: it is shorter than ``width`` while every other row has exactly ``width``
        cells. Conversions keep a grid's empty cells, so one short row means its cells no longer line up; a file whose
        rows all vary (trailing tabs stripped) is read as before, its missing cells blank."""
        return len(row.cells) < width and self.widths[width] == len(self.rows) - 1


@dataclass
class Document:
    """The report split into prose lines and table blocks."""

    lines: list[str]
    blocks: list[Block]
    prose: list[tuple[int, str]]  # (line number, cleaned text) outside every block


def _meta(text: str) -> tuple[str, str] | None:
    """('label'|'unit'|'unit_name', value) for a metadata line, else None."""
    compact = text.replace(" ", "")
    if m := _LABEL.match(compact):
        return "label", f"公开{int(m.group(2)):02d}表"
    if m := _UNIT.match(compact):
        return "unit", m.group(2)
    if m := _UNIT_NAME.match(text):
        return "unit_name", m.group(2).strip()
    return None


def split(text: str) -> Document:
    """Split report text into table blocks and prose. Pure; never fails."""
    # split on newlines only (str.splitlines also splits on form feeds, which would shift line numbers)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "").split("\n")
    runs: list[list[Row]] = []
    current: list[Row] = []
    for number, raw in enumerate(lines, start=1):
        if raw.isspace() or not raw:
            continue  # a blank line or page break inside a table keeps the run open
        cells = split_row(raw)
        if cells is not None:
            if cells and any(cells):
                current.append(Row(number, cells))
            continue
        if current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)

    in_block: set[int] = set()
    blocks: list[Block] = []
    for rows in runs:
        block = Block(rows=rows, first_line=rows[0].line, last_line=rows[-1].line)
        _attach_context(block, lines, in_block)
        blocks.append(block)
        in_block.update(range(block.first_line, block.last_line + 1))

    prose = []
    for number, raw in enumerate(lines, start=1):
        if not raw or raw.isspace() or number in in_block or split_row(raw) is not None:
            continue
        cleaned = clean(raw)
        if cleaned:
            prose.append((number, cleaned))
    return Document(lines=lines, blocks=blocks, prose=prose)


def _attach_context(block: Block, lines: list[str], taken: set[int]) -> None:
    """Look above the rows for the title and metadata, below for notes."""
    number = block.first_line - 1
    gap = 0
    while number >= 1 and gap <= MAX_GAP and number not in taken:
        text = clean(lines[number - 1])
        if text:
            meta = _meta(text)
            if meta:
                _set_meta(block, meta, number)
            else:
                table = match_title(text)
                if table:
                    block.key, block.title, block.title_line = table, text, number
                    block.first_line = number
                    # a label or unit line may also stand just above the title
                    for above in range(number - 1, max(0, number - 4), -1):
                        meta = _meta(clean(lines[above - 1]))
                        if meta and not getattr(block, meta[0]):
                            _set_meta(block, meta, above)
                            block.first_line = above
                    break
                gap += 1
        number -= 1
    # notes after the rows
    number = block.last_line + 1
    while number <= len(lines):
        raw = lines[number - 1]
        if split_row(raw) is not None:
            break
        text = clean(raw)
        if not text:
            number += 1
            continue
        if _NOTE.match(text) or (block.notes and not text.startswith("#") and _is_note_continuation(text)):
            block.notes.append(text)
            block.last_line = number
            number += 1
            continue
        break


def _set_meta(block: Block, meta: tuple[str, str], line: int) -> None:
    """Record a label, unit or unit-name line; the nearest one to the rows wins."""
    attribute, value = meta
    if getattr(block, attribute):
        return
    setattr(block, attribute, value)
    if attribute == "unit":
        block.unit_line = line


def _is_note_continuation(text: str) -> bool:
    return bool(re.match(r"^\d+[.、．]", text)) and len(text) < 80


def match_title(text: str) -> str | None:
    """The table key whose title this line is, if any."""
    title = key(text).lstrip("#").strip()
    title = re.sub(r"^\d{4}年(度)?", "", title)
    for table, (pattern, _) in TABLES.items():
        if re.fullmatch(pattern, title):
            return table
    return None


def header_has(block: Block, words: tuple[str, ...], depth: int = 4) -> bool:
    head = "".join("".join(r.cells) for r in block.rows[:depth])
    head = key(head)
    return all(w in head for w in words)
