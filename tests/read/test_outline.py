"""The report's outline (its headings by level), its table of contents and its pages, as ingest records them in
report.json. Expected headings, lines and pages are typed from the seed, the Shanghai text conversions and the
财政局 PDF (../shared); a page is checked against the PDF itself, opened with pdfplumber."""

from __future__ import annotations

import re

import pytest

from juesuan.read import outline, pages, pdf
from juesuan.read.blocks import split
from juesuan.read.ingest import parse, parse_file
from juesuan.read.prose import sections

from ..conftest import SHARED

REPORTS = SHARED / "reports"


def _report(name: str, year: int) -> dict:
    path = REPORTS / name
    if not path.exists():
        pytest.skip(f"the sample report is not beside the project ({name} is absent)")
    return parse_file(path, year).report


@pytest.fixture(scope="module")
def wenlv() -> dict:
    return _report("2025_shanghai-putuo-wenlvju.txt", 2025)


def headings(report: dict, level: int) -> list[tuple[int, str]]:
    return [(h["line"], h["text"]) for h in report["outline"] if h["level"] == level]


# ---------------------------------------------------------------- the seed (markdown conversion)

def test_the_seeds_parts_as_published_each_on_one_line(seed):
    assert headings(seed.report, 1) == [
        (56, "第一部分 长沙市现代教育技术中心部门（单位）概况"),  # "# 第一部分" with "## 长沙市…概况" below it
        (77, "第二部分 部门决算表"),
        (328, "第三部分 2024年度部门决算情况说明"),
        (518, "第四部分 名词解释"),
        (526, "第五部分 附件"),
    ]


def test_the_seeds_sections_of_part_three_in_order(seed):
    part3 = [h for h in seed.report["outline"] if 328 < h["line"] < 518 and h["level"] == 2]
    assert [h["number"] for h in part3] == list(range(1, 15))
    assert (part3[5]["line"], part3[5]["text"]) == (366, "六、一般公共预算财政拨款基本支出决算情况说明")
    assert (part3[13]["line"], part3[13]["text"]) == (422, "十四、关于2024年度预算绩效情况的说明")  # "十四、关于 2024 年度…"
    assert [(h["line"], h["text"]) for h in seed.report["outline"] if 348 < h["line"] < 366] == [
        (350, "(一)一般公共预算财政拨款支出决算总体情况"),  # "### (一) 一般…": spaces as the reader normalises them
        (354, "（二）一般公共预算财政拨款支出决算结构情况"),
        (358, "（三）一般公共预算财政拨款支出决算具体情况"),
    ]
    points = [(h["line"], h["text"]) for h in seed.report["outline"] if h["level"] == 4 and h["line"] < 518]
    assert points[0] == (436, "1.夯实根基，政治教育常态化")  # "### **1. 夯实根基，…**": markers stripped
    assert len(points) == 6


def test_the_奖金_sentence_stands_under_section_six(seed):
    assert "奖金 150.04 万元" in seed_line(seed, 370)
    above = [h for h in seed.report["outline"] if h["line"] <= 370]
    assert above[-1]["text"] == "六、一般公共预算财政拨款基本支出决算情况说明"
    assert [h for h in above if h["level"] == 1][-1]["text"].startswith("第三部分")


def seed_line(seed, line: int) -> str:
    return (SHARED / "seeds" / "000_c4f6e95a5d25307f.txt").read_text(encoding="utf-8").split("\n")[line - 1]


def test_the_seeds_contents_are_not_headings_of_the_body(seed):
    report = seed.report
    assert min(h["line"] for h in report["outline"]) == 56  # the 目录 (lines 7-54) and the cover stand before
    contents = report["contents"]
    assert (contents[0]["line"], contents[0]["text"]) == (9, "第一部分 长沙市现代教育技术中心部门（单位）概况")
    assert contents[1] == {"line": 11, "level": 2, "text": "一、部门职责",  # "- 一、部门职责": list mark gone
                           "body_line": 60}  # where the body has it
    assert [c["text"] for c in contents if c["level"] == 1][2:] == [
        "第三部分 部门决算情况说明", "第四部分 名词解释", "第五部分 附件"]
    assert len(contents) == 30 and "pages" not in report  # the conversion marks no pages
    # every entry stands in the body, in the order the 目录 lists them (its 第三部分 without the body's year, its
    # 十四、…预算绩效管理情况 where the body says 预算绩效情况)
    found = [c["body_line"] for c in contents]
    assert None not in found and found == sorted(found)
    assert found[contents.index(next(c for c in contents if c["text"].startswith("十四、")))] == 422


def test_a_list_in_the_annex_is_not_read_as_headings(seed):
    # 第四部分 名词解释: "1. 机关运行经费：是指…" are definitions, not headings
    assert not [h for h in seed.report["outline"] if 518 < h["line"] < 526]


def test_every_heading_of_the_outline_is_one_the_prose_files_its_figures_under(seed_path):
    """One heading detector: a line of the outline is a heading to prose.sections() too (or the rest of a part's
    title, or a part the contents name), so a figure's section and its place never disagree."""
    doc = split(seed_path.read_text(encoding="utf-8"))
    outline_lines = {h["line"] for h in outline.outline(doc)[0]}
    paragraph_lines = {line for line, _, _ in sections(doc)}
    assert outline_lines and not outline_lines & paragraph_lines


