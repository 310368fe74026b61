"""Showing report text safely: everything from a report is data, escaped before it reaches HTML or Markdown."""

from __future__ import annotations

import re

from ..data import glossary

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
    """A Markdown sentence generated from numbers; every value is escaped."""
    from IPython.display import Markdown

    return Markdown(template.format(**{k: esc(v) for k, v in values.items()}))


def en(zh: str, *, code: str = "", kind: str = "") -> str:
    return glossary.english(zh, code=code, kind=kind)


def missing(data, table: str, *, brief: bool = False):
    """A sentence saying that ``table`` (or an annex section: projects, performance) is not in this report (its
    template has no such table) or was not read; None when it was read. In a chapter:
    ``missing(data, "t04") or show(...)``; ``brief`` for the parts of a chapter after the one that said it in full."""
    from ..data.datasets import table_state
    from ..data.vocab import STANDARD_TITLES, TITLES

    state, why = table_state(data["report"], table)
    title = STANDARD_TITLES[table]
    name = f"Table {table[1:]}" if table in TITLES else "The"  # "The 项目支出明细 could not be read"
    if state != "read" and brief:
        return say("{name} {title} is not in this report ({why}): left out.", name=name, title=title,
                   why="its template has no such table" if state == "absent" else "it could not be read")
    if state == "absent":
        return say("This report follows the {why} template, which has no {title} (table {n}): this part is left "
                   "out.", why=why, title=title, n=table[1:])
    if state == "unread":
        return say("{name} {title} could not be read: {why}. This part is left out.", name=name, title=title,
                   why=why)
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
        return Markdown("*None stated in this report.*")
    # None: a figure the report does not state; text on one line (pandas would print a line break as \n)
    frame = frame.map(lambda v: "—" if v is None else _one_line(v) if isinstance(v, str) else v)
    return frame.set_index(frame.columns[0])
