"""A published PDF (with a text layer) into the text form the parser reads: table rows as tab-separated
lines, prose as lines, headings marked with #, in reading order. pdfium (pypdfium2) reads each page once, its words
and rules (pdfpage.py); the ruled tables are read from the rules (lattice.py).

What real reports do, handled here:
- the text layer of some fonts (Latin digits beside a CJK font) puts characters a few points below their label, so
  each character's box is re-derived from its baseline (pdfpage.py);
- some PDF writers name a CJK glyph by the radical of the same shape (部⻔ for 部门): radicals are read as ideographs;
- a table longer than a page goes on at the top of the next one, often under its header rows repeated: the repeat is
  dropped so that the rows run on as one table;
- page numbers (- 3 -, 第3页) at the foot or head of a page are page furniture, not text;
- a wrapped paragraph, also one wrapped onto the next page, is joined back into one line so a number stays with its
  words: a line that reaches the column's right edge goes on in the next line unless that one is indented;
- headings (larger type, or a bold face, on a line of their own) are marked with #, as a conversion would mark them.
The PDF libraries' own warnings (a missing FontBBox or CropBox) never reach the user's screen.

The text is the one pdfplumber gave when it read these PDFs (same words, spaces, cells and lines: pdfplumber's
tolerances are kept), at a fraction of the time: the samples and the seed printed to PDF read to the same bytes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import lattice, pdfpage, stream, streamtable
from ..errors import IngestError
from ..text import normalise
from .pdfpage import Page

CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]"
_SENTENCE_END = re.compile(r"[。；：！？!?:;]$")
_LABELLED = re.compile(r"^(注|说明|(金额|编制|填报)?单位(名称)?)\s*[:：]")  # a note, the unit, the reporting unit
_HEADING = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")

_LATIN_WRAP = re.compile(r"(?<=[A-Za-z])\n(?=[A-Za-z])")  # a cell wrapped between two Latin words
_JUSTIFIED = re.compile(rf"(?<={CJK}) +(?={CJK})")  # justified cells: 因 公 出 国


def _cell(text: str | None) -> str:
    if text is None:
        return ""
    text = _LATIN_WRAP.sub(" ", text).replace("\n", "")
    text = _JUSTIFIED.sub("", text)
    return text.replace("\t", " ").strip()


@dataclass
class _Grid:
    """A table as printed on one page: its rows as tab-separated lines, and how it was read."""

    rows: list[str]
    x0: float
    x1: float
    width: int  # columns
    how: str = "ruled"  # ruled cells (lattice), word positions (stream)


@dataclass
class _Line:
    """A line of text outside the tables, with where it stands."""

    text: str
    x0: float
    x1: float
    top: float
    size: float
    font: str  # the font most of its characters are set in
    page_width: float


# Page furniture: a page number alone on the first or last line of a page (- 3 -, 3, 第3页, 第3页 共40页, 3/40).
_PAGE_NUMBER = re.compile(
    r"^[-—–－\s]*(第\s*\d{1,4}\s*页([\s,，/]*共\s*\d{1,4}\s*页)?|\d{1,3}(\s*/\s*\d{1,3})?)[-—–－\s]*$")
_MARGIN = 0.15  # the outer share of the page's height where page furniture stands


def _stream_tables(page: Page, words: list) -> list[stream.Table]:
    """The tables without cell rules among the page's words (three-line tables, tables set by position), taken out
    of ``words``."""
    page_lines = stream.lines(words)
    if sum(stream.tabular(line) for line in page_lines) < 2:
        return []
    hs, _ = lattice.edges(page.rules)
    rules = [y for y, a, b in hs if b - a >= 30]

    tables = []
    for start, end in stream.find(page_lines, rules):
        span = page_lines[start:end + 1]
        tops = [ln.top for ln in span]
        around = [(a, b) for y, a, b in hs if b - a >= 30 and tops[0] - 12 <= y <= span[-1].bottom + 12]
        left = min((a for a, _ in around), default=None)
        right = max((b for _, b in around), default=None)
        tables.append(streamtable.read(span, rules, left, right, page.chars))
    taken = {id(w) for t in tables for w in t.words}
    words[:] = [w for w in words if id(w) not in taken]
    return tables


def _grid(grid) -> _Grid | None:
    rows = [[_cell(c) for c in r] for r in grid.rows]
    lines = ["\t".join(r) for r in rows if any(r)]  # an empty ruled row is no row
    if not lines:
        return None
    return _Grid(lines, grid.x0, grid.x1, max(len(r.split("\t")) for r in lines))


def _page(page: Page) -> tuple[list[_Grid | _Line], str]:
    """The tables and text lines of one page, top to bottom, without its page number; and that number as printed
    ('' when the page prints none)."""
    words = list(page.words)
    items: list[tuple[float, int, _Grid | _Line]] = []
    boxes = []
    for grid in lattice.grids(page, words):
        found = _grid(grid)
        boxes.append((grid.x0, grid.top, grid.x1, grid.bottom))
        if found:
            items.append((grid.top, 0, found))

    def outside(w):
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    rest = [w for w in words if outside(w)] if boxes else words
    for table in _stream_tables(page, rest):
        found = _grid(table)
        if found:
            found.how = "positions"
            items.append((table.top, 0, found))
    for line in lattice.lines_of(rest):
        text = lattice.line_text(line).strip()
        if text:
            sizes, fonts = Counter(), Counter()
            for w in line:
                for size, font, count in w.styles or ((w.size, w.font, len(w.text)),):
                    sizes[round(size, 1)] += count
                    fonts[font] += count
            top = min(w.top for w in line)
            items.append((top, 1, _Line(text, min(w.x0 for w in line), max(w.x1 for w in line), top,
                                        sizes.most_common(1)[0][0], fonts.most_common(1)[0][0], page.width)))
    items.sort(key=lambda x: (x[0], x[1]))
    found = [item for _, _, item in items]
    printed = ""
    for end in (-1, 0):  # a page number at the foot of the page, or at its head
        if found and isinstance(found[end], _Line) and _PAGE_NUMBER.match(found[end].text):
            top = found[end].top
            if top > page.height * (1 - _MARGIN) or top < page.height * _MARGIN:
                number = found.pop(end).text
                printed = printed or number
    return found, printed


def to_text(path: Path) -> str:
    """The report's text. A PDF without a text layer (a scan) is an error, never empty data."""
    return convert(path)[0]


