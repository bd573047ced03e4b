"""Worker processes: one per core, each job with a time and a memory limit.

PDF parsers have a steady stream of denial-of-service bugs. Every file is extracted in a
separate, long-lived ``spawn`` process (never ``fork``: the parent may run Qt). A worker
that exceeds the time limit is killed; one that crashes is replaced; either way the file is
reported as failed with a reason and the import goes on.

The same pool runs every other kind of background work on PDFs (OCR of scanned pages):
a :class:`Job` whose ``task`` is ``"module:function"`` calls that function in the worker
with ``(job, deadline)``; it returns plain, picklable data.

No worker outlives the process that started it: each binds itself to its parent
(:mod:`briefer.core.files.lifeline`: the kernel's death signal on Linux, a watcher thread
everywhere), and pools still open when the interpreter exits are closed by an ``atexit``
hook. A pool belongs to the thread that uses it and is closed by that thread.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing as mp
import os
import signal
import time
import weakref
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterable, Iterator, Optional, cast

from briefer.core.files.lifeline import bind_to_parent
from briefer.core.progress import CancelToken, Cancelled

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 120.0
# A long document gets more time: the limit is the base time and this much per page past
# the first PAGES_IN_BASE (the 194-page book of issue 18 gets 120 + 47 s; a sound PDF
# needs 5-50 ms a page).
SECONDS_PER_PAGE = 0.5
PAGES_IN_BASE = 100
# The worker tells the parent where it is at most this often (and at the first page).
PROGRESS_SECONDS = 0.25
DEFAULT_MEMORY_MB = 2048
QUEUE_DEPTH = 2  # jobs sent ahead to each worker


EXTRACT_TASK = "extract"


@dataclass
class Job:
    """One unit of work: ``key`` identifies it to the caller; the rest goes to the worker.

    ``task`` is :data:`EXTRACT_TASK` (extract the PDF at ``path``) or ``"module:function"``,
    a function called in the worker as ``function(job, deadline)`` (``deadline`` is a
    ``time.monotonic()`` value); ``payload`` carries its arguments. ``timeout`` overrides
    the pool's time limit for this job.
    """

    key: Any
    path: str
    password: Optional[str] = None
    engine: str = "auto"
    name: str = ""  # the user's file name (the stored copy is named by its hash)
    task: str = EXTRACT_TASK
    payload: Any = None
    timeout: Optional[float] = None
    pages: int = 0  # the document's page count, once its worker has said it
    pages_read: int = 0  # ... and how many pages it has read


def time_limit(base: float, pages: int = 0) -> float:
    """The time allowed to read a document of ``pages`` pages when the base limit is
    ``base`` seconds (a user's ``--timeout``): longer documents get more."""
    return base + SECONDS_PER_PAGE * max(0, pages - PAGES_IN_BASE)


@dataclass
class PageProgress:
    """Sent by a worker while it reads a document: ``done`` of its ``total`` pages."""

    done: int
    total: int


@dataclass
class JobFailure:
    """What the pool reports when a worker was killed or died on a job (or a task raised)."""

    status: str
    reason: str


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource

        # RLIMIT_AS cannot be used: pdfium's allocator reserves tens of GB of address space
        # up front. RLIMIT_DATA counts what is really allocated (Linux 4.7 and later).
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform / not allowed
        pass


def _worker_main(conn: Connection, memory_mb: int, timeout: float,
                 parent_pid: Optional[int] = None) -> None:
    """Worker loop: receive a Job, send back the extraction result as a dict."""
    bind_to_parent(parent_pid)
    # Ctrl+C in a terminal reaches the whole process group; the parent decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.pdf.*=false")
    _limit_memory(memory_mb)
    from briefer.core.files.extract import extract_pdf, prepare_for_catalog, warm_up

    warm_up()

    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        # Leave a margin so the worker stops itself cleanly before the parent must kill it.
        limit = job.timeout if job.timeout is not None else timeout
        started = time.monotonic()
        deadline = started + max(1.0, limit * 0.9)
        if job.task == EXTRACT_TASK:
            def deadline_for(n: int, t: float = started, b: float = limit) -> float:
                return t + max(1.0, time_limit(b, n) * 0.9)

            result = extract_pdf(job.path, job.password, job.engine, deadline=deadline,
                                 on_page=_page_reporter(conn), deadline_for=deadline_for)
            prepare_for_catalog(result, job.name)
        else:
            result = _run_task(job, deadline)
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return


def _page_reporter(conn: Connection) -> Callable[[int, int], None]:
    """A callback that tells the parent the page being read (the first page, then at most
    every :data:`PROGRESS_SECONDS`, and the last)."""
    last = [0.0]

    def on_page(done: int, total: int) -> None:
        now = time.monotonic()
        if done not in (0, total) and now - last[0] < PROGRESS_SECONDS:
            return
        last[0] = now
        try:
            conn.send(PageProgress(done, total))
        except (BrokenPipeError, OSError):
            pass

    return on_page


def _run_task(job: Job, deadline: float) -> Any:
    """Call the job's ``module:function``; an exception costs this job, not the worker."""
    try:
        import importlib

        module_name, _, func_name = job.task.partition(":")
        func = getattr(importlib.import_module(module_name), func_name)
        return func(job, deadline)
    except MemoryError:
        return JobFailure("failed", "too large to process (memory limit reached)")
    except Exception as exc:
        log.exception("task %s failed", job.task)
        return JobFailure("failed", f"{type(exc).__name__}: {exc}"[:500])


class _Worker:
    def __init__(self, ctx: Any, memory_mb: int, timeout: float) -> None:
        parent, child = ctx.Pipe(duplex=True)
        self.conn: Connection = parent
        self.proc = ctx.Process(target=_worker_main,
                                args=(child, memory_mb, timeout, os.getpid()),
                                daemon=True, name="briefer-extract")
        self.proc.start()
        child.close()
        self.jobs: deque[Job] = deque()  # sent, in order; the first is being worked on
        self.deadline = 0.0
        self.started = 0.0  # when the job at the head of ``jobs`` started
        self.released = False  # told to exit: takes no more jobs
        self.used = False  # has been sent a job

    def kill(self) -> None:
        try:
            self.proc.kill()
        except Exception:
            pass
        self.proc.join(timeout=5)
        self.conn.close()

    def release(self) -> None:
        """Ask the worker to exit once it is idle, without waiting for it."""
        if not self.released:
            self.released = True
            try:
                self.conn.send(None)
            except Exception:
                pass

    def stop(self) -> None:
        self.release()
        self.proc.join(timeout=2)
        if self.proc.is_alive():
            self.kill()
        else:
            self.conn.close()


class ExtractionPool:
    """Runs jobs in worker processes; results come back as they finish.

    Use as a context manager. ``run(jobs)`` yields ``(job, result)`` where ``result`` is an
    ``ExtractResult`` (or what the job's task function returned) or a :class:`JobFailure`
    when the worker hung or crashed.
    """

    def __init__(self, processes: Optional[int] = None, timeout: float = DEFAULT_TIMEOUT,
                 memory_mb: int = DEFAULT_MEMORY_MB) -> None:
        self.processes = max(1, processes or os.cpu_count() or 1)
        self.timeout = timeout
        self.memory_mb = memory_mb
        self._ctx = mp.get_context("spawn")
        self._workers: list[_Worker] = []
        self._retired: list[_Worker] = []  # released and replaced; joined on close
        self._closed = False  # once closed (possibly from another thread at exit), no new worker
        _open_pools.add(self)

    def __enter__(self) -> "ExtractionPool":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Stop all workers (killing any that are busy); the pool starts no new ones.

        A ``run`` still going in another thread (an import when the app exits) stops with
        :class:`Cancelled` instead of replacing the workers it finds dead."""
        self._closed = True
        for w in self._workers:
            if w.jobs or not w.used:  # a worker never used may still be loading: no waiting
                w.kill()
            else:
                w.stop()
        for w in self._retired:
            w.stop()
        self._workers.clear()
        self._retired.clear()
        _open_pools.discard(self)

    def start(self, n: Optional[int] = None) -> None:
        """Start up to ``n`` workers now (default: all), so that they are ready (Python and
        the PDF engine loaded, about 0.2 s) by the time the first jobs are known."""
        want = min(self.processes, n if n is not None else self.processes)
        while len(self._workers) < want:
            self._workers.append(self._new_worker())

    def run(self, jobs: Iterable[Job], cancel: Optional[CancelToken] = None,
            on_start: Optional[Callable[[Job], None]] = None,
            release_idle: bool = True,
            on_progress: Optional[Callable[[Job, PageProgress], None]] = None
            ) -> Iterator[tuple[Job, Any]]:
        """Run ``jobs``; yield ``(job, result)`` in completion order. Raises Cancelled.

        Each worker holds up to :data:`QUEUE_DEPTH` jobs, so it starts the next file at
        once while the caller is still busy with the result of the last one. The time limit
        of a job counts from when its worker finished the job before it, and grows with the
        document's page count once the worker has said it (:func:`time_limit`).
        ``on_progress(job, PageProgress)`` is called as a worker reads a document's pages.
        """
        pending = deque(jobs)
        n_workers = min(self.processes, len(pending)) if pending else 0
        while len(self._workers) < n_workers:
            self._workers.append(self._new_worker())
        busy: dict[Connection, _Worker] = {}
        retried: set[int] = set()

        def requeue(w: _Worker) -> None:
            # jobs sent to a worker that is gone but not yet started: back to the front
            while len(w.jobs) > 1:
                pending.appendleft(w.jobs.pop())
            w.jobs.clear()

        try:
            while pending or busy:
                if self._closed or (cancel is not None and cancel.cancelled):
                    raise Cancelled()
                for w in list(self._workers):
                    if w.released:  # it is exiting; a fresh worker takes its place if needed
                        if pending:
                            self._replace(w, kill=False)
                        continue
                    while len(w.jobs) < QUEUE_DEPTH and pending:
                        if not w.proc.is_alive():
                            requeue(w)
                            busy.pop(w.conn, None)
                            self._replace(w)
                            break
                        job = pending.popleft()
                        try:
                            w.conn.send(job)
                        except (BrokenPipeError, OSError):
                            pending.appendleft(job)
                            requeue(w)
                            busy.pop(w.conn, None)
                            self._replace(w)
                            break
                        if not w.jobs:
                            w.started = time.monotonic()
                            w.deadline = w.started + self._limit(job)
                        w.jobs.append(job)
                        w.used = True
                        busy[w.conn] = w
                        if on_start is not None:
                            on_start(job)
                if not busy:
                    continue
                now = time.monotonic()
                wait_for = max(0.0, min(0.25, min(w.deadline for w in busy.values()) - now))
                ready = wait(list(busy.keys()), timeout=wait_for)
                for ready_one in ready:
                    conn = cast(Connection, ready_one)  # wait() returns what it was given
                    owner = busy.get(conn)
                    if owner is None or not owner.jobs:
                        continue
                    w = owner
                    job = w.jobs[0]
                    try:
                        result = conn.recv()
                    except (EOFError, OSError):
                        w.proc.join(timeout=5)
                        code = w.proc.exitcode
                        busy.pop(conn, None)
                        requeue(w)
                        self._replace(w)
                        # The worker may have died for reasons of its own (killed while idle,
                        # the system out of memory): give the file one more try.
                        if id(job) not in retried:
                            retried.add(id(job))
                            if job.task == EXTRACT_TASK and job.engine == "auto":
                                # pdfium has crashed on this file (or hit the memory limit):
                                # the second try reads it with pypdf, which inflates streams
                                # with a cap and survives what crashes pdfium.
                                job.engine = "pypdf"
                            pending.appendleft(job)
                            continue
                        result = JobFailure("failed", _crash_reason(code, self.memory_mb))
                        yield job, result
                        continue
                    if isinstance(result, PageProgress):  # the job goes on
                        job.pages, job.pages_read = result.total, result.done
                        w.deadline = w.started + self._limit(job)
                        if on_progress is not None:
                            on_progress(job, result)
                        continue
                    w.jobs.popleft()
                    if w.jobs:
                        w.started = time.monotonic()
                        w.deadline = w.started + self._limit(w.jobs[0])
                    else:
                        busy.pop(conn, None)
                        if not pending and release_idle:
                            # Nothing left for it: it shuts down (Python and Qt take about
                            # 0.1 s) while the caller deals with the last results.
                            w.release()
                    yield job, result
                now = time.monotonic()
                for conn, w in list(busy.items()):
                    if w.jobs and now > w.deadline:
                        job = w.jobs[0]
                        busy.pop(conn)
                        requeue(w)
                        self._replace(w, kill=True)
                        where = (f" (stopped at page {job.pages_read + 1} of {job.pages})"
                                 if 0 < job.pages_read < job.pages else "")
                        yield job, JobFailure(
                            "failed", f"could not be read within {self._limit(job):.0f} s{where}")
        finally:
            for conn, w in list(busy.items()):
                w.jobs.clear()
                self._replace(w, kill=True, restart=False)

    def _limit(self, job: Job) -> float:
        return time_limit(job.timeout if job.timeout is not None else self.timeout, job.pages)

    def _replace(self, w: _Worker, kill: bool = True, restart: bool = True) -> None:
        if kill:
            w.kill()
        else:
            w.release()
            self._retired.append(w)
        try:
            self._workers.remove(w)
        except ValueError:
            pass
        if restart:
            self._workers.append(self._new_worker())

    def _new_worker(self) -> _Worker:
        if self._closed:
            raise Cancelled()
        return _Worker(self._ctx, self.memory_mb, self.timeout)


# Pools not closed yet; at interpreter exit they are closed (busy workers killed) before
# multiprocessing's own exit hook would wait on them.
_open_pools: "weakref.WeakSet[ExtractionPool]" = weakref.WeakSet()


@atexit.register
def _close_open_pools() -> None:
    for pool in list(_open_pools):
        try:
            pool.close()
        except Exception:  # exiting: nothing useful can be done about a failure here
            pass


def _crash_reason(code: Optional[int], memory_mb: int) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        if name in ("SIGKILL",):
            return f"the PDF reader was stopped (it may have used more than {memory_mb} MB)"
        return f"the PDF reader crashed on this file ({name})"
    return f"the PDF reader stopped unexpectedly (exit code {code})"
