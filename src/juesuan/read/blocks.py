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

from . import htmltables
from ..errors import IngestError
from ..text import Row, clean, key, split_row

from ..data.vocab import (CONTINUED, EMPTY_NOTE, LABEL, NOTE, PAGE_FURNITURE, STANDARD_TITLES, TITLE_MAX, TITLE_PREFIX,
                    TITLE_SUFFIX, TITLES, UNIT, UNIT_NAME, UNIT_YEAR_LINE)

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
    blank: bool = False  # published blank: a title and a sentence saying so, no grid

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
    blank: list[Block] = field(default_factory=list)  # tables published blank (no grid), found by title and sentence


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


def meta_line(text: str) -> bool:
    """Whether a line states a table's label, unit or reporting unit (公开01表, 单位：万元, 单位名称：…)."""
    return bool(_meta(clean(text)))


def _without_unit(text: str) -> str:
    """The line without the unit it states (收入决算表 单位：万元 → 收入决算表)."""
    return UNIT.sub("", text.replace(" ", "")) if UNIT.search(text.replace(" ", "")) else text


def is_furniture(text: str) -> bool:
    """A page marker or page number a conversion leaves between the rows of a table that runs over pages."""
    return bool(PAGE_FURNITURE.match(text.strip()))


def _context_row(cells: tuple[str, ...]) -> bool:
    """A row of a conversion that holds only a title, a label, a unit or the year (编制单位：… | 2024年度 | 单位：万元):
    text around a table set in a grid, not a row of it."""
    filled = [c for c in cells if c]
    return 0 < len(filled) <= 4 and all(match_title(c) or _meta(c) or re.fullmatch(r"(?:19|20)\d{2}\s*年度?", c)
                                        for c in filled) and any(match_title(c) or _meta(c) for c in filled)


def _page_headers(lines: list[str]) -> set[str]:
    """Short lines printed at the top of many pages (the unit's name with 部门决算): page furniture inside a table."""
    counts = Counter(clean(raw) for raw in lines if raw.strip() and split_row(raw) is None)
    return {text for text, n in counts.items() if len(text) <= TITLE_MAX
            and (n >= 3 or UNIT_YEAR_LINE.match(text)) and not match_title(text) and not NOTE.match(text)}


def _inside_run(text: str, headers: set[str]) -> bool:
    """A line that does not end a run of rows: page furniture, a page header, or a unit line repeated on a new page."""
    text = clean(text)
    return is_furniture(text) or text in headers or (
        bool(_meta(text)) and all(name == "unit" for name, _ in _meta(text)))


def split(text: str) -> Document:
    """Split report text into table blocks and prose. Pure; never fails."""
    # split on newlines only (str.splitlines also splits on form feeds, which would shift line numbers)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "").split("\n")
    for i, raw in enumerate(lines):
        cells = split_row(raw)
        if cells and _context_row(cells):
            lines[i] = "  ".join(c for c in cells if c)  # read as the line of text it is
    headers = _page_headers(lines)
    runs: list[list[Row]] = []
    current: list[Row] = []
    number = 0
    while number < len(lines):
        number += 1
        raw = lines[number - 1]
        if raw.isspace() or not raw or is_furniture(raw):
            continue  # a blank line, page break or page number inside a table keeps the run open
        if htmltables.TABLE_START.search(raw):
            found, number = htmltables.rows(lines, number)
            current += [r for r in found if any(r.cells)]
            continue
        cells = split_row(raw)
        if cells is not None:
            if cells and any(cells):
                current.append(Row(number, cells))
            continue
        if current and _inside_run(raw, headers):
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
    blank = _blank_tables(lines, in_block)
    for block in blank:
        in_block.update(range(block.first_line, block.last_line + 1))

    prose = []
    for number, raw in enumerate(lines, start=1):
        if not raw or raw.isspace() or number in in_block or split_row(raw) is not None or is_furniture(raw):
            continue
        cleaned = clean(raw)
        if cleaned:
            prose.append((number, cleaned))
    return Document(lines=lines, blocks=blocks, prose=prose, blank=blank)


