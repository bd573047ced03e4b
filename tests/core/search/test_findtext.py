"""Find in document: spans per page in the stored text, options, ligatures, Urdu, CJK."""

from __future__ import annotations

from briefer.core.search.findtext import find_in_document, find_in_pages, find_in_text
from tests import pdfgen


def _found(text, needle, **kw):
    return [text[a:b] for a, b in find_in_text(text, needle, **kw)]


def test_default_folding_like_pdfjs():
    raw = "The Na-\r\ntional Coordinator’s ﬁle: ½ of Café; Coordinator."
    assert _found(raw, "national coordinator") == ["Na-\r\ntional Coordinator"]
    assert _found(raw, "coordinator") == ["Coordinator", "Coordinator"]
    assert _found(raw, "file") == ["ﬁle"]
    assert _found(raw, "1/2") == ["½"]
    assert _found(raw, "cafe") == ["Café"]
    assert _found(raw, "coordinator's") == ["Coordinator’s"]


def test_options():
    raw = "Dynamic dynamics DYNAMIC café cafe"
    assert len(_found(raw, "dynamic")) == 3
    assert _found(raw, "Dynamic", case_sensitive=True) == ["Dynamic"]
    assert _found(raw, "dynamic", whole_word=True) == ["Dynamic", "DYNAMIC"]
    assert _found(raw, "café", match_diacritics=True) == ["café"]
    assert _found(raw, "café") == ["café", "cafe"]


def test_cjk_line_breaks_and_digit_hyphens():
    assert _found("検知機\r\n構を", "検知機構") == ["検知機\r\n構"]
    assert _found("lists/2008-\r\n02/msg", "2008-02") == ["2008-\r\n02"]


def test_several_needles_do_not_count_a_match_twice():
    raw = "an alternate solution; a solution"
    assert len(find_in_text(raw, ["alternate", "solution"])) == 3
    assert len(find_in_text(raw, ["alternate solution", "solution"])) == 2


def test_empty_and_odd_needles():
    assert find_in_text("some text", "") == []
    assert find_in_text("some text", "   ") == []
    assert find_in_text("", "x") == []
    assert find_in_text("a\x00b", "\x00") is not None


def test_find_in_document_pages_labels_and_spans(library, tmp_path):
    pdfgen.make_text_pdf(tmp_path / "a.pdf", [
        "The ﬁrst page names the National Coordinator.",
        "Nothing here.",
        "The coordinator, the COORDINATOR and the co-\nordinator again.",
    ])
    pdfgen.make_ligature_pdf(tmp_path / "lig.pdf")
    pdfgen.make_urdu_pdf(tmp_path / "ur.pdf")
    library.import_paths([tmp_path / "a.pdf", tmp_path / "lig.pdf", tmp_path / "ur.pdf"],
                         processes=1)
    a = library.resolve("a.pdf")
    res = find_in_document(library, a.id, "coordinator")
    assert res.counts_per_page() == [1, 0, 3]
    for p in res.pages:
        text = library.catalog.page(a.id, p.page_index).text
        for s, e in p.spans:
            assert text[s:e].translate({0x2D: None, 0xA: None, 0xD: None, 0xAD: None}).lower() \
                == "coordinator"
        assert p.page_label == str(p.page_index + 1)
    assert find_in_document(library, a.id, "coordinator", case_sensitive=True).total == 2
    assert find_in_document(library, a.id, "first").total == 1

    lig = library.resolve("lig.pdf")
    text = library.catalog.page(lig.id, 0).text
    got = find_in_document(library, lig.id, "officer")
    assert got.total == 1
    s, e = got.pages[0].spans[0]
    assert text[s:e] in ("officer", "o\ufb03cer")

    ur = library.resolve("ur.pdf")
    utext = library.catalog.page(ur.id, 0).text
    res = find_in_document(library, ur.id, "معاشرہ")  # typed without diacritics
    assert res.total == 1
    s, e = res.pages[0].spans[0]
    assert utext[s:e] == "مُعَاشِرَہ"
    assert find_in_document(library, ur.id, "معاشرہ", match_diacritics=True).total == 0


def test_find_in_pages_counts():
    res = find_in_pages(["a b a", "", "A"], "a")
    assert res.counts_per_page() == [2, 0, 1] and res.total == 3


def test_a_word_hyphenated_inside_a_line_is_found_whole():
    from briefer.core.search.findtext import find_in_text

    text = "the educa-tional institutions and seventy-two members; Non-Muslim voters"
    (span,) = find_in_text(text, "educational")
    assert text[span[0]:span[1]] == "educa-tional"
    assert find_in_text(text, "educa-tional") == [span]  # as written, once
    (two,) = find_in_text(text, "seventy-two")
    assert text[two[0]:two[1]] == "seventy-two"
    assert find_in_text(text, "educational", whole_word=True) == [span]
    # only between lowercase letters: a capital or a digit keeps its hyphen
    assert find_in_text(text, "NonMuslim") == []
    assert find_in_text("rule 5-b applies", "5b") == []


def test_search_finds_a_word_hyphenated_inside_a_line(tmp_path):
    from briefer.core.library import Library
    from briefer.core.search.search import search

    gen = pdfgen.make_text_pdf(tmp_path / "a.pdf", [
        "Admission to the educa-tional institutions of the province is open to all.",
        "The seventy-two members voted. Educational reform is due next year."])
    with Library.open(tmp_path / "lib") as lib:
        doc_id = lib.import_paths([gen.path]).outcomes[0].doc_id
        pages = {h.page_number for h in search(lib, "educational", record=False).hits}
        assert pages == {1, 2}
        assert {h.page_number for h in search(lib, '"educational institutions"',
                                              record=False).hits} == set()  # a phrase stays exact
        assert {h.page_number for h in search(lib, "seventy", record=False).hits} == {2}
        assert {h.page_number for h in search(lib, '"seventy-two"', record=False).hits} == {2}
        assert {h.page_number for h in search(lib, "two", record=False).hits} == {2}
        assert doc_id