def _read(path: Path) -> tuple[list[list[_Grid | _Line]], list[str]]:
    """Each page's tables and lines, and the page number each prints."""
    import pypdfium2 as pdfium

    pages, printed, text = [], [], False
    try:
        for page in pdfpage.pages(path):
            found, number = _page(page)
            text = text or not page.no_text()
            pages.append(found)
            printed.append(number)
    except pdfium.PdfiumError as err:  # pdfium's reason: "Failed to load document (PDFium: Data format error)."
        reason = re.search(r"PDFium: ([^)]*)", str(err))
        raise IngestError(f"not a readable PDF ({reason.group(1).lower() if reason else 'pdfium cannot open it'})",
                          file=path.name) from None
    if not text:
        raise IngestError("the PDF has no text layer (a scan?): run OCR first or ingest a text conversion",
                          file=path.name)
    return pages, printed


def convert(path: Path) -> tuple[str, list[dict]]:
    """The report's text, and where each page starts in it: [{line, page}], page being the PDF's page number (its own
    page order, from 1), line the first line of the text that begins on that page (a page whose only text carries on
    a paragraph from the page before starts no line, and is not listed)."""
    return read(path)[:2]


# How a table's rows were read, as report.json names it
HOW = {"ruled": "ruled cells", "positions": "word positions"}


