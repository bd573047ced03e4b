"""What the check at open finds is said at once: a stored PDF deleted outside Briefer is
named in the window's status bar and in a note of every command line command."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from briefer.cli import main as cli_main


def _delete_one_stored_pdf(root: Path) -> str:
    db = sqlite3.connect(root / "library.sqlite")
    try:
        sha = db.execute("SELECT sha256 FROM documents ORDER BY id LIMIT 1").fetchone()[0]
    finally:
        db.close()
    (root / "files" / sha[:2] / f"{sha}.pdf").unlink()
    return sha


def test_the_window_says_a_stored_pdf_is_missing_when_it_opens(library_dir, prefs, qtbot):
    from briefer.core.ops.session import Session
    from briefer.ui.context import AppContext
    from briefer.ui.mainwindow import MainWindow
    from briefer.ui.tasks import SyncExecutor, TaskRunner

    _delete_one_stored_pdf(library_dir)
    session = Session.open(library_dir)
    ctx = AppContext(session, tasks=TaskRunner(SyncExecutor()), settings=prefs, poll=False)
    try:
        win = MainWindow(ctx)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: any("missing" in n.text for n in ctx.notices), timeout=30_000)
        said = next(n for n in ctx.notices if "missing" in n.text)
        assert said.where == "status"
        assert "1 stored PDF is missing" in said.text and "Add the original file" in said.text
        win.close()
    finally:
        ctx.stop()
        session.close()


def test_every_command_notes_a_missing_stored_pdf(library_dir, capsys):
    _delete_one_stored_pdf(library_dir)
    assert cli_main(["--library", str(library_dir), "list"]) == 0
    err = capsys.readouterr().err
    assert "note: 1 stored PDF is missing" in err and "briefer check" in err
    assert cli_main(["--library", str(library_dir), "info"]) == 0
    assert capsys.readouterr().out.count("stored PDF is missing") == 1  # said once
