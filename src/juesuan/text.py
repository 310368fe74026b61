"""Report text: lines, cleaned cells and exact numbers.

The report arrives as text (a markdown/text conversion of the published PDF). Everything here is pure:
strings in, strings and Decimals out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’"
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")  # [^<>]: a stray '<' never makes the scan quadratic
_SPACE_CJK = re.compile(rf"(?<=[{CJK}])\s+|\s+(?=[{CJK}])")
_RUNS = re.compile(r"\s{2,}")
_MD_MARKS = re.compile(r"\*\*|__")
_HEADING = re.compile(r"^\s*#{1,6}\s+|^\s*#{1,6}(?=[^#\s])")
DASHES = {"-", "—", "－", "--", "——", "–", "/"}
_NUMBER = re.compile(r"^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_ORDINAL = re.compile(
    r"^\s*(?:[-*]\s+)?(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d))\s*"
)


# Characters a PDF's text layer uses in place of ordinary ones that look the same: Kangxi radicals (⽀ for 支),
# CJK radicals supplement, compatibility ideographs, and full-width digits and Latin letters. Punctuation is kept
# as published (full-width brackets and commas are the report's own spelling).
_LOOKALIKE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")

_WIDE_POINT = re.compile(r"(?<=\d)．(?=\d)")  # a full-width decimal point inside a number


def normalise(text: str) -> str:
    """The text with look-alike characters replaced by the ordinary ones (Unicode NFKC, character by character)."""
    text = _LOOKALIKE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return _WIDE_POINT.sub(".", text)


def clean(cell: str) -> str:
    """A cell or line as published, without markup or the spaces a PDF conversion puts inside Chinese words."""
    text = _TAG.sub("", cell)
    text = _MD_MARKS.sub("", text)
    text = _HEADING.sub("", text)
    text = text.replace("\u00a0", " ").replace("\u3000", " ").strip()
    text = _RUNS.sub(" ", text)  # first, so that _SPACE_CJK never scans a long run of spaces again and again
    return _SPACE_CJK.sub("", text)


def key(text: str) -> str:
    """A matching key: cleaned, no leading ordinal, one bracket style, no spaces."""
    text = _ORDINAL.sub("", clean(text))
    text = text.replace("(", "（").replace(")", "）").replace("：", ":")
    return re.sub(r"\s+", "", text)


def strip_ordinal(text: str) -> str:
    return _ORDINAL.sub("", text).strip()


@dataclass(frozen=True)
class Amount:
    """A parsed cell: its exact value (or None) and how it was printed: number, dash or blank."""

    value: Decimal | None
    printed: str


def parse_amount(cell: str) -> Amount | None:
    """Parse a numeric cell exactly; None when the cell is not a number at all."""
    text = clean(cell).replace("−", "-")
    if text == "":
        return Amount(None, "blank")
    if text in DASHES:
        return Amount(Decimal(0), "dash")
    if not _NUMBER.match(text):
        return None
    try:
        return Amount(Decimal(text.replace(",", "")), "number")
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return None


def is_number(cell: str) -> bool:
    amount = parse_amount(cell)
    return amount is not None and amount.printed == "number"


def fmt(value: Decimal | None) -> str:
    """A Decimal written exactly as it was read (precision kept), '' for None."""
    if value is None:
        return ""
    text = format(value, "f")
    return "0" if text in ("-0", "-0.0", "-0.00") and value == 0 else text


@dataclass(frozen=True)
class Row:
    """One table row of the report: its 1-based line number and its cells, cleaned."""

    line: int
    cells: tuple[str, ...]

    def nonempty(self) -> list[tuple[int, str]]:
        return [(i, c) for i, c in enumerate(self.cells) if c]


_PIPE_SEP = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def split_row(line: str) -> tuple[str, ...] | None:
    """Cells of a table row (tab-separated or a markdown pipe row); None for a line that is not a row."""
    raw = line.rstrip("\r\n")
    if "\t" in raw:
        return tuple(clean(c) for c in raw.split("\t"))
    stripped = raw.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        if _PIPE_SEP.match(stripped):
            return ()
        inner = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
        return tuple(clean(c) for c in inner.split("|"))
    return None
