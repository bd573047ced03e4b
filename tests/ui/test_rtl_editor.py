"""Right-to-left paragraphs in the brief editor (issue 18): Urdu commentary stands at the
right of the commentary editor and of its preview, each paragraph by its own first strong
character, while English paragraphs beside it stay at the left; typed Urdu too."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from briefer.ui.brief.editor import ItemEditor, direction, markup_to_html

URDU = "یہ قانون آزادی اظہار پر پابندی لگاتا ہے۔"
ENGLISH = "The rule restricts speech."


def _starts(edit) -> list[int]:
    """Where each paragraph's first character is drawn (x in the editor's viewport)."""
    out = []
    block = edit.document().firstBlock()
    while block.isValid():
        out.append(edit.cursorRect(QTextCursor(block)).x())
        block = block.next()
    return out


def test_urdu_paragraphs_stand_at_the_right(qtbot) -> None:
    editor = shown(qtbot, ItemEditor(), 500, 400)
    editor.show_text(SimpleNamespace(id=1, body=f"{URDU}\n{ENGLISH}\n- {URDU}"), brief_id=1)
    body = editor.body
    width = body.viewport().width()
    urdu, english, bullet = _starts(body)
    assert urdu > width * 0.8, (urdu, width)  # starts at the right edge, reads leftwards
    assert english < width * 0.2
    assert bullet > width * 0.8  # "- " decides nothing: the first letter is Urdu
    # typed: a new paragraph of Urdu goes right as it is written
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClick(body, Qt.Key.Key_Return)
    for ch in "قانون":  # (QTest.keyClicks takes Latin-1 only)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(body, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    assert _starts(body)[-1] > width * 0.8
    assert body.toPlainText().endswith("\nقانون")


def test_preview_marks_right_to_left_paragraphs() -> None:
    html = markup_to_html(f"{URDU}\n\n{ENGLISH}\n- **{URDU}**")
    assert html.count("dir='rtl'") == 2
    assert f"<p style='margin:0 0 6px 0'>{ENGLISH}</p>" in html
    assert direction("123 “" + URDU) == Qt.LayoutDirection.RightToLeft
    assert direction("- (a) " + ENGLISH) == Qt.LayoutDirection.LeftToRight
    assert direction("12, 13.") is None
