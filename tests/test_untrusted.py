"""Untrusted text: names from a report reach the book as visible text, never as markup, math or formulas.

A report is made here from the seed (never published) whose project names, indicator names, 科目名称, unit
name and prose carry HTML (`<script>`, `<img onerror>`), Markdown (`**bold**`, links, images, backticks, a
line starting with `#`) and MyST (`{download}`, `{eval}`, a ```{raw} html fence, `$x^2$` math, `(label)=`).
The parser strips `<...>` tags, `**`/`__` and a leading `#` from every cell (text.clean), so those are
written into the ingested data afterwards: the book must be safe whatever data/ holds. One ingest and one
build (every notebook, then jupyter-book) in a temporary copy; then every page of the site is parsed.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from juesuan.data.collection import unit_key
from juesuan.publish import charts

from .conftest import copy_project

YEAR = 2024
EVIL = "[link](http://evil.example)"
# the unit name, on every 单位 line of the tables
UNIT = "长沙市现代教育技术中心{download}`x`$x^2$" + EVIL + "O'Brien&lt;b&gt;"
PROJECT_LINK = "教研专项经费" + EVIL + "![img](x)`tickcode`*emph*"
PROJECT_MYST = "{download}`x`{eval}`1+1`$x^2$(label)=校外培训"
PROJECT_FORMULA = '=HYPERLINK("http://evil.example","x")'
INDICATOR_MD = "成本控制情况$x^2$*emph*" + EVIL
INDICATOR_RAW = "```{raw} html <img src=x onerror=alert(1)//"  # an unclosed tag survives the parser
LEVEL1 = "$x^{$成本指标"  # mathtext would fail to parse this: a chart must draw it as text
INCOME_ITEM = "其他普通教育支出$x^2$" + EVIL + "`tickcode`"
ECONOMIC_ITEM = "办公费$x^2$*emph*"
# in a prose sentence: its subject is the ~25 characters before the number
STAFF = "*emph*{eval}`x`$y$实有在职人数"

SEED_EDITS = [  # (as in the seed, hostile, how many times)
    ("单位：长沙市现代教育技术中心\n", f"单位：{UNIT}\n", 9),
    ("11\t教研专项经费\t", f"11\t{PROJECT_LINK}\t", 1),
    ("31\t校外培训综合治理\t", f"31\t{PROJECT_MYST}\t", 1),
    ("30\t2024 年第一批教育综合发展专项资金\t", f"30\t{PROJECT_FORMULA}\t", 1),
    ("\t成本控制情况\t", f"\t{INDICATOR_MD}\t", 1),
    ("\t资金保障\t", f"\t{INDICATOR_RAW}\t", 1),
    ("成本指标 (20分)", f"{LEVEL1} (20分)", 1),
    ("2050299\t其他普通教育支出\t", f"2050299\t{INCOME_ITEM}\t", 3),  # tables 02, 03 and 05
    ("30201\t办公费\t", f"30201\t{ECONOMIC_ITEM}\t", 1),
    ("）实有在职人数19人", f"）{STAFF}19人", 1),
]

# what the parser would strip, written into data/ after the ingest: (dataset, column, value, hostile value)
SCRIPT, IMG = "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"
PROJECT_SCRIPT = SCRIPT + "**bold**长沙市教育局信息化系统升级改造项目"
PROJECT_HEADING = "# heading 城域网光纤租赁费"
INDICATOR_IMG = IMG + "政府采购执行率"
ECONOMIC_SCRIPT = "基本工资" + SCRIPT + "$x^2$"
DATA_EDITS = [
    ("projects", "name_zh", "长沙市教育局信息化系统升级改造项目（长教函〔2024〕115号）",
     PROJECT_SCRIPT + "（长教函〔2024〕115号）"),
    ("projects", "name_zh", "城域网光纤租赁费（长教函【2024】64号）",
     PROJECT_HEADING + "（长教函【2024】64号）"),
    ("performance_indicators", "level3_zh", "政府采购执行率", INDICATOR_IMG),
    ("t06_basic_economic", "name_zh", "基本工资", ECONOMIC_SCRIPT),
]
# the unit name in report.json gets lines of its own: a heading, a raw-HTML fence, a label
UNIT_FULL = UNIT + SCRIPT + "**bold**" + IMG + "\n# heading\n```{raw} html\n<b>raw</b>\n```\n(label)=\n"

KEY = unit_key(UNIT)  # the unit's folder: ASCII, whatever its name carries
PAGES = {  # page: hostile names it must show as text, in both editions
    f"{lang}/{KEY}/{page}": names for lang in ("zh", "en") for page, names in {
        "index.html": [UNIT_FULL],
        f"{YEAR}/audit.html": [UNIT_FULL, UNIT],
        f"{YEAR}/expenditure.html": [PROJECT_LINK, PROJECT_MYST, PROJECT_FORMULA, PROJECT_SCRIPT, PROJECT_HEADING],
        f"{YEAR}/performance.html": [INDICATOR_MD, INDICATOR_RAW, INDICATOR_IMG, LEVEL1],
        f"{YEAR}/income.html": [INCOME_ITEM],
        f"{YEAR}/basic.html": [ECONOMIC_ITEM, ECONOMIC_SCRIPT, STAFF],
    }.items()}


def juesuan(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=900)


def hostile_report(seed_text: str) -> str:
    text = seed_text
    for old, new, count in SEED_EDITS:
        assert text.count(old) == count, old  # the seed changed: this fixture needs updating
        text = text.replace(old, new)
    return text


def edit_dataset(folder: Path, name: str, column: str, old: str, new: str) -> None:
    path = folder / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    hits = [r for r in rows if r[column] == old]
    assert len(hits) == 1, (name, old)
    hits[0][column] = new
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def site(tmp_path_factory, seed_text) -> Path:
    tmp = tmp_path_factory.mktemp("untrusted")
    root = copy_project(tmp / "copy", units=())  # no unit yet: the hostile report is the collection's one
    report = tmp / "hostile.txt"
    report.write_text(hostile_report(seed_text), encoding="utf-8")

    ingest = juesuan("ingest", str(report), "--year", str(YEAR), cwd=root)
    assert ingest.returncode == 0, ingest.stdout + ingest.stderr
    folder = root / "data" / KEY / str(YEAR)
    for name, column, old, new in DATA_EDITS:
        edit_dataset(folder, name, column, old, new)
    meta = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert meta["unit_zh"] == UNIT  # the parser kept the hostile unit name as published
    meta["unit_zh"] = UNIT_FULL
    (folder / "report.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    validate = juesuan("validate", cwd=root)
    assert validate.returncode == 0, validate.stdout + validate.stderr

    build = juesuan("build", cwd=root)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert "16 notebooks ran, 0 kept, 0 failed" in build.stdout, build.stdout
    return root


def test_a_hostile_unit_name_makes_a_plain_ascii_folder(site):
    assert [p.name for p in (site / "data").iterdir() if p.is_dir()] == [KEY]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", KEY) and KEY.startswith("changshashixiandaijiaoyujishuzhongxin")


def test_the_hostile_names_survive_the_parser(site):
    folder = site / "data" / KEY / str(YEAR)
    text = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.csv")}
    projects = [r["name_zh"] for r in csv.DictReader(text["projects"].splitlines())]
    assert {PROJECT_LINK, PROJECT_MYST, PROJECT_FORMULA} <= set(projects)
    indicators = list(csv.DictReader(text["performance_indicators"].splitlines()))
    assert {INDICATOR_MD, INDICATOR_RAW, INDICATOR_IMG} <= {r["level3_zh"] for r in indicators}
    assert {r["level1_zh"] for r in indicators} >= {LEVEL1}
    assert [r["level1_points_stated"] for r in indicators if r["level1_zh"] == LEVEL1][0] == "20"
    assert INCOME_ITEM in {r["name_zh"] for r in csv.DictReader(text["t02_income"].splitlines())}
    assert ECONOMIC_ITEM in {r["name_zh"] for r in csv.DictReader(text["t06_basic_economic"].splitlines())}
    meta = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert any(s["label_zh"].endswith(STAFF) for s in meta["staff"])
    prose = list(csv.DictReader(text["prose_numbers"].splitlines()))
    assert any(r["subject_zh"].endswith(STAFF) and r["value"] == "19" for r in prose)


# --- the site -----------------------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
MATHJAX_IGNORE = {"tex2jax_ignore", "mathjax_ignore"}
MATHJAX_PROCESS = {"tex2jax_process", "mathjax_process", "math", "output_area"}


class Element:
    def __init__(self, tag: str, attrs: list[tuple[str, str | None]]):
        self.tag, self.attrs = tag, {k: v or "" for k, v in attrs}
        self.classes = set(self.attrs.get("class", "").split())
        self.parts: list[str] = []

    @property
    def text(self) -> str:
        return "".join(self.parts)


class Page(HTMLParser):
    """Every element (with its text) and every visible text run (with its ancestors) of one HTML page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.texts: list[tuple[str, tuple[Element, ...]]] = []
        self._open: list[Element] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, attrs))

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.parts.append(data)
        if not any(e.tag in ("script", "style") for e in self._open):
            self.texts.append((data, tuple(self._open)))


