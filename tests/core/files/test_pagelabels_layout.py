"""Printed page numbers from the page's layout (issue 17): a number standing alone in the
top or bottom band of a page is its printed number even where its neighbours do not agree
(an extract of separately paginated schedules), and numbers elsewhere are not."""

from __future__ import annotations

import pytest

from briefer.core.files.extract import extract_pdf
from briefer.core.files.pagelabels import band_number, choose_labels, has_lone_number
from tests import pdfgen

BODY = ["Jessica Parker v. C. R. Bard, Inc. 2:15-cv-01739 Ala. N.D.",
        "Dean Becker v. C. R. Bard, Inc. 2:15-cv-02155 Cal. C.D.",
        "David Sizemore v. C.R. Bard, Inc. 2:15-cv-01638 Cal. C.D."]


def _pdf(path, pages):
    """``pages``: per page, a list of (x_mm, y_mm, text) drawn in that order (A4)."""
    pdf = pdfgen._new_fpdf(title="Schedules")
    pdf.set_font("Helvetica", "", 11)
    for items in pages:
        pdf.add_page()
        for x, y, text in items:
            pdf.set_xy(x, y)
            pdf.cell(0, 6, text)
    return pdfgen._write_bytes(path, bytes(pdf.output()))


def _schedule(title: str, number: str | None, number_first: bool = False):
    items = [(20, 20, "SUGGESTION OF REMAND AND TRANSFER ORDER"), (20, 30, title)]
    items += [(20, 45 + 8 * k, line) for k, line in enumerate(BODY)]
    items.append((20, 90, "3"))  # a number alone on a line in the body: not the page's
    if number is not None:
        foot = (103, 280, number)  # centred at the foot of the page
        items = [foot] + items if number_first else items + [foot]
    return items


def test_an_extract_of_separately_numbered_schedules(tmp_path):
    # Schedule A prints 1, Schedule B 24, Exhibit 1 prints 1, Exhibit 2 25: numbers that
    # do not agree with their neighbours, each alone at the foot of its page (the first
    # drawn before the body, so that it is not at the end of the page's text)
    path = _pdf(tmp_path / "extract.pdf", [
        _schedule("Order", None),
        _schedule("Schedule A - Cases to be remanded", "1", number_first=True),
        _schedule("Schedule B - Cases to be transferred", "24"),
        _schedule("Exhibit 1 - Orders", "1"),
        _schedule("Exhibit 2 - Exhibits", "- 25 -"),
    ])
    pages = extract_pdf(path).pages
    assert [(p.label, p.label_source) for p in pages] == [
        ("1", "index"), ("1", "printed"), ("24", "printed"), ("1", "printed"),
        ("25", "printed")]
    # the text alone cannot tell: each page has two numbers alone on a line
    texts = [p.text for p in pages]
    assert [lab.source for lab in choose_labels(None, texts)] == ["index"] * 5


def test_pleading_paper_line_numbers_are_not_page_numbers(tmp_path):
    # 1..28 down the left margin, only "1" in the top band of the page
    page = [(8, 25 + 8.5 * k, str(k + 1)) for k in range(28)]
    page += [(25, 25 + 8.5 * k, f"Line {k + 1} of the order's text goes here.")
             for k in range(1, 28, 3)]
    pages = extract_pdf(_pdf(tmp_path / "pleading.pdf", [page, page])).pages
    assert [p.label_source for p in pages] == ["index", "index"]


def test_band_number_rules():
    text = "Case: 14-1326 Document: 3 Page: 1 Filed: 03/18/2014\nForm 8\nbody\n123"
    head, foot = (0, text.index("\n")), (text.rindex("\n") + 1, len(text))
    # a filing's stamped "Page: 1" and a form's code alone at its foot disagree: unknown
    assert band_number(text, [head, foot]) is None
    assert band_number(text, [head]) == 1 and band_number(text, [foot]) == 123
    agree = "Case 1:21-cv-01061 Document 1 Filed 04/16/21 Page 7 of 16\nbody\n[7]"
    assert band_number(agree, [(0, agree.index("\n")), (agree.rindex("\n") + 1, len(agree))]) == 7
    assert band_number("see page 475 of NCHS (2011).", [(0, 28)]) is None
    two = "7\nbody\n8"
    assert band_number(two, [(0, 1), (len(two) - 1, len(two))]) is None  # which one?
    assert band_number("body\n- 12 -", [(5, 11)]) == 12
    assert band_number("PageID #: 4410\nbody", [(0, 14)]) is None
    assert has_lone_number("text\n(8)\nmore") and not has_lone_number("Section 8\n8.")


@pytest.fixture(autouse=True)
def _need_pypdfium2():
    pytest.importorskip("pypdfium2")


def test_a_number_in_the_band_wins_over_a_contradicting_pdf_label():
    texts = ["Title page\nbody", "Contents\nbody", "Schedule\nbody\n11", "Schedule\nbody\n12"]
    own = ["A-1", "A-2", "A-3", "A-4"]  # a merged file's labels counting its parts
    plain = choose_labels(own, texts)
    assert [lab.source for lab in plain] == ["pdf"] * 4  # the text alone: the PDF's labels
    labels = choose_labels(own, texts, band={2: 11, 3: 12})
    assert [(lab.label, lab.source, lab.pdf_label) for lab in labels] == [
        ("A-1", "pdf", ""), ("A-2", "pdf", ""), ("11", "printed", "A-3"),
        ("12", "printed", "A-4")]


def test_a_layout_that_cannot_be_read_leaves_the_labels_of_the_text(tmp_path, monkeypatch):
    from briefer.core.files import layout

    path = _pdf(tmp_path / "extract.pdf", [_schedule("Schedule A", "1"),
                                           _schedule("Schedule B", "24")])

    def broken(*_a, **_k):
        raise RuntimeError("pdfium could not read the page")

    monkeypatch.setattr(layout, "read_layouts", broken)
    res = extract_pdf(path)
    assert res.status == "ok"
    assert [(p.label, p.label_source) for p in res.pages] == [("1", "index"), ("2", "index")]
