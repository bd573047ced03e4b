"""The search results as a two-level Qt model, and the delegate that draws rich snippets.

Why it is built this way: a result is documents, each with its matching pages, so the
model is a tree (document rows, hit rows under them) over the core's
:class:`SearchResult` — no copies into widgets. Page rows show the printed page label
("p. 11", the number a citation uses) and the snippet with the matched words in bold,
built from the snippet's highlight offsets, never by re-searching text. "More results"
appends the next page of documents to the same model, so the rows already seen keep their
place. The delegate paints that small HTML with ``QTextDocument`` in the palette's
colours, so it reads in light and dark.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtCore import QAbstractItemModel
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from briefer.core.ops.documents import page_cite_text
from briefer.core.search.search import DocumentHits, Hit, SearchResult, Snippet

HTML_ROLE = Qt.ItemDataRole.UserRole + 10
_MUTED_STYLE = re.compile(r" style='color:[^']*'")
HIT_ROLE = Qt.ItemDataRole.UserRole + 11

_Index = QModelIndex | QPersistentModelIndex


@dataclass
class SearchHit:
    """What the reader needs to open a hit: the page, its spans, and the document's other
    hit pages (for F3 / Shift+F3)."""

    doc_id: int
    page_index: int
    spans: list[tuple[int, int]]
    hit_pages: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    page_label: str = ""
    title: str = ""


def snippet_html(snippet: Optional[Snippet]) -> str:
    """The snippet as HTML with the matched words in bold (text escaped)."""
    if snippet is None:
        return ""
    out, pos = [], 0
    text = snippet.text
    for a, b in snippet.highlights:
        out.append(html.escape(text[pos:a]))
        out.append(f"<b>{html.escape(text[a:b])}</b>")
        pos = b
    out.append(html.escape(text[pos:]))
    body = "".join(out).strip()
    return ("…" if snippet.start > 0 else "") + body + "…"


def page_text_label(hit: Hit) -> str:
    return page_cite_text(hit.page_label, "printed", hit.page_number - 1)


class SearchResultModel(QAbstractItemModel):
    """Documents at the top level, their hit pages below. Internal id: doc row + 1 for hit
    rows, 0 for document rows."""

    def __init__(self, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.result: Optional[SearchResult] = None
        self._docs: list[DocumentHits] = []

    # -------------------------------------------------------------- contents
    def set_result(self, result: Optional[SearchResult]) -> None:
        self.beginResetModel()
        self.result = result
        self._docs = list(result.documents) if result is not None else []
        self.endResetModel()

    def append(self, more: SearchResult) -> None:
        """Add the documents of the next page of results (merging a split document)."""
        new = list(more.documents)
        if new and self._docs and new[0].doc_id == self._docs[-1].doc_id:
            last = len(self._docs) - 1
            first = len(self._docs[last].hits)
            extra = new.pop(0).hits
            if extra:
                self.beginInsertRows(self.index(last, 0), first, first + len(extra) - 1)
                self._docs[last].hits.extend(extra)
                self.endInsertRows()
        if new:
            self.beginInsertRows(QModelIndex(), len(self._docs), len(self._docs) + len(new) - 1)
            self._docs.extend(new)
            self.endInsertRows()

    def merge(self, result: SearchResult) -> list[int]:
        """The same search answered again (the library changed while it was shown): rows
        are updated in place, never reset, so the view keeps its selection and scroll.
        Documents and pages still found keep their rows and order (nothing moves under the
        pointer); those no longer found are removed; new ones are added after them. Returns
        the rows of the documents added."""
        self.result = result
        fresh = {d.doc_id: d for d in result.documents}
        for row in range(len(self._docs) - 1, -1, -1):  # documents no longer found
            if self._docs[row].doc_id not in fresh:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._docs[row]
                self.endRemoveRows()
        for row, doc in enumerate(self._docs):
            now = fresh[doc.doc_id]
            parent = self.index(row, 0)
            new_hits = {h.page_index: h for h in now.hits}
            for k in range(len(doc.hits) - 1, -1, -1):
                if doc.hits[k].page_index not in new_hits:
                    self.beginRemoveRows(parent, k, k)
                    del doc.hits[k]
                    self.endRemoveRows()
            shown = {h.page_index for h in doc.hits}
            doc.hits[:] = [new_hits[h.page_index] for h in doc.hits]
            if doc.hits:
                self.dataChanged.emit(self.index(0, 0, parent),
                                      self.index(len(doc.hits) - 1, 0, parent))
            extra = [h for h in now.hits if h.page_index not in shown]
            if extra:
                self.beginInsertRows(parent, len(doc.hits), len(doc.hits) + len(extra) - 1)
                doc.hits.extend(extra)
                self.endInsertRows()
            self.dataChanged.emit(parent, parent)
        known = {d.doc_id for d in self._docs}
        new = [d for d in result.documents if d.doc_id not in known]
        if new:
            self.beginInsertRows(QModelIndex(), len(self._docs), len(self._docs) + len(new) - 1)
            self._docs.extend(new)
            self.endInsertRows()
        return list(range(len(self._docs) - len(new), len(self._docs)))

    @property
    def documents(self) -> list[DocumentHits]:
        return list(self._docs)

    def shown_hits(self) -> int:
        return sum(len(d.hits) for d in self._docs)

    def hit_at(self, index: _Index) -> Optional[SearchHit]:
        """The :class:`SearchHit` of a row (a document row gives its first hit)."""
        if not index.isValid():
            return None
        if index.internalId() == 0:
            doc = self._docs[index.row()]
            hit = doc.hits[0] if doc.hits else None
        else:
            doc = self._docs[index.internalId() - 1]
            hit = doc.hits[index.row()]
        if hit is None:
            return SearchHit(doc.doc_id, 0, [], {}, "", doc.title)
        pages: dict[int, list[tuple[int, int]]] = {}
        for h in doc.hits:
            pages.setdefault(h.page_index, []).extend(h.spans)
        return SearchHit(doc.doc_id, hit.page_index, list(hit.spans), pages,
                         hit.page_label, doc.title)

    # -------------------------------------------------------------- Qt model
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._docs) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        doc = self._docs[parent.row()]
        if row >= len(doc.hits):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt)
        if not parent.isValid():
            return len(self._docs)
        if parent.internalId() == 0:
            return len(self._docs[parent.row()].hits)
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            doc = self._docs[index.row()]
            facts = " · ".join(x for x in (doc.doc_type, doc.date[:10], doc.issuer) if x)
            pages = len(doc.hits)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{doc.title} — {facts}" if facts else doc.title
            if role == HTML_ROLE:
                more = f" <span style='color:{_muted()}'>{html.escape(facts)}</span>" \
                    if facts else ""
                return f"<b>{html.escape(doc.title)}</b>{more}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{doc.title}\n{facts}\n{pages} matching page{'s' if pages != 1 else ''}" \
                       " shown — Enter opens the first"
            return None
        doc = self._docs[index.internalId() - 1]
        hit = doc.hits[index.row()]
        label = page_text_label(hit)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            plain = hit.snippet.marked("", "") if hit.snippet else ""
            return f"{label} · {plain}"
        if role == HTML_ROLE:
            ocr = f" <i>({html.escape(hit.note)})</i>" if hit.ocr else ""
            return f"{html.escape(label)} · {snippet_html(hit.snippet)}{ocr}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{doc.title}, {label}. Enter opens the reader at this page." + (
                f"\n{hit.note}" if hit.ocr else "")
        if role == HIT_ROLE:
            return hit
        return None


def _muted() -> str:
    return QApplication.palette().color(QPalette.ColorGroup.Active,
                                        QPalette.ColorRole.PlaceholderText).name()


class RichTextDelegate(QStyledItemDelegate):
    """Paints a row's :data:`HTML_ROLE` (bold matched words) in the palette's colours."""

    def __init__(self, parent: Optional[QObject] = None, wrap: bool = True) -> None:
        super().__init__(parent)
        self.wrap = wrap

    def _document(self, option: QStyleOptionViewItem, index: _Index, width: float,
                  selected: bool = False) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(2)
        text = index.data(HTML_ROLE) or html.escape(index.data() or "")
        if selected:  # muted grey is unreadable on the selection colour
            text = _MUTED_STYLE.sub("", text)
        doc.setHtml(text)
        doc.setTextWidth(max(50.0, width) if self.wrap else -1)
        return doc

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text_html = index.data(HTML_ROLE)
        if text_html is None:
            super().paint(painter, option, index)
            return
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        doc = self._document(opt, index, rect.width(), selected)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        if index.data(HTML_ROLE) is None:
            return super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        view = opt.widget
        width = 400
        if view is not None and view.isVisible():
            indent = getattr(view, "indentation", lambda: 20)()
            depth = 1 if index.parent().isValid() else 0
            width = max(200, view.viewport().width() - indent * (depth + 1) - 8)
        doc = self._document(opt, index, width)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)
