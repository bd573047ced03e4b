"""The one way the window runs long work: a core function in, progress/result/error out.

Why it is built this way:

* A task is a plain function: ``submit(fn, *args)`` calls ``fn(*args)``. Long core
  functions speak a plain protocol (``progress=`` callback, ``cancel=`` token,
  :mod:`briefer.core.progress`); the runner gives ``progress`` and ``cancel`` only to a
  function whose signature names them (so no wrapper adapts a signature), and turns the
  callback into a Qt signal delivered on the GUI thread.
* Writes go to a single-worker queue (two writes never run at once, the same rule the
  library's writer lock enforces across processes); reads go to a small pool and never
  queue behind a write (Anki's taskman splits work the same way). The ops ``Session``
  gives each thread its own catalog connection, so a read in the pool is safe while an
  import holds the writer.
* Progress from a worker can arrive thousands of times a second; the runner keeps only the
  latest snapshot and posts one signal while none is pending, so the GUI thread never
  drowns in events.
* The executor is injectable. :class:`SyncExecutor` runs a job at once in the calling
  thread, so widget tests are deterministic (Picard's ``FakeThreadPool`` idea).
* Results are delivered with ``on_result``/``on_error`` callbacks and with the handle's
  signals. An error nobody handles goes to ``error_handler`` (the window's
  :meth:`AppContext.report_error`), so a failure is never silent.
"""

from __future__ import annotations

import inspect
import itertools
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Literal, Optional, Protocol

from PySide6.QtCore import QObject, Signal, Slot

from briefer.core.progress import CancelToken, Cancelled, Progress

log = logging.getLogger(__name__)

TaskKind = Literal["read", "write"]


class Executor(Protocol):
    """Runs ``job()`` somewhere; ``kind`` says which queue it belongs to."""

    def run(self, kind: TaskKind, job: Callable[[], None]) -> None: ...

    def shutdown(self, wait: bool = True) -> None: ...


class ThreadExecutor:
    """One worker thread for writes (in order, one at a time), a pool for reads."""

    def __init__(self, readers: int = 3) -> None:
        self._write = ThreadPoolExecutor(1, thread_name_prefix="briefer-write")
        self._read = ThreadPoolExecutor(readers, thread_name_prefix="briefer-read")

    def run(self, kind: TaskKind, job: Callable[[], None]) -> None:
        (self._write if kind == "write" else self._read).submit(job)

    def shutdown(self, wait: bool = True) -> None:
        self._write.shutdown(wait=wait, cancel_futures=True)
        self._read.shutdown(wait=wait, cancel_futures=True)


class SyncExecutor:
    """Runs every job immediately in the calling thread: deterministic tests."""

    def run(self, kind: TaskKind, job: Callable[[], None]) -> None:
        job()

    def shutdown(self, wait: bool = True) -> None:
        return None


