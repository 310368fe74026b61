"""The tidy datasets of one year: names, columns, schemas, CSV I/O.

Every amount is a decimal string as published (precision kept), read back as ``decimal.Decimal``.
Schemas are checked with pandera on every write (ingest) and by `juesuan validate`.
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


@dataclass(frozen=True)
class Col:
    kind: str  # text | decimal | int | enum | code
    nullable: bool = False
    values: tuple[str, ...] = ()
    doc: str = ""
    never_negative: bool = False  # a decimal the national template never prints below zero


def _enum(*values: str, doc: str = "", nullable: bool = False) -> Col:
    return Col("enum", nullable, values, doc)


PRINTED = _enum("number", "dash", "blank", "lost",
                doc="how the cell was printed: a number, a dash (-, read as 0), blank, or lost (the conversion put a "
                    "header word where the figure stands: unknown, never read as 0)")
LINE = Col("int", doc="line of the report text where the figure stands")
AMOUNT = Col("decimal", nullable=True, doc="amount in 万元 (10,000 yuan), exactly as published; empty when blank")
LEVEL = _enum("total", "class", "subclass", "item", doc="total row, or 类 (3-digit), 款 (5-digit), 项 (7-digit) code")

LINE_ITEMS = {
    "side": _enum("income", "expenditure", doc="收入 or 支出 side of the table"),
    "line_no": Col("int", nullable=True, doc="行次, the table's own row number"),
    "item_zh": Col("text", doc="项目 as published (leading ordinal such as 一、 removed)"),
    "column": Col("text", doc="column key (amount, total, general_budget, gov_fund, state_capital)"),
    "column_zh": Col("text", doc="column header as published"),
    "amount_wan_yuan": AMOUNT, "printed": PRINTED, "line": LINE,
}
FUNCTIONAL = {
    "code": Col("code", nullable=True, doc="functional classification code (科目代码); empty on the total row"),
    "name_zh": Col("text", doc="科目名称 as published"),
    "level": LEVEL,
    "column": Col("text", doc="column key (see data/README.md for each table's keys)"),
    "column_zh": Col("text", doc="column header path as published, levels joined by /"),
    "amount_wan_yuan": AMOUNT, "printed": PRINTED, "line": LINE,
}

DATASETS: dict[str, dict] = {
    "t01_summary": {"table": "t01", "columns": LINE_ITEMS},
    "t02_income": {"table": "t02", "columns": FUNCTIONAL},
    "t03_expenditure": {"table": "t03", "columns": FUNCTIONAL},
    "t04_fiscal_summary": {"table": "t04", "columns": LINE_ITEMS},
    "t05_general_budget": {"table": "t05", "columns": FUNCTIONAL},
    "t06_basic_economic": {"table": "t06", "columns": {
        "code": Col("code", nullable=True, doc="economic classification code; empty on a stated total row"),
        "name_zh": Col("text", doc="科目名称 as published"),
        "level": _enum("total", "class", "subclass", doc="stated total, 类 (3-digit) or 款 (5-digit)"),
        "group": _enum("personnel", "public", "all", doc="人员经费 (personnel) or 公用经费 (public/operating)"),
        "amount_wan_yuan": AMOUNT, "printed": PRINTED, "line": LINE,
    }},
    "t07_gov_fund": {"table": "t07", "columns": FUNCTIONAL},
    "t08_state_capital": {"table": "t08", "columns": FUNCTIONAL},
    "u04_fiscal_expenditure": {"table": "u04", "columns": FUNCTIONAL},
    "t09_three_public": {"table": "t09", "columns": {
        "basis": _enum("budget", "actual", doc="预算数 (budget) or 决算数 (actual)"),
        "item": _enum("total", "outbound", "vehicles", "vehicle_purchase", "vehicle_operation", "reception",
                      doc="合计, 因公出国(境)费, 公务用车购置及运行维护费 小计 / 购置费 / 运行维护费, 公务接待费"),
        "column_zh": Col("text", doc="column header path as published"),
        "amount_wan_yuan": AMOUNT, "printed": PRINTED, "line": LINE,
    }},
    "projects": {"table": "projects", "columns": {
        "seq": Col("int", doc="序号"),
        "name_zh": Col("text", doc="project name as published, with its funding document"),
        "funding_doc": Col("text", nullable=True, doc="funding document, one spelling: 长教函〔2024〕115号"),
        "amount_yuan": Col("decimal", doc="expenditure in 元 (yuan); a dash is 0 (see printed)", never_negative=True),
        "printed": PRINTED, "line": LINE,
    }},
    "performance_indicators": {"table": "performance", "columns": {
        "seq": Col("int", doc="order in the table"),
        "level1_zh": Col("text", doc="一级指标 (dimension), without its stated points"),
        "level1_points_stated": Col("decimal", nullable=True, doc="points the table states for the dimension",
                                    never_negative=True),
        "level2_zh": Col("text", nullable=True, doc="二级指标"),
        "level3_zh": Col("text", doc="三级指标"),
        "target": Col("text", nullable=True, doc="年度指标值 as published"),
        "actual": Col("text", nullable=True, doc="实际完成值 as published"),
        "weight_points": Col("decimal", doc="分值", never_negative=True),
        "score_points": Col("decimal", doc="得分", never_negative=True),
        "note": Col("text", nullable=True, doc="偏差原因分析及改进措施"),
        "line": LINE,
    }},
    "performance_budget": {"table": "performance", "columns": {
        "row_zh": Col("text", doc="row label as published (年度资金总额, 其中 ...)"),
        "column": _enum("initial_budget", "full_year_budget", "executed", "weight", "rate", "score",
                        doc="年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分"),
        "value": Col("decimal", doc="as published (万元 for amounts, a fraction for the rate, points)",
                     never_negative=True),
        "line": LINE,
    }},
    "performance_base": {"table": "performance_base", "columns": {
        "section_zh": Col("text", doc="section of the base-data table (财政供养人员情况, 经费控制情况 ...)"),
        "item_zh": Col("text", doc="row label as published"),
        "column_zh": Col("text", doc="column header as published (编制数, 2023年决算数 ...)"),
        "value": Col("decimal", doc="as published"),
        "unit": Col("text", nullable=True, doc="unit the section states (人, 万元); empty for rates"),
        "line": LINE,
    }},
    "stated_totals": {"table": "", "columns": {
        "dataset": Col("text", doc="dataset whose rows the total sums"),
        "label_zh": Col("text", doc="label of the total row as published"),
        "measure": Col("text", doc="column the total is of"),
        "value": Col("decimal", doc="the stated total"),
        "line": LINE,
    }},
    "procurement": {"table": "prose", "columns": {
        "metric": _enum("purchases", "sme_awarded", "small_micro_awarded", "sme_reserved", "small_micro_reserved",
                        "sme_awarded_reserved", "small_micro_awarded_reserved", "sme_awarded_other",
                        doc="政府采购 amount; amount awarded to 中小企业 (SMEs) / 小微企业 (small and micro); amounts "
                            "reserved for them (预留) and won by them in reserved and in other projects"),
        "category": _enum("all", "goods", "works", "services", doc="all, 货物, 工程, 服务"),
        "amount_wan_yuan": Col("decimal", nullable=True, doc="amount in 万元, when stated", never_negative=True),
        "share_pct": Col("decimal", nullable=True, doc="stated share in percent, when stated", never_negative=True),
        "share_of": Col("text", nullable=True, doc="the base of the share: metric/category"),
        "quote_zh": Col("text", doc="locator quote, at most 30 characters"),
        "line": LINE,
    }},
    "prose_numbers": {"table": "prose", "columns": {
        "seq": Col("int", doc="order in the report"),
        "section_zh": Col("text", nullable=True, doc="heading of the section the number stands in"),
        "metric": _enum("total", "amount", "budget", "actual", "change_amount", "change_pct", "share",
                        "execution_rate", "percent", "staff_count", "count", "score", "year", "number", "comparison",
                        doc="what the number states, where recognisable"),
        "subject_zh": Col("text", nullable=True, doc="what the number is of, from the words before it"),
        "value": Col("decimal", nullable=True, doc="the number as published (empty for a comparison word)"),
        "unit": Col("text", nullable=True, doc="万元, 元, %, 人, 个 ..."),
        "direction": _enum("increase", "decrease", "greater", "less", "equal", nullable=True,
                           doc="增加/减少 for changes; 大于/小于/等于/持平 for comparisons"),
        "quote_zh": Col("text", doc="locator quote, at most 30 characters"),
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
            col_checks.append(pa.Check.str_matches(r"^\d{3}(\d{2}){0,2}$"))
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
    return pa.DataFrameSchema(columns, checks=checks, strict=True, ordered=True, coerce=False)


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
    return sorted(int(p.name) for p in Path(data_dir).iterdir() if p.name.isdigit() and (p / "report.json").exists())


def dictionary() -> str:
    """data/README.md: the data dictionary, generated from the schemas above (one place for each fact)."""
    from .vocab import COLUMNS

    out = [
        "# Data dictionary",
        "",
        "Generated by `juesuan dictionary` from `src/juesuan/data/datasets.py`; do not edit by hand.",
        "",
        "Each `data/<year>/` folder is written by `juesuan ingest` and holds one CSV per dataset below plus",
        "`report.json` (unit, year, the template the report follows and its layout, currency unit, staff counts, what",
        "the unit says of being 参公 (`civil_service`: managed or not, with the line and a quote), the source file's",
        "sha256, where each table was found, its notes, tables left unread by `--partial` with the reason, codes",
        "without an English name, and grid rows the parser could not place).",
        "CSV files are UTF-8 with a header row. Amounts are decimals exactly as published (their precision kept);",
        "the column name says the unit: `_wan_yuan` is 万元 (10,000 yuan), `_yuan` is 元. `line` is the line of the",
        "report text the figure comes from, so every cell can be traced back to the report.",
        "",
    ]
    for name, spec in DATASETS.items():
        out += [f"## {name}.csv", "", "| column | type | meaning |", "| --- | --- | --- |"]
        for col, c in spec["columns"].items():
            kind = c.kind + (" (may be empty)" if c.nullable else "")
            meaning = c.doc + (f" — one of: {', '.join(c.values)}" if c.values else "")
            out.append(f"| `{col}` | {kind} | {meaning} |")
        table = spec["table"]
        if table in COLUMNS:
            keys = ", ".join(f"`{k}` ({p.replace('|', ' or ')})" for p, k in COLUMNS[table])
            out += ["", f"Column keys of table {table}, with the header words that name them: {keys}."]
        out.append("")
    return "\n".join(out)


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