def _blank_tables(lines: list[str], taken: set[int]) -> list[Block]:
    """Tables published blank: a title, perhaps its label and unit lines, then a sentence saying the table is empty
    (本部门无政府性基金…故本表为空表) and no grid."""
    found = []
    for number, raw in enumerate(lines, start=1):
        title = _without_unit(clean(raw))
        if number in taken or split_row(raw) is not None or not (table := match_title(title)):
            continue
        block = Block(rows=[], first_line=number, last_line=number, key=table, title=title, title_line=number,
                      blank=True)
        for after in range(number + 1, min(len(lines), number + MAX_GAP) + 1):
            text = clean(lines[after - 1])
            if after in taken or split_row(lines[after - 1]) is not None or match_title(text):
                break
            if not text or is_furniture(text):
                continue
            if metas := _meta(text):
                for meta in metas:
                    _set_meta(block, meta, after)
                continue
            if EMPTY_NOTE.search(text):
                block.notes.append(text)
                block.last_line = after
                found.append(block)
            break
    return found


def _attach_context(block: Block, lines: list[str], taken: set[int]) -> None:
    """Look above the rows for the title and metadata, below for notes."""
    _unit_cells(block)
    number = block.first_line - 1
    gap = 0
    while number >= 1 and gap <= MAX_GAP and number not in taken:
        text = clean(lines[number - 1])
        if text and not is_furniture(text):
            metas = _meta(text)
            for meta in metas:
                _set_meta(block, meta, number)
            if [name for name, _ in metas] in ([], ["unit"]):  # a title may stand beside its unit (… 单位：万元)
                table, number, text = _title_at(lines, number, _without_unit(text), taken)
                if table:
                    block.key, block.title, block.title_line = table, text, number
                    block.continued = CONTINUED in TITLE_SUFFIX.search(key(text)).group()
                    block.first_line = number
                    # a label or unit line may also stand just above the title
                    for above in range(number - 1, max(0, number - 4), -1):
                        for meta in _meta(clean(lines[above - 1])):
                            if not getattr(block, meta[0]):
                                _set_meta(block, meta, above)
                                block.first_line = above
                    break
                gap += 0 if metas else 1
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


def _title_at(lines: list[str], number: int, text: str, taken: set[int]) -> tuple[str | None, int, str]:
    """The table whose title stands on this line, or on this line and the one above it (a title the page broke in
    two: 一般公共预算财政拨款基本支出 / 决算明细表); the joined reading is tried first."""
    above = number - 1
    while above >= 1 and above not in taken and not clean(lines[above - 1]):
        above -= 1
    if above >= 1 and above not in taken and split_row(lines[above - 1]) is None:
        upper = clean(lines[above - 1])
        if upper and not _meta(upper) and not match_title(upper) and (table := match_title(upper + text)):
            return table, above, upper + text
    return match_title(text), number, text


def _unit_cells(block: Block) -> None:
    """A unit (单位：万元) set in a cell of the header rows is the table's unit, not a column label."""
    for i, row in enumerate(block.rows[:6]):
        found = [(j, meta) for j, c in enumerate(row.cells) if c for meta in _meta(c) if meta[0] == "unit"]
        for j, meta in found:
            _set_meta(block, meta, row.line)
        if found:
            drop = {j for j, _ in found}
            block.rows[i] = Row(row.line, tuple("" if j in drop else c for j, c in enumerate(row.cells)))
    block.rows = [r for r in block.rows if any(r.cells)]


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
    """The table key whose title this line is, if any: once a label, the year or a continuation mark (续) after it are
    taken off, the line ends with a title of vocab.TITLES, and what stands before that title is a number (表1：,
    公开01表), the unit's name or the year (vocab.TITLE_PREFIX). The longest title wins (财政拨款收入支出决算总表 is
    table 04, not 收入支出决算总表)."""
    if "表" not in text:  # no title (key() only takes characters away): most lines, told without cleaning them
        return None
    title = key(text).lstrip("#").strip()
    if len(title) > TITLE_MAX:
        return None
    core = TITLE_SUFFIX.sub("", title)
    if not core.endswith("表") or "决算" not in core:
        return None
    found = [(m.start(), table) for table, pattern in _TITLE_ENDS.items()
             if (m := pattern.search(core)) and TITLE_PREFIX.fullmatch(core[:m.start()])]
    return min(found)[1] if found else None


