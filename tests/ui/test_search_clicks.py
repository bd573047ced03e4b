"""Clicks, keys and double-clicks on the Search panel's results land where they would in a
file manager: a click selects and focuses the row, Enter opens the selected row, a
double-click opens the row under the pointer whatever has focus, and a background refresh
(the library changing while an import runs) keeps the rows, selection and scroll."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from briefer.ui.search_panel import SearchPanel


def _panel(ctx, qtbot):
    panel = SearchPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(500, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _hit_rows(panel):
    model = panel.model
    out = []
    for r in range(model.rowCount()):
        doc = model.index(r, 0)
        for k in range(model.rowCount(doc)):
            out.append(model.index(k, 0, doc))
    return out


def _centre(panel, index):
    panel.tree.scrollTo(index)
    rect = panel.tree.visualRect(index)
    assert rect.isValid() and not rect.isEmpty()
    return rect.center()


def test_click_selects_and_enter_opens_that_row(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    panel.focus_query()
    panel.set_query("national coordinator")
    qtbot.keyClick(panel.query_box.lineEdit(), Qt.Key.Key_Return)
    rows = _hit_rows(panel)
    assert len(rows) >= 3
    target = rows[2]
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, _centre(panel, target))
    assert panel.tree.currentIndex() == target
    assert panel.tree.selectionModel().isSelected(target)
    assert panel.tree.hasFocus() or panel.focusWidget() is panel.tree
    want = panel.model.hit_at(target)
    with qtbot.waitSignal(panel.openHit, timeout=30000) as blocker:
        QTest.keyClick(panel.focusWidget() or panel.tree, Qt.Key.Key_Return)
    got = blocker.args[0]
    assert (got.doc_id, got.page_index) == (want.doc_id, want.page_index)


def test_double_click_opens_the_row_under_the_pointer_without_focus(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    panel.search("national coordinator")
    panel.focus_query()
    rows = _hit_rows(panel)
    target = rows[-1]
    want = panel.model.hit_at(target)
    assert (want.doc_id, want.page_index) != (panel.current_hit().doc_id,
                                              panel.current_hit().page_index)
    opened = []
    panel.openHit.connect(opened.append)
    QTest.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, _centre(panel, target))
    assert [(h.doc_id, h.page_index) for h in opened] == [(want.doc_id, want.page_index)]


def test_an_import_in_the_background_keeps_the_selection_and_scroll(ctx, qtbot, tmp_path):
    from briefer.core.ops import documents
    from tests import pdfgen

    panel = _panel(ctx, qtbot)
    panel.resize(420, 260)  # small: the list scrolls
    panel.search("national coordinator")
    rows = _hit_rows(panel)
    target = rows[-2]
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, _centre(panel, target))
    chosen = panel.model.hit_at(target)
    bar = panel.tree.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() > 0, "the list must scroll for this test"
    scroll = bar.value()
    before = panel.model.rowCount()

    pdf = pdfgen.make_text_pdf(tmp_path / "new.pdf", [
        "The National Coordinator shall publish every order within seven days. " * 4])
    documents.add_files(ctx.session, [getattr(pdf, "path", pdf)], ocr=False)
    resets = []
    panel.model.modelAboutToBeReset.connect(lambda: resets.append(1))
    ctx.libraryChanged.emit()  # what the window's poll emits while an import runs
    qtbot.waitUntil(lambda: panel.model.rowCount() == before + 1, timeout=30000)

    assert not resets
    now = panel.model.hit_at(panel.tree.currentIndex())
    assert (now.doc_id, now.page_index) == (chosen.doc_id, chosen.page_index)
    assert panel.tree.selectionModel().isSelected(panel.tree.currentIndex())
    assert bar.value() == scroll
    new_doc = panel.model.index(before, 0)
    assert panel.tree.isExpanded(new_doc) and panel.model.rowCount(new_doc) == 1
    with qtbot.waitSignal(panel.openHit, timeout=30000) as blocker:
        QTest.keyClick(panel.tree, Qt.Key.Key_Return)
    assert (blocker.args[0].doc_id, blocker.args[0].page_index) == \
        (chosen.doc_id, chosen.page_index)
