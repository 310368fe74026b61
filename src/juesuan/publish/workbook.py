"""Excel workbooks a reader can use: a year's data in one edition's language, and any table (the audit's list of
fixes) laid out to print and send.

Amounts are stored exactly as numbers (the Decimal as published, never a float's rounding) and shown with a number
format: #,##0.00 for amounts in 万元 and 元, other decimals with the decimals the report printed. Text is always text:
a name from a report that starts with = stays a string, never a formula. Each sheet has its header frozen and its
columns sized to their content (a Chinese character counts twice). Saved with fixed timestamps, so the same data
gives the same bytes.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path

from .. import i18n
from ..data import labels
from ..data.datasets import DATASETS, read_csv

AMOUNT = "#,##0.00"  # amounts in 万元 and 元, as a Chinese finance reader expects them
AMOUNT_COLUMNS = re.compile(r"_(wan_)?yuan$")
HEADER_FILL = "DCE6F1"
WIDTH = (6, 60)  # a column's width in characters: at least, at most (longer text wraps)
TABLE_WIDTH = 40  # the widest column of a table to print (the list of fixes): A4 landscape holds about 150 characters
LINE = 16  # points a line of 11-point text takes, Chinese included
STAMP = (1980, 1, 1, 0, 0, 0)  # every part of the file: the same bytes for the same data


def width(text: str) -> int:
    """Display width in characters of a fixed-width font: a Chinese character (wide or full-width) counts 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def number_format(column: str, text: str) -> str:
    """#,##0.00 for an amount (more decimals where the report printed more); other decimals as printed, without
    thousands separators (a year, a head count, a rate). A column named "" is any table's: separators, and the
    decimals the value has."""
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    if AMOUNT_COLUMNS.search(column):
        return AMOUNT if decimals <= 2 else "#,##0." + "0" * decimals
    whole = "#,##0" if column == "" else "0"
    return f"{whole}." + "0" * decimals if decimals else whole


def _t(key: str, lang: str, **values) -> str:
    return i18n.catalogue()[0][f"downloads.{key}"][lang].format(**values)


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="A6A6A6")
    return {"header_font": Font(bold=True), "header_fill": PatternFill("solid", fgColor=HEADER_FILL),
            "header_align": Alignment(wrap_text=True, vertical="center", horizontal="center"),
            "wrap": Alignment(wrap_text=True, vertical="top"), "top": Alignment(vertical="top"),
            "border": Border(left=thin, right=thin, top=thin, bottom=thin), "title": Font(bold=True, size=14)}


