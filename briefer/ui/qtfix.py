"""A guard against a reference-count bug of PySide6 6.12 that crashes the interpreter.

Measured here (PySide6 6.12.0, CPython 3.11): every ``SignalInstance.emit()`` called from
Python returns ``True`` without taking a reference to it, so each emit lowers the
reference count of ``True`` by one. ``True`` starts with a few thousand references; a
window that emits progress, heartbeat and model signals for a while drives it to zero and
CPython aborts with "bool_dealloc: deallocating True or False" (first seen at the end of
this package's task-runner tests). CPython 3.12 made ``True`` immortal, which hides it.

:func:`guard_bool_refcount` emits a probe signal once; if the count of ``True`` drops, it
raises the count by 2**40 (a direct write to the object's reference field, which CPython
keeps first in every object), far beyond what any session can emit. Nothing happens
where the bug is absent.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

HEADROOM = 1 << 40
_applied = False


class _Probe(QObject):
    ping = Signal()


def emit_leaks_true() -> bool:
    """Whether ``emit()`` drops a reference to ``True`` in this PySide6 build."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(10):
        probe.ping.emit()
    return sys.getrefcount(True) < before - 5


def guard_bool_refcount() -> bool:
    """Give ``True`` enough references to outlive the leak (once); returns if applied."""
    global _applied
    if _applied or sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return _applied
    if not emit_leaks_true():
        return False
    refcnt = ctypes.c_ssize_t.from_address(id(True))
    refcnt.value += HEADROOM
    _applied = True
    log.info("PySide6 emit() reference leak on True detected; guard applied")
    return True
