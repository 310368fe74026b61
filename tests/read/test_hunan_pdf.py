"""The seed report as a published PDF: its text rendered as a report (ruled tables, paragraphs, A4 pages with page
numbers), printed by headless Chromium, read back by juesuan.read.pdf, gives exactly the data of the text itself.

The seed is a text conversion of a Hunan-template report; next year the maintainer will have the PDF. The HTML is
built from the seed by generic means only (tab or pipe rows into ruled table rows, other lines into headings and
paragraphs): no figure is typed here. Long tables break across pages with their header rows repeated
(<thead>), and every page carries a page number, as a published report does.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from juesuan.data.datasets import DATASETS

from ..conftest import SEED

CHROMIUM = Path("/usr/bin/chromium")
INSTALL = "apt-get update && apt-get install -y chromium fonts-noto-cjk"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-pdf-header-footer"]

CSS = """
@page { size: A4; margin: 22mm 20mm 20mm 20mm;
        @bottom-center { content: "- " counter(page) " -"; font: 10pt "Noto Serif CJK SC"; } }
body { font-family: "Noto Serif CJK SC", serif; font-size: 12pt; line-height: 1.6; margin: 0; }
h1, h2, h3, h4, h5, h6 { font-family: "Noto Sans CJK SC", sans-serif; margin: 12pt 0 6pt; line-height: 1.4; }
h1 { font-size: 16pt; text-align: center; } h2 { font-size: 14pt; } h3, h4, h5, h6 { font-size: 12pt; }
p { margin: 0 0 3pt; text-indent: 2em; text-align: justify; }
p.meta { text-indent: 0; text-align: right; font-size: 10pt; margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; font-family: "Noto Sans CJK SC", sans-serif;
        font-size: 9pt; line-height: 1.3; }
