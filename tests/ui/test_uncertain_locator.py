"""Uncertain is a question, not a silence, in the window: a quote whose locator is
uncertain shows the suggestion on a button beside the locator field ("Use para 1"); one
click stores it (one undo step); and the export dialog asks before writing quotes
without a locator ("… Export Anyway / Go Back", Go Back the default)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QMessageBox  # noqa: E402

from tests.ui.conftest import shown  # noqa: E402
from briefer.core.ops import briefs as ops_briefs  # noqa: E402
from briefer.core.ops import clips as ops_clips  # noqa: E402
from briefer.ui.brief import BriefPanel  # noqa: E402
from briefer.ui.reader import ReaderSelection  # noqa: E402

DEMAND = "Withdraw the Rules, and publish any replacement in draft"


def _demand(session) -> ReaderSelection:
    doc = next(d for d in session.catalog().documents() if d.doc_type == "statement")
    p = ops_clips.find_typed_passage(session, doc.id, DEMAND)
    return ReaderSelection(p.doc_id, p.page_index, p.start, p.end, p.text)


@pytest.fixture
def panel(qtbot, ctx, session):
    panel = shown(qtbot, BriefPanel(ctx), 460, 760)
    assert panel.quote_selection(_demand(session)) is not None
    return panel


def _clip(panel, session):
    brief = ops_briefs.get_brief(session, panel.current_brief_id())
    return ops_briefs.brief_clips(session, brief)[brief.quotes()[0].clip_id]


def test_use_the_suggestion_in_one_click_and_undo(panel, session, qtbot) -> None:
    ed = panel.editor
    assert ed.currentWidget() is ed.quote_page
    assert ed.use_suggestion.isVisible()
    assert ed.use_suggestion.text().replace("&", "") == "Use para 1"
    assert "uncertain: para 1?" in ed.locator.placeholderText()
    # typing one's own locator hides the offer; clearing it brings it back
    ed.locator.setText("para 2")
    assert not ed.use_suggestion.isVisible()
    ed.locator.setText("")
    assert ed.use_suggestion.isVisible()
    ed.use_suggestion.click()
    assert _clip(panel, session).locator_user == "para 1"
    qtbot.waitUntil(lambda: ed.locator.text() == "para 1")
    assert not ed.use_suggestion.isVisible()
    assert panel.undo_stack.count() == 2  # the quote, then the locator: one step each
    panel.undo_stack.undo()
    assert _clip(panel, session).locator_user is None
    qtbot.waitUntil(lambda: ed.locator.text() == "" and ed.use_suggestion.isVisible())


class Answer:
    """The user at the question box: clicks ``button`` and remembers what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, button: str) -> None:
        self.asked: list[tuple[str, str, str]] = []
        self.button = button
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))

    def _exec(self, box: QMessageBox) -> int:
        texts = {b.text().replace("&", ""): b for b in box.buttons()}
        self.asked.append((box.text(), box.informativeText(),
                           box.defaultButton().text().replace("&", "")))
        texts[self.button].click()
        return 0


def test_export_asks_about_quotes_without_locator(panel, session, tmp_path,
                                                  monkeypatch) -> None:
    panel.export_current()
    dlg = panel.export_dialog
    assert dlg.report is not None and dlg.report.ok
    assert [u.suggestion for u in dlg.unlocated] == ["para 1"]
    assert "1 quote has no locator" in dlg.summary.text()
    out = tmp_path / "brief.docx"
    dlg.path.setText(str(out))
    back = Answer(monkeypatch, "Go Back")
    dlg.export_button.click()
    assert len(back.asked) == 1
    text, info, default = back.asked[0]
    assert text == "1 quote has no locator:" and default == "Go Back"
    assert "suggested para 1" in info and "Withdraw the Rules" in info
    assert not out.exists() and dlg.result is None
    assert "Nothing was written" in dlg.summary.text()
    anyway = Answer(monkeypatch, "Export Anyway")
    dlg.export_button.click()
    assert len(anyway.asked) == 1
    assert dlg.result is not None and out.read_bytes()[:2] == b"PK"


def test_no_question_once_the_suggestion_is_taken(panel, session, tmp_path,
                                                  monkeypatch) -> None:
    panel.editor.use_suggestion.click()
    panel.export_current()
    dlg = panel.export_dialog
    assert dlg.unlocated == [] and "no locator" not in dlg.summary.text()
    asked = Answer(monkeypatch, "Go Back")
    dlg.path.setText(str(tmp_path / "brief.docx"))
    dlg.export_button.click()
    assert asked.asked == [] and dlg.result is not None
