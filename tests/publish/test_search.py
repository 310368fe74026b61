"""The site's Chinese search terms (juesuan.publish.search); the browser test checks the JavaScript twin and real queries."""

from __future__ import annotations

from juesuan.publish.search import SearchChinese, query_terms, split


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
