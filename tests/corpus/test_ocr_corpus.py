"""Real scans from ../shared/corpus become searchable by OCR.

The words below were picked by looking at the rendered pages (and, for the US files, from
freelawproject/doctor's own OCR expectations in EXPECTATIONS.md section 3). Skipped when
the corpus or Tesseract is absent. A handful of scanned files only: OCR costs ~1 s a page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefer.core.ocr import ocr
from briefer.core.library import Library
from briefer.core.search.search import search

pytestmark = pytest.mark.skipif(ocr.tesseract() is None, reason="tesseract is not installed")

SINDH = "domain/pk_judgments_sindh-hc"
US = "domain/us_courts_doctor"

# file -> words visible on the scan -> the page (counted from 1) that shows them
SCANS = {
    # CamScanner photo: the only text layer is the watermark
    f"{SINDH}/MjQwMTQ5Y2Ztcy1kYzgz.pdf": {"Solangi": 1, "redressal": 1, "antedated": 1},
    # phone scan without any text layer
    f"{SINDH}/MjU3MjkxY2Ztcy1kYzgz.pdf": {"Shikarpur": 1, "Khoonharo": 1, "acquitted": 1},
    # scanned SCOTUS slip opinion (doctor: no text without OCR)
    f"{US}/image-pdf.pdf": {"Syllabus": 1, "TARRANT": 1, "HERRMANN": 1},
    f"{US}/image-pdf-2.pdf": {"Morristown": 1, "Goodwin": 1},
    f"{US}/recap_documents__ca4_17.pdf": {"APPEARANCE": 1, "Russell": 1},
    # page 1 has text, page 2 is a scan (doctor extracts this file by OCR)
    f"{US}/recap_extract__gov.uscourts.cand.203070.27.0.pdf": {"STIPULATED": 2},
}
VARIATION = f"{US}/ocr_pdf_variation.pdf"


@pytest.fixture(scope="module")
def ocr_library(corpus: Path, tmp_path_factory):
    lib = Library.open(tmp_path_factory.mktemp("ocr-corpus") / "lib")
    rep = lib.import_paths([corpus / f for f in list(SCANS) + [VARIATION]], ocr=True,
                           processes=2)
    ids = {str(Path(o.path).relative_to(corpus)): o.doc_id for o in rep.outcomes}
    yield lib, rep, ids
    lib.close()


def _hits(lib: Library, word: str) -> set[tuple[int, int]]:
    return {(h.doc_id, h.page_number) for h in search(lib, word, record=False).hits}


def test_scanned_files_were_flagged_and_read(ocr_library):
    lib, rep, ids = ocr_library
    assert rep.ocr is not None and rep.ocr.available and rep.ocr.pages_failed == 0
    assert rep.ocr.pages_done == 7
    for rel in SCANS:
        doc = lib.document(ids[rel])
        assert doc.status == "ok" and doc.ocr_pages == 0, (rel, doc.status, doc.reason)
        assert "read by OCR" in doc.reason
        for p in lib.catalog.pages(doc.id):
            if ocr.page_is_ocr(p):
                assert p.ocr_confidence is not None and p.ocr_confidence > 60, (rel, p.index)


@pytest.mark.parametrize("rel", list(SCANS))
def test_words_on_the_scans_are_found_on_their_page(ocr_library, rel):
    lib, _, ids = ocr_library
    doc_id = ids[rel]
    for word, page in SCANS[rel].items():
        assert (doc_id, page) in _hits(lib, word), (rel, word)
        assert ocr.page_is_ocr(lib.catalog.page(doc_id, page - 1))


def test_doctor_expectations_for_the_scanned_slip_opinion(ocr_library):
    lib, _, ids = ocr_library
    text = lib.catalog.page(ids[f"{US}/image-pdf.pdf"], 0).text
    flat = re.sub(r"\s+", " ", text)
    # doctor: "(Slip Opinion) OCTOBER TERM, 2012 1Syllabus NOTE: Where it is feasible, ..."
    assert flat.startswith("(Slip Opinion) OCTOBER TERM, 2012")
    assert "NOTE: Where it is feasible, a syllabus (headnote) will be released" in flat


def test_text_under_a_small_image_is_read_when_asked(ocr_library):
    """ocr_pdf_variation.pdf: only a header line is text; 'UNITED' is an 87x30 image, too
    small for import to call the page a scan. Reading all its pages finds the word."""
    lib, _, ids = ocr_library
    doc_id = ids[VARIATION]
    assert not {h for h in _hits(lib, "UNITED") if h[0] == doc_id}
    assert ocr.request_ocr(lib, doc_id, all_pages=True) == 1
    r = ocr.run_ocr(lib, [doc_id], processes=1)
    assert r.pages_done == 1
    assert {h for h in _hits(lib, "UNITED") if h[0] == doc_id} == {(doc_id, 1)}
    assert "21-1298" in lib.catalog.page(doc_id, 0).text  # the header line is still there
    # and removing OCR restores the page as import left it (not flagged)
    ocr.remove_ocr(lib, doc_id)
    page = lib.catalog.page(doc_id, 0)
    assert not page.needs_ocr and page.text_source == "pdf" and "UNITED" not in page.text
    assert not {h for h in _hits(lib, "UNITED") if h[0] == doc_id}
