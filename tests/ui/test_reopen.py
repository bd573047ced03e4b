"""The window reopens where the user left it (issue 18): the open document, its page and
zoom, the last search with its filters and the brief shown come back when a real window
is closed and a new one opened over the same library and preferences; a document removed
in between is skipped without a word, and the place of another library is not used."""

from __future__ import annotations

from briefer.core.ops import briefs as brief_ops
from briefer.core.ops import documents as docs_ops
from briefer.core.ops import search as ops_search
from briefer.core.search.filters import Filters


def _new_window(ctx, qtbot):
    from briefer.ui.mainwindow import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _errors(ctx, monkeypatch) -> list:
    said: list = []
    monkeypatch.setattr(ctx, "report_error", lambda exc, *a, **k: said.append(exc))
    monkeypatch.setattr(ctx, "show_dialog", lambda *a, **k: said.append(a))
    return said


def test_a_new_window_opens_where_the_last_one_closed(threaded_ctx, qtbot) -> None:
    session = threaded_ctx.session
    hit = next(h for h in ops_search.run_search(session, "the", record=False).hits
               if docs_ops.get_document(session, h.doc_id).page_count > 1)
    doc = docs_ops.get_document(session, hit.doc_id)
    first_brief = brief_ops.create_brief(session, "First brief").brief_id
    brief_ops.create_brief(session, "Second brief")  # the newest, shown by default

    first = _new_window(threaded_ctx, qtbot)
    first.brief.set_current_brief(first_brief)
    first.reader.open_document(doc.id, doc.page_count - 1)
    qtbot.waitUntil(lambda: first.reader.current_document() == doc.id, timeout=30000)
    first.reader.set_zoom(1.5)
    with qtbot.waitSignal(first.search.searched, timeout=30000):
        first.search.search("blocking", Filters(types=[doc.doc_type]))
    first.close()
    assert not first.isVisible()

    second = _new_window(threaded_ctx, qtbot)
    qtbot.waitUntil(lambda: second.reader.current_document() == doc.id, timeout=30000)
    assert second.reader.current_page() == doc.page_count - 1
    assert second.reader.zoom_choice() == 1.5
    assert second.search.query_text() == "blocking"
    qtbot.waitUntil(lambda: getattr(second.search, "result", None) is not None, timeout=30000)
    assert second.search._filters.types == [doc.doc_type]
    assert second.brief.current_brief_id() == first_brief
    threaded_ctx.tasks.cancel_all()


def test_a_removed_document_is_skipped_quietly(threaded_ctx, qtbot, monkeypatch) -> None:
    session = threaded_ctx.session
    docs = docs_ops.list_documents(session)
    gone, kept = docs[0], docs[1]
    first = _new_window(threaded_ctx, qtbot)
    first.reader.open_document(gone.id, 0)
    qtbot.waitUntil(lambda: first.reader.current_document() == gone.id, timeout=30000)
    first.close()
    docs_ops.remove_documents(session, [gone.id])
    said = _errors(threaded_ctx, monkeypatch)
    second = _new_window(threaded_ctx, qtbot)
    qtbot.wait(0)
    assert second.reader.current_document() is None
    assert second.reader._loading is None  # nothing was asked for
    assert said == []
    # the place of another library is not used for this one
    threaded_ctx.settings.set("place/library", "/elsewhere/another-library")
    threaded_ctx.settings.set("place/document", kept.id)
    third = _new_window(threaded_ctx, qtbot)
    qtbot.wait(0)
    assert third.reader._loading is None and third.reader.current_document() is None
    threaded_ctx.tasks.cancel_all()
