"""Tables and charts as a finance reader reads them: amounts at the report's precision with separators, right-aligned,
no scientific notation, one header row, report text escaped; charts as numbered figures with a source line and an
alt text that reads their figures, and no bar for a figure of zero."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pandas as pd

from juesuan import i18n
from juesuan.publish import charts, kernel
from juesuan.publish.display import show


def frame():
    return pd.DataFrame({"kind (as published)": ["基本支出", "项目支出<b>"], "English": ["basic", "project"],
                         "amount (万元)": [D("642.36"), D("2210.109493")], "share": ["23.16%", "76.84%"],
                         "difference": [D("-1E-7"), None]})


def test_amounts_are_printed_at_two_decimals_with_separators_and_kept_exact():
    table = show(frame())
    text = repr(table)
    assert "2,210.11" in text and "642.36" in text  # 2210.109493 as the report prints amounts
    assert table.frame["amount (万元)"].iloc[1] == D("2210.109493")  # the exact figure stays in the frame
    assert "-<0.0001" in text and "E-7" not in text and "—" in text  # never scientific notation; None is a dash


def test_the_html_has_one_header_row_right_aligned_figures_and_escaped_text():
    html = show(frame(), source="表03")._repr_html_()
    assert html.count("<tr>") == 3  # one header row and two rows: no blank index-name row
    assert '<td class=num>2,210.11</td>' in html and '<td class=num>76.84%</td>' in html
    assert "项目支出&lt;b&gt;" in html and "<b>" not in html  # report text is data
    assert "tex2jax_ignore mathjax_ignore" in html and '<p class="jt-source">Source: 表03.</p>' in html


def test_the_chinese_edition_drops_the_english_column_and_names_headers_in_chinese():
    i18n.use("zh")
    table = show(frame())
    assert list(table.frame.columns) == ["金额（万元）", "占比", "差额"] and table.frame.index.name == "支出类别"


def test_a_long_list_can_be_shown_as_records_and_folded_away():
    table = show(frame(), records=True, collapsed="全部检查：点击展开")
    html = table._repr_html_()
    assert html.startswith('<details class="jt-details"><summary>全部检查：点击展开</summary>') and html.endswith("</details>")
    assert html.count('<tbody class="jt-record">') == 2
    assert repr(table).splitlines()[1:3] == ["基本支出 basic", "  amount (万元): 642.36"], repr(table)


def _shown(monkeypatch):
    import matplotlib.pyplot as plt

    plt.close("all")  # figures another test left open are not this page's
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **_: shown.append(obj))
    return shown


def test_a_chart_is_a_numbered_figure_with_source_and_alt_text(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    shown = _shown(monkeypatch)
    i18n.use("zh")
    charts.start()
    charts.barh(["基本支出", "项目支出", "经营支出"], [D("642.36"), D("2131.10"), D("0.00")], title="2024 年支出构成",
                source="支出决算表（公开03表）")
    ax = __import__("matplotlib.pyplot").pyplot.gca()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["基本支出", "项目支出"]  # no bar for a figure of zero
    charts.show()
    charts.barh(["甲"], [D("1")], title="第二张图")
    charts.show()
    first, second = (s.metadata for s in shown)
    assert first["caption"] == "图 1　2024 年支出构成。为零的项目不绘出：经营支出。资料来源：支出决算表（公开03表）。"
    assert first["alt"] == "图 1，2024 年支出构成：基本支出 642.36 万元；项目支出 2,131.10 万元。"
    assert second["caption"].startswith("图 2　第二张图")  # numbered within the page
    charts.start()
    charts.barh(["乙"], [D("1")], title="新的一页")
    charts.show()
    assert shown[-1].metadata["caption"].startswith("图 1　新的一页")


def test_the_build_moves_caption_and_alt_into_the_cell_where_the_site_reads_them():
    import nbformat

    cell = nbformat.v4.new_code_cell("charts.show()")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": "iVBOR", "text/plain": "<Image>"},
                                           metadata={"image/png": {"alt": "图 1，…", "caption": "图 1　标题。"}})]
    kernel.figure_metadata(cell)
    assert cell.metadata["mystnb"] == {"image": {"alt": "图 1，…"}, "figure": {"caption": "图 1　标题。"}}
    assert "image/png" not in cell.outputs[0]["metadata"]


def test_a_grouped_chart_leaves_out_what_is_zero_throughout(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    shown = _shown(monkeypatch)
    i18n.use("zh")
    charts.start()
    charts.grouped(["合计", "因公出国（境）费", "公务接待费"], {"预算数": [D("0.50"), D("0"), D("0.50")],
                                                               "决算数": [D("0"), D("0"), D("0")]}, title="三公")
    ax = __import__("matplotlib.pyplot").pyplot.gca()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["合计", "公务接待费"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["预算数"]
    charts.show()
    assert "为零的项目不绘出：因公出国（境）费、决算数。" in shown[0].metadata["caption"]
    assert re.search(r"预算数: 合计 0\.50 万元、公务接待费 0\.50 万元", shown[0].metadata["alt"])


def test_a_chart_s_image_never_reads_like_a_memory_address(monkeypatch):
    """Checks for volatile outputs grep committed notebooks for 0x…: a PNG whose base64 happens to read so is
    compressed at another level (here the first level is made to fail, as if it had)."""
    import base64

    import matplotlib

    matplotlib.use("Agg")
    from juesuan.publish import charts as charts_module

    charts.barh(["甲"], [D("1")], title="t")
    fig = __import__("matplotlib.pyplot").pyplot.gcf()
    tried = []
    original = charts_module._ADDRESS

    class FirstLooksLikeAnAddress:
        def search(self, data):
            tried.append(data)
            return len(tried) == 1 or original.search(data)

    monkeypatch.setattr(charts_module, "_ADDRESS", FirstLooksLikeAnAddress())
    png = charts_module._png(fig)
    assert len(tried) == 2 and base64.b64encode(png) == tried[1] != tried[0]
    __import__("matplotlib.pyplot").pyplot.close("all")
