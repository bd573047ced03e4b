"""Correct a document's page numbering: "PDF pages 29–64 are printed 11–46".

Why it is built this way: the dialog holds no rule of its own. Each range typed is read by
:func:`briefer.core.ops.documents.parse_page_numbering` (the form the command line takes,
"29-64=11" or "1-4=i"), and Save runs :func:`~briefer.core.ops.documents.set_page_numbering`
as a write task, which checks the ranges (inside the document, not overlapping) and
refuses with words shown under the list; the dialog stays open with what was typed. The
list starts with the corrections already made, so Save always says the whole numbering
(an empty list takes every correction back). Opened from the reader's page indicator with
the page shown filled in.
"""

from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from briefer.core.errors import BrieferError
from briefer.core.ops import documents as docs_ops
from briefer.ui.context import AppContext


def range_text(n: Any) -> str:
    """One correction as the list shows it."""
    first, last = n.first_index + 1, n.last_index + 1
    pages = f"PDF page {first}" if first == last else f"PDF pages {first}\u2013{last}"
    printed = n.label(n.first_index) if first == last else \
        f"{n.label(n.first_index)}\u2013{n.label(n.last_index)}"
    return f"{pages} are printed {printed}" if first != last else f"{pages} is printed {printed}"


class PageNumberingDialog(QDialog):
    """A document's corrections of its printed page numbers; saves through the ops layer."""

    def __init__(self, ctx: AppContext, doc_id: int, page_index: int = 0, label: str = "",
                 parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.doc = docs_ops.get_document(ctx.session, doc_id)
        self.ranges = list(docs_ops.page_numbering(ctx.session, doc_id))
        self.setWindowTitle("Page Numbering")
        self.setAccessibleName("Page numbering")
        self.setMinimumWidth(520)
        n = max(1, self.doc.page_count)
        intro = QLabel(f"<b>{_escape(self.doc.title[:80])}</b><br>Where a page is cited by "
                       "another number than the one printed on it, say which PDF pages carry "
                       "which printed numbers. Every quote of this document follows.")
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Corrections")
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.first_spin = QSpinBox()
        self.last_spin = QSpinBox()
        for spin, name in ((self.first_spin, "First PDF page"), (self.last_spin, "Last PDF page")):
            spin.setRange(1, n)
            spin.setAccessibleName(name)
        self.first_spin.setValue(min(n, page_index + 1))
        self.last_spin.setValue(n)
        self.number_edit = QLineEdit(label if label and label != str(page_index + 1) else "")
        self.number_edit.setPlaceholderText("e.g. 11 or xi")
        self.number_edit.setAccessibleName("Printed number of the first page")
        self.number_edit.setMaximumWidth(90)
        self.add_button = QPushButton("&Add")
        self.add_button.clicked.connect(self.add_range)
        self.number_edit.returnPressed.connect(self.add_range)
        row = QHBoxLayout()
        for w in (QLabel("PDF pages"), self.first_spin, QLabel("to"), self.last_spin,
                  QLabel("are printed from"), self.number_edit, self.add_button):
            row.addWidget(w)
        row.addStretch(1)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #d32f2f; }")
        self.error.setAccessibleName("Problem")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        side = QHBoxLayout()
        side.addWidget(self.list, 1)
        side.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(side)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.report: Optional[docs_ops.PageNumberingReport] = None
        self._fill()
        self.number_edit.setFocus()

    def _fill(self) -> None:
        self.list.clear()
        for r in sorted(self.ranges, key=lambda r: r.first_index):
            self.list.addItem(range_text(r))
        if not self.ranges:
            self.list.addItem("No corrections: Briefer cites the numbers it found.")
            self.list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self.remove_button.setEnabled(bool(self.ranges))

    def _say(self, message: str) -> None:
        self.error.setText(message[:1].upper() + message[1:])
        self.error.setVisible(bool(message))

    def add_range(self) -> None:
        """Add the range typed (read by the core); a range starting where another starts
        replaces it."""
        text = f"{self.first_spin.value()}-{self.last_spin.value()}={self.number_edit.text()}"
        try:
            new = docs_ops.parse_page_numbering(text)
        except BrieferError as exc:
            self._say(str(exc))
            self.number_edit.setFocus()
            return
        self.ranges = [r for r in self.ranges if r.first_index != new.first_index] + [new]
        self.ranges.sort(key=lambda r: r.first_index)
        self._say("")
        self._fill()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.ranges):
            del self.ranges[row]
            self._fill()

    def save(self) -> None:
        """Store the corrections (a write task); close when the core accepts them. A range
        typed but not added yet is added first."""
        if self.number_edit.text().strip():
            self.add_range()
            if self.error.isVisible():
                return
            self.number_edit.clear()
        self.buttons.setEnabled(False)
        self.ctx.tasks.submit(docs_ops.set_page_numbering, self.ctx.session, self.doc.id,
                              list(self.ranges),
                              title="Saving the page numbering", kind="write",
                              cancellable=False, on_result=self._on_saved,
                              on_error=self._on_refused)

    def _on_saved(self, report: docs_ops.PageNumberingReport) -> None:
        self.report = report
        self.buttons.setEnabled(True)
        pages = len(report.changed)
        said = f"Page numbering saved: {pages} page{'s' if pages != 1 else ''} renumbered"
        if report.clips_changed:
            said += (f"; {report.clips_changed} quote{'s' if report.clips_changed != 1 else ''}"
                     " cite the new numbers")
        self.ctx.show_status(said + ".")
        self.accept()

    def _on_refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, BrieferError):
            self._say(str(exc))
        else:
            self.ctx.report_error(exc)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

