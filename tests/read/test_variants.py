"""Variants of layout and spelling read alike (docs/variants.md): the seed rewritten the way other conversions and
templates write it gives exactly the seed's figures. Each rewrite is made here from the seed text."""

from __future__ import annotations

import pytest

from juesuan.errors import IngestError, NotFinalAccounts
from juesuan.read.ingest import parse
from juesuan.text import normalise

T03_HEAD = "项目\t\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出\n科目代码\t科目名称"
T03_ROW = "20502\t普通教育\t46.95\t0.00\t46.95\t0.00\t0.00\t0.00\n"


def figures(result) -> dict[str, list[tuple]]:
    """Every dataset without its line numbers (a rewrite moves lines, never figures)."""
    return {name: [tuple(v for k, v in sorted(r.items()) if k != "line") for r in rows]
            for name, rows in result.datasets.items()}


@pytest.fixture(scope="module")
def expected(seed_text):
    return figures(parse(seed_text, 2024))


def rewrite(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


def test_look_alike_characters_are_normalised():
    assert normalise("\u2f40出\u3000\u2f0a\uff11\uff12\uff0e\uff15（）\u2ed4\u2f3e") == "支出\u3000入12.5（）门户"


def test_kangxi_radicals_and_full_width_digits_read_as_the_seed(seed_text, expected):
    text = seed_text.replace("支出", "\u2f40出").replace("收入", "收\u2f0a")  # ⽀出, 收⼊ as some PDFs' text layers
    text = rewrite(text, T03_ROW, T03_ROW.replace("46.95", "４６．９５"))
    assert figures(parse(text, 2024)) == expected


def test_page_furniture_inside_a_table_is_skipped(seed_text, expected):
    for furniture in ("=== 第7页 ===", "- 7 -", "第 7 页 共 40 页", "7"):
        text = rewrite(seed_text, T03_ROW, T03_ROW + furniture + "\n")
        assert figures(parse(text, 2024)) == expected, furniture


def test_a_table_continued_under_a_repeated_title_is_one_table(seed_text, expected):
    start = seed_text.index(T03_HEAD)
    header = seed_text[start:seed_text.index("\n合计", start) + 1]  # the header rows as the seed prints them, 栏次 too
    text = rewrite(seed_text, T03_ROW, T03_ROW + "\n## 支出决算表（续）\n\n单位：万元\n\n" + header)
    assert figures(parse(text, 2024)) == expected


def test_titles_with_a_number_or_the_unit_and_year_and_unit_lines_worded_otherwise(seed_text, expected):
    text = rewrite(seed_text, "## 支出决算表\n", "表 3：支出决算表\n")
    text = rewrite(text, "# 收入决算表\n", "长沙市现代教育技术中心2024年度收入决算表\n")
    text = text.replace("单位：万元", "金额单位: 万元")
    assert figures(parse(text, 2024)) == expected


def test_code_column_found_by_its_content_and_code_with_name_in_one_cell(seed_text, expected):
    text = rewrite(seed_text, T03_HEAD, T03_HEAD.replace("科目代码\t科目名称", "\t科目名称"))
    text = rewrite(text, T03_ROW, T03_ROW.replace("20502\t普通教育", "20502 普通教育\t"))
    assert figures(parse(text, 2024)) == expected


def test_a_text_that_mentions_final_accounts_without_tables_is_an_error_not_a_refusal():
    with pytest.raises(IngestError, match="no final-accounts table was found") as err:
        parse("长沙市某单位2024年度部门决算\n\n一、部门决算情况说明\n本年支出合计 100.00 万元。\n", 2024)
    assert not isinstance(err.value, NotFinalAccounts)


def test_a_budget_in_text_is_refused():
    text = ("某局2025年部门预算\n\n部门收支预算总表\n单位：万元\n项目\t预算数\n合计\t1.00\n\n"
            "部门收入预算表\n单位：万元\n项目\t预算数\n合计\t1.00\n")
    with pytest.raises(NotFinalAccounts, match=r"部门预算 \(budget\) for 2025, not a 决算"):
        parse(text, None)


def test_three_public_transposed_one_item_a_row(seed_text, seed):
    """Some provinces print table 09 with one item a row and a 预算数 and a 决算数 column."""
    start = seed_text.index("预算数\t\t\t\t\t\t决算数")
    end = seed_text.index("\n\n", seed_text.index("\n1\t2\t3\t4\t5\t6", start) + 30)
    figures = {(r["basis"], r["item"]): r["amount_wan_yuan"] for r in seed.datasets["t09_three_public"]}
    labels = [("total", "合计"), ("outbound", "1.因公出国（境）费"), ("vehicles", "2.公务用车购置及运行维护费"),
              ("vehicle_purchase", "其中：公务用车购置费"), ("vehicle_operation", "公务用车运行维护费"),
              ("reception", "3.公务接待费")]
    rows = ["项目\t预算数\t决算数"] + [f"{label}\t{figures['budget', item]}\t{figures['actual', item]}"
                                     for item, label in labels]
    result = parse(seed_text[:start] + "\n".join(rows) + seed_text[end:], 2024)
    read = {(r["basis"], r["item"]): r["amount_wan_yuan"] for r in result.datasets["t09_three_public"]}
    assert read == figures and len(result.datasets["t09_three_public"]) == 12
