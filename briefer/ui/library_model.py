"""The Library table's model: the ops layer's document rows as a Qt table.

Why it is built this way: the view never holds documents of its own; this model holds the
last list :func:`briefer.core.ops.documents.list_documents` returned and is refreshed
when the catalog changes. A refresh signals only what differs (:meth:`DocumentTableModel.
set_rows`): rows inserted or removed where they are, ``dataChanged`` for rows whose
document changed, nothing at all for an unchanged list (selection, scroll position and
sort stay); documents replaced in the middle reset the model and the panel restores the
selection by document id. Sorting and the filter line are a
``QSortFilterProxyModel`` over it; dates and page counts sort by value through
:data:`SORT_ROLE`, not as text.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt)

from briefer.core.ops.documents import DocumentRow, status_label
from briefer.ui.rowdiff import common_ends

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3

COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "Title"), ("type", "Type"), ("issuer", "Issuer"), ("date", "Date"),
    ("pages", "Pages"), ("status", "Status"),
)

_Index = QModelIndex | QPersistentModelIndex


def status_tooltip(row: DocumentRow) -> str:
    """The status in plain words (the column's label, the core's longer words when they
    add something) plus the stored reason, for a tooltip and the details line."""
    doc = row.document
    text = status_label(doc)  # the column's words, then the core's detail when it adds one
    from briefer.ui.context import plain_reason  # a reason stored by an older import may
    # hold an exception's name ("PdfReadError: …"): shown in plain words

    status_words = plain_reason(row.status_text)
    if row.status_text != "ok" and status_words.lower() != text.lower():
        text += f" ({status_words})"
    reason = plain_reason(doc.reason)
    if reason and reason not in text:
        text += f": {reason}"
    hints = {"needs_password": "Choose Library ▸ Enter Password… to read it.",
             "needs_ocr": "Choose Library ▸ Read Scans with OCR… to make it searchable.",
             "no_text": "The PDF holds no text Briefer could read; it cannot be searched.",
             "superseded": "A newer version of this document is in the library."}
    hint = hints.get(doc.status, "")
    if doc.status == "ok" and doc.ocr_pages:
        hint = hints["needs_ocr"]
    return f"{text}. {hint}".strip() if hint else text + "."


class DocumentTableModel(QAbstractTableModel):
    """Rows of :class:`DocumentRow`; one column per :data:`COLUMNS` entry."""

    def __init__(self, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentRow] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def row(self, index: int) -> DocumentRow:
        return self._rows[index]

    @property
    def rows(self) -> list[DocumentRow]:
        return list(self._rows)

    def row_of(self, doc_id: int) -> Optional[int]:
        for n, row in enumerate(self._rows):
            if row.id == doc_id:
                return n
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        doc = row.document
        key = COLUMNS[index.column()][0]
        if role == ID_ROLE:
            return doc.id
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.AccessibleTextRole):
            if key == "title":
                return doc.title or doc.file_name
            if key == "type":
                return doc.doc_type
            if key == "issuer":
                return doc.issuer
            if key == "date":
                return doc.date
            if key == "pages":
                return doc.page_count if role == SORT_ROLE else str(doc.page_count)
            if key == "status":
                return status_label(doc)
        if role == FILTER_ROLE:
            return " ".join((doc.title, doc.file_name, doc.issuer, doc.doc_type, doc.date,
                             status_label(doc), row.status_text, " ".join(doc.tags))).lower()
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "status":
                return status_tooltip(row)
            if key == "title":
                tags = f"\nTags: {', '.join(doc.tags)}" if doc.tags else ""
                return f"{doc.title}\n{doc.file_name}{tags}"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "pages":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def set_rows(self, rows: Sequence[DocumentRow]) -> bool:
        """Show ``rows``; returns True when the model was reset.

        Only what differs is signalled: documents added or removed in one run (an import
        adds its documents at the end) are inserted or removed there, and a row is
        updated only when its document or status changed. An unchanged list signals
        nothing — every signal makes the sorting proxy and the columns that fit their
        contents look at the rows again, which took tens of milliseconds of the GUI
        thread on each of the catalog's changes while an import or export ran."""
        rows = list(rows)
        old_ids = [r.id for r in self._rows]
        new_ids = [r.id for r in rows]
        if old_ids != new_ids:
            head, tail = common_ends(old_ids, new_ids)
            gone = len(old_ids) - head - tail
            came = len(new_ids) - head - tail
            if gone and came:  # documents replaced in the middle: not one run
                self.beginResetModel()
                self._rows = rows
                self.endResetModel()
                return True
            if gone:
                self.beginRemoveRows(QModelIndex(), head, head + gone - 1)
                del self._rows[head:head + gone]
                self.endRemoveRows()
            if came:
                self.beginInsertRows(QModelIndex(), head, head + came - 1)
                self._rows[head:head] = rows[head:head + came]
                self.endInsertRows()
        before, self._rows = self._rows, rows
        changed = [n for n, (was, now) in enumerate(zip(before, rows)) if was != now]
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0),
                                  self.index(changed[-1], len(COLUMNS) - 1))
        return False


class DocumentFilterProxy(QSortFilterProxyModel):
    """Sorts by value and keeps rows whose text holds every word of the filter line."""

    def __init__(self, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_filter_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+: invalidateFilter is deprecated
            self.beginFilterChange()
            self._words = text.lower().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = text.lower().split()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        if not self._words:
            return True
        model = self.sourceModel()
        hay = model.data(model.index(source_row, 0, source_parent), FILTER_ROLE) or ""
        return all(w in hay for w in self._words)
