"""What a reader sees for the datasets' names, columns and keys, in English and Chinese: one place for each label.

datasets.py says what each column holds (its kind, its meaning, its allowed values); this module says how it is
called on a page or a spreadsheet: each dataset's short title (a sheet name: at most 31 characters), each column's
short header, each key's label (``income`` is 收入, ``budget`` 预算数, table 02's ``fiscal`` 财政拨款收入). The data
dictionary (dictionary.py), the data package (package.py) and the Excel workbooks (publish/workbook.py) read them.
Text from the report is never relabelled: only our own keys are.
"""

from __future__ import annotations

import re

from .datasets import DATASETS
from .vocab import STANDARD_TITLES, TEMPLATES, THREE_ZH

LANGS = ("zh", "en")

# Each dataset's title, short enough for a sheet name (Excel allows 31 characters and none of []:*?/\). A table of
# the report takes its usual Chinese title (vocab.STANDARD_TITLES) unless one is given here.
TITLES: dict[str, tuple[str, str | None]] = {
    "t01_summary": ("Income and expenditure", None),
    "t02_income": ("Income", None),
    "t03_expenditure": ("Expenditure", None),
    "t04_fiscal_summary": ("Fiscal appropriations", None),
    "t05_general_budget": ("General public budget", None),
    "t06_basic_economic": ("Basic expenditure (economic)", None),
    "t07_gov_fund": ("Government funds", None),
    "t08_state_capital": ("State capital operations", None),
    "u04_fiscal_expenditure": ("Fiscal spending (universities)", None),
    "t09_three_public": ("Three public expenses", None),
    "projects": ("Projects", None),
    "performance_indicators": ("Performance indicators", "绩效自评指标"),
    "performance_budget": ("Performance funds", "绩效自评资金情况"),
    "performance_base": ("Performance base data", "绩效评价基础数据"),
    "stated_totals": ("Stated totals", "报告列明的合计数"),
    "procurement": ("Government procurement", "政府采购"),
    "prose_numbers": ("Numbers in the text", "文字说明中的数字"),
}

# Each column's short header, by column name (a name means the same in every dataset that has it).
HEADS: dict[str, tuple[str, str]] = {
    "side": ("Side", "收支方"),
    "line_no": ("Row no.", "行次"),
    "item_zh": ("Item", "项目"),
    "column": ("Column", "栏目"),
    "column_zh": ("Column as published", "栏目（原文）"),
    "amount_wan_yuan": ("Amount (10,000 yuan)", "金额（万元）"),
    "printed": ("Printed as", "填列方式"),
    "line": ("Report line", "报告行号"),
    "code": ("Code", "科目代码"),
    "name_zh": ("Name", "名称"),
    "level": ("Level", "级次"),
    "group": ("Group", "经费类别"),
    "basis": ("Basis", "口径"),
    "item": ("Item", "项目"),
    "seq": ("No.", "序号"),
    "funding_doc": ("Funding document", "资金文件"),
    "amount_yuan": ("Amount (yuan)", "金额（元）"),
    "level1_zh": ("Level-1 indicator", "一级指标"),
    "level1_points_stated": ("Level-1 points stated", "一级指标标注分值"),
    "level2_zh": ("Level-2 indicator", "二级指标"),
    "level3_zh": ("Level-3 indicator", "三级指标"),
    "target": ("Annual target", "年度指标值"),
    "actual": ("Actual", "实际完成值"),
    "weight_points": ("Weight (points)", "分值"),
    "score_points": ("Score (points)", "得分"),
    "note": ("Reasons and improvements", "偏差原因分析及改进措施"),
    "row_zh": ("Row", "项目"),
    "value": ("Value", "数值"),
    "section_zh": ("Section", "所属部分"),
    "unit": ("Unit", "计量单位"),
    "dataset": ("Dataset", "数据集"),
    "label_zh": ("Label of the total", "合计行名称"),
    "measure": ("Column totalled", "合计的列"),
    "metric": ("Measure", "指标"),
    "category": ("Category", "类别"),
    "share_pct": ("Share (%)", "占比（%）"),
    "share_of": ("Share of", "占比基数"),
    "quote_zh": ("Quote", "原文摘录"),
    "subject_zh": ("Subject", "所指对象"),
    "direction": ("Direction", "变动方向"),
}

