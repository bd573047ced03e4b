"""Stored code-point offsets ↔ QPdfDocument UTF-16 indices (briefer/core/offsets.py).

The end-to-end test imports a generated PDF through the real pipeline (worker, pdfium
engine, catalog) and asks pdfium for the text of every converted span. The only
normalisation is pdfium's own: a hyphen it removed at a line end is U+FFFE in
``getSelectionAtIndex`` text and U+00AD in the catalog (``results.clean_text``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefer.core.offsets import (AlignedMap, Utf16Map, align, ocr_span_between,
                                  ocr_span_in_rect, page_kind, pdfium_text_as_stored)

LINES = [
    "The 𝐀𝐁𝐂 clause applies to ﬁnancial oﬃcers who are",
    "bound to block-",
    "ing orders; data ﬂows 𝐀 end 𝐁𝐂 here.",
    "A plain line after them, to check blocking.",
]


def _font() -> str:
    for p in ("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
              "/usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf"):
        if Path(p).exists():
            return p
    pytest.skip("no font with 𝐀 (U+1D400) and ﬁ (U+FB01) glyphs")


def _make_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(__import__("datetime").datetime(2024, 1, 1))
    pdf.add_page()
    pdf.add_font("T", "", _font())
    pdf.set_font("T", size=12)
    for k, line in enumerate(LINES):
        pdf.text(20, 20 + 8 * k, line)
    pdf.add_page()  # a second page: only BMP characters
    pdf.text(20, 20, "Second page, officers and financial words only.")
    pdf.output(str(path))
    return path


def test_utf16_map_round_trip() -> None:
    text = "a𝐀b𝐁𝐂c"
    m = Utf16Map.of(text)
    units = text.encode("utf-16-le")
    for cp in range(len(text) + 1):
        u = m.cp_to_utf16(cp)
        assert u == len(text[:cp].encode("utf-16-le")) // 2
        assert m.utf16_to_cp(u) == cp
    assert m.length16 == len(units) // 2
    # an index inside a surrogate pair: start rounds down, end rounds up
    assert m.utf16_to_cp(2) == 1 and m.utf16_to_cp(2, round_up=True) == 2
    assert m.from_engine(2, 2) == (1, 2)
    assert Utf16Map.of("plain").wide == ()


def test_page_kind() -> None:
    assert page_kind("pdfium", "pdf") == "pdfium"
    assert page_kind("pypdf", "pdf") == "other"
    assert page_kind("pdfium", "ocr") == "ocr"
    assert page_kind("pypdf", "ocr") == "ocr"


def test_align_other_engine_text() -> None:
    stored = "The ﬁnancial 𝐀 rule\nnext line"  # pypdf keeps the ligature, other breaks
    engine = "The financial 𝐀 rule\r\nnext line"
    m = align(stored, engine)
    assert isinstance(m, AlignedMap)
    s = stored.index("rule")
    s16, n16 = m.to_engine(s, s + 4)
    eng16 = engine.encode("utf-16-le")
    assert eng16[2 * s16:2 * (s16 + n16)].decode("utf-16-le") == "rule"
    assert m.from_engine(s16, s16 + n16) == (s, s + 4)
    s = stored.index("\ufb01nancial")  # a word the engines spell differently
    s16, n16 = m.to_engine(s, s + len("\ufb01nancial"))
    assert eng16[2 * s16:2 * (s16 + n16)].decode("utf-16-le") == "financial"
    assert isinstance(align("same text", "same text"), Utf16Map)
    assert pdfium_text_as_stored("block\ufffeing") == "block\u00ading"


def test_ocr_span_between() -> None:
    boxes = [[0, 3, 10, 10, 30, 20], [4, 9, 35, 10, 60, 20], [10, 14, 10, 30, 40, 40]]
    assert ocr_span_between(boxes, (12, 12), (38, 35)) == (0, 14)
    assert ocr_span_between(boxes, (38, 35), (40, 15)) == (4, 14)  # backwards drag
    assert ocr_span_between([], (0, 0), (1, 1)) is None


def test_ocr_span_in_rect() -> None:
    """A rectangle on a scan: the words whose middle is inside, first to last in text
    order — two columns side by side give one column's text."""
    left = [[0, 4, 10, 10, 40, 20], [5, 9, 10, 30, 40, 40]]  # column 1, two lines
    right = [[10, 15, 60, 10, 90, 20], [16, 20, 60, 30, 90, 40]]  # column 2
    boxes = left + right
    assert ocr_span_in_rect(boxes, (5, 5, 45, 45)) == (0, 9)
    assert ocr_span_in_rect(boxes, (95, 45, 55, 5)) == (10, 20)  # drawn from the far corner
    assert ocr_span_in_rect(boxes, (5, 5, 20, 45)) is None  # grazes words, holds no middle
    assert ocr_span_in_rect([], (0, 0, 1, 1)) is None


