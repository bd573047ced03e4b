"""Printed page numbers of a volume merged from several files (issue 17): what each page
prints wins over the PDF's own count, pages that print nothing say so, and one formatter
shows "p. 11 (PDF p. 29)" wherever the two differ."""

from __future__ import annotations

from briefer.core.files.extract import extract_pdf
from briefer.core.files.pagelabels import page_cite_text
from tests.pdfgen import make_merged_parts_pdf

# three Roman pages, an Act printed 1-20, a separator, the next Act printed 1-8
_LONG_FIRST_PART = [("roman", 1, 3), ("head", 1, 20), ("unnumbered", 0, 1), ("head", 1, 8)]


def _cited(result):
    return [(p.label, p.label_source, p.pdf_label) for p in result.pages]


def test_a_later_part_is_cited_by_its_printed_header_not_by_the_merged_count(tmp_path):
    # The merged file labels its pages i-iii, 1, 2 … straight through: right for the first
    # Act (20 pages), wrong for every page of the second, whose header restarts at 1.
    gen = make_merged_parts_pdf(tmp_path / "merged.pdf", _LONG_FIRST_PART, "continuous")
    got = _cited(extract_pdf(gen.path))
    second = range(24, 32)
    assert [got[i][0] for i in second] == [str(k) for k in range(1, 9)]
    assert {got[i][1] for i in second} == {"printed"}
    assert [got[i][2] for i in second] == [str(k) for k in range(22, 30)]  # PDF's kept
    assert got[23] == ("21", "pdf", "")  # the separator prints nothing: the PDF's label
    assert [g[0] for g in got[:23]] == gen.page_labels[:23]


def test_every_part_of_a_merged_volume_with_plain_labels(tmp_path):
    gen = make_merged_parts_pdf(tmp_path / "merged.pdf", pdf_labels="plain")
    got = _cited(extract_pdf(gen.path))
    for i, want in enumerate(gen.printed_numbers):
        if want is not None:
            assert got[i][0] == want and got[i][1] == "printed", (i + 1, got[i])
    # the plate inside the second Act is its page 4 (its neighbours print 3 and 5)
    assert got[17] == ("4", "inferred", "18")
    # a title page after the Roman front matter and the two pages between the Acts print
    # nothing and come right before another numbered part: cited by their PDF page, said so
    for i in (3, 12, 13):
        assert got[i][1] == "index" and got[i][0] == str(i + 1), (i + 1, got[i])


def test_gazette_header_with_the_number_first(tmp_path):
    gen = make_merged_parts_pdf(tmp_path / "g.pdf", [("gazette", 11, 6)], pdf_labels="none")
    got = _cited(extract_pdf(gen.path))
    assert [g[0] for g in got] == [str(k) for k in range(11, 17)]


def test_one_formatter_for_printed_and_pdf_page():
    assert page_cite_text("11", "printed", 28) == "p. 11 (PDF p. 29)"
    assert page_cite_text("29", "pdf", 28) == "p. 29"
    assert page_cite_text("", "index", 28) == "p. 29"
    assert page_cite_text("29", "index", 28) == "p. 29"
    assert page_cite_text("iv", "user", 3) == "p. iv (PDF p. 4)"
