"""Table headers: where the header ends, which header words a conversion merged into the data, and the path of
labels above each column (multi-row headers with merged cells resolved)."""

from __future__ import annotations

import re

from .blocks import Block
from ..text import Row, key, parse_amount, is_number
from ..data.vocab import CODE_HEADER, NAME_HEADER, TOTAL_LABELS

CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
LOST = "<lost>"  # a figure's cell that held a header word (never text of a report: clean() removes tags)


def _is_column_numbers(row: Row) -> bool:
    cells = [c for _, c in row.nonempty()]
    if cells and key(cells[0]) == "栏次":
        return True
    return len(cells) >= 2 and all(c.isdigit() for c in cells) and [int(c) for c in cells] == list(
        range(int(cells[0]), int(cells[0]) + len(cells))
    ) and int(cells[0]) <= 1


def split_header(block: Block) -> tuple[list[Row], list[Row]]:
    """Header rows and data rows. The header ends at the 栏次 (column-number) row, else at the first number. A header
    repeated on a later page (or its 栏次 row) is dropped from the data."""
    header, data = _split_header(block.rows)
    repeated = {r.cells for r in header}
    return header, [r for r in data if r.cells not in repeated and not _is_column_numbers(r)]


def _total_row(row: Row) -> bool:
    """A 合计 row: the total label, then only figures or blanks (not a header row with 合计 among its words)."""
    first = next((c for c in row.cells if c), "")
    return key(first) in TOTAL_LABELS and all(parse_amount(c) is not None for c in row.cells if c and c != first)


def _split_header(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """The header ends at the 栏次 row; else at the first row with a figure, a code or a 合计 row; or, below the row
    naming the code column, at a row with a single label (a heading row of the data: 人员经费)."""
    for i, row in enumerate(rows):
        if _is_column_numbers(row):
            return rows[:i], rows[i + 1 :]
    named = False
    for i, row in enumerate(rows):
        filled = [c for c in row.cells if c]
        if (any(is_number(c) and "." in c for c in row.cells) or (row.cells and CODE.match(row.cells[0]))
                or _total_row(row) or (named and len(filled) == 1 and not is_code_header(filled[0]))):
            return rows[:i], rows[i:]
        named = named or any(is_code_header(c) for c in filled)
    return rows, []


def is_code_header(cell: str) -> bool:
    return bool(cell) and bool(CODE_HEADER.search(key(cell)))


def unmerge(header: list[Row], data: list[Row]) -> tuple[list[Row], list[Row]]:
    """Header words that a conversion merged into the total row go back to the header: ``类 款 项 合计 4,733.14``, or
    ``合计 | 0 | 2002.80 | 合计 | 基本支出 | 项目支出`` where the rule under 本年支出's sub-columns was lost. A total row
    without figures, below the code header, is the first data row even though it carries such words."""
    code_row = max((i for i, r in enumerate(header) if any(is_code_header(c) for c in r.cells)), default=None)
    if code_row is not None:
        labels = [j for j, c in enumerate(header[code_row].cells) if is_code_header(c) or NAME_HEADER.search(key(c))]
        for i in range(code_row + 1, len(header)):
            first = next((j for j, c in enumerate(header[i].cells) if c), 0)
            if _total_row(header[i]) or (key(header[i].cells[first]) in TOTAL_LABELS and first in labels):
                header, data = header[:i], header[i:] + data  # 合计 in the code or name column: a data row
                break
    if not data or any(CODE.match(c.replace(" ", "")) for c in data[0].cells):
        return header, data
    row = data[0]
    words, kept, labelled = [], [], False
    for cell in row.cells:
        is_label = bool(cell) and parse_amount(cell) is None
        if is_label and key(cell) in TOTAL_LABELS and not labelled:
            labelled, is_label = True, False  # the row's own label
        words.append(cell if is_label else "")
        kept.append(cell if not is_label else LOST if labelled else "")  # a word after the label stood for a figure
    if not any(words):
        return header, data
    return header + [Row(row.line, tuple(words))], [Row(row.line, tuple(kept))] + data[1:]


def column_paths(header: list[Row]) -> list[list[str]]:
    """For each column, the header labels above it, top to bottom, with merged cells resolved."""
    width = max((len(r.cells) for r in header), default=0)
    paths: list[list[str]] = [[] for _ in range(width)]
    prev_origin: list[int] | None = None
    for row in header:
        cells = list(row.cells) + [""] * (width - len(row.cells))
        labels: list[str] = []
        origin: list[int] = []
        for j, cell in enumerate(cells):
            if cell:
                labels.append(cell)
                origin.append(j)
            elif j > 0 and labels[j - 1] and (prev_origin is None or prev_origin[j] == prev_origin[j - 1]):
                labels.append(labels[j - 1])  # inside a merged cell that spans to the right
                origin.append(origin[j - 1])
            else:
                labels.append("")
                origin.append(j)
        for j, label in enumerate(labels):
            label = key(label)
            if label and (not paths[j] or paths[j][-1] != label):
                paths[j].append(label)
        prev_origin = origin
    return paths
