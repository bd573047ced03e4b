"""The guard against PySide's emit() reference leak keeps True alive through many emits."""

import sys

from briefer.ui.qtfix import _Probe, guard_bool_refcount


def test_many_emits_do_not_exhaust_true(qapp):
    guard_bool_refcount()
    probe = _Probe()
    start = sys.getrefcount(True)
    for _ in range(20000):
        probe.ping.emit()
    assert sys.getrefcount(True) > 1000  # would have crashed long before without the guard
