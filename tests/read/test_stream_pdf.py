"""Tables without cell rules, read from where their words stand (read/stream.py, streamtable.py, streamheader.py).

The seed and a Shanghai sample are printed by headless Chromium as three-line tables (三线表: a rule above each
table, one under its header, one below it, none between the cells), by the same generic rendering as the ruled
round trip (tests/read/test_hunan_pdf.py), and read back: the tables come out as the text's. Headers over two to four
rows with labels spanning columns and rows, cells wrapped around their row's figures, a total row set left where the
other figures are set right, tables broken over pages under their header repeated, tables published blank.
"""

from __future__ import annotations

import re

import pytest

from ..conftest import SEED, SHARED
from .test_hunan_pdf import CSS, _missing, assert_read_alike, print_pdf, render_html

# the rules of a three-line table, and none between the cells
THREE_LINE = ("\nth, td { border: none !important; } thead tr:first-child th { border-top: 1.5pt solid #000 "
              "!important; } thead tr:last-child th { border-bottom: 0.75pt solid #000 !important; } table { "
              "border-bottom: 1.5pt solid #000; }\n")
NINE = ["t01_summary", "t02_income", "t03_expenditure", "t04_fiscal_summary", "t05_general_budget",
        "t06_basic_economic", "t07_gov_fund", "t08_state_capital", "t09_three_public"]
WENLV = SHARED / "reports" / "2025_shanghai-putuo-wenlvju.txt"


def _print(text: str, folder, name: str, css: str):
    page = folder / f"{name}.html"
    page.write_text(render_html(text).replace(CSS, css), encoding="utf-8")
    pdf = folder / f"{name}.pdf"
    print_pdf(page, pdf, folder / "profile")
    return pdf


@pytest.fixture(scope="module")
def seed_three_line(tmp_path_factory):
    problem = _missing()
    if problem:
        pytest.skip(problem)
    from juesuan.read.ingest import parse_file

    folder = tmp_path_factory.mktemp("three_line")
    pdf = _print(SEED.read_text(encoding="utf-8"), folder, "seed", CSS + THREE_LINE)
    return parse_file(SEED, 2024), parse_file(pdf, 2024, partial=True)


@pytest.mark.parametrize("name", NINE + ["projects", "procurement"])
def test_the_seed_printed_as_three_line_tables_reads_to_the_text_s_tables(seed_three_line, name):
    text, pdf = seed_three_line
    assert text.datasets[name]
    assert_read_alike(text, pdf, name)


def test_how_each_table_was_read_is_in_the_report(seed_three_line):
    _, pdf = seed_three_line
    assert {t: v["read"] for t, v in pdf.report["tables"].items()} == {t: "word positions" for t in
                                                                      ["t01", "t02", "t03", "t04", "t05", "t06", "t07",
                                                                       "t08", "t09"]}
    assert pdf.report["sections"]["projects"]["read"] == "word positions"
    assert not [u for u in pdf.report["unread"] if u["table"] in {"t0" + str(k) for k in range(1, 10)}]


@pytest.fixture(scope="module")
def wenlv_three_line(tmp_path_factory):
    problem = _missing()
    if problem:
        pytest.skip(problem)
    if not WENLV.exists():
        pytest.skip(f"the sample is not beside the project ({WENLV.name} is absent)")
    from juesuan.read.ingest import parse, parse_file

    # the conversion's page markers (=== 第N页 ===) cut its tables in pieces, each of its own widths once printed;
    # without them each table is one, broken over pages by the browser under its header repeated, as published
    text = re.sub(r"(?m)^=== 第\d+页 ===\n", "", WENLV.read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp("three_line_wenlv")
    pdf = _print(text, folder, "wenlv", CSS + THREE_LINE)
    return parse(text, 2025), parse_file(pdf, 2025)


@pytest.mark.parametrize("name", [n for n in NINE if n != "t08_state_capital"])
def test_a_shanghai_sample_printed_as_three_line_tables_reads_to_its_tables(wenlv_three_line, name):
    """Shanghai's layout: codes in 类/款/项 columns, 三公 as table 07 with a four-row header, 政府性基金 with data,
    tables over several pages. Table 08 is published blank with the words of its sub-header moved into its total
    row by the conversion (合计 | 合计 | 基本支出 | 项目支出): printed without rules, those words stand under 本年支出
    with nothing to tell they were its sub-labels, and its columns are not told apart."""
    text, pdf = wenlv_three_line
    assert text.datasets[name]
    assert_read_alike(text, pdf, name)