def test_every_span_round_trips_through_pdfium(tmp_path: Path, library) -> None:
    from PySide6.QtPdf import QPdfDocument

    pdf = _make_pdf(tmp_path / "wide.pdf")
    rep = library.import_paths([pdf])
    assert rep.documents_added == 1
    doc = library.documents()[0]
    assert doc.engine == "pdfium"
    qdoc = QPdfDocument(None)
    assert qdoc.load(str(library.file_path(doc))) == QPdfDocument.Error.None_
    pages = library.catalog.pages(doc.id)
    assert "𝐀𝐁𝐂" in pages[0].text and "\u00ad" in pages[0].text  # the line-end hyphen
    for page in pages:
        assert page_kind(doc.engine, page.text_source) == "pdfium"
        text = page.text
        m = Utf16Map.of(text)
        spans = [(mt.start(), mt.end()) for mt in re.finditer(r"\S+", text)]
        spans += [(a[0], b[1]) for a, b in zip(spans, spans[1:])]  # pairs of words
        spans.append((0, len(text)))
        assert len(spans) > 10
        for start, end in spans:
            s16, n16 = m.to_engine(start, end)
            got = qdoc.getSelectionAtIndex(page.index, s16, n16).text()
            assert pdfium_text_as_stored(got) == text[start:end], (start, end)
            assert m.from_engine(s16, s16 + n16) == (start, end)
        # naive code-point indices are wrong on the page with wide characters
        if m.wide:
            s = text.index("blocking") if "blocking" in text else text.index("end")
            naive = qdoc.getSelectionAtIndex(page.index, s, 3).text()
            assert naive != text[s:s + 3]


def test_reordered_map_composes_runs_and_utf16() -> None:
    from briefer.core.offsets import ReorderedMap

    # engine order: "A 𝐀 CC BB end" ; stored (reading) order swaps the words "BB" and "CC"
    engine = "A 𝐀 CC BB end"
    stored = "A 𝐀 BB CC end"
    i_bb_s, i_cc_s = stored.index("BB"), stored.index("CC")
    i_bb_e, i_cc_e = engine.index("BB"), engine.index("CC")
    runs = [[i_bb_s, i_bb_e, 2], [i_cc_s, i_cc_e, 2]]
    m = ReorderedMap.of(runs, engine)
    units = engine.encode("utf-16-le")

    def text16(s16: int, n16: int) -> str:
        return units[2 * s16:2 * (s16 + n16)].decode("utf-16-le")

    assert [text16(*p) for p in m.to_engine_spans(i_bb_s, i_bb_s + 2)] == ["BB"]
    pieces = m.to_engine_spans(i_bb_s, i_cc_s + 2)  # "BB CC": three engine pieces
    assert [text16(*p) for p in pieces] == ["BB", " ", "CC"]
    assert [text16(*p) for p in m.to_engine_spans(0, 3)] == ["A 𝐀"]  # outside the runs
    s16, n16 = m.to_engine(i_cc_s, i_cc_s + 2)
    assert text16(s16, n16) == "CC"
    assert m.from_engine(s16, s16 + n16) == (i_cc_s, i_cc_s + 2)
