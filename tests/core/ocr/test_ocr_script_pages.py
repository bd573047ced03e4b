"""Issue 18: a scan whose cover is in one script and whose body in another is read page by
page in each page's languages, and the window's call (languages 'auto') follows the command
line's policy instead of the English preference."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.core.ocr import ocr
from tests import ocrgen

needs_urdu = pytest.mark.skipif(
    ocr.tesseract() is None or "urd" not in ocr.tesseract().languages,
    reason="Tesseract with Urdu data (tesseract-ocr-urd) is not installed")


def _arabic(text: str) -> int:
    return sum("\u0600" <= c <= "\u06ff" for c in text)


def _latin(text: str) -> int:
    return sum(c.isascii() and c.isalpha() for c in text)


def _gazette(path: Path) -> Path:
    """An English cover over two Urdu pages (image only)."""
    pages = [["THE GAZETTE OF PAKISTAN", "EXTRAORDINARY", "PUBLISHED BY AUTHORITY",
              "ISLAMABAD, MONDAY, MARCH 2, 2026"],
             [ocrgen.URDU_SENTENCES[1], ocrgen.URDU_SENTENCES[3], ocrgen.URDU_SENTENCES[6]],
             [ocrgen.URDU_SENTENCES[2], ocrgen.URDU_SENTENCES[4], ocrgen.URDU_SENTENCES[7]]]
    try:
        return ocrgen.make_urdu_scan(path, pages)
    except ocrgen.NoShaping as exc:
        pytest.skip(str(exc))


@needs_urdu
def test_an_english_cover_over_an_urdu_body_is_read_page_by_page(tmp_path: Path):
    from briefer.core.ops import ocr as ocr_ops
    from briefer.core.ops.documents import add_files
    from briefer.core.ops.session import Session

    path = _gazette(tmp_path / "gazette.pdf")
    session = Session.open(tmp_path / "lib")
    try:
        (o,) = add_files(session, [path], ocr=False).outcomes
        # what the window passes when the user has not picked languages
        rep = ocr_ops.run_ocr(session, [o.doc_id], languages=ocr_ops.AUTOMATIC, processes=2)
        (d,) = rep.documents
        assert d.done == 3, d
        assert d.languages.startswith("urd") and d.page_languages.get(0, "").startswith("eng")
        cat = session.library().catalog
        cover, body1, body2 = (cat.page(o.doc_id, i).text for i in range(3))
        assert _latin(cover) > 30 and _arabic(cover) < 5, cover
        for text in (body1, body2):
            assert _arabic(text) > 30, text
        assert "GAZETTE" in cover.upper()
    finally:
        session.close()


def test_automatic_languages_pass_the_language_check():
    from briefer.core.ops import ocr as ocr_ops

    for spec in (None, "", "auto", "Automatic"):
        assert ocr_ops.is_automatic(spec)
        ocr_ops.check_languages(spec)  # never "language data not installed"
    assert not ocr_ops.is_automatic("eng")


@needs_urdu
def test_an_import_with_automatic_languages_reads_each_page_in_its_script(tmp_path: Path):
    """The window's import passes its OCR preference ('auto' by default): was 'eng' for
    every document, whatever its script."""
    from briefer.core.ops import ocr as ocr_ops
    from briefer.core.ops.documents import add_files
    from briefer.core.ops.session import Session

    path = _gazette(tmp_path / "gazette.pdf")
    session = Session.open(tmp_path / "lib")
    try:
        rep = add_files(session, [path], ocr=True, ocr_lang=ocr_ops.AUTOMATIC, processes=2)
        (o,) = rep.outcomes
        cat = session.library().catalog
        assert _latin(cat.page(o.doc_id, 0).text) > 30
        assert _arabic(cat.page(o.doc_id, 1).text) > 30
    finally:
        session.close()
