"""Extraction of generated PDFs with known content, both text engines."""

from __future__ import annotations

import pytest

from briefer.core.text.analysis import normalise_word, terms
from briefer.core.files.extract import extract_pdf
from tests import pdfgen


@pytest.mark.parametrize("engine", ["pdfium", "pypdf"])
def test_known_words_on_known_pages(tmp_path, engine):
    gen = pdfgen.make_text_pdf(tmp_path / "t.pdf", [
        "The National Coordinator may order blocking.", "Page two mentions retention.",
        "Third page: proportionality."])
    r = extract_pdf(gen.path, engine=engine)
    assert r.status == "ok" and r.engine == engine
    assert len(r.pages) == 3
    assert "Coordinator" in r.pages[0].text and "Coordinator" not in r.pages[1].text
    assert "retention" in r.pages[1].text
    assert "proportionality" in r.pages[2].text
    assert [p.label for p in r.pages] == ["1", "2", "3"]


def test_pdf_page_labels(generated):
    gen = generated["labelled"]
    r = extract_pdf(gen.path)
    assert [p.label for p in r.pages] == gen.page_labels
    assert {p.label_source for p in r.pages} == {"pdf"}


@pytest.mark.parametrize("style", ["plain", "dashed", "page"])
def test_printed_page_numbers_without_labels(tmp_path, style):
    gen = pdfgen.make_printed_numbers_pdf(tmp_path / "p.pdf", n_front=3, first_number=11,
                                          n_numbered=6, style=style)
    r = extract_pdf(gen.path)
    labels = [p.label for p in r.pages]
    assert labels[3:] == [str(n) for n in range(11, 17)]
    assert r.pages[3].label_source == "printed"
    assert [p.label_source for p in r.pages[:3]] == ["index"] * 3


def test_outline(generated):
    gen = generated["outline"]
    r = extract_pdf(gen.path)
    got = [(level, title, page) for level, title, page in r.outline]
    want = [(e.level, e.title, e.page) for e in gen.outline]
    assert got == want


def test_encrypted_needs_password_then_opens(generated):
    gen = generated["encrypted"]
    r = extract_pdf(gen.path)
    assert r.status == "needs_password" and r.reason == "password protected"  # no command names
    r = extract_pdf(gen.path, password="not-it")
    assert r.status == "needs_password" and r.reason == "wrong password"
    r = extract_pdf(gen.path, password=gen.user_password)
    assert r.status == "ok" and r.encrypted
    assert gen.words[0][0] in r.pages[0].text


def test_owner_only_encryption_opens_without_password(generated):
    r = extract_pdf(generated["owner_only"].path)
    assert r.status == "ok" and r.encrypted


def test_scan_with_watermark_needs_ocr(generated):
    r = extract_pdf(generated["scanned"].path)
    assert r.status == "needs_ocr"
    assert all(p.needs_ocr for p in r.pages)
    assert "OCR" in r.reason


def test_urdu_text_is_extracted_in_logical_order(generated):
    if "urdu" not in generated:
        pytest.skip("no font with Arabic script on this machine")
    gen = generated["urdu"]
    r = extract_pdf(gen.path)
    assert r.status == "ok"
    got = {t.text for t in terms(r.pages[0].text)}
    word = gen.notes["diacritic_word"]
    assert normalise_word(word) in got
    assert normalise_word("قواعد") in got


def test_ligatures_fold_to_plain_letters(generated):
    if "ligature" not in generated:
        pytest.skip("no font with ligature glyphs on this machine")
    r = extract_pdf(generated["ligature"].path)
    words = {t.text for t in terms(r.pages[0].text)}
    assert normalise_word("financial") in words and normalise_word("definition") in words


@pytest.mark.parametrize("kind,expected", [
    ("not_pdf", "HTML page"), ("empty", "empty file")])
def test_files_that_are_not_pdfs_get_a_plain_reason(generated, kind, expected):
    r = extract_pdf(generated[kind])
    assert r.status == "failed" and expected in r.reason


@pytest.mark.parametrize("kind", ["truncated", "corrupt_xref"])
def test_damaged_files_never_raise(generated, kind):
    gen = generated[kind]
    r = extract_pdf(gen.path)
    assert r.status in ("ok", "failed")
    if r.status == "failed":
        assert r.reason
    else:
        assert r.pages


def test_metadata_title_from_pdf_info(tmp_path):
    gen = pdfgen.make_text_pdf(tmp_path / "x.pdf", ["Some body text for the page."],
                               title="Social Media Rules 2026", author="Ministry")
    r = extract_pdf(gen.path)
    assert r.info["title"] == "Social Media Rules 2026"
