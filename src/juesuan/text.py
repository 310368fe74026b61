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
_NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_MINUS = re.compile(r"^[−－–](?=\d)")  # a minus sign printed as a dash of another width (not —, a nil mark)
_GROUP = re.compile(r"(?<=\d)(?:,\s|，\s?)(?=\d{3}(?:[,，.]|$))")  # 2, 773.47 or 2，773.47: a thousands separator
_ORDINAL = re.compile(
    r"^\s*(?:[-*]\s+)?(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d))\s*"
)


# A CJK font maps a radical and the ideograph of the same shape to one glyph, and a PDF writer may name the glyph by
# the radical in its text layer: 部⻔ (U+2ED4) for 部门, ⽀出 (U+2F40) for 支出. Each radical is read as its
# ideograph: Kangxi radicals by their compatibility (NFKC) form, the CJK Radicals Supplement by Unicode's
# EquivalentUnifiedIdeograph.txt, and KANGXI RADICAL DOOR as 户, the glyph mainland fonts give it (NFKC says 戶).
_SUPPLEMENT = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇\U00020628⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑\U00021bc2⺒巳⺓幺⺔彑⺕\U0002b739⺖忄⺗心⺘扌⺙攵⺛旡"
    "⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪\U00024d14⺫目⺬示⺭礻⺮\U00025ad7⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗"
    "⺵\U0002626b⺶羊⺷\U0002634c⺸\U0002634b⺹耂⺺肀⺻聿⺼肉⺽\U00026951⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇\U000278b2"
    "⻈讠⻉贝⻊\U00027fb7⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長⻒镸⻓长⻔门⻕\U00028e0f⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞\U0002967f"
    "⻟飠⻠饣⻡\U00029810⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
_LOOKALIKES = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)}
_LOOKALIKES.update({ord(radical): ideograph for radical, ideograph in zip(_SUPPLEMENT[::2], _SUPPLEMENT[1::2])})
_LOOKALIKES[0x2F3E] = "户"
# ... and compatibility ideographs, full-width digits and Latin letters, by their NFKC form. Punctuation is kept as
# published (full-width brackets and commas are the report's own spelling).
for _start, _end in ((0xF900, 0xFB00), (0x2F800, 0x2FA20), (0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)):
    _LOOKALIKES.update({cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(_start, _end)})
_WIDE_POINT = re.compile(r"(?<=\d)．(?=\d)")  # a full-width decimal point inside a number


def normalise(text: str) -> str:
    """The text with look-alike characters replaced by the ordinary ones (radicals by their ideograph, full-width
    digits and letters by ASCII). Line numbers and everything else are unchanged."""
    return _WIDE_POINT.sub(".", text.translate(_LOOKALIKES))


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
    text = _GROUP.sub(",", _MINUS.sub("-", clean(cell)))
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


_SEP_CELL = r"\s*(?::?-{2,}:?|:-+:?|:?-+:)\s*"  # --, :-, -: … ; a lone - is a nil figure, not a rule
_PIPE_SEP = re.compile(rf"^\|?{_SEP_CELL}(\|{_SEP_CELL})*\|?\s*$")


def split_row(line: str) -> tuple[str, ...] | None:
    """Cells of a table row (tab-separated or a markdown pipe row, with or without its outer pipes); None for a line
    that is not a row."""
    raw = line.rstrip("\r\n")
    if "\t" in raw:
        return tuple(clean(c) for c in raw.split("\t"))
    stripped = raw.strip()
    if stripped.count("|") >= 2:
        if _PIPE_SEP.match(stripped):
            return ()
        inner = stripped[1:] if stripped.startswith("|") else stripped
        inner = inner[:-1] if inner.endswith("|") else inner
        return tuple(clean(c) for c in inner.split("|"))
    return None