def _put(sheet, row: int, column: int, value, fmt: str | None = None):
    """One cell: a Decimal or an int as a number with its format, anything else as text (never a formula)."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl takes a string starting with = for a formula
    elif fmt:
        cell.number_format = fmt
    return cell


def _size(sheet, widths: dict[int, int], most: int = WIDTH[1]) -> set[int]:
    """Set each column's width from its longest content (header included), at most ``most`` characters; return the
    columns whose content is longer (they wrap)."""
    from openpyxl.utils import get_column_letter

    wrapped = set()
    for column, chars in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = max(WIDTH[0], min(chars + 2, most))
        if chars + 2 > most:
            wrapped.add(column)
    return wrapped


def _fit_rows(sheet, first: int, last: int | None = None) -> None:
    """Give each row the height of its wrapped lines: Excel fits a row to wrapped text only when the row is edited,
    LibreOffice and WPS not always, so a wrapped cell would show its first line only."""
    import math

    from openpyxl.utils import get_column_letter

    columns = {j: (sheet.column_dimensions[get_column_letter(j)].width or 9) - 1 for j in range(1, sheet.max_column + 1)}
    for row in sheet.iter_rows(min_row=first, max_row=last or sheet.max_row):
        lines = max((sum(max(1, math.ceil(width(part) / columns[c.column])) for part in c.value.split("\n"))
                     for c in row if isinstance(c.value, str) and c.alignment.wrap_text), default=1)
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = LINE * lines


def _header(sheet, row: int, heads: list[str], styles: dict) -> None:
    for j, text in enumerate(heads, 1):
        cell = _put(sheet, row, j, text)
        cell.font, cell.fill, cell.alignment, cell.border = (styles["header_font"], styles["header_fill"],
                                                             styles["header_align"], styles["border"])


def dataset_sheet(wb, folder: Path, name: str, lang: str, styles: dict) -> int:
    """One dataset as a sheet: headers and our keys in the language, the report's text as published, amounts as
    numbers with their format. Returns the number of rows."""
    spec = DATASETS[name]["columns"]
    columns = list(spec)
    sheet = wb.create_sheet(labels.title(name, lang))
    heads = [labels.head(c, lang) for c in columns]
    _header(sheet, 1, heads, styles)
    widths = {j: width(h) for j, h in enumerate(heads, 1)}
    rows = read_csv(folder / f"{name}.csv")
    for i, row in enumerate(rows, 2):
        for j, column in enumerate(columns, 1):
            text, kind = row[column], spec[column].kind
            if text == "":
                continue
            if kind == "decimal":
                fmt = number_format(column, text)
                _put(sheet, i, j, Decimal(text), fmt)
                shown = f"{Decimal(text):,}" if fmt.startswith("#") else text
            elif kind == "int":
                _put(sheet, i, j, int(text), "0")
                shown = text
            else:
                shown = labels.value(name, column, text, lang)
                _put(sheet, i, j, shown)
            widths[j] = max(widths[j], width(shown))
    wrapped = _size(sheet, widths)
    for column in wrapped:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.alignment = styles["wrap"]
    if wrapped:
        _fit_rows(sheet, 2)
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    return len(rows)


def about_sheet(sheet, report: dict, contents: list[tuple[str, str, int]], lang: str, styles: dict) -> None:
    """The first sheet: what the workbook is (unit, year, template, source file and its sha256, units, how to read
    it), then its sheets, each a link, with the CSV file of the zip it matches and its number of rows."""
    from openpyxl.styles import Font

    template = report.get("template", {})
    source = report.get("source", {})
    year = report["year"]
    _put(sheet, 1, 1, _t("wb_title", lang, unit=report.get("unit_zh", ""), year=year)).font = styles["title"]
    facts = [("wb_unit", report.get("unit_zh", "")), ("wb_year", str(year)),
             ("wb_template", template.get(f"name_{lang}", template.get("id", ""))),
             ("wb_source", source.get("file", "")), ("wb_sha256", source.get("sha256", "")),
             ("wb_units", _t("wb_units_text", lang)), ("wb_values", _t("wb_values_text", lang)),
             ("wb_line", _t("wb_line_text", lang)), ("wb_made", _t("wb_made_text", lang))]
    for i, (key, text) in enumerate(facts, 3):
        _put(sheet, i, 1, _t(key, lang)).font = styles["header_font"]
        _put(sheet, i, 2, text).alignment = styles["wrap"]
        sheet.cell(row=i, column=1).alignment = styles["top"]
    first = 3 + len(facts) + 1
    _header(sheet, first, [_t("wb_sheet", lang), _t("wb_file", lang), _t("wb_rows", lang)], styles)
    for i, (title, file, rows) in enumerate(contents, first + 1):
        link = _put(sheet, i, 1, title)
        link.hyperlink = f"#'{title}'!A1"
        link.font = Font(color="0563C1", underline="single")
        _put(sheet, i, 2, file)
        _put(sheet, i, 3, rows, "0")
    sheet.column_dimensions["A"].width = max(14, max([width(_t(k, lang)) for k, _ in facts]
                                                     + [width(t) for t, _, _ in contents]) + 2)
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["C"].width = 8
    _fit_rows(sheet, 3, 3 + len(facts))
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def year_workbook(folder: Path, target: Path, lang: str, names: list[str]) -> None:
    """A year's workbook in one edition's language: a first sheet saying what it is, then a sheet per dataset in
    ``names`` (the tables of the report's template and the parts it has)."""
    import json

    from openpyxl import Workbook

    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    styles = _styles()
    wb = Workbook()
    about = wb.active
    about.title = _t("wb_about", lang)
    contents = [(labels.title(name, lang), f"{name}.csv", dataset_sheet(wb, folder, name, lang, styles))
                for name in names]
    about_sheet(about, report, contents, lang, styles)
    wb.properties.title = _t("wb_title", lang, unit=report.get("unit_zh", ""), year=report["year"])
    save(wb, target)


def table_workbook(frame, target: Path, *, title: str, sheet: str, note: str = "") -> None:
    """Any table as a workbook to read, print and send (the audit's list of fixes): a title row (and a note under
    it), a styled header repeated on every printed page, text wrapped in columns sized to their content, numbers
    as numbers (a Decimal with the decimals it has), the panes frozen under the header, A4 landscape fitted to the
    page's width. The frame's column names are its headers, in the language they are given in."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    styles = _styles()
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    columns = [str(c) for c in frame.columns]
    _put(ws, 1, 1, title).font = styles["title"]
    first = 3 if note else 2
    if note:
        _put(ws, 2, 1, note)
    _header(ws, first, columns, styles)
    widths = {j: max(width(w) for w in c.split("\n")) for j, c in enumerate(columns, 1)}
    body = first + 1
    for i, values in enumerate(frame.itertuples(index=False), body):
        for j, v in enumerate(values, 1):
            if v is None or (isinstance(v, float) and v != v):
                text = ""
            elif isinstance(v, Decimal):
                text = str(v)
                _put(ws, i, j, v, number_format("", text))
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                text = str(v)
                _put(ws, i, j, v, "0" if isinstance(v, int) else "General")
            else:
                text = v if isinstance(v, str) else "\n".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v)
                _put(ws, i, j, text)
            cell = ws.cell(row=i, column=j)
            cell.alignment, cell.border = styles["wrap"], styles["border"]
            widths[j] = max(widths[j], max((width(line) for line in text.split("\n")), default=0))
    _size(ws, widths, TABLE_WIDTH)
    _fit_rows(ws, body)
    last = get_column_letter(max(len(columns), 1))
    ws.freeze_panes = f"A{body}"
    ws.print_title_rows = f"{first}:{first}"
    ws.print_area = f"A1:{last}{max(ws.max_row, body)}"
    if len(frame):
        ws.auto_filter.ref = f"A{first}:{last}{ws.max_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    wb.properties.title = title
    save(wb, target)


def save(wb, target: Path) -> None:
    """Write the workbook with fixed timestamps (in the zip and in its properties): the same data, the same bytes;
    written to a temporary file first, so that a reader never finds half a workbook."""
    wb.properties.creator = "juesuan"
    buffer = io.BytesIO()
    wb.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", data)
            dest.writestr(entry(item.filename), data)
    write_bytes(target, out.getvalue())


def entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with fixed metadata (time, system, permissions): only the content changes the bytes."""
    info = zipfile.ZipInfo(name, date_time=STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info


def write_bytes(target: Path, data: bytes) -> None:
    """Replace target with data at once (a temporary file beside it, then a rename); untouched when the same."""
    import os

    if target.exists() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
