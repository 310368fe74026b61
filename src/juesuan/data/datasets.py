"""The tidy datasets of one year: names, columns, schemas, CSV I/O.

Every amount is a decimal string as published (precision kept), read back as ``decimal.Decimal``.
Schemas are checked with pandera on every write (ingest) and by `juesuan validate`. The specifications below (each
column's kind and meaning in English and Chinese, each dataset's key) also make the data dictionary (dictionary.py)
and each year's datapackage.json (package.py); labels.py says how a reader sees each dataset, column and key.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path


@dataclass
class Result:
    """One report read: its datasets (lists of records) and report.json."""

    datasets: dict[str, list[dict]]
    report: dict


DECIMAL = r"^-?\d+(\.\d+)?$"
INT = r"^\d+$"
CODE = r"\d{3}(\d{2}){0,2}"  # a classification code: 类 (3 digits), 款 (5) or 项 (7)


@dataclass(frozen=True)
class Col:
    kind: str  # text | decimal | int | enum | code
    nullable: bool = False
    values: tuple[str, ...] = ()
    doc: str = ""
    never_negative: bool = False  # a decimal the national template never prints below zero
    zh: str = ""  # the meaning in Chinese, for the data package (datapackage.json) and the dictionary


def _enum(*values: str, doc: str = "", zh: str = "", nullable: bool = False) -> Col:
    return Col("enum", nullable, values, doc, zh=zh)


PRINTED = _enum("number", "dash", "blank", "lost",
                doc="how the cell was printed: a number, a dash (-, read as 0), blank, or lost (the conversion put a "
                    "header word where the figure stands: unknown, never read as 0)",
                zh="该单元格的填列方式：填有数字（number）、短横线（dash，即“-”，按 0 计）、空白（blank），或丢失（lost："
                   "转换时该数字的位置上出现了表头文字，数值不明，不按 0 计）")
LINE = Col("int", doc="line of the report text where the figure stands", zh="该数字在报告文本中所在的行号")
AMOUNT = Col("decimal", nullable=True, doc="amount in 万元 (10,000 yuan), exactly as published; empty when blank",
             zh="金额（万元），与报告所列数字完全一致；单元格空白时为空")
LEVEL = _enum("total", "class", "subclass", "item", doc="total row, or 类 (3-digit), 款 (5-digit), 项 (7-digit) code",
              zh="合计行，或科目级次：类（3 位代码）、款（5 位）、项（7 位）")
HEADER_PATH = Col("text", doc="column header path as published", zh="栏目表头路径（照录报告原文）")
QUOTE = Col("text", doc="locator quote, at most 30 characters", zh="定位引文，摘自报告原文，不超过 30 个字符")

LINE_ITEMS = {
    "side": _enum("income", "expenditure", doc="收入 or 支出 side of the table",
                  zh="表中的收入方（income）或支出方（expenditure）"),
    "line_no": Col("int", nullable=True, doc="行次, the table's own row number", zh="行次（表格自身的行号）"),
    "item_zh": Col("text", doc="项目 as published (leading ordinal such as 一、 removed)",
                   zh="项目名称（照录报告原文，去掉“一、”等序号）"),
    "column": Col("text", doc="column key (amount, total, general_budget, gov_fund, state_capital)",
                  zh="栏目标识（amount、total、general_budget、gov_fund、state_capital）"),
    "column_zh": Col("text", doc="column header as published", zh="栏目表头（照录报告原文）"),
    "amount_wan_yuan": AMOUNT, "printed": PRINTED, "line": LINE,
}
FUNCTIONAL = {
    "code": Col("code", nullable=True, doc="functional classification code (科目代码); empty on the total row",
                zh="功能分类科目代码；合计行为空"),
    "name_zh": Col("text", doc="科目名称 as published", zh="科目名称（照录报告原文）"),
    "level": LEVEL,
    "column": Col("text", doc="column key (each table's keys are listed below its columns in the data dictionary)",
                  zh="栏目标识（各表的栏目标识列在数据字典中该表的字段之后）"),
    "column_zh": Col("text", doc="column header path as published, levels joined by /",
                     zh="栏目表头路径（照录报告原文，多级表头以 / 连接）"),
    "amount_wan_yuan": AMOUNT, "printed": PRINTED, "line": LINE,
}
# key: the columns that tell the rows apart (the data package's primaryKey), checked at every write; none where no
# always-filled columns do: in the functional tables the total row has no code and a name may stand under several
# codes (行政运行); `line` cannot serve, as a table in HTML may stand on one line of the text.
DATASETS: dict[str, dict] = {
    "t01_summary": {"table": "t01", "key": ("side", "item_zh", "column"), "columns": LINE_ITEMS},
    "t02_income": {"table": "t02", "key": (), "columns": FUNCTIONAL},
    "t03_expenditure": {"table": "t03", "key": (), "columns": FUNCTIONAL},
    "t04_fiscal_summary": {"table": "t04", "key": (), "columns": LINE_ITEMS},  # 年初结转 sub-rows repeat names above
    "t05_general_budget": {"table": "t05", "key": (), "columns": FUNCTIONAL},
    "t06_basic_economic": {"table": "t06", "key": (), "columns": {  # names repeat (其他支出); totals have no code
        "code": Col("code", nullable=True, doc="economic classification code; empty on a stated total row",
                    zh="支出经济分类科目代码；列明的合计行为空"),
        "name_zh": Col("text", doc="科目名称 as published", zh="科目名称（照录报告原文）"),
        "level": _enum("total", "class", "subclass", doc="stated total, 类 (3-digit) or 款 (5-digit)",
                       zh="列明的合计，或科目级次：类（3 位代码）、款（5 位）"),
        "group": _enum("personnel", "public", "all", doc="人员经费 (personnel) or 公用经费 (public/operating)",
                       zh="经费类别：人员经费（personnel）或公用经费（public）；all 为两者合计"),
        "amount_wan_yuan": AMOUNT, "printed": PRINTED, "line": LINE,
    }},
    "t07_gov_fund": {"table": "t07", "key": (), "columns": FUNCTIONAL},
    "t08_state_capital": {"table": "t08", "key": (), "columns": FUNCTIONAL},
    "u04_fiscal_expenditure": {"table": "u04", "key": (), "columns": FUNCTIONAL},
    "t09_three_public": {"table": "t09", "key": ("basis", "item"), "columns": {
        "basis": _enum("budget", "actual", doc="预算数 (budget) or 决算数 (actual)", zh="预算数（budget）或决算数（actual）"),
        "item": _enum("total", "outbound", "vehicles", "vehicle_purchase", "vehicle_operation", "reception",
                      doc="合计, 因公出国(境)费, 公务用车购置及运行维护费 小计 / 购置费 / 运行维护费, 公务接待费",
                      zh="合计、因公出国（境）费、公务用车购置及运行维护费（小计、购置费、运行维护费）、公务接待费"),
        "column_zh": HEADER_PATH,
        "amount_wan_yuan": AMOUNT, "printed": PRINTED, "line": LINE,
    }},
    "projects": {"table": "projects", "key": ("seq", "name_zh"), "columns": {  # a list may number groups from 1
        "seq": Col("int", doc="序号", zh="序号（照录报告原文）"),
        "name_zh": Col("text", doc="project name as published, with its funding document",
                       zh="项目名称（照录报告原文，含资金文件）"),
        "funding_doc": Col("text", nullable=True, doc="funding document, one spelling: 长教函〔2024〕115号",
                           zh="资金文件文号（统一写法，如长教函〔2024〕115号）"),
        "amount_yuan": Col("decimal", doc="expenditure in 元 (yuan); a dash is 0 (see printed)", never_negative=True,
                           zh="支出金额（元）；短横线按 0 计（见 printed）"),
        "printed": PRINTED, "line": LINE,
    }},
    "performance_indicators": {"table": "performance", "key": ("seq",), "columns": {
        "seq": Col("int", doc="order in the table", zh="在表中的顺序"),
        "level1_zh": Col("text", doc="一级指标 (dimension), without its stated points", zh="一级指标（不含标注的分值）"),
        "level1_points_stated": Col("decimal", nullable=True, doc="points the table states for the dimension",
                                    never_negative=True, zh="表中为该一级指标标注的分值"),
        "level2_zh": Col("text", nullable=True, doc="二级指标", zh="二级指标"),
        "level3_zh": Col("text", doc="三级指标", zh="三级指标"),
        "target": Col("text", nullable=True, doc="年度指标值 as published", zh="年度指标值（照录报告原文）"),
        "actual": Col("text", nullable=True, doc="实际完成值 as published", zh="实际完成值（照录报告原文）"),
        "weight_points": Col("decimal", doc="分值", never_negative=True, zh="分值"),
        "score_points": Col("decimal", doc="得分", never_negative=True, zh="得分"),
        "note": Col("text", nullable=True, doc="偏差原因分析及改进措施", zh="偏差原因分析及改进措施"),
        "line": LINE,
    }},
    "performance_budget": {"table": "performance", "key": ("row_zh", "column"), "columns": {
        "row_zh": Col("text", doc="row label as published (年度资金总额, 其中 ...)",
                      zh="行标签（照录报告原文，如年度资金总额、其中……）"),
        "column": _enum("initial_budget", "full_year_budget", "executed", "weight", "rate", "score",
                        doc="年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分",
                        zh="年初预算数、全年预算数、全年执行数、分值、执行率、得分"),
        "value": Col("decimal", doc="as published (万元 for amounts, a fraction for the rate, points)",
                     never_negative=True, zh="报告所列数值（金额以万元计，执行率为小数，分值和得分以分计）"),
        "line": LINE,
    }},
    "performance_base": {"table": "performance_base", "key": ("section_zh", "item_zh", "column_zh"), "columns": {
        "section_zh": Col("text", doc="section of the base-data table (财政供养人员情况, 经费控制情况 ...)",
                          zh="所属部分（财政供养人员情况、经费控制情况……）"),
        "item_zh": Col("text", doc="row label as published", zh="行标签（照录报告原文）"),
        "column_zh": Col("text", doc="column header as published (编制数, 2023年决算数 ...)",
                         zh="栏目表头（照录报告原文，如编制数、2023年决算数……）"),
        "value": Col("decimal", doc="as published", zh="报告所列数值"),
        "unit": Col("text", nullable=True, doc="unit the section states (人, 万元); empty for rates",
                    zh="该部分标明的计量单位（人、万元）；比率为空"),
        "line": LINE,
    }},
    "stated_totals": {"table": "", "key": ("dataset", "measure"), "columns": {
        "dataset": Col("text", doc="dataset whose rows the total sums", zh="该合计数所汇总的数据集"),
        "label_zh": Col("text", doc="label of the total row as published", zh="合计行的标签（照录报告原文）"),
        "measure": Col("text", doc="column the total is of", zh="该合计数对应的列"),
        "value": Col("decimal", doc="the stated total", zh="报告列明的合计数"),
        "line": LINE,
    }},
    "procurement": {"table": "prose", "key": ("metric", "category", "line"), "columns": {
        "metric": _enum("purchases", "sme_awarded", "small_micro_awarded", "sme_reserved", "small_micro_reserved",
                        "sme_awarded_reserved", "small_micro_awarded_reserved", "sme_awarded_other",
                        doc="政府采购 amount; amount awarded to 中小企业 (SMEs) / 小微企业 (small and micro); amounts "
                            "reserved for them (预留) and won by them in reserved and in other projects",
                        zh="政府采购金额；授予中小企业、小微企业的合同金额；面向中小企业、小微企业预留的项目金额，以及"
                           "预留项目和其他项目中由其中标或成交的金额"),
        "category": _enum("all", "goods", "works", "services", doc="all, 货物, 工程, 服务",
                          zh="全部（all）、货物（goods）、工程（works）、服务（services）"),
        "amount_wan_yuan": Col("decimal", nullable=True, doc="amount in 万元, when stated", never_negative=True,
                               zh="金额（万元），报告列明时填写"),
        "share_pct": Col("decimal", nullable=True, doc="stated share in percent, when stated", never_negative=True,
                         zh="报告列明的占比（%），列明时填写"),
        "share_of": Col("text", nullable=True, doc="the base of the share: metric/category",
                        zh="占比的计算基数，格式为 metric/category"),
        "quote_zh": QUOTE,
        "line": LINE,
    }},
    "prose_numbers": {"table": "prose", "key": ("seq",), "columns": {
        "seq": Col("int", doc="order in the report", zh="在报告中的顺序"),
        "section_zh": Col("text", nullable=True, doc="heading of the section the number stands in",
                          zh="该数字所在部分的标题"),
        "metric": _enum("total", "amount", "budget", "actual", "change_amount", "change_pct", "share",
                        "execution_rate", "percent", "staff_count", "count", "score", "year", "number", "comparison",
                        doc="what the number states, where recognisable", zh="该数字所表述的指标（可识别时）"),
        "subject_zh": Col("text", nullable=True, doc="what the number is of, from the words before it",
                          zh="该数字所指的对象，取自其前面的文字"),
        "value": Col("decimal", nullable=True, doc="the number as published (empty for a comparison word)",
                     zh="报告所列数字（比较用语为空）"),
        "unit": Col("text", nullable=True, doc="万元, 元, %, 人, 个 ...", zh="计量单位：万元、元、%、人、个……"),
        "direction": _enum("increase", "decrease", "greater", "less", "equal", nullable=True,
                           doc="增加/减少 for changes; 大于/小于/等于/持平 for comparisons",
                           zh="变动方向（增加、减少），或比较结果（大于、小于、等于、持平）"),
        "quote_zh": QUOTE,
        "line": LINE,
    }},
}

DECIMAL_KIND = "decimal"


def _schema(name: str):
    import pandera.pandas as pa  # imported on use: pandera is slow to import

    checks = []
    columns = {}
    for col, spec in DATASETS[name]["columns"].items():
        col_checks = []
        if spec.kind == "decimal":
            col_checks.append(pa.Check.str_matches(DECIMAL))
            if spec.never_negative:
                col_checks.append(pa.Check(lambda s: ~s.str.startswith("-"), name="not_negative"))
        elif spec.kind == "int":
            col_checks.append(pa.Check.str_matches(INT))
        elif spec.kind == "code":
            col_checks.append(pa.Check.str_matches(f"^{CODE}$"))
        elif spec.kind == "enum":
            col_checks.append(pa.Check.isin(list(spec.values)))
        else:
            col_checks.append(pa.Check.str_length(min_value=1))
        # no dtype: every check above already fails on a value that is not text, and pandera's str dtype check
        # visits every value in Python (most of the time of a whole parse)
        columns[col] = pa.Column(None, checks=col_checks, nullable=spec.nullable)
    if name == "performance_base":  # a head count is never negative; other base data (adjustments) may be
        checks.append(pa.Check(lambda df: (df["unit"] != "人") | ~df["value"].str.startswith("-"),
                               name="head_count_not_negative"))
    if "quote_zh" in columns:
        checks.append(pa.Check(lambda df: df["quote_zh"].str.len() <= 30, name="quote at most 30 characters"))
    return pa.DataFrameSchema(columns, checks=checks, strict=True, ordered=True, coerce=False,
                              unique=list(DATASETS[name]["key"]) or None)


def to_frame(name: str, records: list[dict]):
    import pandas as pd

    columns = list(DATASETS[name]["columns"])
    frame = pd.DataFrame([[r.get(c, "") for c in columns] for r in records], columns=columns, dtype=object)
    for col, spec in DATASETS[name]["columns"].items():
        if spec.nullable:
            frame[col] = frame[col].map(lambda v: None if v == "" else v)
    return frame


def failure(name: str, records: list[dict]) -> tuple[str, int | None] | None:
    """None when the records fit the schema, else a one-line reason naming the column, and the report line."""
    import pandera.errors as pe

    if not records:
        return None  # an absent section: nothing to check
    frame = to_frame(name, records)
    try:
        _schema(name).validate(frame, lazy=True)
    except pe.SchemaErrors as err:
        cases = err.failure_cases
        first = cases.iloc[0]
        if first["check"] == "multiple_fields_uniqueness":  # two rows share the key: name it, and a line of the report
            key = DATASETS[name]["key"]
            record = records[int(first["index"])]
            values = ", ".join(str(record.get(k, "")) for k in key)
            line = record.get("line", "")
            return (f"{name}: two rows have the same {', '.join(key)} ({values})",
                    int(line) if str(line).isdigit() else None)
        # a check over whole rows fails every column of the row: name its decimal column
        decimals = [c for c, spec in DATASETS[name]["columns"].items() if spec.kind == "decimal"]
        same = cases[(cases["index"] == first["index"]) & (cases["check"] == first["check"])]
        if len(same) > 1 and same["column"].isin(decimals).any():
            first = same[same["column"].isin(decimals)].iloc[0]
        index = first["index"]
        line = records[int(index)].get("line") if index is not None and str(index).isdigit() else None
        value = str(first["failure_case"])[:30]
        return f"{name}.{first['column']}: '{value}' fails {first['check']}", int(line) if str(line).isdigit() else None
    return None


def validate(name: str, records: list[dict]) -> str | None:
    """None when the records fit the schema, else a one-line reason naming the column and a line of the report."""
    found = failure(name, records)
    if found is None:
        return None
    reason, line = found
    return reason + (f" (line {line})" if line else "")


def write_csv(path: Path, name: str, records: list[dict]) -> None:
    columns = list(DATASETS[name]["columns"])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for r in records:
        writer.writerow([r.get(c, "") for c in columns])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


TABLE_DATASETS = [n for n, spec in DATASETS.items() if "printed" in spec["columns"] and "amount_wan_yuan" in spec["columns"]]


def load(year: int | str, data_dir: str | Path = "data", *, blank_as_zero: bool = True) -> dict:
    """One year's datasets as pandas DataFrames (decimal columns as Decimal) plus ``report`` (report.json).

    A blank cell of the nine tables is read as zero (the tables print blanks for nil; ``printed`` keeps
    the distinction); ``blank_as_zero=False`` keeps it as None.
    """
    import pandas as pd

    folder = Path(data_dir) / str(year)
    out: dict = {"report": json.loads((folder / "report.json").read_text(encoding="utf-8"))}
    for name, spec in DATASETS.items():
        frame = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        for col, c in spec["columns"].items():
            if c.kind == "decimal":
                frame[col] = frame[col].map(lambda v: Decimal(v) if v != "" else None).astype(object)
            elif c.kind == "int" and not c.nullable:
                frame[col] = frame[col].map(int) if len(frame) else frame[col]
        out[name] = frame
    return zero_blanks(out) if blank_as_zero else out


def zero_blanks(data: dict) -> dict:
    """A copy of loaded data whose blank table cells read as zero (``printed`` keeps them as blank)."""
    out = dict(data)
    for name in TABLE_DATASETS:
        frame = data[name].copy()
        frame["amount_wan_yuan"] = [Decimal(0) if v is None and printed != "lost" else v
                                    for v, printed in zip(frame["amount_wan_yuan"], frame["printed"])]
        out[name] = frame
    return out


def years(data_dir: str | Path = "data") -> list[int]:
    """The years of one unit: the folders of ``data_dir`` (data/<unit>/) that hold a report.json."""
    folder = Path(data_dir)
    if not folder.is_dir():
        return []
    return sorted(int(p.name) for p in folder.iterdir() if p.name.isdigit() and (p / "report.json").exists())


def table_state(report: dict, table: str) -> tuple[str, str]:
    """Whether the report's table (or annex section: projects, performance) was read: ("read", ""), ("absent", the
    template's name) when its template has no such table, or ("unread", the reason and line) when
    ``ingest --partial`` could not read it."""
    from .vocab import TEMPLATES, TITLES

    for item in report.get("unread", []):
        if item["table"] == table:
            return "unread", f"{item['reason']} (line {item['line'] or '-'})"
    template = TEMPLATES[report.get("template", {}).get("id", "national")]
    if table in TITLES and table not in template["tables"]:  # an annex section is never a template's
        return "absent", template["name_en"]
    return "read", ""
