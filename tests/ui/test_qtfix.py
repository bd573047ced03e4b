"""The guard against PySide's reference leaks keeps None and True alive through many
emits and void calls."""

import sys

from PySide6.QtWidgets import QLabel

from briefer.ui.qtfix import _Probe, guard_singleton_refcounts


def test_many_emits_and_void_calls_do_not_exhaust_singletons(qapp):
    guard_singleton_refcounts()
    probe = _Probe()
    label = QLabel()
    for _ in range(30000):
        probe.ping.emit()
        label.setText("x")
        label.update()
    # Without the guard the interpreter aborts long before (None had ~30k references).
    assert sys.getrefcount(True) > 1000 and sys.getrefcount(None) > 1000
