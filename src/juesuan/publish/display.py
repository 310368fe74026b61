"""Showing report text safely: everything from a report is data, escaped before it reaches HTML or Markdown."""

from __future__ import annotations

import re

from ..data import glossary
from .. import i18n

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def esc(text) -> str:
    """Text from a report made inert for Markdown/MyST, and so for the HTML it becomes.

    Every ASCII punctuation character is backslash-escaped (CommonMark allows it for each one and shows the
    character itself), so no emphasis, link, image, code span, role, directive, math, label, raw HTML or
    character reference can start; line breaks become spaces, so nothing can begin a line (a heading, a list,
    a fence, an indented code block). Not html.escape: its entities (``&#x27;``) would then be escaped too
    and shown as written.
    """
    return _PUNCTUATION.sub(r"\\\1", _one_line(str(text)))


def _one_line(text: str) -> str:
    """Line breaks and tabs as spaces."""
    return " ".join(text.replace("\t", " ").splitlines())


def say(template: str, **values):
    """A Markdown sentence generated from numbers, in the page's language: ``template`` is a catalogue key
    (income.total) or, for text that is the same in both languages, the template itself. Every value is escaped."""
    from IPython.display import Markdown

    if i18n.is_key(template):
        template = i18n.message(template)
    return Markdown(template.format(**{k: esc(v) for k, v in values.items()}))


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


def show(frame):
    """A table for the reader: its first column as the row labels (no 0, 1, 2 … index), text never cut. A table
    with no rows is a sentence, never an empty grid."""
    import pandas as pd
    from IPython.display import Markdown

    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 500)
    pd.set_option("display.html.use_mathjax", False)  # a "$" in a name is a dollar sign, not math (Jupyter)
    if frame is None or frame.empty:
        return Markdown(i18n.t("common.none_stated"))
    # None: a figure the report does not state; text on one line (pandas would print a line break as \n)
    frame = frame.map(lambda v: "—" if v is None else _one_line(v) if isinstance(v, str) else v)
    if i18n.lang() == "zh":
        frame = _in_chinese(frame)
    return frame.set_index(frame.columns[0])


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

    out = frame.map(cell)
    out.columns = [i18n.zh_text(c) or c for c in frame.columns]
    return out
