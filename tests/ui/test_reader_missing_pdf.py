"""A stored PDF deleted from the library's files/ folder (issue 16): the reader says the
stored copy is missing and that adding the original file again puts it back, instead of
"could not be opened"."""

from __future__ import annotations

from briefer.core.ops import documents as docs_ops
from tests.ui.conftest import shown


def test_the_reader_names_a_missing_stored_pdf_and_the_repair(qtbot, ctx):
    from briefer.ui.reader import ReaderPanel

    row = docs_ops.list_documents(ctx.session)[0]
    detail = docs_ops.document_detail(ctx.session, row.document.id)
    detail.stored_file.unlink()
    panel = shown(qtbot, ReaderPanel(ctx), 700, 800)
    panel.open_document(row.document.id, 0)
    qtbot.waitUntil(lambda: "missing" in panel.hint.text(), timeout=20000)
    assert "The stored PDF is missing" in panel.hint.text()
    assert "Add the original file again" in panel.hint.text()
    assert "could not be opened" not in panel.hint.text()
    assert "stored PDF is missing" in ctx.notices[-1].text
    assert panel.current_document() is None