_TITLE_ENDS = {table: re.compile(f"(?:{pattern})$") for table, (pattern, _) in TITLES.items()}


def find_table(doc: Document, table: str) -> Block:
    """The table's block: found by its title (its parts joined where it runs over pages), checked against the words its
    labels must hold and its unit; else the table published blank; else an error saying what the text suggests."""
    found = [b for b in doc.blocks if b.key == table]
    title = STANDARD_TITLES[table]
    if not found:
        blank = [b for b in doc.blank if b.key == table]
        if blank:
            return blank[-1]  # the table itself stands after the contents' line that names it
        raise _not_found(doc, table)
    found = _join_continued(doc, found)
    if len(found) > 1:
        raise IngestError(f"table {table[1:]} ({title}) appears twice (lines {found[0].title_line} and "
                          f"{found[1].title_line})", table=table, line=found[1].title_line)
    block = found[0]
    words = TITLES[table][1]
    if not header_has(block, words):
        raise IngestError(f"the header of table {table[1:]} lacks {'/'.join(words)}", table=table,
                          line=block.rows[0].line)
    if block.unit and block.unit not in ("万元", "元"):  # 元 is read and stored in 万元 (units.py)
        raise IngestError(f"table {table[1:]} states its unit as {block.unit}; the nine standard tables are in 万元 "
                          "or 元", table=table, line=block.unit_line)
    return block


def _join_continued(doc: Document, found: list[Block]) -> list[Block]:
    """A table whose title is repeated on a later page is one table: its rows join the first part's. The title says
    续, or the part follows the first directly (no other grid between) and carries on its rows without repeating any
    (a page converted twice repeats them, and stays an error)."""
    joined = [found[0]]
    for block in found[1:]:
        first = joined[-1]
        header_rows = {r.cells for r in first.rows[:6]}
        rows = [r for r in block.rows if r.cells not in header_rows]
        between = [b for b in doc.blocks if first.last_line < b.first_line < block.first_line]
        if block.continued or (not between and not {r.cells for r in rows} & {r.cells for r in first.rows}):
            first.rows = first.rows + rows
            first.last_line = block.last_line
            first.notes += block.notes
        else:
            joined.append(block)
    return joined


def says_empty(doc: Document, block: Block) -> bool:
    """Whether a table with a header and no rows is published blank: its notes, or the two lines of text after it,
    say so (本表无数据, 本部门无…支出)."""
    after = [text for n, text in doc.prose if n > block.last_line][:2]
    return any(EMPTY_NOTE.search(text) for text in block.notes + after)


def _not_found(doc: Document, table: str) -> IngestError:
    """Table not found, with what the text suggests: a labelled grid without a title, or text that stops early."""
    message = f"table {table[1:]} ({STANDARD_TITLES[table]}) not found: no title followed by its rows"
    label = f"公开{table[1:]}表"
    orphan = next((b for b in doc.blocks if not b.key and b.label == label), None)
    if orphan:
        return IngestError(f"{message}; the grid labelled {label} has no title it recognises", table=table,
                           line=orphan.rows[0].line)
    last = max((b for b in doc.blocks if b.key), key=lambda b: b.last_line, default=None)
    after = [n for n, text in enumerate(doc.lines, start=1) if last and n > last.last_line and text.strip()]
    if last and len(after) <= MAX_GAP:  # nothing but a title, a label or a unit line after the last table
        end = after[-1] if after else last.last_line
        return IngestError(f"{message}; the text ends at line {end}, after table {last.key[1:]}: is the file "
                           "truncated?", table=table, line=end)
    return IngestError(message, table=table)


def header_has(block: Block, words: tuple[str, ...]) -> bool:
    """Whether the table's labels hold ``words`` (each a pattern: 科目名称|工资福利): in its header, or in its rows'
    labels (a table with one item a row, such as a transposed 三公 table)."""
    head = key("".join("".join(r.cells) for r in block.rows))
    return all(re.search(w, head) for w in words)
