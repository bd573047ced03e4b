"""Two small pieces of the reader that stand apart from the panel: the bar shown beside a
fresh selection (Quote to brief, Copy with page — as Zotero's reader does) and where it
goes. (Pages are drawn by :mod:`briefer.ui.reader.bounded`, in a worker process with a
memory limit.)

The bar belongs to its selection: it is placed below the selected lines, else above them,
inside the visible part of the page, and never over a selected word; it follows the
selection when the page scrolls or is zoomed and is hidden while the selection is out of
view, and goes when the selection goes (see :mod:`briefer.ui.reader.selecting`).
"""

from __future__ import annotations

from typing import Iterable, Optional

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

GAP = 6  # pixels between the selected text and the bar
SCAN_STEP = 4  # pixels between the places tried when neither below nor above fits


class SelectionPopup(QFrame):
    """The small bar shown beside a fresh selection: Quote to brief, Copy with page, Find
    in library."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("selection-popup")
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


def popup_position(selected: Iterable[QRect], size: QSize, view: QRect,
                   gap: int = GAP) -> Optional[QPoint]:
    """Where the bar of ``size`` goes for the selected lines ``selected`` (rectangles in
    the coordinates of ``view``, the visible area): below the lines, else above them,
    else the first place inside ``view`` that touches no selected line; None when the
    selection is out of view or fills it (the bar would cover the words)."""
    rects = [r for r in selected if not r.isEmpty()]
    if not rects or size.width() > view.width() or size.height() > view.height():
        return None
    union = QRect(rects[0])
    for r in rects[1:]:
        union = union.united(r)
    if not union.intersects(view):
        return None
    max_x = view.right() + 1 - size.width()
    x = min(max(view.left(), union.left()), max_x)
    keep_clear = [r.adjusted(-gap, -gap, gap, gap) for r in rects]

    def free(point: QPoint) -> bool:
        box = QRect(point, size)
        return view.contains(box) and not any(box.intersects(r) for r in keep_clear)

    below = QPoint(x, union.bottom() + 1 + gap)
    above = QPoint(x, union.top() - gap - size.height())
    for point in (below, above):
        if free(point):
            return point
    # a selection taller than the view: a gap beside or between its lines
    for y in range(view.bottom() + 1 - size.height(), view.top() - 1, -SCAN_STEP):
        for px in (x, max_x, view.left()):
            if free(QPoint(px, y)):
                return QPoint(px, y)
    return None
