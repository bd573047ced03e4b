"""A document whose stored reason holds an exception's name (written by an older import:
"PdfReadError: Expected /Kids to be an array") is described in the Library in plain words;
the class name is never shown (issue 16)."""

from __future__ import annotations

from dataclasses import replace

from briefer.core.ops import documents as docs_ops
from briefer.ui.library_model import status_tooltip


def test_a_stored_jargon_reason_is_shown_in_plain_words(session):
    row = docs_ops.list_documents(session)[0]
    doc = replace(row.document, status="failed",
                  reason="damaged PDF: PdfReadError: Expected /Kids to be an array")
    jargon = replace(row, document=doc, status_text=docs_ops.status_text(doc))
    text = status_tooltip(jargon)
    assert "PdfReadError" not in text and "/Kids" not in text, text
    assert "page list cannot be read" in text, text
