"""The Reader panel over a real library of the samples (no mocks of the core).

Highlights are compared with what pdfium itself says about the same characters
(``QPdfDocument.getSelectionAtIndex`` on a separate document), a mouse drag with the
catalog's page text, and the find bar with ``ops.search.find_in_document``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtPdf import QPdfDocument  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.ui.conftest import shown  # noqa: E402
from briefer.core.offsets import Utf16Map  # noqa: E402
from briefer.core.ops import search as ops_search  # noqa: E402
from briefer.core.ops.documents import document_detail  # noqa: E402
from briefer.core.ops.session import Session  # noqa: E402
from briefer.ui.context import AppContext  # noqa: E402
from briefer.ui.reader import ReaderPanel  # noqa: E402
from briefer.ui.reader.textnav import sentences  # noqa: E402
from briefer.ui.settings import Preferences  # noqa: E402
from briefer.ui.tasks import SyncExecutor, TaskRunner  # noqa: E402


@pytest.fixture(scope="module")
def sample_session(tmp_path_factory: pytest.TempPathFactory):
    """One library of the sample documents for the module (opening imports them)."""
    session = Session.open(tmp_path_factory.mktemp("reader") / "lib", samples=True)
    yield session
    session.close()


@pytest.fixture
def reader(qtbot, sample_session, prefs) -> ReaderPanel:
    ctx = AppContext(sample_session, tasks=TaskRunner(executor=SyncExecutor()),
                     settings=prefs, poll=False)
    return shown(qtbot, ReaderPanel(ctx), 900, 1000)


def _hit(session, query: str):
    result = ops_search.run_search(session, query, record=False)
    assert result.hits, query
    return result.hits[0]


def _pdf(session, doc_id: int) -> QPdfDocument:
    doc = QPdfDocument(None)
    assert doc.load(str(document_detail(session, doc_id).stored_file)) == QPdfDocument.Error.None_
    return doc


def _key(r):  # rectangles compared to a hundredth of a point
    return (round(r.x(), 2), round(r.y(), 2), round(r.width(), 2), round(r.height(), 2))


def test_opens_at_hit_page_with_exact_highlights(reader, sample_session, qtbot) -> None:
    hit = _hit(sample_session, "blocking")
    reader.open_document(hit.doc_id, hit.page_index, hit.spans)
    qtbot.waitUntil(lambda: reader.current_document() == hit.doc_id)
    assert reader.current_page() == hit.page_index
    assert reader.label_info.text().startswith(("p. ", "PDF p. "))

    text = document_detail(sample_session, hit.doc_id).pages[hit.page_index].text
    pdf = _pdf(sample_session, hit.doc_id)
    m = Utf16Map.of(text)
    expected = []
    for start, end in hit.spans:
        s16, n16 = m.to_engine(start, end)
        sel = pdf.getSelectionAtIndex(hit.page_index, s16, n16)
        assert sel.text() == text[start:end]  # exactly the matched words
        assert "block" in sel.text().lower()
        expected += [p.boundingRect() for p in sel.bounds()]
    got = reader.highlight_rects(hit.page_index)
    assert got and sorted(map(_key, got)) == sorted(map(_key, expected))
    assert reader.canvas.layers["hit"]  # and they are painted


def _press(widget, kind: QEvent.Type, pos: QPointF, buttons) -> None:
    ev = QMouseEvent(kind, pos, widget.mapToGlobal(pos), Qt.MouseButton.LeftButton, buttons,
                     Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, ev)


def test_mouse_drag_selects_a_sentence(reader, sample_session, qtbot) -> None:
    hit = _hit(sample_session, "blocking")
    reader.open_document(hit.doc_id, hit.page_index, hit.spans)
    qtbot.waitUntil(lambda: reader.current_document() == hit.doc_id)
    page = reader.document().page(hit.page_index)
    sentence = next((s, e) for s, e in sentences(page.text)
                    if e - s > 40 and "\n" not in page.text[s:e])
    first = reader.document().rects_for_span(hit.page_index, sentence[0], sentence[0] + 1)[0]
    last = reader.document().rects_for_span(hit.page_index, sentence[1] - 1, sentence[1])[-1]
    canvas = reader.canvas
    a = canvas.to_pixels(first)
    b = canvas.to_pixels(last)
    reader.scroll.ensureVisible(int(b.right()), int(b.center().y()), 0, 60)  # on screen
    p0 = QPointF(a.left() + 1, a.center().y())
    p1 = QPointF(b.right(), b.center().y())  # the end of the full stop
    with qtbot.waitSignal(reader.selectionChanged):
        _press(canvas, QEvent.Type.MouseButtonPress, p0, Qt.MouseButton.LeftButton)
        _press(canvas, QEvent.Type.MouseMove, QPointF((p0.x() + p1.x()) / 2, p1.y()),
               Qt.MouseButton.LeftButton)
        _press(canvas, QEvent.Type.MouseMove, p1, Qt.MouseButton.LeftButton)
        _press(canvas, QEvent.Type.MouseButtonRelease, p1, Qt.MouseButton.NoButton)
    sel = reader.selection()
    assert sel is not None and sel.doc_id == hit.doc_id and sel.page_index == hit.page_index
    assert sel.text == page.text[sel.start:sel.end]
    assert (sel.start, sel.end) == sentence, (sel.text, page.text[sentence[0]:sentence[1]])
    assert reader.popup.isVisible()
    assert reader.canvas.layers["selection"]
    assert "selected" in reader.hint.text()
    assert reader.popup.find.isHidden()  # nobody runs searches for a panel on its own
    asked_for: list[str] = []
    reader.searchRequested.connect(asked_for.append)
    reader._show_popup()
    assert not reader.popup.find.isHidden()
    with qtbot.waitSignal(reader.searchRequested) as asked:
        reader.popup.find.click()
    assert asked.args[0].strip('"').split()[:3] == sel.text.split()[:3]


def test_keyboard_selects_sentences_and_words(reader, sample_session, qtbot) -> None:
    hit = _hit(sample_session, "blocking")
    reader.open_document(hit.doc_id, hit.page_index, hit.spans)
    qtbot.waitUntil(lambda: reader.current_document() == hit.doc_id)
    text = reader.document().page(hit.page_index).text
    reader.canvas.setFocus()
    QTest.keyClick(reader.canvas, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    sel = reader.selection()
    assert sel is not None
    assert (sel.start, sel.end) in sentences(text)
    assert sel.start <= hit.spans[0][0] < sel.end  # the sentence of the first hit
    QTest.keyClick(reader.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    longer = reader.selection()
    assert longer.start == sel.start and longer.end > sel.end
    assert longer.text == text[longer.start:longer.end]
    QTest.keyClick(reader.canvas, Qt.Key.Key_Escape)
    assert reader.selection() is None


def test_find_bar_counts_and_steps(reader, sample_session, qtbot) -> None:
    hit = _hit(sample_session, "shall")
    reader.open_document(hit.doc_id, 0)
    qtbot.waitUntil(lambda: reader.current_document() == hit.doc_id)
    expected = ops_search.find_in_document(sample_session, hit.doc_id, "shall")
    assert len(expected) > 2
    reader.open_find()
    assert reader.find_bar.isVisible()
    reader.find_bar.edit.setText("shall")
    reader.find_bar.search_now()
    assert reader.find_count() == (1, len(expected))
    assert reader.find_bar.count.text() == f"1 of {len(expected)}"
    reader.next_hit()  # F3
    assert reader.find_count() == (2, len(expected))
    assert reader.current_page() == expected[1][0]
    reader.previous_hit()  # Shift+F3
    reader.previous_hit()  # wraps to the last
    assert reader.find_bar.count.text() == f"{len(expected)} of {len(expected)}"
    assert reader.current_page() == expected[-1][0]
    reader.find_bar.edit.setText("no such wordxyz")
    reader.find_bar.search_now()
    assert reader.find_bar.count.text() == "no matches"


def test_page_navigation_and_empty_state(reader, sample_session, qtbot) -> None:
    assert reader.stack.currentWidget() is reader.empty
    assert reader.current_document() is None and reader.selection() is None
    hit = _hit(sample_session, "shall")
    reader.open_document(hit.doc_id, 0)
    qtbot.waitUntil(lambda: reader.current_document() == hit.doc_id)
    with qtbot.waitSignal(reader.pageChanged) as blocker:
        reader.next_button.click()
    assert blocker.args == [1] and reader.page_spin.value() == 2
    reader.set_zoom(2.0)
    wide = reader.canvas.width()
    reader.fit_width()
    assert reader.canvas.width() < wide
    qtbot.waitUntil(lambda: reader.canvas._image is not None)


@pytest.mark.skipif(not __import__("shutil").which("tesseract"), reason="needs Tesseract")
def test_ocr_page_uses_word_boxes_and_says_so(qtbot, tmp_path: Path) -> None:
    from briefer.core.ops.documents import add_files
    from tests.pdfgen import make_scanned_pdf

    pdf = make_scanned_pdf(tmp_path / "scan.pdf", [
        "The Authority shall publish every blocking order within seven days. "
        "Appeals lie to the High Court."])
    session = Session.open(tmp_path / "lib", samples=False)
    try:
        rep = add_files(session, [pdf.path])
        assert rep.documents_added == 1
        doc_id = rep.outcomes[0].doc_id
        ctx = AppContext(session, tasks=TaskRunner(executor=SyncExecutor()),
                         settings=Preferences.at(tmp_path / "prefs.ini"), poll=False)
        panel = ReaderPanel(ctx)
        qtbot.addWidget(panel)
        panel.resize(900, 1000)
        panel.show()
        page = document_detail(session, doc_id).pages[0]
        assert page.text_source == "ocr"
        start = page.text.lower().index("blocking")
        panel.open_document(doc_id, 0, [(start, start + len("blocking"))])
        qtbot.waitUntil(lambda: panel.current_document() == doc_id)
        assert "OCR" in panel.canvas.banner and "OCR" in panel.hint.text()
        rects = panel.highlight_rects(0)
        assert len(rects) == 1 and rects[0].width() > 10  # the word's stored box
        # a drag from the first word to "orders" on the scan selects those words
        doc = panel.document()
        first = doc.rects_for_span(0, 0, 1)[0]
        end = page.text.index("days")
        last = doc.rects_for_span(0, end, end + 4)[0]
        span = doc.span_between(0, first.center(), last.center())
        assert span is not None and page.text[span[0]:span[1]].startswith("The")
        assert page.text[span[0]:span[1]].endswith("days.")
        panel.select_span(0, *span)
        assert panel.selection().ocr
        # Alt+drag draws a rectangle: the words whose middle is inside it, here two words
        # of the line (a column of a two-column scan is chosen the same way)
        k = page.text.index("blocking order")
        a_box = doc.rects_for_span(0, k, k + 8)[0]
        b_box = doc.rects_for_span(0, k + 9, k + 14)[0]
        top_left = QPointF(a_box.left() + 1, a_box.top() + 1)
        bottom_right = QPointF(b_box.right() - 1, b_box.bottom() - 1)
        span = doc.span_between(0, top_left, bottom_right, rectangle=True)
        assert span is not None and page.text[span[0]:span[1]] == "blocking order"
        # the same through the window: a press with Alt, then the drag
        qtbot.mousePress(panel.canvas, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.AltModifier,
                         panel.canvas.to_pixels(QRectF(top_left, top_left)).center().toPoint())
        assert panel.canvas.rectangle_drag
        panel.canvas.dragged.emit(top_left, bottom_right)
        assert panel.selection() is not None and panel.selection().text == "blocking order"
        qtbot.mouseRelease(panel.canvas, Qt.MouseButton.LeftButton)
    finally:
        session.close()


def test_hit_cursor_steps_wraps_and_lets_find_take_over() -> None:
    from briefer.ui.reader.hits import HitCursor

    cur = HitCursor()
    cur.set_search({0: [(5, 9)], 2: [(1, 4), (20, 25)]})
    assert cur.step(+1, page=1) == (2, 1, 4)  # first step: from the page shown
    assert cur.step(+1, page=2) == (2, 20, 25)
    assert cur.step(+1, page=2) == (0, 5, 9)  # wraps
    assert cur.count() == (1, 3)
    cur.set_found([(1, 3, 6)])
    assert cur.spans(1) == [(3, 6)] and cur.spans(2) == []
    assert cur.search_spans(2) == [(1, 4), (20, 25)]  # what highlight_rects reports
    assert cur.step(-1, page=0) == (1, 3, 6)
    cur.clear_found()
    assert cur.current() == (0, 5, 9)  # the search cursor is where it was


def test_keyboard_selection_rules() -> None:
    from briefer.ui.reader import keys

    text = "Rules apply. Every company shall comply. It may appeal."
    first = keys.sentence_step(text, None, text.index("company"), forward=True)
    assert text[slice(*first)] == "Every company shall comply."
    nxt = keys.sentence_step(text, first, 0, forward=True)
    assert text[slice(*nxt)] == "It may appeal."
    assert keys.sentence_step(text, nxt, 0, forward=False) == first
    grown = keys.extend(text, (first[0], first[0] + 5), 0, "word", forward=True)
    assert text[slice(*grown)] == "Every company"
    assert keys.extend(text, grown, 0, "word", forward=False) == (first[0], first[0] + 5)
    assert text[slice(*keys.extend(text, None, first[0], "word", True))] == "Every"


def test_sentences_of_legal_text() -> None:
    text = ("5. Powers of the National Coordinator.\u2014(1) The Coordinator may act. "
            "See Art. 19 and W.P. No. 1021 of 2026 for more. End")
    assert [text[s:e] for s, e in sentences(text)] == [
        "5. Powers of the National Coordinator.", "(1) The Coordinator may act.",
        "See Art. 19 and W.P. No. 1021 of 2026 for more.", "End"]


def test_follows_library_changes(reader, sample_session, qtbot, tmp_path: Path) -> None:
    """A clip made elsewhere is painted, and new page text (OCR, re-extraction) is read
    again, when the library says it changed."""
    from briefer.core.ops.clips import clip_selection, delete_clip

    hit = _hit(sample_session, "blocking")
    reader.open_document(hit.doc_id, hit.page_index, hit.spans)
    qtbot.waitUntil(lambda: reader.current_document() == hit.doc_id)
    before = len(reader.canvas.layers["clip"])
    start, end = hit.spans[0]
    clip = clip_selection(sample_session, hit.doc_id, hit.page_index, start, end)
    reader.ctx.notify()
    assert len(reader.canvas.layers["clip"]) > before
    delete_clip(sample_session, clip.id)
    reader.ctx.notify()
    assert len(reader.canvas.layers["clip"]) == before


def test_reads_changed_page_text_again(qtbot, tmp_path: Path) -> None:
    session = Session.open(tmp_path / "lib", samples=True)
    try:
        ctx = AppContext(session, tasks=TaskRunner(executor=SyncExecutor()),
                         settings=Preferences.at(tmp_path / "prefs.ini"), poll=False)
        panel = ReaderPanel(ctx)
        qtbot.addWidget(panel)
        hit = _hit(session, "blocking")
        panel.open_document(hit.doc_id, hit.page_index, hit.spans)
        qtbot.waitUntil(lambda: panel.current_document() == hit.doc_id)
        page = document_detail(session, hit.doc_id).pages[hit.page_index]
        panel.select_span(hit.page_index, *hit.spans[0])
        changed = page.text.replace(page.text[slice(*hit.spans[0])], "CHANGED", 1)
        with session.writing():
            session.catalog().set_page_text(hit.doc_id, hit.page_index, changed,
                                            text_source=page.text_source, needs_ocr=False)
        ctx.notify()
        assert panel.document().page(hit.page_index).text == changed
        assert panel.selection() is None  # the words under it changed
    finally:
        session.close()


def test_protected_pdf_asks_for_its_password(qtbot, tmp_path: Path) -> None:
    """Briefer never stores passwords: the reader asks for it to show the pages."""
    from briefer.core.ops.documents import add_files
    from tests.pdfgen import make_encrypted_pdf

    pdf = make_encrypted_pdf(tmp_path / "locked.pdf", "s3cret")
    session = Session.open(tmp_path / "lib", samples=False)
    try:
        rep = add_files(session, [pdf.path], password="s3cret")
        doc_id = rep.outcomes[0].doc_id
        ctx = AppContext(session, tasks=TaskRunner(executor=SyncExecutor()),
                         settings=Preferences.at(tmp_path / "prefs.ini"), poll=False)
        panel = ReaderPanel(ctx)
        qtbot.addWidget(panel)
        panel.show()
        panel.open_document(doc_id, 0)
        dialog = panel.password_dialog
        assert dialog is not None and dialog.isVisible()
        assert panel.current_document() is None
        dialog.setTextValue("wrong")
        dialog.accept()
        again = panel.password_dialog
        assert again is not dialog and "did not open" in again.labelText()
        again.setTextValue("s3cret")
        again.accept()
        assert panel.current_document() == doc_id
        assert panel.document().page_count == len(pdf.lines)
    finally:
        session.close()


def test_wheel_past_the_page_end_turns_the_page(reader, sample_session, qtbot) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent

    hit = _hit(sample_session, "shall")
    reader.open_document(hit.doc_id, 0)
    qtbot.waitUntil(lambda: reader.current_document() == hit.doc_id)
    bar = reader.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())

    def wheel(dy: int) -> None:
        pos = QPointF(50, 50)
        ev = QWheelEvent(pos, reader.scroll.viewport().mapToGlobal(pos), QPoint(0, 0),
                         QPoint(0, dy), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                         Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(reader.scroll.viewport(), ev)

    wheel(-120)
    assert reader.current_page() == 1 and bar.value() == bar.minimum()
    wheel(+120)
    assert reader.current_page() == 0


def test_highlights_after_characters_outside_the_bmp(qtbot, tmp_path: Path) -> None:
    """'blocking' after 𝐀𝐁𝐂 on the page is highlighted on 'blocking' (not shifted by the
    surrogate pairs), and a drag over it gives back the same stored offsets."""
    from briefer.core.ops.documents import add_files
    from tests.core.offsets.test_offsets import _make_pdf

    pdf = _make_pdf(tmp_path / "wide.pdf")
    session = Session.open(tmp_path / "lib", samples=False)
    try:
        doc_id = add_files(session, [pdf]).outcomes[0].doc_id
        ctx = AppContext(session, tasks=TaskRunner(executor=SyncExecutor()),
                         settings=Preferences.at(tmp_path / "prefs.ini"), poll=False)
        panel = ReaderPanel(ctx)
        qtbot.addWidget(panel)
        text = document_detail(session, doc_id).pages[0].text
        start = text.index("blocking")
        panel.open_document(doc_id, 0, [(start, start + 8)])
        qtbot.waitUntil(lambda: panel.current_document() == doc_id)
        rects = panel.highlight_rects(0)
        qpdf = _pdf(session, doc_id)
        s16 = len(text[:start].encode("utf-16-le")) // 2
        assert s16 > start  # the page has surrogate pairs before the word
        expected = [p.boundingRect() for p in qpdf.getSelectionAtIndex(0, s16, 8).bounds()]
        assert sorted(map(_key, rects)) == sorted(map(_key, expected))
        assert qpdf.getSelectionAtIndex(0, s16, 8).text() == "blocking"
        box = rects[0]
        span = panel.document().span_between(
            0, QPointF(box.left() + 0.5, box.center().y()),
            QPointF(box.right() - 0.2, box.center().y()))
        assert span == (start, start + 8)
    finally:
        session.close()


def test_hit_colour_follows_preferences(reader) -> None:
    reader.ctx.settings.set("reader/hit_colour", "#00aa00")
    assert reader.canvas.colours["hit"].name() == "#00aa00"


def test_printed_page_comes_first_and_survives_a_narrow_panel(reader, sample_session,
                                                               qtbot) -> None:
    hit = _hit(sample_session, '"Appointment of the National Coordinator"')
    reader.open_document(hit.doc_id, hit.page_index, hit.spans)
    qtbot.waitUntil(lambda: reader.current_document() == hit.doc_id)
    label = document_detail(sample_session, hit.doc_id).pages[hit.page_index].label
    assert label != str(hit.page_index + 1)  # the sample rules are printed from p. 173
    text = reader.label_info.text()
    assert text.startswith(f"p. {label} (PDF p. {hit.page_index + 1})"), text
    assert f"p. {label} (PDF p. {hit.page_index + 1})" in reader.label_info.toolTip()
