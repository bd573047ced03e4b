"""The Library panel over a real library: rows, filter, status words, details editor with
the core's validation on the field, removal impact, refresh on library changes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefer.core.ops import documents as docs_ops
from briefer.ui.library_model import ID_ROLE
from briefer.ui.library_panel import LibraryPanel


def _panel(ctx, qtbot):
    panel = LibraryPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_rows_match_the_ops_layer_and_filter(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    rows = docs_ops.list_documents(ctx.session)
    assert panel.proxy.rowCount() == len(rows) == 6
    titles = {panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())}
    assert titles == {r.document.title for r in rows}
    panel.filter_edit.setText("transparency report")
    assert panel.proxy.rowCount() == 1
    assert "Transparency" in panel.proxy.index(0, 0).data()
    panel.filter_edit.clear()
    assert panel.proxy.rowCount() == 6
    status = panel.proxy.index(0, 5)
    assert status.data(Qt.ItemDataRole.ToolTipRole).endswith(".")


def test_sorting_by_pages_is_numeric(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    panel.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    pages = [int(panel.proxy.index(r, 4).data()) for r in range(panel.proxy.rowCount())]
    assert pages == sorted(pages, reverse=True)


def test_metadata_error_shows_on_the_field_and_save_refreshes(ctx, qtbot):
    from briefer.ui.dialogs.metadata import MetadataDialog

    panel = _panel(ctx, qtbot)
    doc = docs_ops.list_documents(ctx.session)[0].document
    dialog = MetadataDialog(ctx, doc)
    qtbot.addWidget(dialog)
    dialog.date_edit.setText("not a date")
    dialog.save()
    assert dialog.errors["date"].isVisibleTo(dialog)
    assert "date" in dialog.errors["date"].text().lower()
    assert dialog.result() == 0 and dialog.saved is None
    dialog.date_edit.setText("2026-03-01")
    dialog.title_edit.setText("Renamed in a test")
    dialog.tags_edit.setText("alpha, beta")
    dialog.save()
    assert dialog.saved is not None and dialog.saved.title == "Renamed in a test"
    assert ctx.check_now()  # the edit's report, delivered
    panel.refresh()
    titles = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert "Renamed in a test" in titles
    assert set(docs_ops.get_document(ctx.session, doc.id).tags) == {"alpha", "beta"}


def test_refresh_keeps_the_selection(ctx, qtbot):
    panel = _panel(ctx, qtbot)
    doc_id = int(panel.proxy.index(2, 0).data(ID_ROLE))
    panel.select_ids([doc_id])
    docs_ops.edit_metadata(ctx.session, doc_id, issuer="Changed issuer")
    assert ctx.check_now()  # the edit's report, delivered
    assert panel.selected_ids() == [doc_id]
    assert "Changed issuer" in [panel.proxy.index(r, 2).data()
                                for r in range(panel.proxy.rowCount())]


def test_remove_says_the_impact_first(ctx, qtbot, monkeypatch):
    from briefer.core.ops import clips as clip_ops

    panel = _panel(ctx, qtbot)
    doc = docs_ops.list_documents(ctx.session)[0].document
    clip_ops.clip_selection(ctx.session, doc.id, 0, 0, 20)
    panel.select_ids([doc.id])
    panel.remove_selected()
    box = panel.remove_box
    assert "1 clip" in box.text() and "can no longer be checked" in box.text()
    box.reject()
    assert docs_ops.get_document(ctx.session, doc.id)  # nothing removed on Cancel
    panel.remove_ids([doc.id], confirmed=True)
    assert doc.id not in [r.id for r in docs_ops.list_documents(ctx.session)]
    ctx.check_now()
    assert panel.proxy.rowCount() == 5


def test_empty_library_invites_to_add(tmp_path, prefs, qtbot):
    from briefer.core.ops.session import Session
    from briefer.ui.context import AppContext
    from briefer.ui.tasks import SyncExecutor, TaskRunner

    session = Session.open(tmp_path / "empty", samples=False)
    try:
        ctx = AppContext(session, tasks=TaskRunner(SyncExecutor()), settings=prefs, poll=False)
        panel = _panel(ctx, qtbot)
        assert panel.stack.currentWidget() is panel.empty
        with qtbot.waitSignal(panel.addRequested, timeout=30000):
            panel.add_button.click()
        ctx.stop()
    finally:
        session.close()


def test_ocr_of_a_scan_with_a_language(ctx, qtbot, generated):
    from pathlib import Path

    import pytest

    from briefer.core.ops import ocr as ocr_ops

    if not ocr_ops.tesseract_info().available:
        pytest.skip("Tesseract is not installed")
    report = docs_ops.add_files(ctx.session, [str(Path(generated["scanned"].path))], ocr=False)
    doc_id = report.outcomes[0].doc_id
    panel = _panel(ctx, qtbot)
    panel.select_ids([doc_id])
    before = docs_ops.get_document(ctx.session, doc_id)
    assert before.status == "needs_ocr" or before.ocr_pages
    handle = panel.run_ocr([doc_id], "eng")
    assert handle.state == "done", handle.error
    assert handle.result.pages_done >= 1
    assert "OCR read" in ctx.notices[-1].text
    after = docs_ops.get_document(ctx.session, doc_id)
    assert after.status == "ok" and not after.ocr_pages
    ctx.check_now()
    row = panel.model.row(panel.model.row_of(doc_id))
    assert row.status_text == "ok"
