"""The Brief panel over a real library of the samples (no mocks of the core): quoting in
one undo step, drag and drop and keyboard moves, undo/redo, and the export dialog's
report before anything is written."""

from __future__ import annotations

import os
import zipfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QModelIndex, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from tests.ui.conftest import shown  # noqa: E402
from briefer.core.ops import briefs as ops_briefs  # noqa: E402
from briefer.core.ops import search as ops_search  # noqa: E402
from briefer.core.ops.documents import document_detail  # noqa: E402
from briefer.ui.brief import BriefPanel  # noqa: E402
from briefer.ui.brief.outline import ID_ROLE  # noqa: E402
from briefer.ui.reader import ReaderSelection  # noqa: E402
from briefer.ui.reader.textnav import sentences  # noqa: E402


@pytest.fixture
def panel(qtbot, ctx) -> BriefPanel:
    return shown(qtbot, BriefPanel(ctx), 420, 700)


RULES = "The Social Media (Online Harms) Rules"


def _selection(session, query: str, title: str = RULES) -> ReaderSelection:
    """A whole sentence around the first hit of ``query`` in the document whose title
    starts with ``title`` (as the reader would give it)."""
    hits = ops_search.run_search(session, query, record=False).hits
    hit = next(h for h in hits
               if document_detail(session, h.doc_id).document.title.startswith(title))
    text = document_detail(session, hit.doc_id).pages[hit.page_index].text
    start = hit.spans[0][0]
    s, e = next((s, e) for s, e in sentences(text) if s <= start < e)
    return ReaderSelection(hit.doc_id, hit.page_index, s, e, text[s:e])


def test_empty_state_then_quote_in_one_undo_step(panel, session) -> None:
    assert panel.current_brief_id() is None
    assert panel.stack.currentWidget() is panel.empty
    sel = _selection(session, "blocking")
    item_id = panel.quote_selection(sel)
    assert item_id is not None
    brief = ops_briefs.get_brief(session, panel.current_brief_id())
    assert brief.title == "Untitled brief"
    quotes = brief.quotes()
    assert [q.id for q in quotes] == [item_id]
    clip = ops_briefs.brief_clips(session, brief)[quotes[0].clip_id]
    assert (clip.doc_id, clip.page_index, clip.start, clip.end) == (
        sel.doc_id, sel.page_index, sel.start, sel.end)
    assert clip.text == sel.text
    assert clip.locator  # detected from the document's structure
    shown = panel.model.index(0, 0, panel.model.index(0, 0)).data()
    assert clip.locator in shown
    assert panel.undo_stack.count() == 1  # brief + quote: one step
    panel.undo_stack.undo()
    assert ops_briefs.list_briefs(session) == []
    assert panel.stack.currentWidget() is panel.empty
    panel.undo_stack.redo()
    brief = ops_briefs.get_brief(session, panel.current_brief_id())
    assert [q.id for q in brief.quotes()] == [item_id]


def test_second_quote_goes_after_the_current_one(panel, session) -> None:
    first = panel.quote_selection(_selection(session, "blocking"))
    second = panel.quote_selection(_selection(session, "emergency"))
    assert panel.undo_stack.count() == 2
    brief = ops_briefs.get_brief(session, panel.current_brief_id())
    assert [i.id for i in brief.sections[0].items] == [first, second]
    panel.undo_stack.undo()
    brief = ops_briefs.get_brief(session, panel.current_brief_id())
    assert [i.id for i in brief.sections[0].items] == [first]


def _brief_with_two_sections(panel, session) -> tuple[int, int, list[int]]:
    a = panel.quote_selection(_selection(session, "blocking"))
    b = panel.quote_selection(_selection(session, "emergency"))
    cmd = panel.run_edit("Add section", ops_briefs.add_section, panel.current_brief_id(),
                         "Recommendations")
    return panel.current_brief_id(), cmd.section_id, [a, b]


def test_drag_and_drop_moves_a_quote_to_another_section(panel, session) -> None:
    brief_id, target, (a, b) = _brief_with_two_sections(panel, session)
    model = panel.model
    source = model.find("item", a)
    mime = model.mimeData([source])
    section_b = model.find("section", target)
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, section_b)
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, section_b)
    brief = ops_briefs.get_brief(session, brief_id)
    assert [i.id for i in brief.sections[0].items] == [b]
    assert [i.id for i in brief.sections[1].items] == [a]
    # and back between the items of the first section: before b
    model = panel.model
    mime = model.mimeData([model.find("item", a)])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, model.index(0, 0))
    brief = ops_briefs.get_brief(session, brief_id)
    assert [i.id for i in brief.sections[0].items] == [a, b]
    # a section dragged above the other
    mime = model.mimeData([model.find("section", target)])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    brief = ops_briefs.get_brief(session, brief_id)
    assert [s.id for s in brief.sections][0] == target
    for _ in range(3):
        panel.undo_stack.undo()
    brief = ops_briefs.get_brief(session, brief_id)
    assert [i.id for i in brief.sections[0].items] == [a, b]
    assert brief.sections[1].id == target and not brief.sections[1].items
    panel.undo_stack.redo()
    brief = ops_briefs.get_brief(session, brief_id)
    assert [i.id for i in brief.sections[1].items] == [a]


