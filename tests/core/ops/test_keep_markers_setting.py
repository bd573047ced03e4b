"""Markers in quoted text are one library setting both front ends share: left out unless
the library says keep them (ops.clips.keeps_markers / set_keep_markers); every way of
quoting (a selection, typed text, a quote into a brief, the window's quote) follows it,
and an explicit keep_markers still wins for one clip."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from briefer.core.clips.clips import find_passage
from briefer.core.library import Library
from briefer.core.ops import briefs as ob
from briefer.core.ops import clips as oc
from briefer.core.ops.session import Session

MARKED = "contempt of court, 1 [commission of] or incitement"  # as typed, and as kept
READ = "contempt of court, [commission of] or incitement"


def make_marked_library(folder: Path) -> Path:
    """A library with one short Act whose line 2 has a superscript amendment marker '1'
    (8 pt, raised) before '[commission of]' (the page test_quote_markers draws)."""
    pytest.importorskip("pypdfium2")  # the marker is known from the page's layout
    from tests.core.clips.test_quote_markers import _marker_pdf

    (folder / "src").mkdir(parents=True, exist_ok=True)
    src = _marker_pdf(folder / "src" / "contempt.pdf")
    with Library.open(folder / "lib") as lib:
        lib.import_paths([src], processes=1)
    return folder / "lib"


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    s = Session.open(make_marked_library(tmp_path), samples=False)
    yield s
    s.close()


def _span(session: Session) -> tuple[int, int, int, int]:
    doc = session.catalog().documents()[0]
    page = session.catalog().page(doc.id, 0)
    a, b = find_passage(page.text, MARKED)[0]
    return doc.id, 0, a, b


def test_markers_are_left_out_until_the_library_keeps_them(session):
    doc_id, page, a, b = _span(session)
    assert oc.keeps_markers(session) is False
    assert oc.clip_selection(session, doc_id, page, a, b).display_text == READ
    oc.set_keep_markers(session, True)
    assert oc.keeps_markers(session) is True
    kept = oc.clip_selection(session, doc_id, page, a, b)
    assert kept.display_text == MARKED and kept.text.startswith("contempt")
    typed = oc.clip_typed_text(session, doc_id, MARKED)
    assert typed.display_text == MARKED
    # an explicit choice for one clip still wins over the library's setting
    assert oc.clip_selection(session, doc_id, page, a, b, keep_markers=False).display_text == READ
    oc.set_keep_markers(session, False)
    assert oc.clip_typed_text(session, doc_id, MARKED).display_text == READ


def test_the_setting_is_kept_in_the_library(session, tmp_path):
    oc.set_keep_markers(session, True)
    root = Path(session.catalog().path).parent
    session.close()
    again = Session.open(root, samples=False)
    try:
        assert oc.keeps_markers(again) is True
    finally:
        again.close()


def test_quoting_into_a_brief_and_the_windows_quote_follow_the_setting(session):
    doc_id, page, a, b = _span(session)
    oc.set_keep_markers(session, True)
    cmd = ob.quote_selection(session, None, None, doc_id=doc_id, page_index=page, start=a,
                             end=b)
    assert oc.get_clip(session, cmd.clip_id).display_text == MARKED
    brief = ob.get_brief(session, cmd.brief_id)
    into = ob.quote_into_brief(session, brief.id, brief.sections[0].id, doc_id=doc_id,
                               page_index=page, start=a, end=b)
    assert oc.get_clip(session, into.clip_id).display_text == MARKED
    oc.set_keep_markers(session, False)
    hit = ob.quote_search_hit(session, brief.id, brief.sections[0].id, doc_id=doc_id,
                              page_index=page, spans=[(a, b)])
    assert oc.get_clip(session, hit.clip_id).display_text == READ


def test_a_read_only_library_refuses_the_change(session):
    root = Path(session.catalog().path).parent
    session.close()
    ro = Session.open(root, readonly=True, samples=False)
    try:
        with pytest.raises(Exception) as exc:
            oc.set_keep_markers(ro, True)
        assert getattr(exc.value, "reason", "") in ("read_only", "library_busy")
        assert oc.keeps_markers(ro) is False
    finally:
        ro.close()
