"""Layout-aware lines (briefer/core/files/layout.py): superscript markers are told from
provision numbers by size and baseline, and never join a number in the provision tree."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefer.core.clips.structure import build_tree
from briefer.core.files import layout
from tests import pdfgen

pytest.importorskip("pypdfium2")

# The generated act: an amending act whose sections 500 and 501 are substituted; section
# 500 carries an amendment marker "1" (8 pt, raised 4 pt) right before its number, as
# statutes print it: the text reads "1500. Punishment for defamation".
SECTIONS = [
    ("500.", "Punishment for defamation.\u2014Whoever defames another shall be punished"),
    ("501.", "Printing or engraving matter known to be defamatory.\u2014Whoever prints"),
]
FOOTNOTE = "1. Subs. by the Criminal Law (Amendment) Act, 1994 (II of 1994), s. 2."


def _act_pdf(path: Path, marker_before: bool = True) -> Path:
    """An act of three pages with a running header and footer; on the first, body text
    12 pt; a superscript "1" before (or after) "500."; a footnote in 8 pt at the bottom,
    not raised; a drop cap and a subscript elsewhere, which are not superscripts."""
    pdf = pdfgen._new_fpdf(title="The Penal Code Amendment Act, 1994")
    pt = 25.4 / 72  # mm per point
    for page in (1, 2, 3):
        pdf.add_page()
        pdf.set_font("Times", size=10)
        pdf.text(20, 12, "THE PENAL CODE AMENDMENT ACT, 1994")
        pdf.text(100, 290, f"Page {page} of 3")
        y = 40.0
        pdf.set_font("Times", size=12)
        if page == 1:
            pdf.text(20, y, "An Act further to amend the Pakistan Penal Code; it is hereby "
                     "enacted as follows:")
            y += 8
            pdf.text(20, y, "In the Pakistan Penal Code, for section 500 the following shall be "
                     "substituted:")
            y += 8
            for num, text in SECTIONS:
                x = 20.0
                if num == "500." and marker_before:
                    pdf.set_font("Times", size=8)
                    pdf.text(x, y - 4 * pt, "1")
                    x += pdf.get_string_width("1")
                    pdf.set_font("Times", size=12)
                if num == "500." and not marker_before:
                    pdf.text(x, y, "500")
                    x += pdf.get_string_width("500")
                    pdf.set_font("Times", size=8)
                    pdf.text(x, y - 4 * pt, "1")
                    x += pdf.get_string_width("1")
                    pdf.set_font("Times", size=12)
                    pdf.text(x, y, ". " + text)
                else:
                    pdf.text(x, y, f"{num} {text}")
                y += 8
                pdf.text(20, y, "shall be punished with imprisonment which may extend to "
                         "two years.")
                y += 8
            # a subscript (lowered) and a drop cap (larger) are not superscripts
            pdf.text(20, y, "Water is H")
            x = 20 + pdf.get_string_width("Water is H")
            pdf.set_font("Times", size=8)
            pdf.text(x, y + 1.5 * pt, "2")
            x += pdf.get_string_width("2")
            pdf.set_font("Times", size=12)
            pdf.text(x, y, "O and nothing else here.")
            y += 12
            pdf.set_font("Times", size=24)
            pdf.text(20, y, "T")
            x = 20 + pdf.get_string_width("T")
            pdf.set_font("Times", size=12)
            pdf.text(x, y, "he Schedule of amendments follows in the annex to this Act.")
            pdf.set_font("Times", size=8)
            pdf.text(20, 270, FOOTNOTE)
        else:
            pdf.text(20, y, f"{500 + page}A. Sale of printed matter containing defamatory "
                     "matter.")
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def act(tmp_path_factory) -> Path:
    return _act_pdf(tmp_path_factory.mktemp("layout") / "act.pdf")


def _texts(path: Path) -> list[str]:
    """The page texts as Briefer stores them."""
    from briefer.core.files.extract import extract_pdf

    return [p.text for p in extract_pdf(path).pages]


def test_marker_is_superscript_and_joins_number_in_plain_text(act):
    texts = _texts(act)
    at = texts[0].index("1500. Punishment")
    lays = layout.read_layouts(act, texts)
    assert all(lay is not None for lay in lays)
    assert lays[0].superscripts == [(at, at + 1)]  # only the marker: not the subscript,
    # the drop cap, the footnote (small but not raised) or any body text
    line = next(ln for ln in lays[0].lines if ln.start <= at < ln.end)
    assert abs(line.font_size - 12) < 0.5 and line.x0 < line.x1
    foot = next(ln for ln in lays[0].lines if texts[0][ln.start:ln.end].startswith("1. Subs."))
    assert foot.superscripts == [] and foot.size < 0.85 * line.size


def test_superscript_never_joins_a_section_number(act):
    texts = _texts(act)
    at = texts[0].index("Punishment for defamation")
    plain = build_tree(texts, doc_type="law")
    assert plain.locate(0, at, at + 20).text == "Section 1500"  # from the text alone
    marks = layout.superscript_spans(layout.read_layouts(act, texts))
    tree = build_tree(texts, doc_type="law", marks=marks)
    loc = tree.locate(0, at, at + 20)
    assert (loc.text, loc.uncertain) == ("Section 500", False)
    nxt = texts[0].index("Printing or engraving")
    assert tree.locate(0, nxt, nxt + 10).text == "Section 501"


def test_marker_after_the_number_and_alone():
    """The tree takes the marked characters out wherever they are in a line: after the
    number ("500¹.") or as a line's only content ("²" then "(2) It extends …")."""
    text = ("497. Adultery.\u2014Omitted.\r\n"
            "5001. Punishment for defamation.\u2014Whoever defames another shall be\r\n"
            "punished with simple imprisonment.\r\n"
            "(1) The first sub-section.\r\n"
            "2(2) It extends to the whole of Pakistan.\r\n"
            "501. Printing or engraving matter known to be defamatory.\r\n")
    one = text.index("1. Punishment")
    two = text.index("2(2)")
    marks = [[(one, one + 1), (two, two + 1)]]
    at = text.index("Punishment")
    plain = build_tree([text], doc_type="law")
    assert plain.locate(0, at, at + 10).text != "Section 500"
    tree = build_tree([text], doc_type="law", marks=marks)
    assert tree.locate(0, at, at + 10).text == "Section 500"
    it = text.index("It extends")
    assert tree.locate(0, it, it + 10).text == "Section 500(2)"
    assert tree.locate(0, text.index("Printing"), text.index("Printing") + 8).text == \
        "Section 501"
    sub = next(p for p in tree.provisions if p.label == "Section 500(2)")
    assert sub.start == (0, two + 1)  # offsets stay those of the page text


