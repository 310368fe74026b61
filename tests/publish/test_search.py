"""The site's Chinese search terms (juesuan.publish.search); the browser test checks the JavaScript twin and real queries."""

from __future__ import annotations

from juesuan.publish.search import SearchChinese, grouped, query_terms, split


def test_chinese_is_indexed_as_characters_and_overlapping_pairs():
    assert split("教育支出") == ["教", "育", "支", "出", "教育", "育支", "支出"]


def test_words_and_numbers_stay_whole_and_punctuation_separates():
    assert split("2024年 Expenditure（万元）basic_pay") == ["2024", "年", "Expenditure", "万", "元", "万元", "basic_pay"]


def test_a_query_is_its_pairs_and_a_lone_character_itself():
    assert query_terms("现代教育技术") == ["现代", "代教", "教育", "育技", "技术"]
    assert query_terms("税 教育") == ["税", "教育"]


def test_every_query_term_of_a_text_is_among_its_index_terms():
    text = "长沙市现代教育技术中心2024年度部门决算，一般公共预算财政拨款支出 642.36 万元"
    assert set(query_terms(text)) <= set(split(text))


def test_english_is_stemmed_and_stopwords_dropped_chinese_kept_as_is():
    lang = SearchChinese({})
    assert lang.stem("expenditures") == lang.stem("expenditure")
    assert lang.stem("教育") == "教育"
    assert not lang.word_filter("the")
    assert lang.word_filter("税") and lang.word_filter("教育")


def test_a_figure_is_one_term_without_its_thousands_separators():
    assert split("项目支出2,131.10万元") == ["项", "目", "支", "出", "项目", "目支", "支出", "2131.10", "万", "元", "万元"]
    assert query_terms("2,131.10") == query_terms("2131.10") == ["2131.10"]  # printed either way, found either way
    assert query_terms("1,234,567.8 -12.5%") == ["1234567.8", "12.5"]


def test_commas_that_do_not_group_thousands_separate_numbers():
    assert query_terms("2023,2024") == ["2023", "2024"]
    assert query_terms("12,34") == ["12", "34"]
    assert query_terms("1,2345") == ["1", "2345"]


def test_a_figure_as_the_pages_print_it():
    assert grouped("2131.10") == "2,131.10"
    assert grouped("1234567") == "1,234,567"
    assert grouped("642.36") == "642.36"
    assert grouped("教育") == "教育" and grouped("t03") == "t03"


def test_the_search_page_script_splits_figures_and_widens_excerpts_and_highlights():
    js = SearchChinese({}).js_splitter_code
    assert "function splitQuery(query)" in js and "function groupedFigure(term)" in js
    assert "Search.makeSearchSummary = " in js and "Search._parseQuery = " in js
    assert r"\p{Nd}+(?:,\p{Nd}{3}(?!\p{Nd}))*(?:\.\p{Nd}+)?" in js  # the Python NUMBER, in JavaScript's terms
