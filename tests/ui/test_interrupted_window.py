"""Interrupted work at the next start of the window (issue 16: "158 files of a killed
import … left without a word"): an import killed with SIGKILL half-way is named in a bar
under the toolbar, with what is left, and "Continue Importing" finishes it.

The kill is real: a subprocess imports a folder, holds at a known point (its progress
callback blocks on stdin after five files, tests/reliability/test_interrupted.py's
driver) and is killed with its workers; then the window opens the library.
"""

from __future__ import annotations

import pytest

from briefer.core.ops import documents as docs_ops
from briefer.core.ops.session import Session
from tests.reliability.helpers import make_pdfs
from tests.reliability.test_interrupted import IMPORT_DRIVER, _run_until_held_then_kill


@pytest.fixture
def killed_import(tmp_path):
    folder = tmp_path / "rules"
    make_pdfs(folder, 12, pages=2)
    lib = tmp_path / "lib"
    _run_until_held_then_kill(IMPORT_DRIVER, str(lib), str(folder), "5")
    return lib


@pytest.mark.slow
def test_a_killed_import_is_named_at_start_and_continued(killed_import, prefs, qtbot):
    from briefer.ui.context import AppContext
    from briefer.ui.mainwindow import MainWindow
    from briefer.ui.tasks import TaskRunner

    session = Session.open(killed_import, samples=False)
    ctx = AppContext(session, tasks=TaskRunner(), settings=prefs, poll=False)
    try:
        before = len(docs_ops.list_documents(session))
        assert before < 12
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        bar = window.interrupted_bar
        qtbot.waitUntil(bar.isVisible, timeout=20000)
        text = bar.label.text()
        assert "An import of 12 files from rules was interrupted" in text, text
        assert f"{12 - before} of 12 files not imported yet" in text, text
        assert bar.resume_button.text() == "Continue Importing"
        with qtbot.waitSignal(window.importFinished, timeout=120000) as done:
            bar.resume_button.click()
        assert not bar.isVisible()
        assert done.args[0].documents_added == 12 - before
        assert len(docs_ops.list_documents(session)) == 12
        assert f"Added {12 - before} documents" in window.statusBar().currentMessage()
    finally:
        ctx.stop()
        session.close()


def test_no_bar_without_interrupted_work(window, qtbot):
    qtbot.waitUntil(lambda: window.interrupted_bar.checked, timeout=20000)
    assert not window.interrupted_bar.isVisible()
    assert window.interrupted_bar.work == []
