"""Issue 18: long books whose fonts have no Unicode map arrive, fast, and whole or in part.

The books of the issue (InPage Urdu, 194 and 82 pages) are reproduced by
tests/unmappedpdf.py: glyph numbers read as code points, many of them in the Arabic block,
so that pdfium's text has "right-to-left" lines whose order is judged glyph by glyph.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.core.files import pdfium
from briefer.core.files.extract import extract_pdf
from tests.unmappedpdf import ARABIC_BLOCK, write_unmapped_pdf


class _CountingDoc:
    """A QPdfDocument that counts the calls that load a page anew."""

    def __init__(self, doc, counts: dict) -> None:
        self._doc, self._counts = doc, counts

    def getSelectionAtIndex(self, *args):
        self._counts["selection"] = self._counts.get("selection", 0) + 1
        return self._doc.getSelectionAtIndex(*args)

    def __getattr__(self, name):
        return getattr(self._doc, name)


def test_an_unmapped_book_is_judged_from_one_loaded_page(tmp_path: Path, monkeypatch):
    """Cause of the 300x slowness: every glyph position asked through Qt loaded the page
    again (24 a line). Now no glyph is asked through Qt when pypdfium2 can read the page."""
    pytest.importorskip("pypdfium2")
    path = write_unmapped_pdf(tmp_path / "book.pdf", 6, glyphs=ARABIC_BLOCK)
    counts: dict = {}
    real_load = pdfium._load
    monkeypatch.setattr(pdfium, "_load",
                        lambda p, pw: (lambda d, e: (_CountingDoc(d, counts), e))(*real_load(p, pw)))
    monkeypatch.setattr(pdfium.PdfiumDoc, "outline", lambda self: [])  # needs the real type
    res = extract_pdf(path)
    assert res.status == "ok" and len(res.pages) == 6
    assert counts.get("selection", 0) == 0


@pytest.mark.parametrize("visual", [False, True])
def test_glyph_positions_from_one_page_judge_lines_as_qt_did(tmp_path: Path, monkeypatch,
                                                             visual: bool):
    pytest.importorskip("pypdfium2")
    path = write_unmapped_pdf(tmp_path / "book.pdf", 2, lines=8, glyphs=ARABIC_BLOCK,
                              visual=visual)
    fast = extract_pdf(path)
    monkeypatch.setattr(pdfium.PdfiumDoc, "_glyph_boxes", lambda self, i, text: None)
    slow = extract_pdf(path)
    assert [(p.text, p.order) for p in fast.pages] == [(p.text, p.order) for p in slow.pages]
