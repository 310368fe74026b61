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

from .vocab import LABEL, NOTE, PAGE_FURNITURE, TITLE_MAX, TITLE_PREFIX, TITLE_SUFFIX, TITLES, UNIT, UNIT_NAME

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
    continued: bool = False  # the title says 续: the rest of a table begun on an earlier page
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


def _meta(text: str) -> list[tuple[str, str]]:
    """('label'|'unit'|'unit_name', value) pairs a metadata line states ([] for any other line)."""
    compact = text.replace(" ", "")
    if m := LABEL.match(compact):
        return [("label", f"公开{int(m.group(2)):02d}表")]
    found = []
    if len(compact) <= TITLE_MAX and (m := UNIT.search(compact)):
        found.append(("unit", m.group(1)))
        text = compact[: m.start()] + compact[m.end():]
    if (m := UNIT_NAME.match(text)) and m.group(1):
        found.append(("unit_name", m.group(1)))
    return found


def is_furniture(text: str) -> bool:
    """A page marker or page number a conversion leaves between the rows of a table that runs over pages."""
    return bool(PAGE_FURNITURE.match(text.strip()))


def split(text: str) -> Document:
    """Split report text into table blocks and prose. Pure; never fails."""
    # split on newlines only (str.splitlines also splits on form feeds, which would shift line numbers)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "").split("\n")
    runs: list[list[Row]] = []
    current: list[Row] = []
    for number, raw in enumerate(lines, start=1):
        if raw.isspace() or not raw or is_furniture(raw):
            continue  # a blank line, page break or page number inside a table keeps the run open
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
        if not raw or raw.isspace() or number in in_block or split_row(raw) is not None or is_furniture(raw):
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
        if text and not is_furniture(text):
            metas = _meta(text)
            for meta in metas:
                _set_meta(block, meta, number)
            if not metas:
                table = match_title(text)
                if table:
                    block.key, block.title, block.title_line = table, text, number
                    block.continued = bool(TITLE_SUFFIX.search(key(text)))
                    block.first_line = number
                    # a label or unit line may also stand just above the title
                    for above in range(number - 1, max(0, number - 4), -1):
                        for meta in _meta(clean(lines[above - 1])):
                            if not getattr(block, meta[0]):
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
        if is_furniture(text):
            number += 1
            continue
        if NOTE.match(text) or (block.notes and not text.startswith("#") and _is_note_continuation(text)):
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
    """The table key whose title this line is, if any: the title's core, once a number (表1：, 公开01表), the unit's
    name with the year, and a continuation mark (续) are taken off, fully matches one of vocab.TITLES."""
    title = key(text).lstrip("#").strip()
    if len(title) > TITLE_MAX:
        return None
    core = TITLE_SUFFIX.sub("", title)
    cores = {core, TITLE_PREFIX.sub("", core, count=1)}
    for table, (pattern, _) in TITLES.items():
        if any(re.fullmatch(pattern, c) for c in cores):
            return table
    return None


def header_has(block: Block, words: tuple[str, ...]) -> bool:
    """Whether the table's labels hold ``words``: in its header, or in its rows' labels (a table with one item a
    row, such as a transposed 三公 table)."""
    head = key("".join("".join(r.cells) for r in block.rows))
    return all(w in head for w in words)