# Each enumerated value's label, by column name.
VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "side": {"income": ("income", "收入"), "expenditure": ("expenditure", "支出")},
    "printed": {"number": ("number", "数字"), "dash": ("dash (-, read as 0)", "短横线（按 0 计）"),
                "blank": ("blank", "空白"), "lost": ("lost in conversion (unknown)", "丢失（数值不明）")},
    "level": {"total": ("total", "合计"), "class": ("class (类)", "类"), "subclass": ("subclass (款)", "款"),
              "item": ("item (项)", "项")},
    "group": {"personnel": ("personnel", "人员经费"), "public": ("public (operating)", "公用经费"),
              "all": ("both", "合计")},
    "basis": {"budget": ("budget", "预算数"), "actual": ("actual", "决算数")},
    "item": {k: (en, THREE_ZH[k]) for k, en in (
        ("total", "three public expenses"), ("outbound", "official trips abroad"),
        ("vehicles", "official vehicles"), ("vehicle_purchase", "vehicle purchase"),
        ("vehicle_operation", "vehicle operation and maintenance"), ("reception", "official reception"))},
    "metric": {
        # procurement
        "purchases": ("government procurement", "政府采购"),
        "sme_awarded": ("awarded to SMEs", "授予中小企业"),
        "small_micro_awarded": ("awarded to small and micro firms", "授予小微企业"),
        "sme_reserved": ("reserved for SMEs", "面向中小企业预留"),
        "small_micro_reserved": ("reserved for small and micro firms", "面向小微企业预留"),
        "sme_awarded_reserved": ("won by SMEs, reserved projects", "预留项目中授予中小企业"),
        "small_micro_awarded_reserved": ("won by small and micro firms, reserved projects", "预留项目中授予小微企业"),
        "sme_awarded_other": ("won by SMEs, other projects", "其他项目中授予中小企业"),
        # numbers in the text
        "total": ("total", "合计"), "amount": ("amount", "金额"), "budget": ("budget", "预算数"),
        "actual": ("actual", "决算数"), "change_amount": ("change", "增减额"), "change_pct": ("change (%)", "增减率"),
        "share": ("share", "占比"), "execution_rate": ("execution rate", "执行率"), "percent": ("percentage", "百分比"),
        "staff_count": ("head count", "人数"), "count": ("count", "数量"), "score": ("score", "得分"),
        "year": ("year", "年份"), "number": ("number", "数字"), "comparison": ("comparison", "比较"),
    },
    "category": {"all": ("all", "全部"), "goods": ("goods", "货物"), "works": ("works", "工程"),
                 "services": ("services", "服务")},
    "direction": {"increase": ("increase", "增加"), "decrease": ("decrease", "减少"), "greater": ("greater", "大于"),
                  "less": ("less", "小于"), "equal": ("equal", "持平")},
}

# The `column` keys of each table (vocab.COLUMNS names them from the header words), and of the 绩效自评表's funds.
_BASIC = {"basic": ("basic expenditure", "基本支出"), "project": ("project expenditure", "项目支出")}
_FUNDS = {"opening_balance": ("carried over at the start", "年初结转和结余"),
          "closing_balance": ("carried over at the end", "年末结转和结余"), "income": ("income of the year", "本年收入"),
          "expenditure": ("expenditure of the year", "本年支出"), **_BASIC}
