"""主要发现: what opens every chapter, asserted against figures typed from the reports themselves.

The seed's findings are read from data/ in-process; those of two sample reports of another province's layout
(上海市普陀区文化和旅游局 2025, a text conversion; 上海市普陀区财政局 2024, the published PDF), units of the committed
collection, are read from their committed chapters. Every figure below was read off the report (its line or page is
given), not off this code."""

from __future__ import annotations

import nbformat
import pytest

from juesuan import i18n
from juesuan.data.datasets import load
from juesuan.publish import findings

from ..conftest import ROOT, SEED_DATA


def lines(chapter: str, data) -> list[str]:
    return repr(findings.findings(chapter, data)).splitlines()


@pytest.fixture(scope="module")
def seed_data():
    return load(2024, SEED_DATA)


def test_the_seed_introduction_says_what_matters(seed_data):
    i18n.use("zh")
    found = lines("intro", seed_data)
    assert found == [
        # seed line 352: 财政拨款支出 2,773.47 万元，与上年相比…减少 765.34 万元，降低 21.63%
        "1. 财政拨款支出 2,773.47 万元，比上年减少 765.34 万元，下降 21.63%（上年为 3,538.81 万元，据报告所述增减额推算）。",
        # line 584: 年初预算 0 元，全年预算 2210.11 万元；实际支出 2131.10 万元，指标结余 79.01 万元，预算执行率 96.43%
        "2. 项目支出年初预算为 0，全年预算 2,210.11 万元全部在年度执行中下达；实际支出 2,131.10 万元，为全年预算的 96.43%，"
        "未支出 79.01 万元。",
        # lines 594, 602, 616, 617, 620, 626, 630, 633, 637: projects named 2022年/2023年 in the 2024 list
        "3. 9 个项目以以前年度命名（2022、2023 年），如«2023年交互式教学设备建设项目»、«2022年市教育局网络中心运维托管服务»、"
        "«2022年市教育局人员健康信息监测系统服务»，共 331.05 万元，占项目支出明细的 15.53%，在 2024 年列支。",
        "4. 绩效自评表的 34 项指标全部得满分。",  # lines 837-870: 34 indicators, every 得分 equal to its 分值
        # line 416: 服务支出 689.46 万元 … 服务采购授予中小企业合同金额占服务支出金额的 20.87%
        "5. 服务类采购 689.46 万元中，授予中小企业的仅占 20.87%，其余 79.13% 授予中小企业以外的企业。",
        "6. 勾稽检查发现报告错误 5 处，需要更正（见勾稽检查一章的整改清单）；另有 4 处差异由这些错误引起；2 处疑似转换错位。",
    ]


