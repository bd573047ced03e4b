"""Clicks, keys and double-clicks on the Search panel's results land where they would in a
file manager: a click selects and focuses the row, Enter opens the selected row, a
double-click opens the row under the pointer whatever has focus, and a background refresh
(the library changing while an import runs) keeps the rows, selection and scroll."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from briefer.ui.search_panel import SearchPanel


def _panel(ctx, qtbot):
    panel = SearchPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(500, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()  # focus moves (and leaves the query box) only in the active window
    qtbot.waitUntil(panel.isActiveWindow, timeout=30000)
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


def test_click_selects_and_enter_opens_that_row(threaded_ctx, qtbot):
    """The query typed and Enter pressed, a click on a result leaves the query box: the
    combo box then "activates" its text (now one of its history items), which ran the
    search again — the rows were replaced and the top hit selected, so Enter opened it."""
    panel = _panel(threaded_ctx, qtbot)  # the search answers later, as in the window
    panel.focus_query()
    QTest.keyClicks(panel.query_box.lineEdit(), "national coordinator")
    panel.completer.popup().hide()  # (offscreen, the pop-up keeps the activation)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow, timeout=30000)
    qtbot.keyClick(panel.query_box.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 1, timeout=30000)
    rows = _hit_rows(panel)
    assert len(rows) >= 3
    target = rows[2]
    searches = []
    panel.model.modelReset.connect(lambda: searches.append(1))
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, _centre(panel, target))
    assert not searches, "the click ran the search again"
    assert panel.tree.currentIndex() == target
    assert panel.tree.selectionModel().isSelected(target)
    assert panel.tree.hasFocus()
    want = panel.model.hit_at(target)
    with qtbot.waitSignal(panel.openHit, timeout=30000) as blocker:
        QTest.keyClick(panel.focusWidget() or panel.tree, Qt.Key.Key_Return)
    got = blocker.args[0]
    assert (got.doc_id, got.page_index) == (want.doc_id, want.page_index)
    qtbot.waitUntil(lambda: not threaded_ctx.tasks.active, timeout=30000)
    assert not searches, "the click ran the search again"


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
    assert bar.maximum() > 0 and bar.value() > 0, \
        "the list scrolls, and stays where the click left it"
    scroll = bar.value()
    before = panel.model.rowCount()

    pdf = pdfgen.make_text_pdf(tmp_path / "new.pdf", [
        "The National Coordinator shall publish every order within seven days. " * 4])
    documents.add_files(ctx.session, [getattr(pdf, "path", pdf)], ocr=False)
    resets = []
    panel.model.modelAboutToBeReset.connect(lambda: resets.append(1))
    ctx.notify()  # what the window's poll emits while an import runs
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



def test_choosing_an_earlier_search_in_the_list_runs_it(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    panel.search("blocking")
    panel.search("national coordinator")
    n = panel.query_box.findText("blocking")
    assert n >= 0
    panel.query_box.showPopup()
    view = panel.query_box.view()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier,
                     view.visualRect(view.model().index(n, 0)).center())
    qtbot.waitUntil(lambda: panel.result is not None and panel.result.query == "blocking",
                    timeout=30000)