class TaskHandle(QObject):
    """One submitted task. Signals arrive on the GUI thread.

    ``progressed(Progress)`` while it runs (coalesced), then exactly one of
    ``succeeded(object)``, ``failed(object)`` (the exception) or ``cancelled()``, and
    always ``finished()`` last.
    """

    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()
    # Internal: posted from the worker thread, handled on the GUI thread.
    _progress_posted = Signal()
    # Only the state string crosses threads; the value waits on the handle (PySide 6.12
    # miscounts references of some Python objects, e.g. bools, sent through a queued
    # ``object`` argument, which crashed the interpreter at exit).
    _done_posted = Signal(str)

    def __init__(self, task_id: int, title: str, kind: TaskKind, cancellable: bool,
                 parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.task_id = task_id
        self.title = title
        self.kind = kind
        self.cancellable = cancellable
        self.token = CancelToken()
        self.state = "queued"  # queued | running | done | failed | cancelled
        self.result: Any = None
        self.error: Optional[BaseException] = None
        self.last_progress: Optional[Progress] = None
        self._lock = threading.Lock()
        self._pending: Optional[Progress] = None
        self._posted_value: Any = None
        self._on_result: Optional[Callable[[Any], None]] = None
        self._on_error: Optional[Callable[[BaseException], None]] = None
        self._finish: Optional[Callable[["TaskHandle", str, Any], None]] = None
        # Bound slots of this QObject: Qt queues them to the GUI thread that owns it.
        self._progress_posted.connect(self._on_progress_posted)
        self._done_posted.connect(self._on_done_posted)

    @property
    def done(self) -> bool:
        """True once the task has ended, however it ended."""
        return self.state in ("done", "failed", "cancelled")

    def cancel(self) -> None:
        """Ask the task to stop; the core function notices at its next check."""
        if self.cancellable and not self.done:
            self.token.cancel()

    # Called in the worker thread.
    def _report(self, progress: Progress) -> None:
        with self._lock:
            post = self._pending is None
            self._pending = progress
        if post:
            self._progress_posted.emit()

    @Slot()
    def _on_progress_posted(self) -> None:
        with self._lock:
            progress, self._pending = self._pending, None
        if progress is not None and not self.done:
            self.last_progress = progress
            self.progressed.emit(progress)

    def _post_done(self, state: str, value: Any) -> None:
        with self._lock:
            self._posted_value = value
        self._done_posted.emit(state)

    @Slot(str)
    def _on_done_posted(self, state: str) -> None:
        with self._lock:
            value, self._posted_value = self._posted_value, None
        if self._finish is not None:
            self._finish(self, state, value)


class TaskRunner(QObject):
    """Submit core functions; see the module docstring for the rules it keeps."""

    started = Signal(object)  # TaskHandle
    ended = Signal(object)  # TaskHandle
    busyChanged = Signal(bool)

    def __init__(self, executor: Optional[Executor] = None,
                 parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self._executor: Executor = executor if executor is not None else ThreadExecutor()
        self._ids = itertools.count(1)
        self._active: dict[int, TaskHandle] = {}
        self._closed = False
        self.error_handler: Optional[Callable[[BaseException], None]] = None

    @property
    def closed(self) -> bool:
        """True once :meth:`shutdown` was called (nothing more can be submitted)."""
        return self._closed

    @property
    def active(self) -> list[TaskHandle]:
        """Tasks submitted and not yet ended, oldest first."""
        return list(self._active.values())

    def submit(self, fn: Callable[..., Any], *args: Any, title: str,
               kind: TaskKind = "read", cancellable: bool = True,
               on_result: Optional[Callable[[Any], None]] = None,
               on_error: Optional[Callable[[BaseException], None]] = None,
               **kwargs: Any) -> TaskHandle:
        """Run ``fn(*args, **kwargs)`` off the GUI thread.

        ``fn`` also gets ``progress=`` and ``cancel=`` when its signature names them
        (every long core function does; see :func:`takes`). ``on_result(value)`` /
        ``on_error(exc)`` run on the GUI thread; a cancelled task calls neither. Without
        ``on_error`` an error goes to :attr:`error_handler`.
        """
        if self._closed:
            raise RuntimeError("the task runner is shut down")
        handle = TaskHandle(next(self._ids), title, kind, cancellable, parent=self)
        handle._on_result, handle._on_error = on_result, on_error
        handle._finish = self._on_done
        was_busy = bool(self._active)
        self._active[handle.task_id] = handle
        self.started.emit(handle)
        if not was_busy:
            self.busyChanged.emit(True)

        def job() -> None:
            if handle.token.cancelled:
                handle._post_done("cancelled", None)
                return
            handle.state = "running"
            extra = dict(kwargs)
            wants = takes(fn)
            if "progress" in wants and "progress" not in extra:
                extra["progress"] = handle._report
            if "cancel" in wants and "cancel" not in extra:
                extra["cancel"] = handle.token
            try:
                value = fn(*args, **extra)
            except Cancelled:
                handle._post_done("cancelled", None)
            except BaseException as exc:  # delivered to the GUI thread, never lost
                handle._post_done("failed", exc)
            else:
                if handle.token.cancelled and getattr(value, "cancelled", False):
                    handle._post_done("cancelled", value)
                else:
                    handle._post_done("done", value)

        self._executor.run(kind, job)
        return handle

    def _on_done(self, handle: TaskHandle, state: str, value: Any) -> None:
        if handle.done:
            return
        on_result, on_error = handle._on_result, handle._on_error
        handle._on_progress_posted()  # the last snapshot, if one is still pending
        handle.state = state
        self._active.pop(handle.task_id, None)
        try:
            if state == "done":
                handle.result = value
                handle.succeeded.emit(value)
                if on_result is not None:
                    on_result(value)
            elif state == "failed":
                handle.error = value
                handle.failed.emit(value)
                if on_error is not None:
                    on_error(value)
                elif self.error_handler is not None:
                    self.error_handler(value)
                else:
                    log.error("task %r failed", handle.title, exc_info=value)
            else:
                handle.result = value
                handle.cancelled.emit()
        finally:
            handle.finished.emit()
            self.ended.emit(handle)
            if not self._active:
                self.busyChanged.emit(False)

    def cancel_all(self) -> None:
        """Ask every running or queued task to stop."""
        for handle in self.active:
            handle.token.cancel()

    def shutdown(self, wait: bool = True) -> None:
        """Cancel everything and (by default) wait for the workers to stop."""
        self._closed = True
        self.cancel_all()
        self._executor.shutdown(wait=wait)


def takes(fn: Callable[..., Any]) -> frozenset[str]:
    """Which of ``progress`` and ``cancel`` ``fn`` takes by name (``**kwargs`` does not
    count: a function gets them only when it says it wants them)."""
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):  # a builtin without a signature
        return frozenset()
    return frozenset(name for name in ("progress", "cancel") if name in params
                     and params[name].kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                               inspect.Parameter.KEYWORD_ONLY))