th, td { border: 0.75pt solid #000; padding: 2pt 3pt; }
th { font-weight: bold; text-align: center; }
td { text-align: left; }
td.figure { text-align: right; }
tr { break-inside: avoid; }
"""

_INLINE_TAG = re.compile(r"</?(?:b|strong|i|em|sup|sub)>", re.IGNORECASE)  # kept by the conversion from the PDF
_FIGURE = re.compile(r"^[-−]?[\d,]+(\.\d+)?%?$")
_PIPE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_META = re.compile(r"^(公开\s*\d+\s*表|(金额)?单位[:：]\s*\S*元)$")  # the table label and unit line


def _inline(text: str) -> str:
    """A line's text as HTML: escaped, with the few inline tags and markdown bold a conversion leaves rendered."""
    parts, pos = [], 0
    for m in _INLINE_TAG.finditer(text):
        parts += [html.escape(text[pos:m.start()]), m.group(0).lower()]
        pos = m.end()
    parts.append(html.escape(text[pos:]))
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", "".join(parts)).replace("**", "")


def _cells(line: str) -> list[str] | None:
    """The cells of a tab-separated or pipe row, [] for a pipe rule, None for a line that is not a row."""
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        if _PIPE_RULE.match(stripped):
            return []
        inner = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
        return [c.strip() for c in inner.split("|")]
    return None


def _spans(header: list[list[str]]) -> dict[tuple[int, int], tuple[int, int]]:
    """(rowspan, colspan) of each header cell that is drawn; a cell left empty beside or below a label is merged
    into it, as a published header draws a label over the columns or rows it heads."""
    covered: set[tuple[int, int]] = set()
    spans = {}
    width = len(header[0])
    for r, row in enumerate(header):
        for c in range(width):
            if (r, c) in covered:
                continue
            cols = 1
            if row[c]:
                while c + cols < width and not row[c + cols] and (r, c + cols) not in covered:
                    cols += 1
            rows = 1
            if row[c]:
                while r + rows < len(header) and all(
                        not header[r + rows][k] and (r + rows, k) not in covered for k in range(c, c + cols)):
                    rows += 1
            spans[(r, c)] = (rows, cols)
            covered.update((r + i, c + k) for i in range(rows) for k in range(cols))
    return spans


def _table(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    n_header = 0
    while n_header < min(4, len(rows) - 1) and not any(_FIGURE.match(c) for c in rows[n_header]):
        n_header += 1
    out = ["<table>"]
    if n_header:
        spans = _spans(rows[:n_header])
        out.append("<thead>")
        for r in range(n_header):
            out.append("<tr>")
            for c in range(width):
                if (r, c) in spans:
                    rs, cs = spans[(r, c)]
                    attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                    out.append(f"<th{attrs}>{_inline(rows[r][c])}</th>")
            out.append("</tr>")
        out.append("</thead>")
    out.append("<tbody>")
    for row in rows[n_header:]:
        out.append("<tr>" + "".join(
            f'<td class="figure">{_inline(c)}</td>' if _FIGURE.match(c) else f"<td>{_inline(c)}</td>" for c in row
        ) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def render_html(text: str) -> str:
    """A report's text as a printable HTML page: each run of rows a ruled table (blank lines inside a run keep it
    open), markdown headings as headings, every other line a paragraph (a list item keeps its marker as text)."""
    body: list[str] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            body.append(_table(rows))
            rows.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        cells = _cells(raw.rstrip("\r\n"))
        if cells is not None:
            if any(cells):
                rows.append(cells)
            continue
        line = raw.strip()
        if not line:
            continue  # a blank line: between paragraphs, or inside a table broken over pages in the conversion
        flush()
        if m := re.match(r"^(#{1,6})\s*(.*)$", line):
            level = len(m.group(1))
            body.append(f"<h{level}>{_inline(m.group(2))}</h{level}>")
        elif _META.match(_INLINE_TAG.sub("", line).replace(" ", "")):
            body.append(f'<p class="meta">{_inline(line)}</p>')
        else:
            body.append(f"<p>{_inline(line)}</p>")
    flush()
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>部门决算</title>'
            f"<style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def print_pdf(page: Path, out: Path, profile: Path) -> None:
    """Print an HTML file to PDF with headless Chromium (A4, no browser header or footer)."""
    command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={out}", page.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and out.exists() and out.stat().st_size > 0, done.stderr[-2000:]


def _missing() -> str | None:
    if not SEED.exists():
        return f"the seed report is not beside the project ({SEED.name} is absent from ../shared/seeds)"
    if not CHROMIUM.exists():
        return f"printing the seed to PDF needs Debian's chromium ({CHROMIUM} is absent): `{INSTALL}`"
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True) \
        if shutil.which("fc-list") else None
    if fonts is None or not fonts.stdout.strip():
        return f"printing the seed to PDF needs a font with Chinese glyphs (fonts-noto-cjk): `{INSTALL}`"
    return None


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory) -> Path:
    problem = _missing()
    if problem:
        pytest.skip(problem)
    folder = tmp_path_factory.mktemp("hunan_pdf")
    page = folder / "report.html"
    page.write_text(render_html(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    pdf = folder / "report.pdf"
    print_pdf(page, pdf, folder / "profile")
    return pdf


@pytest.fixture(scope="module")
def both(seed_pdf):
    from juesuan.read.ingest import parse_file

    return parse_file(SEED, 2024), parse_file(seed_pdf, 2024)


def _without_lines(value, drop=("line", "lines", "read")):
    """A value without its report-line locators (line, lines, body_line, actual_line …) and how its tables were read
    (read), at any depth: line numbers differ between the text and the PDF's text, and nothing else may."""
    if isinstance(value, dict):
        return {k: _without_lines(v, drop) for k, v in value.items() if k not in drop and not k.endswith("_line")}
    if isinstance(value, list):
        return [_without_lines(v, drop) for v in value]
    return value


def assert_read_alike(reference, other, name: str) -> None:
    """Dataset ``name`` of two readings of one report (the text's, and a PDF's or a laid-out text's) is the same,
    report lines and how it was read aside."""
    assert _without_lines(other.datasets[name]) == _without_lines(reference.datasets[name]), name


def test_the_pdf_is_a_paged_report_with_tables_broken_over_pages(seed_pdf):
    """What the reader must cope with is there: A4 pages, page numbers, and tables that go on at the top of the next
    page under their header rows repeated."""
    import pdfplumber

    with pdfplumber.open(seed_pdf) as pdf:
        assert len(pdf.pages) >= 20 and all((round(p.width), round(p.height)) == (595, 842) for p in pdf.pages)
        first_rows, repeated, numbered = [], 0, 0
        for page in pdf.pages:
            lines = page.extract_text_lines()
            numbered += bool(lines) and re.fullmatch(r"- \d+ -", lines[-1]["text"].strip()) is not None
            tables = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
            for n, table in enumerate(tables):
                row = table.extract()[0]
                on_top = n == 0 and not [w for w in lines if w["bottom"] < table.bbox[1]]
                repeated += on_top and row in first_rows
                first_rows.append(row)
        assert numbered == len(pdf.pages)
        assert repeated >= 3  # t01, t04, t06 and the project list, at least, go on over a page


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_dataset_equals_the_text_ingest(both, name):
    text, pdf = both
    assert_read_alike(text, pdf, name)


def test_the_report_equals_the_text_ingest(both):
    text, pdf = both
    assert pdf.report["source"]["file"] == "report.pdf"
    # source: file and checksum; pages: the PDF tells where each page starts, the text conversion does not; read: how
    # each table was read (ruled cells; the text as converted)
    same = [{k: v for k, v in r.report.items() if k not in ("source", "pages")} for r in (text, pdf)]
    assert _without_lines(same[1]) == _without_lines(same[0])  # the outline and contents too, headings and all
    assert "pages" not in text.report and len(pdf.report["pages"]) >= 20
    assert all(p["printed"] == p["page"] for p in pdf.report["pages"])  # every page prints "- N -" at its foot
    assert sum(len(records) for records in pdf.datasets.values()) > 900  # the comparison is not of empty lists
    assert {t["read"] for t in pdf.report["tables"].values()} == {"ruled cells"}
    assert {t["read"] for t in text.report["tables"].values()} == {"text conversion"}


def test_reading_the_pdf_prints_nothing(seed_pdf):
    """pdfminer logs a warning for every font without a FontBBox (Chromium writes such fonts); the reader keeps
    them off the terminal. Run in a fresh interpreter: under pytest its log capture would hide them anyway."""
    def run(code: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", code, str(seed_pdf)], capture_output=True, text=True, timeout=120)

    control = run("import sys, pdfplumber; pdfplumber.open(sys.argv[1]).pages[0].chars")
    assert "FontBBox" in control.stderr  # the file does provoke the libraries' messages
    done = run("import sys, pathlib, juesuan.read.pdf; juesuan.read.pdf.to_text(pathlib.Path(sys.argv[1]))")
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""


def _spanned_table(rows: list[list[str]], columns: tuple[int, ...]) -> str:
    """The rows as a ruled HTML table whose cells in ``columns`` span the rows below them that are blank there (the
    first column spans from the first row), as a self-evaluation table prints its indicator levels."""
    header, body = rows[0], rows[1:]
    span: dict[tuple[int, int], int] = {}
    for c in columns:
        r = 0
        while r < len(body):
            n = 1
            while r + n < len(body) and not body[r + n][c] and (body[r][c] or c == 0):
                n += 1
            span[(r, c)] = n
            span.update({(r + k, c): 0 for k in range(1, n)})
            r += n
    out = ["<table><thead><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in header) + "</tr></thead><tbody>"]
    for r, row in enumerate(body):
        cells = [f'<td rowspan="{span[(r, c)]}">{html.escape(v)}</td>' if span.get((r, c), 1) > 1
                 else f"<td>{html.escape(v)}</td>" for c, v in enumerate(row) if span.get((r, c), 1)]
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(out + ["</tbody></table>"])


@pytest.mark.parametrize("borders", ["collapsed", "each cell its own"])
def test_cells_spanning_rows_are_read_in_the_row_they_begin(seed_pdf, tmp_path, borders):
    """A ruled table whose first columns' cells span rows (绩效指标 › 一级指标 › 二级指标, each over the indicators
    under it) reads as a conversion writes it: the label in the first row of its span, blanks in the rows below, each
    indicator a row of its own. The rules inside a spanning cell are missing; those across the other columns divide
    only those, so no row's cells are run together (社会效益指标帮扶…达成达成33)."""
    from juesuan.read.pdf import to_text
    from juesuan.text import key

    lines = SEED.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("绩效指标\t一级指标"))
    rows = []
    for line in lines[start:start + 26]:
        rows.append(line.split("\t"))
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    separate = "table { border-collapse: separate; border-spacing: 0; } th, td { border-width: 0.5pt; }"
    css = CSS + (separate if borders != "collapsed" else "")
    page = tmp_path / "spans.html"
    page.write_text(f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{css}</style></head>'
                    f"<body><p>绩效自评表</p>{_spanned_table(rows, (0, 1, 2))}</body></html>", encoding="utf-8")
    pdf = tmp_path / "spans.pdf"
    print_pdf(page, pdf, tmp_path / "profile")
    read = [line.split("\t") for line in to_text(pdf).split("\n") if "\t" in line]
    # a label wrapped in its narrow cell (成本指标 / (20分)) loses the space between its lines: keys compared
    assert [[key(c) for c in r] for r in read] == [[key(c) for c in r] for r in rows]
    assert next(r for r in read if r[2] == "社会效益指标")[1:6] == ["", "社会效益指标", "帮扶大湘西100所分校", "达成", "达成"]