def read(path: Path) -> tuple[str, list[dict], list[dict]]:
    """convert(), and how each table's rows were read: [{lines: [first, last], read}], read being "ruled cells" (the
    rules drawn around each cell) or "word positions" (columns and rows from where the words stand)."""
    pages, printed = _read(path)
    _continued_tables(pages)
    prose = [item for page in pages for item in page if isinstance(item, _Line)]
    layout = _layout(prose)
    entries: list[tuple[str, _Line | None]] = []  # a table row, or a prose line with its first physical line
    starts: list[tuple[int, int]] = []  # (entry, page): the first entry that begins on each page
    grids: list[tuple[int, int, str]] = []  # (first entry, last entry, how) of each table's rows
    previous: _Line | None = None  # the line just written, when it was prose
    for number, page in enumerate(pages, start=1):
        begun = len(entries)
        for item in page:
            if isinstance(item, _Grid):
                if item.rows:
                    grids.append((len(entries), len(entries) + len(item.rows) - 1, HOW[item.how]))
                entries.extend((row, None) for row in item.rows)
                previous = None
                continue
            if previous and _continues(previous, item, layout.get(round(item.page_width))):
                text = entries[-1][0]
                glue = " " if re.match(r"[A-Za-z0-9]", item.text) and re.search(r"[A-Za-z0-9]$", text) else ""
                entries[-1] = (text + glue + item.text, None)  # a paragraph: never a heading
            else:
                entries.append((item.text, item))
            previous = item
        if len(entries) > begun:
            starts.append((begun, number))
    level = _heading_levels(prose, layout)
    lines = [f"{'#' * level[id(line)]} {text}" if line and id(line) in level else text for text, line in entries]
    text = normalise("\n".join(lines) + "\n")
    if not any(isinstance(item, _Grid) for page in pages for item in page):
        _no_tables(text, path)
    first_line = _first_lines(lines)
    tables = [{"lines": [first_line[a], first_line[b]], "read": how} for a, b, how in grids]
    return text, _page_lines(first_line, starts, _printed_numbers(printed)), tables


def _printed_numbers(printed: list[str]) -> dict[int, int]:
    """The page number each page prints (at its foot or head), by page: believed only where two or more pages print
    one and every one is the PDF's page number less the same offset (the cover and contents unnumbered, page 3
    printed 1); {} otherwise (a stray figure, or numbers that restart)."""
    numbers = {}
    for page, text in enumerate(printed, start=1):
        if m := re.search(r"\d+", text):
            numbers[page] = int(m.group())
    if len(numbers) < 2 or len({page - n for page, n in numbers.items()}) != 1:
        return {}
    return numbers


def _first_lines(lines: list[str]) -> list[int]:
    """Each entry's first line in the text: the line breaks in the entries before it, as the reader splits the text
    (a carriage return is a line break there too)."""
    first_line, line = [], 1
    for entry in lines:
        first_line.append(line)
        line += entry.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    return first_line


def _page_lines(first_line: list[int], starts: list[tuple[int, int]], printed: dict[int, int]) -> list[dict]:
    """[{line, page}] (with ``printed``, the page's own number, where it prints one) from (entry, page)."""
    out = []
    for entry, page in starts:
        out.append({"line": first_line[entry], "page": page})
        if page in printed:
            out[-1]["printed"] = printed[page]
    return out


def _no_tables(text: str, path: Path) -> None:
    """A PDF whose pages carry table titles but no table that could be read (no cells ruled, no columns set apart)
    is refused saying so, not read as a report without tables."""
    from .blocks import match_title

    for number, line in enumerate(text.split("\n"), start=1):
        table = match_title(line)
        if table:
            raise IngestError(f"the PDF titles table {table[1:]} ({line.lstrip('# ').strip()[:30]}) but holds no table "
                              "that can be read (no cells ruled, no columns set apart by position): ingest a text "
                              "conversion with the rows as tab-separated lines", file=path.name, table=table,
                              line=number)


_BOLD = re.compile(r"bold|black|heavy|demi|(?<![a-z])hei|黑", re.IGNORECASE)


