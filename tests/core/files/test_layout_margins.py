"""Marginal notes (a narrow column of headings beside a statute's body) are kept apart from
the body by the page's layout, so they never break the numbering nor join a provision's
number (briefer/core/files/layout.py, the provision tree's ``marks``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.core.clips.structure import build_tree
from briefer.core.files import layout
from tests.corpus.fidelity_gen import make

pytest.importorskip("pypdfium2")

# passage -> (page, locator) in the generated statute (tests/corpus/fidelity_gen.py)
WANT = {
    "This Act may be called": (0, "Section 1(1)"),  # the note "Short title." is joined to it
    "shall be omitted": (0, "Section 2(1)"),  # under the note "Amendment of section"
    "Whoever contravenes": (1, "Section 3(1)"),  # under "… offences / under section"
    "The fine may extend": (1, "Section 3(2)"),
    "hereby repealed": (1, "Section 4(1)"),  # "Repeal." joined on its baseline
}


@pytest.fixture(scope="module")
def statute(tmp_path_factory) -> tuple[Path, list[str]]:
    from briefer.core.files.extract import extract_pdf

    path = make("marginal_notes", tmp_path_factory.mktemp("margins"))
    return path, [p.text for p in extract_pdf(path).pages]


def test_the_notes_are_found_beside_the_body(statute):
    path, texts = statute
    lays = layout.read_layouts(path, texts, head=24)
    notes = [[texts[lay.index][a:b].strip() for a, b in lay.margins] for lay in lays]
    assert notes == [["Short title.", "Amendment of section"],
                     ["Punishment for offences", "under section", "Repeal."]]
    # the body's list markers and numbers, and the running header, are no notes
    assert all(not n.startswith(("(", "1", "2", "3", "4")) for page in notes for n in page)


def test_marginal_notes_never_break_the_numbering(statute):
    path, texts = statute
    # the plain text alone: "Short title. 1. (1) This Act …" opens no section, and the
    # note "… under section" makes the next line's "3." look like a wrapped reference
    plain = build_tree(texts, doc_type="law")
    a = texts[1].index("Whoever contravenes")
    assert plain.locate(1, a, a + 5).text != "Section 3(1)"
    marks = layout.apart_spans(layout.read_layouts(path, texts, head=24))
    tree = build_tree(texts, doc_type="law", marks=marks)
    for text, (page, label) in WANT.items():
        a = texts[page].index(text)
        loc = tree.locate(page, a, a + len(text))
        assert (loc.text, loc.uncertain) == (label, False), (text, loc)


def test_a_page_of_list_markers_in_a_hanging_indent_has_no_notes(tmp_path):
    from tests.pdfgen import _new_fpdf

    pdf = _new_fpdf(title="Definitions")
    pdf.add_page()
    pdf.set_font("Times", size=11)
    y = 40.0
    for k, roman in enumerate(["(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)", "(vii)",
                               "(viii)"]):
        pdf.text(25, y, roman)
        pdf.text(45, y, f"\u201cterm {k}\u201d means the thing numbered {k} in this Act, "
                 "and nothing else;")
        y += 7
    pdf.output(str(tmp_path / "defs.pdf"))
    from briefer.core.files.extract import extract_pdf

    texts = [p.text for p in extract_pdf(tmp_path / "defs.pdf").pages]
    [lay] = layout.read_layouts(tmp_path / "defs.pdf", texts, head=24)
    assert lay.margins == []
