"""Progress reporting and cancellation: the plain protocol every long core function takes.

A core function accepts ``progress: ProgressCallback | None`` and ``cancel: CancelToken |
None``. It calls ``progress(Progress(...))`` now and then and calls ``cancel.raise_if_cancelled()``
(or checks ``cancel.cancelled``) between units of work. The command line turns the callback
into a text progress bar and SIGINT into ``cancel.cancel()``; the desktop UI adapts both to
Qt signals on the GUI thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable, Optional


class Cancelled(Exception):
    """Raised by :meth:`CancelToken.raise_if_cancelled` once cancellation was requested."""


class CancelToken:
    """A thread-safe flag that a caller sets and a long-running core function polls."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Request cancellation. Safe to call from any thread or a signal handler."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        """Raise :class:`Cancelled` if cancellation was requested."""
        if self._event.is_set():
            raise Cancelled()

    def wait(self, timeout: float) -> bool:
        """Sleep up to ``timeout`` seconds, waking early on cancellation; return cancelled."""
        return self._event.wait(timeout)


@dataclass(frozen=True)
class Progress:
    """A snapshot of progress: ``done`` of ``total`` units (``total`` 0 = unknown)."""

    done: int
    total: int
    message: str = ""
    item: str = ""

    @property
    def fraction(self) -> Optional[float]:
        """Completed fraction in [0, 1], or None when the total is unknown."""
        if self.total <= 0:
            return None
        return min(1.0, max(0.0, self.done / self.total))


ProgressCallback = Callable[[Progress], None]


def report(callback: Optional[ProgressCallback], done: int, total: int,
           message: str = "", item: str = "") -> None:
    """Call ``callback`` if given; a convenience for core functions."""
    if callback is not None:
        callback(Progress(done, total, message, item))


def check(cancel: Optional[CancelToken]) -> None:
    """Raise :class:`Cancelled` when ``cancel`` is set; no-op for ``None``."""
    if cancel is not None:
        cancel.raise_if_cancelled()
