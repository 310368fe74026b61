"""Every chart in the book draws the figures of the table shown beside it, each bar against its own label.

nbval compares a chapter's text outputs, never its images: a chart whose bars were drawn against the wrong labels
would pass it. Here each chapter template is run in-process for the seed unit's years and the overview, as the book runs it
(planning.plan: its parameters injected after the "parameters" cell, in the folder it runs in, matplotlib on
Agg), and what a reader sees is recorded in order: every table shown (a cell's last expression or a display()
call that is a DataFrame, as juesuan.publish.display.show returns it) and every chart (the figures open when
charts.show() is called or when a cell ends, as the inline backend would show them).

A chart is read back from its matplotlib artists only, never from the arguments given to charts.*:
- horizontal bars (charts.barh): each bar's length and centre, the y tick label at that centre, the value
  printed beside it;
- vertical grouped bars (charts.grouped): each bar's height and centre, the x tick label of the group it sits in,
  the legend label (and colour) of its container;
- vertical bars at x = 1, 2, … with no tick labels (charts.pareto): each bar's height and rank, and the
  cumulative-share line on the twin axis.

How a chart is paired with its table: its labels (tick labels of the bars, and legend labels of grouped bars;
ranks for a pareto chart) are looked up in the tables the chapter shows, nearest before the chart first, then
those after it, nearest first (a chart may come before its full table: the pareto chart of projects precedes
the full project list). The chart's table is the first in which every label names a row, or every label
names a column (for grouped bars: categories name rows and series name columns, or the other way round).
- A label names a row when it is the row's label (its first column) alone or followed by a line break or a space
  and one of the row's text cells, as charts.label draws "published term\\nEnglish"; failing that, when it is
  one of the row's text cells, stripped, alone or followed in the same way by a later text cell of the row;
  failing that (a table without the English), when its first line names the row so.
- A label names a column when it is the column's header, or says the same once units in parentheses and Chinese
  are dropped ("budget 预算数" names "budget (万元)").
- A rank k names row k of a table numbered 1, 2, … n (which must have a row for every bar).
The figure a bar must draw is then: for bars labelled by rows, the row's cell in the column whose unit (in
parentheses) is the value axis' unit ("万元 (10,000 yuan)" -> "amount (万元)"); for bars labelled by columns, the
column's cell in the table's total row ("all", "total", "合计"); for grouped bars, the cell at their category and
series. A cell shown as "—" (not stated) must be drawn as no bar (unknown is never 0). Figures are compared as floats within 1e-9
(relative) and as Decimals rounded to the table's precision.

Beyond the figures: each bar sits on exactly one label; horizontal bars read top to bottom, and groups left to
right, in the table's order; each horizontal bar has one printed value, beside it, that reads the table's figure
at the precision printed; each legend entry has its container's label and colour; the cumulative line of a
pareto chart is the running share of the table's figures. The tests at the end prove the checker fails on the
drawing bugs it is for.
"""

from __future__ import annotations

import ast
import builtins
import linecache
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation, localcontext

import nbformat
import pytest

from juesuan.publish import planning

from ..conftest import ROOT, SEED_UNIT

# The seed unit's pages and the collection's overview: every template, each run on real data (the other units' pages
# run the same templates; checking them too would make the suite grow with the collection).
JOBS = [j for j in planning.plan(ROOT) if SEED_UNIT in j.output.parts or j.template.stem == "overview"]
CHART_CALL = re.compile(r"\bcharts\.(barh|grouped|pareto)\(")
TOTAL_ROWS = {"all", "total", "合计", "总计"}
EPS = 1e-9


# ---------------------------------------------------------------------------------------------------------------
# Running a chapter in-process, recording what it shows.

def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _as_table(obj):
    import pandas as pd

    if isinstance(obj, pd.DataFrame):
        return obj
    frame = getattr(obj, "frame", None)  # juesuan.publish.tables.Table: the figures it prints, exact
    if isinstance(frame, pd.DataFrame):
        return frame
    data = getattr(obj, "data", None)  # a pandas Styler
    return data if type(obj).__name__ == "Styler" and isinstance(data, pd.DataFrame) else None


