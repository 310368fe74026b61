"""A PDF's pages as the reader needs them, read once through pdfium (pypdfium2): each page's words with their boxes,
type size and font, and its rules (the strokes and thin rectangles that draw a table's lines).

Reading costs what pdfium's own text extraction costs, plus a few calls per word: a *word* is a run of characters
pdfium keeps together (it puts a space wherever characters stand apart, as it does for its own text), so a call per
word gives its box instead of several per character. Where a word must be cut (it crosses a table's rule, or a gap
inside it is wider than a space), the boxes of its characters are read then, and only then.

Coordinates are PDF points from the page's top-left corner (top grows downwards), on the page as displayed (a page
turned by /Rotate is turned back). A character's box is re-derived from its baseline and type size (its top at
ASCENT of the size above the baseline), as some fonts' text layers put Latin digits a few points below their CJK
label otherwise.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from ctypes import byref, c_double, c_float, c_int, c_ulong, c_void_p
from dataclasses import dataclass, field
from pathlib import Path

ASCENT = 0.964  # top of a CJK glyph box above its baseline, as a fraction of the type size
_WORD = re.compile(r"[^\s\x00-\x08\ufffe\uffff]+")
_SUBSET = re.compile(r"^[A-Z]{6}\+")


@dataclass(slots=True)
class Word:
    """A run of characters on one line: its text, box, type size and font (without a subset tag)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    start: int = 0  # its first character's index in pdfium's text page (to read its characters' boxes)
    styles: tuple = ()  # (size, font, characters) of each style, where the word is set in more than one
    spaced: bool = False  # a space printed before it, in a font whose spaces pdfium reports as its own (Type 3)


@dataclass(slots=True)
class Rule:
    """A straight horizontal or vertical line drawn on the page (a stroke, or a rectangle thinner than MAX_RULE)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.x1 - self.x0 >= self.bottom - self.top


@dataclass
class Page:
    number: int  # from 1, in the PDF's page order
    width: float
    height: float
    words: list[Word]
    _source: object = field(default=None, repr=False)  # the open pdfium page, for rules and characters on demand
    _rules: list[Rule] | None = field(default=None, repr=False)

    @property
    def rules(self) -> list[Rule]:
        """The page's rules, read the first time they are asked for (a page of prose never needs them)."""
        if self._rules is None:
            self._rules = self._source.rules() if self._source else []
        return self._rules

    def chars(self, word: Word) -> list[Word]:
        """The word's characters, each a Word of one character with its own box."""
        return self._source.chars(word) if self._source else [word]

    def no_text(self) -> bool:
        return not self.words


MAX_RULE = 2.0  # a filled or stroked rectangle at most this thick is a rule (table borders are drawn so)


