"""The downloads (publish/downloads.py, workbook.py): each year's zip is a Data Package that validates as downloaded,
its CSV files open in Excel (a byte-order mark before the committed bytes), the same data gives the same bytes, the
workbooks speak the edition's language with amounts as formatted numbers, only the template's tables are offered,
and the data appendix links exactly the files written."""

from __future__ import annotations

import json
import re
import shutil
import socket
import zipfile
from decimal import Decimal
from pathlib import Path

import frictionless
import pandas as pd
import pytest
from openpyxl import load_workbook

from juesuan.data.datasets import DATASETS, read_csv, write_csv
from juesuan.publish import book, downloads, workbook

from ..conftest import SEED_DATA, SEED_UNIT

YEAR = 2024
UNIT = SEED_UNIT
SEED_NAMES = [n for n in DATASETS if n != "u04_fiscal_expenditure"]  # the seed is a national nine-table report


def offered(folder: Path) -> list[Path]:
    """The files of the downloads folder: every one is offered."""
    return sorted(folder.iterdir())


def project(root: Path) -> Path:
    """A project whose collection is the seed's unit alone."""
    shutil.copytree(SEED_DATA, root / "data" / UNIT)
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = project(tmp_path_factory.mktemp("downloads") / "p")
    downloads.write_all(root)
    return root / downloads.FOLDER


@pytest.fixture(scope="module")
def unzipped(built, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built / downloads.zip_name(UNIT, YEAR)) as z:
        z.extractall(folder)
    return folder


