"""The bar that names work a crash interrupted, with one action to continue it.

Why it is built this way: an import or OCR run killed with the window (a crash, a power
cut) leaves a journal in the library; at the next start the core lists what is left
(:func:`briefer.core.ops.importing.interrupted_work`, the same facts the command line's
note gives). The window says it once, in a bar under the toolbar that does not block
anything: "An import of 158 files from rules was interrupted · 120 of 158 files not
imported yet  [Continue Importing] [Forget] [×]". Continue runs
:func:`~briefer.core.ops.importing.resume_interrupted` through the task runner like any
import; Forget drops the journal (what was finished stays); × only hides the bar.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar, QToolButton, QWidget


def describe(work: Any) -> str:
    """One sentence about one piece of interrupted work and what is left of it."""
    what = work.description or ("an import" if work.kind == "import" else "an OCR run")
    n = work.left
    if work.kind == "ocr":
        left = f"{n} scanned page{'s' if n != 1 else ''} still wait{'' if n != 1 else 's'}"
    else:
        left = f"{n} of {work.total} file{'s' if work.total != 1 else ''} not imported yet"
    return f"{what[0].upper()}{what[1:]} was interrupted · {left}."


class InterruptedBar(QToolBar):
    """Names the first piece of interrupted work; ``resumeRequested(work)`` /
    ``discardRequested(work)`` when its buttons are pressed."""

    resumeRequested = Signal(object)
    discardRequested = Signal(object)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__("Interrupted work", parent)
        self.setObjectName("toolbar-interrupted")
        self.setAccessibleName("Interrupted work")
        self.setMovable(False)
        self.setFloatable(False)
        self.setStyleSheet("QToolBar#toolbar-interrupted { background: #fff3cd; }"
                           " QToolBar#toolbar-interrupted QLabel,"
                           " QToolBar#toolbar-interrupted QToolButton { color: #5c4400; }")
        self.label = QLabel("", self)
        self.label.setContentsMargins(8, 2, 8, 2)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setWordWrap(True)
        self.addWidget(self.label)
        self.resume_button = self._button("Continue", lambda: self._emit(self.resumeRequested))
        self.discard_button = self._button("Forget", lambda: self._emit(self.discardRequested))
        self.discard_button.setToolTip("Forget the interrupted work (what was finished stays)")
        self.close_button = self._button("×", self.hide)
        self.close_button.setToolTip("Hide this bar")
        self.close_button.setAccessibleName("Hide the interrupted-work bar")
        self.work: list[Any] = []
        self.checked = False  # the library was looked at (show_work was called)
        self.hide()

    def _button(self, text: str, slot: Callable[[], None]) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        b.clicked.connect(lambda _checked=False: slot())
        self.addWidget(b)
        return b

    def show_work(self, work: list[Any]) -> None:
        """Show the first of ``work`` (hide the bar when there is none)."""
        self.checked = True
        self.work = list(work)
        if not self.work:
            self.hide()
            return
        first = self.work[0]
        more = len(self.work) - 1
        text = describe(first) + (f" (and {more} more)" if more else "")
        self.label.setText(text)
        self.label.setToolTip(text)
        self.resume_button.setText("Continue Importing" if first.kind == "import"
                                   else "Continue OCR")
        self.resume_button.setAccessibleName(self.resume_button.text())
        self.show()

    def _emit(self, signal: Any) -> None:
        if self.work:
            work = self.work.pop(0)
            self.show_work(self.work)
            signal.emit(work)
