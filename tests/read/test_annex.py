import pytest

from juesuan.read.annex import funding_doc, performance
from juesuan.read.blocks import split
from juesuan.errors import IngestError


@pytest.mark.parametrize("name, doc", [
    ("2024 年交互式教学设备建设项目（长教函〔2024〕115 号）", "长教函〔2024〕115号"),
    ("城域网至互联网统一出口费用（长教函【2024】64 号）", "长教函〔2024〕64号"),
    ("中考实验考试系统（长教函（2024）115号）", "长教函〔2024〕115号"),
    ("名师云课堂专项经费(长教函(2024)160号)", "长教函〔2024〕160号"),
    ("设备采购（湘财教[2023]7号）", "湘财教〔2023〕7号"),
    ("教研专项经费", ""),
])
def test_funding_doc_has_one_spelling(name, doc):
    assert funding_doc(name) == doc


HEADER = "绩效指标\t一级指标\t二级指标\t三级指标内容\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施"


def indicators(*rows: str):
    block = split("\n".join([HEADER, *rows, "总分\t\t\t\t\t10\t9"])).blocks[0]
    return performance(block)


def test_indicator_rows_with_merged_cells_collapsed():
    rows, _, stated = indicators(
        "\t产出指标 (10分)\t数量指标\t课题立项\t≥50个\t70个\t4\t3\t略低于目标",
        "\t\t时效指标\t及时率\t1\t1\t3\t3\t",
        "\t\t按时公开\t按时\t按时\t3\t3\t",
    )
    got = [(r["level1_zh"], r["level1_points_stated"], r["level2_zh"], r["level3_zh"], r["target"], r["actual"],
            r["weight_points"], r["score_points"], r["note"]) for r in rows]
    assert got == [
        ("产出指标", "10", "数量指标", "课题立项", "≥50个", "70个", "4", "3", "略低于目标"),
        ("产出指标", "10", "时效指标", "及时率", "1", "1", "3", "3", ""),
        ("产出指标", "10", "时效指标", "按时公开", "按时", "按时", "3", "3", ""),
    ]
    assert stated == {"weight_total": "10", "score_total": "9", "line": 5}


def test_indicator_row_without_score_is_an_error_with_its_line():
    with pytest.raises(IngestError) as err:
        indicators("\t产出指标 (10分)\t数量指标\t课题立项\t≥50个\t70个\t\t")
    assert err.value.line == 2 and err.value.table == "performance"
