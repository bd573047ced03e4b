"""The reader's selection bar ("Quote to brief | Copy with page | Find in library") comes
with its selection and goes with it (issue 18): it is never over a selected word, it
follows the selection when the page scrolls and hides while the selection is out of view,
and it goes when the selection goes, when another document opens, and when a quote's
passage is opened again from the brief. Real drags on the sample library's pages."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSize, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.ui.conftest import shown  # noqa: E402
from briefer.core.ops import search as ops_search  # noqa: E402
from briefer.core.ops.session import Session  # noqa: E402
from briefer.ui.context import AppContext  # noqa: E402
from briefer.ui.reader import ReaderPanel  # noqa: E402
from briefer.ui.reader.popup import popup_position  # noqa: E402
from briefer.ui.reader.textnav import sentences  # noqa: E402
from briefer.ui.tasks import SyncExecutor, TaskRunner  # noqa: E402


@pytest.fixture(scope="module")
def sample_session(tmp_path_factory: pytest.TempPathFactory):
    session = Session.open(tmp_path_factory.mktemp("popup") / "lib", samples=True)
    yield session
    session.close()


@pytest.fixture
def reader(qtbot, sample_session, prefs) -> ReaderPanel:
    ctx = AppContext(sample_session, tasks=TaskRunner(executor=SyncExecutor()),
                     settings=prefs, poll=False)
    # shorter than a page, so the page scrolls
    return shown(qtbot, ReaderPanel(ctx), 640, 520)


def _mouse(widget, kind: QEvent.Type, pos: QPointF, buttons) -> None:
    ev = QMouseEvent(kind, pos, widget.mapToGlobal(pos), Qt.MouseButton.LeftButton, buttons,
                     Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, ev)


def _open_hit(reader, session, qtbot, query: str = "blocking"):
    hit = ops_search.run_search(session, query, record=False).hits[0]
    reader.open_document(hit.doc_id, hit.page_index, hit.spans)
    qtbot.waitUntil(lambda: reader.current_document() == hit.doc_id)
    return hit


def _drag_select(reader, qtbot, span: tuple[int, int]) -> None:
    """Drag the mouse over ``span`` of the current page, as a person would."""
    doc, page = reader.document(), reader.current_page()
    first = doc.rects_for_span(page, span[0], span[0] + 1)[0]
    last = doc.rects_for_span(page, span[1] - 1, span[1])[-1]
    a, b = reader.canvas.to_pixels(first), reader.canvas.to_pixels(last)
    # the words must be on screen to be dragged over (scrolls only when they are not)
    reader.scroll.ensureVisible(int(a.left()), int(a.center().y()), 0, 20)
    reader.scroll.ensureVisible(int(b.right()), int(b.center().y()), 0, 20)
    p0, p1 = QPointF(a.left() + 1, a.center().y()), QPointF(b.right(), b.center().y())
    canvas = reader.canvas
    with qtbot.waitSignal(reader.selectionChanged):
        _mouse(canvas, QEvent.Type.MouseButtonPress, p0, Qt.MouseButton.LeftButton)
        _mouse(canvas, QEvent.Type.MouseMove, p1, Qt.MouseButton.LeftButton)
        _mouse(canvas, QEvent.Type.MouseButtonRelease, p1, Qt.MouseButton.NoButton)


def _selected_in_viewport(reader) -> list[QRect]:
    vp = reader.scroll.viewport()
    out = []
    for r in reader.canvas.layers.get("selection") or []:
        box = reader.canvas.to_pixels(r).toAlignedRect()
        out.append(QRect(reader.canvas.mapTo(vp, box.topLeft()), box.size()))
    return out


def _assert_clear_of_words(reader) -> None:
    bar = reader.popup.geometry()
    assert reader.popup.isVisible()
    assert reader.scroll.viewport().rect().contains(bar), bar
    for r in _selected_in_viewport(reader):
        assert not bar.intersects(r), (bar, r)


def _sentence(reader, min_len: int = 40) -> tuple[int, int]:
    text = reader.document().page(reader.current_page()).text
    return next((s, e) for s, e in sentences(text) if e - s > min_len and "\n" not in text[s:e])


def _scroll_to_view(reader, span, where: str) -> None:
    """Scroll so the span's line sits near the bottom (or top) of the viewport."""
    rect = reader.canvas.to_pixels(
        reader.document().rects_for_span(reader.current_page(), *span)[-1])
    bar = reader.scroll.verticalScrollBar()
    vp_h = reader.scroll.viewport().height()
    target = rect.bottom() - vp_h + 4 if where == "bottom" else rect.top() - 4
    bar.setValue(int(max(bar.minimum(), min(bar.maximum(), target))))


def test_bar_is_beside_the_selection_never_over_it(reader, sample_session, qtbot) -> None:
    _open_hit(reader, sample_session, qtbot)
    span = _sentence(reader)
    _drag_select(reader, qtbot, span)
    _assert_clear_of_words(reader)
    # the selected line at the very bottom of the view: the bar goes above it
    reader.clear_selection()
    _scroll_to_view(reader, span, "bottom")
    _drag_select(reader, qtbot, span)
    _assert_clear_of_words(reader)
    assert reader.popup.geometry().bottom() < min(r.top() for r in _selected_in_viewport(reader))


