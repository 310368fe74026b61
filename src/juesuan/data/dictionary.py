"""The data dictionary, in English or Chinese, generated from the dataset specifications (datasets.py) and their
labels (labels.py): data/README.md (English, for the repository), the data appendix of each edition of the book and
the README of each year's download.
"""

from __future__ import annotations

from .. import i18n
from . import labels
from .datasets import DATASETS
from .vocab import COLUMNS, TEMPLATES, TITLES


def _t(name: str, lang: str, **values) -> str:
    return i18n.catalogue()[0][f"downloads.{name}"][lang].format(**values)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _join(items: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def templates(name: str, lang: str) -> str:
    """Which reports have the dataset: the templates that have the table, or every report that has the section."""
    table = DATASETS[name]["table"]
    if table not in TITLES:
        return _t("dict_any_report", lang)
    having = [t[f"name_{lang}"] for t in TEMPLATES.values() if table in t["tables"]]
    if len(having) == len(TEMPLATES):
        return _t("dict_every_template", lang)
    return _t("dict_templates", lang, names=_join(having, lang))


def _table_head(head: list[str], book: bool) -> list[str]:
    if not book:
        return ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    widths = " ".join(["19", "16", "19", "46", "20"][:len(head)])  # the meaning the widest
    return ["```{list-table}", ":header-rows: 1", f":widths: {widths}", ""] + [
        f"{'*' if i == 0 else ' '} - {c}" for i, c in enumerate(head)]


def section(name: str, lang: str, *, level: int = 2, both: bool = False, book: bool = False) -> list[str]:
    """One dataset's entry: its file, its title, which reports have it, its key, and a row per column (the column's
    name in the CSV, its header in the workbook, its type, its meaning; ``both`` adds the meaning in Chinese beside
    the English); ``book`` makes the table a MyST list-table with set widths, so that no short header wraps
    character by character in the book's narrow column."""
    spec = DATASETS[name]
    key = _join([f"`{k}`" for k in spec["key"]], lang) or _t("dict_no_key", lang)
    head = ["column", "header", "type", "meaning", "含义"] if both else [
        _t(f"dict_{c}", lang) for c in ("column", "header", "type", "meaning")]
    title = labels.title(name, lang)
    heading = title if book else _t("dict_title", lang, title=title, file=f"{name}.csv")  # the book's headings are
    # in the page's table of contents: no file name there, it opens the entry instead
    sep = "" if lang == "zh" else " "
    out = [f"{'#' * level} {heading}", "",
           (_t("dict_file", lang, file=f"{name}.csv") + sep if book else "")
           + _t("dict_has", lang, reports=templates(name, lang)) + sep + _t("dict_key", lang, key=key), "",
           *_table_head(head, book)]
    for column, col in spec["columns"].items():
        kind = _t(f"kind_{col.kind}", lang) + (_t("dict_may_be_empty", lang) if col.nullable else "")
        meaning = col.zh if lang == "zh" else col.doc
        if col.values:
            values = _join([f"`{v}`" + ("" if (label := labels.value(name, column, v, lang)) == v else f" {label}")
                            for v in col.values], lang)
            meaning += _t("dict_one_of", lang, values=values)
        row = [f"`{column}`", labels.head(column, lang), kind, meaning] + ([col.zh] if both else [])
        out += [f"{'*' if i == 0 else ' '} - {c}" for i, c in enumerate(row)] if book else [
            "| " + " | ".join(_cell(c) for c in row) + " |"]
    if book:
        out.append("```")
    table = spec["table"]
    if table in COLUMNS and "column" in spec["columns"]:
        if lang == "en" and both:  # the repository's dictionary: the header words that name each key too
            keys = ", ".join(f"`{k}` {labels.column_key(table, k, 'en')} ({p.replace('|', ' or ')})"
                             for p, k in COLUMNS[table])
        else:
            keys = _join([f"`{k}` {labels.column_key(table, k, lang)}" for _, k in COLUMNS[table]], lang)
        out += ["", _t("dict_column_keys", lang, table=table, keys=keys)]
    return out + [""]


def sections(lang: str, names: list[str] | None = None, *, level: int = 2, both: bool = False,
             book: bool = False) -> str:
    """The entries of the datasets (every one, or ``names``), after a word on the tables' column keys."""
    names = list(DATASETS) if names is None else names
    lines = [_t("dict_sub_columns", lang), ""] if any("column" in DATASETS[n]["columns"] for n in names) else []
    for name in names:
        lines += section(name, lang, level=level, both=both, book=book)
    return "\n".join(lines)


def readme() -> str:
    """data/README.md: the dictionary of the repository's data/, in English (with each meaning in Chinese beside)."""
    return "\n".join([
        "# Data dictionary",
        "",
        "Generated by `juesuan dictionary` from `src/juesuan/data/datasets.py` and `labels.py`; do not edit by hand.",
        "The Chinese edition of the book has this dictionary in Chinese (its data appendix).",
        "",
        "Each `data/<year>/` folder is written by `juesuan ingest` and holds one CSV per dataset below plus",
        "`report.json` (unit, year, the template the report follows and its layout, currency unit, staff counts, what",
        "the unit says of being 参公 (`civil_service`: managed or not, with the line and a quote), the source file's",
        "sha256, where each table was found, its notes, the title each annex grid is published under, tables left",
        "unread by `--partial` with the reason, codes without an English name, and grid rows the parser could not",
        "place), and `datapackage.json`, a Frictionless Data Package describing the folder: each CSV's columns with",
        "their types, units, headers and the meanings below in English and Chinese, its key, and the source report's",
        "sha256.",
        "report.json also says where things stand in the report, so that a line can be cited by part, heading and page:",
        "`outline`, the body's headings in order, each with its `line`, `level` (1 a part 第三部分, 2 a section 六、,",
        "3 a sub-section （三）, 4 a point 1., 0 a heading without a number), `text` as published and `number`;",
        "`contents`, the entries of the table of contents (目录), each with the `page` it gives where it gives one; and",
        "`pages`, the `line` where each `page` starts (pages counted as the PDF counts them, from 1; `printed`, the",
        "number the page prints where it prints one), present only when the source tells pages.",
        "CSV files are UTF-8 with a header row (the downloads of the book add a byte-order mark, so that Excel reads",
        "them as UTF-8). Amounts are decimals exactly as published (their precision kept); the column name says the",
        "unit: `_wan_yuan` is 万元 (10,000 yuan), `_yuan` is 元. `line` is the line of the report text the figure",
        "comes from, so every cell can be traced back to the report. A dataset's key is the columns that tell its rows",
        "apart: no two rows share them (checked at every write). The header is the column's name in the Excel",
        "workbooks, whose cells show each key by its label (`income` as income, or 收入 in the Chinese workbook).",
        "",
        sections("en", both=True),
    ])
