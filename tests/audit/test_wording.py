"""The checks a reviewer starts with, each on a variant of the 2024 report's text made by hand (a placeholder in a part
heading, a heading naming the wrong year, a table removed while the 目录 lists it, a 三公 table emptied without its
note, doubled punctuation, a sentence broken by a page …), read by ingest and judged by the audit; and none of them
raised on the report as published. The sample reports' own findings are in tests/read/test_reports.py and
test_pdf.py."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from juesuan import i18n
from juesuan.audit import checks, fixes
from juesuan.data.datasets import load
from juesuan.data.store import save
from juesuan.read.ingest import parse

from ..conftest import SEED_DATA


def audit(text: str, tmp_path, *, partial: bool = False) -> dict:
    save(parse(text, 2024, partial=partial), tmp_path, 2024)
    data = load(2024, tmp_path)
    return {f.id: f for f in checks.run(data)} | {"data": data}


def errors(found: dict, prefix: str) -> list:
    return [f for i, f in found.items() if i != "data" and i.startswith(prefix) and f.status == "mismatch"]


@pytest.fixture(scope="module")
def seed_findings():
    return {f.id: f for f in checks.run(load(2024, SEED_DATA))}


def test_the_report_as_published_raises_none_of_them(seed_findings):
    for check in ("word.leftovers", "word.years", "word.unit_names", "word.percent_signs", "contents"):
        assert seed_findings[check].status == "ok", check
    assert seed_findings["empty.t07"].status == "ok" and seed_findings["empty.t08"].status == "ok"  # 故本表无数据
    assert seed_findings["running_costs"].status == "not_applicable"  # 我中心为非参公事业单位


def test_a_placeholder_in_a_part_heading(seed_text, tmp_path):
    found = audit(seed_text.replace("## 长沙市现代教育技术中心部门（单位） 概况", "## XX局部门（单位） 概况"), tmp_path)
    hit = errors(found, "word.placeholder.58")
    assert len(hit) == 1 and hit[0].found == "XX" and "XX局部门" in hit[0].note
    assert not errors(found, "word.unit")  # the name with a placeholder is the placeholder's finding, once
    i18n.use("zh")
    row = next(f for f in fixes.fixes(found["data"], [v for k, v in found.items() if k != "data"])
               if f.finding.id == hit[0].id)
    assert row.place.startswith("第一部分") and row.quote.startswith("XX局") and row.correction == "填入实际内容（单位名称、年度或数字）"


def test_a_heading_naming_the_wrong_year(seed_text, tmp_path):
    found = audit(seed_text.replace("# 2024年度部门决算情况说明", "# 2023年度部门决算情况说明"), tmp_path)
    hit = errors(found, "word.year.")
    assert len(hit) == 1 and hit[0].expected == "第三部分 2024年度部门决算情况说明" and "2023年度" in hit[0].found
    # a comparison with the prior year is no heading's year: the seed's 与上年相比 raises nothing
    text = seed_text.replace("十四、关于2024年度预算绩效管理情况的说明", "十四、关于202 年度预算绩效管理情况的说明")
    broken = errors(audit(text, tmp_path / "b"), "word.year.")
    assert len(broken) == 1 and broken[0].title_en == "A year is printed incomplete" and "目录" not in broken[0].title_en


def test_the_units_name_otherwise_in_a_heading(seed_text, tmp_path):
    found = audit(seed_text.replace("## 长沙市现代教育技术中心部门（单位） 概况", "## 长沙市教育技术中心部门（单位） 概况"),
                  tmp_path)
    hit = errors(found, "word.unit.")
    assert len(hit) == 1 and hit[0].found == "长沙市教育技术中心" and hit[0].expected.startswith("长沙市现代教育技术中心")
    # another unit the text speaks of, opening a sentence with its year, is not the unit's name misprinted
    other = seed_text.replace("## 二、收入决算情况说明\n", "## 二、收入决算情况说明\n\n长沙市第一中学2024年度未纳入本部门决算。\n")
    assert "长沙市第一中学2024年度未纳入本部门决算" in other
    assert not errors(audit(other, tmp_path / "b"), "word.unit.")


def test_a_table_removed_while_the_contents_lists_it(seed_text, tmp_path):
    start = seed_text.index("## 支出决算表")
    end = seed_text.index("注：本表反映部门本年度各项支出情况。") + len("注：本表反映部门本年度各项支出情况。")
    found = audit(seed_text[:start] + seed_text[end:], tmp_path, partial=True)
    assert found["unread.t03"].status == "mismatch" and "缺表" in found["unread.t03"].title_zh
    listed = [f for i, f in found.items() if i.startswith("contents.")]
    assert [f.found for f in listed] == ["三、支出决算表"]  # the 目录 still lists it …
    assert (listed[0].status, listed[0].cause) == ("consequence", "unread.t03")  # … which follows from 缺表
    assert found["x.t01_t03.functions"].cause == "unread.t03"


def test_a_three_public_table_emptied_without_its_note(seed_text, tmp_path):
    figures = "0.50\t0.00\t0.00\t0.00\t0.00\t0.50\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00"
    assert figures in seed_text
    zeros = seed_text.replace(figures, "\t".join(["0.00"] * 12))
    found = audit(zeros, tmp_path)
    assert found["empty.t09"].status == "mismatch" and "注明" in found["empty.t09"].expected
    # with its note (故本表无数据) it says why: no finding
    noted = zeros.replace("注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。",
                          "说明：我单位没有“三公”经费支出，故本表无数据。")
    assert audit(noted, tmp_path / "b")["empty.t09"].status == "ok"
    # emptied of its rows altogether, read with --partial: the same finding
    blank = audit(seed_text.replace(figures + "\n", ""), tmp_path / "c", partial=True)
    assert blank["empty.t09"].status == "mismatch"


def test_doubled_punctuation_and_words(seed_text, tmp_path):
    text = seed_text.replace("主要是因为本年度压缩了信息化建设项目建设规模。", "主要是因为本年度压缩了信息化建设项目建设规模。。", 1)
    text = text.replace("我中心严格控制“三公”经费的开支", "我中心严格控制“三公”经费经费的开支", 1)
    found = audit(text, tmp_path)
    punctuation = errors(found, "word.punctuation.")
    assert len(punctuation) == 1 and punctuation[0].found == "。。" and punctuation[0].expected.endswith("规模。")
    doubled = errors(found, "word.doubled.")
    assert len(doubled) == 1 and doubled[0].found == "经费经费" and "经费的开支" in doubled[0].expected


def test_alternatives_of_the_template_left_in(seed_text, tmp_path):
    text = seed_text.replace("与上年相比,减少 765.34 万元,降低 21.63%", "与上年相比,减少（增加） 765.34 万元,降低 21.63%", 1)
    hit = errors(audit(text, tmp_path), "word.alternative.")
    assert len(hit) == 1 and hit[0].found == "减少（增加）" and hit[0].expected == "只保留与数字相符的一种：“减少”或“增加”"


def test_a_share_without_its_percent_sign_and_one_with_three_decimals(seed_text, tmp_path):
    text = seed_text.replace("基本支出 642.36 万元, 占 23.16%", "基本支出 642.36 万元, 占 23.16", 1)
    text = text.replace("项目支出 2,131.10 万元, 占 76.84%", "项目支出 2,131.10 万元, 占 76.839%", 1)
    found = audit(text, tmp_path)
    sign = errors(found, "word.percent_sign.")
    assert len(sign) == 1 and sign[0].expected.endswith("占23.16%")
    places = errors(found, "word.percent_decimals.")
    assert len(places) == 1 and places[0].expected.endswith("76.84%")


def test_rate_wording_a_rise_from_nothing_in_percent():
    from juesuan.audit.changes import _zero_base_change
    from types import SimpleNamespace as R

    rise = _zero_base_change(548, R(seq=134, value=D("0.40"), direction="increase"),
                             R(value=D("100"), quote_zh="增长100%"))
    assert rise.status == "mismatch" and rise.expected == "删去“增长100%”，说明上年无此项支出（新增 0.40 万元）"
    fall = _zero_base_change(548, R(seq=134, value=D("0.40"), direction="decrease"),
                             R(value=D("100"), quote_zh="下降100%"))
    assert fall.status == "not_applicable"


def test_the_items_of_table_05s_explanation_against_table_05(seed_text, tmp_path):
    third = "### （三）一般公共预算财政拨款支出决算具体情况\n"
    item = ("\n1、教育支出（类）普通教育（款）其他普通教育支出（项）46.95 万元。年初预算为 0 万元，支出决算为 "
            "{actual} 万元。\n")
    right = audit(seed_text.replace(third, third + item.format(actual="46.95")), tmp_path)
    assert [f.status for i, f in right.items() if i.startswith("prose.item.")] == ["ok", "ok"]
    wrong = audit(seed_text.replace(third, third + item.format(actual="45.96")), tmp_path / "b")
    hit = errors(wrong, "prose.item.")
    assert len(hit) == 1 and (hit[0].expected, hit[0].found) == (D("46.95"), D("45.96"))
    assert "2050299" in hit[0].title_en


def test_three_public_disclosure_and_running_costs(seed_text, tmp_path):
    spent = "0.50\t0.00\t0.00\t0.00\t0.00\t0.50\t0.40\t0.00\t0.00\t0.00\t0.00\t0.40"
    text = seed_text.replace("0.50\t0.00\t0.00\t0.00\t0.00\t0.50\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00", spent)
    text = text.replace("2024 年度共接待来访团组 0 个、来宾 0 人次，主要是无发生的接待支出。", "")
    found = audit(text, tmp_path)
    assert found["three.counts.reception"].status == "mismatch"  # 0.40 万元 of receptions, no 批次 or 人次 given
    text = text.replace("我中心为非参公事业单位，无机关运行经费支出", "我中心为参公事业单位").replace(
        "机关运行经费支出 0.00 万元", "机关运行经费支出 50.00 万元")
    found = audit(text, tmp_path / "b")
    costs = found["running_costs"]
    assert (costs.status, costs.expected, costs.found) == ("mismatch", D("44.96"), D("50.00"))  # above 公用经费


def test_a_sentence_broken_by_a_page_is_joined_before_it_is_judged(seed_text, tmp_path):
    text = seed_text.replace("基本支出年初预算数为 629.55 万元，支出决算数为 642.37 万元",
                             "基本支出年初预算数为\n\n=== 第12页 ===\n\n629.55 万元，支出决算数为 642.37 万元", 1)
    found = audit(text, tmp_path)
    rate = next(f for i, f in found.items() if i.startswith("prose.execution.") and f.found == D("102.03"))
    assert (rate.status, rate.expected) == ("consequence", D("102.04"))  # recomputed on 629.55 as when unbroken
    assert re.search(r"prose\.actual\.\d+\.\d+", rate.cause)


def test_a_rate_of_the_full_year_budget_called_a_rate_of_the_initial_one(seed_text, tmp_path):
    third = "### （三）一般公共预算财政拨款支出决算具体情况\n"
    sentence = ("\n某项目年初预算为 {initial} 万元，全年预算为 321.02 万元，支出决算为 300.00 万元，完成年初预算的 "
                "93.45%。\n")  # 300.00 / 321.02 = 93.452…%
    found = audit(seed_text.replace(third, third + sentence.format(initial="0")), tmp_path)
    hit = [f for i, f in found.items() if i.startswith("prose.execution.") and f.family == "wording"]
    assert len(hit) == 1 and hit[0].status == "mismatch" and hit[0].expected == "完成全年预算的93.45%"
    assert "全年预算 321.02" in hit[0].note
    # called a rate of the 年初预算 and right on it: no wording finding
    right = audit(seed_text.replace(third, third + sentence.format(initial="321.02")), tmp_path / "b")
    assert not [f for i, f in right.items() if i.startswith("prose.execution.") and f.family == "wording"]


def test_table_04s_fund_columns_against_tables_07_and_08(seed_findings):
    from copy import deepcopy

    assert {seed_findings[f"x.t04_t07.{w}"].status for w in ("income", "opening", "expenditure", "closing")} == {"ok"}
    data = deepcopy(load(2024, SEED_DATA))
    t07 = data["t07_gov_fund"]
    t07.loc[(t07.level == "total") & (t07.column == "expenditure"), "amount_wan_yuan"] = D("12.00")
    found = {f.id: f for f in checks.run(data)}  # table 04 shows no 政府性基金 money: table 07 must be empty
    assert (found["x.t04_t07.expenditure"].status, found["x.t04_t07.expenditure"].found) == ("mismatch", D("12.00"))


def test_one_figure_stated_twice_in_the_text_agrees(seed_text, tmp_path):
    section = "## **十、关于机关运行经费支出说明**\n"
    once = "\n机关运行经费支出 {value} 万元。\n"
    right = audit(seed_text.replace(section, section + once.format(value="0.00")), tmp_path)
    assert [f.status for i, f in right.items() if i.startswith("prose.twice.")] == ["ok"]
    wrong = audit(seed_text.replace(section, section + once.format(value="12.00")), tmp_path / "b")
    hit = errors(wrong, "prose.twice.")
    assert len(hit) == 1 and (hit[0].expected, hit[0].found) == (D("12.00"), D("0.00"))
