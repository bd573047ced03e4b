"""Verification before export covers the citation: a quote whose words still match but whose
page label or detected locator no longer agrees with the document is reported, with what it
should be; the user's own locator is never second-guessed."""

from __future__ import annotations

import pytest

from briefer.core.briefs.briefs import (AddQuote, BriefStore, CommandStack, CreateBrief,
                                        CreateClip, EditClip)
from briefer.core.clips.clips import clip_text, find_passage
from briefer.core.export.verify import verify_quotes
from briefer.core.library import Library
from tests import pdfgen

TEXT = "Whoever intentionally and publicly exhibits"


@pytest.fixture
def setup(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    pages = [
        "THE EXAMPLE CRIMES ACT, 2016\nARRANGEMENT OF SECTIONS\n19. Interception.\n"
        "20. Dignity of a natural person.\n21. Modesty of a natural person.\n"
        "55. Savings of powers.",
        "THE EXAMPLE CRIMES ACT, 2016\n[18th August, 2016]\n"
        "19. Interception.\u2014Whoever with dishonest intention commits interception shall "
        "be punished.\n"
        "20. Dignity of a natural person.\u2014(1) Whoever intentionally and publicly exhibits "
        "any false information shall be punished:\n"
        "Provided that nothing under this sub-section shall apply to broadcast media.\n"
        "(2) Any aggrieved person may apply to the Authority.\n"
        "21. Modesty of a natural person.\u2014Whoever exhibits a photograph shall be punished.",
    ]
    pdfgen.make_text_pdf(src / "act.pdf", pages)
    lib = Library.open(tmp_path / "lib")
    lib.import_paths([src / "act.pdf"], processes=1)
    doc = lib.resolve("act.pdf")
    lib.set_metadata(doc.id, {"doc_type": "law"})
    doc = lib.resolve("act.pdf")
    page = next(p for p in lib.catalog.pages(doc.id) if find_passage(p.text, TEXT))
    store = BriefStore(lib.catalog)
    st = CommandStack(store)
    clip_id = st.push(CreateClip(clip_text(lib.catalog, doc, page, TEXT))).clip_id
    b = st.push(CreateBrief("Dignity", sections=["Law"]))
    st.push(AddQuote(b.brief_id, b.section_ids[0], clip_id))
    yield lib, store, st, b.brief_id, clip_id
    lib.close()


def _verify(lib, store, brief_id):
    brief = store.get(brief_id)
    clips = {c.id: c for c in store.clips.all()}
    return verify_quotes(lib.catalog, brief, clips)


def test_a_right_citation_passes(setup):
    lib, store, _st, bid, clip_id = setup
    assert store.clips.get(clip_id).locator == "Section 20(1)"
    rep = _verify(lib, store, bid)
    assert rep.ok, rep.text()


def test_a_wrong_detected_locator_is_reported_with_the_right_one(setup):
    lib, store, _st, bid, clip_id = setup
    lib.catalog.execute("UPDATE clips SET locator_auto = ? WHERE id = ?",
                        ("Section 55(v)(i)", clip_id))
    rep = _verify(lib, store, bid)
    assert [(p.kind, p.clip_id) for p in rep.problems] == [("locator", clip_id)]
    problem = rep.problems[0]
    assert "Section 20(1)" in problem.message and "Section 55(v)(i)" in problem.message
    assert "it should be Section 20(1)" in problem.suggestion
    assert "Section 20(1)" in rep.text()


def test_a_stale_page_label_is_reported(setup):
    lib, store, _st, bid, clip_id = setup
    lib.catalog.execute("UPDATE clips SET page_label = '29', label_source = 'pdf' WHERE id = ?",
                        (clip_id,))
    rep = _verify(lib, store, bid)
    assert [p.kind for p in rep.problems] == ["page_label"]
    assert "p. 29" in rep.problems[0].message and "it should be p. 2" in rep.problems[0].suggestion


def test_the_users_own_locator_wins(setup):
    lib, store, st, bid, clip_id = setup
    lib.catalog.execute("UPDATE clips SET locator_auto = ? WHERE id = ?", ("Section 3", clip_id))
    st.push(EditClip(clip_id, locator="s. 20(1), first limb"))
    rep = _verify(lib, store, bid)
    assert rep.ok, rep.text()


def test_a_locator_the_structure_cannot_confirm_is_reported(setup):
    lib, store, _st, bid, clip_id = setup
    clip = store.clips.get(clip_id)
    # the clip now points into the arrangement of sections, where no locator can be given
    page0 = lib.catalog.page(clip.doc_id, 0).text
    a = page0.index("Dignity of a natural person")
    lib.catalog.execute("UPDATE clips SET page_index = 0, page_label = '1', \"start\" = ?, "
                        "\"end\" = ?, text = ?, display_text = ? WHERE id = ?",
                        (a, a + 27, page0[a:a + 27], page0[a:a + 27], clip_id))
    rep = _verify(lib, store, bid)
    assert [p.kind for p in rep.problems] == ["locator"]
    assert "cannot be confirmed" in rep.problems[0].message
    assert "table of contents" in rep.problems[0].message


def test_a_clip_without_a_locator_is_not_a_wrong_citation(setup):
    lib, store, _st, bid, clip_id = setup
    lib.catalog.execute("UPDATE clips SET locator_auto = '' WHERE id = ?", (clip_id,))
    assert _verify(lib, store, bid).ok


# ------------------------------------------------------------------ a locator the user typed


def test_a_typed_locator_that_contradicts_the_structure_is_reported_and_kept(setup):
    lib, store, st, bid, clip_id = setup
    st.push(EditClip(clip_id, locator="Section 20(2)"))  # the passage is in 20(1)
    rep = _verify(lib, store, bid)
    assert [(p.kind, p.clip_id) for p in rep.problems] == [("locator_typed", clip_id)]
    problem = rep.problems[0]
    assert "Section 20(2)" in problem.message and "Section 20(1)" in problem.message
    assert problem.locator == "Section 20(2)"  # the quote is named by the user's locator
    assert "keeps your locator" in problem.suggestion
    assert store.clips.get(clip_id).locator == "Section 20(2)"  # verification changes nothing


@pytest.mark.parametrize("typed", ["s. 20(1)", "section 20 (1)", "Sec. 20(1)", "S.20(1)",
                                   "Section 20", "Sections 19\u201321", "20(1)",
                                   "Section 20(1), proviso", "Preamble"])
def test_the_same_citation_written_another_way_is_not_reported(setup, typed):
    lib, store, st, bid, clip_id = setup
    st.push(EditClip(clip_id, locator=typed))
    rep = _verify(lib, store, bid)
    assert rep.ok, rep.text()


@pytest.mark.parametrize("typed", ["Section 21", "s. 20(2)", "Article 20(1)", "Sections 1\u20133",
                                   "Rule 20(1)"])
def test_other_contradicting_typed_locators_are_reported(setup, typed):
    lib, store, st, bid, clip_id = setup
    st.push(EditClip(clip_id, locator=typed))
    assert [p.kind for p in _verify(lib, store, bid).problems] == ["locator_typed"]


def test_a_typed_locator_where_the_structure_is_unsure_is_not_reported(setup):
    lib, store, st, bid, clip_id = setup
    page0 = lib.catalog.page(store.clips.get(clip_id).doc_id, 0).text
    a = page0.index("Dignity of a natural person")  # in the arrangement of sections
    lib.catalog.execute("UPDATE clips SET page_index = 0, page_label = '1', \"start\" = ?, "
                        "\"end\" = ?, text = ?, display_text = ? WHERE id = ?",
                        (a, a + 27, page0[a:a + 27], page0[a:a + 27], clip_id))
    st.push(EditClip(clip_id, locator="Section 99"))
    assert _verify(lib, store, bid).ok


def test_a_typed_locator_on_a_document_without_structure_is_not_reported(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    pdfgen.make_text_pdf(src / "report.pdf", [
        "Annual report on online harms\nThe platforms received many complaints this year. "
        "Whoever intentionally and publicly exhibits false information was reported in "
        "most of them, and the authority asked for more staff."])
    lib = Library.open(tmp_path / "lib")
    try:
        lib.import_paths([src / "report.pdf"], processes=1)
        doc = lib.resolve("report.pdf")
        page = lib.catalog.page(doc.id, 0)
        store = BriefStore(lib.catalog)
        st = CommandStack(store)
        cid = st.push(CreateClip(clip_text(lib.catalog, doc, page, TEXT,
                                           locator="Section 9(2)"))).clip_id
        b = st.push(CreateBrief("Report", sections=["Facts"]))
        st.push(AddQuote(b.brief_id, b.section_ids[0], cid))
        rep = _verify(lib, store, b.brief_id)
        assert rep.ok, rep.text()
    finally:
        lib.close()


def test_export_keeps_the_typed_locator_in_the_footnote(setup, tmp_path):
    from briefer.core.export.export import export_brief
    from briefer.core.export.verify import QuotesChanged

    lib, store, st, bid, clip_id = setup
    st.push(EditClip(clip_id, locator="Section 20(2)"))
    out = tmp_path / "brief.md"
    with pytest.raises(QuotesChanged) as exc:
        export_brief(lib.catalog, bid, out)
    assert [p.kind for p in exc.value.report.problems] == ["locator_typed"]
    assert not out.exists()
    res = export_brief(lib.catalog, bid, out, force=True)
    assert res.forced
    text = out.read_text(encoding="utf-8")
    assert "Section 20(2)" in text and "Section 20(1)" not in text


@pytest.mark.parametrize("typed, structure, same", [
    ("Section 9(2)", "Section 9(3)", False),
    ("s. 9(2)", "Section 9(2)", True),
    ("section 9 (2)", "Section 9(2)", True),
    ("Sec. 9(2)", "Section 9(2)", True),
    ("Art. 199(1)(a)(ii)", "Article 199(1)(a)(ii)", True),
    ("Article 199(1)(a)(i)", "Article 199(1)(a)(ii)", False),
    ("r. 5(1)(b)", "Rule 5(1)(b)", True),
    ("\u00b6 7", "para 7", True),
    ("Section 7", "para 7", False),                    # a judgment's paragraph, not a section
    ("s 33-K", "Section 33K", True),
    ("Section 9", "Section 9(3)", True),               # broader, not wrong
    ("Section 9(2)", "Section 9(2)\u2013(3)", True),   # one end of the passage's range
    ("Sections 8\u201310", "Section 9(2)", True),
    ("Sections 8\u201310", "Section 11", False),
    ("Third Schedule, para 7", "Fourth Schedule, para 7", False),
    ("para 7", "Fourth Schedule, para 7", True),
    ("Section 9, first proviso", "Section 9, proviso", True),
    ("Section 9, proviso", "Section 9, second proviso", False),
    ("Section 3, proviso", "Section 3, proviso (ii)", True),   # a clause of the proviso
    ("Section 23, Illustrations", "Section 23, Illustration (i)", True),
    ("Section 23, Illustration (a)", "Section 23, Illustration (b)", False),
    ("Section 499, Sixth Exception", "Section 499, Exception 6, Illustration (a)", True),
    ("Section 499, Exception 5", "Section 499, Exception 6, Illustration (a)", False),
    ("Section 25, Explanation II", "Section 25, Explanation 2", True),
    ("Preamble", "Section 9", True),                   # not a citation Briefer can check
    ("Schedule II", "Section 9", True),
])
def test_typed_and_structure_locators_compared(typed, structure, same):
    from briefer.core.export.verify import agrees

    assert agrees(typed, structure) is same
