"""HTML tables in a markdown conversion (``<table><tr><td colspan="3">收入</td>…``), read as the rows a tab-separated
conversion would give: a cell merged across columns is followed by blank cells, one merged down rows leaves blank
cells below it, so that the header reader resolves merged cells alike."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..text import Row, clean

TABLE_START = re.compile(r"<table\b", re.IGNORECASE)
_PENDING_MAX = 16384  # characters of unfinished markup: beyond it, a report's table has ended
_SPAN_MAX = 50  # rows or columns a cell may span, and columns a row may have: a report's table is smaller
_WIDTH_MAX = 200


class _Grid(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.line = 0  # the report's line being fed
        self.rows: list[Row] = []
        self.cells: list[str] | None = None
        self.text: list[str] | None = None
        self.span = (1, 1)
        self.below: dict[int, int] = {}  # column: rows still covered by a cell merged down from above
        self.ended = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self.cells, self.row_line = [], self.line
        elif tag in ("td", "th") and self.cells is not None:
            self._skip_covered()
            spans = dict(attrs)
            self.text, self.span = [], (_int(spans.get("colspan")), _int(spans.get("rowspan")))
        elif tag == "br" and self.text is not None:
            self.text.append("")

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.text is not None and self.cells is not None:
            start = len(self.cells)
            if start < _WIDTH_MAX:
                self.cells += [clean("".join(self.text))] + [""] * (min(self.span[0], _WIDTH_MAX - start) - 1)
            for column in range(start, len(self.cells)):
                if self.span[1] > 1:
                    self.below[column] = self.span[1] - 1
            self.text = None
        elif tag == "tr" and self.cells is not None:
            self._skip_covered(to_end=True)
            self.rows.append(Row(self.row_line, tuple(self.cells)))
            self.cells = None
        elif tag == "table":
            self.ended = True

    def _skip_covered(self, to_end: bool = False) -> None:
        """Blank cells where a cell from a row above still stands."""
        assert self.cells is not None
        while len(self.cells) < _WIDTH_MAX and (
                self.below.get(len(self.cells)) or (to_end and any(c >= len(self.cells) for c in self.below))):
            column = len(self.cells)
            self.cells.append("")
            if self.below.get(column):
                self.below[column] -= 1
                if not self.below[column]:
                    del self.below[column]


def _int(value: str | None) -> int:
    return min(int(value), _SPAN_MAX) if value and value.strip().isdigit() and int(value) > 0 else 1


def rows(lines: list[str], start: int) -> tuple[list[Row], int]:
    """The rows of the HTML table that begins on line ``start`` (1-based), each numbered by the line its ``<tr>``
    stands on, and the line the table ends on (at ``</table>``, or before the first line of plain text when the
    closing tag is missing)."""
    grid = _Grid()
    number = start
    while number <= len(lines):
        if number > start and lines[number - 1].strip() and "<" not in lines[number - 1]:
            number -= 1
            break
        grid.line = number
        grid.feed(lines[number - 1] + "\n")
        if grid.ended or len(grid.rawdata) > _PENDING_MAX:
            break  # the table's end, or markup left open (an unclosed comment) that no table holds
        number += 1
    return grid.rows, min(number, len(lines))  # never close(): markup left open is no part of the table
