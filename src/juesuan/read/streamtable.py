"""A table set by position, read (stream.py finds where it stands): columns from the x-extents of its rows' words,
rows from the baselines with wrapped cells joined, and its header (streamheader.py).

- **Columns**: where no word of any row stands is a gap between columns; two runs of words that no row fills both
  of are one column (a total row's figures set left where the others are set right). A column all blank in the body
  keeps its header label.
- **Rows**: a line with a figure is a row; a line without, nearer to a row than a wrapped cell's lines can be and than
  rows stand to each other, is that row's cell wrapped (centred on its row, or run on below it) and joins it, never
  a row of its own. A word across a border between columns is placed character by character.
"""

from __future__ import annotations

from .pdfpage import Word
from .stream import Line, Table, cells, figure, gap, has_figure
from .streamheader import centred_bounds, header_rows, read_labels, under


def read(table_lines: list[Line], rules: list[float], left: float | None = None, right: float | None = None,
         split=None) -> Table:
    """The rows of a table set by position: header rows (each column's labels, as a conversion writes them), then
    its rows with wrapped cells joined. The header ends at a rule drawn above the first row with a figure (three-line
    tables), else at that row."""
    first = next((i for i, ln in enumerate(table_lines) if has_figure(ln)), len(table_lines))
    end = table_lines[first].top if first < len(table_lines) else table_lines[-1].bottom
    inside = [y for y in rules if table_lines[0].top < y < end]
    if inside:
        header = [ln for ln in table_lines if ln.bottom <= max(inside) + 1]
    else:
        header = table_lines[:first]
        starts = {round(w.x0) for ln in table_lines[first:] for w in ln.words}
        while header and all(any(abs(round(w.x0) - x) <= 1 for x in starts) for w in header[-1].words):
            header = header[:-1]  # a row without figures set where the rows' cells begin, not a label centred
    body = table_lines[len(header):]
    size = max((ln.size for ln in table_lines), default=1.0)
    words = [w for ln in table_lines for w in ln.words]
    groups = _row_groups(body, size)
    labels = read_labels(header, size)
    rows_words = [[w for ln in g for w in ln.words] for g in groups]
    body_columns = _alone(_intervals([(w.x0, w.x1) for ws in rows_words for w in ws], gap(size)), rows_words)
    edge0 = left if left is not None else min(w.x0 for w in words)
    edge1 = right if right is not None else max(w.x1 for w in words)
    body_bounds = _bounds(body_columns, edge0, edge1) if body_columns else [edge0, edge1]
    lowest = [lb for lb in labels if not under(lb, labels, body_bounds)]
    columns = _with_label_columns(body_columns, lowest, rows_words) if body_columns or lowest else \
        [[min(w.x0 for w in words), max(w.x1 for w in words)]]
    x0 = left if left is not None else min(w.x0 for w in words)
    x1 = right if right is not None else max(w.x1 for w in words)
    bounds = centred_bounds(_bounds(columns, x0, x1), columns, lowest)
    head_rows = header_rows(labels, lowest, columns, bounds, size)
    body_rows = [_place(g, columns, bounds, split) for g in groups]
    return Table(head_rows + body_rows, x0, min(ln.top for ln in table_lines), x1,
                 max(ln.bottom for ln in table_lines), len(head_rows), words, len(header), [g[0].top for g in groups])


def _intervals(spans: list[tuple[float, float]], join: float) -> list[list[float]]:
    """Where words stand, as the runs of x the words of all rows cover (gaps narrower than ``join`` closed)."""
    merged: list[list[float]] = []
    for a, b in sorted(spans):
        if merged and a < merged[-1][1] + join:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return merged


def _with_label_columns(body: list[list[float]], lowest: list, rows: list[list[Word]]) -> list[list[float]]:
    """The body's columns, and a column for each lowest label over none of them: a column printed blank in every
    row (or a table without rows). Such a label's column and the nearer neighbouring column of the body that has no
    label over it are one (a label centred over figures set right; a code column's label centred, its 栏次 and 合计
    set left)."""
    columns = [list(c) + [False] for c in body]  # [x0, x1, is a label's column]
    for lb in lowest:
        if not any(min(b, lb.x1) > max(a, lb.x0) for a, b in body):
            columns.append([lb.x0, lb.x1, True])
    columns.sort()
    labelled = [any(min(c[1], lb.x1) > max(c[0], lb.x0) for lb in lowest) and not c[2] for c in columns]
    merged: set[int] = set()
    for i, c in enumerate(columns):
        if not c[2]:
            continue
        near = sorted((abs(columns[j][0] - c[1]) if j > i else abs(c[0] - columns[j][1]), j) for j in (i - 1, i + 1)
                      if 0 <= j < len(columns) and not columns[j][2] and not labelled[j])
        if near:
            j = near[0][1]
            columns[j][0], columns[j][1] = min(columns[j][0], c[0]), max(columns[j][1], c[1])
            labelled[j] = True
            merged.add(i)
    return sorted(c[:2] for i, c in enumerate(columns) if i not in merged)


