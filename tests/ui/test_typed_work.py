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
    panel.ctx.libraryChanged.emit()
    panel._select("text", text.item_id)
    ed = panel.editor
    ed.body.setFocus()
    ed.body.moveCursor(ed.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(ed.body, " More")
    with qtbot.waitSignal(panel.undo_stack.indexChanged, timeout=10000):
        pass
    panel.ctx.libraryChanged.emit()
    qtbot.keyClicks(ed.body, " and more.")
    assert ed.body.toPlainText() == "Start. More and more."
    assert ed.body.textCursor().position() == len("Start. More and more.")