def visible(text: str) -> str:
    """As a reader sees it: runs of whitespace are one space; Sphinx's smart quotes turn ' into ’."""
    return " ".join(text.replace("\u2019", "'").split())


@pytest.fixture(scope="module")
def pages(site) -> dict[str, Page]:
    html = site / "_build" / "html"
    found = {str(p.relative_to(html)): Page(p.read_text(encoding="utf-8")) for p in sorted(html.rglob("*.html"))}
    assert set(PAGES) <= set(found)
    return found


@pytest.mark.parametrize("page", sorted(PAGES))
def test_hostile_names_are_shown_as_text(pages, page):
    texts = [visible(t) for t, _ in pages[page].texts]
    for name in PAGES[page]:
        assert any(visible(name) in t for t in texts), f"{page} does not show {name!r} as text"
    assert not [t for t in texts if "&#x27;" in t or "&amp;" in t or "\\n" in t], "an escape shown as written"


def test_no_page_has_an_injected_element(pages):
    for name, page in pages.items():
        for e in page.elements:
            where = f"{name}: <{e.tag} {e.attrs}> {e.text[:80]!r}"
            assert not (e.tag == "script" and "alert(" in e.text), where
            assert "onerror" not in e.attrs, where
            assert not [v for k, v in e.attrs.items() if k.startswith("on") and "alert" in v], where
            assert not (e.tag == "img" and e.attrs.get("src", "").rsplit("/", 1)[-1] == "x"), where
            assert "evil.example" not in e.attrs.get("href", "") + e.attrs.get("src", ""), where  # (the unit's folder key spells its words, evil-example)
            assert not (e.tag == "a" and "download" in e.attrs.get("class", "") + " ".join(e.attrs)
                        and e.attrs.get("href", "").rsplit("/", 1)[-1] == "x"), where
            assert not (e.tag in ("strong", "b", "em", "i") and e.text in ("bold", "emph", "raw")), where
            assert e.tag != "b", where  # <b>raw</b> from a raw-HTML fence, or &lt;b&gt; unescaped
            assert not (e.tag in ("code", "tt", "pre", "span") and e.text.strip() in ("tickcode", "x", "1+1")), where
            assert not (e.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and e.text.strip().startswith("heading")), where
            assert e.attrs.get("id") != "label", where
            assert "math" not in e.classes, where  # dollarmath never made math of a name