def _heading_levels(prose: list[_Line], layout: dict) -> dict[int, int]:
    """The markdown heading level of each line set as a heading: a line of its own (not wrapped, not reaching the
    column's right edge) in larger type than the body text, or in a bold face the body is not set in. The text form
    the parser reads marks headings with #, as a conversion of the PDF does; larger type ranks higher."""
    if not prose:
        return {}
    weight = Counter()
    for line in prose:
        weight[(line.size, line.font)] += len(line.text)
    body_size, body_font = weight.most_common(1)[0][0]
    candidates = {}
    for line in prose:
        larger = line.size > body_size + 0.5
        bold = line.font != body_font and bool(_BOLD.search(line.font)) and line.size >= body_size - 0.5
        _, right, _ = layout[round(line.page_width)]
        if (larger or bold) and line.x1 < right - 1.5 * line.size and len(line.text) <= 60:
            candidates[id(line)] = line.size if larger else body_size
    sizes = sorted(set(candidates.values()), reverse=True)
    return {key: min(6, sizes.index(size) + 1) for key, size in candidates.items()}


def _continued_tables(pages: list[list[_Grid | _Line]]) -> None:
    """A table that ends one page and starts the next, as wide and with as many columns, is one table broken over
    the pages: the header rows it repeats at the top of the next page (a <thead>, a repeated title row) are dropped,
    so that its rows run on as one block."""
    head: list[str] = []  # the rows of the fragment where the broken table starts
    for before, after in zip(pages, pages[1:]):
        last = before[-1] if before else None
        first = after[0] if after else None
        if not (isinstance(last, _Grid) and isinstance(first, _Grid) and last.width == first.width
                and abs(last.x0 - first.x0) <= 2 and abs(last.x1 - first.x1) <= 2):
            continue
        if len(before) > 1 or not head:  # the table starts on this page (else it fills the page, from further up)
            head = list(last.rows)
        repeated = 0
        while repeated < min(len(head), len(first.rows)) and first.rows[repeated] == head[repeated]:
            repeated += 1
        del first.rows[:repeated]
        if len(after) > 1:
            head = []


def _layout(lines: list[_Line]) -> dict[int, tuple[float, float, float]]:
    """For each page width (portrait and landscape pages differ): the text column's left edge, its right edge
    (where a wrapped line ends), and the usual distance from one line's top to the next line's top."""
    out = {}
    for width in {round(line.page_width) for line in lines}:
        group = [line for line in lines if round(line.page_width) == width]
        ends = sorted(line.x1 for line in group)
        upper = ends[len(ends) // 2:]
        steps = Counter(round(b.top - a.top) for a, b in zip(group, group[1:])
                        if abs(a.size - b.size) < 0.5 and 0 < b.top - a.top < 3 * a.size)
        step = steps.most_common(1)[0][0] if steps else 0
        out[width] = (min(line.x0 for line in group), upper[len(upper) // 2], step)
    return out


def _continues(previous: _Line, line: _Line, layout: tuple[float, float, float] | None) -> bool:
    """Whether a prose line carries on the paragraph above it, which the PDF wrapped (possibly onto the next page):
    the line above reaches the column's right edge, this one starts at its left edge (a new paragraph is indented, or
    the line above ends short), in the same type size, and no heading, title or label starts here."""
    from .blocks import match_title

    if layout is None or abs(previous.size - line.size) >= 0.5:
        return False
    left, right, step = layout
    # a wrapped line ends at the right edge, or up to a few characters short of it where the next word (a number,
    # a bracketed word such as （项）) could not be broken; a paragraph's last line usually ends with 。；：
    full = previous.x1 >= right - 1.5 * previous.size or (
        previous.x1 >= right - 6 * previous.size and not _SENTENCE_END.search(previous.text))
    if line.x0 > left + 0.5 * line.size or previous.x0 > left + 4 * previous.size or not full:
        return False  # this line is indented (a new paragraph), or the line above is centred or set right
    if previous.page_width == line.page_width and line.top > previous.top and step \
            and line.top - previous.top > 1.5 * step:
        return False  # a gap above: a new paragraph or a heading
    if line.font != previous.font and _BOLD.search(line.font) and not _BOLD.search(previous.font):
        return False  # a bold line under plain text: a heading
    text, before = line.text, previous.text
    return (not _HEADING.match(text) and not (_HEADING.match(before) and len(before) <= 30)
            and not _LABELLED.match(text)
            and not match_title(text) and not match_title(before))
