"""pdfium through Qt's PDF module: the engine the reader also uses, so a character offset
read here is the offset the reader turns into highlight boxes.

The only core module that imports PySide6 (``QtPdf`` needs no application object): it
reads a document's text, reading order, labels, metadata and outline
(:class:`PdfiumDoc`), and renders pages to images for OCR (:func:`render_page_png`).
"""

from __future__ import annotations

import re
import time
from typing import Any, Callable, Optional

from briefer.core.files import textorder
from briefer.core.files.results import ExtractionError, clean_text
from briefer.core.offsets import Utf16Map

# Where glyph positions must be asked through Qt (pypdfium2 missing, or its text not the
# same), one page's lines are judged for at most this long.
QT_JUDGE_SECONDS = 1.0

# An Arabic-script word (its first letter is where the glyph positions are measured).
_RTL_WORD = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+")


class PdfiumDoc:
    """pdfium through ``QPdfDocument``; raises ExtractionError when it cannot open."""

    name = "pdfium"

    def __init__(self, path: str, password: Optional[str]) -> None:
        # The empty password first: a file encrypted only to set permissions opens without
        # one, and a password given for a whole folder is meant for the others.
        self._doc, err = _load(path, None)
        used = None
        if err == "IncorrectPassword" and password:
            self._doc.close()
            self._doc, err = _load(path, password)
            used = password
        if err == "IncorrectPassword":
            self._doc.close()
            raise ExtractionError("password", "needs_password")
        if err != "None_":
            self._doc.close()
            raise ExtractionError(pdfium_reason(err))
        self.page_count = self._doc.pageCount()
        self._path, self._password = path, used
        self._pdfium: Any = None  # pypdfium2's copy, opened when glyph positions are needed
        self._pages: list[Any] = []  # its page and text page in use

    def page_text(self, i: int) -> str:
        return str(self._doc.getAllText(i).text())

    def reading_order(self, i: int, text: str) -> tuple[str, Optional[list[list[int]]]]:
        """The page text with right-to-left lines drawn in visual order put in reading
        order (see :mod:`briefer.core.files.textorder`), judged by where pdfium puts the
        first glyph of each Arabic-script word."""
        if not textorder.has_rtl(text):
            return text, None
        from briefer.core.files.layout import _PDFIUM  # pypdfium2: one thread at a time

        with _PDFIUM:
            return self._reading_order(i, text)

    def _reading_order(self, i: int, text: str) -> tuple[str, Optional[list[list[int]]]]:
        utf16 = Utf16Map.of(text)  # pdfium counts UTF-16 units, the text code points
        boxes = self._glyph_boxes(i, text)

        def glyph(k: int) -> tuple[float, ...]:
            if boxes is not None:
                return boxes(utf16.cp_to_utf16(k))
            # Qt loads the page and its text again for every call (about 1 ms on a light
            # page, several on a dense Nastaliq one): only when pypdfium2 cannot be used.
            c = self._doc.getSelectionAtIndex(i, utf16.cp_to_utf16(k), 1) \
                .boundingRectangle().center()
            return c.x(), c.y()

        started = time.monotonic()

        def judge(start: int, end: int) -> textorder.LineOrder:
            if boxes is None and time.monotonic() - started > QT_JUDGE_SECONDS:
                return textorder.LineOrder()  # the rest of the page as pdfium gives it
            words = list(_RTL_WORD.finditer(text, start, end))[:12]
            firsts = [glyph(m.start()) for m in words]
            lasts = [glyph(m.end() - 1) for m in words]
            xs, ys = [p[0] for p in firsts + lasts], [p[1] for p in firsts + lasts]
            if not xs or max(ys) - min(ys) > 0.5 * (max(xs) - min(xs)):
                return textorder.LineOrder()  # not a horizontal line (rotated, scattered)
            letters = [(f[0], la[0]) for f, la, m in zip(firsts, lasts, words)
                       if m.end() - m.start() >= 2]
            return textorder.line_order([f[0] for f in firsts], letters)

        try:
            return textorder.logical_lines(text, judge, glyph if boxes is not None else None)
        finally:
            self._close_glyph_pages()

    def _glyph_boxes(self, i: int, text: str) -> Optional[Callable[[int], tuple[float, ...]]]:
        """Where pdfium puts glyph ``k`` (UTF-16 index) of page ``i``, read from one loaded
        page (pypdfium2, the same pdfium), or None when that cannot be used here or its
        text is not ``text`` (then the positions would not be those of these characters).

        Qt's ``getSelectionAtIndex`` loads the page and its text page anew on every call:
        judging a page of right-to-left lines asks for up to 24 glyphs a line, which made a
        194-page Urdu book (InPage fonts without a Unicode map: glyph numbers read as
        code points, many in the Arabic block) take over two seconds a page. Here the page
        is loaded once and each glyph costs microseconds."""
        self._close_glyph_pages()
        if self._pdfium is False:
            return None
        try:
            if self._pdfium is None:
                import pypdfium2

                self._pdfium = pypdfium2.PdfDocument(self._path, password=self._password)
            page = self._pdfium[i]
        except Exception:  # not installed, or it cannot open what Qt opened
            self._pdfium = False
            return None
        try:
            tp = page.get_textpage()
        except Exception:
            page.close()
            return None
        self._pages.append((page, tp))  # closed at the next page or with the document
        try:
            if clean_text(tp.get_text_range()) != text:
                return None
        except Exception:
            return None

        def box(k: int) -> tuple[float, ...]:
            try:
                left, bottom, right, top = tp.get_charbox(k)
            except Exception:
                return 0.0, 0.0
            # centre (y downwards, as Qt gives it), then the left and right edges
            return (left + right) / 2, -(top + bottom) / 2, left, right

        return box

    def labels(self) -> list[str]:
        """The PDF's page labels (pdfium gives 1, 2, 3 … where the PDF has none)."""
        return [clean_text(self._doc.pageLabel(i)) for i in range(self.page_count)]

    def info(self) -> dict[str, str]:
        from PySide6.QtPdf import QPdfDocument

        F = QPdfDocument.MetaDataField
        out: dict[str, str] = {}
        for key, fld in (("title", F.Title), ("author", F.Author), ("subject", F.Subject),
                         ("keywords", F.Keywords), ("creator", F.Creator),
                         ("producer", F.Producer), ("creationdate", F.CreationDate),
                         ("moddate", F.ModificationDate)):
            value = self._doc.metaData(fld)
            if hasattr(value, "isValid"):  # QDateTime
                value = value.toString("'D:'yyyyMMddHHmmss") if value.isValid() else ""
            value = clean_text(str(value or "")).strip()
            if value:
                out[key] = value[:1000]
        return out

    def outline(self) -> list[tuple[int, str, Optional[int]]]:
        from PySide6.QtCore import QModelIndex
        from PySide6.QtPdf import QPdfBookmarkModel

        model = QPdfBookmarkModel()
        model.setDocument(self._doc)
        out: list[tuple[int, str, Optional[int]]] = []
        page_role = QPdfBookmarkModel.Role.Page
        title_role = QPdfBookmarkModel.Role.Title

        def walk(parent: Any, level: int) -> None:
            for r in range(model.rowCount(parent)):
                if len(out) >= 5000:
                    return
                idx = model.index(r, 0, parent)
                page = idx.data(page_role)
                page = page if isinstance(page, int) and 0 <= page < self.page_count else None
                out.append((level, clean_text(str(idx.data(title_role) or "")).strip()[:500],
                            page))
                walk(idx, level + 1)

        walk(QModelIndex(), 0)
        return out

    def close(self) -> None:
        self._doc.close()
        self._close_glyph_pages()
        if self._pdfium:
            try:
                self._pdfium.close()
            except Exception:
                pass
            self._pdfium = None

    def _close_glyph_pages(self) -> None:
        for page, tp in self._pages:
            try:
                tp.close()
                page.close()
            except Exception:
                pass
        self._pages.clear()


