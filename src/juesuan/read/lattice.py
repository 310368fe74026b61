"""Ruled tables: cells from the rules drawn on the page (camelot's *lattice*; pdfplumber's "lines" strategy).

The rules are snapped (within SNAP points of each other they are one line, at their average), joined (pieces of one
line with gaps up to JOIN points are one), and those shorter than MIN_LENGTH dropped, as pdfplumber does. Rules that
cross make a table. Its grid is every distinct vertical rule by every distinct horizontal rule; two neighbouring
slots of the grid are one cell where no rule is drawn between them (a label over several columns, a cell spanning
rows), so that a rule counts only where it is drawn: a rule whole across the table divides every column, one drawn
under some columns only divides those. A cell's text is written in its top-left slot, the slots it spans are
blank, as a text conversion writes a merged cell.

A word belongs to the cell its middle falls in; a word that crosses a rule (pdfium joined two cells' text) is cut into
its characters, each placed by its own middle.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .pdfpage import Page, Rule, Word

SNAP = 3.0  # rules this close are one line
JOIN = 3.0  # pieces of a line with gaps up to this are one rule
MIN_LENGTH = 3.0  # a shorter rule is a mark, not a line
TOUCH = 3.0  # a rule reaching to within this of another meets it


@dataclass
class Grid:
    """A ruled table as drawn on one page: its rows of cell texts (a merged cell's text in its top-left slot)."""

    rows: list[list[str]]
    x0: float
    top: float
    x1: float
    bottom: float
    cells: int = 0
    spans: int = 0  # cells spanning more than one slot
    words: list[Word] = field(default_factory=list, repr=False)

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


def _cluster(values: list[float], tolerance: float) -> dict[float, float]:
    """Each value's snapped position: values within ``tolerance`` of the previous one are one group, at its average
    (pdfplumber's cluster_list)."""
    out: dict[float, float] = {}
    group: list[float] = []
    for v in sorted(set(values)):
        if group and v > group[-1] + tolerance:
            mean = sum(group) / len(group)
            out.update((g, mean) for g in group)
            group = []
        group.append(v)
    if group:
        mean = sum(group) / len(group)
        out.update((g, mean) for g in group)
    return out


def _merge(lines: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """(position, start, end) rules snapped and joined, the short ones dropped."""
    snapped = _cluster([p for p, _, _ in lines], SNAP)
    by_position: dict[float, list[tuple[float, float]]] = {}
    for p, a, b in lines:
        by_position.setdefault(snapped[p], []).append((a, b))
    out = []
    for p, pieces in by_position.items():
        pieces.sort()
        start, end = pieces[0]
        for a, b in pieces[1:]:
            if a <= end + JOIN:
                end = max(end, b)
            else:
                out.append((p, start, end))
                start, end = a, b
        out.append((p, start, end))
    return [r for r in out if r[2] - r[1] >= MIN_LENGTH]


def edges(rules: list[Rule]) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """The page's horizontal rules (y, x0, x1) and vertical rules (x, top, bottom), snapped, joined and filtered."""
    horizontal = [(r.top, r.x0, r.x1) for r in rules if r.horizontal and r.x1 - r.x0 >= 1]
    vertical = [(r.x0, r.top, r.bottom) for r in rules if not r.horizontal and r.bottom - r.top >= 1]
    return _merge(horizontal), _merge(vertical)


def _meets(h: tuple[float, float, float], v: tuple[float, float, float]) -> bool:
    return v[1] - TOUCH <= h[0] <= v[2] + TOUCH and h[1] - TOUCH <= v[0] <= h[2] + TOUCH


def _components(hs: list, vs: list) -> list[tuple[list, list]]:
    """The groups of rules that meet (each a table's, or a lone rule's)."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _meets(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if g[0] and g[1]]


def _by_position(lines: list[tuple[float, float, float]]) -> dict[float, list[tuple[float, float]]]:
    """The rules' (start, end) by position."""
    out: dict[float, list[tuple[float, float]]] = {}
    for p, s, e in lines:
        out.setdefault(p, []).append((s, e))
    return out


def _covered(at: dict[float, list[tuple[float, float]]], position: float, a: float, b: float) -> bool:
    """Whether a rule at ``position`` (``at``: the rules by position) is drawn along a..b (to within TOUCH at either
    end)."""
    return any(s <= a + TOUCH and e >= b - TOUCH for s, e in at.get(position, ()))


def grids(page: Page, words: list[Word] | None = None) -> list[Grid]:
    """The ruled tables on the page, top to bottom, with the words that fall in them (taken out of ``words``: what
    remains is the page's other text)."""
    hs, vs = edges(page.rules)
    if not hs or not vs:
        return []
    found = []
    for h_group, v_group in _components(hs, vs):
        grid = _grid(_closed(h_group, v_group), v_group)
        if grid:
            found.append(grid)
    found.sort(key=lambda g: (g[1][0], g[0][0]))
    pool = page.words if words is None else words
    out = []
    for xs, ys, cells in found:
        out.append(_fill(page, pool, xs, ys, cells))
    return [g for g in out if g.rows]


def _closed(hs: list, vs: list) -> list:
    """The horizontal rules, with the table's open top or foot closed where all the columns' rules end together: a
    table broken over pages is often drawn without the rule above the first row it continues with (or below the last
    row before the break), its vertical rules running to where that rule would be."""
    if len(vs) < 3:
        return hs
    x0, x1 = min(v[0] for v in vs), max(v[0] for v in vs)
    out = list(hs)
    top, first = min(v[1] for v in vs), min(h[0] for h in hs)
    if top < first - TOUCH and all(v[1] <= top + TOUCH for v in vs):
        out.append((top, x0, x1))
    foot, last = max(v[2] for v in vs), max(h[0] for h in hs)
    if foot > last + TOUCH and all(v[2] >= foot - TOUCH for v in vs):
        out.append((foot, x0, x1))
    return sorted(out)


def _grid(hs: list, vs: list):
    """The grid's columns (xs), rows (ys) and cells ((row, col, rows, cols) of each merged region)."""
    xs = sorted({v[0] for v in vs})
    ys = sorted({h[0] for h in hs})
    if len(xs) < 2 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    h_at, v_at = _by_position(hs), _by_position(vs)
    # a wall between two slots: the rule drawn along their shared side
    right_wall = [[_covered(v_at, xs[c + 1], ys[r], ys[r + 1]) for c in range(n_cols)] for r in range(n_rows)]
    low_wall = [[_covered(h_at, ys[r + 1], xs[c], xs[c + 1]) for c in range(n_cols)] for r in range(n_rows)]
    left_edge = [_covered(v_at, xs[0], ys[r], ys[r + 1]) for r in range(n_rows)]
    top_edge = [_covered(h_at, ys[0], xs[c], xs[c + 1]) for c in range(n_cols)]
    seen = [[False] * n_cols for _ in range(n_rows)]
    cells = []
    for r0 in range(n_rows):
        for c0 in range(n_cols):
            if seen[r0][c0]:
                continue
            region, stack, open_ = [], [(r0, c0)], False
            seen[r0][c0] = True
            while stack:
                r, c = stack.pop()
                region.append((r, c))
                steps = []
                if c + 1 < n_cols and not right_wall[r][c]:
                    steps.append((r, c + 1))
                if c > 0 and not right_wall[r][c - 1]:
                    steps.append((r, c - 1))
                if r + 1 < n_rows and not low_wall[r][c]:
                    steps.append((r + 1, c))
                if r > 0 and not low_wall[r - 1][c]:
                    steps.append((r - 1, c))
                if (c == 0 and not left_edge[r]) or (c == n_cols - 1 and not right_wall[r][c]) or (
                        r == 0 and not top_edge[c]) or (r == n_rows - 1 and not low_wall[r][c]):
                    open_ = True  # the region reaches out of the table where no rule closes it
                for step in steps:
                    if not seen[step[0]][step[1]]:
                        seen[step[0]][step[1]] = True
                        stack.append(step)
            if open_:
                continue
            if len(region) == 1:  # most cells: one slot
                cells.append((r0, c0, 1, 1))
                continue
            rows = sorted({r for r, _ in region})
            cols = sorted({c for _, c in region})
            if len(region) != len(rows) * len(cols):
                continue  # not a rectangle: no cell
            cells.append((rows[0], cols[0], len(rows), len(cols)))
    if len(cells) < 2:
        return None
    return xs, ys, cells


def _fill(page: Page, pool: list[Word], xs: list[float], ys: list[float], cells: list) -> Grid:
    """Place the words in the cells and write the rows."""
    used_rows = sorted({r for r, _, _, _ in cells})
    used_cols = sorted({c for _, c, _, _ in cells})
    owner: dict[tuple[int, int], int] = {}
    for k, (r, c, nr, nc) in enumerate(cells):
        for i in range(r, r + nr):
            for j in range(c, c + nc):
                owner[(i, j)] = k
    x0 = min(xs[c] for _, c, _, _ in cells)
    x1 = max(xs[c + nc] for _, c, _, nc in cells)
    top = min(ys[r] for r, _, _, _ in cells)
    bottom = max(ys[r + nr] for r, _, nr, _ in cells)
    texts: dict[int, list[Word]] = {}
    taken: list[Word] = []
    kept: list[Word] = []
    for word in pool:
        mid_y = (word.top + word.bottom) / 2
        if not (top <= mid_y < bottom and x0 <= (word.x0 + word.x1) / 2 < x1 + 0.01):
            kept.append(word)
            continue
        row = bisect_right(ys, mid_y) - 1
        pieces = [word]
        inner = bisect_right(xs, word.x0 + 0.5)  # the first rule right of the word's left edge
        if inner < len(xs) and xs[inner] < word.x1 - 0.5:  # inside the word
            pieces = page.chars(word)
        for piece in pieces:
            col = bisect_right(xs, (piece.x0 + piece.x1) / 2) - 1
            k = owner.get((row, col))
            if k is None:
                kept.append(piece)
                continue
            texts.setdefault(k, []).append(piece)
            taken.append(piece)
    pool[:] = kept
    row_index = {r: i for i, r in enumerate(used_rows)}
    col_index = {c: i for i, c in enumerate(used_cols)}
    rows = [[""] * len(used_cols) for _ in used_rows]
    for k, (r, c, nr, nc) in enumerate(cells):
        rows[row_index[r]][col_index[c]] = cell_text(texts.get(k, []))
    return Grid(rows, x0, top, x1, bottom, len(cells), sum(1 for _, _, nr, nc in cells if nr * nc > 1), taken)


def lines_of(words: list[Word], tolerance: float = 3.0) -> list[list[Word]]:
    """Words grouped into lines: by their tops, a top within ``tolerance`` of the previous one on the same line
    (pdfplumber's clustering), each line left to right."""
    ordered = sorted(words, key=lambda w: w.top)
    lines: list[list[Word]] = []
    last = None
    for w in ordered:
        if last is not None and w.top <= last + tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
        last = w.top
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def line_text(line: list[Word]) -> str:
    """A line's text: its words, with a space where they stand more than 3 points apart (pdfplumber's x_tolerance) or
    where a space is printed between them in a Type 3 font (Word.spaced)."""
    out = [line[0].text]
    for a, b in zip(line, line[1:]):
        if b.x0 > a.x1 + 3 or b.x0 < a.x0 or (b.spaced and b.start == a.start + len(a.text) + 1):
            out.append(" ")
        out.append(b.text)
    return "".join(out)


def cell_text(words: list[Word]) -> str:
    """A cell's text as its lines (joined by newlines, as pdfplumber's extract_text gives it)."""
    if len(words) < 2:  # most cells: one number, or none
        return words[0].text if words else ""
    return "\n".join(line_text(line) for line in lines_of(words))
