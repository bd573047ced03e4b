"""The locator a clip stores: the provision tree's reading, or nothing when it is uncertain."""

from __future__ import annotations

from briefer.core.clips.locators import detect_locator, locate

CONSTITUTION = [
    "THE CONSTITUTION OF EXAMPLELAND\nARRANGEMENT OF ARTICLES\n1. The Republic.\n"
    "19. Freedom of speech, etc.\n19A. Right to information.\n280. Commencement.",
    "CONSTITUTION OF EXAMPLELAND 11\nFreedom of speech, etc.\n"
    "19. Every citizen shall have the right to freedom of speech and expression.\n"
    "Right to information.\n1\n[19A. Every citizen shall have the right to have access to "
    "information.]\n1 Ins. by the Eighteenth Amendment.\n"
    "280. This Constitution shall come into force\u2014\n(a) as regards its first part; and\n"
    "(b) as regards the rest, on the commencing day.",
]


def _span(page: str, text: str) -> tuple[int, int]:
    a = page.index(text)
    return a, a + len(text)


def test_article_19_after_an_arrangement_of_articles():
    title = "The Constitution of Exampleland"
    a, b = _span(CONSTITUTION[1], "freedom of speech and expression")
    assert detect_locator(CONSTITUTION, 1, a, b, doc_type="law", title=title) == "Article 19"
    a, b = _span(CONSTITUTION[1], "have access to information")
    assert detect_locator(CONSTITUTION, 1, a, b, doc_type="law", title=title) == "Article 19A"
    a, b = _span(CONSTITUTION[1], "as regards the rest")
    assert detect_locator(CONSTITUTION, 1, a, b, doc_type="law", title=title) == "Article 280(b)"


def test_pages_up_to_the_passage_are_enough():
    a, b = _span(CONSTITUTION[1], "freedom of speech and expression")
    assert detect_locator(CONSTITUTION[:2], 1, a, b, doc_type="law",
                          title="Constitution") == "Article 19"


def test_uncertain_gives_no_locator_but_locate_says_why():
    a, b = _span(CONSTITUTION[0], "Freedom of speech, etc.")
    assert detect_locator(CONSTITUTION, 0, a, b, doc_type="law", title="Constitution") == ""
    loc = locate(CONSTITUTION, 0, a, b, doc_type="law", title="Constitution")
    assert loc.uncertain and "contents" in loc.reason
    a, b = _span(CONSTITUTION[0], "THE CONSTITUTION")
    loc = locate(CONSTITUTION, 0, a, b, doc_type="law", title="Constitution")
    assert loc.text == "" and not loc.uncertain  # before any provision: simply no locator


def test_unit_word_follows_the_document():
    pages = ["5. Powers.\u2014(1) The Coordinator may act.\n(2) He shall record reasons."]
    a, b = _span(pages[0], "record reasons")
    assert detect_locator(pages, 0, a, b, doc_type="rule") == "Rule 5(2)"
    assert detect_locator(pages, 0, a, b, doc_type="law") == "Section 5(2)"
    pages = ["Section 7. Notices.\u2014Every notice shall be in writing."]
    a, b = _span(pages[0], "in writing")
    assert detect_locator(pages, 0, a, b, doc_type="rule") == "Section 7"


def test_a_clip_on_a_merged_constitution_cites_the_printed_page_and_the_article(tmp_path):
    """The whole user path: import (labels chosen, metadata guessed in the worker), clip."""
    from briefer.core.clips.clips import clip_text, find_passage
    from briefer.core.library import Library
    from tests.corpus.fidelity_gen import make_constitution_pdf

    path = make_constitution_pdf(tmp_path / "constitution.pdf")
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([path], processes=1)
        doc = lib.resolve("constitution.pdf")
        assert doc.title == "The Constitution of the Islamic Republic of Pakistan"
        assert doc.date == "1973-04-12"
        text = "Every citizen shall have the right to freedom of speech and expression"
        page = next(p for p in lib.catalog.pages(doc.id) if p.index > 3 and
                    find_passage(p.text, text))
        clip = clip_text(lib.catalog, doc, page, text)
        assert (clip.page_index + 1, clip.page_cite, clip.label_source) == (7, "3", "printed")
        assert clip.locator == "Article 19"
        front = lib.catalog.page(doc.id, 1)
        assert (front.label, front.label_source) == ("M-2", "pdf")


def test_the_pdfs_own_label_is_kept_beside_the_printed_one(tmp_path):
    from briefer.core.library import Library
    from tests.corpus.fidelity_gen import make_constitution_pdf

    path = make_constitution_pdf(tmp_path / "constitution.pdf")
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([path], processes=1)
        doc = lib.resolve("constitution.pdf")
        page = lib.catalog.page(doc.id, 6)
        # the reader can show "PDF p. 7 (labelled 7) · printed p. 3"
        assert (page.number, page.pdf_label, page.label, page.label_source) == \
            (7, "7", "3", "printed")
        assert lib.catalog.page(doc.id, 0).pdf_label == ""  # no printed number: label is the PDF's
