"""One row's cells: fitted to the header's columns, read as exact amounts and codes, named by a vocabulary."""

from __future__ import annotations

import re

from .blocks import Block
from ..errors import IngestError
from .headers import LOST
from ..text import Row, fmt, parse_amount

LEVELS = {3: "class", 5: "subclass", 7: "item"}  # 类 / 款 / 项
CODE_AND_NAME = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*([^\d\s].*)$")  # 2050199 其他教育管理事务支出 in one cell


def classify(path: str, vocab: list[tuple[str, str]]) -> str | None:
    for pattern, name in vocab:
        if re.search(pattern, path):
            return name
    return None


def amount(cell: str, block: Block, row: Row, column: str) -> tuple[str, str]:
    if cell == LOST:
        return "", "lost"
    parsed = parse_amount(cell)
    if parsed is None:
        raise IngestError(f"unreadable number '{cell[:30]}' in column {column}", table=block.key, line=row.line)
    return fmt(parsed.value), parsed.printed


def fit(block: Block, row: Row, width: int) -> tuple[str, ...]:
    cells = row.cells
    extra = [c for c in cells[width:] if c]
    if extra:
        raise IngestError(
            f"row has {len(cells)} cells where the header has {width}: '{extra[0][:20]}' is outside every column",
            table=block.key, line=row.line,
        )
    if block.lost_cells(row, width):
        raise IngestError(f"row has {len(cells)} cells where every other row of the table has {width}: cells are "
                          "missing", table=block.key, line=row.line)
    return tuple(cells) + ("",) * (width - len(cells))


def once(seen: dict, what: str, block: Block, row: Row) -> None:
    """A code (or 行次) stands on one row of a table; a second row with it is a repeated or corrupted row."""
    if what in seen:
        raise IngestError(f"{what} appears twice (lines {seen[what]} and {row.line})", table=block.key, line=row.line)
    seen[what] = row.line


def join_code(parts: list[str], previous: str) -> str:
    """A code set in 类/款/项 columns: the parts joined (201 | 06 | 01 → 2010601); a full code in its level's column
    kept (205 | 20501); a 2-digit part whose higher parts are left blank takes them from the code above (| 01 | under
    205 → 20501)."""
    code = ""
    for i, part in enumerate(p.replace(" ", "") for p in parts):
        if not part:
            continue
        if code and part.startswith(code) and len(part) > len(code):
            code = part
        elif not code and i > 0 and re.fullmatch(r"\d{2}", part) and len(previous) >= 2 * i + 1:
            code = previous[: 2 * i + 1] + part
        else:
            code += part
    return code