# pdfium's load errors in plain words (QPdfDocument.Error names).
_LOAD_ERRORS = {
    "InvalidFileFormat": "the file is damaged and cannot be read",
    "UnsupportedSecurityScheme": "it is encrypted in a way Briefer cannot read",
    "FileNotFound": "the file cannot be found",
    "DataNotYetAvailable": "the file is incomplete",
}


def pdfium_reason(error_name: str) -> str:
    """Plain words for pdfium's load error ``error_name``."""
    return _LOAD_ERRORS.get(error_name, "the file is damaged and cannot be read")


def _load(path: str, password: Optional[str]) -> tuple[Any, str]:
    """A ``QPdfDocument`` loaded from ``path`` and the name of its load error ('None_')."""
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    if password:
        doc.setPassword(password)
    return doc, doc.load(path).name


def load_engine() -> None:
    """Load Qt's PDF module and pdfium's one-time set-up (a worker does it before its
    first job)."""
    from PySide6.QtPdf import QPdfDocument

    QPdfDocument()


# Rendering for OCR

_MAX_RENDER_PIXELS = 60_000_000  # a huge page is rendered at a lower resolution
_MAX_RENDER_SIDE = 16_000
_render_cache: dict[str, Any] = {}  # one open document per worker: OCR jobs come page by page


def _render_doc(path: str, password: Optional[str]) -> Any:
    key = f"{path}\0{password or ''}"
    doc = _render_cache.get(key)
    if doc is not None:
        return doc
    for old in _render_cache.values():
        old.close()
    _render_cache.clear()
    doc, err = _load(path, None)
    if err == "IncorrectPassword" and password:
        doc.close()
        doc, err = _load(path, password)
    if err == "IncorrectPassword":
        doc.close()
        raise ExtractionError("password protected", "needs_password")
    if err != "None_":
        doc.close()
        raise ExtractionError(f"the page cannot be rendered: {pdfium_reason(err)}")
    _render_cache[key] = doc
    return doc


def render_page_png(path: str, page_index: int, out_path: str, dpi: int = 300,
                    password: Optional[str] = None) -> float:
    """Render one page with pdfium into a greyscale PNG at ``dpi`` (less for huge pages);
    returns the pixels per PDF point used. Raises :class:`ExtractionError`."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage

    doc = _render_doc(path, password)
    if not 0 <= page_index < doc.pageCount():
        raise ExtractionError(f"the PDF has no page {page_index + 1}")
    size = doc.pagePointSize(page_index)
    w_pt, h_pt = max(1.0, size.width()), max(1.0, size.height())
    scale = min(dpi / 72.0, _MAX_RENDER_SIDE / w_pt, _MAX_RENDER_SIDE / h_pt,
                (_MAX_RENDER_PIXELS / (w_pt * h_pt)) ** 0.5)
    w_px, h_px = max(1, round(w_pt * scale)), max(1, round(h_pt * scale))
    img = doc.render(page_index, QSize(w_px, h_px))
    if img.isNull():
        raise ExtractionError(f"page {page_index + 1} could not be rendered")
    if not img.convertToFormat(QImage.Format.Format_Grayscale8).save(out_path, "PNG"):
        raise ExtractionError("the page image could not be written")
    return float(w_px / w_pt)