def test_the_seed_chapters_open_with_their_findings(seed_data):
    i18n.use("zh")
    expenditure = lines("expenditure", seed_data)
    assert expenditure[0] == "1. 支出合计 2,773.47 万元，其中基本支出 642.36 万元，占 23.16%；项目支出 2,131.10 万元，占 76.84%。"
    # lines 829 (年初预算 629.55, 全年预算 2870.52) and 432 (执行数 2773.47, 96.62%)
    assert "4. 本单位年初预算 629.55 万元，年度中调整追加 2,240.97 万元，全年预算 2,870.52 万元；支出 2,773.47 万元，为全年预算的 " \
           "96.62%，未支出 97.05 万元。" in expenditure
    # line 508: 24 年 12 月 9 号下达 60.45 万元 … 24 年 10 月 25 日下达 1.97 万元
    assert "5. 报告提到第四季度才下达的资金：12 月 9 日下达 60.45 万元、10 月 25 日下达 1.97 万元，共 62.42 万元。" in expenditure
    basic = lines("basic", seed_data)
    assert basic[0] == "1. 基本支出 642.36 万元，其中人员经费 597.40 万元，占 93.00%；公用经费 44.96 万元，占 7.00%。"
    assert "3. 按在编人数 17 人计，人均工资福利支出 29.49 万元（501.26 万元 ÷ 17）。" in basic  # line 560: 在编17人
    assert "4. “三公”经费预算 0.50 万元，决算 0.00 万元；上年决算 0.21 万元。" in basic  # table 09; base-data line 799
    performance = lines("performance", seed_data)
    # 总分 99.68 (line 871); the prose 99.70 (line 432); 0.9661907 × 10 = 9.66, not 9.68 (line 829)
    assert performance[0] == "1. 绩效自评表所列总分 99.68 分；报告文字说明写作 99.70 分；按执行率 × 分值重算预算执行得分后为 99.66 分。"
    assert "3. 定量指标（以数值或界限为目标）17 项，定性指标 17 项。" in performance  # 2024年度内及时完成 is qualitative
    assert "4. 预算执行一行所列得分 9.68，而执行率 96.62% × 分值 10 应为 9.66。" in performance
    procurement = lines("procurement", seed_data)
    assert procurement[:2] == ["1. 政府采购支出 1,809.73 万元，相当于支出合计 2,773.47 万元的 65.25%。",
                               "2. 授予中小企业的合同金额 917.69 万元，占政府采购支出的 50.71%。"]
    audit = lines("audit", seed_data)
    assert audit[1:3] == ["2. “（三）一般公共预算财政拨款支出决算具体情况”中«支出决算数为642.37万元»应改为«支出决算数为642.36万元»。",
                          "3. “六、一般公共预算财政拨款基本支出决算情况说明”中«奖金150.04万元»应改为«奖金150.05万元»。"]


def test_the_english_edition_says_the_same_in_english(seed_data):
    i18n.use("en")
    found = lines("intro", seed_data)
    assert found[1] == ("2. The project budget was 0 at the start of the year: all 2,210.11 万元 of it came during the "
                        "year. 2,131.10 万元 was spent, 96.43% of the full-year budget, leaving 79.01 万元 unspent.")
    assert lines("expenditure", seed_data)[4] == ("5. The report names money allocated in the last quarter of the year: "
                                                  "60.45 万元 on 9 December, 1.97 万元 on 25 October (62.42 万元 in all).")


def test_a_chapter_without_the_figures_says_so_rather_than_inventing(seed_data):
    data = dict(seed_data)
    data["performance_indicators"] = seed_data["performance_indicators"].iloc[0:0]
    i18n.use("zh")
    assert lines("performance", data) == ["*报告列示的数字不足以得出这方面的发现。*"]


# ------------------------------------------------------------------------------------------- sample reports, as books


def book_findings(unit: str, chapter: str, year: int) -> list[str]:
    """The findings a committed chapter of the Chinese edition shows: the output of the cell after 主要发现 (the
    committed notebooks are proven current with data/ and the templates by tests/publish/test_build_plan.py)."""
    folder = ROOT / "book" / "zh" / unit
    path = folder / ("index.ipynb" if chapter == "intro" else f"{year}/{chapter}.ipynb")
    cells = nbformat.read(path, as_version=4).cells
    at = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and c.source.strip() == "## 主要发现")
    cell = next(c for c in cells[at + 1:] if c.cell_type == "code")
    return "".join(cell.outputs[0]["data"]["text/plain"]).splitlines()


WENLV = "shanghaishiputuoquwenhuahelvyouju"  # 2025_shanghai-putuo-wenlvju.txt, committed in data/ and book/
CAIZHENGJU = "shanghaishiputuoqucaizhengju"  # 2024_shanghai-putuo-caizhengju.pdf