def test_keyboard_moves_and_move_to_section(panel, session, qtbot) -> None:
    brief_id, target, (a, b) = _brief_with_two_sections(panel, session)
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(panel.model.find("item", b))
    QTest.keyClick(panel.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    brief = ops_briefs.get_brief(session, brief_id)
    assert [i.id for i in brief.sections[0].items] == [b, a]
    assert panel.tree.currentIndex().data(ID_ROLE) == b  # the moved quote stays current
    panel.move_to_section(target)
    brief = ops_briefs.get_brief(session, brief_id)
    assert [i.id for i in brief.sections[1].items] == [b]
    panel.undo_stack.undo()
    panel.undo_stack.undo()
    brief = ops_briefs.get_brief(session, brief_id)
    assert [i.id for i in brief.sections[0].items] == [a, b]


def test_editing_a_quote_and_commentary_is_saved_and_undoable(panel, session) -> None:
    item = panel.quote_selection(_selection(session, "blocking"))
    brief_id = panel.current_brief_id()
    panel.tree.setCurrentIndex(panel.model.find("item", item))
    ed = panel.editor
    assert ed.currentWidget() is ed.quote_page
    assert "Footnote 1" in ed.citation.text()
    ed.lead_in.setText("The Rules say that")
    ed.locator.setText("Rule 99")
    ed.save()
    clip = ops_briefs.brief_clips(session, ops_briefs.get_brief(session, brief_id))
    brief = ops_briefs.get_brief(session, brief_id)
    assert brief.quotes()[0].lead_in == "The Rules say that"
    assert next(iter(clip.values())).locator == "Rule 99"  # the user's locator wins
    panel.add_commentary()
    assert ed.currentWidget() is ed.text_page
    ed.body.setPlainText("**Why** it *matters*\n- one\n- two")
    ed.save()
    assert "<b>Why</b>" in ed.body_preview.text() and "<li>" in ed.body_preview.text()
    brief = ops_briefs.get_brief(session, brief_id)
    texts = [i for _s, i in brief.items() if i.kind == "text"]
    assert texts[0].body == "**Why** it *matters*\n- one\n- two"
    assert panel.tree.currentIndex().data(ID_ROLE) == texts[0].id
    assert panel.undo_stack.count() == 3
    panel.undo_stack.undo()  # the commentary
    panel.undo_stack.undo()  # lead-in + locator (one step)
    brief = ops_briefs.get_brief(session, brief_id)
    assert brief.quotes()[0].lead_in == "" and len(list(brief.items())) == 1


def test_double_click_opens_the_passage(panel, session, qtbot) -> None:
    sel = _selection(session, "blocking")
    item = panel.quote_selection(sel)
    with qtbot.waitSignal(panel.openPassage) as blocker:
        panel.tree.doubleClicked.emit(panel.model.find("item", item))
    assert blocker.args == [sel.doc_id, sel.page_index, sel.start, sel.end]


def test_export_with_a_changed_quote_reports_before_writing(panel, session, tmp_path,
                                                            qtbot) -> None:
    sel = _selection(session, "blocking")
    item = panel.quote_selection(sel)
    # the source changes under the quote (a re-extraction would do this)
    page = document_detail(session, sel.doc_id).pages[sel.page_index]
    changed = page.text[:sel.start] + "X" * (sel.end - sel.start) + page.text[sel.end:]
    with session.writing():
        session.catalog().set_page_text(sel.doc_id, sel.page_index, changed,
                                        text_source=page.text_source, needs_ocr=False)
    panel.export_current()
    dlg = panel.export_dialog
    out = tmp_path / "brief.docx"
    dlg.path.setText(str(out))
    assert dlg.report is not None and not dlg.report.ok
    assert dlg.problems.topLevelItemCount() == 1
    assert dlg.problems.topLevelItem(0).data(0, Qt.ItemDataRole.UserRole) == item
    assert "no longer match" in dlg.summary.text()
    assert dlg.export_button.text().replace("&", "") == "Export Anyway"
    assert not out.exists()  # nothing written yet
    with qtbot.waitSignal(panel.openPassage) as blocker:
        dlg.go.click()
    assert blocker.args[:2] == [sel.doc_id, sel.page_index]
    assert not out.exists()
    dlg.export_button.click()  # confirmed
    assert out.exists() and dlg.result is not None and dlg.result.forced


def test_export_docx_holds_the_quote_and_its_footnote(panel, session, tmp_path) -> None:
    sel = _selection(session, "blocking")
    panel.quote_selection(sel)
    panel.export_current()
    dlg = panel.export_dialog
    assert dlg.report.ok and "match" in dlg.summary.text()
    out = tmp_path / "brief.docx"
    dlg.path.setText(str(out))
    dlg.export_button.click()
    assert out.exists()
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode()
        notes = z.read("word/footnotes.xml").decode()
    words = sel.text.split()
    assert " ".join(words[:3]) in body
    assert "footnoteReference" in body
    title = document_detail(session, sel.doc_id).document.title
    assert title.split()[1] in notes


# PySide6 6.12 flags the only QDragEnter/MoveEvent constructors (they take a QPoint).
@pytest.mark.filterwarnings("ignore:Function.*QDrag.*deprecated:DeprecationWarning")
def test_drop_event_on_the_view_moves_the_quote(panel, session, qtbot) -> None:
    """A drag entering the outline's viewport, moving over a section and dropped there
    (the events a mouse drag delivers) goes through the view's own drop handling to the
    same ops move."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    brief_id, target, (a, b) = _brief_with_two_sections(panel, session)
    model = panel.model
    mime = model.mimeData([model.find("item", a)])
    rect = panel.tree.visualRect(model.find("section", target))
    pos = QPointF(rect.center())
    args = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    for event in (QDragEnterEvent(pos.toPoint(), *args), QDragMoveEvent(pos.toPoint(), *args),
                  QDropEvent(pos, *args)):
        QApplication.sendEvent(panel.tree.viewport(), event)
        assert event.isAccepted()
    brief = ops_briefs.get_brief(session, brief_id)
    assert [i.id for i in brief.sections[1].items] == [a]
    assert [i.id for i in brief.sections[0].items] == [b]
    assert panel.model.find("item", a).parent() == panel.model.find("section", target)


def test_export_markdown_from_the_dialog(panel, session, tmp_path) -> None:
    sel = _selection(session, "blocking")
    panel.quote_selection(sel)
    panel.export_current()
    dlg = panel.export_dialog
    dlg.format.setCurrentIndex(dlg.format.findData("md"))
    assert dlg.target().suffix == ".md" and not dlg.template.isEnabled()
    out = tmp_path / "brief.md"
    dlg.path.setText(str(out))
    dlg.export_button.click()
    text = out.read_text(encoding="utf-8")
    assert " ".join(sel.text.split()[:3]) in text


def test_placement_rules() -> None:
    from briefer.core.briefs.model import Brief, Item, Section
    from briefer.ui.brief.placement import insertion_point, step_move

    a, b, c = Item(1, "quote"), Item(2, "quote"), Item(3, "text", body="x")
    s1, s2 = Section(10, "One", [a, b]), Section(20, "Two", [c])
    brief = Brief(5, "u", "T", sections=[s1, s2])
    assert insertion_point(brief, None, None, None) == (20, None)
    assert insertion_point(brief, "section", s1, None) == (10, None)
    assert insertion_point(brief, "quote", s1, a) == (10, 1)
    m = step_move(brief, "quote", s1, b, -1)
    assert (m.kind, m.node_id, m.section_id, m.position) == ("item", 2, 10, 0)
    m = step_move(brief, "quote", s1, b, +1)  # past the edge: the start of the next section
    assert (m.section_id, m.position) == (20, 0)
    m = step_move(brief, "text", s2, c, -1)  # up from the top: the end of the section above
    assert (m.section_id, m.position) == (10, None)
    assert step_move(brief, "text", s2, c, +1) is None
    m = step_move(brief, "section", s2, None, -1)
    assert (m.kind, m.node_id, m.position) == ("section", 20, 0)
    assert step_move(brief, "section", s1, None, -1) is None


def test_brief_details_dialog_names_the_field_it_refuses(panel, session) -> None:
    panel.quote_selection(_selection(session, "blocking"))
    brief_id = panel.current_brief_id()
    panel.edit_details()
    dlg = panel.details_dialog
    dlg.edits["title"].setText("Online harms: the Rules")
    dlg.edits["date"].setText("not a date")
    dlg.save()
    assert dlg.isVisible() and "date" in dlg.error.text().lower()
    assert ops_briefs.get_brief(session, brief_id).title == "Untitled brief"  # nothing saved
    dlg.edits["date"].setText("2026-02-03")
    dlg.save()
    brief = ops_briefs.get_brief(session, brief_id)
    assert (brief.title, brief.date) == ("Online harms: the Rules", "2026-02-03")
    assert panel.briefs.currentText() == "Online harms: the Rules"
    panel.undo_stack.undo()
    assert ops_briefs.get_brief(session, brief_id).title == "Untitled brief"


def test_new_briefs_take_the_preferred_citation_style(panel, session) -> None:
    panel.ctx.settings.set("export/citation_style", "inline")
    panel.quote_selection(_selection(session, "blocking"))
    assert ops_briefs.get_brief(session, panel.current_brief_id()).citation_style == "inline"
    assert panel.inline_action.isChecked()
