"""Drawing a page without letting the PDF take the window's memory.

Why it is built this way: a few MB of PDF can hold a page whose content stream or image
inflates to gigabytes (a "flate bomb"); pdfium decompresses it whole when it parses the
page, and in the window's own process that took it to 4.3 GB. So the reader never parses a
page in its own process until the page has been drawn by a worker process under a memory
limit — the import's own :class:`~briefer.core.files.workers.ExtractionPool`, with one
worker, :data:`MEMORY_MB` of data and :data:`TIMEOUT` seconds per page. The worker sends
the pixels back; a worker that reaches its limit (or crashes, or takes too long) costs
only that page, which the reader then refuses with a message on the page, and whose text
it never asks pdfium for in the window (highlights, selection).

The image itself is bounded too: at most :data:`MAX_PIXELS` pixels (about 100 MB), a
bigger page or zoom is drawn at a lower resolution and stretched (a sharp page at that
size would cost more memory than it is worth).

A document Briefer's import could not read with pdfium (its text came from the other
engine) is first opened by the worker too, before the window's process opens it: the
structure of such a file (its page tree, its object streams) may be what inflates.

One renderer serves every reader of the process; calls are serialised (the pool belongs
to one caller at a time), and its worker ends with the process.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any, Optional

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)

MEMORY_MB = 1024  # a worker drawing one page may use this much; a page needing more is refused
TIMEOUT = 30.0  # seconds to draw one page
MAX_PIXELS = 24_000_000  # ≈ 96 MB as 32-bit pixels
TASK = "briefer.ui.reader.bounded:draw_in_worker"

OPEN_TOO_LARGE = ("This PDF is too large to open safely: reading it needs more than "
                  f"{MEMORY_MB} MB (it may be damaged or built to exhaust memory). Its text "
                  "is still searchable.")
TOO_LARGE = ("This page is too large to show safely: drawing it needs more than "
             f"{MEMORY_MB} MB (the PDF may be damaged or built to exhaust memory). Its text "
             "is still searchable, and other pages can be read.")
TOO_SLOW = ("This page could not be drawn within {seconds:.0f} seconds and is not shown. "
            "Its text is still searchable, and other pages can be read.")
FAILED = ("This page could not be drawn: the PDF reader failed on it (the file may be "
          "damaged). Its text is still searchable, and other pages can be read.")


REFUSED_HINT = ("This page is not shown (it cannot be drawn safely), so nothing on it can be "
                "selected; search still finds its words. Page Down goes on to the next page.")


def bounded_size(size: QSize, max_pixels: int = MAX_PIXELS) -> QSize:
    """``size`` scaled down (keeping its shape) to at most ``max_pixels`` pixels."""
    w, h = max(1, size.width()), max(1, size.height())
    if w * h <= max_pixels:
        return QSize(w, h)
    f = (max_pixels / (w * h)) ** 0.5
    return QSize(max(1, int(w * f)), max(1, int(h * f)))


@dataclass
class Refused:
    """A page the reader does not show, and why (for the page and the status line);
    ``unsafe``: it needed more memory or time than allowed (not merely damaged)."""

    page: int
    message: str
    unsafe: bool = True


# ------------------------------------------------------------------------- the worker side
_worker_docs: dict[str, Any] = {}  # the worker keeps the last document open: pages come in turn


def draw_in_worker(job: Any, deadline: float) -> Any:
    """In the worker process: draw ``job.payload = (page, width, height)`` of the PDF at
    ``job.path``; returns ``(width, height, bytes_per_line, pixels)`` or a string saying
    why not."""
    from PySide6.QtPdf import QPdfDocument

    page, width, height = job.payload
    key = f"{job.path}\0{job.password or ''}"
    doc = _worker_docs.get(key)
    if doc is None:
        for old in _worker_docs.values():
            old.close()
        _worker_docs.clear()
        doc = QPdfDocument()
        if job.password:
            doc.setPassword(job.password)
        err = doc.load(job.path)
        if err != QPdfDocument.Error.None_:
            return f"the PDF could not be opened ({err.name})"
        _worker_docs[key] = doc
    if not 0 <= page < doc.pageCount():
        return f"the PDF has no page {page + 1}"
    image = doc.render(page, QSize(width, height))
    if image.isNull():
        return "pdfium drew nothing"
    image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    return (image.width(), image.height(), image.bytesPerLine(), bytes(image.constBits()))


# ------------------------------------------------------------------------- the window side
class BoundedRenderer:
    """Draws pages in a memory-limited worker process; see the module docstring."""

    def __init__(self, memory_mb: int = MEMORY_MB, timeout: float = TIMEOUT) -> None:
        self.memory_mb = memory_mb
        self.timeout = timeout
        self._lock = threading.Lock()
        self._pool: Any = None

    def _the_pool(self) -> Any:
        if self._pool is None:
            from briefer.core.files.workers import ExtractionPool

            self._pool = ExtractionPool(processes=1, timeout=self.timeout,
                                        memory_mb=self.memory_mb)
        return self._pool

    def warm_up(self) -> None:
        """Start the worker now (a reader that opens a document will soon need it)."""
        with self._lock:
            self._the_pool().start(1)

    def render(self, path: str, password: Optional[str], page: int,
               size: QSize) -> "QImage | Refused":
        """Page ``page`` of ``path`` at (at most) ``size`` pixels, or why it is refused."""
        from briefer.core.files.workers import Job, JobFailure

        size = bounded_size(size)
        job = Job(key=page, path=str(path), password=password, task=TASK,
                  payload=(page, size.width(), size.height()), timeout=self.timeout)
        with self._lock:
            result: Any = None
            for _job, result in self._the_pool().run([job], release_idle=False):
                pass
        if isinstance(result, tuple):
            width, height, per_line, pixels = result
            image = QImage(pixels, width, height, per_line,
                           QImage.Format.Format_ARGB32_Premultiplied)
            return image.copy()  # owns its pixels (the bytes object goes away)
        why = result.reason if isinstance(result, JobFailure) else str(result or "")
        log.warning("page %d of %s not drawn: %s", page + 1, path, why)
        if "within" in why:
            return Refused(page, TOO_SLOW.format(seconds=self.timeout))
        if isinstance(result, JobFailure):
            # the worker reached its memory limit: a MemoryError, killed, or pdfium's own
            # abort when an allocation fails (SIGABRT); another crash: a damaged page
            if "memory" in why or "stopped" in why or "SIGABRT" in why:
                return Refused(page, TOO_LARGE)
            return Refused(page, FAILED, unsafe=False)
        return Refused(page, FAILED, unsafe=False)

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None


def draw_page(path: str, password: Optional[str], page: int, size: QSize) -> "QImage | Refused":
    """A task for the task runner: page ``page`` drawn by the process's renderer."""
    return renderer().render(path, password, page, size)


_shared: Optional[BoundedRenderer] = None
_shared_lock = threading.Lock()


def close_renderer() -> None:
    """End the renderer's worker, if it was started (the window closes)."""
    with _shared_lock:
        if _shared is not None:
            _shared.close()


def renderer() -> BoundedRenderer:
    """The process's one renderer."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = BoundedRenderer()
        return _shared
