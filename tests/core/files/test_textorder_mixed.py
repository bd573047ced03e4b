"""Urdu words inside English lines (issue 17): a term given with its Urdu name in brackets
is stored in reading order, found when typed as read, quoted as read, and its highlight
still covers its own glyphs.

The PDFs are drawn as word processors draw such lines: the line left to right, and each
right-to-left stretch in visual order (its letters in the order they stand on the page,
rightmost last). pdfium takes that drawing order for reading order: it gave
"Procedure (فوجداری ضابطہ (applies" for "Procedure (ضابطہ فوجداری) applies" — the words
reversed and the bracket after them turned around.
"""

from __future__ import annotations

import pytest

from briefer.core.catalog import pageorder
from briefer.core.files import textorder
from briefer.core.files.extract import extract_pdf
from briefer.core.files.textorder import (LineOrder, from_engine_index, logical_lines,
                                          to_engine_index)
from tests import pdfgen

CRPC = "ضابطہ فوجداری"          # Code of Criminal Procedure
PPC = "تعزیرات پاکستان"          # Pakistan Penal Code
SECTION = "دفعہ"                # section

# What a reader reads on each line (the stored text must say this) ...
PAGE1 = [
    f"The Code of Criminal Procedure ({CRPC}) applies to this case.",
    f"Offences under the Penal Code ({PPC}) are listed in section 5 ({SECTION} 5) here.",
]
PAGE2 = [f"The Penal Code ({PPC}) and the Code ({CRPC}) both apply."]


def _rev(s: str) -> str:
    return s[::-1]


# ... and how each line is drawn, left to right: (right-to-left?, text as drawn).
DRAWN1 = [
    [(False, "The Code of Criminal Procedure ("), (True, _rev(CRPC)),
     (False, ") applies to this case.")],
    [(False, "Offences under the Penal Code ("), (True, _rev(PPC)),
     (False, ") are listed in section 5 ("), (False, "5 "), (True, _rev(SECTION)),
     (False, ") here.")],
]
# page 2: each Urdu word drawn on its own, right to left across the stretch
DRAWN2 = [
    [(False, "The Penal Code (")] + [(True, _rev(w)) for w in reversed(PPC.split())]
    + [(False, ") and the Code (")] + [(True, _rev(w)) for w in reversed(CRPC.split())]
    + [(False, ") both apply.")],
]


def make_mixed_pdf(path):
    """Two pages of English lines naming terms with their Urdu names (Noto Naskh Arabic
    for the Urdu, DejaVu Sans for the English)."""
    arabic = pdfgen.find_font("NotoNaskhArabic-Regular.ttf")
    latin = pdfgen.find_font("DejaVuSans.ttf", "LiberationSans-Regular.ttf")
    pdf = pdfgen._new_fpdf(title="Mixed lines")
    pdf.add_font("Arabic", "", arabic)
    pdf.add_font("Latin", "", latin)
    for lines in (DRAWN1, DRAWN2):
        pdf.add_page()
        y = 30.0
        for cells in lines:
            x = 20.0
            for k, (rtl, t) in enumerate(cells):
                pdf.set_font("Arabic" if rtl else "Latin", "", 12)
                w = pdf.get_string_width(t)
                pdf.set_xy(x, y)
                pdf.cell(w, 8, t)
                x += w
                if rtl and k + 1 < len(cells) and cells[k + 1][0]:
                    x += pdf.get_string_width(" ")  # the space between two Urdu words
            y += 12
    return pdfgen._write_bytes(path, bytes(pdf.output()))


@pytest.fixture
def mixed_pdf(tmp_path):
    try:
        return make_mixed_pdf(tmp_path / "mixed.pdf")
    except pdfgen.FontUnavailable as exc:
        pytest.skip(str(exc))


def _engine_chars(stored: str, engine: str, runs) -> None:
    """Every stored character is the engine's character it maps to (a bracket possibly
    mirrored), and the map goes both ways."""
    for i, ch in enumerate(stored):
        j = to_engine_index(runs, i)
        assert engine[j] == ch or engine[j].translate(textorder._MIRROR) == ch, (i, ch, j)
        assert from_engine_index(runs, j) == i


def test_urdu_terms_in_english_lines_are_stored_as_read(mixed_pdf):
    res = extract_pdf(mixed_pdf)
    engine = [t.replace("\ufffe", "\u00ad") for t in pdfgen.pdfium_texts(mixed_pdf)]
    assert f"({_rev_words(CRPC)} (" in engine[0]  # what pdfium gives: the fault itself
    for page, want, eng in zip(res.pages, (PAGE1, PAGE2), engine):
        lines = [" ".join(ln.split()) for ln in page.text.splitlines()]
        assert lines == want
        assert page.order is not None
        _engine_chars(page.text, eng, page.order)


def _rev_words(s: str) -> str:
    return " ".join(reversed(s.split()))


