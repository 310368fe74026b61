"""Where a line of the report stands (data/places.py), from report.json as ingest wrote it: the committed seed year
(data/2024, lines and headings typed from the seed) and a Shanghai text conversion with page markers."""

from __future__ import annotations

import json

import pytest

from juesuan.data.places import Place, describe, locate

from ..conftest import ROOT, SHARED, SEED_DATA

PART3 = "第三部分 2024年度部门决算情况说明"
SECTION6 = "六、一般公共预算财政拨款基本支出决算情况说明"


@pytest.fixture(scope="module")
def seed_report() -> dict:
    return json.loads((SEED_DATA / "2024" / "report.json").read_text(encoding="utf-8"))


def test_the_奖金_sentence_of_the_seed(seed_report):
    place = locate(seed_report, 370)  # 奖金 150.04 万元
    assert place == Place(part=PART3, part_number=3, heading=SECTION6)
    assert describe(place, "zh") == f"{PART3} › {SECTION6}"  # the seed's conversion marks no pages
    assert describe(place, "en") == f"Part 3: 2024年度部门决算情况说明 › section {SECTION6}"


def test_a_sub_section_and_a_heading_closing_it(seed_report):
    place = locate(seed_report, 362)  # 基本支出年初预算数为 629.55 万元 …
    assert (place.heading, place.subheading) == ("五、一般公共预算财政拨款支出决算情况说明", "（三）一般公共预算财政拨款支出决算具体情况")
    assert locate(seed_report, 366).subheading is None  # 六、 closes 五、's sub-sections
    assert locate(seed_report, 366).heading == SECTION6


def test_a_line_of_a_table_names_the_table_with_its_label(seed_report):
    place = locate(seed_report, 249)
    assert (place.part, place.heading, place.table) == ("第二部分 部门决算表", None, "t06")
    assert describe(place, "zh") == "第二部分 部门决算表 › 公开06表 一般公共预算财政拨款基本支出决算明细表"
    assert describe(place, "en") == "Part 2: 部门决算表 › table 公开06表 一般公共预算财政拨款基本支出决算明细表"


def test_an_annex_grid_under_the_headings_of_the_self_evaluation(seed_report):
    place = locate(seed_report, 600)  # a row of the project list
    assert (place.part, place.heading, place.subheading, place.point) == (
        "第五部分 附件", "二、一般公共预算支出情况", "（二）项目支出", "2.项目资金实际使用情况分析")
    assert (place.table, place.table_title) == ("projects", None)  # published under a paragraph, not a title
    assert describe(place, "zh").endswith("2.项目资金实际使用情况分析 › 项目支出明细")
    place = locate(seed_report, 830)
    assert (place.heading, place.table, place.table_title) == ("十二、附件", "performance", "2024年度部门整体支出绩效自评表")


def test_the_contents_and_the_cover(seed_report):
    assert locate(seed_report, 21) == Place(contents=True)  # - 六、一般公共预算财政拨款基本支出决算明细表
    assert describe(locate(seed_report, 21), "zh") == "目录"
    assert locate(seed_report, 3) == Place() and describe(Place(), "en") == ""
    assert locate(seed_report, None) == Place()  # a finding without a line


def test_pages_where_the_report_tells_them():
    report = {"outline": [{"line": 10, "level": 1, "number": 3, "text": PART3},
                          {"line": 12, "level": 2, "number": 6, "text": SECTION6}],
              "pages": [{"line": 1, "page": 1}, {"line": 11, "page": 14, "printed": 12}, {"line": 20, "page": 15}]}
    assert locate(report, 10).page == 1 and locate(report, 19).page == 14 and locate(report, 20).page == 15
    assert describe(locate(report, 12), "zh") == f"{PART3} › {SECTION6}，第 14 页（页码 12）"
    assert describe(locate(report, 12), "en") == f"Part 3: 2024年度部门决算情况说明 › section {SECTION6}, page 14 (numbered 12)"
    assert describe(locate(report, 25), "zh").endswith("，第 15 页")
    assert describe(Place(page=3), "zh") == "第 3 页" and describe(Place(page=3), "en") == "page 3"


def test_a_heading_without_a_number_stands_under_the_section_until_the_next_heading():
    report = {"outline": [{"line": 1, "level": 1, "number": 5, "text": "第五部分 附件"},
                          {"line": 2, "level": 2, "number": 12, "text": "十二、附件"},
                          {"line": 3, "level": 0, "text": "部门整体支出绩效自评报告"},
                          {"line": 5, "level": 2, "number": 1, "text": "一、部门概况"}]}
    assert (locate(report, 4).heading, locate(report, 4).title) == ("十二、附件", "部门整体支出绩效自评报告")
    assert (locate(report, 6).heading, locate(report, 6).title) == ("一、部门概况", None)
    assert describe(locate(report, 4), "zh") == "第五部分 附件 › 十二、附件 › 部门整体支出绩效自评报告"


def test_a_shanghai_line_by_part_heading_and_page():
    path = SHARED / "reports" / "2025_shanghai-putuo-wenlvju.txt"
    if not path.exists():
        pytest.skip(f"the sample report is not beside the project ({path.name} is absent)")
    from juesuan.read.ingest import parse_file

    report = parse_file(path, 2025).report
    place = locate(report, 410)  # below === 第22页 === (line 398), under （三）一般公共预算财政拨款支出决算具体情况
    assert place.page == 22 and place.part == "第三部分 上海市普陀区文化和旅游局2025年度部门决算情况说明"
    assert describe(place, "zh") == ("第三部分 上海市普陀区文化和旅游局2025年度部门决算情况说明 › 五、一般公共预算财政拨款支出决算情况说明"
                                     " › （三）一般公共预算财政拨款支出决算具体情况，第 22 页")
    table = locate(report, 90)  # a row of 收入支出决算总表, under the part printed without its number
    assert describe(table, "en") == "Part 2: 上海市普陀区文化和旅游局2025年度部门决算表 › table 收入支出决算总表, page 6"
