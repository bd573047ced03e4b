"""The task runner: results, errors and progress on the GUI thread; writes one at a time;
reads never wait for writes; cancellation; the status-bar view appears only after a delay."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread

from briefer.core.errors import BrieferError
from briefer.core.progress import Progress, check
from briefer.ui.task_status import TaskStatus
from briefer.ui.tasks import SyncExecutor, TaskRunner


def _work(value, *, progress=None, cancel=None, steps=3):
    for n in range(steps):
        check(cancel)
        progress(Progress(n + 1, steps, "working"))
    return value * 2


def test_sync_executor_delivers_result_and_progress(qapp):
    runner = TaskRunner(SyncExecutor())
    seen, results = [], []
    handle = runner.submit(_work, 21, title="double", on_result=results.append)
    handle.progressed.connect(seen.append)
    assert results == [42]
    assert handle.state == "done" and handle.result == 42
    assert handle.last_progress is not None and handle.last_progress.done == 3
    assert not runner.active


def test_error_goes_to_on_error_or_the_error_handler(qapp):
    runner = TaskRunner(SyncExecutor())
    handled = []
    runner.error_handler = handled.append

    def boom(*, progress=None, cancel=None):
        raise BrieferError("it broke", reason="disk_full")

    errors = []
    runner.submit(boom, title="a", on_error=errors.append)
    assert [e.reason for e in errors] == ["disk_full"] and handled == []
    handle = runner.submit(boom, title="b")
    assert handle.state == "failed" and [e.reason for e in handled] == ["disk_full"]


def test_threaded_results_arrive_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    threads = []

    def where(*, progress=None, cancel=None):
        return threading.current_thread() is threading.main_thread()

    def on_result(in_main_worker):
        threads.append((in_main_worker, QThread.currentThread() is qtbot_app_thread()))

    def qtbot_app_thread():
        from PySide6.QtWidgets import QApplication
        return QApplication.instance().thread()

    handle = runner.submit(where, title="where", on_result=on_result)
    qtbot.waitUntil(lambda: handle.done, timeout=30000)
    assert threads == [(False, True)]  # ran in a worker, delivered on the GUI thread
    runner.shutdown()


def test_two_writes_never_overlap_and_reads_do_not_wait(qtbot):
    runner = TaskRunner()
    lock = threading.Lock()
    state = {"writing": 0, "max": 0}
    release = threading.Event()
    order = []

    def write(name, *, progress=None, cancel=None):
        with lock:
            state["writing"] += 1
            state["max"] = max(state["max"], state["writing"])
        release.wait(120)  # released by the test; the bound only stops a hang
        time.sleep(0.05)
        with lock:
            state["writing"] -= 1
        order.append(name)
        return name

    def read(*, progress=None, cancel=None):
        order.append("read")
        return "read"

    w1 = runner.submit(write, "w1", title="w1", kind="write")
    w2 = runner.submit(write, "w2", title="w2", kind="write")
    r = runner.submit(read, title="r", kind="read")
    qtbot.waitUntil(lambda: r.done, timeout=30000)
    assert not w1.done and not w2.done  # the read finished while the writes wait
    release.set()
    qtbot.waitUntil(lambda: w1.done and w2.done, timeout=30000)
    assert state["max"] == 1
    assert order == ["read", "w1", "w2"]
    runner.shutdown()


def test_cancel_stops_a_running_task(qtbot):
    runner = TaskRunner()
    started = threading.Event()

    def slow(*, progress=None, cancel=None):
        started.set()
        while True:
            check(cancel)
            time.sleep(0.01)

    results, errors = [], []
    handle = runner.submit(slow, title="slow", kind="write", on_result=results.append,
                           on_error=errors.append)
    assert started.wait(5)
    handle.cancel()
    qtbot.waitUntil(lambda: handle.done, timeout=30000)
    assert handle.state == "cancelled" and results == [] and errors == []
    runner.shutdown()


def test_progress_is_coalesced(qtbot):
    runner = TaskRunner()
    seen = []

    def chatty(*, progress=None, cancel=None):
        for n in range(5000):
            progress(Progress(n + 1, 5000))
        return "ok"

    handle = runner.submit(chatty, title="chatty")
    handle.progressed.connect(seen.append)
    qtbot.waitUntil(lambda: handle.done, timeout=30000)
    assert 1 <= len(seen) < 5000
    assert seen[-1].done == 5000  # the last snapshot is always delivered
    runner.shutdown()


def test_status_view_shows_only_long_tasks(qtbot):
    runner = TaskRunner()
    from PySide6.QtWidgets import QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    view = TaskStatus(runner, holder, show_after_ms=150)
    holder.show()
    release = threading.Event()

    def quick(*, progress=None, cancel=None):
        return 1

    def long(*, progress=None, cancel=None):
        progress(Progress(1, 4, "Importing", "a.pdf"))
        release.wait(120)  # released by the test; the bound only stops a hang
        check(cancel)
        return 2

    q = runner.submit(quick, title="quick")
    qtbot.waitUntil(lambda: q.done, timeout=30000)
    qtbot.wait(250)
    assert view.isHidden()  # a quick job never flashes
    handle = runner.submit(long, title="Adding files", kind="write")
    qtbot.waitUntil(lambda: view.isVisible(), timeout=30000)
    assert "Adding files" in view.label.text() and view.bar.maximum() == 4
    view.cancel_button.click()
    release.set()
    qtbot.waitUntil(lambda: handle.done, timeout=30000)
    assert handle.state == "cancelled" and view.isHidden()
    runner.shutdown()


def test_submit_after_shutdown_is_refused(qapp):
    runner = TaskRunner(SyncExecutor())
    runner.shutdown()
    with pytest.raises(RuntimeError):
        runner.submit(_work, 1, title="late")
