"""Showing report text safely: everything from a report is data, escaped before it reaches HTML or Markdown."""

from __future__ import annotations

import re

from ..data import glossary
from .. import i18n
from .escape import _one_line, esc  # noqa: F401  (esc: the chapters' and tests' way to escape report text)

_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def text(markdown: str):
    """Markdown for the page whose plain-text form is the sentence itself (escapes undone), so that nbval, which
    compares text outputs, fails when a figure in a sentence moves."""
    from IPython.display import Markdown

    class Text(Markdown):
        def __repr__(self) -> str:
            return _UNESCAPE.sub(r"\1", self.data)

    return Text(markdown)


def say(template: str, **values):
    """A Markdown sentence generated from numbers, in the page's language: ``template`` is a catalogue key
    (income.total) or, for text that is the same in both languages, the template itself. Every value is escaped."""
    if i18n.is_key(template):
        template = i18n.message(template)
    return text(template.format(**{k: esc(v) for k, v in values.items()}))


SECTIONS = {"prose": ("情况说明", "the report's text"), "projects": ("项目支出明细", "project list"),
            "performance": ("绩效自评表", "self-evaluation table"),
            "performance_base": ("绩效评价基础数据表", "performance base-data table")}


def source(data, *parts: str) -> str:
    """A source line's "where from", in the page's language: the tables as the report names them (公开03表 支出决算表)
    and the annex sections or text."""
    tables = data["report"].get("tables", {})
    names = []
    for part in parts:
        if part in SECTIONS:
            zh, english = SECTIONS[part]
            names.append(zh if i18n.lang() == "zh" else f"{zh} ({english})")
            continue
        info = tables.get(part, {})
        title = info.get("title_zh") or part
        label = info.get("label") or i18n.t("common.table_name", n=part[1:])
        names.append(i18n.t("common.source_table", title=title, label=label))
    return i18n.t("common.list_sep").join(names)


def start(lang: str) -> None:
    """Begin a page: its language, and its figures numbered from 1 (a warm kernel runs many pages)."""
    from . import charts

    i18n.use(lang)
    charts.start()


def en(zh: str, *, code: str = "", kind: str = "") -> str:
    return glossary.english(zh, code=code, kind=kind)


def missing(data, table: str, *, brief: bool = False):
    """A sentence saying that ``table`` (or an annex section: projects, performance) is not in this report (its
    template has no such table) or was not read; None when it was read. In a chapter:
    ``missing(data, "t04") or show(...)``; ``brief`` for the parts of a chapter after the one that said it in full."""
    from ..data.datasets import table_state
    from ..data.vocab import STANDARD_TITLES, TITLES

    from ..data.vocab import TEMPLATES

    state, why = table_state(data["report"], table)
    title = STANDARD_TITLES[table]
    name = i18n.t("common.table_name", n=table[1:]) if table in TITLES else "The"  # "The 项目支出明细 could not be read"
    if state != "read" and brief:
        return say("common.absent_brief", name=name, title=title,
                   why=i18n.t("common.why_absent" if state == "absent" else "common.why_unread"))
    if state == "absent":
        if i18n.lang() == "zh":
            why = TEMPLATES[data["report"].get("template", {}).get("id", "national")]["name_zh"]
        return say("common.absent_template", why=why, title=title, n=table[1:])
    if state == "unread":
        return say("common.unread", name=name, title=title, why=why)
    return None


def show(frame, *, caption: str = "", source: str = "", collapsed: str = "", records: bool = False):
    """A table for the reader (publish.tables.Table): its first column as the row labels (no 0, 1, 2 … index),
    amounts at two decimals with thousands separators, text never cut, in the page's language; with an optional
    caption and source line ("where from": 资料来源 is added), folded away under ``collapsed`` (its summary line) when
    given. A table with no rows is a sentence, never an empty grid."""
    from .tables import Table

    if frame is None or frame.empty:
        return text(i18n.t("common.none_stated"))
    if i18n.lang() == "zh":
        frame = _in_chinese(frame)
    return Table(frame.set_index(frame.columns[0]), caption=caption,
                 source=i18n.t("common.table_source", source=source) if source else "", collapsed=collapsed,
                 records=records)


_BILINGUAL = re.compile(r"^([^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*?)\s+[A-Za-z(][^\u4e00-\u9fff]*$")


def _in_chinese(frame):
    """A table for the Chinese edition: the English renderings dropped (the official terms stand alone), headers
    and the code's own cell texts in Chinese from the catalogue, a "中文 English" label as its Chinese."""
    frame = frame.drop(columns=[c for c in frame.columns if c == "English"])

    def cell(v):
        if not isinstance(v, str):
            return v
        mapped = i18n.zh_text(v)
        if mapped is not None:
            return mapped
        m = _BILINGUAL.match(v)
        return m.group(1) if m else v

    import pandas as pd

    # cell by cell, kept as objects: DataFrame.map would infer a float column from a count and a dash (17 → 17.0)
    out = pd.DataFrame([[cell(v) for v in row] for row in frame.itertuples(index=False, name=None)],
                       columns=frame.columns, index=frame.index, dtype=object)
    out.columns = [i18n.zh_text(c) or c for c in frame.columns]
    return out
