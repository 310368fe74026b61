"""Tables as a finance reader reads them: amounts at the report's precision (two decimals) with thousands separators
and right-aligned, figures never in scientific notation, the first column as the row label, one header row (no blank
index-name row), text from the report escaped, wide tables scrolling in their own frame, and an optional caption and
source line. The exact values stay in the frame (``Table.frame``), the data and the downloads; only what is printed
is rounded.

A column holds amounts when its header names a money unit ("amount (万元)", "金额（元）"); a column of mixed figures
("value") takes the unit from a "unit" column of the same row. Any other figure is printed as it is, with thousands
separators.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from decimal import Decimal

from .. import i18n

_MONEY = re.compile(r"万元|亿元|[(（]元[)）]|^元$|\(元,|（元，")
_UNIT_COLUMNS = ("unit", "单位")
_YEAR_COLUMNS = ("year", "年度")  # a year is never an amount, whatever the row's unit
_NUMERIC = re.compile(r"^[-+−]?[\d,]+(\.\d+)?\s*(%|万元|元|分|人|个)?$|^—$|^n/a$|^不适用$|^[-+]?[\d,]+(\.\d+)?%（.*）$")
_LONG = 24  # characters: a column with longer text wraps inside a bounded width
MAX_PLACES = 4  # no figure is printed with more decimals (a guard: the chapters round at the source)


def is_money(header) -> bool:
    return bool(_MONEY.search(str(header)))


def cell_text(value, *, money: bool = False) -> str:
    """One cell as printed."""
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (Decimal, int, float)):
        if money:
            return i18n.amount(value)
        if isinstance(value, int):
            return str(value)
        value = Decimal(str(value))
        if value.as_tuple().exponent < -MAX_PLACES:
            short = value.quantize(Decimal(1).scaleb(-MAX_PLACES))
            if short == 0:
                return ("-" if value < 0 else "") + "<0.0001"
            value = short
        return i18n.number(value)
    return " ".join(str(value).replace("\t", " ").splitlines())


def _numeric(value, text: str) -> bool:
    return isinstance(value, (Decimal, int, float)) or value is None or bool(_NUMERIC.match(text))


@dataclass
class Table:
    """A table for the page: ``frame`` has the row labels as its index (the first column shown), values exact."""

    frame: object  # pandas.DataFrame
    caption: str = ""
    source: str = ""
    collapsed: str = ""  # folded away under this summary line (HTML <details>)
    records: bool = False  # each row a block of label: value lines (a list of long texts, like the list of fixes)

    def cells(self) -> tuple[list[str], list[list[tuple[str, bool]]]]:
        """(headers, rows of (text, numeric?)) as printed, the row label first."""
        frame = self.frame
        headers = [str(frame.index.name or "")] + [str(c) for c in frame.columns]
        unit_col = next((c for c in frame.columns if str(c) in _UNIT_COLUMNS), None)
        rows = []
        for label, (_, row) in zip(frame.index, frame.iterrows()):
            unit = str(row[unit_col]) if unit_col is not None and row[unit_col] is not None else ""
            out = [(cell_text(label), False)]
            for column, value in row.items():
                money = is_money(column) or (unit in ("万元", "元") and column not in _UNIT_COLUMNS + _YEAR_COLUMNS
                                              and isinstance(value, (Decimal, int, float)))
                text = cell_text(value, money=money)
                out.append((text, _numeric(value, text)))
            rows.append(out)
        return headers, rows

    def _records_html(self, headers, rows) -> str:
        out = ['<div class="jt-wrap"><table class="jt jt-records tex2jax_ignore mathjax_ignore">']
        if self.caption:
            out.append(f"<caption>{html.escape(self.caption)}</caption>")
        for row in rows:
            head = "　".join(html.escape(text) for text, _ in row[:2])
            out.append(f'<tbody class="jt-record"><tr><th scope="rowgroup" colspan="2">{head}</th></tr>')
            out += [f'<tr><th scope="row">{html.escape(h)}</th><td>{html.escape(text)}</td></tr>'
                    for h, (text, _) in zip(headers[2:], row[2:])]
            out.append("</tbody>")
        out.append("</table></div>")
        return "".join(out)

    def _repr_html_(self) -> str:
        headers, rows = self.cells()
        if self.records:
            body = self._records_html(headers, rows)
            source = f'<p class="jt-source">{html.escape(self.source)}</p>' if self.source else ""
            return self._folded(body + source)
        long = [any(len(r[i][0]) > _LONG for r in rows) for i in range(len(headers))]
        numeric = [bool(rows) and all(r[i][1] for r in rows) for i in range(len(headers))]

        def th(i, text):
            kind = "num" if numeric[i] and i else "text" if long[i] else "short"
            return f'<th scope="col" class="{kind}">{html.escape(text)}</th>'

        out = ['<div class="jt-wrap"><table class="jt tex2jax_ignore mathjax_ignore">']
        if self.caption:
            out.append(f"<caption>{html.escape(self.caption)}</caption>")
        out.append("<thead><tr>" + "".join(th(i, h) for i, h in enumerate(headers)) + "</tr></thead><tbody>")
        for row in rows:
            cells = [f'<th scope="row"{" class=text" if long[0] else ""}>{html.escape(row[0][0])}</th>']
            for i, (text, is_number) in enumerate(row[1:], start=1):
                kind = "num" if is_number else "text" if long[i] else ""
                cells.append(f"<td{f' class={kind}' if kind else ''}>{html.escape(text)}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table></div>")
        if self.source:
            out.append(f'<p class="jt-source">{html.escape(self.source)}</p>')
        return self._folded("".join(out))

    def _folded(self, body: str) -> str:
        if not self.collapsed:
            return body
        return f'<details class="jt-details"><summary>{html.escape(self.collapsed)}</summary>{body}</details>'

    def __repr__(self) -> str:
        """Plain text (what nbval compares besides the HTML): the printed cells, aligned."""
        headers, rows = self.cells()
        if self.records:
            lines = []
            for row in rows:
                lines.append(" ".join(text for text, _ in row[:2]))
                lines += [f"  {h}: {text}" for h, (text, _) in zip(headers[2:], row[2:])]
            return "\n".join([x for x in (self.collapsed, self.caption) if x] + lines + [x for x in (self.source,) if x])
        grid = [headers] + [[text for text, _ in row] for row in rows]
        widths = [max(_width(r[i]) for r in grid) for i in range(len(headers))]
        lines = ["  ".join(_pad(r[i], widths[i]) for i in range(len(headers))).rstrip() for r in grid]
        head = [x for x in (self.collapsed, self.caption) if x]
        tail = [self.source] if self.source else []
        return "\n".join(head + lines + tail)


def _width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
