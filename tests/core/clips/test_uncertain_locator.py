"""Uncertain is a question, not a silence: a clip whose locator is uncertain can take the
suggested reading in one undoable step, and the export lists the quotes that would go out
without a locator although their document is numbered (the sample joint statement numbers
its demands after a page of unnumbered paragraphs, so "para 1" is only a suggestion)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.core.clips.clips import ClipError
from briefer.core.ops import briefs as brief_ops
from briefer.core.ops import clips as clip_ops
from briefer.core.ops import export as export_ops
from briefer.core.ops.session import Session
from tests.cli.libcopy import build_library, private_copy

ROOT = Path(__file__).resolve().parents[3]
STATEMENT = ROOT / "resources" / "samples" / "joint-statement-online-harms-rules-2026.pdf"
ACT = ROOT / "resources" / "samples" / "digital-communications-act-2024.pdf"
DEMAND = "Withdraw the Rules, and publish any replacement in draft"
PROSE = "They give a single official"


@pytest.fixture(scope="module")
def template_lib(tmp_path_factory):
    return build_library(tmp_path_factory.mktemp("unlocated"), STATEMENT, ACT)


@pytest.fixture
def session(template_lib, tmp_path, capsys):
    s = Session.open(Path(private_copy(template_lib, tmp_path, capsys)), samples=False)
    yield s
    s.close()


def _statement(s):
    return next(d for d in s.catalog().documents() if d.doc_type == "statement")


def test_accept_suggestion_is_one_undo_step(session):
    s = session
    clip = clip_ops.clip_typed_text(s, _statement(s).id, DEMAND, page_index=1)
    assert clip_ops.locator_status(s, clip.id).suggestion == "para 1"
    cmd = clip_ops.accept_suggested_locator(s, clip.id)
    st = clip_ops.locator_status(s, clip.id)
    assert (st.locator, st.source, st.uncertain) == ("para 1", "user", False)
    assert clip_ops.get_clip(s, clip.id).locator_user == "para 1"
    brief_ops.undo(s, cmd)
    st = clip_ops.locator_status(s, clip.id)
    assert (st.locator, st.uncertain, st.suggestion) == ("", True, "para 1")
    # nothing to accept: a clip with a locator, or one with no suggestion
    clip_ops.accept_suggested_locator(s, clip.id)
    with pytest.raises(ClipError) as err:
        clip_ops.accept_suggested_locator(s, clip.id)
    assert err.value.reason == "no_suggestion"
    prose = clip_ops.clip_typed_text(s, _statement(s).id, PROSE, page_index=0)
    with pytest.raises(ClipError) as err:
        clip_ops.accept_suggested_locator(s, prose.id)
    assert err.value.reason == "no_suggestion"


def test_export_lists_quotes_without_locator(session, tmp_path):
    s = session
    doc = _statement(s)
    act = next(d for d in s.catalog().documents() if d.doc_type != "statement")
    demand = clip_ops.clip_typed_text(s, doc.id, DEMAND, page_index=1)
    typed = clip_ops.clip_typed_text(s, doc.id, DEMAND, page_index=1, locator="para 1")
    # a passage of the act with a detected locator is not listed
    page = next(p for p in s.catalog().pages(act.id) if "warrant" in p.text)
    k = page.text.index("warrant")
    located = clip_ops.clip_selection(s, act.id, page.index, k, k + 7)
    assert clip_ops.get_clip(s, located.id).locator
    b = brief_ops.create_brief(s, "Demands", sections=["One"])
    items = [brief_ops.quote_clip(s, b.brief_id, b.section_ids[0], c.id).item_id
             for c in (demand, typed, located)]
    missing = clip_ops.quotes_without_locator(s, b.brief_id)
    assert [(u.item_id, u.clip_id, u.suggestion) for u in missing] == \
        [(items[0], demand.id, "para 1")]
    assert missing[0].section == "One" and missing[0].page
    assert "suggested para 1" in missing[0].line()
    res = export_ops.export_brief(s, b.brief_id, tmp_path / "out.md")
    assert [u.clip_id for u in res.unlocated] == [demand.id]
    assert res.to_json()["unlocated"][0]["suggestion"] == "para 1"
    # accepted: nothing left to ask about
    clip_ops.accept_suggested_locator(s, demand.id)
    assert clip_ops.quotes_without_locator(s, b.brief_id) == []


def test_document_without_numbering_is_not_listed(session):
    s = session
    clip = clip_ops.clip_typed_text(s, _statement(s).id, PROSE, page_index=0)
    b = brief_ops.create_brief(s, "Prose", sections=["One"])
    brief_ops.quote_clip(s, b.brief_id, b.section_ids[0], clip.id)
    from briefer.core.export import unlocated

    # the statement is numbered (its demands): the prose quote is listed, without suggestion
    missing = clip_ops.quotes_without_locator(s, b.brief_id)
    assert [(u.clip_id, u.suggestion) for u in missing] == [(clip.id, "")]
    # a document with fewer numbered units than a citation can point into is not asked about
    old = unlocated.MIN_UNITS
    unlocated.MIN_UNITS = 10_000
    try:
        assert clip_ops.quotes_without_locator(s, b.brief_id) == []
    finally:
        unlocated.MIN_UNITS = old
