"""Every view shows the current title after an edit (issue 18): a cited document's title
edited in the Library changes the brief's citation preview and the quote's source line at
once (the window's ``libraryChanged``), without a restart; so does its issuer."""

from __future__ import annotations

import pytest

from tests.ui.conftest import shown
from briefer.core.ops import briefs as ops_briefs
from briefer.core.ops import documents as docs_ops
from briefer.core.ops import search as ops_search
from briefer.core.ops.documents import document_detail
from briefer.ui.brief import BriefPanel
from briefer.ui.reader import ReaderSelection
from briefer.ui.reader.textnav import sentences


@pytest.fixture
def panel(qtbot, ctx) -> BriefPanel:
    return shown(qtbot, BriefPanel(ctx), 420, 700)


def _quote(panel, session) -> int:
    hit = ops_search.run_search(session, "blocking", record=False).hits[0]
    text = document_detail(session, hit.doc_id).pages[hit.page_index].text
    s, e = next((s, e) for s, e in sentences(text) if s <= hit.spans[0][0] < e)
    panel.quote_selection(ReaderSelection(hit.doc_id, hit.page_index, s, e, text[s:e]))
    return hit.doc_id


def test_a_title_edited_in_the_library_shows_in_the_brief(panel, ctx, session) -> None:
    doc_id = _quote(panel, session)
    old = docs_ops.get_document(session, doc_id).title
    ed = panel.editor
    assert ed.currentWidget() is ed.quote_page  # the new quote is shown
    assert old in ed.citation.text() and old in ed.quote_text.text()
    stamp = ops_briefs.brief_stamp(session, panel.current_brief_id())

    docs_ops.edit_metadata(session, doc_id, title="Renamed in the Library")
    assert ops_briefs.brief_stamp(session, panel.current_brief_id()) != stamp
    assert ctx.check_now()  # the edit's report, delivered
    assert "Renamed in the Library" in ed.citation.text()
    assert old not in ed.citation.text()
    assert "Renamed in the Library" in ed.quote_text.text()

    docs_ops.edit_metadata(session, doc_id, issuer="Ministry of Renaming")
    assert ctx.check_now()  # the edit's report, delivered
    preview = ops_briefs.citation_preview(session, panel.current_brief_id(),
                                          panel.current_brief().quotes()[0].id)
    assert preview.first in ed.citation.text().replace("&amp;", "&")


def test_the_quote_list_shows_the_title_and_page_as_cited_now(panel, ctx, session) -> None:
    """The outline's line and tooltip follow a title edit and a renumbering of the pages
    (they showed what the clip stored when it was made)."""
    from PySide6.QtCore import Qt

    doc_id = _quote(panel, session)
    quote = panel.model.index(0, 0, panel.model.index(0, 0))
    tip = panel.model.data(quote, Qt.ItemDataRole.ToolTipRole)
    assert docs_ops.get_document(session, doc_id).title in tip

    docs_ops.edit_metadata(session, doc_id, title="Renamed in the Library")
    assert ctx.check_now()  # the edit's report, delivered
    quote = panel.model.index(0, 0, panel.model.index(0, 0))
    assert panel.model.data(quote, Qt.ItemDataRole.ToolTipRole).startswith(
        "Renamed in the Library, ")
    clip = next(iter(ops_briefs.brief_clips(session, panel.current_brief()).values()))
    assert clip.doc_title == "Renamed in the Library"

    first = clip.page_index
    from briefer.core.catalog.records import PageNumbering

    docs_ops.set_page_numbering(session, doc_id, [PageNumbering(first, first, 901)])
    assert ctx.check_now()  # the edit's report, delivered
    quote = panel.model.index(0, 0, panel.model.index(0, 0))
    assert "p. 901" in panel.model.data(quote, Qt.ItemDataRole.DisplayRole)
    assert "p. 901" in panel.model.data(quote, Qt.ItemDataRole.ToolTipRole)