def test_running_header_and_footer_by_position(act):
    texts = _texts(act)
    lays = layout.read_layouts(act, texts)
    bands = {texts[0][ln.start:ln.end]: ln.band for ln in lays[0].lines}
    assert bands["THE PENAL CODE AMENDMENT ACT, 1994"] == "header"
    assert bands["Page 1 of 3"] == "footer"
    assert bands["501. Printing or engraving matter known to be defamatory.\u2014Whoever "
                 "prints"] == "body"
    running = layout.running_lines(lays, texts)
    # the footnote low on the page is in the bottom band but not repeated
    assert bands[FOOTNOTE] == "footer"
    for i in range(3):
        assert {texts[i][ln.start:ln.end] for ln in running[i]} == {
            "THE PENAL CODE AMENDMENT ACT, 1994", f"Page {i + 1} of 3"}
    # on two pages only, the header is not yet known to repeat; a page number is
    two = layout.running_lines(lays[:2], texts[:2])
    assert {texts[0][ln.start:ln.end] for ln in two[0]} == {"Page 1 of 3"}


def test_page_whose_text_differs_has_no_layout(act):
    texts = _texts(act)
    changed = [texts[0].replace("Pakistan Penal", "Pakistan Penai")] + texts[1:]
    lays = layout.read_layouts(act, changed)
    assert lays[0] is None and lays[1] is not None  # an OCR'd or re-extracted page
    assert layout.read_layouts(act.parent / "missing.pdf", texts) == [None] * 3
    assert layout.superscript_spans([None]) == [None]


def test_without_pypdfium2_the_tree_reads_the_text(act, monkeypatch):
    texts = _texts(act)
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # import fails
    assert not layout.available()
    assert layout.read_layouts(act, texts) == [None] * 3
    marks = layout.superscript_spans(layout.read_layouts(act, texts))
    at = texts[0].index("Punishment for defamation")
    assert build_tree(texts, doc_type="law", marks=marks).locate(0, at, at + 20).text == \
        build_tree(texts, doc_type="law").locate(0, at, at + 20).text


# ---------------------------------------------------------------------- through the library


@pytest.fixture
def act_library(tmp_path):
    from briefer.core.library import Library

    path = _act_pdf(tmp_path / "penal_amendment_act.pdf")
    lib = Library.open(tmp_path / "lib")
    lib.import_paths([path], processes=1)
    doc = lib.resolve("penal_amendment_act.pdf")
    yield lib, doc
    lib.close()


def test_clip_cites_section_500_from_the_stored_pdf(act_library):
    from briefer.core.clips.clips import clip_text
    from briefer.core.clips.locators import document_marks

    lib, doc = act_library
    assert doc.doc_type == "law"
    page = lib.catalog.page(doc.id, 0)
    clip = clip_text(lib.catalog, doc, page, "Punishment for defamation")
    assert clip.locator_auto == "Section 500"
    marks = document_marks(lib.catalog, doc)
    assert marks is not None and len(marks[0]) == 1


