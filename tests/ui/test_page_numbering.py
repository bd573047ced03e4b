"""The Page Numbering dialog, opened by a click on the reader's page indicator: a range
typed there renumbers the pages (through the ops layer), the reader shows
"p. 11 (PDF p. 3)", and a number the core cannot read is refused in words."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from briefer.core.ops import documents as docs_ops  # noqa: E402
from briefer.ui.reader import ReaderPanel  # noqa: E402
from tests.ui.conftest import shown  # noqa: E402


def _open(qtbot, ctx):
    reader = shown(qtbot, ReaderPanel(ctx), 900, 900)
    doc = max(ctx.session.catalog().documents(), key=lambda d: d.page_count)
    reader.open_document(doc.id, 2, [])
    qtbot.waitUntil(lambda: reader.current_document() == doc.id)
    return reader, doc


def test_a_click_on_the_page_indicator_corrects_the_numbering(qtbot, ctx):
    reader, doc = _open(qtbot, ctx)
    QTest.mouseClick(reader.label_info, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    dialog = reader.numbering_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.first_spin.value() == 3 and dialog.last_spin.value() == doc.page_count
    dialog.number_edit.setText("11")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert docs_ops.page_numbering(ctx.session, doc.id)[0].first_number == 11
    assert ctx.session.catalog().page(doc.id, 2).label == "11"
    qtbot.waitUntil(lambda: reader.label_info.text().startswith("p. 11 (PDF p. 3)"))


def test_a_number_the_core_cannot_read_is_refused_in_words(qtbot, ctx):
    reader, doc = _open(qtbot, ctx)
    reader.open_page_numbering()
    dialog = reader.numbering_dialog
    dialog.number_edit.setText("eleven")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "not" in dialog.error.text()
    assert docs_ops.page_numbering(ctx.session, doc.id) == []
    dialog.first_spin.setValue(1)
    dialog.number_edit.setText("ii")
    dialog.add_button.click()
    assert dialog.list.item(0).text().startswith(f"PDF pages 1\u2013{doc.page_count} are "
                                                 "printed ii\u2013")
    dialog.reject()


def test_the_reader_says_where_no_printed_number_was_read(qtbot, ctx, tmp_path):
    from tests.pdfgen import make_merged_parts_pdf

    gen = make_merged_parts_pdf(tmp_path / "merged.pdf", pdf_labels="plain")
    rep = docs_ops.add_files(ctx.session, [gen.path])
    doc_id = rep.outcomes[0].doc_id
    reader = shown(qtbot, ReaderPanel(ctx), 900, 900)
    reader.open_document(doc_id, 12, [])  # between two Acts: nothing printed
    qtbot.waitUntil(lambda: reader.current_document() == doc_id)
    assert reader.label_info.text().startswith("PDF p. 13 (no printed number found)")
    reader.go_to_page(15)  # the second Act's page 2 (its header says so)
    assert reader.label_info.text().startswith("p. 2 (PDF p. 16)")


def test_the_quote_panel_citation_follows_a_correction(qtbot, ctx):
    from briefer.core.catalog.records import PageNumbering
    from briefer.core.ops import search as ops_search
    from briefer.core.ops.documents import document_detail
    from briefer.ui.brief import BriefPanel
    from briefer.ui.reader import ReaderSelection
    from briefer.ui.reader.textnav import sentences

    panel = shown(qtbot, BriefPanel(ctx), 420, 700)
    hit = ops_search.run_search(ctx.session, "blocking", record=False).hits[0]
    text = document_detail(ctx.session, hit.doc_id).pages[hit.page_index].text
    s, e = next((s, e) for s, e in sentences(text) if s <= hit.spans[0][0] < e)
    panel.quote_selection(ReaderSelection(hit.doc_id, hit.page_index, s, e, text[s:e]))
    ed = panel.editor
    assert ed.currentWidget() is ed.quote_page
    docs_ops.set_page_numbering(ctx.session, hit.doc_id,
                                [PageNumbering(hit.page_index, hit.page_index, 321)])
    assert ctx.check_now()  # the edit's report, delivered
    qtbot.waitUntil(lambda: "p. 321" in ed.citation.text())