COLUMN_KEYS: dict[str, dict[str, tuple[str, str]]] = {
    "t01": {"budget": ("budget", "预算数"), "amount": ("amount", "决算数")},
    "t02": {"total": ("total income", "收入合计"), "fiscal": ("fiscal appropriations", "财政拨款收入"),
            "upper_subsidy": ("subsidies from above", "上级补助收入"), "service": ("service income", "事业收入"),
            "operating": ("operating income", "经营收入"), "affiliated": ("from affiliated units", "附属单位上缴收入"),
            "other": ("other income", "其他收入")},
    "t03": {"total": ("total expenditure", "支出合计"), **_BASIC,
            "remit_upper": ("remitted upwards", "上缴上级支出"), "operating": ("operating expenditure", "经营支出"),
            "affiliated": ("subsidies to affiliated units", "对附属单位补助支出")},
    "t04": {"amount": ("amount", "金额"), "total": ("total", "合计"),
            "general_budget": ("general public budget", "一般公共预算财政拨款"),
            "gov_fund": ("government funds", "政府性基金预算财政拨款"),
            "state_capital": ("state capital operations", "国有资本经营预算财政拨款")},
    "t05": {"total": ("total", "合计"), **_BASIC},
    "t07": _FUNDS,
    "t08": {**_FUNDS, "total": ("expenditure of the year", "本年支出合计")},
    "u04": {"total": ("total", "合计"), **_BASIC},
    "performance": {"initial_budget": ("budget at the start of the year", "年初预算数"),
                    "full_year_budget": ("full-year budget", "全年预算数"), "executed": ("executed", "全年执行数"),
                    "weight": ("weight", "分值"), "rate": ("execution rate", "执行率"), "score": ("score", "得分")},
}
# A part under a named column (read/tables.py): a group (basic_personnel), an 'of which' (service_of_which), or a column
# its header does not name (basic_col5, col5).
SUB_COLUMN = re.compile(r"(?:(?P<key>[a-z_]+?)_)?(?:(?P<group>personnel|public|of_which)|col(?P<n>\d+))")
_GROUP = {"personnel": ("personnel", "人员经费"), "public": ("public", "公用经费"), "of_which": ("of which", "其中")}


def _pick(pair: tuple[str, str], lang: str) -> str:
    """(English, Chinese)[lang]."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGS)}")
    return pair[1] if lang == "zh" else pair[0]


def title(name: str, lang: str) -> str:
    """A dataset's short title (a sheet name)."""
    en, zh = TITLES[name]
    return en if lang == "en" else zh or STANDARD_TITLES[DATASETS[name]["table"]]


def head(column: str, lang: str) -> str:
    """A column's short header."""
    return _pick(HEADS[column], lang)


def column_key(table: str, key: str, lang: str) -> str | None:
    """The label of a `column` key of a table: 财政拨款收入 for t02's fiscal; a sub-column under a named column
    (basic_personnel, service_of_which) is the column's label and the part's; an unnamed one (col5) is the fifth."""
    keys = COLUMN_KEYS.get(table, {})
    if key in keys:
        return _pick(keys[key], lang)
    found = SUB_COLUMN.fullmatch(key)
    if not found or (found["key"] and found["key"] not in keys):
        return None
    part = _pick(_GROUP[found["group"]], lang) if found["group"] else (
        f"第 {found['n']} 栏" if lang == "zh" else f"column {found['n']}")
    if not found["key"]:
        return part
    return _pick(keys[found["key"]], lang) + ("：" if lang == "zh" else ": ") + part


def value(name: str, column: str, text: str, lang: str) -> str:
    """What a reader sees for a cell: our key's label in the language (收入 for income), anything else as it is
    (the report's own text, a figure, a key no label is known for)."""
    if not text:
        return text
    if column in VALUES and text in VALUES[column]:
        return _pick(VALUES[column][text], lang)
    if column == "column":
        return column_key(DATASETS[name]["table"], text, lang) or text
    if column == "dataset" and text in DATASETS:
        return title(text, lang)
    if column == "measure" and text in HEADS:
        return head(text, lang)
    if column == "share_of" and "/" in text:
        metric, category = text.split("/", 1)
        return "/".join((value(name, "metric", metric, lang), value(name, "category", category, lang)))
    return text


def template_has(name: str, report: dict) -> bool:
    """Whether a dataset belongs to a report's template: a table of the report only when its template has it (a
    national report has no u04, a university's no t04–t09); the sections outside the numbered tables always."""
    from .vocab import TITLES as TABLES

    table = DATASETS[name]["table"]
    template = TEMPLATES[report.get("template", {}).get("id", "national")]
    return table not in TABLES or table in template["tables"]
