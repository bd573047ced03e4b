"""Restore from the window (issue 16): File ▸ Restore from Backup… lists the backups and
puts the chosen one in place, closing the library and opening it again; at start-up a
damaged catalog is named and "Restore Newest Backup…" / "Quit" are offered instead of a
crash or a new, empty library.

Why it is built this way: restoring needs the library closed, so it happens in
``briefer.ui.app.run`` between two windows; the test runs that very function in a
subprocess (as tests/ui/test_close_during_import.py does) with a small driver that clicks
through the dialogs by their titles and buttons, prints what it saw, and closes the
reopened window. The library is real: one document, a backup, then a second document
added after the backup (so the restored library has one).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefer.core.ops import documents as docs_ops
from briefer.core.ops import maintenance
from briefer.core.ops.session import Session
from tests import pdfgen

REPO = Path(__file__).resolve().parents[2]

DRIVER = """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    from briefer.core.ops import documents
    from briefer.ui import app
    from briefer.ui.dialogs.restore import RestoreDialog
    from briefer.ui.mainwindow import MainWindow

    library, mode = Path(sys.argv[1]), sys.argv[2]
    qapp = app.make_application()
    seen = set()

    def once(key, obj):
        # marked on the object itself: an id() can come back for a later object
        if getattr(obj, "_driver_seen", False):
            return False
        obj._driver_seen = True
        return True

    def tick():
        for w in QApplication.topLevelWidgets():
            if not w.isVisible():
                continue
            if isinstance(w, MainWindow) and once("window", w):
                count = len(documents.list_documents(w.ctx.session))
                print("window", count, flush=True)
                if mode == "window" and w.pending_restore is None and "restored" not in seen:
                    w.actions_by_name["restore_backup"].trigger()
                else:
                    QTimer.singleShot(0, w.close)
            elif isinstance(w, RestoreDialog) and once("dialog", w):
                rows = [w.list.topLevelItem(i) for i in range(w.list.topLevelItemCount())]
                print("backups", len(rows), rows[0].text(1) if rows else "", flush=True)
                w.accept()
            elif isinstance(w, QMessageBox) and once("box", w):
                if w.objectName() == "catalog-damaged":
                    print("damaged", w.text().replace("\\n", " "), flush=True)
                    wanted = "Restore Newest Backup…" if mode == "damaged" else "Quit"
                    [b for b in w.buttons() if b.text() == wanted][0].click()
                elif w.objectName() == "restore-done":
                    seen.add("restored")
                    print("restored", w.text().replace("\\n", " "), flush=True)
                    w.button(QMessageBox.StandardButton.Ok).click()
                else:
                    print("box", w.windowTitle(), w.text().replace("\\n", " "), flush=True)
                    w.done(0)

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(50)
    code = app.run(library=library)
    print("exited", code, flush=True)
    sys.exit(code)
"""


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """One document, a backup, then a second document added after the backup."""
    root = tmp_path / "lib"
    first = pdfgen.make_text_pdf(tmp_path / "in" / "first.pdf",
                                 ["The first rule on proportionality."]).path
    second = pdfgen.make_text_pdf(tmp_path / "in" / "second.pdf",
                                  ["A second rule, added after the backup."]).path
    session = Session.open(root, samples=False)
    try:
        docs_ops.add_files(session, [first], ocr=False, processes=1)
        maintenance.backup_now(session)
        docs_ops.add_files(session, [second], ocr=False, processes=1)
        assert len(docs_ops.list_documents(session)) == 2
    finally:
        session.close()
    return root


def _run(tmp_path: Path, library: Path, mode: str) -> tuple[list[str], str, int]:
    home = tmp_path / "home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO),
               HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / "config"))
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(DRIVER), str(library), mode],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
    return proc.stdout.splitlines(), proc.stderr, proc.returncode


@pytest.mark.slow
def test_restore_from_backup_in_the_window_restores_and_reopens(tmp_path, library):
    lines, err, code = _run(tmp_path, library, "window")
    assert lines[0] == "window 2", (lines, err)
    assert lines[1].startswith("backups 1 "), (lines, err)  # its date and size shown
    assert lines[1].endswith("KB"), lines
    assert lines[2].startswith("restored ") and "1 document" in lines[2], (lines, err)
    assert "moved to" in lines[2], lines  # the PDF added after the backup was kept aside
    assert lines[3] == "window 1", (lines, err)  # the library reopened, as restored
    assert lines[-1] == "exited 0" and code == 0, (lines, err)
    session = Session.open(library, samples=False)
    try:
        assert [r.document.title for r in docs_ops.list_documents(session)] != []
        assert len(docs_ops.list_documents(session)) == 1
    finally:
        session.close()


def _damage(library: Path, how: str = "scribbled") -> None:
    catalog = library / "library.sqlite"
    if how == "deleted":
        catalog.unlink()
    elif how == "empty":
        catalog.write_bytes(b"")
    else:
        data = bytearray(catalog.read_bytes())
        data[100:4000] = b"x" * 3900
        catalog.write_bytes(bytes(data))


@pytest.mark.slow
@pytest.mark.parametrize("how", ["scribbled", "empty", "deleted"])
def test_a_damaged_catalog_at_start_offers_the_newest_backup(tmp_path, library, how):
    _damage(library, how)
    files_before = sorted(p.name for p in (library / "files").iterdir())
    lines, err, code = _run(tmp_path, library, "damaged")
    assert lines[0].startswith("damaged "), (lines, err)
    assert "Nothing" in lines[0] or "damaged" in lines[0][8:], lines  # the core's words
    assert lines[1].startswith("backups 1 "), (lines, err)
    assert lines[2].startswith("restored "), (lines, err)
    assert lines[3] == "window 1", (lines, err)
    assert lines[-1] == "exited 0" and code == 0, (lines, err)
    kept = {p.name for p in (library / "files").iterdir()} | {
        p.name for d in library.glob("recovered-*") for p in d.iterdir()}
    assert len(kept) >= len(files_before)  # no stored PDF was deleted


@pytest.mark.slow
def test_quitting_at_the_damaged_catalog_changes_nothing(tmp_path, library):
    _damage(library)
    before = (library / "library.sqlite").read_bytes()
    files_before = sorted(p.name for p in (library / "files").iterdir())
    lines, err, code = _run(tmp_path, library, "quit")
    assert lines[0].startswith("damaged "), (lines, err)
    assert lines[-1] == "exited 3" and code == 3, (lines, err)
    assert not any(line.startswith("window") for line in lines), lines  # no new library
    assert (library / "library.sqlite").read_bytes() == before
    assert sorted(p.name for p in (library / "files").iterdir()) == files_before


def test_restore_in_a_read_only_window_says_why_and_keeps_the_window(window, monkeypatch):
    """Another Briefer writes: restoring would be refused after the window closed, so the
    window says why first and stays open."""
    monkeypatch.setattr(window.ctx.session, "readonly", True, raising=False)
    monkeypatch.setattr(window.ctx.session, "readonly_reason",
                        "another Briefer process is writing to this library", raising=False)
    window.actions_by_name["restore_backup"].trigger()
    notice = window.ctx.notices[-1]
    assert "cannot be restored now" in notice.text and "another Briefer process" in notice.text
    assert window.isVisible() and window.pending_restore is None
