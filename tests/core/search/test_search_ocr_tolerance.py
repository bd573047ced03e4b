"""Search on OCR pages tolerates OCR noise: a word that is on no page exactly is tried with
one edit, on OCR pages only, and the result says so (``ocr_tolerance.NOTE``). The OCR page
is made through the catalog's public ``set_page_text(..., text_source="ocr")`` and the
re-index that opening the library does for a document whose index flag was cleared."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.core.library import Library
from briefer.core.search import ocr_tolerance
from briefer.core.text.query import parse
from briefer.core.search.search import search
from tests import pdfgen

SCANNED = "The National Coordlnator may order the blocking of content within six hours."
DIGITAL = "A digital page that mentions the Coordinatar of telecoms and the blocking rules."


@pytest.fixture(scope="module")
def lib_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("ocrtol")
    pdfgen.make_text_pdf(d / "scan.pdf", [SCANNED, DIGITAL], title="Scanned order")
    with Library.open(d / "lib") as lib:
        lib.import_paths([d / "scan.pdf"], processes=1)
    return d / "lib"


def _hits(lib, q):
    res = search(lib, q, record=False)
    return res, {(h.doc_id, h.page_index) for h in res.hits}


def test_near_words_on_text_layers_are_not_tolerated_then_ocr_pages_are(lib_dir):
    with Library.open(lib_dir) as lib:
        doc = lib.catalog.documents()[0]
        res, hits = _hits(lib, "coordinator")
        assert hits == set() and ocr_tolerance.NOTE not in res.notes
        page = lib.catalog.page(doc.id, 0)
        lib.catalog.set_page_text(doc.id, 0, page.text, text_source="ocr", needs_ocr=False,
                                  ocr_confidence=71.0)
    with Library.open(lib_dir) as lib:  # re-indexes the document whose flag was cleared
        doc = lib.catalog.documents()[0]
        assert lib.document(doc.id).indexed
        res, hits = _hits(lib, "coordinator")
        # the OCR page's misreading is found; the text layer's "Coordinatar" is not
        assert hits == {(doc.id, 0)}
        assert ocr_tolerance.NOTE in res.notes and res.total == 1
        assert res.documents[0].hits[0].ocr
        # with another word that is there exactly: still only the OCR page
        res, hits = _hits(lib, "national coordinator")
        assert hits == {(doc.id, 0)} and ocr_tolerance.NOTE in res.notes
        # exact matches need no tolerance and get no note
        res, hits = _hits(lib, "blocking")
        assert hits == {(doc.id, 0), (doc.id, 1)} and ocr_tolerance.NOTE not in res.notes
        # nothing one edit away: nothing found, no note
        res, hits = _hits(lib, "zebrafish")
        assert hits == set() and ocr_tolerance.NOTE not in res.notes


def test_loosen_touches_only_plain_missing_words():
    known = {"nation", "block"}.__contains__
    q = parse('national coordinator "blocking order" regulat* -coordinatez title:coordinatir')
    loose = ocr_tolerance.loosen(q.root, known)
    words = [n for n in loose.items if hasattr(n, "mode")]
    modes = {n.text: (n.mode, n.distance) for n in words}
    assert modes["coordinator"] == ("fuzzy", 1)
    assert modes["national"] == ("word", None)  # known: stays exact
    assert modes["coordinatir"] == ("word", None)  # a field: stays exact
    assert ocr_tolerance.loosen(parse("national blocking").root, known) is None
    assert ocr_tolerance.loosen(parse("abc").root, known) is None  # too short to loosen