def test_bar_goes_with_its_selection(reader, sample_session, qtbot) -> None:
    _open_hit(reader, sample_session, qtbot)
    span = _sentence(reader)
    _drag_select(reader, qtbot, span)
    assert reader.popup.isVisible()
    reader.canvas.setFocus()
    QTest.keyClick(reader.canvas, Qt.Key.Key_Escape)
    assert reader.selection() is None and not reader.popup.isVisible()
    _drag_select(reader, qtbot, span)
    # a keyboard selection replaces the dragged one: the bar was for the old one
    QTest.keyClick(reader.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert reader.selection() is not None and not reader.popup.isVisible()


def test_bar_goes_when_another_document_opens(reader, sample_session, qtbot) -> None:
    first = _open_hit(reader, sample_session, qtbot)
    _drag_select(reader, qtbot, _sentence(reader))
    assert reader.popup.isVisible()
    other = next(h for h in ops_search.run_search(sample_session, "the", record=False).hits
                 if h.doc_id != first.doc_id)
    reader.open_document(other.doc_id, other.page_index, other.spans)
    qtbot.waitUntil(lambda: reader.current_document() == other.doc_id)
    assert reader.selection() is None
    assert not reader.popup.isVisible()


def test_bar_follows_the_page_when_it_scrolls(reader, sample_session, qtbot) -> None:
    _open_hit(reader, sample_session, qtbot)
    span = _sentence(reader)
    _scroll_to_view(reader, span, "top")
    _drag_select(reader, qtbot, span)
    before = reader.popup.pos()
    bar = reader.scroll.verticalScrollBar()
    assert bar.maximum() > 0
    line = _selected_in_viewport(reader)[0]
    vp_h = reader.scroll.viewport().height()
    # a little scroll: the bar moves with the words and stays off them
    step = 40 if bar.value() >= 40 else -40
    bar.setValue(bar.value() - step)
    assert reader.popup.pos().y() == before.y() + step
    _assert_clear_of_words(reader)
    # the selection scrolled out of view: no bar floating over other text
    line = _selected_in_viewport(reader)[0]
    away = (vp_h - line.top() + 10) if bar.value() >= vp_h - line.top() + 10 \
        else -(line.bottom() + 10)
    bar.setValue(bar.value() - away)
    assert not any(r.intersects(reader.scroll.viewport().rect())
                   for r in _selected_in_viewport(reader))
    assert not reader.popup.isVisible()
    # back into view: back beside it
    bar.setValue(bar.value() + away)
    _assert_clear_of_words(reader)


def test_going_back_to_a_quote_shows_its_passage_uncovered(reader, sample_session,
                                                           qtbot) -> None:
    hit = _open_hit(reader, sample_session, qtbot)
    span = _sentence(reader)
    _drag_select(reader, qtbot, span)
    assert reader.popup.isVisible()
    reader.scroll.verticalScrollBar().setValue(0)
    # what double-clicking the quote in the brief does (MainWindow.open_passage)
    reader.open_document(hit.doc_id, hit.page_index, [span])
    assert not reader.popup.isVisible()
    assert reader.selection() is None


def test_popup_position_rules() -> None:
    view = QRect(0, 0, 400, 300)
    size = QSize(200, 24)
    line = QRect(50, 100, 250, 14)
    assert popup_position([line], size, view) == QPoint(50, 120)  # below, 6 px off
    low = QRect(50, 280, 250, 14)
    assert popup_position([low], size, view) == QPoint(50, 280 - 6 - 24)  # above
    assert popup_position([QRect(50, 400, 10, 10)], size, view) is None  # out of view
    # a tall selection with a short last line: the bar goes into the gap beside it
    tall = ([QRect(0, y, 400, 14) for y in range(0, 250, 16)]
            + [QRect(0, y, 80, 14) for y in (256, 272, 288)])
    pos = popup_position(tall, size, view)
    assert pos is not None
    assert not any(QRect(pos, size).intersects(r) for r in tall)
    # lines filling the whole view: no place that would not cover words
    full = [QRect(0, y, 400, 16) for y in range(0, 300, 16)]
    assert popup_position(full, size, view) is None


def test_double_clicking_a_quote_in_the_window_leaves_its_passage_uncovered(window,
                                                                            qtbot) -> None:
    """The whole path in the real window: drag a sentence, quote it (Ctrl+B), scroll
    away, double-click the quote in the brief: the reader shows the passage, no bar."""
    session = window.ctx.session
    reader = window.reader
    hit = ops_search.run_search(session, "blocking", record=False).hits[0]
    reader.open_document(hit.doc_id, hit.page_index, hit.spans)
    qtbot.waitUntil(lambda: reader.current_document() == hit.doc_id, timeout=30000)
    span = _sentence(reader)
    _drag_select(reader, qtbot, span)
    assert reader.popup.isVisible()
    window.quote_selection()
    brief = window.brief
    qtbot.waitUntil(lambda: brief.current_brief() is not None
                    and bool(brief.current_brief().quotes()), timeout=30000)
    item = brief.current_brief().quotes()[0]
    index = brief.model.find("item", item.id)
    brief.tree.scrollTo(index)
    rect = brief.tree.visualRect(index)
    QTest.mouseDClick(brief.tree.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, rect.center())
    qtbot.waitUntil(lambda: reader.selection() is None, timeout=30000)
    assert not reader.popup.isVisible()
    assert reader.current_page() == hit.page_index
    assert [tuple(x) for x in reader.hits.search_spans(hit.page_index)] == [span]
    window.ctx.tasks.cancel_all()