def test_mathjax_would_leave_every_dollar_alone(pages):
    """MathJax typesets $...$ inside output_area and math elements unless a nearer element says to ignore it; each
    text of a page's body (the head's <title> is never typeset) must have an ignoring element nearest."""
    checked = 0
    for name, page in pages.items():
        for text, ancestors in page.texts:
            if "$x^2$" not in text and "$x^{$" not in text or any(e.tag == "head" for e in ancestors):
                continue
            checked += 1
            nearest = next((e for e in reversed(ancestors) if e.classes & (MATHJAX_IGNORE | MATHJAX_PROCESS)), None)
            assert nearest is not None and nearest.classes & MATHJAX_IGNORE, f"{name}: {text!r}"
    assert checked >= 10


def test_every_notebook_ran_clean_and_its_tables_are_not_math(site):
    notebooks = sorted((site / "book").rglob("*.ipynb"))
    assert len(notebooks) == 16  # both editions
    tables = 0
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert not [o for o in outputs if o.output_type in ("error", "stream")], path
        for o in outputs:
            html = o.get("data", {}).get("text/html", "")
            if "$x" in html:  # Jupyter itself typesets $...$ in an HTML output unless told not to
                tables += 1
                assert re.search(r'<table class="jt[^"]* tex2jax_ignore mathjax_ignore"', html), path
    assert tables >= 5


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_charts_of_hostile_names_were_drawn(pages, lang):
    performance = pages[f"{lang}/{KEY}/{YEAR}/performance.html"]
    assert sum(e.tag == "img" and "_images/" in e.attrs.get("src", "") for e in performance.elements) == 1
    basic = pages[f"{lang}/{KEY}/{YEAR}/basic.html"]
    assert sum(e.tag == "img" and "_images/" in e.attrs.get("src", "") for e in basic.elements) == 2


