"""The status bar's view of running tasks: title, progress bar, cancel button.

Why it is built this way: quick jobs (a search, a metadata edit) must not make the status
bar flicker, so a task appears only once it has run for :data:`SHOW_AFTER_MS` (Anki shows
its progress window after 600 ms for the same reason). One widget shows the oldest
visible task and how many more run; cancel asks that task's token to stop — the core
function ends at its next check and the runner reports "cancelled".
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from briefer.core.progress import Progress
from briefer.ui.icons import themed
from briefer.ui.tasks import TaskHandle, TaskRunner

SHOW_AFTER_MS = 500
LABEL_WIDTH = 420  # pixels; longer texts are shortened in the middle (full in the tooltip)


class TaskStatus(QWidget):
    """Shows the runner's long tasks; hidden while none has run for half a second."""

    def __init__(self, runner: TaskRunner, parent: Optional[QWidget] = None,
                 show_after_ms: int = SHOW_AFTER_MS) -> None:
        super().__init__(parent)
        self.runner = runner
        self.show_after_ms = show_after_ms
        self._visible: list[TaskHandle] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setAccessibleName("Task")
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(160)
        self.bar.setTextVisible(True)
        self.bar.setAccessibleName("Task progress")
        self.cancel_button = QToolButton(self)
        themed(self.cancel_button, "cancel")
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Cancel this task")
        self.cancel_button.setAccessibleName("Cancel task")
        self.cancel_button.clicked.connect(self._on_cancel)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()
        runner.started.connect(self._on_started)
        runner.ended.connect(self._on_ended)

    @property
    def current(self) -> Optional[TaskHandle]:
        return self._visible[0] if self._visible else None

    @Slot(object)
    def _on_started(self, handle: TaskHandle) -> None:
        handle.progressed.connect(lambda p, h=handle: self._on_progress(h, p))
        QTimer.singleShot(self.show_after_ms, lambda h=handle: self._reveal(h))

    def _reveal(self, handle: TaskHandle) -> None:
        if handle.done or handle in self._visible:
            return
        self._visible.append(handle)
        self._refresh()

    def _on_progress(self, handle: TaskHandle, progress: Progress) -> None:
        if handle is self.current:
            self._refresh()

    @Slot(object)
    def _on_ended(self, handle: TaskHandle) -> None:
        if handle in self._visible:
            self._visible.remove(handle)
            self._refresh()

    def _refresh(self) -> None:
        handle = self.current
        if handle is None:
            self.hide()
            return
        p = handle.last_progress
        more = len(self._visible) - 1
        text = handle.title
        if p is not None and p.message:
            text = f"{handle.title}: {p.message}"
        if p is not None and p.item:
            item = p.item.rsplit("/", 1)[-1]
            text += f" — {item[:40]}"
        if more:
            text += f" (+{more} more)"
        self.label.setToolTip(text)
        metrics = self.label.fontMetrics()
        if p is not None and p.message and metrics.horizontalAdvance(text) > LABEL_WIDTH:
            # the progress names what is being read ("Reading rules.pdf — page 52 of
            # 194 · 3 of 30 files"): it goes before the task's title (in the tooltip)
            text = text[len(handle.title) + 2:]
        self.label.setText(metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, LABEL_WIDTH))
        if p is None or p.total <= 0:
            self.bar.setRange(0, 0)  # busy indicator
        else:
            self.bar.setRange(0, p.total)
            self.bar.setValue(min(p.done, p.total))
            self.bar.setFormat(f"{p.done} of {p.total}")
        self.cancel_button.setEnabled(handle.cancellable and not handle.token.cancelled)
        self.show()

    @Slot()
    def _on_cancel(self) -> None:
        handle = self.current
        if handle is not None:
            handle.cancel()
            self.label.setText(f"{handle.title}: cancelling…")
            self.cancel_button.setEnabled(False)
