"""A worker process dies with the process that started it.

Workers are ``spawn`` processes that may sit in pdfium or Tesseract for a minute. When the
app is killed (SIGKILL, a crash, the window closed by the desktop's task manager) nothing
in the parent runs, so the workers must notice by themselves:

* on Linux the kernel does it: ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` kills the worker the
  moment its parent goes. (The kernel ties this to the parent *thread* that started the
  worker: a pool must be used and closed by one thread, which is how the core uses it.)
* everywhere, a watcher thread in the worker checks every second that its parent is still
  the one that started it (``os.getppid`` changes when an orphan is adopted) and ends the
  process if not; an idle worker also sees end-of-file on its pipe and returns.

:func:`kill_with_parent` is also used as the ``preexec_fn`` of programs a worker starts
(Tesseract), so they do not outlive a killed worker either.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from typing import Optional

_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 1.0


def kill_with_parent() -> bool:
    """Ask the kernel to SIGKILL this process when its parent ends (Linux only).

    Returns whether the request was accepted. Safe to call between fork and exec."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        # the running program's own symbols include libc's (find_library would start
        # ldconfig, a program a PDF worker has no business starting)
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int) -> None:
    while True:
        if os.getppid() != parent_pid:
            os._exit(1)  # the parent is gone: nothing is waiting for this work any more
        time.sleep(_POLL_SECONDS)


def bind_to_parent(parent_pid: Optional[int]) -> None:
    """Make this (worker) process end when ``parent_pid`` ends: the kernel's death signal
    where available, and a watcher thread everywhere. Exits at once when the parent is
    already gone (it may have died before the death signal was set)."""
    kill_with_parent()
    if parent_pid is None:
        return
    if os.getppid() != parent_pid:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="briefer-lifeline",
                     daemon=True).start()
