"""Showing report text safely: everything from a report is data, escaped before it reaches HTML or Markdown."""

from __future__ import annotations

import html
import re

from . import glossary

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:])")


def esc(text) -> str:
    """Text from a report made inert for Markdown/MyST and HTML."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=True))


def say(template: str, **values):
    """A Markdown sentence generated from numbers; every value is escaped."""
    from IPython.display import Markdown

    return Markdown(template.format(**{k: esc(v) for k, v in values.items()}))


def en(zh: str, *, code: str = "", kind: str = "") -> str:
    return glossary.english(zh, code=code, kind=kind)


def show(frame):
    """A table for the reader: its first column as the row labels (no 0, 1, 2 … index), text never cut."""
    import pandas as pd

    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 500)
    if frame is None or not len(frame.columns):
        return frame
    frame = frame.map(lambda v: "—" if v is None else v)  # a figure the report does not state
    return frame.set_index(frame.columns[0])
