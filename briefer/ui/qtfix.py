"""A guard against reference-count bugs of PySide6 6.12 that crash the interpreter.

Measured here (PySide6 6.12.0, CPython 3.11):

* every ``SignalInstance.emit()`` called from Python returns ``True`` without taking a
  reference to it, so each emit lowers the reference count of ``True`` by one;
* every call of a Qt method that returns nothing (``update()``, ``setText()``,
  ``processEvents()``, ``QTimer.start()`` …) does the same to ``None``.

``None`` and ``True`` start with some thousands of references; a window that paints,
polls and reports progress makes that many calls within minutes, and CPython then aborts
with "none_dealloc: deallocating None" or "bool_dealloc: deallocating True or False"
(first seen at the end of this package's tests). CPython 3.12 made these objects immortal,
which hides the bug there.

:func:`guard_singleton_refcounts` measures both leaks once; for each object that leaks it
raises the reference count by 2**40 (a direct write to the object's reference field, which
CPython keeps first in every object) — more than any session can call. Nothing happens
where the bugs are absent.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

HEADROOM = 1 << 40
_guarded: set[str] = set()


class _Probe(QObject):
    ping = Signal()


def leaking_singletons() -> list[object]:
    """The singletons (``None``, ``True``) whose count PySide lowers in this build."""
    probe = _Probe()
    out: list[object] = []
    before = sys.getrefcount(True)
    for _ in range(10):
        probe.ping.emit()
    if sys.getrefcount(True) < before - 5:
        out.append(True)
    before = sys.getrefcount(None)
    for _ in range(10):
        probe.setObjectName("probe")  # returns nothing
    if sys.getrefcount(None) < before - 5:
        out.append(None)
    return out


def guard_singleton_refcounts() -> list[str]:
    """Give each leaking singleton enough references for any session (once per process);
    returns the names of the guarded objects."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return []
    for obj in leaking_singletons():
        name = repr(obj)
        if name in _guarded:
            continue
        targets = (True, False) if obj is True else (obj,)
        for target in targets:
            ctypes.c_ssize_t.from_address(id(target)).value += HEADROOM
        _guarded.add(name)
        log.info("PySide6 reference leak on %s detected; guard applied", name)
    return sorted(_guarded)


# The name used before the None leak was found.
guard_bool_refcount = guard_singleton_refcounts