# ---------------------------------------------------------------- Shanghai text conversion (=== 第N页 ===)

def test_a_prose_lines_page_is_the_marker_above_it(wenlv):
    text = (REPORTS / "2025_shanghai-putuo-wenlvju.txt").read_text(encoding="utf-8").split("\n")
    recorded = wenlv["pages"]
    assert len(recorded) == 33 and recorded[21] == {"line": 398, "page": 22}
    starts = [p["line"] for p in recorded]
    page = None
    for number, raw in enumerate(text, start=1):
        if m := re.match(r"=== 第(\d+)页 ===", raw):
            page = int(m.group(1))
        elif raw.strip() and page is None:
            assert number < starts[0]  # the source lines (# source: …) above the first page: no page
        elif raw.strip():
            at = max(i for i, start in enumerate(starts) if start <= number)
            assert recorded[at]["page"] == page, (number, raw)


def test_the_shanghai_outline(wenlv):
    assert headings(wenlv, 1) == [
        (39, "第一部分 上海市普陀区文化和旅游局概况"),
        (79, "上海市普陀区文化和旅游局2025年度部门决算表"),  # printed without 第二部分: the contents name it so
        (377, "第三部分 上海市普陀区文化和旅游局2025年度部门决算情况说明"),  # "…决算情况" / "说明" on two lines
        (629, "第四部分 名词解释"),
    ]
    assert [h["number"] for h in wenlv["outline"] if h["level"] == 1] == [1, 2, 3, 4]
    assert headings(wenlv, 2)[:2] == [(40, "一、主要职能"), (66, "二、部门决算单位构成")]
    assert [line for line, _ in headings(wenlv, 2)][2:] == [379, 383, 386, 389, 394, 527, 539, 576, 590, 593, 607]
    assert headings(wenlv, 3) == [
        (395, "（一）一般公共预算财政拨款支出决算总体情况"), (400, "（二）一般公共预算财政拨款支出决算结构情况"),
        (407, "（三）一般公共预算财政拨款支出决算具体情况"),
        (540, "（一）“三公”经费财政拨款支出决算总体情况说明。"), (557, "（二）“三公”经费财政拨款支出决算具体情况说明。"),
        (608, "（一）机关运行经费支出情况"), (611, "（二）政府采购支出情况"), (622, "（三）国有资产占有使用情况说明"),
    ]
    # the duties (（一）贯彻执行…、 broken over lines), the 24 paragraphs 1、文化旅游体育与传媒支出（类）… that the
    # conversion breaks every ~28 characters, and the definitions of 名词解释 are not headings
    assert headings(wenlv, 4) == [] and len(wenlv["outline"]) == 25


def test_the_shanghai_contents(wenlv):
    contents = wenlv["contents"]
    assert (contents[0]["line"], contents[-1]["line"]) == (10, 37) and len(contents) == 26
    assert contents[13]["text"] == "第三部分 上海市普陀区文化和旅游局2025年度部门决算情况说明"  # over two lines


# ---------------------------------------------------------------- a PDF: pages by pdfplumber's page index

@pytest.fixture(scope="module")
def putuo():
    path = REPORTS / "2024_shanghai-putuo-caizhengju.pdf"
    if not path.exists():
        pytest.skip(f"the sample PDF is not beside the project ({path.name} is absent)")
    import pdfplumber

    text, starts = pdf.convert(path)
    with pdfplumber.open(path) as document:
        printed = [words(page.extract_text() or "") for page in document.pages]
    return parse(text, 2024, pages=starts).report, text.split("\n"), printed


def words(text: str) -> str:
    """Text without spaces, figures and quotes: pdfplumber's plain text sets them apart from their words here."""
    return re.sub(r"[\s\d.,%“”]", "", text)


def page_of(report: dict, line: int) -> int:
    return [p["page"] for p in report["pages"] if p["line"] <= line][-1]


def test_a_known_sentence_is_on_its_page_of_the_pdf(putuo):
    report, lines, printed = putuo
    line = next(n for n, text in enumerate(lines, start=1) if "一般公共预算财政拨款基本支出2336.91万元" in text)
    assert page_of(report, line) == 23  # the page that opens with 六、一般公共预算财政拨款基本支出决算情况说明
    sentence = words(lines[line - 1])[:40]
    assert sentence in printed[23 - 1] and sentence not in printed[22 - 1]
    assert report["pages"][0] == {"line": 1, "page": 1}
    assert len(report["pages"]) == 24  # 25 pages; one of them only carries on a paragraph begun the page before


def test_every_heading_is_on_the_first_page_after_the_contents_that_prints_it(putuo):
    report, _, printed = putuo
    contents_page = page_of(report, report["contents"][-1]["line"])
    assert contents_page == 3  # 目录 on pages 2 and 3
    for heading in report["outline"]:
        text = words(heading["text"])
        first = next(p for p in range(contents_page + 1, len(printed) + 1) if text in printed[p - 1])
        assert page_of(report, heading["line"]) == first, heading