class _Fast:
    """pdfium's functions with plain prototypes (handles as integers), called without letting go of the GIL (each
    call is a short one, and pdfium is not to be called from two threads anyway): a call costs about 0.15 µs, a
    fraction of what the checked bindings cost, which matters at a few calls per word and one per page object."""

    def __init__(self):
        import pypdfium2.raw as raw

        def proto(name, restype, *argtypes):
            address = ctypes.cast(getattr(raw, name), c_void_p).value
            return ctypes.PYFUNCTYPE(restype, *argtypes)(address)

        self.loose_box = proto("FPDFText_GetLooseCharBox", c_int, c_void_p, c_int, c_void_p)
        self.origin = proto("FPDFText_GetCharOrigin", c_int, c_void_p, c_int, c_void_p, c_void_p)
        self.font_size = proto("FPDFText_GetFontSize", c_double, c_void_p, c_int)
        self.matrix = proto("FPDFText_GetMatrix", c_int, c_void_p, c_int, c_void_p)
        self.font_info = proto("FPDFText_GetFontInfo", c_ulong, c_void_p, c_int, c_void_p, c_ulong, c_void_p)
        self.text_object = proto("FPDFText_GetTextObject", c_void_p, c_void_p, c_int)
        self.text_font = proto("FPDFTextObj_GetFont", c_void_p, c_void_p)
        self.unicode = proto("FPDFText_GetUnicode", c_int, c_void_p, c_int)
        self.count_objects = proto("FPDFPage_CountObjects", c_int, c_void_p)
        self.get_object = proto("FPDFPage_GetObject", c_void_p, c_void_p, c_int)
        self.object_type = proto("FPDFPageObj_GetType", c_int, c_void_p)
        self.bounds = proto("FPDFPageObj_GetBounds", c_int, c_void_p, c_void_p, c_void_p, c_void_p, c_void_p)
        self.count_segments = proto("FPDFPath_CountSegments", c_int, c_void_p)
        self.segment = proto("FPDFPath_GetPathSegment", c_void_p, c_void_p, c_int)
        self.segment_point = proto("FPDFPathSegment_GetPoint", c_int, c_void_p, c_void_p, c_void_p)
        self.segment_type = proto("FPDFPathSegment_GetType", c_int, c_void_p)
        self.object_matrix = proto("FPDFPageObj_GetMatrix", c_int, c_void_p, c_void_p)
        self.form_count = proto("FPDFFormObj_CountObjects", c_int, c_void_p)
        self.form_object = proto("FPDFFormObj_GetObject", c_void_p, c_void_p, c_ulong)
        self.PATH, self.FORM = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
        self.MOVETO, self.LINETO = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO
        self.RECTF, self.MATRIX = raw.FS_RECTF, raw.FS_MATRIX


_fast: _Fast | None = None


def _api() -> _Fast:
    global _fast
    if _fast is None:
        _fast = _Fast()
    return _fast


def _address(handle) -> int:
    return ctypes.cast(handle, c_void_p).value


