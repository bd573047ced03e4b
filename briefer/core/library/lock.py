"""The writer lock: one process writes to a library at a time; readers never wait.

``library.lock`` is held with an advisory lock the OS releases if the process dies. Its
holder is a whole process: a :class:`~briefer.core.ops.session.Session` shares it
between the threads and sessions of one process, and :func:`exclusive_access` takes it
without opening the library (to put a backup in place).
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from briefer.core.fsutil import private_opener
from briefer.core.library.errors import LibraryBusy, LibraryError, storage_problem, storage_reason


class WriterLock:
    """An exclusive advisory lock on ``library.lock`` (released by the OS if we die).

    ``flock`` locks belong to an open file, so a second handle in the same process would
    be refused as if it were another program: the paths this process holds are kept in
    :data:`_HELD_HERE`, and :attr:`same_process` tells the two cases apart.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._f: Any = None
        self.same_process = False

    def acquire(self) -> bool:
        key = str(self.path.resolve())
        with _HELD_GUARD:
            if key in _HELD_HERE:
                self.same_process = True
                return False
            if not self._acquire_file():
                return False
            _HELD_HERE.add(key)
            self._key = key
        return True

    def _acquire_file(self) -> bool:
        self._f = open(self.path, "a+", opener=private_opener)  # 0600: nothing to share
        try:
            import fcntl

            fcntl.flock(self._f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # Windows
            try:
                import msvcrt

                msvcrt.locking(self._f.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            except OSError:
                self._f.close()
                self._f = None
                return False
        except OSError:
            self._f.close()
            self._f = None
            return False
        self._f.seek(0)
        self._f.truncate()
        self._f.write(str(os.getpid()))
        self._f.flush()
        return True

    def holder(self) -> str:
        try:
            return self.path.read_text().strip()
        except OSError:
            return ""

    def busy_message(self, root: Path) -> str:
        """Why the lock was refused, in plain words."""
        if self.same_process:
            return (f"the library {root} is already open for writing in this program; "
                    "use that session (it can be shared between threads)")
        who = self.holder()
        return (f"the library {root} is in use by another Briefer process"
                + (f" (pid {who})" if who else "") + "; close it and try again")

    def release(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None
            with _HELD_GUARD:
                _HELD_HERE.discard(getattr(self, "_key", ""))


# Library folders whose writer lock this process holds (see WriterLock).
_HELD_HERE: set[str] = set()
_HELD_GUARD = threading.Lock()


@contextmanager
def exclusive_access(root: Path) -> Iterator[None]:
    """Hold the library's writer lock without opening it (to replace its catalog).

    Raises :class:`LibraryBusy` when a process (this one included) has it open for
    writing, :class:`LibraryError` when the folder cannot be used.
    """
    lock = WriterLock(Path(root) / "library.lock")
    try:
        locked = lock.acquire()
    except OSError as exc:
        why = storage_problem(exc)
        raise LibraryError(f"cannot use the library folder {root}: {why or exc.strerror}",
                           reason=storage_reason(why or "")) from None
    if not locked:
        raise LibraryBusy(lock.busy_message(Path(root)))
    try:
        yield
    finally:
        lock.release()
