"""data/<year>/datapackage.json: a year's folder described as a Frictionless Data Package.

Made at ingest beside the CSV files, from the dataset specifications in datasets.py (the same ones the schemas and
the data dictionary are made from) and from report.json: one tabular-data-resource per CSV, its fields typed
(string, number, integer), described in English and Chinese, amounts with their unit and currency, its key as the
primaryKey; report.json as a resource of its own; the source report with its sha256. Deterministic: the same
inputs give the same bytes (no timestamp: ``created`` is left out). Only profiles frictionless knows by name are
named, so validating it reads nothing from the network.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from . import labels
from .datasets import CODE, DATASETS, Col
from .glossary import table_title
from .vocab import STANDARD_TITLES, TEMPLATES

FILE = "datapackage.json"
TYPES = {"text": "string", "enum": "string", "code": "string", "decimal": "number", "int": "integer"}
UNITS = (("_wan_yuan", "万元", "CNY"), ("_yuan", "元", "CNY"), ("_pct", "%", ""))  # the column name says the unit
MISSING = [""]  # how the CSV writes an empty cell


def field(name: str, col: Col) -> dict:
    """One column as a Table Schema field."""
    out: dict = {"name": name, "type": TYPES[col.kind], "title": labels.head(name, "en"),
                 "title_zh": labels.head(name, "zh"), "description": col.doc, "description_zh": col.zh}
    unit = next(((u, c) for suffix, u, c in UNITS if name.endswith(suffix)), None)
    if col.kind == "decimal":
        out["bareNumber"] = True  # a plain decimal, "." its decimal point and no group separator: read exactly
    if unit:
        out["unit"] = unit[0]
        if unit[1]:
            out["currency"] = unit[1]
    constraints: dict = {}
    if not col.nullable:
        constraints["required"] = True
    if col.values:
        constraints["enum"] = list(col.values)
    if col.kind == "code":
        constraints["pattern"] = CODE
    if col.kind == "int" or col.never_negative:
        constraints["minimum"] = 0
    if constraints:
        out["constraints"] = constraints
    return out


def schema(name: str) -> dict:
    spec = DATASETS[name]
    key = {"primaryKey": list(spec["key"])} if spec["key"] else {}  # none where no columns tell every row apart
    return {"fields": [field(c, col) for c, col in spec["columns"].items()], **key, "missingValues": MISSING}


def _title(table: str) -> str | None:
    zh = STANDARD_TITLES.get(table)
    if not zh:
        return None
    en = table_title(table)
    return f"{zh} ({en})" if en else zh


def resource(name: str) -> dict:
    out: dict = {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource"}
    if title := _title(DATASETS[name]["table"]):
        out["title"] = title
    return {**out, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema(name)}


def slug(text: str) -> str:
    """An ASCII name from Chinese: its pinyin, without tones or spaces (长沙市 → changshashi)."""
    from pypinyin import Style, lazy_pinyin

    return re.sub(r"[^a-z0-9]+", "-", "".join(lazy_pinyin(text, style=Style.NORMAL)).lower())[:80].strip("-")


BOM_EN = (" In this download each CSV file begins with a UTF-8 byte-order mark, so that Excel reads its Chinese "
          "correctly; readers of the Frictionless standard skip it.")
BOM_ZH = "本下载中的每个 CSV 文件以 UTF-8 字节顺序标记（BOM）开头，因此 Excel 能正确显示其中的中文；符合 Frictionless 标准的工具会跳过这一标记。"


def descriptor(report: dict, names: list[str] | None = None, *, download: bool = False) -> dict:
    """The Data Package of a year's folder, from its report.json: every dataset, or only ``names`` (a download holds
    only its template's tables); ``download`` says that its CSV files begin with a byte-order mark."""
    unit, year, source = report.get("unit_zh", ""), report["year"], report.get("source", {})
    template = TEMPLATES[report.get("template", {}).get("id", "national")]
    out = {
        "profile": "data-package",
        "name": f"juesuan-{slug(unit) or 'unit'}-{year}",
        "title": f"{unit}{year}年度决算数据 · Final accounts of {unit}, {year}",
        "description": (
            f"The figures of the {year} final accounts (决算) of {unit}, read by `juesuan ingest` from the published "
            f"report (template: {template['name_en']}): one CSV file per table or section of the report, every amount "
            "exactly as published, in the unit its column names (万元 or 元), every row with the line of the report it "
            "was read from. report.json describes the report: its template, where each table was found, staff counts "
            "and the source file."),
        "description_zh": (
            f"{unit}{year}年度决算的数据，由 juesuan ingest 从公开的决算报告中读取，报告格式为{template['name_zh']}。"
            "报告的每张表或每个部分对应一个 CSV 文件，金额与报告所列数字完全一致，单位见各列（万元或元），"
            "每一行都注明它在报告文本中的行号。report.json 记录报告本身的情况：所用模板、各表所在位置、人员数和来源文件。"),
        "sources": [{"title": "公开的决算报告 (the published report)", "path": source.get("file", ""),
                     "sha256": source.get("sha256", "")}],
        "resources": [resource(name) for name in (DATASETS if names is None else names)] + [{
            # "type": json, else frictionless takes a file named report.json for a validation report of its own
            "name": "report", "path": "report.json", "profile": "data-resource", "type": "json",
            "title": "报告信息 (about the report)", "format": "json", "mediatype": "application/json",
            "encoding": "utf-8",
            "description": "The report itself: unit, year, template and layout, where each table and section was "
                           "found, staff counts, tables left unread, and the source file with its sha256.",
            "description_zh": "报告本身的情况：单位、年度、模板和版式、各表及各部分所在位置、人员数、未能读取的表，"
                              "以及来源文件及其 sha256。",
        }],
    }
    for res in out["resources"]:  # a table printed in 元, stored in 万元 (read/units.py)
        stored = report.get("tables", {}).get(DATASETS.get(res["name"], {}).get("table", ""), {}).get("stored")
        if stored:
            res["description"] = (f"The report prints this table in 元; its amounts are stored here in {stored['unit']}, "
                                  f"exactly (元 × {stored['factor']}), to {stored['precision']} 万元.")
            res["description_zh"] = (f"报告中本表以元为单位；此处金额换算为{stored['unit']}（元 × {stored['factor']}），"
                                     f"精确到 {stored['precision']} 万元，未作任何舍入。")
    if download:
        out["description"] += BOM_EN
        out["description_zh"] += BOM_ZH
    return out