@pytest.fixture
def offline(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("the network is shut in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# ---------------------------------------------------------------- the zip

def test_the_zip_holds_the_package_flat_with_only_the_templates_tables(built):
    with zipfile.ZipFile(built / downloads.zip_name(UNIT, YEAR)) as z:
        names = z.namelist()
    assert names == ["datapackage.json", "README.md", "report.json"] + [f"{n}.csv" for n in SEED_NAMES]
    assert "u04_fiscal_expenditure.csv" not in names


def test_the_unzipped_package_validates_offline(unzipped, offline):
    report = frictionless.validate(str(unzipped / "datapackage.json"))
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])[:10]
    assert not report.warnings
    assert [t.name for t in report.tasks] == SEED_NAMES + ["report"]
    descriptor = json.loads((unzipped / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in descriptor["resources"]} | {"datapackage.json", "README.md"} == {
        p.name for p in unzipped.iterdir()}
    assert "byte-order mark" in descriptor["description"] and "BOM" in descriptor["description_zh"]


def test_frictionless_reads_the_exact_figures_through_the_byte_order_mark(unzipped):
    resource = frictionless.Package(str(unzipped / "datapackage.json")).get_resource("t03_expenditure")
    rows = resource.read_rows()
    assert resource.header[0] == "code"  # the mark is not part of the first column's name
    total = next(r for r in rows if r["level"] == "total" and r["column"] == "total")
    assert (total["name_zh"], total["amount_wan_yuan"]) == ("合计", Decimal("2773.47"))


def test_each_csv_is_the_committed_file_after_a_utf8_byte_order_mark(unzipped):
    for name in SEED_NAMES:
        committed = (SEED_DATA / str(YEAR) / f"{name}.csv").read_bytes()
        downloaded = (unzipped / f"{name}.csv").read_bytes()
        assert downloaded.startswith(b"\xef\xbb\xbf") and not committed.startswith(b"\xef\xbb\xbf")
        assert downloaded.decode("utf-8-sig") == committed.decode("utf-8")
    # the committed data keeps no mark: a clean diff
    assert (SEED_DATA / str(YEAR) / "datapackage.json").read_text(encoding="utf-8").count('"encoding": "utf-8"')


def test_the_readme_is_the_dictionary_of_the_zip_in_both_languages(unzipped):
    text = (unzipped / "README.md").read_text(encoding="utf-8")
    assert "长沙市现代教育技术中心 2024 年度部门决算数据" in text and "final accounts 2024" in text
    assert "支出决算表（t03_expenditure.csv）" in text and "Expenditure (t03_expenditure.csv)" in text
    assert "u04_fiscal_expenditure" not in text


def _rows(path: Path) -> dict[str, list]:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        names = [n for (n,) in con.execute("select table_name from information_schema.tables order by 1").fetchall()]
        return {n: con.execute(f'select * from "{n}" order by all').fetchall() for n in names}


def test_building_twice_gives_the_same_bytes(built, tmp_path):
    again = tmp_path / "again"
    downloads.write_all(project(again))
    for path in sorted(offered(built)):
        if path.name == downloads.DATABASE:  # DuckDB's file is not byte-stable: the same rows, table by table
            assert _rows(again / downloads.FOLDER / path.name) == _rows(path)
            continue
        assert (again / downloads.FOLDER / path.name).read_bytes() == path.read_bytes(), path.name
        with zipfile.ZipFile(path) as z:  # nothing in the file says when it was made
            assert {i.date_time for i in z.infolist()} == {workbook.STAMP}
            if path.suffix == ".xlsx":
                core = z.read("docProps/core.xml").decode()
                assert "created" not in core and "modified" not in core


def test_a_universitys_year_offers_u04_and_not_the_national_tables(tmp_path, offline):
    root = project(tmp_path / "p")
    path = root / "data" / UNIT / str(YEAR) / "report.json"
    report = json.loads(path.read_text(encoding="utf-8"))
    report["template"]["id"] = "university"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    downloads.write_all(root)
    with zipfile.ZipFile(root / downloads.FOLDER / downloads.zip_name(UNIT, YEAR)) as z:
        z.extractall(tmp_path / "u")
        names = [n for n in z.namelist() if n.endswith(".csv")]
    assert "u04_fiscal_expenditure.csv" in names
    assert not {f"{n}.csv" for n in DATASETS if DATASETS[n]["table"] in ("t04", "t05", "t06", "t07", "t08", "t09")
                } & set(names)
    assert frictionless.validate(str(tmp_path / "u" / "datapackage.json")).valid  # an empty table validates too
    sheets = load_workbook(root / downloads.FOLDER / downloads.workbook_name(UNIT, YEAR, "zh")).sheetnames
    assert "高等学校财政拨款支出决算表" in sheets and "财政拨款“三公”经费支出决算表" not in sheets


def test_a_year_removed_from_data_leaves_no_download_behind(tmp_path):
    root = project(tmp_path / "p")
    stale = root / downloads.FOLDER / "juesuan-2019.zip"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    written = downloads.write_all(root)
    assert not stale.exists()
    assert sorted(p.name for p in written) == sorted(p.name for p in (root / downloads.FOLDER).iterdir()
                                                     if not p.name.startswith("."))


def test_a_unit_year_whose_data_did_not_change_is_not_written_again(tmp_path):
    root = project(tmp_path / "p")
    downloads.write_all(root)
    out = root / downloads.FOLDER
    workbook_file = out / downloads.workbook_name(UNIT, YEAR, "zh")
    first = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    downloads.write_all(root)
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == first  # nothing rewritten
    path = root / "data" / UNIT / str(YEAR) / "projects.csv"
    rows = read_csv(path)
    rows[0]["name_zh"] = "改过的项目名称"
    write_csv(path, "projects", rows)
    downloads.write_all(root)
    assert workbook_file.stat().st_mtime_ns != first[workbook_file.name]
    sheet = load_workbook(workbook_file)["项目支出明细"]
    assert sheet["B2"].value == "改过的项目名称"


# ---------------------------------------------------------------- the workbooks

def sheet_rows(sheet):
    header = [c.value for c in sheet[1]]
    return header, [dict(zip(header, row)) for row in sheet.iter_rows(min_row=2)]


def test_the_chinese_workbook_speaks_chinese_with_amounts_as_formatted_numbers(built):
    wb = load_workbook(built / downloads.workbook_name(UNIT, YEAR, "zh"))
    from juesuan.data import labels

    assert wb.sheetnames == ["说明"] + [labels.title(n, "zh") for n in SEED_NAMES]
    assert "高等学校财政拨款支出决算表" not in wb.sheetnames  # the seed's template has no u04
    header, rows = sheet_rows(wb["支出决算表"])
    assert header == ["科目代码", "名称", "级次", "栏目", "栏目（原文）", "金额（万元）", "填列方式", "报告行号"]
    total = next(r for r in rows if r["级次"].value == "合计" and r["栏目"].value == "支出合计")
    amount = total["金额（万元）"]
    assert (amount.value, amount.data_type, amount.number_format) == (2773.47, "n", "#,##0.00")
    assert total["名称"].value == "合计" and total["填列方式"].value == "数字" and total["栏目（原文）"].value == "本年支出合计"
    assert wb["支出决算表"].freeze_panes == "A2"
    # other decimals as published: the execution rate to seven places, a score to one
    _, funds = sheet_rows(wb["绩效自评资金情况"])
    rate = next(r for r in funds if r["栏目"].value == "执行率")["数值"]
    assert (rate.value, rate.number_format) == (0.9661907, "0.0000000")
    score = next(r for r in funds if r["项目"].value == "政府性基金拨款:")["数值"]
    assert (score.value, score.number_format) == (2131.1, "0.0")
    # the project list in 元, as numbers
    _, projects = sheet_rows(wb["项目支出明细"])
    assert (projects[0]["金额（元）"].value, projects[0]["金额（元）"].number_format) == (2800000, "#,##0.00")
    assert projects[0]["资金文件"].value == "长教函〔2024〕115号"


def test_the_english_workbook_speaks_english(built):
    wb = load_workbook(built / downloads.workbook_name(UNIT, YEAR, "en"))
    assert wb.sheetnames[0] == "About" and "Expenditure" in wb.sheetnames
    header, rows = sheet_rows(wb["Expenditure"])
    assert header == ["Code", "Name", "Level", "Column", "Column as published", "Amount (10,000 yuan)", "Printed as",
                      "Report line"]
    total = next(r for r in rows if r["Level"].value == "total" and r["Column"].value == "total expenditure")
    assert (total["Amount (10,000 yuan)"].value, total["Amount (10,000 yuan)"].number_format) == (2773.47, "#,##0.00")
    assert total["Name"].value == "合计"  # the report's own words stay as published
    _, sides = sheet_rows(wb["Income and expenditure"])
    assert {r["Side"].value for r in sides} == {"income", "expenditure"}


def test_the_first_sheet_says_what_the_workbook_is(built):
    report = json.loads((SEED_DATA / str(YEAR) / "report.json").read_text(encoding="utf-8"))
    for lang, unit_label, sha_label in (("zh", "单位", "来源文件 SHA-256 校验值"), ("en", "Unit", "Its SHA-256")):
        about = load_workbook(built / downloads.workbook_name(UNIT, YEAR, lang)).worksheets[0]
        facts = {row[0].value: row[1].value for row in about.iter_rows(min_row=3, max_row=11)}
        assert facts[unit_label] == report["unit_zh"] == "长沙市现代教育技术中心"
        assert facts[sha_label] == report["source"]["sha256"]
        links = [row[0] for row in about.iter_rows(min_row=14) if row[0].hyperlink]
        assert len(links) == len(SEED_NAMES)
        assert [row[1].value for row in about.iter_rows(min_row=14)] == [f"{n}.csv" for n in SEED_NAMES]


def test_a_report_string_starting_with_equals_stays_text(tmp_path):
    root = project(tmp_path / "p")
    path = root / "data" / UNIT / str(YEAR) / "projects.csv"
    rows = read_csv(path)
    rows[0]["name_zh"] = '=HYPERLINK("http://x","y")'
    write_csv(path, "projects", rows)
    downloads.write_all(root)
    sheet = load_workbook(root / downloads.FOLDER / downloads.workbook_name(UNIT, YEAR, "zh"))["项目支出明细"]
    cell = sheet["B2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x","y")', "s")


# ---------------------------------------------------------------- any table as a workbook (the list of fixes)

def test_table_workbook_lays_out_a_table_to_read_print_and_send(tmp_path):
    frame = pd.DataFrame({"序号": [1, 2], "位置": ["表 03 合计行", "第二部分"],
                          "原文": ["=100%", "支出合计 2,773.47 万元，比上年减少 765.21 万元，下降 21.63%"],
                          "应改为": [Decimal("77.00"), Decimal("9.6619070")], "后果": [["表 01 不平", "表 04 不平"], []]})
    target = tmp_path / "fixes.xlsx"
    workbook.table_workbook(frame, target, title="2024 年度部门决算报告整改清单", sheet="整改清单")
    ws = load_workbook(target)["整改清单"]
    assert ws["A1"].value == "2024 年度部门决算报告整改清单" and ws["A1"].font.b
    assert [c.value for c in ws[2]] == list(frame.columns)
    assert all(c.font.b and c.fill.fgColor.rgb.endswith(workbook.HEADER_FILL) for c in ws[2])
    assert ws.freeze_panes == "A3" and ws.print_title_rows == "$2:$2"
    assert (ws["C3"].value, ws["C3"].data_type) == ("=100%", "s")
    assert (ws["D3"].value, ws["D3"].number_format) == (77, "#,##0.00")
    assert (ws["D4"].value, ws["D4"].number_format) == (9.661907, "#,##0.0000000")  # the decimals it has
    assert (ws["A3"].value, ws["A3"].data_type) == (1, "n")
    assert ws["E3"].value == "表 01 不平\n表 04 不平" and ws["E3"].alignment.wrap_text
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    widths = {c: ws.column_dimensions[c].width for c in "ABCDE"}
    assert widths["A"] >= workbook.width("序号") and widths["C"] == workbook.TABLE_WIDTH  # the long text wraps
    assert ws["C4"].alignment.wrap_text and ws.row_dimensions[4].height == 2 * workbook.LINE  # two lines high
    assert ws.row_dimensions[3].height == 2 * workbook.LINE  # the two consequences, a line each


def test_the_list_of_fixes_is_a_workbook_with_one_row_per_error_of_the_report(built):
    """The seed's five errors (read in the report: 642.37 for 642.36, 奖金 150.04 for 150.05, 100% of the wrong base,
    99.70 for the table's 99.68, a budget-execution score of 9.68 for 0.9661907 × 10), each a row to send to the unit."""
    for lang, head, title in (("zh", "序号", "长沙市现代教育技术中心 2024 年度部门决算报告整改清单"),
                              ("en", "No.", "长沙市现代教育技术中心: list of fixes to the 2024 final accounts report")):
        ws = load_workbook(built / downloads.fixes_name(UNIT, YEAR, lang)).worksheets[0]
        assert (ws["A1"].value, ws["A2"].value) == (title, head)
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3) if row[0].value is not None]
        assert [r[0] for r in rows] == [1, 2, 3, 4, 5]
        assert ["奖金150.04万元", "奖金150.05万元"] == rows[1][2:5:2]  # 原文, 应改为
        assert rows[4][4] == ("年度资金总额：9.66 分")
        assert downloads.fixes_name(UNIT, YEAR, lang) in book.appendix(built.parent.parent, lang)


