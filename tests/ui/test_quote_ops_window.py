"""The window's quoting and copying go through one ops call each (issue 19): a quote with
no brief is one core command on the undo stack, and a refused one starts no brief; Ctrl+B
on a search hit quotes from its first highlighted word to its last; "Copy with page" puts
the core's wording on the clipboard."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.ui.conftest import shown  # noqa: E402
from briefer.core.ops import briefs as ops_briefs  # noqa: E402
from briefer.core.ops import clips as ops_clips  # noqa: E402
from briefer.core.ops import search as ops_search  # noqa: E402
from briefer.core.ops.documents import document_detail  # noqa: E402
from briefer.ui.brief import BriefPanel  # noqa: E402
from briefer.ui.reader import ReaderSelection  # noqa: E402


@pytest.fixture
def panel(qtbot, ctx) -> BriefPanel:
    return shown(qtbot, BriefPanel(ctx), 420, 700)


def _hit(session, query: str = "blocking"):
    return ops_search.run_search(session, query, record=False).hits[0]


def _sentence(session, hit) -> ReaderSelection:
    text = document_detail(session, hit.doc_id).pages[hit.page_index].text
    s = hit.spans[0][0]
    e = text.find(".", s) + 1 or len(text)
    return ReaderSelection(hit.doc_id, hit.page_index, s, e, text[s:e])


def test_quote_with_no_brief_is_one_core_command(panel, session) -> None:
    item = panel.quote_selection(_sentence(session, _hit(session)))
    assert item is not None
    assert panel.undo_stack.count() == 1
    step = panel.undo_stack.command(0)
    assert step.childCount() == 0  # not a window-made macro of brief + section + quote
    assert isinstance(step.command, ops_briefs.QuoteSelection)
    panel.undo_stack.undo()  # the brief, its section, the quote and its clip go together
    assert ops_briefs.list_briefs(session) == [] and ops_clips.list_clips(session) == []
    panel.undo_stack.redo()
    [brief] = ops_briefs.list_briefs(session)
    assert brief.quotes == 1 and panel.current_brief_id() == brief.id


def test_a_refused_quote_starts_no_brief(panel, session, ctx) -> None:
    hit = _hit(session)
    reported: list[BaseException] = []
    ctx.report_error = reported.append
    bad = ReaderSelection(hit.doc_id, 9999, 0, 5, "words")  # no such page
    assert panel.quote_selection(bad) is None
    assert reported and getattr(reported[0], "reason", "") == "page_not_found"
    assert ops_briefs.list_briefs(session) == []  # no "Untitled brief" left behind
    assert panel.undo_stack.count() == 0


def test_ctrl_b_on_a_search_hit_quotes_its_words(window, qtbot) -> None:
    session = window.ctx.session
    with qtbot.waitSignal(window.search.searched, timeout=30000):
        window.search.search("national coordinator")
    qtbot.waitUntil(lambda: window.search.current_hit() is not None, timeout=10000)
    hit = window.search.current_hit()
    assert hit.spans and window.reader.selection() is None
    window.quote_selection()
    brief = window.brief
    qtbot.waitUntil(lambda: brief.current_brief() is not None
                    and bool(brief.current_brief().quotes()), timeout=30000)
    [quote] = brief.current_brief().quotes()
    clip = ops_clips.get_clip(session, quote.clip_id)
    assert (clip.doc_id, clip.page_index) == (hit.doc_id, hit.page_index)
    assert (clip.start, clip.end) == (min(s for s, _ in hit.spans),
                                      max(e for _, e in hit.spans))
    assert brief.undo_stack.count() == 1


def test_copy_with_page_puts_the_cores_words_on_the_clipboard(window, qtbot) -> None:
    session = window.ctx.session
    reader = window.reader
    hit = _hit(session)
    reader.open_document(hit.doc_id, hit.page_index, hit.spans)
    qtbot.waitUntil(lambda: reader.current_document() == hit.doc_id, timeout=30000)
    sel = _sentence(session, hit)
    reader.select_span(sel.page_index, sel.start, sel.end)
    QApplication.clipboard().setText("")
    reader.copy_with_reference()
    copied = QApplication.clipboard().text()
    page = document_detail(session, hit.doc_id).pages[hit.page_index]
    assert copied == ops_clips.copy_with_page(session, hit.doc_id, hit.page_index,
                                              sel.start, sel.end)
    assert copied.startswith("“") and copied.endswith(f", p. {page.label or hit.page_index + 1})")
    window.ctx.tasks.cancel_all()
