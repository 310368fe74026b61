from decimal import Decimal

import pytest

from juesuan.text import clean, fmt, key, parse_amount, split_row


@pytest.mark.parametrize(
    "cell, value, printed",
    [
        ("2,773.47", Decimal("2773.47"), "number"),
        ("<b>21,311,003.30</b>", Decimal("21311003.30"), "number"),
        ("0.00", Decimal("0.00"), "number"),
        ("-", Decimal(0), "dash"),
        ("", None, "blank"),
        ("-12.5", Decimal("-12.5"), "number"),
        ("2210.109493", Decimal("2210.109493"), "number"),
    ],
)
def test_parse_amount_is_exact(cell, value, printed):
    amount = parse_amount(cell)
    assert (amount.value, amount.printed) == (value, printed)


@pytest.mark.parametrize("cell", ["2,O84.15", "12,34.5", "1.2.3", "abc", "2 7"])
def test_parse_amount_rejects_non_numbers(cell):
    assert parse_amount(cell) is None


def test_fmt_keeps_published_precision():
    assert fmt(Decimal("2131.10")) == "2131.10"
    assert fmt(Decimal("0.5")) == "0.5"
    assert fmt(None) == ""


def test_clean_removes_markup_and_conversion_spaces():
    assert clean("<b>本年收入合计</b>") == "本年收入合计"
    assert clean("公务用车购 置费") == "公务用车购置费"
    assert clean("因公出国 (境) 费") == "因公出国(境)费"
    assert clean("## **八、政府性基金预算收入支出决算情况**") == "八、政府性基金预算收入支出决算情况"


def test_key_drops_ordinals_and_unifies_brackets():
    assert key("一、一般公共预算财政拨款收入") == "一般公共预算财政拨款收入"
    assert key("使用非财政拨款结余(含专用结余)") == "使用非财政拨款结余（含专用结余）"


def test_split_row_tab_and_pipe():
    assert split_row("205\t教育支出\t2,773.47") == ("205", "教育支出", "2,773.47")
    assert split_row("| 205 | 教育支出 | 2,773.47 |") == ("205", "教育支出", "2,773.47")
    assert split_row("|---|---|---|") == ()
    assert split_row("2024 年度收入合计 2,773.47 万元") is None
