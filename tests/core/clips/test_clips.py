"""Clips: passages found across line breaks, offsets, cleaned text, locators."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from briefer.core.briefs.briefs import BriefStore, CommandStack, CreateClip, EditClip
from briefer.core.clips.clips import (
    ClipError, PassageNotFound, clean_quote, clip_text, find_passage, quote_words, resolve_page)
from briefer.core.library import Library
from briefer.core.clips.locators import detect_locator
from tests import pdfgen


@pytest.fixture(scope="module")
def legal(tmp_path_factory):
    """A library with the generated rules, act and judgment, and their descriptions."""
    d = tmp_path_factory.mktemp("legal")
    gens = {"rules": pdfgen.make_rules_pdf(d / "rules.pdf"),
            "act": pdfgen.make_act_pdf(d / "act.pdf"),
            "judgment": pdfgen.make_judgment_pdf(d / "judgment.pdf")}
    lib = Library.open(d / "lib")
    lib.import_paths([g.path for g in gens.values()], processes=1)
    docs = {k: lib.resolve(f"{k if k != 'judgment' else 'judgment'}.pdf") for k in gens}
    yield lib, gens, docs
    lib.close()


def _words(text: str) -> list[str]:
    return [w.lower() for w in text.split()]


@pytest.mark.parametrize("kind", ["rules", "act", "judgment"])
def test_locators_of_every_provision(legal, kind):
    lib, gens, docs = legal
    doc, gen = docs[kind], gens[kind]
    pages = [p.text for p in lib.catalog.pages(doc.id)]
    checked = 0
    for prov in gen.provisions:
        if prov.kind == "tail":
            continue
        start = prov.offset
        end = start + len(prov.snippet)
        assert pages[prov.page][start:end] == prov.snippet
        loc = detect_locator(pages, prov.page, start, end, doc_type=doc.doc_type, title=doc.title)
        assert loc == prov.citation, (prov.citation, loc)
        checked += 1
    assert checked >= 15


def test_clip_rule_5_1_b_from_typed_text(legal):
    lib, gens, docs = legal
    doc = docs["rules"]
    prov = gens["rules"].provision("Rule 5(1)(b)")
    page = resolve_page(lib.catalog, doc, page_number=prov.page + 1)
    # typed as one line, without the line break the page has after "content data"
    typed = ("to provide, within seventy-two hours, any subscriber information, traffic data or "
             "content data relating to a user who is alleged to have posted such online content")
    clip = clip_text(lib.catalog, doc, page, typed)
    assert page.text[clip.start:clip.end] == clip.text
    assert "\r\n" in clip.text  # the passage crosses a line break on the page
    assert clip.display_text == typed
    assert clip.locator == "Rule 5(1)(b)"
    assert clip.page_label == gens["rules"].printed_numbers[prov.page] == clip.page_cite
    assert clip.page_label != str(prov.page + 1)  # printed label, not the PDF page number
    # by printed label
    same = resolve_page(lib.catalog, doc, label=clip.page_label)
    assert same.index == page.index


def test_clip_offsets_round_trip_through_the_store(legal):
    lib, gens, docs = legal
    store = BriefStore(lib.catalog)
    doc = docs["judgment"]
    prov = gens["judgment"].provision("para 12")
    page = lib.catalog.page(doc.id, prov.page)
    clip = clip_text(lib.catalog, doc, page, "Rule 5(1)(b) requires a social media company")
    assert clip.locator == "para 12"
    cmd = CommandStack(store).push(CreateClip(clip))
    back = store.clips.get(cmd.clip_id)
    assert lib.catalog.page(doc.id, back.page_index).text[back.start:back.end] == back.text
    assert back.to_json() == clip.to_json()
    # override the locator, then undo
    stack = CommandStack(store)
    stack.push(EditClip(back.id, locator="para 12, first sentence"))
    assert store.clips.get(back.id).locator == "para 12, first sentence"
    stack.undo()
    assert store.clips.get(back.id).locator == "para 12"
    assert store.clips.get(back.id).to_json() == back.to_json()


def test_passage_not_on_the_page_is_a_clear_error(legal):
    lib, gens, docs = legal
    doc = docs["rules"]
    prov = gens["rules"].provision("Rule 5(1)(b)")
    other = lib.catalog.page(doc.id, 0)
    with pytest.raises(PassageNotFound) as err:
        clip_text(lib.catalog, doc, other, "subscriber information, traffic data or content data")
    assert prov.page + 1 in err.value.other_pages
    assert "not on page 1" in str(err.value)
    with pytest.raises(ClipError):
        resolve_page(lib.catalog, doc, page_number=99)
    with pytest.raises(ClipError):
        resolve_page(lib.catalog, doc, label="xiv")


def test_hyphenated_line_break_found_and_joined():
    raw = "the regu-\r\nlation of seventy\u00adtwo plat\u00adforms and the Na-\r\ntional body"
    assert find_passage(raw, "regulation of seventy-two platforms") == [(4, 43)]
    assert find_passage(raw, "regulation of seventytwo platforms") == [(4, 43)]
    assert clean_quote(raw[4:43], {"seventy-two"}) == "regulation of seventy-two platforms"
    assert clean_quote(raw) == "the regulation of seventytwo platforms and the National body"
    assert clean_quote("Rule 5-\r\n6 of the Act") == "Rule 5-6 of the Act"
    assert clean_quote("an \ufb01ne of\x00\x0c \ufb02ows\u00a0here") == "an fine of flows here"


_word = st.text(alphabet=st.sampled_from(list("abcdefghijkz\ufb01\ufb02ABC09")), min_size=1,
                max_size=8)
_sep = st.sampled_from([" ", "  ", "\r\n", "-\r\n", "\u00ad", " \t", "\n", "\x0c", "\u00a0"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_word, _sep), min_size=1, max_size=12))
def test_cleaning_keeps_every_word(parts):
    raw = "".join(w + s for w, s in parts)
    cleaned = clean_quote(raw)
    assert quote_words(cleaned) == quote_words(raw)
    # nothing but spelt-out ligatures, joined breaks and single spaces differ
    nfkc = unicodedata.normalize("NFKC", raw)
    assert "".join(cleaned.split()).replace("-", "") == \
        "".join(nfkc.split()).replace("-", "").replace("\u00ad", "")
