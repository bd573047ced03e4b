"""Two small pieces of the reader that stand apart from the panel: the bar shown under a
fresh selection (Quote to brief, Copy with page — as Zotero's reader does). (Pages are
drawn by :mod:`briefer.ui.reader.bounded`, in a worker process with a memory limit.)"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget


class SelectionPopup(QFrame):
    """The small bar shown under a fresh selection: Quote to brief, Copy with page, Find
    in library."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        self.quote = QToolButton(self)
        self.quote.setText("Quote to brief  Ctrl+B")
        self.quote.setAccessibleName("Quote the selection into the brief")
        self.copy = QToolButton(self)
        self.copy.setText("Copy with page")
        self.copy.setAccessibleName("Copy the selection with its page reference")
        self.find = QToolButton(self)
        self.find.setText("Find in library")
        self.find.setAccessibleName("Search the library for the selected words")
        lay.addWidget(self.quote)
        lay.addWidget(self.copy)
        lay.addWidget(self.find)
        self.hide()