def test_a_district_bureau_s_book_opens_with_its_findings():
    intro = book_findings(WENLV, "intro", 2025)
    # text lines 396-397: 一般公共预算财政拨款支出 24535.67 万元 … 增加 6485.08 万元，增长 35.93%
    assert intro[0] == "1. 一般公共预算财政拨款支出 24,535.67 万元，比上年增加 6,485.08 万元，增长 35.93%（上年为 18,050.59 万元，据报告所述增减额推算）。"
    # lines 612-621: 政府采购金额 7571.90 万元; 由中小企业供应商中标或成交的 1913.49 万元, in other projects 0 万元
    assert "2. 授予中小企业的合同金额 1,913.49 万元，占政府采购支出的 25.27%。" in intro
    income = book_findings(WENLV, "income", 2025)
    assert income[0] == "1. 收入合计 26,538.47 万元，全部为财政拨款收入。"  # line 384: 财政拨款收入 26538.47 万元，占 100%
    # lines 380-382: 收入支出总计 26591.08 万元 … 增加 8487.88 万元，增长 46.89%
    assert income[1] == "2. 收入支出总计 26,591.08 万元，比上年增加 8,487.88 万元，增长 46.89%（上年为 18,103.20 万元，据报告所述增减额推算）。"
    basic = book_findings(WENLV, "basic", 2025)
    # line 341: 人员经费合计 8,055.07, 公用经费合计 1,745.29
    assert basic[0] == "1. 基本支出 9,800.36 万元，其中人员经费 8,055.07 万元，占 82.19%；公用经费 1,745.29 万元，占 17.81%。"
    assert "3. “三公”经费预算 11.49 万元，决算 3.04 万元。" in basic  # lines 541-542
    # lines 609-610: 机关运行经费支出 166.45 万元，比 2024 年度减少 22.50 万元，下降 11.91%
    assert "4. 机关运行经费支出 166.45 万元，比上年减少 22.50 万元，下降 11.91%（上年为 188.95 万元，据报告所述增减额推算）。" in basic
    procurement = book_findings(WENLV, "procurement", 2025)
    assert procurement[0] == "1. 政府采购支出 7,571.90 万元，相当于支出合计 26,538.47 万元的 28.53%。"
    assert book_findings(WENLV, "performance", 2025) == ["*报告列示的数字不足以得出这方面的发现。*"]  # no 绩效自评表


def test_a_finance_bureau_s_pdf_book_opens_with_its_findings():
    intro = book_findings(CAIZHENGJU, "intro", 2024)
    assert intro[0].startswith("1. 一般公共预算财政拨款支出 2,940.05 万元，比上年减少 63.14 万元，下降 2.10%")
    income = book_findings(CAIZHENGJU, "income", 2024)
    # page 21: 本年收入合计 2946.25 万元，其中：财政拨款收入 2940.05 万元，占 99.79%
    assert income[0] == "1. 收入合计 2,946.25 万元，其中财政拨款收入 2,940.05 万元，占 99.79%，为最大来源。"
    # page 21: 收入支出总计 2995.39 万元。与 2023 年度相比，收入支出总计减少 56.95 万元，下降 1.87%
    assert income[1] == "2. 收入支出总计 2,995.39 万元，比上年减少 56.95 万元，下降 1.87%（上年为 3,052.34 万元，据报告所述增减额推算）。"
    basic = book_findings(CAIZHENGJU, "basic", 2024)
    # page 17: 人员经费合计 2,152.26, 公用经费合计 184.65; page 24: 机关运行经费 184.65 万元 … 增加 2.55 万元，增长 1.40%
    assert basic[0] == "1. 基本支出 2,336.91 万元，其中人员经费 2,152.26 万元，占 92.10%；公用经费 184.65 万元，占 7.90%。"
    assert basic[-1] == "4. 机关运行经费支出 184.65 万元，比上年增加 2.55 万元，增长 1.40%（上年为 182.10 万元，据报告所述增减额推算）。"
    audit = book_findings(CAIZHENGJU, "audit", 2024)
    assert audit[0].startswith("1. 勾稽检查发现报告错误 3 处")  # 326.71 against 326.72 once, in two pairs of tables
    # page 21: 财政拨款收入支出总计 0.3 万元, where table 04's 总计 is 2,961.68
    assert any("«上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元»应改为«上海市普陀区财政局2024年度财政拨款收入支出总计2961.68万元»"
               in line for line in audit), audit