def _alone(columns: list[list[float]], rows: list[list]) -> list[list[float]]:
    """Two neighbouring runs of words that no row fills both of are one column (a total row's figures set left in
    a column whose other figures are set right; a code column's label set apart from its codes). ``rows``: the
    words (or labels) of each row, the header's lowest labels as one row."""
    merged = True
    while merged and len(columns) > 1:
        merged = False
        used = [{i for i, (a, b) in enumerate(columns) for w in ws if w.x0 < b and w.x1 > a} for ws in rows]
        for i in range(len(columns) - 1):
            if not any(i in u and i + 1 in u for u in used):
                columns[i:i + 2] = [[columns[i][0], max(columns[i][1], columns[i + 1][1])]]
                merged = True
                break
    return columns


def _column(columns: list[list[float]], x0: float, x1: float) -> int:
    """The column a word stands in: the one its middle falls in, else the nearest."""
    mid = (x0 + x1) / 2
    best, distance = 0, float("inf")
    for i, (a, b) in enumerate(columns):
        d = 0.0 if a <= mid <= b else min(abs(mid - a), abs(mid - b))
        if d < distance:
            best, distance = i, d
    return best


def _bounds(columns: list[list[float]], x0: float, x1: float) -> list[float]:
    """The borders between columns: midway between one column's words and the next's; the table's edges outside."""
    inner = [(a[1] + b[0]) / 2 for a, b in zip(columns, columns[1:])]
    return [min(x0, columns[0][0])] + inner + [max(x1, columns[-1][1])]


def _crosses(word: Word, bounds: list[float]) -> bool:
    return len(word.text) > 1 and any(word.x0 + 1 < b < word.x1 - 1 for b in bounds[1:-1])


def _anchor(line: Line) -> bool:
    """A line that is a row of its own: a cell of it is a figure (a number, a code, a dash for nil)."""
    return any(figure("".join(w.text for w in group)) for group in cells(line))


def _row_groups(body: list[Line], size: float) -> list[list[Line]]:
    """The body's lines grouped into rows. A line with a figure starts a row; lines stand in one row where they are
    nearer than a wrapped cell's lines can be (one and a half characters) and nearer than most rows stand to each
    other: a cell wrapped around its row's figures (centred on them, or run on below), a figure wrapped in its cell,
    or a row of text only over several lines. A line far from every other is a row of its own (a heading row, a row
    printed blank)."""
    if not body:
        return []
    anchors = [_anchor(ln) for ln in body]
    steps = [round(body[i + 1].top - body[i].top) for i in range(len(body) - 1) if anchors[i] and anchors[i + 1]]
    steps = [s for s in steps if s >= size]
    pitch = max(set(steps), key=lambda s: (steps.count(s), -s)) if steps else 3 * size
    near = min(1.5 * size, 0.8 * pitch)
    # two lines with figures are one row only where they stand that near; a line without joins the nearer of its
    # neighbours (never both: a label centred on rows it spans is no bridge between them)
    owner = list(range(len(body)))

    def find(i: int) -> int:
        while owner[i] != i:
            i = owner[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = find(i), find(j)
        owner[max(a, b)] = min(a, b)

    for i in range(len(body) - 1):
        if anchors[i] and anchors[i + 1] and body[i + 1].top - body[i].top < near:
            join(i, i + 1)
    # a line as near to the row above as to the row below (a text layout's lines, a label set a line off its
    # figures) goes the way the table's first line shows: down where the table begins with such a line, else up
    down = not anchors[0]
    for i, ln in enumerate(body):
        if anchors[i]:
            continue
        options = [(abs(body[j].top - ln.top), (j < i) == down, j) for j in (i - 1, i + 1) if 0 <= j < len(body)]
        options = [o for o in options if o[0] < near]
        if options:
            join(i, min(options)[2])
    groups: dict[int, list[Line]] = {}
    for i, ln in enumerate(body):
        groups.setdefault(find(i), []).append(ln)
    return [groups[k] for k in sorted(groups)]


def _place(group: list[Line], columns: list[list[float]], bounds: list[float], split) -> list[str]:
    """A row's cells: each column's words, line by line (a wrapped cell's lines joined by newlines). A word across
    a border between columns (two cells' text run together) is placed character by character."""
    cells_: dict[int, list[tuple[float, float, str]]] = {}
    for ln in group:
        for word in ln.words:
            pieces = split(word) if split and _crosses(word, bounds) else [word]
            for w in pieces:
                cells_.setdefault(_column(columns, w.x0, w.x1), []).append((ln.top, w.x0, w.text))
    out = [""] * len(columns)
    for col, parts in cells_.items():
        lines_: list[tuple[float, list[str]]] = []
        for top, _, text in sorted(parts):
            if lines_ and abs(lines_[-1][0] - top) < 0.5:
                lines_[-1][1].append(text)
            else:
                lines_.append((top, [text]))
        out[col] = "\n".join(" ".join(t) for _, t in lines_)
    return out