def test_a_dollar_in_a_chart_label_is_text_not_mathtext():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [LEVEL1, "$x^2$", "$\\frac{1}{2}$ 元", charts.label("$x^2$", "cost")]
    ax = charts.barh(names, [1, 2, 3, 4], title="$x^{$ title")
    ax.figure.canvas.draw()  # mathtext would raise on "$x^{$"
    labels = ax.get_yticklabels()
    assert [t.get_text() for t in labels] == names
    assert [t.get_parse_math() for t in labels] == [False] * 4
    assert ax.title.get_parse_math() is False
    # drawn as the characters themselves: as wide as the same text with the dollar signs escaped
    renderer = ax.figure.canvas.get_renderer()
    plain = ax.text(0, 0, "$x^2$".replace("$", r"\$"), parse_math=True, fontsize=labels[1].get_fontsize())
    assert labels[1].get_window_extent(renderer).width == pytest.approx(plain.get_window_extent(renderer).width)
    plt.close("all")


# --- the Excel workbook (publish.workbook) -----------------------------------------------------------------------

def test_workbook_keeps_a_name_starting_with_equals_as_text(site):
    """CSV/formula injection: a project named '=HYPERLINK(...)' must be a text cell, not a live formula.

    openpyxl stores a string starting with '=' as a formula (data_type 'f') unless workbook() says otherwise:
    the workbook of commit 8f5ce6a, which appended every CSV cell as-is, wrote B31 of this sheet as a formula."""
    from openpyxl import load_workbook

    wb = load_workbook(site / "_build" / "downloads" / f"juesuan-{KEY}-{YEAR}-en.xlsx")
    sheet = wb["Projects"]
    header = [c.value for c in sheet[1]]
    names = [row[header.index("Name")] for row in sheet.iter_rows(min_row=2)]
    cells = [c for c in names if c.value == PROJECT_FORMULA]
    assert len(cells) == 1
    assert any(c.value == PROJECT_SCRIPT + "（长教函〔2024〕115号）" and c.data_type == "s" for c in names)
    assert cells[0].data_type == "s", f"{cells[0].coordinate} is stored as a formula: {cells[0].value}"
