"""Typed work lands or the user knows (issue 16): the brief editor saves every field as it
is typed, a save landing mid-typing never moves the cursor or loses characters, a refused
save keeps the text and says it is not saved, and the panel tells the window what is not
stored (``save_pending`` / ``unsaved_work``)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

from tests.ui.conftest import shown  # noqa: E402
from briefer.core.ops import briefs as ops_briefs  # noqa: E402
from briefer.ui.brief import BriefPanel  # noqa: E402
from tests.ui.test_brief_panel import _selection  # noqa: E402


@pytest.fixture
def panel(qtbot, ctx):
    return shown(qtbot, BriefPanel(ctx), 420, 700)


def _texts(session, brief_id):
    return [i for _s, i in ops_briefs.get_brief(session, brief_id).items() if i.kind == "text"]


def test_new_commentary_typed_across_a_save_keeps_its_order(panel, session, qtbot) -> None:
    """Type, Enter, the autosave lands, type more: the text reads in the order typed."""
    panel.quote_selection(_selection(session, "blocking"))
    brief_id = panel.current_brief_id()
    panel.add_commentary()
    ed = panel.editor
    ed.body.setFocus()
    qtbot.keyClicks(ed.body, "AAA first sentence.")
    qtbot.keyClick(ed.body, Qt.Key.Key_Return)
    with qtbot.waitSignal(panel.undo_stack.indexChanged, timeout=10000):
        pass  # the pause: the autosave lands (one step on the undo stack)
    assert [t.body for t in _texts(session, brief_id)] == ["AAA first sentence.\n"]
    qtbot.keyClicks(ed.body, "BBB typed after a pause.")
    assert ed.body.toPlainText() == "AAA first sentence.\nBBB typed after a pause."
    assert ed.body.textCursor().position() == len(ed.body.toPlainText())


def test_existing_commentary_refresh_mid_typing_keeps_cursor(panel, session, qtbot) -> None:
    """A save of existing commentary, then the library's change notice, while typing."""
    panel.quote_selection(_selection(session, "blocking"))
    brief_id = panel.current_brief_id()
    section = ops_briefs.get_brief(session, brief_id).sections[0]
    text = ops_briefs.add_commentary(session, brief_id, section.id, "Start.")
    panel.ctx.notify()
    panel._select("text", text.item_id)
    ed = panel.editor
    ed.body.setFocus()
    ed.body.moveCursor(ed.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(ed.body, " More")
    with qtbot.waitSignal(panel.undo_stack.indexChanged, timeout=10000):
        pass
    panel.ctx.notify()
    qtbot.keyClicks(ed.body, " and more.")
    assert ed.body.toPlainText() == "Start. More and more."
    assert ed.body.textCursor().position() == len("Start. More and more.")


def _quote_and_commentary(panel, session):
    """A brief with one quote and one commentary; the ids (quote, text, section)."""
    quote = panel.quote_selection(_selection(session, "blocking"))
    brief_id = panel.current_brief_id()
    section = ops_briefs.get_brief(session, brief_id).sections[0]
    text = ops_briefs.add_commentary(session, brief_id, section.id, "Start.").item_id
    panel.ctx.notify()
    return quote, text, section.id


def test_every_field_saves_after_a_pause_without_enter(panel, session, qtbot) -> None:
    quote, text, section_id = _quote_and_commentary(panel, session)
    brief_id = panel.current_brief_id()
    ed = panel.editor

    def typed(widget, words):
        widget.setFocus()
        with qtbot.waitSignal(panel.undo_stack.indexChanged, timeout=10000):  # a pause
            qtbot.keyClicks(widget, words)

    panel._select("section", section_id)
    ed.heading.end(False)
    typed(ed.heading, " and more")
    assert ops_briefs.get_brief(session, brief_id).sections[0].heading == "Quotes and more"
    panel._select("quote", quote)
    for widget, words in ((ed.lead_in, "The Rules say"), (ed.comment, "Which matters."),
                          (ed.locator, "Rule 9"), (ed.note, "check this")):
        typed(widget, words)
    brief = ops_briefs.get_brief(session, brief_id)
    item = brief.item(quote)[1]
    clip = ops_briefs.brief_clips(session, brief)[item.clip_id]
    assert (item.lead_in, item.comment, clip.locator_user, clip.note) == (
        "The Rules say", "Which matters.", "Rule 9", "check this")
    panel._select("text", text)
    ed.body.moveCursor(ed.body.textCursor().MoveOperation.End)
    typed(ed.body, " Then.")
    assert ops_briefs.get_brief(session, brief_id).item(text)[1].body == "Start. Then."
    assert ed.state() == "saved" and "Saved" in ed.status.text()
    assert panel.unsaved_work() == []


def test_save_pending_stores_what_is_typed_now(panel, session, qtbot) -> None:
    _quote, text, _s = _quote_and_commentary(panel, session)
    brief_id = panel.current_brief_id()
    panel._select("text", text)
    ed = panel.editor
    ed.body.setFocus()
    ed.body.moveCursor(ed.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(ed.body, " Typed just before quitting.")
    assert ed.state() == "pending" and "pause" in ed.status.text()
    assert panel.unsaved_work() == ["commentary “Start.” in “Quotes”"]
    assert panel.save_pending() is True
    assert ops_briefs.get_brief(session, brief_id).item(text)[1].body == (
        "Start. Typed just before quitting.")
    assert panel.unsaved_work() == []


def _reasons(panel):
    return [n.reason for n in panel.ctx.notices if n.reason]


def _refuse_writes(monkeypatch, session, exc):
    """Every write of ``session`` refused with ``exc`` until the returned undo is called."""
    def refuse():
        raise exc

    monkeypatch.setattr(session, "require_writable", refuse)
    return lambda: monkeypatch.undo()


def test_a_refused_save_keeps_the_text_and_says_so(panel, session, qtbot, monkeypatch) -> None:
    """The library turns read-only (another Briefer writes): the typed text stays in the
    editor marked "Not saved", survives leaving the item, is listed as unsaved work, and
    is saved by the next attempt once the library can be written."""
    from briefer.core.library.errors import LibraryBusy

    quote, text, _s = _quote_and_commentary(panel, session)
    brief_id = panel.current_brief_id()
    panel._select("text", text)
    ed = panel.editor
    allow = _refuse_writes(monkeypatch, session, LibraryBusy(
        "the library is open read-only because another Briefer process is writing to it",
        reason="library_busy"))
    ed.body.setFocus()
    ed.body.moveCursor(ed.body.textCursor().MoveOperation.End)
    with qtbot.waitSignal(ed.refused, timeout=10000):
        qtbot.keyClicks(ed.body, " Not stored yet.")
    assert ed.body.toPlainText() == "Start. Not stored yet."
    assert ed.state() == "unsaved"
    assert "Not saved — the library is read-only (another Briefer is writing)" in ed.status.text()
    assert "saved with your next edit" in ed.status.text()
    assert _reasons(panel) == ["library_busy"]  # told once
    qtbot.keyClicks(ed.body, " Still typing.")
    assert ed.save() is False  # Ctrl+Enter: refused again, not told again
    assert _reasons(panel) == ["library_busy"]
    assert ed.body.toPlainText() == "Start. Not stored yet. Still typing."
    assert panel.unsaved_work() == ["commentary “Start.” in “Quotes”"]
    assert panel.save_pending() is False
    # leaving the item keeps its edit aside; coming back shows it again
    panel._select("quote", quote)
    assert ed.state() == "unsaved" and "Not saved" in ed.status.text()
    assert panel.unsaved_work() == ["commentary “Start.” in “Quotes”"]
    panel._select("text", text)
    assert ed.body.toPlainText() == "Start. Not stored yet. Still typing."
    assert ops_briefs.get_brief(session, brief_id).item(text)[1].body == "Start."
    allow()
    assert panel.save_pending() is True
    assert ops_briefs.get_brief(session, brief_id).item(text)[1].body == (
        "Start. Not stored yet. Still typing.")
    assert ed.state() == "saved" and "Not saved" not in ed.status.text()
    assert panel.unsaved_work() == []


def test_a_full_disk_keeps_a_heading_unsaved_and_marked(panel, session, qtbot,
                                                        monkeypatch) -> None:
    """SQLite says the disk is full while a heading is saved: nothing is stored, the
    heading stays as typed, marked "Not saved — the disk is full", listed as unsaved."""
    import sqlite3

    from briefer.core.briefs import store as store_mod

    _quote, _text, section_id = _quote_and_commentary(panel, session)
    brief_id = panel.current_brief_id()
    panel._select("section", section_id)
    ed = panel.editor

    def full(*_a, **_k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store_mod.BriefStore, "rename_section", full)
    ed.heading.setFocus()
    ed.heading.selectAll()
    with qtbot.waitSignal(ed.refused, timeout=10000):
        qtbot.keyClicks(ed.heading, "Background")
    assert ed.heading.text() == "Background"
    assert "Not saved — the disk is full" in ed.status.text()
    assert _reasons(panel) == ["disk_full"]
    assert panel.unsaved_work() == ["the heading of section “Quotes”"]
    assert ops_briefs.get_brief(session, brief_id).sections[0].heading == "Quotes"
    monkeypatch.undo()  # space again
    qtbot.keyClick(ed.heading, Qt.Key.Key_Return)
    assert ops_briefs.get_brief(session, brief_id).sections[0].heading == "Background"
    assert ed.state() == "saved" and panel.unsaved_work() == []


WRITER = """
import sys
from briefer.core.ops import briefs
from briefer.core.ops.session import Session
s = Session.open(sys.argv[1])
made = briefs.create_brief(s, "Brief", sections=["Background"])
text = briefs.add_commentary(s, made.brief_id, made.section_ids[0], "Written there.")
print(made.brief_id, text.item_id, flush=True)
sys.stdin.read()  # holds the library until the test closes its input
s.close()
"""


def test_a_read_only_window_says_so_up_front(library_dir, prefs, qtbot) -> None:
    """Another Briefer writes (a second process holds the library): this window opens
    read-only, and its brief editor's fields cannot be typed into and say why."""
    import subprocess
    import sys

    from briefer.core.ops.session import Session
    from tests.ui.conftest import _context

    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(library_dir)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        brief_id, item_id = map(int, writer.stdout.readline().split())  # it holds the lock
        reader = Session.open(library_dir, readonly_if_busy=True)
        ctx = _context(reader, prefs, threaded=False)
        try:
            assert reader.readonly
            panel = shown(qtbot, BriefPanel(ctx), 420, 700)
            panel.set_current_brief(brief_id)
            panel._select("text", item_id)
            ed = panel.editor
            assert ed.currentWidget() is ed.text_page
            assert ed.body.isReadOnly() and ed.heading.isReadOnly() and ed.lead_in.isReadOnly()
            assert ed.state() == "readonly"
            assert "another Briefer is writing to this library" in ed.status.text()
            assert "cannot be saved" in ed.status.text()
            qtbot.keyClicks(ed.body, "typed")
            assert ed.body.toPlainText() == "Written there." and panel.unsaved_work() == []
            assert not any(w.isEnabled() for w in (
                panel.new_button, panel.add_section_button, panel.add_text_button,
                panel.remove_button, panel.up_button, panel.delete_action))
            assert panel.export_button.isEnabled()  # reading is all an export needs
        finally:
            ctx.stop()
            reader.close()
    finally:
        writer.stdin.close()
        writer.wait(timeout=60)


def test_a_really_full_disk_keeps_typed_commentary(seeded_library, tmp_path, prefs,
                                                   qtbot) -> None:
    """The library on a small file system that fills up (mounted by the test: needs
    root, skipped otherwise): typed commentary is refused by SQLite itself, stays in the
    editor marked "Not saved — the disk is full", and is saved once there is space."""
    import shutil

    from briefer.core.ops.session import Session
    from tests.reliability.test_full_disk import tmpfs
    from tests.ui.conftest import _context

    with tmpfs(tmp_path / "small", "8m") as mnt:
        shutil.copytree(seeded_library, mnt / "lib",
                        ignore=shutil.ignore_patterns("library.lock"))
        session = Session.open(mnt / "lib")
        ctx = _context(session, prefs, threaded=False)
        try:
            panel = shown(qtbot, BriefPanel(ctx), 420, 700)
            _quote, text, _s = _quote_and_commentary(panel, session)
            brief_id = panel.current_brief_id()
            panel._select("text", text)
            ed = panel.editor
            filler = mnt / "filler"
            fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
            try:  # every block of the disk taken
                for size in (1 << 20, 65536, 4096, 512, 1):
                    try:
                        while os.write(fd, b"\0" * size):
                            pass
                    except OSError:
                        pass
            finally:
                os.close(fd)
            words = " A paragraph long enough to need new pages in the catalog. " * 200
            ed.body.setFocus()
            ed.body.moveCursor(ed.body.textCursor().MoveOperation.End)
            ed.body.insertPlainText(words)
            assert ed.save() is False
            assert ed.body.toPlainText() == "Start." + words
            assert "Not saved — the disk is full" in ed.status.text()
            assert _reasons(panel) == ["disk_full"]
            assert panel.unsaved_work() == ["commentary “Start.” in “Quotes”"]
            filler.unlink()  # space again
            assert panel.save_pending() is True
            assert ops_briefs.get_brief(session, brief_id).item(text)[1].body == (
                "Start." + words)
            assert ed.state() == "saved"
        finally:
            ctx.stop()
            session.close()


def test_choosing_another_brief_saves_the_edit_and_shows_the_chosen_one(panel, session,
                                                                       qtbot) -> None:
    _quote, text, _s = _quote_and_commentary(panel, session)
    first = panel.current_brief_id()
    other = ops_briefs.create_brief(session, "Another", sections=["S"]).brief_id
    panel.ctx.notify()
    panel.set_current_brief(first)
    panel._select("text", text)
    ed = panel.editor
    ed.body.moveCursor(ed.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(ed.body, " Typed, then another brief chosen.")
    index = panel.briefs.findData(other)
    panel.briefs.setCurrentIndex(index)
    panel.briefs.activated.emit(index)
    assert ops_briefs.get_brief(session, first).item(text)[1].body == (
        "Start. Typed, then another brief chosen.")
    assert panel.current_brief_id() == other and panel.briefs.currentData() == other


def test_closing_the_window_with_refused_work_asks_first(window, qtbot, monkeypatch) -> None:
    """The contract with the window: on close it calls save_pending, and what
    unsaved_work still lists is named in its question (Cancel keeps the window open)."""
    from PySide6.QtWidgets import QMessageBox

    from briefer.core.library.errors import LibraryBusy

    panel = window.brief
    session = panel.ctx.session
    _quote, text, _s = _quote_and_commentary(panel, session)
    panel._select("text", text)
    ed = panel.editor
    _refuse_writes(monkeypatch, session, LibraryBusy("read-only", reason="library_busy"))
    monkeypatch.setattr(panel.ctx, "report_error", lambda exc: None)
    ed.body.moveCursor(ed.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(ed.body, " Typed in a library that turned read-only.")
    asked = []

    def answer(box):
        asked.append(box.text())
        next(b for b in box.buttons() if "Cancel" in b.text()).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert window.close() is False  # Cancel: the window stays, with the text
    assert len(asked) == 1 and "commentary “Start.” in “Quotes”" in asked[0]
    assert ed.body.toPlainText() == "Start. Typed in a library that turned read-only."