class _Source:
    """One open page: turns pdfium's coordinates into the page's top-down ones and reads rules and characters."""

    def __init__(self, page, textpage, number: int):
        self.api = api = _api()
        self.page = _address(page.raw)
        self.textpage = _address(textpage.raw)
        left, bottom, right, top = page.get_cropbox()
        self.rotation = page.get_rotation() % 360
        self.box = (left, bottom, right, top)
        w, h = right - left, top - bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)
        self.number = number
        self._rect = api.RECTF()
        self._x, self._y = c_double(), c_double()
        self._matrix = api.MATRIX()
        self._styles: dict[tuple[int, float], tuple[float, str]] = {}
        self._name = ctypes.create_string_buffer(128)
        self._flags = c_int()

    # -- coordinates: (x, y) in PDF space to (x, top) on the displayed page
    def point(self, x: float, y: float) -> tuple[float, float]:
        left, bottom, right, top = self.box
        if self.rotation == 0:
            return x - left, top - y
        if self.rotation == 90:
            return top - y, right - x
        if self.rotation == 180:
            return right - x, y - bottom
        return y - bottom, x - left  # 270

    def _span(self, x0: float, x1: float, y0: float, y1: float) -> tuple[float, float, float, float]:
        """A box in PDF space (x0 < x1, y0 < y1) as (x0, top, x1, bottom) on the displayed page."""
        ax, ay = self.point(x0, y0)
        bx, by = self.point(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    # -- words
    def _style(self, index: int) -> tuple[float, str]:
        """The character's type size (its font size times the scale of its matrix) and font name, cached by font and
        font size (a page sets few styles; the matrix is read once for each)."""
        api = self.api
        obj = api.text_object(self.textpage, index)
        key = (api.text_font(obj) if obj else 0, api.font_size(self.textpage, index))
        style = self._styles.get(key)
        if style is None:
            api.matrix(self.textpage, index, byref(self._matrix))
            m = self._matrix
            if self.rotation in (90, 270):
                scale = (m.a * m.a + m.b * m.b) ** 0.5
            else:
                scale = abs(m.d) if abs(m.b) < 1e-6 and abs(m.c) < 1e-6 else (m.c * m.c + m.d * m.d) ** 0.5
            n = api.font_info(self.textpage, index, self._name, 128, byref(self._flags))
            font = _SUBSET.sub("", self._name.value.decode("utf-8", "replace")) if 0 < n <= 128 else ""
            style = self._styles[key] = (round(key[1] * scale, 2), font)
        return style

    def _box(self, index: int) -> tuple[float, float]:
        """The character's loose box: its left and right edges in PDF space (its advance)."""
        self.api.loose_box(self.textpage, index, byref(self._rect))
        return self._rect.left, self._rect.right

    def _word(self, text: str, start: int, end: int) -> Word:
        api = self.api
        left, right = self._box(start)
        if end - 1 != start:
            l2, r2 = self._box(end - 1)
            left, right = min(left, l2), max(right, r2)
        api.origin(self.textpage, start, byref(self._x), byref(self._y))
        # the word's size and font: one where its first, middle and last characters agree (nearly always), else
        # each character's (digits in a Latin font inside CJK text, where pdfium sees no gap)
        first = self._style(start)
        style = first if end - start == 1 else self._style(end - 1)
        if style == first and end - start > 2:
            style = self._style((start + end) // 2)
        styles: dict[tuple[float, str], int] = {first: end - start}
        if style != first:
            styles = {}
            for index in range(start, end):
                style = self._style(index)
                styles[style] = styles.get(style, 0) + 1
        size, font = max(styles, key=styles.get) if len(styles) > 1 else first
        tallest = max(s for s, _ in styles) if len(styles) > 1 else size
        x, y = self._x.value, self._y.value
        if self.rotation == 0:
            base = self.box[3] - y
            x0, x1 = left - self.box[0], right - self.box[0]
        else:
            x0, base, x1, _ = self._span(left, right, y, y)
        top = base - ASCENT * tallest
        word = Word(text, x0, x1, top, top + tallest, size, font, start)
        if len(styles) > 1:
            word.styles = tuple((s, f, n) for (s, f), n in styles.items())
        return word

    def words(self, text: str) -> list[Word]:
        words = [self._word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
        for a, b in zip(words, words[1:]):
            # pdfium reports the spaces of a Type 3 font (which it cannot name) as spaces of its own: a space it
            # puts between two such words may be one printed, and is kept (elsewhere only a gap makes a space)
            b.spaced = not a.font and not b.font and b.start == a.start + len(a.text) + 1 and text[b.start - 1] == " "
        return words

    def name_fonts(self, words: list[Word], glyphs: dict[tuple[float, float], str]) -> None:
        """Give the words set in fonts pdfium cannot name the names pdfminer read (``glyphs``: each glyph's origin
        and font), character by character."""
        api = self.api
        for word in words:
            if word.font and all(f for _, f, _ in word.styles):
                continue
            counts: dict[str, int] = {}
            for index in range(word.start, word.start + len(word.text)):
                api.origin(self.textpage, index, byref(self._x), byref(self._y))
                x, y = round(self._x.value, 1), round(self._y.value, 1)
                name = glyphs.get((x, y))
                if name is None:
                    name = next((glyphs[k] for dx in (-0.1, 0, 0.1) for dy in (-0.1, 0, 0.1)
                                 if (k := (round(x + dx, 1), round(y + dy, 1))) in glyphs), "")
                counts[name] = counts.get(name, 0) + 1
            word.font = max(counts, key=counts.get)
            word.styles = tuple((word.size, f, n) for f, n in counts.items()) if len(counts) > 1 else ()

    def chars(self, word: Word) -> list[Word]:
        out = []
        for i, ch in enumerate(word.text):
            left, right = self._box(word.start + i)
            x0, _, x1, _ = self._span(left, right, 0, 0)
            out.append(Word(ch, x0, x1, word.top, word.bottom, word.size, word.font, word.start + i))
        return out

    # -- rules
    def rules(self) -> list[Rule]:
        api = self.api
        out: list[Rule] = []
        self._objects(api.get_object, self.page, api.count_objects(self.page), out, 0)
        return out

    def _objects(self, get, holder: int, count: int, out: list[Rule], depth: int) -> None:
        """The rules among the objects of a page or of a form XObject (``get(holder, k)``, k < ``count``). Most of
        a page's objects are text, passed over here with no call but the two that say so."""
        api = self.api
        kind_of, path, form = api.object_type, api.PATH, api.FORM
        for k in range(count):
            obj = get(holder, k)
            kind = kind_of(obj)
            if kind == path:
                self._path(obj, out)
            elif kind == form and depth < 4:  # a form XObject: its own objects, already placed on the page
                self._objects(api.form_object, obj, api.form_count(obj), out, depth + 1)

    def _path(self, obj: int, out: list[Rule]) -> None:
        api = self.api
        l, b, r, t = c_float(), c_float(), c_float(), c_float()
        api.bounds(obj, byref(l), byref(b), byref(r), byref(t))
        x0, top, x1, bottom = self._span(l.value, r.value, b.value, t.value)
        if x1 - x0 <= MAX_RULE or bottom - top <= MAX_RULE:
            out.append(_thin(x0, top, x1, bottom))
            return
        segments = api.count_segments(obj)
        if segments <= 5:  # a rectangle (re, or four lines): its four sides
            out += [Rule(x0, top, x1, top), Rule(x0, bottom, x1, bottom), Rule(x0, top, x0, bottom),
                    Rule(x1, top, x1, bottom)]
            return
        self._segments(obj, segments, out)

    def _segments(self, obj: int, count: int, out: list[Rule]) -> None:
        """The straight horizontal and vertical pieces of a path of many segments (all a table's lines in one)."""
        api = self.api
        api.object_matrix(obj, byref(self._matrix))
        m = self._matrix
        fx, fy = c_float(), c_float()
        previous = start = None
        for k in range(count):
            seg = api.segment(obj, k)
            api.segment_point(seg, byref(fx), byref(fy))
            x, y = fx.value, fy.value
            point = self.point(m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f)
            kind = api.segment_type(seg)
            if kind == api.LINETO and previous is not None:
                _straight(previous, point, out)
            elif kind == api.MOVETO:
                start = point
            previous = point
            if kind != api.MOVETO and start is not None and _closes(api, seg):
                _straight(point, start, out)
                previous = start


def _closes(api, seg) -> bool:
    import pypdfium2.raw as raw

    return bool(raw.FPDFPathSegment_GetClose(seg))


def _thin(x0: float, top: float, x1: float, bottom: float) -> Rule:
    if x1 - x0 >= bottom - top:  # horizontal: along its middle
        y = (top + bottom) / 2
        return Rule(x0, y, x1, y)
    x = (x0 + x1) / 2
    return Rule(x, top, x, bottom)


def _straight(a: tuple[float, float], b: tuple[float, float], out: list[Rule]) -> None:
    if abs(a[1] - b[1]) < 0.5 and abs(a[0] - b[0]) >= 0.5:
        y = (a[1] + b[1]) / 2
        out.append(Rule(min(a[0], b[0]), y, max(a[0], b[0]), y))
    elif abs(a[0] - b[0]) < 0.5 and abs(a[1] - b[1]) >= 0.5:
        x = (a[0] + b[0]) / 2
        out.append(Rule(x, min(a[1], b[1]), x, max(a[1], b[1])))


def pages(path: Path) -> Iterator[Page]:
    """Each page of the PDF in turn, open while the caller works on it (its rules and characters are read on
    demand). Raises pdfium's PdfiumError for a file it cannot open."""
    import pypdfium2 as pdfium

    from .pdffonts import Type3Names

    doc = pdfium.PdfDocument(path)
    names = Type3Names(path)
    try:
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            try:
                source = _Source(page, textpage, index + 1)
                text = textpage.get_text_range()
                if len(text) != textpage.count_chars():  # characters beyond the BMP: one call per character
                    text = "".join(chr(source.api.unicode(source.textpage, k) or 0xFFFE)
                                   for k in range(textpage.count_chars()))
                words = source.words(text)
                if any(not w.font for w in words):  # Type 3 fonts: pdfminer names them
                    source.name_fonts(words, names.glyphs(index))
                yield Page(index + 1, source.width, source.height, words, source)
            finally:
                textpage.close()
                page.close()
    finally:
        names.close()
        doc.close()
