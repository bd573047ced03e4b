"""A tree view whose double-click opens the row under the pointer, whatever had the focus.

Why: Qt's own double-click activates only a row the same press chose, and a focus change
between the two clicks loses it — a double-click did nothing when the view had not had
the focus (issue 18, in the search results and the brief's outline), and in a focused view
``doubleClicked`` and ``activated`` both fired, opening a passage twice. Views that open
rows connect :attr:`RowTreeView.rowDoubleClicked` (and ``activated`` for Enter) instead.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QTreeView


class RowTreeView(QTreeView):
    """A tree view that emits :attr:`rowDoubleClicked` with the row under the pointer."""

    rowDoubleClicked = Signal(QModelIndex)

    def mouseDoubleClickEvent(self, event: Any) -> None:  # noqa: N802 (Qt)
        index = self.indexAt(event.position().toPoint())
        if not index.isValid() or event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if self.currentIndex() != index:
            self.setCurrentIndex(index)
        event.accept()
        self.rowDoubleClicked.emit(index)
