"""Right-to-left lines in reading order (briefer.core.files.textorder) and pages that are
already in reading order left untouched by extraction."""

from __future__ import annotations

import pytest

from briefer.core.catalog import pageorder
from briefer.core.files import textorder
from briefer.core.files.extract import extract_pdf
from briefer.core.files.textorder import (LineOrder, from_engine_index, logical_lines,
                                          to_engine_index)
from tests import pdfgen

LOGICAL = "قومی رابطہ کار کو (مواد) ہٹانے کا Rules 2026 اختیار"
WORDS = LOGICAL.split(" ")


def _visual_words(line: str) -> str:
    """The line as a visual-order producer stores it: words (and the Latin run, whole)
    right to left, brackets as they look on the page."""
    units = ["اختیار", "Rules 2026", "کا", "ہٹانے", ")مواد(", "کو", "کار", "رابطہ", "قومی"]
    assert " ".join(reversed(units)).replace(")مواد(", "(مواد)") == line
    return " ".join(units)


def _check_map(stored: str, engine: str, runs) -> None:
    mirror = str.maketrans("()", ")(")
    for i, ch in enumerate(stored):
        j = to_engine_index(runs, i)
        assert engine[j] in (ch, ch.translate(mirror)), (i, ch, j)
        assert from_engine_index(runs, j) == i


def test_words_in_visual_order_come_back_in_reading_order_with_a_map():
    engine = _visual_words(LOGICAL) + "\r\nEnglish line stays\r\n"
    text, runs = logical_lines(engine, lambda a, b: LineOrder(words=True))
    assert text == LOGICAL + "\r\nEnglish line stays\r\n"
    assert runs is not None
    _check_map(text, engine, runs)
    # the phrase as a reader types it is now in the stored text
    assert "ہٹانے کا Rules 2026 اختیار" in text


def test_letters_in_visual_order_are_reversed_within_words():
    engine = " ".join(w[::-1] for w in ["قومی", "رابطہ", "کار"])
    text, runs = logical_lines(engine, lambda a, b: LineOrder(letters=True))
    assert text == "قومی رابطہ کار"
    _check_map(text, engine, runs)
    # a fully visual line (words and letters) is reversed as a whole
    full = "قومی رابطہ کار"[::-1]
    text, runs = logical_lines(full, lambda a, b: LineOrder(words=True, letters=True))
    assert text == "قومی رابطہ کار"
    _check_map(text, full, runs)


def test_lines_in_reading_order_and_other_scripts_are_untouched():
    text = LOGICAL + "\nPlain English (with brackets)."
    assert logical_lines(text, lambda a, b: LineOrder()) == (text, None)
    english = "Only English here (1)."
    assert logical_lines(english, lambda a, b: LineOrder(words=True)) == (english, None)
    assert to_engine_index(None, 7) == 7 and from_engine_index(None, 7) == 7


def test_line_order_is_judged_from_glyph_positions():
    # reading order: each word left of the one before, each word's last letter left of its first
    assert not textorder.line_order([500, 450, 400], [(500, 470), (450, 420)]).visual
    assert textorder.line_order([100, 150, 200], [(130, 100)]).words
    assert textorder.line_order([500, 450], [(100, 130), (140, 170)]).letters
    assert not textorder.line_order([300], []).visual  # one word: nothing to judge


@pytest.mark.parametrize("shaped", [False, True])
def test_urdu_pdfs_in_reading_order_stay_as_pdfium_gives_them(tmp_path, shaped):
    gen = pdfgen.make_urdu_pdf(tmp_path / "urdu.pdf", shaped=shaped)
    res = extract_pdf(gen.path)
    page = res.pages[0]
    assert page.order is None
    assert page.text == pdfgen.pdfium_texts(gen.path)[0].replace("\ufffe", "\u00ad")
    assert "قومی رابطہ کار کو مواد ہٹانے کا اختیار دیا گیا ہے" in page.text


def test_runs_are_kept_with_the_page_in_the_catalog(tmp_path):
    from briefer.core.library import Library

    with Library.open(tmp_path / "lib") as lib:
        gen = pdfgen.make_text_pdf(tmp_path / "a.pdf", ["Some text on a page here."])
        doc_id = lib.import_paths([gen.path]).outcomes[0].doc_id
        assert pageorder.page_order(lib.catalog, doc_id, 0) is None
        pageorder.store_orders(lib.catalog, doc_id, {0: [[0, 5, 3], [3, 0, 5]]})
        assert pageorder.page_order(lib.catalog, doc_id, 0) == [[0, 5, 3], [3, 0, 5]]
        pageorder.store_orders(lib.catalog, doc_id, {})
        assert pageorder.page_order(lib.catalog, doc_id, 0) is None
