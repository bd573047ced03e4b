"""Quotes as a reader reads them: footnote references and amendment markers are left out of
a clip's display text (from the page's layout where it can be read, else only digits
before an amendment's "["), an option keeps them, and verification still passes because
the verbatim source text stays the reference."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from briefer.core.briefs.briefs import AddQuote, BriefStore, CommandStack, CreateBrief, CreateClip
from briefer.core.clips.clips import (
    clean_quote, clip_text, marker_spans, quote_words, reader_quote, same_words)
from briefer.core.export.verify import verify_quotes
from briefer.core.library import Library
from tests import pdfgen

QUOTED = "contempt of court, 1 [commission of] or incitement"


# ------------------------------------------------------------------ the text pattern


def test_amendment_marker_left_out_without_layout():
    assert reader_quote(QUOTED) == "contempt of court, [commission of] or incitement"
    assert reader_quote(QUOTED, keep_markers=True) == QUOTED
    assert reader_quote("the court,1[commission of] or") == "the court,[commission of] or"
    assert same_words(reader_quote(QUOTED), QUOTED)


@pytest.mark.parametrize("raw", [
    "under section 12 [omitted] of the Act",   # a number a word asks for
    "Rules 5 [substituted] and",
    "12 [Omitted]",                             # a line's start may be a provision number
    "in the year 1990 [as amended]",            # four digits are a year, not a marker
    "page 3 [see annex]",
    "the amount of 5 [rupees]",
    "shown in 3 (three) copies",                # no bracket
])
def test_ambiguous_numbers_are_kept_without_layout(raw):
    assert reader_quote(raw) == clean_quote(raw)


def test_layout_superscripts_only_digits_and_note_signs():
    raw = "the 5th day, court,\u00b9 1 [x] and *"
    # layout says "th", "1" and "*" are raised: "th" is part of a word, not a marker
    spans = [(5, 7), (21, 22), (31, 32)]
    assert marker_spans(raw, spans) == [(21, 22), (31, 32)]
    assert reader_quote(raw, layout_spans=spans) == "the 5th day, court,\u00b9 [x] and"
    # with a layout, nothing is guessed from the text
    assert reader_quote(QUOTED, layout_spans=[]) == QUOTED


def test_same_words_refuses_a_lost_word():
    assert same_words("a [b] c", "a 1 [b] c")
    assert not same_words("a c", "a b c")           # a word is a word
    assert not same_words("a 5 b", "a 50 b")        # part of a number is not a marker
    assert not same_words("a b", "a 1234 b")        # four digits are not a marker
    assert not same_words("a b c", "a b")


_word = st.text(alphabet=st.sampled_from(list("abcdz\ufb01AB09,[]")), min_size=1, max_size=7)
_sep = st.sampled_from([" ", "\r\n", "-\r\n", "\u00ad", " \t"])
_marker = st.sampled_from(["", "", "1 ", "12 ", "3"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_word, _sep, _marker), min_size=1, max_size=12))
def test_reader_quote_loses_only_markers(parts):
    """Markers are not words: the reader's quote has the source's words less markers only,
    and with the markers kept it is exactly the cleaned passage."""
    raw = "".join(w + s + m + ("[ab]" if m else "") for w, s, m in parts)
    printed = reader_quote(raw)
    assert same_words(printed, raw)
    assert reader_quote(raw, keep_markers=True) == clean_quote(raw)
    dropped = [raw[a:b] for a, b in marker_spans(raw)]
    assert all(d.isdigit() and len(d) <= 3 for d in dropped)
    assert len(quote_words(printed)) >= len(quote_words(raw)) - len(dropped)


# ------------------------------------------------------------------ from the page's layout


def _marker_pdf(path: Path) -> Path:
    """One page, 12 pt body; line 2 has a superscript "1" (8 pt, raised 4 pt) in the middle
    of the line, before "[commission of]"; line 3 a plain "2" before "[x]" that is NOT
    raised (so with the layout known it stays)."""
    pdf = pdfgen._new_fpdf(title="The Contempt Act, 1976")
    pt = 25.4 / 72
    pdf.add_page()
    pdf.set_font("Times", size=12)
    pdf.text(20, 40, "3. Contempt of court.\u2014Whoever is guilty of")
    x = 20.0
    pdf.text(x, 48, "contempt of court, ")
    x += pdf.get_string_width("contempt of court, ")
    pdf.set_font("Times", size=8)
    pdf.text(x, 48 - 4 * pt, "1")
    x += pdf.get_string_width("1")
    pdf.set_font("Times", size=12)
    pdf.text(x, 48, "[commission of] or incitement to it, shall be punished.")
    pdf.text(20, 56, "The table lists 2 [x] items.")
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    pytest.importorskip("pypdfium2")
    d = tmp_path_factory.mktemp("markers")
    src = _marker_pdf(d / "contempt.pdf")
    lib = Library.open(d / "lib")
    lib.import_paths([src], processes=1)
    yield lib, lib.resolve("contempt.pdf")
    lib.close()


def test_superscript_marker_left_out_and_verification_passes(marked):
    lib, doc = marked
    page = lib.catalog.page(doc.id, 0)
    clip = clip_text(lib.catalog, doc, page, "contempt of court, 1 [commission of] or incitement")
    assert "1" in clip.text                               # the source keeps its marker
    assert clip.display_text == "contempt of court, [commission of] or incitement"
    # the raised marker is known from the layout; a plain "2 [" on the page is kept
    other = clip_text(lib.catalog, doc, page, "lists 2 [x] items")
    assert other.display_text == "lists 2 [x] items"
    kept = clip_text(lib.catalog, doc, page, "contempt of court, 1 [commission of]")
    assert "1" in kept.text
    store = BriefStore(lib.catalog)
    stack = CommandStack(store)
    cid = stack.push(CreateClip(clip)).clip_id
    b = stack.push(CreateBrief("Contempt", sections=["One"]))
    stack.push(AddQuote(b.brief_id, b.section_ids[0], cid))
    brief = store.get(b.brief_id)
    report = verify_quotes(lib.catalog, brief, store.clips_of(brief))
    assert report.ok, report.to_json()


def test_keep_markers_option(marked):
    from briefer.core.clips.clips import build_clip, find_passage

    lib, doc = marked
    page = lib.catalog.page(doc.id, 0)
    a, b = find_passage(page.text, "contempt of court, 1 [commission of] or incitement")[0]
    clip = build_clip(lib.catalog, doc, page, a, b, keep_markers=True)
    assert clip.display_text == clean_quote(page.text[a:b])
    assert "1" in clip.display_text
