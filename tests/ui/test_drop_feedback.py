"""While files are dragged over the window it says where they will go (issue 18): an
overlay "Drop to add 3 PDFs to the library" on drag enter, gone on leave and on drop;
files that are not PDFs are named as left out; a read-only library says nothing can be
added. Real drag events are sent to the real window."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from briefer.ui.drop_overlay import drop_words

# Qt 6 has no other constructor for the drag events than the one PySide calls deprecated
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _mime(paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _enter(window, mime) -> QDragEnterEvent:
    event = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    return event


def _files(tmp_path: Path, names) -> list[Path]:
    out = []
    for name in names:
        p = tmp_path / name
        p.write_bytes(b"%PDF-1.4\n%%EOF\n" if name.endswith(".pdf") else b"x")
        out.append(p)
    return out


def test_overlay_says_where_a_drag_goes_and_goes_on_leave(window, qtbot, tmp_path) -> None:
    overlay = window.drop_overlay
    assert not overlay.isVisible()
    mime = _mime(_files(tmp_path, ["a.pdf", "b.pdf", "c.PDF", "notes.txt"]))
    event = _enter(window, mime)
    assert event.isAccepted()
    assert overlay.isVisible()
    assert overlay.text.startswith("Drop to add 3 PDFs to the library")
    assert "1 other file is not a PDF" in overlay.text
    assert overlay.geometry() == window.rect()
    move = QDragMoveEvent(QPoint(300, 300), Qt.DropAction.CopyAction, mime,
                          Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, move)
    assert move.isAccepted() and overlay.isVisible()
    window.grab().save(str(Path(os.environ.get("BRIEFER_SHOT_DIR", tmp_path)) / "overlay.png"))
    QApplication.sendEvent(window, QDragLeaveEvent())
    assert not overlay.isVisible()


def test_overlay_goes_on_drop(window, qtbot, tmp_path, monkeypatch) -> None:
    added: list = []
    monkeypatch.setattr(window, "add_paths", lambda paths, *a, **k: added.append(paths))
    folder = tmp_path / "rules"
    folder.mkdir()
    mime = _mime([folder])
    _enter(window, mime)
    assert window.drop_overlay.isVisible()
    assert "the folder “rules”" in window.drop_overlay.text
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert not window.drop_overlay.isVisible()
    assert added == [[folder]]


def test_other_drags_show_nothing(window, tmp_path) -> None:
    event = _enter(window, _mime(_files(tmp_path, ["a.txt"])))
    assert not event.isAccepted()
    assert not window.drop_overlay.isVisible()


def test_drop_words(tmp_path) -> None:
    a, b = _files(tmp_path, ["a.pdf", "b.pdf"])
    assert drop_words([a]) == "Drop to add this PDF to the library"
    assert drop_words([a, b]) == "Drop to add 2 PDFs to the library"
    (tmp_path / "d1").mkdir()
    (tmp_path / "d2").mkdir()
    assert drop_words([a, tmp_path / "d1"]) == \
        "Drop to add 1 PDF and the folder “d1” to the library (every PDF in them)"
    assert drop_words([tmp_path / "d1", tmp_path / "d2"]) == \
        "Drop to add 2 folders to the library (every PDF in them)"
    assert "read-only" in drop_words([a], readonly=True)
