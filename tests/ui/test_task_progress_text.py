"""Issue 18: the status bar shows where a long import is (file and page), not a title
with the page shortened away."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from briefer.core.progress import Progress
from briefer.ui.task_status import TaskStatus
from briefer.ui.tasks import TaskRunner


def test_the_file_and_its_page_are_shown_before_the_task_title(qtbot):
    runner = TaskRunner()
    holder = QWidget()
    qtbot.addWidget(holder)
    view = TaskStatus(runner, holder, show_after_ms=10)
    holder.show()
    release = threading.Event()
    message = "Reading Urdu book one.pdf — page 52 of 194 · about 2 min left"

    def long(*, progress=None, cancel=None):
        progress(Progress(3, 30, message))
        release.wait(120)  # released by the test; the bound only stops a hang
        return 1

    handle = runner.submit(long, title="Adding Urdu books, rules and two more folders",
                           kind="write")
    try:
        qtbot.waitUntil(lambda: view.isVisible() and "page" in view.label.toolTip(),
                        timeout=30000)
        assert view.label.text() == message  # whole: the page is not shortened away
        assert view.label.toolTip().startswith("Adding Urdu books")
        assert view.bar.text() == "3 of 30"
    finally:
        release.set()
        qtbot.waitUntil(lambda: handle.done, timeout=30000)
        runner.shutdown()


def test_a_short_message_keeps_the_task_title(qtbot):
    runner = TaskRunner()
    holder = QWidget()
    qtbot.addWidget(holder)
    view = TaskStatus(runner, holder, show_after_ms=10)
    holder.show()
    release = threading.Event()

    def long(*, progress=None, cancel=None):
        progress(Progress(0, 1, "Reading PDFs"))
        release.wait(120)
        return 1

    handle = runner.submit(long, title="Adding rules.pdf", kind="write")
    try:
        qtbot.waitUntil(lambda: view.isVisible() and "PDFs" in view.label.text(),
                        timeout=30000)
        assert view.label.text() == "Adding rules.pdf: Reading PDFs"
    finally:
        release.set()
        qtbot.waitUntil(lambda: handle.done, timeout=30000)
        runner.shutdown()
