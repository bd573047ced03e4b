"""The whole flow through the real window, offscreen, over a real library:
import the samples → search → open a hit in the reader at its page with highlight
rectangles on exactly the matched words → select a sentence and press Ctrl+B → reorder →
undo/redo → export DOCX with the quote and its footnote. Also: searching and a brief edit
while an import runs, and a locked PDF unlocked from the window."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtPdf import QPdfDocument

from briefer.core.offsets import Utf16Map
from briefer.core.ops import briefs as brief_ops
from briefer.core.ops import documents as docs_ops
from briefer.core.paths import resources_dir


def _wait_tasks(ctx, qtbot, timeout=60000):
    qtbot.waitUntil(lambda: not ctx.tasks.active, timeout=timeout)


@pytest.fixture
def empty_window(tmp_path, prefs, qtbot):
    from briefer.core.ops.session import Session
    from briefer.ui.context import AppContext
    from briefer.ui.mainwindow import MainWindow

    session = Session.open(tmp_path / "fresh", samples=False)
    ctx = AppContext(session, settings=prefs, poll=False)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    ctx.stop()
    win.close()
    session.close()


def _union(rects):
    out = QRectF()
    for r in rects:
        out = out.united(r)
    return out


def test_whole_flow(empty_window, qtbot, tmp_path):
    win = empty_window
    ctx = win.ctx
    assert win.library.stack.currentWidget() is win.library.empty

    # Import the samples through the window (as a dropped folder would).
    with qtbot.waitSignal(win.importFinished, timeout=120000) as imported:
        win.add_paths([resources_dir() / "samples"])
    assert imported.args[0].documents_added == 6
    ctx.check_now()
    assert win.library.proxy.rowCount() == 6

    # Search, then Enter on the first hit opens the reader at that page.
    win.focus_search()
    win.search.set_query("national coordinator")
    with qtbot.waitSignal(win.search.searched, timeout=10000):
        qtbot.keyClick(win.search.query_box.lineEdit(), Qt.Key.Key_Return)
    win.search.tree.setFocus()
    hit = win.search.current_hit()
    assert hit is not None and hit.spans
    qtbot.keyClick(win.search.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.reader.current_document() == hit.doc_id, timeout=20000)
    qtbot.waitUntil(lambda: win.reader.current_page() == hit.page_index, timeout=30000)
    rects = win.reader.highlight_rects(hit.page_index)
    assert rects

    # The painted rectangles cover exactly the matched words: compare with pdfium.
    detail = docs_ops.document_detail(ctx.session, hit.doc_id)
    page = next(p for p in detail.pages if p.index == hit.page_index)
    pdf = QPdfDocument()
    pdf.load(str(detail.stored_file))
    umap = Utf16Map.of(page.text)
    expected = []
    for start, end in hit.spans:
        s16, n16 = umap.to_engine(start, end)  # (UTF-16 start, length)
        sel = pdf.getSelectionAtIndex(hit.page_index, s16, n16)
        assert re.sub(r"\s+", " ", sel.text()).strip().lower() in (
            "national coordinator", "national", "coordinator")
        expected.append(sel.boundingRectangle())
    got, want = _union(rects), _union(expected)
    for a, b in ((got.left(), want.left()), (got.top(), want.top()),
                 (got.right(), want.right()), (got.bottom(), want.bottom())):
        assert abs(a - b) < 2.0
    pdf.close()

    # Select a sentence in the reader and press Ctrl+B: one quote in a new brief.
    text = page.text
    m = re.search(r"[^.]*National Coordinator[^.]*\.", text)
    assert m is not None
    win.reader.select_span(hit.page_index, m.start(), m.end())
    qtbot.waitUntil(lambda: win.reader.selection() is not None, timeout=30000)
    win.actions_by_name["quote"].trigger()
    brief_id = win.brief.current_brief_id()
    assert brief_id is not None
    brief = brief_ops.get_brief(ctx.session, brief_id)
    quotes = [i for s in brief.sections for i in s.items if getattr(i, "clip_id", None)]
    assert len(quotes) == 1

    # A second quote (the search hit itself), then reorder with the keyboard equivalent
    # of drag and drop, undo and redo.
    win.reader.clear_selection()
    win.actions_by_name["quote"].trigger()
    def order():
        b = brief_ops.get_brief(ctx.session, brief_id)
        return [i.id for s in b.sections for i in s.items]
    before = order()
    assert len(before) == 2
    # Drag the second quote above the first: the outline's own drag-and-drop path
    # (mimeData of the dragged row, dropMimeData on the target), as a mouse drag runs it.
    model = win.brief.model
    second = model.find("item", before[1])
    section = second.parent()
    data = model.mimeData([second])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, section)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, section)
    qtbot.waitUntil(lambda: order() == list(reversed(before)), timeout=30000)
    after = order()
    win.actions_by_name["undo"].trigger()
    assert order() == before
    win.actions_by_name["redo"].trigger()
    assert order() == after

    # Export DOCX through the window (Ctrl+E): the quotes are checked, then written.
    out = tmp_path / "brief.docx"
    win.actions_by_name["export"].trigger()
    dialog = win.brief.export_dialog
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    assert dialog.report.ok
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        dialog.export()
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
        notes = z.read("word/footnotes.xml").decode("utf-8")
    assert "National Coordinator" in re.sub(r"<[^>]+>", "", body)
    assert "w:footnoteReference" in body
    assert re.search(r"p\.\s*\d+", re.sub(r"<[^>]+>", "", notes))


def test_search_and_brief_edit_while_an_import_runs(window, qtbot, generated, tmp_path):
    ctx = window.ctx
    pdfs = [Path(getattr(g, "path", g)) for k, g in generated.items()
            if "encrypt" not in k and k != "owner_only"
            and str(getattr(g, "path", g)).endswith(".pdf")]
    assert len(pdfs) >= 5
    folder = tmp_path / "more"
    folder.mkdir()
    for n, p in enumerate(pdfs * 4):
        (folder / f"copy{n}-{p.name}").write_bytes(p.read_bytes() + f"\n%{n}\n".encode())
    imported = []
    window.importFinished.connect(imported.append)
    window.add_paths([folder])
    importing = [h for h in ctx.tasks.active if h.kind == "write"]
    assert importing
    with qtbot.waitSignal(window.search.searched, timeout=20000):
        window.search.search("national coordinator")
    searched_during_import = not importing[0].done
    assert window.search.model.rowCount() > 0
    cmd = brief_ops.create_brief(ctx.session, "During an import")
    edited_during_import = not importing[0].done
    assert brief_ops.get_brief(ctx.session, cmd.brief_id).title == "During an import"
    qtbot.waitUntil(lambda: bool(imported), timeout=180000)
    assert imported[0].documents_added >= 5
    assert searched_during_import and edited_during_import


def test_locked_pdf_unlocked_from_the_window(window, qtbot, generated):
    ctx = window.ctx
    locked = Path(generated["encrypted"].path)  # user password "secret"
    with qtbot.waitSignal(window.importFinished, timeout=60000) as imported:
        window.add_paths([locked])
    outcome = next(o for o in imported.args[0].outcomes if o.outcome == "needs_password")
    dialog = window.library.password_dialog
    dialog.edit.setText("wrong")
    dialog.accept()
    _wait_tasks(ctx, qtbot)
    retry = window.library.password_dialog
    assert retry is not dialog and "does not open" in retry.problem.text()
    retry.edit.setText("secret")
    retry.accept()
    _wait_tasks(ctx, qtbot)
    doc = docs_ops.get_document(ctx.session, outcome.doc_id)
    assert doc.status != "needs_password"
