"""One open document in the reader: the PDF (pdfium through QtPdf) beside the catalog's text.

Everything the reader paints or selects goes through here, so the offset rules live in one
place (``briefer.core.offsets``): a stored span becomes highlight boxes, a mouse drag
becomes a stored span.

* pdfium pages: stored offsets are pdfium's characters counted in code points; converted
  to UTF-16 for ``getSelectionAtIndex`` / from ``QPdfSelection.startIndex``.
* other-engine pages (the pypdf fallback): aligned with pdfium's own text of the page,
  computed the first time the page is used.
* pdfium pages whose right-to-left lines were stored in reading order: the page's
  ``textorder`` runs composed with the UTF-16 map (a span can be several pieces).
* OCR pages: the stored word boxes (``briefer.core.ocr``) give the rectangles; a drag
  selects from the word nearest its start to the word nearest its end.

Memory: asking pdfium for a page's text parses the page in the window's process. A page
whose text pdfium itself extracted at import was parsed then, by a worker under a memory
limit, so it is safe. A page read by the other engine (pdfium failed on it at import —
for example it hit the worker's memory limit on a decompression bomb) is parsed here only
after the bounded renderer (:mod:`briefer.ui.reader.bounded`) has drawn it; a page the
renderer refused is never parsed here (no highlights, no selection on it).

The catalog data is read by :func:`load_reader_data` (plain data, safe to run in a worker
thread through the task runner); the ``QPdfDocument`` lives on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtPdf import QPdfDocument

from briefer.core.offsets import (OffsetMap, ReorderedMap, Utf16Map, align, ocr_span_between,
                                  ocr_span_in_rect)
from briefer.core.ops import documents as ops_documents
from briefer.core.ops.documents import ReaderPage


@dataclass
class ReaderData:
    """What the reader needs from the catalog to show one document."""

    doc_id: int
    title: str
    path: Path
    pages: list[ReaderPage]
    outline: list[tuple[int, str, int | None]]
    short_ref: str = ""  # "Title" for "Copy with page reference"
    clips: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # page → spans
    stamp: tuple[Any, ...] = ()  # see change_stamp: the text changed when this does
    missing: bool = False  # the library's stored copy of the PDF is gone (deleted outside)


def load_reader_data(session: Any, doc_id: int) -> ReaderData:
    """Read a document's pages, labels, outline and OCR word boxes (runs in a worker
    thread: the session gives each thread its own catalog connection)."""
    detail = ops_documents.document_detail(session, doc_id)
    doc = detail.document
    title = doc.title or doc.file_name
    return ReaderData(doc_id=doc.id, title=title, path=detail.stored_file,
                      pages=ops_documents.reader_pages(session, detail),
                      outline=list(detail.outline), short_ref=title,
                      clips=load_clip_spans(session, doc_id),
                      stamp=change_stamp(doc, ops_documents.page_numbering(session, doc_id)),
                      missing=bool(getattr(detail, "stored_missing", False)))


def change_stamp(doc: Any, numbering: Any = ()) -> tuple[Any, ...]:
    """What changes when a document's pages change: its update time (whole seconds), and
    the ``indexed`` flag every page-text change clears until the index catches up, with
    status and OCR page count — so two changes within one second are still seen — and the
    person's corrections of its page numbering (``numbering``: re-indexed in the same
    write, so the flag does not tell)."""
    return (doc.updated_at, doc.indexed, doc.status, doc.ocr_pages, doc.page_count,
            tuple(numbering))


@dataclass
class Freshness:
    """What changed about an open document since it was loaded (see ``check_document``)."""

    exists: bool
    stamp: tuple[Any, ...]
    clips: dict[int, list[tuple[int, int]]]


def check_document(session: Any, doc_id: int) -> Freshness:
    """Whether the document is still there, its change stamp and its clips (cheap: one
    row and the clips, not the pages)."""
    try:
        doc = ops_documents.get_document(session, doc_id)
    except ops_documents.DocumentNotFound:  # removed from the library
        return Freshness(False, "", {})
    return Freshness(True, change_stamp(doc, ops_documents.page_numbering(session, doc_id)),
                     load_clip_spans(session, doc_id))


def load_clip_spans(session: Any, doc_id: int) -> dict[int, list[tuple[int, int]]]:
    """The document's clipped passages, page → spans (the reader paints them)."""
    from briefer.core.ops import clips as ops_clips

    out: dict[int, list[tuple[int, int]]] = {}
    for info in ops_clips.list_clips(session, doc_id):
        out.setdefault(info.clip.page_index, []).append((info.clip.start, info.clip.end))
    return out