def test_clip_falls_back_to_the_text_without_pypdfium2(act_library, monkeypatch):
    from briefer.core.clips import locators
    from briefer.core.clips.clips import clip_text

    lib, doc = act_library
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    monkeypatch.setattr(locators, "_MARKS", type(locators._MARKS)())
    assert locators.document_marks(lib.catalog, doc) is None
    page = lib.catalog.page(doc.id, 0)
    texts = [p.text for p in lib.catalog.pages(doc.id)]
    at = page.text.index("Punishment for defamation")
    clip = clip_text(lib.catalog, doc, page, "Punishment for defamation")
    assert clip.locator_auto == locators.detect_locator(texts, 0, at, at + 25,
                                                        doc_type="law", title=doc.title)
    assert clip.locator_auto != "Section 500"


def test_clip_falls_back_when_the_stored_copy_is_gone(act_library, monkeypatch):
    from briefer.core.clips import locators

    lib, doc = act_library
    monkeypatch.setattr(locators, "_MARKS", type(locators._MARKS)())
    lib.file_path(doc).unlink()
    assert locators.document_marks(lib.catalog, doc) is None


# ---------------------------------------------------------------------- real statutes


def _real(corpus: Path, name: str) -> tuple[Path, list[str]]:
    path = corpus / "domain" / "pk_statutes_more" / name
    if not path.exists():
        pytest.skip(f"{name} is not in the corpus")
    return path, _texts(path)


@pytest.mark.corpus
def test_real_amendment_markers_against_section_numbers(corpus):
    """The Child Marriage Restraint Act, 1929 as printed: "⁴2. Definitions." (p. 2),
    "¹4. Punishment …" (p. 3) and "¹11. [Power to take security …" (p. 4): the markers
    are superscripts, and the sections are 2, 4 and 11 (read from the text alone: 42,
    14 and 111)."""
    path, texts = _real(corpus, "Child_Marriage_Restraint_Act_1929.pdf")
    lays = layout.read_layouts(path, texts)
    marks = layout.superscript_spans(lays)
    tree = build_tree(texts, doc_type="law", title="The Child Marriage Restraint Act, 1929")
    plain = build_tree(texts, doc_type="law", title="The Child Marriage Restraint Act, 1929",
                       marks=None)
    laid = build_tree(texts, doc_type="law", title="The Child Marriage Restraint Act, 1929",
                      marks=marks)
    assert [(p.label, p.start) for p in tree.provisions] == \
        [(p.label, p.start) for p in plain.provisions]
    for page, heading, marker, want in ((1, "2. Definitions.", "4", "Section 2"),
                                        (2, "4. Punishment for male adult", "1", "Section 4"),
                                        (3, "11. [Power to take security", "1", "Section 11")):
        at = texts[page].index(marker + heading)
        assert (at, at + 1) in marks[page], (page, heading)
        loc = laid.locate(page, at + 1, at + 1 + len(heading))
        assert (loc.text, loc.uncertain) == (want, False), (page, heading, loc)
        before = plain.locate(page, at + 1, at + 1 + len(heading))
        assert before.text != want or before.uncertain
    # footnote texts at the page bottom ("⁵Subs. by the Muslim Family laws …") are small,
    # but their lines' body size is theirs: only the leading marker is a superscript
    body = next(ln for ln in lays[1].lines if texts[1][ln.start:].startswith("4" + "2. Def"))
    foot = [ln for ln in lays[1].lines if "Subs. by" in texts[1][ln.start:ln.end][:12]]
    assert len(foot) >= 3
    for ln in foot:
        assert ln.size < 0.7 * body.size
        assert ln.superscripts == [(ln.start, ln.start + 1)], texts[1][ln.start:ln.end]


@pytest.mark.corpus
def test_real_page_text_equals_stored_text(corpus):
    """pdfium through pypdfium2 gives the stored text, character for character, so the
    layout's offsets are the stored offsets (every page of a statute with markers)."""
    from briefer.core.files.extract import extract_pdf

    path, texts = _real(corpus, "Christian_Marriage_Act_1872.pdf")
    res = extract_pdf(path)
    assert [p.text for p in res.pages] == texts
    lays = layout.read_layouts(path, [p.text for p in res.pages],
                               [p.order for p in res.pages])
    assert all(lay is not None for lay in lays)
    at = texts[16].index("547. [Petition")
    assert (at, at + 1) in lays[16].superscripts


def test_export_check_confirms_the_locator_read_from_the_layout(act_library):
    """Export verification and the clip list read the same tree as the clip: "Section 500"
    is confirmed, not reported as a locator the numbering contradicts."""
    from briefer.core.clips.clips import clip_text
    from briefer.core.export.verify import _citation_problems

    lib, doc = act_library
    clip = clip_text(lib.catalog, doc, lib.catalog.page(doc.id, 0), "Punishment for defamation")
    assert clip.locator_auto == "Section 500"
    assert _citation_problems(lib.catalog, doc, clip, {}) == []
    clip.locator_auto = "Section 1500"  # what the text alone says
    assert [k for k, _m, _s in _citation_problems(lib.catalog, doc, clip, {})] == ["locator"]
