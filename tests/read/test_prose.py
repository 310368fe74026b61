from decimal import Decimal as D

from juesuan.read.blocks import split
from juesuan.read.prose import numbers, procurement


def facts(text: str):
    return [(r["metric"], r["subject_zh"], r["value"], r["unit"], r["direction"]) for r in numbers(split(text))]


def test_change_share_and_execution_sentences():
    text = "## 一、收入支出决算总体情况说明\n\n2024 年度收、支总计 2,773.47 万元。与上年相比,减少 765.34 万元,降低 21.63%。\n"
    assert facts(text) == [
        ("year", "", "2024", "年", ""),
        ("total", "2024年度收、支总计", "2773.47", "万元", ""),
        ("change_amount", "减少", "765.34", "万元", "decrease"),
        ("change_pct", "降低", "21.63", "%", "decrease"),
    ]


def test_share_carries_the_subject_of_its_amount():
    text = "## 三、支出决算情况说明\n\n其中: 基本支出 642.36 万元, 占 23.16%; 项目支出 2,131.10 万元, 占 76.84%。\n"
    got = facts(text)
    assert ("share", "基本支出", "23.16", "%", "") in got
    assert ("share", "项目支出", "76.84", "%", "") in got


def test_general_budget_is_not_a_budget_figure_but_a_budget_number_is():
    got = facts("## 六、基本支出\n\n2024 年度一般公共预算财政拨款基本支出 642.36 万元，基本支出年初预算数为 629.55 万元。\n")
    assert ("amount", "2024年度一般公共预算财政拨款基本支出", "642.36", "万元", "") in got
    assert ("budget", "基本支出年初预算数", "629.55", "万元", "") in got


def test_document_numbers_dates_and_ordinals_are_not_figures():
    text = "## 问题\n\n- 1.负责全市教育信息化；\n专项经费（长教函〔2024〕160 号）24 年 12 月 9 号下达 60.45 万元。\n"
    got = facts(text)
    assert [g[2] for g in got] == ["24", "60.45"]


def test_comparison_words_are_recorded_without_a_value():
    got = facts("## 七\n\n完成预算的100.00%；与上年持平。决算数小于预算数的主要原因是：无。\n")
    assert ("execution_rate", "完成预算的", "100.00", "%", "") in got
    assert ("comparison", "/上年", "", "", "equal") in got
    assert ("comparison", "决算数/预算数", "", "", "less") in got


def test_level_with_a_named_year_is_a_comparison_with_the_prior_year():
    # 上海市普陀区财政局 2024, p.23: the year named instead of 上年
    got = facts("## 七\n\n2024年度“三公”经费财政拨款支出决算数与2023年度持平。\n")
    assert ("comparison", "/上年", "", "", "equal") in got
    assert ("comparison", "/上年", "", "", "equal") in facts("## 七\n\n因公出国（境）费支出决算与 2024 年持平。\n")


def test_quotes_are_short_locators(seed):
    rows = seed.datasets["prose_numbers"]
    assert rows and all(0 < len(r["quote_zh"]) <= 30 for r in rows)
    assert all(r["value"] in r["quote_zh"].replace(",", "") for r in rows if r["value"])


def test_seed_prose_figures_a_reader_checks(seed):
    rows = seed.datasets["prose_numbers"]
    pick = {(r["line"], r["metric"], r["value"]) for r in rows}
    assert ("334", "change_amount", "765.34") in pick and ("334", "change_pct", "21.63") in pick
    assert ("360", "execution_rate", "440.55") in pick
    assert ("362", "actual", "642.37") in pick  # the prose says 642.37 where table 05 says 642.36
    assert ("432", "score", "99.70") in pick and ("783", "score", "99.7") in pick
    assert ("370", "amount", "150.04") in pick  # 奖金: 150.05 in table 06
    staff = [(r["subject_zh"], D(r["value"])) for r in rows if r["metric"] == "staff_count"]
    assert [v for _, v in staff] == [19, 17, 2]
    assert staff[0][0].endswith("实有在职人数") and [s for s, _ in staff[1:]] == ["在编", "临聘"]


def test_procurement_lines_wrapped_across_a_page_are_joined():
    text = ("## 十二、关于政府采购支出说明\n\n本部门政府采购支出总额 100.00 万元，其中：政府采购货物支出 60.00 万元、政府采购工程支出 0.00 万元、"
            "政府采购服务支出 40.00\n\n万元。授予中小企业合同金额 50.00 万元，占政府采购支出总额的 50.00%。\n")
    got = {(r["metric"], r["category"]): (r["amount_wan_yuan"], r["share_pct"], r["line"])
           for r in procurement(split(text))}
    assert got[("purchases", "services")] == ("40.00", "", "3")
    assert got[("sme_awarded", "all")] == ("50.00", "50.00", "3")  # one paragraph, under its first line



def test_procurement_stated_under_a_heading_that_does_not_name_it_is_read():
    # a university's template states its procurement under （五）其他说明, not under a 政府采购 heading
    text = ("## （四）财政拨款支出决算表说明\n\n1.高等教育（2050205），2024 年度决算数为 100.00 万元。\n\n"
            "## （五）其他说明\n\n学校 2024 年度政府采购支出总额 200.00 万元，其中：政府采购货物支出 50.00 万元，"
            "政府采购工程支出 100.00 万元，政府采购服务支出 50.00 万元。授予中小企业合同金额 150.00 万元，"
            "占政府采购支出总额的 75.00%。\n\n授予小微企业合同金额 30.00 万元，占授予中小企业合同金额的 20.00%。\n\n"
            "## 四、名词解释\n\n授予中小企业合同金额 1.00 万元，占政府采购支出总额的 1.00%。\n")
    got = {(r["metric"], r["category"]): (r["amount_wan_yuan"], r["share_pct"], r["line"])
           for r in procurement(split(text))}
    assert got == {("purchases", "all"): ("200.00", "", "7"), ("purchases", "goods"): ("50.00", "", "7"),
                   ("purchases", "works"): ("100.00", "", "7"), ("purchases", "services"): ("50.00", "", "7"),
                   ("sme_awarded", "all"): ("150.00", "75.00", "7"),
                   ("small_micro_awarded", "all"): ("30.00", "20.00", "9")}  # the next paragraph; not past 四、


def test_procurement_is_not_read_from_a_paragraph_that_only_mentions_it():
    text = ("## 一、主要职能\n\n拟订本区政府采购实施意见并监督管理。\n\n"
            "## 二、其他说明\n\n本部门无政府采购支出。\n")
    assert procurement(split(text)) == []

def test_a_paragraph_broken_by_a_page_keeps_its_units(seed):
    rows = seed.datasets["prose_numbers"]
    # the seed's line 426 ends "一般公共预算项目 45 个 2131.10" and line 428 goes on "万元，占一般公共预算支出总额的 100%"
    got = [(r["line"], r["metric"], r["value"], r["unit"]) for r in rows if r["line"] == "426"]
    assert ("426", "amount", "2131.10", "万元") in got and ("426", "share", "100", "%") in got
    assert not any(r["line"] == "428" for r in rows)
    # a paragraph that ends its sentence is not joined to the next
    assert any(r["line"] == "432" and r["metric"] == "budget" for r in rows)
