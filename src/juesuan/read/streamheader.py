"""The header of a table set by position: its labels (a label wrapped in its cell joined), the columns each heads
(a label is centred over the run of columns it heads), and each column's path of labels written as a text conversion
writes a header: a label in the first column it spans, blanks to its right and below."""

from __future__ import annotations

from dataclasses import dataclass

from .stream import Line, cells


@dataclass
class Label:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


def read_labels(header: list[Line], size: float) -> list[Label]:
    """The header's labels: the words of a line a column's gap apart are labels apart; a label wrapped in its cell
    (its next line just under it, centred or aligned alike, no wider than the first) is joined. In a text laid out
    with spaces a label's next line cannot be told from the next header row: none is joined."""
    found: list[Label] = []
    for ln in header:
        for group in cells(ln):
            found.append(Label(" ".join(w.text for w in group), group[0].x0, max(w.x1 for w in group),
                                min(w.top for w in group), max(w.bottom for w in group)))
    found.sort(key=lambda lb: (lb.top, lb.x0))
    merged: list[Label] = []
    for lb in found:
        above = [m for m in merged if 0 < lb.top - m.top <= 1.6 * size and lb.top - m.bottom < 0.8 * size
                 and (abs(m.mid - lb.mid) <= 0.6 * size or abs(m.x0 - lb.x0) <= 0.6 * size)
                 and min(m.x1, lb.x1) > max(m.x0, lb.x0) and m.x1 - m.x0 >= lb.x1 - lb.x0 - 0.5 * size
                 and size > 1.5]  # a text laid out with spaces: each line a line of labels
        if above:
            m = max(above, key=lambda m: m.top)
            m.text += "\n" + lb.text
            m.x0, m.x1, m.bottom = min(m.x0, lb.x0), max(m.x1, lb.x1), lb.bottom
        else:
            merged.append(lb)
    return merged


def under(lb: Label, labels: list[Label], bounds: list[float]) -> bool:
    """Whether another label stands under this one (the greater part of it), within the body's columns it stands
    over (each column reaching halfway to its neighbours: a label is set centred over figures set right). A label with others under it heads
    columns; the lowest name them."""
    left = max((b for b in bounds[:-1] if b <= lb.x0), default=bounds[0])
    right = min((b for b in bounds[1:] if b >= lb.x1), default=bounds[-1])
    return any(m.top > lb.bottom - 1 and min(right, m.x1) - max(left, m.x0) > (m.x1 - m.x0) / 2 for m in labels)


def header_rows(labels: list[Label], lowest: list[Label], columns: list[list[float]], bounds: list[float],
                 size: float) -> list[list[str]]:
    """Each label's columns, each column's path of labels, and the header written as a conversion writes it: a label
    in the first column it spans, at the row of its place in that column's path, blanks to its right and below."""
    if not labels:
        return []
    spans = _spans(labels, lowest, columns, bounds, size)
    paths: list[list[int]] = [[] for _ in columns]
    for k in sorted(spans, key=lambda k: labels[k].top):
        for j in range(spans[k][0], spans[k][1] + 1):
            paths[j].append(k)
    rows = [[""] * len(columns) for _ in range(max(len(p) for p in paths))]
    for k, (a, _) in spans.items():
        rows[paths[a].index(k)][a] = labels[k].text
    return rows