class ReaderDocument:
    """A loaded PDF with its catalog text; converts spans to boxes and drags to spans."""

    def __init__(self, data: ReaderData, pdf: QPdfDocument) -> None:
        self.data = data
        self.pdf = pdf
        self._maps: dict[int, OffsetMap] = {}
        self._drawn: set[int] = set()  # pages the bounded renderer drew
        self._refused: dict[int, str] = {}  # pages it refused, and why

    def mark_drawn(self, index: int) -> None:
        self._drawn.add(index)

    def refuse(self, index: int, message: str) -> None:
        self._refused[index] = message

    def refusal(self, index: int) -> str:
        """Why page ``index`` is not shown ('' when it is, or is not known yet)."""
        return self._refused.get(index, "")

    def text_safe(self, index: int) -> bool:
        """Whether pdfium may parse page ``index`` in this process (see the docstring)."""
        if index in self._refused:
            return False
        page = self.page(index)
        return page is not None and (page.kind != "other" or index in self._drawn)

    @property
    def doc_id(self) -> int:
        return self.data.doc_id

    @property
    def page_count(self) -> int:
        return self.pdf.pageCount()

    def page(self, index: int) -> ReaderPage | None:
        return self.data.pages[index] if 0 <= index < len(self.data.pages) else None

    def page_size(self, index: int) -> tuple[float, float]:
        size = self.pdf.pagePointSize(index)
        return size.width(), size.height()

    def offset_map(self, index: int) -> OffsetMap:
        """The page's stored ↔ pdfium map (built once per page)."""
        m = self._maps.get(index)
        if m is None:
            page = self.page(index)
            text = page.text if page else ""
            if page is not None and page.kind == "other":
                m = align(text, self.pdf.getAllText(index).text())
            elif page is not None and page.order:
                m = ReorderedMap.of(page.order, self.pdf.getAllText(index).text())
            else:
                m = Utf16Map.of(text)
            self._maps[index] = m
        return m

    def rects_for_span(self, index: int, start: int, end: int) -> list[QRectF]:
        """The boxes (page points, top left origin) of stored span ``[start, end)``."""
        page = self.page(index)
        if page is None or end <= start:
            return []
        if page.kind == "ocr":
            return [QRectF(QPointF(b[2], b[3]), QPointF(b[4], b[5]))
                    for b in page.boxes if b[0] < end and b[1] > start]
        if not self.text_safe(index):
            return []
        rects: list[QRectF] = []
        for s16, n16 in self.offset_map(index).to_engine_spans(start, end):
            if n16 > 0:
                sel = self.pdf.getSelectionAtIndex(index, s16, n16)
                rects.extend(poly.boundingRect() for poly in sel.bounds())
        return rects

    def span_between(self, index: int, p0: QPointF, p1: QPointF,
                     rectangle: bool = False) -> tuple[int, int] | None:
        """The stored span a drag from ``p0`` to ``p1`` (page points) selects; with
        ``rectangle`` (Alt+drag) on a scan, the words inside the rectangle drawn."""
        page = self.page(index)
        if page is None:
            return None
        if page.kind == "ocr":
            if rectangle:
                return ocr_span_in_rect(page.boxes, (p0.x(), p0.y(), p1.x(), p1.y()))
            return ocr_span_between(page.boxes, (p0.x(), p0.y()), (p1.x(), p1.y()))
        if not self.text_safe(index):
            return None
        sel = self.pdf.getSelection(index, p0, p1)
        if not sel.isValid() or not sel.text():
            return None
        start16 = sel.startIndex()
        end16 = start16 + len(sel.text().encode("utf-16-le")) // 2  # what pdfium included
        # pdfium may stop before the character under the end point; a drag that ends on
        # that character's right half means it too (the final full stop of a sentence).
        nxt = self.pdf.getSelectionAtIndex(index, end16, 1)
        if nxt.bounds() and not nxt.text().isspace():
            box = nxt.bounds()[0].boundingRect().adjusted(0, -1, 0, 1)
            if any(box.top() <= p.y() <= box.bottom() and box.center().x() <= p.x()
                   <= box.right() + 1 for p in (p0, p1)):
                end16 += 1
        start, end = self.offset_map(index).from_engine(start16, end16)
        page_text = page.text
        while end > start and page_text[end - 1].isspace():  # no trailing line break
            end -= 1
        while start < end and page_text[start].isspace():
            start += 1
        return (start, end) if end > start else None

    def replace_data(self, data: ReaderData) -> None:
        """The catalog's text changed (OCR read a page, a re-extraction): new pages, the
        same PDF."""
        self.data = data
        self._maps.clear()

    def text(self, index: int, start: int, end: int) -> str:
        page = self.page(index)
        return page.text[start:end] if page else ""
