"""Where each page of the report starts, when its text says: [{line, page}], in line order.

A PDF is read page by page (pdf.py gives the line each page starts on, by the PDF's own page order). A text conversion
tells pages by its page furniture (vocab.PAGE_FURNITURE, which the reader already skips between a table's rows):
- a page marker, ``=== 第N页 ===``, starts page N;
- a printed page number (第N页, 第N页 共M页, - N -, or a number alone on a line) stands at the foot of its page or at
  its head. Where the text ends with one, they are footers: page N runs from the line after the number before it
  to its own line (page 1 from the first line); where the text begins with one, they are headers: page N starts at
  its number. A run of printed numbers is believed only where there are two or more and each is one more than the
  one before it; otherwise, as where they are only on some pages or a bare number is a figure, the text tells no
  pages.
"""

from __future__ import annotations

import re

from ..data.vocab import PAGE_FURNITURE

_MARKER = re.compile(r"^=+\s*第\s*(\d+)\s*页\s*=+$")
_PRINTED = re.compile(r"^(?:第\s*(\d+)\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|[-—–]\s*(\d+)\s*[-—–]|(\d{1,3}))$")


def from_text(lines: list[str]) -> list[dict]:
    """The pages a text conversion marks, [] when it marks none (or its numbers do not run one after another)."""
    markers, printed = [], []
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text or not PAGE_FURNITURE.match(text):  # as the reader tells page furniture (blocks.is_furniture)
            continue
        if m := _MARKER.match(text):
            markers.append({"line": number, "page": int(m.group(1))})
        elif m := _PRINTED.match(text):
            printed.append((number, int(next(g for g in m.groups() if g))))
    if markers:
        return markers if _ascending([m["page"] for m in markers]) else []
    if len(printed) < 2 or not _ascending([page for _, page in printed], step=1):
        return []
    filled = [n for n, raw in enumerate(lines, start=1) if raw.strip()]
    if filled[-1] == printed[-1][0]:  # footers
        starts = [({"line": printed[i - 1][0] + 1, "page": page}) for i, (_, page) in enumerate(printed) if i]
        if printed[0][1] == 1:
            starts.insert(0, {"line": 1, "page": 1})
        return starts
    if filled[0] == printed[0][0]:  # headers
        return [{"line": line, "page": page} for line, page in printed]
    return []


def _ascending(pages: list[int], step: int | None = None) -> bool:
    pairs = list(zip(pages, pages[1:]))
    return all(b == a + step for a, b in pairs) if step else all(b > a for a, b in pairs)
