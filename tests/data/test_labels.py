"""Labels (data/labels.py) and the data dictionary (data/dictionary.py): every dataset, column and key has its label in
both languages, fit for a sheet name and a header, and the dictionary of each language is made of them."""

from __future__ import annotations

import re

import pytest

from juesuan.data import dictionary, labels
from juesuan.data.datasets import DATASETS
from juesuan.data.vocab import COLUMNS, STANDARD_TITLES

CJK = re.compile(r"[\u4e00-\u9fff]")
LANGS = ("zh", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_every_dataset_has_a_title_that_can_name_a_sheet(lang):
    titles = [labels.title(name, lang) for name in DATASETS]
    assert len(set(titles)) == len(titles)
    for title in titles:
        assert 0 < len(title) <= 31 and not re.search(r"[\[\]:*?/\\]", title), title
        assert bool(CJK.search(title)) is (lang == "zh"), title
    assert labels.title("t06_basic_economic", "zh") == STANDARD_TITLES["t06"] == "一般公共预算财政拨款基本支出决算明细表"


@pytest.mark.parametrize("lang", LANGS)
def test_every_column_has_a_header_no_two_alike_in_a_dataset(lang):
    for name, spec in DATASETS.items():
        heads = [labels.head(column, lang) for column in spec["columns"]]
        assert len(set(heads)) == len(heads), name
        assert all(bool(CJK.search(h)) is (lang == "zh") for h in heads), heads
    assert labels.head("amount_wan_yuan", "zh") == "金额（万元）" and labels.head("amount_yuan", "en") == "Amount (yuan)"


def test_every_key_has_a_label_in_both_languages():
    for name, spec in DATASETS.items():
        for column, col in spec["columns"].items():
            for value in col.values:
                zh, en = labels.value(name, column, value, "zh"), labels.value(name, column, value, "en")
                assert CJK.search(zh) and not CJK.search(en.replace("(类)", "").replace("(款)", "").replace("(项)", "")), (
                    name, column, value)
    for table, vocabulary in COLUMNS.items():
        if table == "t09_item":
            continue
        for _, key in vocabulary:
            assert CJK.search(labels.column_key(table, key, "zh")), (table, key)
            assert labels.column_key(table, key, "en"), (table, key)


def test_keys_read_as_a_chinese_finance_reader_names_them():
    assert labels.value("t01_summary", "side", "income", "zh") == "收入"
    assert labels.value("t09_three_public", "basis", "budget", "zh") == "预算数"
    assert labels.value("t02_income", "column", "fiscal", "zh") == "财政拨款收入"
    assert labels.value("t03_expenditure", "column", "affiliated", "zh") == "对附属单位补助支出"  # a table's own word
    assert labels.value("t02_income", "column", "affiliated", "zh") == "附属单位上缴收入"
    assert labels.value("t03_expenditure", "column", "basic_personnel", "zh") == "基本支出：人员经费"
    assert labels.value("t03_expenditure", "column", "col5", "en") == "column 5"
    assert labels.value("t02_income", "column", "service_of_which", "zh") == "事业收入：其中"  # a university's 其中 column
    assert labels.value("performance_budget", "column", "rate", "zh") == "执行率"
    assert labels.value("procurement", "share_of", "sme_awarded/services", "zh") == "授予中小企业/服务"
    assert labels.value("stated_totals", "dataset", "projects", "zh") == "项目支出明细"
    assert labels.value("stated_totals", "measure", "amount_yuan", "zh") == "金额（元）"
    # the report's own words, and keys no label is known for, stay as they are
    assert labels.value("t02_income", "name_zh", "income", "zh") == "income"
    assert labels.value("t03_expenditure", "column", "mystery", "zh") == "mystery"


def test_the_template_decides_which_tables_a_year_has():
    national, university = {"template": {"id": "national"}}, {"template": {"id": "university"}}
    assert not labels.template_has("u04_fiscal_expenditure", national)
    assert labels.template_has("u04_fiscal_expenditure", university)
    assert not labels.template_has("t09_three_public", university)
    assert all(labels.template_has(n, university) for n in ("t01_summary", "projects", "prose_numbers"))


def test_the_chinese_dictionary_is_chinese_and_the_english_english():
    zh, en = dictionary.sections("zh"), dictionary.sections("en")
    for name, spec in DATASETS.items():
        assert f"（{name}.csv）" in zh and f"({name}.csv)" in en
        for column, col in spec["columns"].items():
            assert col.zh in zh
            if re.search("[a-z]{4}", col.doc):  # an English meaning (some are the report's term alone: 序号, 分值)
                assert col.doc not in zh
            assert col.doc in en and labels.head(column, "en") in en
    assert "| `amount_wan_yuan` | 金额（万元） | 数值（可为空） |" in zh
    assert "仅" not in dictionary.templates("t01_summary", "zh")
    assert dictionary.templates("u04_fiscal_expenditure", "zh").startswith("高等学校部门决算（四张表）模板")
