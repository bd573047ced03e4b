"""Quitting asks when typed work is not saved (issue 16): Ctrl+Q first stores what the
brief editor holds (``BriefPanel.save_pending``); what the library refused to store
(``unsaved_work``) is named in "Quit without saving …?", whose default is Cancel.

Driven through the real window and its real brief panel: the commentary is typed with
pytest-qt while the library refuses writes (as when another Briefer writes), and the
question is answered by a timer that finds the box (it is modal, the close waits on it).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from briefer.core.library.errors import LibraryBusy
from briefer.core.ops import briefs as ops_briefs
from tests.ui.test_brief_panel import _selection


def _commentary(window):
    """A brief with a quote and the commentary "Start." selected in the editor."""
    panel, session = window.brief, window.ctx.session
    panel.quote_selection(_selection(session, "blocking"))
    brief_id = panel.current_brief_id()
    section = ops_briefs.get_brief(session, brief_id).sections[0]
    text = ops_briefs.add_commentary(session, brief_id, section.id, "Start.").item_id
    window.ctx.notify()
    panel._select("text", text)
    return brief_id, text


def _answer(button_text: str, seen: list[str]) -> QTimer:
    """A timer that answers the quit question with the button named ``button_text``."""
    def look():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible() and w.objectName() == "quit-unsaved":
                seen.append(w.text())
                seen.append(w.defaultButton().text())
                [b for b in w.buttons() if b.text() == button_text][0].click()

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(20)
    return timer


def _type_refused(window, qtbot, monkeypatch, words):
    ed = window.brief.editor

    def refuse():
        raise LibraryBusy("the library is open read-only because another Briefer process is "
                          "writing to it", reason="library_busy")

    monkeypatch.setattr(window.ctx.session, "require_writable", refuse)
    ed.body.setFocus()
    ed.body.moveCursor(ed.body.textCursor().MoveOperation.End)
    with qtbot.waitSignal(ed.refused, timeout=10000):
        qtbot.keyClicks(ed.body, words)


def test_quitting_with_refused_work_asks_and_cancel_keeps_the_window(window, qtbot,
                                                                      monkeypatch):
    brief_id, text = _commentary(window)
    _type_refused(window, qtbot, monkeypatch, " Not stored yet.")
    seen: list[str] = []
    timer = _answer("Cancel", seen)
    window.actions_by_name["quit"].trigger()  # Ctrl+Q
    timer.stop()
    assert seen, "the quit question was not asked"
    assert "Quit without saving this edit?" in seen[0]
    assert "commentary “Start.” in “Quotes”" in seen[0], seen[0]
    assert seen[1] == "Cancel"  # the default
    assert window.isVisible()  # Cancel: the window stays, the text with it
    assert window.brief.editor.body.toPlainText() == "Start. Not stored yet."
    monkeypatch.undo()  # the library can be written again: the close stores it
    window.close()
    assert not window.isVisible()
    item = ops_briefs.get_brief(window.ctx.session, brief_id).item(text)[1]
    assert item.body == "Start. Not stored yet."


def test_quit_without_saving_closes(window, qtbot, monkeypatch):
    _commentary(window)
    _type_refused(window, qtbot, monkeypatch, " Dropped.")
    seen: list[str] = []
    timer = _answer("Quit Without Saving", seen)
    window.actions_by_name["quit"].trigger()
    timer.stop()
    assert seen and not window.isVisible()


def test_quitting_stores_what_was_typed_before_its_autosave(window, qtbot):
    """Typed a moment ago (the autosave has not run): Ctrl+Q stores it and asks nothing."""
    brief_id, text = _commentary(window)
    ed = window.brief.editor
    ed.body.setFocus()
    ed.body.moveCursor(ed.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(ed.body, " Typed last.")
    seen: list[str] = []
    timer = _answer("Cancel", seen)
    window.actions_by_name["quit"].trigger()
    timer.stop()
    assert not seen and not window.isVisible()
    item = ops_briefs.get_brief(window.ctx.session, brief_id).item(text)[1]
    assert item.body == "Start. Typed last."
