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
