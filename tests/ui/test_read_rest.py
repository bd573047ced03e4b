"""A document read only in part (the time allowed ran out) can be read again with more
time from the Library: one action, offered for that document only, and the status says
what came of it."""

from __future__ import annotations

from tests.core.library.test_long_documents import _book, _InProcessPool
from tests.ui.conftest import shown


def test_a_partly_read_document_is_read_again_with_more_time(qtbot, ctx, tmp_path,
                                                             monkeypatch) -> None:
    from briefer.core.ops import importing
    from briefer.core.ops.documents import add_files
    from briefer.ui.library_panel import LibraryPanel

    rep = add_files(ctx.session, [_book(tmp_path)], ocr=False,
                    pool=_InProcessPool(monkeypatch, 2))
    doc_id = rep.outcomes[0].doc_id
    monkeypatch.undo()  # the real workers read the rest, with the real clock
    assert [p.doc_id for p in importing.partly_read(ctx.session)] == [doc_id]
    panel = shown(qtbot, LibraryPanel(ctx), 700, 500)
    panel.refresh()
    other = next(r.id for r in panel.model.rows if r.id != doc_id)
    panel.select_ids([other], other)
    assert not panel.more_time_action.isEnabled()
    panel.select_ids([doc_id], doc_id)
    assert panel.more_time_action.isEnabled()
    assert panel.more_time_action in panel.context_menu().actions()
    panel.more_time_action.trigger()  # the test's task runner runs it at once
    qtbot.waitUntil(lambda: any("is read now" in n.text for n in ctx.notices), timeout=60_000)
    assert importing.partly_read(ctx.session) == []
    panel.refresh()
    assert not panel.more_time_action.isEnabled()
