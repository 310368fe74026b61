"""Text laid out with spaces: a PDF's text layer extracted with its layout (pdftotext -layout, pdfplumber's
layout=True), each table's columns aligned by spaces. Its tables are found and read as a PDF's tables without rules
are (stream.py, streamtable.py), with characters as positions: a line of text is a line of the table, each run of
non-space characters a word from its first character's column to its last's (a CJK character two columns wide, as a
monospaced font sets it), a space between two columns' words.
Each table is written back as tab-separated rows, each row on the line where it begins (a wrapped cell's other lines
blank), so that every line keeps its number. Text that holds tab, pipe or HTML rows is a conversion already, and is
left as it is.
"""

from __future__ import annotations

import re
import unicodedata

from . import stream, streamtable
from .pdfpage import Word

_WORD = re.compile(r"\S+")
_ALIGNED = re.compile(r"\S {2,}\S")  # two runs of characters set apart by spaces
READ = "character positions"


def _columns(line: str) -> list[int]:
    """Where each character of the line begins, in columns: a wide character (CJK, full-width) takes two, as a
    monospaced font sets it and as text aligned by spaces is aligned."""
    out, column = [], 0
    for ch in line:
        out.append(column)
        column += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    out.append(column)
    return out


def _words(lines: list[str]) -> list[Word]:
    words = []
    for n, line in enumerate(lines):
        columns = _columns(line)
        words += [Word(m.group(), float(columns[m.start()]), float(columns[m.end()]), float(n), float(n) + 1, 1.0, "")
                  for m in _WORD.finditer(line)]
    return words


def tabulate(text: str) -> tuple[str, list[dict]]:
    """The text with its space-aligned tables as tab-separated rows, and how each was read ([{lines, read}], line
    numbers from 1)."""
    lines = text.split("\n")
    if any("\t" in line or line.lstrip().startswith("|") or "<td" in line.lower() for line in lines) \
            or sum(bool(_ALIGNED.search(line)) for line in lines) < 2:
        return text, []
    page_lines = stream.lines(_words(lines), tolerance=0.5)
    readings = []
    for start, end in stream.find(page_lines, []):
        span = page_lines[start:end + 1]
        table = streamtable.read(span, [])
        first, last = int(span[0].top), int(span[-1].top)
        rows = ["\t".join(cell.replace("\n", "") for cell in row) for row in table.rows]
        places = _places(table, span)
        for n in range(first, last + 1):
            lines[n] = ""
        for row, n in zip(rows, places):
            lines[n] = (lines[n] + "\n" + row) if lines[n] else row
        readings.append({"lines": [first + 1, last + 1], "read": READ})
    return "\n".join(lines), readings


def _places(table: streamtable.Table, span: list[stream.Line]) -> list[int]:
    """The line each row is written on: a header row on the header's lines in turn, a row on its first line."""
    header = [int(ln.top) for ln in span[:table.header_lines]]
    places = []
    for k in range(table.header_rows):
        places.append(header[min(k, len(header) - 1)] if header else int(span[0].top))
    places += [int(top) for top in table.row_tops]
    return places
