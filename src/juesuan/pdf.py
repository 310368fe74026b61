"""A published PDF (with a text layer) into the text form the parser reads: table rows as tab-separated
lines, prose as lines, in reading order. pdfplumber finds the ruled tables.

Two things real reports do, handled here: the text layer of some fonts (Latin digits beside a CJK font) puts
characters a few points below their label, so each character's box is re-derived from its baseline; and a
wrapped paragraph is joined back into one line so a number stays with its words.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import IngestError

ASCENT = 0.964  # top of a CJK glyph box above its baseline, as a fraction of the font size
CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]"
_SENTENCE_END = re.compile(r"[。；：！？!?:;]$")
_HEADING = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")


def _normalise(page) -> None:
    height = page.height
    for c in page.chars:
        base = height - c["matrix"][5]
        top = base - ASCENT * c["size"]
        shift = c["doctop"] - c["top"]
        c["top"], c["bottom"] = top, top + c["size"]
        c["y1"], c["y0"] = height - top, height - top - c["size"]
        c["doctop"] = shift + top


def _cell(text: str | None) -> str:
    if text is None:
        return ""
    text = text.replace("\n", "")
    text = re.sub(rf"(?<={CJK}) +(?={CJK})", "", text)  # justified cells: 因 公 出 国
    return text.replace("\t", " ").strip()


def _rows(table) -> list[str]:
    rows = [[_cell(c) for c in r] for r in table.extract()]
    out = []
    for r in rows:
        if not any(r):
            continue  # an empty ruled row
        if r[:3] == ["类", "款", "项"] and any(r[3:]):
            # no rule between the 类/款/项 header and the 合计 row: two rows drawn as one
            out.append("\t".join(["类", "款", "项"] + [""] * (len(r) - 3)))
            out.append("\t".join(["", "", ""] + r[3:]))
        else:
            out.append("\t".join(r))
    return out


def to_text(path: Path) -> str:
    """The report's text. A PDF without a text layer (a scan) is an error, never empty data."""
    import pdfplumber

    lines: list[str] = []
    try:
        pdf = pdfplumber.open(path)
    except Exception as err:  # pdfminer raises several types for a damaged file
        raise IngestError(f"not a readable PDF ({type(err).__name__})", file=path.name) from None
    with pdf:
        chars = 0
        for page in pdf.pages:
            _normalise(page)
            chars += len(page.chars)
            tables = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
            items = [(t.bbox[1], 0, row) for t in tables for row in ["\n".join(_rows(t))] if row]
            boxes = [t.bbox for t in tables]

            def outside(obj, boxes=boxes):
                cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

            for line in page.filter(outside).extract_text_lines(return_chars=False):
                items.append((line["top"], 1, line["text"].strip()))
            items.sort(key=lambda x: (x[0], x[1]))
            previous_prose = False
            for _, kind, text in items:
                if kind == 1 and previous_prose and lines and _continues(lines[-1], text):
                    lines[-1] += text
                else:
                    lines.extend(text.split("\n"))
                previous_prose = kind == 1
        if chars == 0:
            raise IngestError("the PDF has no text layer (a scan?): run OCR first or ingest a text conversion",
                              file=path.name)
    return "\n".join(lines) + "\n"


def _continues(previous: str, text: str) -> bool:
    """Whether a prose line carries on the paragraph above it (the PDF wrapped it)."""
    from .blocks import match_title

    return (len(previous) >= 25 and not _SENTENCE_END.search(previous) and not _HEADING.match(text)
            and not (_HEADING.match(previous) and len(previous) <= 30)
            and not re.match(r"^(注|说明|(金额)?单位)\s*[:：]", text)
            and "\t" not in previous and not match_title(text) and not match_title(previous))