def test_the_pdfs_outline(putuo):
    report, _, _ = putuo
    assert headings(report, 1) == [
        (30, "第一部分 上海市普陀区财政局概况"), (52, "第二部分 上海市普陀区财政局2024年度部门决算表"),
        (264, "第三部分 上海市普陀区财政局2024年度部门决算情况说明"),  # "## 说明", set larger, on the next line
        (315, "第四部分 名词解释"),
    ]
    assert len(headings(report, 2)) == 13 and len(headings(report, 3)) == 8 and not headings(report, 4)
    # （十二）完成区委、区政府交办的其他任务。 ends a list of duties whose other items are paragraphs: not a heading
    assert not [h for h in report["outline"] if h["text"].startswith("（十二）")]


def test_printed_page_numbers_are_kept_where_every_numbered_page_agrees():
    path = REPORTS / "2023_chongqing-swu-university.pdf"
    if not path.exists():
        pytest.skip(f"the sample PDF is not beside the project ({path.name} is absent)")
    _, starts = pdf.convert(path)
    assert [(p["page"], p.get("printed")) for p in starts[:4]] == [(1, None), (2, None), (3, 1), (4, 2)]
    assert all(p["printed"] == p["page"] - 2 for p in starts[2:])


# ---------------------------------------------------------------- page markers of a text conversion

def test_page_markers_start_their_pages():
    lines = ["=== 第1页 ===", "封面", "=== 第2页 ===", "目录", "=== 第3页 ==="]
    assert pages.from_text(lines) == [{"line": 1, "page": 1}, {"line": 3, "page": 2}, {"line": 5, "page": 3}]


def test_printed_page_numbers_at_the_foot():
    lines = ["第一部分", "一、主要职能", "- 1 -", "", "二、构成", "第2页 共3页", "三、说明", "3"]
    assert pages.from_text(lines) == [{"line": 1, "page": 1}, {"line": 4, "page": 2}, {"line": 7, "page": 3}]


def test_printed_page_numbers_at_the_head():
    lines = ["5", "一、主要职能", "6", "二、构成", "说明"]
    assert pages.from_text(lines) == [{"line": 1, "page": 5}, {"line": 3, "page": 6}]


@pytest.mark.parametrize("lines", [
    ["一、主要职能", "3", "二、构成", "7", "说明", "8"],  # numbers that skip: not a run of pages
    ["一、收入", "12", "说明"],  # one number in the middle of the text: a figure, not a page
    ["一、收入", "说明", "1"],  # one number alone
])
def test_numbers_that_do_not_run_as_pages_tell_no_pages(lines):
    assert pages.from_text(lines) == []


def test_a_text_without_page_furniture_has_no_pages_in_report_json(seed):
    assert "pages" not in seed.report


# ---------------------------------------------------------------- small texts: what is and is not a heading

def test_contents_with_dot_leaders_give_their_pages_and_stay_out_of_the_body():
    text = "\n".join([
        "目录", "一、学校概况......................1", "（一）学校基本情况..........1", "二、决算报表..............5",
        "一、学校概况", "（一）学校基本情况", "学校始建于1906年。", "二、决算报表", "说明如下。",
    ])
    found, contents = outline.outline(split(text))
    assert contents == [
        {"line": 2, "level": 2, "text": "一、学校概况", "page": 1},
        {"line": 3, "level": 3, "text": "（一）学校基本情况", "page": 1},
        {"line": 4, "level": 2, "text": "二、决算报表", "page": 5},
    ]
    assert [(h["line"], h["level"], h["number"]) for h in found] == [(5, 2, 1), (6, 3, 1), (8, 2, 2)]


def test_a_list_whose_items_are_sentences_is_not_a_series_of_headings():
    text = "\n".join([
        "一、主要职能", "（一）负责全区财政工作；", "（二）管理财政收支。", "二、机构设置", "本局设科室5个。",
    ])
    found, _ = outline.outline(split(text))
    assert [h["text"] for h in found] == ["一、主要职能", "二、机构设置"]


def test_a_series_that_skips_a_number_is_not_headings():
    text = "\n".join(["一、收入", "（一）财政拨款", "2024年收入100万元。", "（三）其他收入", "无。"])
    found, _ = outline.outline(split(text))
    assert [h["text"] for h in found] == ["一、收入"]


def test_a_marked_heading_without_a_number_is_level_zero():
    found, _ = outline.outline(split("# 部门整体支出绩效自评报告\n\n一、部门概况\n\n本部门…。\n"))
    assert [(h["level"], h["text"]) for h in found] == [(0, "部门整体支出绩效自评报告"), (2, "一、部门概况")]
    assert "number" not in found[0]


@pytest.mark.parametrize("text, number", [
    ("第三部分 说明", (1, 3)), ("十四、关于", (2, 14)), ("（二十一）其他", (3, 21)), ("(九)其他", (3, 9)),
    ("12.其他", (4, 12)), ("3、其他", (4, 3)), ("2024年度", None), ("1.5万元", None), ("十一五规划", None),
])
def test_numbering(text, number):
    assert outline.numbering(text) == number
