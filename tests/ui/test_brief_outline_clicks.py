"""A double-click on a quote in the brief's outline opens its passage once, whether the
outline had the keyboard focus or the editor had it (issue 18: going back to a quote)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import shown
from tests.ui.test_brief_panel import _selection
from briefer.ui.brief import BriefPanel


def test_double_click_opens_the_passage_once_whatever_had_focus(ctx, session, qtbot) -> None:
    panel = shown(qtbot, BriefPanel(ctx), 420, 700)
    sel = _selection(session, "blocking")
    item = panel.quote_selection(sel)
    opened: list = []
    panel.openPassage.connect(lambda *args: opened.append(args))
    rect = panel.tree.visualRect(panel.model.find("item", item))
    panel.editor.lead_in.setFocus()  # the user was typing a lead-in
    QTest.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, rect.center())
    assert opened == [(sel.doc_id, sel.page_index, sel.start, sel.end)]
    opened.clear()
    panel.tree.setFocus()
    QTest.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, rect.center())
    assert len(opened) == 1  # not twice (doubleClicked and activated)