# ---------------------------------------------------------------- the data appendix

LINK = re.compile(r"\{download\}`([^<`]+) <\.\./\.\./([^>]+)>`")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_appendix_links_exactly_the_files_written_in_its_language(built, lang):
    text = book.appendix(built.parent.parent, lang)
    links = {path for _, path in LINK.findall(text)}
    written = {f"_build/downloads/{p.name}" for p in offered(built)}
    other = "en" if lang == "zh" else "zh"
    assert links == written - {f"_build/downloads/{downloads.workbook_name(UNIT, YEAR, other)}",
                               f"_build/downloads/{downloads.fixes_name(UNIT, YEAR, other)}"} | {f"data/{UNIT}/{YEAR}/report.json"}
    assert (SEED_DATA / str(YEAR) / "report.json").exists()
    assert "juesuan ingest" not in text  # a reader's page, not a developer's note
    assert "u04_fiscal_expenditure.csv <" not in text and ".csv <" not in text  # one zip, not loose CSV files


def test_the_chinese_appendix_and_its_dictionary_are_chinese(tmp_path):
    root = project(tmp_path / "p")
    text = book.appendix(root, "zh")
    assert "## 数据字典" in text and "### 支出决算表\n\n文件 `t03_expenditure.csv`。" in text
    assert "Excel 工作簿" in text and "数据包（zip）" in text
    assert "| 金额（万元） |" not in text and "  - 金额（万元）" in text  # a list-table: no header wraps by the character
    assert DATASETS["t03_expenditure"]["columns"]["amount_wan_yuan"].doc not in text  # no English meaning
    english = book.appendix(root, "en")
    assert "### Expenditure\n\nFile `t03_expenditure.csv`." in english and "数据字典" not in english


def test_sphinx_finds_the_downloads_from_an_editions_own_source_folder(tmp_path):
    """Links of the form ../../_build/downloads/… from book/<lang>/data.md resolve with book/<lang> as Sphinx's
    source folder too (the per-edition build): Sphinx copies a download from outside its source folder."""
    from sphinx.application import Sphinx

    root = project(tmp_path / "p")
    downloads.write_all(root)
    source = root / "book" / "zh"
    source.mkdir(parents=True)
    (source / "conf.py").write_text('extensions = ["myst_parser"]\nmyst_enable_extensions = []\n', encoding="utf-8")
    page = book.appendix(root, "zh")
    (source / "index.md").write_text(page, encoding="utf-8")
    app = Sphinx(str(source), str(source), str(tmp_path / "html"), str(tmp_path / "doctrees"), "html",
                 warningiserror=True, status=None)
    app.build()
    copied = {p.name for p in (tmp_path / "html" / "_downloads").rglob("*") if p.is_file()}
    assert copied == {downloads.zip_name(UNIT, YEAR), downloads.workbook_name(UNIT, YEAR, "zh"),
                      downloads.fixes_name(UNIT, YEAR, "zh"), "report.json", downloads.DATABASE}
