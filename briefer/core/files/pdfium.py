"""pdfium through Qt's PDF module: the engine the reader also uses, so a character offset
read here is the offset the reader turns into highlight boxes.

The only core module that imports PySide6 (``QtPdf`` needs no application object): it
reads a document's text, reading order, labels, metadata and outline
(:class:`PdfiumDoc`), and renders pages to images for OCR (:func:`render_page_png`).
"""

from __future__ import annotations

import re
from typing import Any, Optional

from briefer.core.files import textorder
from briefer.core.files.results import ExtractionError, clean_text
from briefer.core.offsets import Utf16Map

# An Arabic-script word (its first letter is where the glyph positions are measured).
_RTL_WORD = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+")


class PdfiumDoc:
    """pdfium through ``QPdfDocument``; raises ExtractionError when it cannot open."""

    name = "pdfium"

    def __init__(self, path: str, password: Optional[str]) -> None:
        # The empty password first: a file encrypted only to set permissions opens without
        # one, and a password given for a whole folder is meant for the others.
        self._doc, err = _load(path, None)
        if err == "IncorrectPassword" and password:
            self._doc.close()
            self._doc, err = _load(path, password)
        if err == "IncorrectPassword":
            self._doc.close()
            raise ExtractionError("password", "needs_password")
        if err != "None_":
            self._doc.close()
            raise ExtractionError(pdfium_reason(err))
        self.page_count = self._doc.pageCount()

    def page_text(self, i: int) -> str:
        return self._doc.getAllText(i).text()

    def reading_order(self, i: int, text: str) -> tuple[str, Optional[list[list[int]]]]:
        """The page text with right-to-left lines drawn in visual order put in reading
        order (see :mod:`briefer.core.files.textorder`), judged by where pdfium puts the
        first glyph of each Arabic-script word."""
        if not textorder.has_rtl(text):
            return text, None
        utf16 = Utf16Map.of(text)  # Qt counts UTF-16 units, the text code points

        def glyph(k: int) -> tuple[float, float]:
            c = self._doc.getSelectionAtIndex(i, utf16.cp_to_utf16(k), 1) \
                .boundingRectangle().center()
            return c.x(), c.y()

        def judge(start: int, end: int) -> textorder.LineOrder:
            words = list(_RTL_WORD.finditer(text, start, end))[:12]
            firsts = [glyph(m.start()) for m in words]
            lasts = [glyph(m.end() - 1) for m in words]
            xs, ys = [p[0] for p in firsts + lasts], [p[1] for p in firsts + lasts]
            if not xs or max(ys) - min(ys) > 0.5 * (max(xs) - min(xs)):
                return textorder.LineOrder()  # not a horizontal line (rotated, scattered)
            letters = [(f[0], la[0]) for f, la, m in zip(firsts, lasts, words)
                       if m.end() - m.start() >= 2]
            return textorder.line_order([f[0] for f in firsts], letters)

        return textorder.logical_lines(text, judge)

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

        model = QPdfBookmarkModel(None)
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

    doc = QPdfDocument(None)
    if password:
        doc.setPassword(password)
    return doc, doc.load(path).name


def load_engine() -> None:
    """Load Qt's PDF module and pdfium's one-time set-up (a worker does it before its
    first job)."""
    from PySide6.QtPdf import QPdfDocument

    QPdfDocument(None)


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
    return w_px / w_pt
