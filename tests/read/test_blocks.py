from juesuan.read.blocks import match_title, split


def test_titles_are_matched_exactly_not_by_substring():
    assert match_title("# 收入支出决算总表") == "t01"
    assert match_title("财政拨款收入支出决算总表") == "t04"
    assert match_title("一般公共预算财政拨款基本支出决算表") == "t06"  # Shanghai drops 明细
    assert match_title("一般公共预算财政拨款基本支出决算明细表") == "t06"
    assert match_title('财政拨款"三公"经费支出决算表') == "t09"
    assert match_title("2024年度部门收入支出决算总表") == "t01"
    assert match_title("一、收入支出决算总体情况说明") is None
    assert match_title("收入决算情况说明") is None


def test_table_of_contents_entry_is_not_a_table():
    text = "目录\n- 一、收入支出决算总表\n- 二、收入决算表\n\n正文。\n"
    assert [b.key for b in split(text).blocks] == []


def test_label_and_unit_before_or_after_title_and_page_break_inside():
    text = "\n".join([
        "公开 03 表",
        "## 支出决算表",
        "单位：万元",
        "项目\t\t本年支出合计\t基本支出\t项目支出",
        "科目代码\t科目名称\t\t\t",
        "合计\t\t3.00\t1.00\t2.00",
        "",
        "\f",
        "205\t教育支出\t3.00\t1.00\t2.00",
        "注：本表反映部门本年度各项支出情况。",
        "下一段正文。",
    ])
    doc = split(text)
    (block,) = doc.blocks
    assert (block.key, block.label, block.unit) == ("t03", "公开03表", "万元")
    assert [r.line for r in block.rows] == [4, 5, 6, 9]
    assert block.notes == ["注：本表反映部门本年度各项支出情况。"]
    assert doc.prose == [(11, "下一段正文。")]


def test_title_variants_of_other_provinces_and_templates():
    assert match_title("表 1：高等学校收支决算总表") == "t01"
    assert match_title("表4：高等学校财政拨款支出决算表") == "u04"
    assert match_title("上海市普陀区文化和旅游局2025年度收入决算表") == "t02"
    assert match_title("公开03表 支出决算表") == "t03"
    assert match_title("支出决算表（续）") == "t03" and match_title("支出决算表(续表)") == "t03"
    assert match_title("一般公共预算基本支出决算表") == "t06"
    assert match_title("一般公共预算财政拨款支出决算明细表") == "t05"
    assert match_title("「三公」经费支出决算表") == "t09"
    assert match_title("部门收支预算总表") is None and match_title("2025年部门收入预算表") is None
    assert match_title("本表反映部门本年度一般公共预算财政拨款支出决算表所列各项支出的情况，以及与上年相比的变化") is None