def run_chapter(job, monkeypatch) -> list[tuple[str, object]]:
    """Execute a chapter template's code cells in one namespace; return [("table", DataFrame) | ("chart", Figure)]."""
    import IPython.display

    from juesuan.publish import charts

    plt = _pyplot()
    plt.close("all")
    events: list[tuple[str, object]] = []

    def shown(obj):
        table = _as_table(obj)
        if table is not None:
            events.append(("table", table))

    def take_figures():
        for number in plt.get_fignums():
            figure = plt.figure(number)
            figure.canvas.draw()  # tick labels and texts as rendered
            events.append(("chart", figure))
        plt.close("all")

    monkeypatch.setattr(IPython.display, "display", lambda *objs, **_: [shown(o) for o in objs] and None)
    monkeypatch.setattr(charts, "show", take_figures)
    monkeypatch.chdir(job.output.parent)
    namespace: dict = {"__name__": "__main__"}
    for number, cell in enumerate(nbformat.read(job.template, as_version=4).cells):
        if cell.cell_type != "code":
            continue
        name = f"<{job.template.relative_to(ROOT)} cell {number}>"
        linecache.cache[name] = (len(cell.source), None, cell.source.splitlines(True), name)  # for tracebacks
        tree = ast.parse(cell.source, name)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, name, "exec"), namespace)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), name, "eval"), namespace)
            if not cell.source.rstrip().endswith(";"):
                shown(value)
        if "parameters" in cell.metadata.get("tags", []):
            namespace.update(job.params)  # papermill's injected cell
        take_figures()
    return events


# ---------------------------------------------------------------------------------------------------------------
# Reading a chart from its artists.

@dataclass
class Bar:
    label: object  # the tick label it sits on, or its rank (int) in a pareto chart
    series: str | None  # its container's legend label (grouped bars)
    value: float
    centre: float  # along the category axis
    note: str | None = None  # the value printed beside it (horizontal bars)


