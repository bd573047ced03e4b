"""The window says in its status bar when search runs on its slow path (a Whoosh the fast
engine does not know), with what it costs; and nothing about it on the fast path."""

from __future__ import annotations

from briefer.core.index.index import SLOW_P50


def _window(qtbot, library_dir, prefs):
    from briefer.core.ops.session import Session
    from briefer.ui.context import AppContext
    from briefer.ui.mainwindow import MainWindow
    from briefer.ui.tasks import SyncExecutor, TaskRunner

    session = Session.open(library_dir)
    ctx = AppContext(session, tasks=TaskRunner(SyncExecutor()), settings=prefs, poll=False)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, ctx, session


def test_the_status_bar_says_the_slow_path_and_its_cost(qtbot, library_dir, prefs):
    from tests.core.engines import whoosh_unknown_to_the_fast_engine

    with whoosh_unknown_to_the_fast_engine():
        window, ctx, session = _window(qtbot, library_dir, prefs)
    try:
        qtbot.waitUntil(lambda: "slow path" in window.statusBar().currentMessage())
        text = window.statusBar().currentMessage()
        assert f"about {SLOW_P50} times slower" in text and "Whoosh" in text
        assert any("slow path" in n.text for n in ctx.notices if n.where == "status")
    finally:
        ctx.stop()
        window.close()
        session.close()


def test_nothing_is_said_on_the_fast_path(qtbot, library_dir, prefs):
    window, ctx, session = _window(qtbot, library_dir, prefs)
    try:
        window.say_open_notes()  # what the window says once it opened, said now
        assert "slow path" not in window.statusBar().currentMessage()
        assert not any("slow path" in n.text for n in ctx.notices)
    finally:
        ctx.stop()
        window.close()
        session.close()
