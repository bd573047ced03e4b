"""The reader's find bar (Ctrl+Shift+F): a text box, options, next/previous and "3 of 12".

Only a view: it says what to look for and which way to go; the reader runs
``ops.search.find_in_document`` and tells the bar the count. Typing searches after a short
pause (so a 500-page document is not searched on every key); Enter goes to the next match,
Shift+Enter to the previous, Escape closes the bar and returns focus to the page.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton,
                               QWidget)

TYPING_PAUSE_MS = 250


class FindBar(QWidget):
    """Find in document: emits what to find; shows the count the reader sets."""

    searchRequested = Signal(str, bool, bool, bool)  # text, case, whole words, diacritics
    nextRequested = Signal()
    previousRequested = Signal()
    closed = Signal()

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Find in document")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 2, 6, 2)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in this document")
        self.edit.setAccessibleName("Text to find in the document")
        self.edit.setClearButtonEnabled(True)
        self.case = QCheckBox("Match case", self)
        self.whole = QCheckBox("Whole words", self)
        self.diacritics = QCheckBox("Diacritics", self)
        self.diacritics.setToolTip("Match accents and vowel marks exactly (zer, zabar, pesh)")
        self.diacritics.setAccessibleName("Match diacritics")
        self.prev = QToolButton(self)
        self.prev.setText("▲")
        self.prev.setToolTip("Previous match (Shift+F3)")
        self.prev.setAccessibleName("Previous match")
        self.next = QToolButton(self)
        self.next.setText("▼")
        self.next.setToolTip("Next match (F3)")
        self.next.setAccessibleName("Next match")
        self.count = QLabel("", self)
        self.count.setAccessibleName("Matches")
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance("888 of 8888"))
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close the find bar (Esc)")
        close.setAccessibleName("Close find bar")
        for w in (self.edit, self.prev, self.next, self.count, self.case, self.whole,
                  self.diacritics, close):
            lay.addWidget(w)
        lay.setStretch(0, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._emit_search)
        self.edit.textChanged.connect(lambda _t: self._timer.start())
        self.case.toggled.connect(lambda _c: self._emit_search())
        self.whole.toggled.connect(lambda _c: self._emit_search())
        self.diacritics.toggled.connect(lambda _c: self._emit_search())
        self.prev.clicked.connect(self.previousRequested)
        self.next.clicked.connect(self.nextRequested)
        close.clicked.connect(self.close_bar)
        self.edit.installEventFilter(self)

    def open_bar(self, text: str = "") -> None:
        """Show the bar and focus its text box (with ``text`` if given)."""
        self.show()
        if text:
            self.edit.setText(text)
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def search_now(self) -> None:
        """Search at once (skip the typing pause)."""
        self._timer.stop()
        self._emit_search()

    def set_count(self, current: int, total: int, searched: bool = True) -> None:
        """Show "3 of 12" (``current`` counted from 1; 0 = none chosen yet)."""
        if not searched or not self.edit.text().strip():
            self.count.setText("")
        elif total == 0:
            self.count.setText("no matches")
        else:
            self.count.setText(f"{current} of {total}" if current else f"{total} matches")

    def _emit_search(self) -> None:
        self.searchRequested.emit(self.edit.text(), self.case.isChecked(),
                                  self.whole.isChecked(), self.diacritics.isChecked())

    def eventFilter(self, obj, event) -> bool:  # type: ignore[no-untyped-def]
        if obj is self.edit and isinstance(event, QKeyEvent) and \
                event.type() == event.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self.search_now()
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.previousRequested.emit()
                else:
                    self.nextRequested.emit()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.matches(QKeySequence.StandardKey.FindNext):
                self.nextRequested.emit()
                return True
            if event.matches(QKeySequence.StandardKey.FindPrevious):
                self.previousRequested.emit()
                return True
        return super().eventFilter(obj, event)
