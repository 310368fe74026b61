"""Tables without cell rules, from the words' positions (camelot's *stream*): three-line tables (三线表: a rule above,
one under the header, one below), tables with no rules at all, and text laid out with spaces (characters as
positions: layout.py). Here: words into lines, and where each table stands; streamtable.py reads it.

A *tabular* line has words set a column's gap apart (half a character or more). A table is a run of such lines, with
the lines a wrapped cell puts between them, where the words stand in columns (figures set right or left one under
another, or cells beginning, ending or centred alike) or under a table's title (justified prose spreads its words at
random places). Its header goes up to the rule drawn above it, or, without one, over the close lines above that hold
no figure; never over a title, unit, label or note line. It ends at a rule drawn under its rows where the next line
is no row (the rule under a three-line table), at a note or title, or where the lines stand far apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .pdfpage import Word

FIGURE = re.compile(r"^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$|^[-—–－]+$")
_DECIMAL = re.compile(r"^[-−]?(\d{1,3}(,\d{3})+|\d+)\.\d+%?$")
_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")


@dataclass
class Line:
    words: list[Word]
    top: float
    bottom: float
    size: float

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Table:
    """A table read from positions: its rows of cell texts (header rows first), where it stands, its words, and
    where its rows begin (the header's lines; each row's first line's top)."""

    rows: list[list[str]]
    x0: float
    top: float
    x1: float
    bottom: float
    header_rows: int
    words: list[Word]
    header_lines: int = 0
    row_tops: list[float] = field(default_factory=list)


def lines(words: list[Word], tolerance: float = 3.0) -> list[Line]:
    """Words into lines by their tops (within ``tolerance`` of the previous top), each left to right."""
    out: list[list[Word]] = []
    last = None
    for w in sorted(words, key=lambda w: w.top):
        if last is not None and w.top <= last + tolerance:
            out[-1].append(w)
        else:
            out.append([w])
        last = w.top
    result = []
    for ws in out:
        ws.sort(key=lambda w: w.x0)
        result.append(Line(ws, min(w.top for w in ws), max(w.bottom for w in ws),
                           max(ws, key=lambda w: len(w.text)).size))
    return result


def gap(size: float) -> float:
    """The least gap between two columns: a word's gap inside a cell is smaller (pdfium's spaces, a justified word)."""
    return 0.5 * size if size > 1.5 else 2.0  # a text laid out with spaces: two spaces


def cells(line: Line) -> list[list[Word]]:
    """The line's words grouped where they stand a column's gap apart."""
    groups = [[line.words[0]]]
    for a, b in zip(line.words, line.words[1:]):
        if b.x0 - a.x1 >= gap(line.size):
            groups.append([b])
        else:
            groups[-1].append(b)
    return groups


def tabular(line: Line) -> bool:
    return len(cells(line)) >= 2


def figure(text: str) -> bool:
    return bool(FIGURE.match(text.replace(" ", "")))


def has_figure(line: Line) -> bool:
    return any(_DECIMAL.match(w.text) or _CODE.match(w.text) for w in line.words) or (
        tabular(line) and sum(figure(w.text) for w in line.words) >= 2)


# -------------------------------------------------------------------------------------------- where tables stand


_PAGE_NUMBER = re.compile(r"^[-—–－\s]*(第\s*\d{1,4}\s*页([\s,，/]*共\s*\d{1,4}\s*页)?|\d{1,3}(\s*/\s*\d{1,3})?)[-—–－\s]*$")


def titles(line: Line) -> bool:
    """A table's title, unit or label line (a table published blank, with no figure, is a table only under one)."""
    from .blocks import match_title, meta_line

    text = line.text()
    return bool(match_title(text) or meta_line(text))


def stops(line: Line) -> bool:
    """A line no table reaches over: a title, unit, label or note line, a page number or page marker, a heading."""
    from .blocks import NOTE, is_furniture

    text = line.text()
    return titles(line) or bool(NOTE.match(text.replace(" ", "")) or _PAGE_NUMBER.match(text) or is_furniture(text)
                                or text.startswith("#"))  # a heading a conversion marks


def find(page_lines: list[Line], rules: list[float]) -> list[tuple[int, int]]:
    """The tables among the lines: (first line, last line) by index. ``rules`` are the y of the page's horizontal
    rules that rule no cells. No table reaches over a title, unit, label or note line (stops); a table published
    blank, with no figure, is one only under its title (titles). A table ends at a rule drawn under rows with
    figures where the next line
    is no row (the rule under a three-line table); a rule under its header, or above its total row, it reads across.
    Words set apart make a table where they stand in columns (figures set right or left one under another, or
    cells beginning, ending or centred alike) or under a table's title: justified prose spreads its words at random
    places."""
    found = []
    i, n = 0, len(page_lines)

    def ruled(a: Line, b: Line) -> bool:
        return any(a.bottom - 1 <= y <= b.top + 1 for y in rules)

    while i < n:
        if not tabular(page_lines[i]) or stops(page_lines[i]):
            i += 1
            continue
        # a run of tabular lines, with the lines a wrapped cell puts between them
        j, last, figures = i, i, has_figure(page_lines[i])
        right = page_lines[i].x1
        while j + 1 < n:
            nxt = page_lines[j + 1]
            if stops(nxt) or nxt.top - page_lines[j].bottom > 2.5 * nxt.size:
                break
            if not tabular(nxt) and nxt.x1 > right + 2 * nxt.size:
                break  # a line reaching past the table's columns: prose (a paragraph on one line of a text)
            right = max(right, nxt.x1) if tabular(nxt) else right
            if figures and ruled(page_lines[j], nxt) and not tabular(nxt):
                break
            j += 1
            figures = figures or has_figure(nxt)
            if tabular(nxt):
                last = j
        run = [page_lines[k] for k in range(i, last + 1) if tabular(page_lines[k])]
        figured = any(has_figure(page_lines[k]) for k in range(i, last + 1))
        if len(run) < 2 or not (_figures_aligned(run) or _under_title(page_lines, i)
                                or (figured and _aligned(run))):
            i = last + 1
            continue  # words apart but no column: justified prose, or no table
        end = last
        steps = sorted(page_lines[k + 1].top - page_lines[k].top for k in range(i, last))
        pitch = steps[len(steps) // 2] if steps else 2 * page_lines[last].size
        # rows after the last with columns apart: a cell of the last row wrapped below it, a row of one label
        while end + 1 < n and not stops(page_lines[end + 1]) and not tabular(page_lines[end + 1]) \
                and page_lines[end + 1].top - page_lines[end].top < 1.2 * pitch \
                and not ruled(page_lines[end], page_lines[end + 1]):
            end += 1
        floor = found[-1][1] if found else -1
        found.append((_header_start(page_lines, rules, i, floor), end))
        i = end + 1
    return found


def _edges(line: Line, figures: bool) -> set[int]:
    """Where the line's cells begin, end and centre (the line's own first and last edge aside); with ``figures``,
    where its figure cells end and begin."""
    groups = cells(line)
    out: set[int] = set()
    for k, group in enumerate(groups):
        x0, x1 = group[0].x0, max(w.x1 for w in group)
        if figures:
            if figure("".join(w.text for w in group)):
                out.update((round(x1), round(x0)))
            continue
        if k:
            out.add(round(x0))
        if k < len(groups) - 1:
            out.add(round(x1))
        out.add(round((x0 + x1) / 2))
    return out


def _shared(run: list[Line], figures: bool) -> bool:
    """Whether lines of the run have cell edges at the same places (to within a point): one place for figures, two
    for any cells."""
    seen: dict[int, int] = {}
    shared: set[int] = set()
    for number, line in enumerate(run):
        for x in _edges(line, figures):
            if any(near in seen and seen[near] != number for near in (x - 1, x, x + 1)):
                shared.add(x)
            seen.setdefault(x, number)
    return len(shared) >= (1 if figures else 2)


def _figures_aligned(run: list[Line]) -> bool:
    return _shared(run, True)


def _aligned(run: list[Line]) -> bool:
    return _shared(run, False)


def _under_title(page_lines: list[Line], first: int) -> bool:
    """Whether the lines just above stand a table's title, unit or label (a table published blank has no figure)."""
    k = first - 1
    while k >= 0 and not titles(page_lines[k]) and not tabular(page_lines[k]) and first - k <= 3:
        k -= 1
    return k >= 0 and titles(page_lines[k]) and page_lines[first].top - page_lines[k].bottom <= 4 * page_lines[k].size


def _header_start(page_lines: list[Line], rules: list[float], first: int, floor: int = -1) -> int:
    """Where the table's header starts above its first tabular line: at the rule drawn above the table, else over the
    close lines above that hold no figure; never over a title, unit, label or note line, a line with figures or the
    table above (``floor``, its last line)."""
    k = first - 1
    while k > floor and not stops(page_lines[k]) and not has_figure(page_lines[k]) \
            and page_lines[k + 1].top - page_lines[k].bottom <= 2.5 * page_lines[k].size:
        k -= 1
    limit = page_lines[k].bottom if k >= 0 else -1.0
    above = [y for y in rules if limit - 1 <= y <= page_lines[first].top + 1]
    if above:
        return next(m for m in range(k + 1, first + 1) if page_lines[m].top >= min(above) - 1)
    start = first
    while start - 1 > k and not has_figure(page_lines[start - 1]):
        start -= 1
    return start
