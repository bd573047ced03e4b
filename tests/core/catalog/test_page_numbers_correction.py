"""A person corrects a document's page numbering ("PDF pages 5-12 are printed 1-8"): the
correction is kept in the catalog by the file's hash (it outlives re-indexing and is in
backups), every quote of the document cites the corrected number, and verification says
which quotes' pages changed — and flags a page cited by another number than it prints."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest

from briefer.core.catalog.records import PageNumbering
from briefer.core.library import Library
from briefer.core.ops import briefs as ops_briefs
from briefer.core.ops import documents as ops_docs
from briefer.core.ops import export as ops_export
from briefer.core.ops import search as ops_search
from briefer.core.ops.session import Session
from tests import pdfgen


def _pages() -> list[str]:
    # four unnumbered pages, then eight whose only number is a running header that a
    # reader cannot take for one (no repetition Briefer can rely on: "ACT" varies)
    pages = [f"Front page {i + 1} of the volume with ordinary words." for i in range(4)]
    pages += [f"Part {k + 1}. The text of the Act continues here with the officers' duties "
              "and returns." for k in range(8)]
    return pages


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("numbering")
    pdfgen.make_text_pdf(folder / "src" / "act.pdf", _pages())
    with Library.open(folder / "lib") as lib:
        lib.import_paths([folder / "src" / "act.pdf"], processes=1)
    return folder / "lib"


@pytest.fixture
def session(template: Path, tmp_path: Path) -> Iterator[Session]:
    shutil.copytree(template, tmp_path / "lib")
    s = Session.open(tmp_path / "lib", samples=False)
    yield s
    s.close()


def _doc(session):
    return next(d for d in session.catalog().documents() if d.file_name == "act.pdf")


def _quote(session, page_index: int):
    doc = _doc(session)
    b = ops_briefs.create_brief(session, "Numbering", sections=["Law"])
    text = session.catalog().page(doc.id, page_index).text
    a = text.index("The text")
    cmd = ops_briefs.quote_into_brief(session, b.brief_id, b.section_ids[0], doc_id=doc.id,
                                      page_index=page_index, start=a, end=a + 30)
    return b.brief_id, cmd.item_id


def test_a_range_is_renumbered_and_kept_across_reindexing(session):
    doc = _doc(session)
    assert session.catalog().page(doc.id, 6).label == "7"
    rep = ops_docs.set_page_numbering(session, doc.id, [ops_docs.parse_page_numbering("5-12=1")])
    pages = session.catalog().pages(doc.id)
    assert [p.label for p in pages[4:]] == [str(k) for k in range(1, 9)]
    assert {p.label_source for p in pages[4:]} == {"user"}
    assert [p.label for p in pages[:4]] == ["1", "2", "3", "4"]
    assert [(i, a, b) for i, a, b in rep.changed][:2] == [(4, "p. 5", "p. 1 (PDF p. 5)"),
                                                          (5, "p. 6", "p. 2 (PDF p. 6)")]
    assert ops_docs.page_numbering(session, doc.id) == [PageNumbering(4, 11, 1)]
    # search results show the corrected number at once (the document is indexed again)
    hit = next(h for h in ops_search.run_search(session, '"officers\' duties"', record=False).hits
               if h.page_index == 6)
    assert hit.page_label == "3"
    # re-reading the document writes its pages again: the correction is applied again
    ops_docs.reindex(session)
    with session.writing() as lib:
        lib.catalog.replace_content(
            doc.id, status=doc.status, reason=doc.reason, engine=doc.engine,
            encrypted=False, info={}, outline=[],
            pages=[(p.index, str(p.index + 1), "index", p.text, False) for p in pages])
    assert session.catalog().page(doc.id, 6).label == "3"
    # taken back: the labels Briefer found come back
    ops_docs.set_page_numbering(session, doc.id, [])
    assert [p.label for p in session.catalog().pages(doc.id)] == [str(i + 1) for i in range(12)]
    assert {p.label_source for p in session.catalog().pages(doc.id)} == {"index"}


def test_roman_numbers_and_wrong_ranges_are_refused_in_words(session):
    doc = _doc(session)
    rep = ops_docs.set_page_numbering(session, doc.id, [ops_docs.parse_page_numbering("1-4=i")])
    assert [p.label for p in session.catalog().pages(doc.id)[:4]] == ["i", "ii", "iii", "iv"]
    assert rep.numbering[0].style == "roman"
    for bad in ("12-13=1", "5-3=1"):
        with pytest.raises(ops_docs.InvalidPageNumbering) as exc:
            ops_docs.set_page_numbering(session, doc.id, [ops_docs.parse_page_numbering(bad)])
        assert exc.value.reason == "invalid_page_numbering"
    with pytest.raises(ops_docs.InvalidPageNumbering, match="overlap"):
        ops_docs.set_page_numbering(session, doc.id, [PageNumbering(0, 5, 1),
                                                      PageNumbering(5, 8, 1)])
    with pytest.raises(ops_docs.InvalidPageNumbering, match="not a page range"):
        ops_docs.parse_page_numbering("pages five to six")
    # nothing written by a refused correction
    assert ops_docs.page_numbering(session, doc.id) == [PageNumbering(0, 3, 1, "roman")]


def test_quotes_follow_the_correction_and_verification_says_so(session):
    doc = _doc(session)
    brief_id, item_id = _quote(session, 6)
    assert "p. 7." in ops_briefs.citation_preview(session, brief_id, item_id).first
    assert ops_export.verify_brief(session, brief_id).ok
    rep = ops_docs.set_page_numbering(session, doc.id, [PageNumbering(4, 11, 1)])
    assert rep.clips_changed == 1
    preview = ops_briefs.citation_preview(session, brief_id, item_id)
    assert "p. 3." in preview.first and "p. 7" not in preview.first
    check = ops_export.verify_brief(session, brief_id)
    assert [p.kind for p in check.problems] == ["page_label"]
    assert "p. 7" in check.problems[0].message and "p. 3" in check.problems[0].message
    assert "correction" in check.problems[0].message


def test_the_correction_is_backed_up_and_restored(session):
    from briefer.core.ops import maintenance

    doc = _doc(session)
    maintenance.backup_now(session)
    ops_docs.set_page_numbering(session, doc.id, [PageNumbering(4, 11, 1)])
    # a correction alone is a change worth a backup (the work tables' fingerprint)
    assert maintenance.backup_if_due(session, at_quit=True) is not None
    root = session.root
    session.close()
    maintenance.restore_backup(root)
    with Session.open(root, samples=False) as s:
        assert s.catalog().page(doc.id, 6).label == "3"
        assert ops_docs.page_numbering(s, doc.id) == [PageNumbering(4, 11, 1)]


def test_a_page_cited_by_another_number_than_it_prints_is_flagged(tmp_path):
    # an older import cited the constitution's pages by the PDF count; the pages print
    # "CONSTITUTION OF PAKISTAN n" and verification reads that now
    texts = [f"CONSTITUTION OF PAKISTAN {k + 1}\n{k + 19}. Article text on this page with "
             "words enough.\nMore text of the article." for k in range(6)]
    pdfgen.make_text_pdf(tmp_path / "src" / "c.pdf", texts)
    s = Session.open(tmp_path / "lib", samples=False)
    try:
        ops_docs.add_files(s, [tmp_path / "src" / "c.pdf"])
        doc = next(d for d in s.catalog().documents())
        assert s.catalog().page(doc.id, 2).label == "3"
        with s.writing() as lib:  # as an import before printed headers were read
            lib.catalog.execute("UPDATE pages SET label = page_index + 29, label_source = 'pdf' "
                                "WHERE doc_id = ?", (doc.id,))
        b = ops_briefs.create_brief(s, "Rights", sections=["Law"])
        text = s.catalog().page(doc.id, 2).text
        a = text.index("Article text")
        ops_briefs.quote_into_brief(s, b.brief_id, b.section_ids[0], doc_id=doc.id, page_index=2,
                                    start=a, end=a + 20)
        check = ops_export.verify_brief(s, b.brief_id)
        assert [p.kind for p in check.problems] == ["page_printed"]
        assert "p. 31" in check.problems[0].message and "prints p. 3" in check.problems[0].message
        # the person corrects the numbering: the page is theirs, no longer flagged
        ops_docs.set_page_numbering(s, doc.id, [PageNumbering(0, 5, 1)])
        kinds = [p.kind for p in ops_export.verify_brief(s, b.brief_id).problems]
        assert kinds == ["page_label"]  # taken as p. 31, now p. 3: said once
    finally:
        s.close()
