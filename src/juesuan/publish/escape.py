"""Report text made inert for Markdown/MyST: everything from a report is data."""

from __future__ import annotations

import re

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