def _spans(labels: list[Label], lowest: list[Label], columns: list[list[float]], bounds: list[float],
           size: float) -> dict[int, tuple[int, int]]:
    """The columns each label heads, as printed: a label is centred over the run of columns it heads.

    A lowest label heads the columns it stands over, and those beside them that no label names where it is centred
    over them all (a label whose sub-labels a conversion moved into the total row). Higher labels, a row of them at
    a time from the lowest row up, share out the columns headed by labels below them: each takes a run, the runs
    chosen so that each label is as nearly centred over its run as can be, never under a label beside them (one
    spanning the header's rows) nor cutting through a lower label's columns."""
    n = len(columns)
    low = {id(lb) for lb in lowest}

    def home(lb: Label) -> int:
        return next((i for i in range(n) if lb.mid <= bounds[i + 1]), n - 1)

    spans: dict[int, tuple[int, int]] = {}
    for k, lb in enumerate(labels):
        if id(lb) in low:
            covered = [i for i in range(n) if min(columns[i][1], lb.x1) > max(columns[i][0], lb.x0)] or [home(lb)]
            spans[k] = (min(covered), max(covered))
    named = {j for a, b in spans.values() for j in range(a, b + 1)}
    for k in list(spans):
        spans[k] = _widen(labels[k], spans[k], lambda j: j not in named, bounds, size)
    higher = sorted((k for k in range(len(labels)) if k not in spans), key=lambda k: -labels[k].top)
    rows: list[list[int]] = []
    for k in higher:
        if rows and abs(labels[k].top - labels[rows[-1][0]].top) < 0.5 * size:
            rows[-1].append(k)
        else:
            rows.append([k])
    for row in rows:
        top = min(labels[k].top for k in row)
        bottom = max(labels[k].bottom for k in row)
        blocked: set[int] = set()
        for m, lb in enumerate(labels):  # labels beside this row: spanning the header's rows
            if m not in row and lb.top < bottom and lb.bottom > top:
                a, b = spans[m] if m in spans else _reach(lb, bounds, size)
                blocked.update(range(a, b + 1))
        lower = [spans[m] for m in spans if labels[m].top > bottom - 1]
        under = {j for a, b in lower for j in range(a, b + 1)}
        eligible = [j in under and j not in blocked for j in range(n)]
        placed = set()
        j = 0
        while j < n:
            if not eligible[j]:
                j += 1
                continue
            end = j
            while end + 1 < n and eligible[end + 1]:
                end += 1
            members = sorted((k for k in row if j <= home(labels[k]) <= end), key=lambda k: labels[k].mid)
            if members:
                for k, run in zip(members, _share(members, labels, j, end, bounds, lower)):
                    spans[k] = run
                    placed.add(k)
            j = end + 1
        for k in row:
            if k not in placed:
                spans[k] = (home(labels[k]), home(labels[k]))
    return spans


def _reach(lb: Label, bounds: list[float], size: float) -> tuple[int, int]:
    """The columns a label not yet placed stands over (by the borders between columns), and one more on a side
    where it stands nearer the middle of them so (a short label centred over two columns)."""
    over = [i for i in range(len(bounds) - 1) if min(bounds[i + 1], lb.x1) > max(bounds[i], lb.x0)]
    a, b = (min(over), max(over)) if over else (0, 0)

    def off(a: int, b: int) -> float:
        return abs((bounds[a] + bounds[b + 1]) / 2 - lb.mid)

    options = [(off(a, b), (a, b))]
    if a > 0:
        options.append((off(a - 1, b), (a - 1, b)))
    if b < len(bounds) - 2:
        options.append((off(a, b + 1), (a, b + 1)))
    return min(options)[1]


def _widen(lb: Label, span: tuple[int, int], free, bounds: list[float], size: float) -> tuple[int, int]:
    """A lowest label's columns, widened over free columns beside them where it stands centred over them all."""
    best = span
    a0, b0 = span
    for a in range(a0, -1, -1):
        if a < a0 and not free(a):
            break
        for b in range(b0, len(bounds) - 1):
            if b > b0 and not free(b):
                break
            if (a, b) != span and abs((bounds[a] + bounds[b + 1]) / 2 - lb.mid) <= 0.75 * size \
                    and b - a > best[1] - best[0]:
                best = (a, b)
    return best


def _share(members: list[int], labels: list[Label], start: int, end: int, bounds: list[float],
           lower: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Columns start..end cut into one run per label, left to right, each label as nearly centred over its run as
    can be, no cut through a lower label's columns."""
    from itertools import combinations

    count = len(members)
    if end - start + 1 < count:
        return [(start, end)] * count
    best = None
    for cuts in combinations(range(start + 1, end + 1), count - 1):
        if any(s < cut <= e for cut in cuts for s, e in lower):
            continue
        edges = [start, *cuts, end + 1]
        runs = [(edges[i], edges[i + 1] - 1) for i in range(count)]
        cost = sum(abs((bounds[a] + bounds[b + 1]) / 2 - labels[k].mid) for k, (a, b) in zip(members, runs))
        if best is None or cost < best[0]:
            best = (cost, runs)
    return best[1] if best else [(start, end)] * count


def centred_bounds(bounds: list[float], columns: list[list[float]], lowest: list["Label"]) -> list[float]:
    """The borders between columns, from the left edge: a column whose label is centred over it alone ends as far
    right of the label's middle as it begins left of it (labels are set centred in their cells; figures, set
    right, do not show where a cell ends). Where that falls outside the gap between two columns' words, the border
    stays midway."""
    out = list(bounds)
    for j in range(len(columns)):
        own = [lb for lb in lowest if columns[j][0] - 1 <= lb.x1 and lb.x0 <= columns[j][1] + 1
               and not any(min(c[1], lb.x1) > max(c[0], lb.x0) for i, c in enumerate(columns) if i != j)]
        if len(own) != 1 or j == len(columns) - 1:
            continue
        border = 2 * own[0].mid - out[j]
        right_of = max(columns[j][1], own[0].x1)
        left_of = columns[j + 1][0]
        if right_of <= border <= left_of:
            out[j + 1] = border
    return out