def test_the_phrase_typed_as_read_is_found_and_its_reverse_is_not(mixed_pdf, library):
    from briefer.core.search.findtext import find_in_document
    from briefer.core.search.search import search

    doc_id = library.import_paths([mixed_pdf], processes=1).outcomes[0].doc_id
    hits = search(library, f'"{CRPC}"', limit=10, record=False)
    assert sorted(h.page_index for g in hits.documents for h in g.hits) == [0, 1]
    assert not search(library, f'"{_rev_words(CRPC)}"', limit=10, record=False).documents
    found = find_in_document(library, doc_id, f"({CRPC})")
    assert found.counts_per_page() == [1, 1]
    assert find_in_document(library, doc_id, f"{SECTION} 5").counts_per_page() == [1, 0]
    assert find_in_document(library, doc_id, _rev_words(CRPC)).total == 0


def test_quote_reads_as_printed_and_its_highlight_covers_its_glyphs(mixed_pdf, library):
    import pypdfium2

    from briefer.core.clips.clips import clip_text
    from briefer.core.offsets import ReorderedMap

    doc_id = library.import_paths([mixed_pdf], processes=1).outcomes[0].doc_id
    cat = library.catalog
    doc = cat.document(doc_id)
    page = cat.page(doc_id, 0)
    clip = clip_text(cat, doc, page, f"Criminal Procedure ({CRPC}) applies")
    assert clip.display_text == f"Criminal Procedure ({CRPC}) applies"
    assert clip.text.split() == clip.display_text.split()

    # the reader's boxes for the Urdu term: the engine's characters of exactly its glyphs,
    # standing between the two brackets on the page
    runs = pageorder.page_order(cat, doc_id, 0)
    engine = pdfgen.pdfium_texts(mixed_pdf)[0]
    start = page.text.index(CRPC)
    # (start, length) pieces, as the reader asks QtPdf for selections
    pieces = ReorderedMap.of(runs, engine).to_engine_spans(start, start + len(CRPC))
    glyphs = [k for a, n in pieces for k in range(a, a + n)]
    assert sorted(engine[k] for k in glyphs) == sorted(CRPC)
    pdf = pypdfium2.PdfDocument(str(mixed_pdf))
    try:
        tp = pdf[0].get_textpage()
        boxes = [tp.get_charbox(k) for k in glyphs if not engine[k].isspace()]
        opening = tp.get_charbox(engine.index("("))
        closing = tp.get_charbox(to_engine_index(runs, start + len(CRPC)))
        assert all(opening[2] <= b[0] and b[2] <= closing[0] for b in boxes)
        tp.close()
    finally:
        pdf.close()


# -------------------------------------------------------------- without a PDF

def _where_from(xs: dict[int, tuple[float, float]]):
    """``where`` for a synthetic line: character k spans xs[k] = (x0, x1) on one baseline."""
    return lambda k: ((xs[k][0] + xs[k][1]) / 2, 100.0, xs[k][0], xs[k][1])


def _line(cells: list[tuple[str, float, float]]):
    """A line's engine text and glyph extents from (char, x0, x1) triples in engine order."""
    return "".join(c for c, _, _ in cells), {k: (a, b) for k, (_, a, b) in enumerate(cells)}


def _ltr(text: str, x: float, w: float = 5.0) -> list[tuple[str, float, float]]:
    return [(c, x + k * w, x + (k + 1) * w) for k, c in enumerate(text)]


def _rtl(text: str, right: float, w: float = 5.0) -> list[tuple[str, float, float]]:
    """A word in reading order whose letters stand right to left from ``right``."""
    return [(c, right - (k + 1) * w, right - k * w) for k, c in enumerate(text)]


def _never(a, b):
    raise AssertionError("a mixed line is not judged as a whole")


def test_words_reversed_with_made_up_spaces_and_a_number_in_brackets():
    # What pdfium gave for a LibreOffice PDF of "section 5 (دفعہ 5) too": the letters
    # right to left, but a space made up inside the word, the number before it and the
    # bracket after it turned around: "section 5 (5 دفع ہ ( too".
    cells = (_ltr("section 5 (5 ", 0.0) + _rtl("دفع", 100.0) + [(" ", 100.0, 100.0)]
             + _rtl("ہ", 85.0) + [(" ", 105.0, 110.0), ("(", 100.0, 105.0)]
             + [(" ", 85.0, 85.0)] + _ltr("too.", 110.0))
    text, xs = _line(cells)
    new, runs = logical_lines(text, _never, _where_from(xs))
    assert " ".join(new.split()) == "section 5 (دفعہ 5) too."
    _engine_chars(new, text, runs)


def test_a_term_already_in_reading_order_is_left_alone():
    # pdfium right: each word right to left, the second word left of the first; a number
    # after the Urdu word shows left of it (as the bidi algorithm lays it out)
    cells = _ltr("Read it with ", 0.0) + _rtl(SECTION, 105.0) + [(" ", 80.0, 85.0)] + \
        [("5", 75.0, 80.0)] + _ltr(" of the Code (", 105.0) + _rtl(CRPC, 240.0) + \
        _ltr(") as it applies.", 240.0)
    text, xs = _line(cells)
    assert logical_lines(text, _never, _where_from(xs)) == (text, None)


def test_without_glyph_positions_mixed_lines_are_as_before():
    text = f"The Code ({_rev_words(CRPC)} (applies"
    assert logical_lines(text, lambda a, b: LineOrder()) == (text, None)
