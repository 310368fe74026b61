"""The names of the fonts pdfium cannot name: Type 3 fonts, in which a browser prints CJK text (Chromium embeds Noto
CJK so), carry their name only in their font descriptor, which pdfium does not read. A heading set in a bold face is
told by its font's name, so for the pages set in such fonts pdfminer reads the content once more, only to say which
font each glyph is drawn in and where (no layout, no characters' boxes): slower than pdfium, and needed only there.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from pathlib import Path

_LOGGERS = ("pdfminer",)


@contextlib.contextmanager
def quiet():
    """Keep pdfminer's own messages (a missing FontBBox, a malformed object it recovers from) off the user's screen:
    they concern the file's encoding, never the figures."""
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    levels = [logger.level for logger in loggers]
    try:
        for logger in loggers:
            logger.setLevel(logging.CRITICAL + 1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


class Type3Names:
    """Opened on first use; ``glyphs(index)`` gives the page's glyph origins (x, y in PDF space, rounded to 0.1) with
    the name of the font each is drawn in, without its subset tag."""

    def __init__(self, path: Path):
        self.path = path
        self._pages = None
        self._file = None

    def _open(self) -> None:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfinterp import PDFResourceManager
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        self._file = open(self.path, "rb")
        with quiet():
            self._pages = list(PDFPage.create_pages(PDFDocument(PDFParser(self._file))))
        self._resources = PDFResourceManager(caching=True)

    def glyphs(self, index: int) -> dict[tuple[float, float], str]:
        from pdfminer.pdfdevice import PDFTextDevice
        from pdfminer.pdfinterp import PDFPageInterpreter

        if self._pages is None:
            self._open()
        found: dict[tuple[float, float], str] = {}

        class Device(PDFTextDevice):
            def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
                name = getattr(font, "fontname", "") or ""
                found[(round(matrix[4], 1), round(matrix[5] + rise * matrix[3], 1))] = name.split("+", 1)[-1]
                return font.char_width(cid) * fontsize * scaling

        device = Device(self._resources)
        with quiet():
            try:
                PDFPageInterpreter(self._resources, device).process_page(self._pages[index])
            except Exception:  # a page pdfminer cannot interpret: its fonts stay unnamed
                pass
        return found

    def close(self) -> None:
        if self._file:
            self._file.close()