def text(report: dict, names: list[str] | None = None, *, download: bool = False) -> str:
    return json.dumps(descriptor(report, names, download=download), ensure_ascii=False, indent=2) + "\n"


def write(folder: Path, report: dict) -> None:
    (folder / FILE).write_text(text(report), encoding="utf-8")


def problems(folder: Path) -> list[str]:
    """What is wrong with a year's datapackage.json: missing, its schemas not the specifications' (written before
    they changed: ingest the year again), or the files not what it says (frictionless, offline: nothing is fetched)."""
    path = folder / FILE
    if not path.exists():
        return [f"{path}: missing (ingest the year again to write it)"]
    found = json.loads(path.read_text(encoding="utf-8"))
    tables = {r["name"]: r.get("schema") for r in found.get("resources", []) if r.get("format") == "csv"}
    if tables != {name: schema(name) for name in DATASETS}:
        return [f"{path}: its tables are not the dataset specifications' (ingest the year again with --force)"]
    import frictionless

    report = frictionless.validate(str(path))
    if report.valid:
        return []
    rows = report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])
    names = [t.name for t in report.tasks]
    return [f"{path}: {names[task - 1] if task else 'package'}"
            + (f" row {row}" if row else "") + (f" {field}" if field else "") + f": {kind}: {note}"
            for task, row, field, kind, note in rows[:10]]