@dataclass
class Chart:
    title: str
    kind: str = "?"  # barh | grouped | pareto
    unit: str = ""  # the value axis label
    bars: list[Bar] = field(default_factory=list)
    order: list = field(default_factory=list)  # category labels as read: top to bottom, or left to right
    cumulative: list[tuple[float, float]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _ticks(axis) -> list[tuple[float, str]]:
    return [(float(loc), t.get_text()) for loc, t in zip(axis.get_majorticklocs(), axis.get_majorticklabels())]


def _tick_at(ticks, position):
    hits = [text for loc, text in ticks if abs(loc - position) <= EPS]
    return hits[0] if len(hits) == 1 else None


def read_chart(figure) -> Chart:
    from matplotlib.container import BarContainer
    from matplotlib.ticker import FixedLocator

    figure.canvas.draw()
    with_bars = [ax for ax in figure.axes if any(isinstance(c, BarContainer) for c in ax.containers)]
    title = " / ".join(ax.get_title() for ax in figure.axes if ax.get_title()) or "(untitled chart)"
    chart = Chart(title)
    if len(with_bars) != 1:
        chart.problems.append(f"{len(with_bars)} axes with bars, expected one")
        return chart
    ax = with_bars[0]
    containers = [c for c in ax.containers if isinstance(c, BarContainer)]
    drawn = {id(p) for c in containers for p in c.patches}
    if any(id(p) not in drawn for p in ax.patches):
        chart.problems.append("a bar outside every bar container")
    if {c.orientation for c in containers} == {"horizontal"}:
        _read_barh(ax, containers, chart)
    elif {c.orientation for c in containers} == {"vertical"}:
        if isinstance(ax.xaxis.get_major_locator(), FixedLocator):  # labelled groups, not ranks
            _read_grouped(ax, containers, chart)
        else:
            _read_pareto(figure, ax, containers, chart)
    else:
        chart.problems.append("horizontal and vertical bars in one chart")
    return chart


def _read_barh(ax, containers, chart):
    chart.kind, chart.unit = "barh", ax.get_xlabel()
    if len(containers) != 1:
        chart.problems.append(f"{len(containers)} sets of horizontal bars, expected one")
    ticks = _ticks(ax.yaxis)
    for patch in (p for c in containers for p in c.patches):
        centre = patch.get_y() + patch.get_height() / 2
        label = _tick_at(ticks, centre)
        if patch.get_x() != 0:
            chart.problems.append(f"a bar starts at {patch.get_x()}, not 0")
        if label is None:
            chart.problems.append(f"no single tick label at the bar at y={centre} (length {patch.get_width()})")
            continue
        chart.bars.append(Bar(label, None, float(patch.get_width()), float(centre)))
    for text in ax.texts:
        x, y = text.get_position()
        beside = [b for b in chart.bars if abs(b.centre - y) <= EPS]
        if len(beside) != 1:
            chart.problems.append(f"the value {text.get_text()!r} at y={y} is beside no single bar")
            continue
        bar = beside[0]
        if bar.note is not None:
            chart.problems.append(f"{bar.label!r}: two values printed beside it")
        if (x - bar.value) * (1 if bar.value >= 0 else -1) < 0:
            chart.problems.append(f"{bar.label!r}: its value {text.get_text()!r} is printed inside the bar")
        bar.note = text.get_text()
    if ax.texts:
        chart.problems += [f"{b.label!r}: no value printed beside it" for b in chart.bars if b.note is None]
    top_first = sorted(chart.bars, key=lambda b: b.centre, reverse=not ax.yaxis_inverted())
    chart.order = [b.label for b in top_first]


def _read_grouped(ax, containers, chart):
    chart.kind, chart.unit = "grouped", ax.get_ylabel()
    ticks = sorted(_ticks(ax.xaxis))
    locs = [loc for loc, _ in ticks]
    half = min((b - a for a, b in zip(locs, locs[1:])), default=1.0) / 2
    for container in containers:
        series = container.get_label()
        for patch in container.patches:
            left, width = patch.get_x(), patch.get_width()
            centre = left + width / 2
            if patch.get_y() != 0:
                chart.problems.append(f"a bar of {series!r} starts at {patch.get_y()}, not 0")
            inside = [text for loc, text in ticks if loc - half - EPS <= left and left + width <= loc + half + EPS]
            if len(inside) != 1:
                chart.problems.append(f"the bar of {series!r} at x={centre} sits in no single group")
                continue
            chart.bars.append(Bar(inside[0], series, float(patch.get_height()), float(centre)))
    for container in containers:
        got = sorted(b.label for b in chart.bars if b.series == container.get_label())
        if got != sorted(text for _, text in ticks):
            chart.problems.append(f"{container.get_label()!r} has bars in groups {got}, expected one in each")
    _check_legend(ax, containers, chart)
    chart.order = [text for _, text in (reversed(ticks) if ax.xaxis_inverted() else ticks)]


def _check_legend(ax, containers, chart):
    from matplotlib.colors import to_hex

    legend = ax.get_legend()
    labels = [c.get_label() for c in containers]
    if len(set(labels)) != len(labels) or any(label.startswith("_") for label in labels):
        chart.problems.append(f"bar containers without distinct labels: {labels}")
    if legend is None:
        if len(containers) > 1:
            chart.problems.append("several series and no legend")
        return
    for text, handle in zip(legend.get_texts(), legend.legend_handles):
        mine = [c for c in containers if c.get_label() == text.get_text()]
        if len(mine) != 1:
            chart.problems.append(f"legend entry {text.get_text()!r} names no single set of bars")
            continue
        colours = {to_hex(p.get_facecolor(), keep_alpha=True) for p in mine[0].patches}
        if colours != {to_hex(handle.get_facecolor(), keep_alpha=True)}:
            chart.problems.append(f"legend entry {text.get_text()!r} has colour {to_hex(handle.get_facecolor())}, "
                                  f"its bars {sorted(colours)}")
    if sorted(t.get_text() for t in legend.get_texts()) != sorted(labels):
        chart.problems.append(f"the legend {[t.get_text() for t in legend.get_texts()]} is not the series {labels}")


def _read_pareto(figure, ax, containers, chart):
    chart.kind, chart.unit = "pareto", ax.get_ylabel()
    if len(containers) != 1:
        chart.problems.append(f"{len(containers)} sets of ranked bars, expected one")
    for patch in (p for c in containers for p in c.patches):
        centre = patch.get_x() + patch.get_width() / 2
        if patch.get_y() != 0:
            chart.problems.append(f"a bar starts at {patch.get_y()}, not 0")
        if abs(centre - round(centre)) > EPS or round(centre) < 1:
            chart.problems.append(f"a bar at x={centre}, not at a rank 1, 2, …")
            continue
        chart.bars.append(Bar(round(centre), None, float(patch.get_height()), float(centre)))
    ranks = sorted(b.label for b in chart.bars)
    if ranks != list(range(1, len(ranks) + 1)):
        chart.problems.append(f"bars at ranks {ranks}, expected 1 … {len(ranks)}")
    twins = [other for other in figure.axes if other is not ax and ax.get_shared_x_axes().joined(ax, other)]
    lines = [line for twin in twins for line in twin.get_lines() if len(line.get_xdata()) == len(chart.bars)]
    if len(lines) != 1:
        chart.problems.append(f"{len(lines)} cumulative lines on a twin axis, expected one")
    else:
        chart.cumulative = [(float(x), float(y)) for x, y in zip(lines[0].get_xdata(), lines[0].get_ydata())]
    chart.order = ranks


# ---------------------------------------------------------------------------------------------------------------
# Pairing a chart with a shown table, and comparing.

def _text_cells(table, i) -> list[str]:
    return [v.strip() for v in table.iloc[i] if isinstance(v, str) and v.strip() and v.strip() != "—"]


def _row_hits(table, label) -> list[int]:
    if isinstance(label, int):  # a rank: the table must be numbered 1, 2, … n
        numbered = list(table.index) == list(range(1, len(table) + 1))
        return [label - 1] if numbered and 1 <= label <= len(table) else []
    for tier in (1, 2):
        hits = []
        for i in range(len(table)):
            cells = _text_cells(table, i)
            index = str(table.index[i]).strip()
            if tier == 1:
                names = {index} | {f"{index}{sep}{c}" for c in cells for sep in ("\n", " ")}
            else:
                names = set(cells) | {f"{a}{sep}{b}" for j, a in enumerate(cells) for b in cells[j + 1:]
                                      for sep in ("\n", " ")}
            if label in names:
                hits.append(i)
        if hits:
            return hits
    if isinstance(label, str) and "\n" in label:  # "term\nEnglish" where the table has no English: the term
        return _row_hits(table, label.split("\n", 1)[0])
    return []


def _plain(text: str) -> str:
    """A header or legend without its unit; in English without the Chinese term beside it ("budget 预算数" ->
    "budget"), in the Chinese edition the Chinese itself ("预算数（万元）" -> "预算数")."""
    text = re.sub(r"[(（][^)）]*[)）]", " ", str(text))
    if re.search(r"[A-Za-z]", text):
        text = re.sub(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]", " ", text)
    return " ".join(text.split()).lower()


def _column_hits(table, label) -> list[int]:
    if not isinstance(label, str):
        return []
    hits = [j for j, header in enumerate(table.columns) if str(header) == label]
    if not hits and _plain(label):
        hits = [j for j, header in enumerate(table.columns) if _plain(header) == _plain(label)]
    return hits


def _unit_column(table, axis_label: str):
    unit = axis_label.split()[0] if axis_label.split() else ""
    found = []
    for j, header in enumerate(map(str, table.columns)):
        inside = re.findall(r"[(（]([^)）]*)[)）]", header)  # (万元) in English headers, （万元） in Chinese
        units = {part.strip() for p in inside for part in p.split(",")}
        if unit and (unit in units or header == unit or header == axis_label):
            found.append(j)
    if len(found) > 1:
        found = [j for j in found if str(table.columns[j]).startswith("amount")] or found
    return found[0] if len(found) == 1 else None


def _ranked(chart: Chart) -> bool:
    """Horizontal bars ranked largest first, top to bottom (a ranking of units, say), each drawn against its label:
    the other order a reader can follow."""
    lengths = [next(b.value for b in chart.bars if b.label == label) for label in chart.order]
    return chart.kind == "barh" and lengths == sorted(lengths, reverse=True)


def _total_row(table):
    found = [i for i in range(len(table)) if str(table.index[i]).strip().lower() in TOTAL_ROWS]
    return found[0] if len(found) == 1 else None


def _resolves(table, labels, by) -> bool:
    hits = _row_hits if by == "rows" else _column_hits
    return bool(labels) and all(hits(table, label) for label in labels)


def pair(chart: Chart, tables_before: list, tables_after: list):
    """(table, how) for the chart: the nearest shown table whose rows or columns every label names."""
    categories = list(dict.fromkeys(b.label for b in chart.bars))
    series = list(dict.fromkeys(b.series for b in chart.bars))
    for table in [*reversed(tables_before), *tables_after]:
        if chart.kind == "grouped":
            if _resolves(table, categories, "rows") and _resolves(table, series, "columns"):
                return table, "categories are rows"
            if _resolves(table, categories, "columns") and _resolves(table, series, "rows"):
                return table, "categories are columns"
        elif _resolves(table, categories, "rows"):
            return table, "labels are rows"
        elif chart.kind == "barh" and _resolves(table, categories, "columns"):
            return table, "labels are columns"
    return None, ""


def _expected(cell):
    """The table's figure as a Decimal, or an error message."""
    if cell is None:  # printed "—": not stated, so no bar
        return None
    if isinstance(cell, str):
        return None if cell.strip() == "—" else f"the table shows {cell!r}, not a figure"  # None: no bar
    if isinstance(cell, bool):
        return f"the table shows {cell!r}, not a figure"
    try:
        value = Decimal(str(cell))
    except InvalidOperation:
        return f"the table shows {cell!r}, not a figure"
    return value if value.is_finite() else f"the table shows {cell!r}, not a figure"


def _same(drawn: float, expected: Decimal) -> bool:
    with localcontext() as ctx:
        ctx.prec = 60
        rounded = Decimal(drawn).quantize(Decimal(1).scaleb(min(expected.as_tuple().exponent, 0)))
    return math.isclose(drawn, float(expected), rel_tol=EPS, abs_tol=1e-12) and rounded == expected


def _printed_ok(note: str, expected: Decimal) -> bool:
    try:
        printed = Decimal(note.replace(",", "").strip())
    except InvalidOperation:
        return False
    return abs(printed - expected) <= Decimal(5).scaleb(printed.as_tuple().exponent - 1)


def check(events: list, at: int) -> list[str]:
    """Problems of the chart events[at] against the table shown beside it; [] when it draws that table."""
    chart = read_chart(events[at][1])
    problems = [f"{chart.title}: {p}" for p in chart.problems]
    tables = [(i, obj) for i, (kind, obj) in enumerate(events) if kind == "table"]
    table, how = pair(chart, [t for i, t in tables if i < at], [t for i, t in tables if i > at])
    if table is None:
        labels = list(dict.fromkeys(b.label for b in chart.bars))[:6]
        return problems + [f"{chart.title}: no shown table has this chart's labels {labels}"]
    return problems + [f"{chart.title}: {p}" for p in compare(chart, table, how)]


def compare(chart: Chart, table, how: str) -> list[str]:
    problems: list[str] = []
    column = row = None
    if how == "labels are rows":
        column = _unit_column(table, chart.unit)
        if column is None:
            return [f"no single column of the table is in the axis' unit {chart.unit!r}: {list(table.columns)}"]
    if how == "labels are columns":
        row = _total_row(table)
        if row is None:
            return [f"the bars are labelled by the table's columns but it has no single total row {TOTAL_ROWS}"]

    def one(hits, what):
        if len(hits) != 1:
            problems.append(f"{what} names {len(hits)} rows/columns of the table")
            return None
        return hits[0]

    position = {}  # a category's place in the table
    for bar in chart.bars:
        name = f"{bar.label!r}" + (f" / {bar.series!r}" if bar.series else "")
        if how in ("labels are rows", "categories are rows"):
            i = one(_row_hits(table, bar.label), repr(bar.label))
            j = column if how == "labels are rows" else one(_column_hits(table, bar.series), repr(bar.series))
            position[bar.label] = i
        elif how == "labels are columns":
            i, j = row, one(_column_hits(table, bar.label), repr(bar.label))
            position[bar.label] = j
        else:  # categories are columns
            i = one(_row_hits(table, bar.series), repr(bar.series))
            j = one(_column_hits(table, bar.label), repr(bar.label))
            position[bar.label] = j
        if i is None or j is None:
            continue
        expected = _expected(table.iloc[i, j])
        if isinstance(expected, str):
            problems.append(f"{name}: drawn {bar.value!r}, but {expected} ({table.columns[j]!r})")
            continue
        if expected is None:  # not stated: no bar, not a bar of 0
            if not math.isnan(bar.value):
                problems.append(f"{name}: drawn {bar.value!r}, the table's {table.columns[j]!r} states no figure")
            continue
        if not _same(bar.value, expected):
            problems.append(f"{name}: drawn {bar.value!r}, the table's {table.columns[j]!r} shows {expected}")
        if bar.note is not None and not _printed_ok(bar.note, expected):
            problems.append(f"{name}: printed {bar.note!r} beside the bar, the table shows {expected}")
    places = [position.get(label) for label in chart.order]
    if None not in places and places != sorted(places) and not _ranked(chart):
        problems.append(f"the chart's order {chart.order} is not the table's order, nor largest first")
    if chart.kind == "pareto":
        problems += _check_pareto(chart, table, column)
    return problems


def _check_pareto(chart: Chart, table, column) -> list[str]:
    problems = []
    if len(chart.bars) != len(table):
        problems.append(f"{len(chart.bars)} bars for the table's {len(table)} ranked rows")
    figures = [_expected(v) for v in table.iloc[:, column]]
    if any(isinstance(v, str) or v is None for v in figures):
        return problems
    whole = sum(figures) or Decimal(1)
    running = Decimal(0)
    expected = {}
    for rank, figure in enumerate(figures, 1):
        running += figure
        expected[rank] = float(100 * running / whole)
    for x, y in chart.cumulative:
        want = expected.get(round(x))
        if want is None or not math.isclose(y, want, rel_tol=EPS, abs_tol=1e-12):
            problems.append(f"cumulative share at rank {x:g} is {y!r}, the table's running share {want!r}")
    return problems


# ---------------------------------------------------------------------------------------------------------------
# The book's charts.

def _charts(events) -> list[int]:
    return [i for i, (kind, _) in enumerate(events) if kind == "chart"]


@pytest.mark.parametrize("job", JOBS, ids=lambda j: str(j.output.relative_to(ROOT)))
def test_every_chart_draws_the_table_shown_beside_it(job, monkeypatch):
    events = run_chapter(job, monkeypatch)
    drawn = _charts(events)
    calls = len(CHART_CALL.findall(job.template.read_text(encoding="utf-8")))
    assert len(drawn) >= calls, f"{len(drawn)} charts drawn for {calls} charts.* calls in {job.template.name}"
    problems = [p for at in drawn for p in check(events, at)]
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------------------------------
# The checker fails on the drawing bugs it is for.

def _job(topic: str):
    return next(j for j in JOBS if j.template.stem == topic and j.params.get("lang") == "en"
                and (topic == "trends" or j.params.get("year") == 2024))


def _problems(events) -> list[str]:
    return [p for at in _charts(events) for p in check(events, at)]


def _shown_barh(labels, values, table_rows):
    import pandas as pd

    from juesuan.publish import charts
    from juesuan.publish.display import show

    plt = _pyplot()
    plt.close("all")
    table = show(pd.DataFrame(table_rows, columns=["item", "English", "amount (万元)"])).frame
    charts.barh([charts.label(z, e) for z, e in labels], values, title="test")
    figure = plt.gcf()
    events = [("table", table), ("chart", figure)]
    return events, figure


ROWS = [("甲", "first", Decimal("300.00")), ("乙", "second", Decimal("20.50")), ("丙", "third", Decimal("1.25"))]


def test_checker_passes_a_barh_drawn_from_its_table():
    events, _ = _shown_barh([(z, e) for z, e, _ in ROWS], [v for *_, v in ROWS], ROWS)
    assert _problems(events) == []


def test_checker_reports_bars_drawn_against_the_wrong_labels():
    events, _ = _shown_barh([(z, e) for z, e, _ in ROWS], [v for *_, v in reversed(ROWS)], ROWS)
    problems = _problems(events)
    assert any("'甲\\nfirst'" in p and "drawn 1.25" in p and "300.00" in p for p in problems), problems
    assert any("'丙\\nthird'" in p and "drawn 300.0" in p for p in problems), problems
    assert not any("'乙\\nsecond'" in p for p in problems), problems  # the middle bar is right


def test_checker_reports_a_value_printed_beside_the_wrong_bar():
    events, figure = _shown_barh([(z, e) for z, e, _ in ROWS], [v for *_, v in ROWS], ROWS)
    figure.axes[0].texts[0].set_text("20.50")
    assert any("printed '20.50'" in p and "甲" in p for p in _problems(events))


def test_checker_reports_a_chart_whose_labels_no_table_has():
    events, _ = _shown_barh([("丁", "fourth")], [1], ROWS)
    assert any("no shown table has this chart's labels" in p for p in _problems(events))


def test_checker_catches_bars_reversed_but_not_their_labels(monkeypatch):
    """A drawing bug in the chapters themselves: matplotlib's barh given the values in reverse, the labels not."""
    from matplotlib.axes import Axes

    original = Axes.barh
    monkeypatch.setattr(Axes, "barh", lambda self, y, width, *a, **k: original(self, y, list(width)[::-1], *a, **k))
    problems = _problems(run_chapter(_job("income"), monkeypatch))
    assert any("Income by" in p and "drawn" in p for p in problems), problems


def test_checker_catches_a_forgotten_invert_yaxis(monkeypatch):
    from matplotlib.axes import Axes

    monkeypatch.setattr(Axes, "invert_yaxis", lambda self: None)
    problems = _problems(run_chapter(_job("income"), monkeypatch))
    assert any("Income by" in p and "is not the table's order" in p for p in problems), \
        problems


def test_checker_catches_series_drawn_under_the_wrong_legend(monkeypatch):
    from juesuan.publish import charts

    original = charts.grouped

    def swapped(categories, series, **kw):  # the first and last series' figures exchanged
        names, values = list(series), list(series.values())
        values[0], values[-1] = values[-1], values[0]
        return original(categories, dict(zip(names, values)), **kw)

    monkeypatch.setattr(charts, "grouped", swapped)
    problems = _problems(run_chapter(_job("performance"), monkeypatch))
    assert any("Performance dimensions" in p and "'points stated'" in p for p in problems), problems


def _shown_pareto(figures):
    import pandas as pd

    from juesuan.publish import charts
    from juesuan.publish.display import show

    plt = _pyplot()
    plt.close("all")
    rows = [(rank, f"项目{rank}", figure) for rank, figure in enumerate(figures, 1)]
    table = show(pd.DataFrame(rows, columns=["rank", "project (as published)", "amount (元)"])).frame
    charts.pareto([figure for *_, figure in reversed(rows)], title="test pareto")
    return [("chart", plt.gcf()), ("table", table)]  # the full table after the chart, as in the book


FIGURES = [Decimal("2800000.00"), Decimal("1924400.00"), Decimal("13150.00"), Decimal("0.50")]


def test_checker_passes_a_pareto_drawn_from_its_table():
    assert _problems(_shown_pareto(FIGURES)) == []


def test_checker_catches_a_pareto_sorted_the_wrong_way(monkeypatch):
    from juesuan.publish import charts

    monkeypatch.setattr(charts, "sorted", lambda values, reverse=False: builtins.sorted(values, reverse=not reverse),
                        raising=False)  # the bug: smallest first
    problems = _problems(_shown_pareto(FIGURES))
    assert any("1: drawn 0.5" in p and "2800000.00" in p for p in problems), problems
    assert any("cumulative share at rank 1 " in p for p in problems), problems
