"""The window refreshes from what each operation says it changed (issue 19): an edit in one
panel reloads the panels that show what changed and not the rest; a change made by
another process shows up by event (the catalog's files change, the window is activated),
without a polling timer; the task runner runs plain functions; an export runs beside an
import."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer, Qt  # noqa: E402

from briefer.core.ops import documents as docs_ops  # noqa: E402
from briefer.core.ops import search as search_ops  # noqa: E402
from briefer.core.ops.changes import Changes  # noqa: E402
from briefer.core.ops.session import Session  # noqa: E402
from briefer.ui import reader as reader_pkg  # noqa: E402,F401
from briefer.ui.brief import BriefPanel  # noqa: E402
from briefer.ui.context import AppContext  # noqa: E402
from briefer.ui.library_panel import LibraryPanel  # noqa: E402
from briefer.ui.reader.panel import ReaderPanel  # noqa: E402
from briefer.ui.search_panel import SearchPanel  # noqa: E402
from briefer.ui.tasks import SyncExecutor, TaskRunner  # noqa: E402
from tests.ui.conftest import shown  # noqa: E402
from tests.ui.test_brief_panel import _selection  # noqa: E402


@pytest.fixture
def panels(ctx, qtbot, monkeypatch):
    """The four panels over one context, each reload counted by name."""
    import briefer.ui.reader.panel as reader_module

    counts: Counter[str] = Counter()
    library = shown(qtbot, LibraryPanel(ctx), 600, 400)
    search = shown(qtbot, SearchPanel(ctx), 500, 500)
    brief = shown(qtbot, BriefPanel(ctx), 420, 700)
    reader = shown(qtbot, ReaderPanel(ctx), 700, 700)
    doc_id = docs_ops.list_documents(ctx.session)[0].id
    reader.open_document(doc_id, 0)
    qtbot.waitUntil(lambda: reader.current_document() == doc_id, timeout=30000)

    def counting(name, fn):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            return fn(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(library, "refresh", counting("library", library.refresh))
    monkeypatch.setattr(brief, "refresh", counting("brief", brief.refresh))
    monkeypatch.setattr(search, "refresh", counting("search", search.refresh))
    monkeypatch.setattr(search, "_load_history", counting("history", search._load_history))
    monkeypatch.setattr(reader_module, "check_document",
                        counting("reader", reader_module.check_document))
    return {"library": library, "search": search, "brief": brief, "reader": reader,
            "counts": counts, "doc_id": doc_id}


def test_an_edit_in_one_panel_reloads_the_others_that_show_it_and_not_the_rest(
        panels, ctx, session) -> None:
    counts: Counter[str] = panels["counts"]
    seen: list[Changes] = []
    ctx.changed.connect(seen.append)

    # A quote made in the brief panel: the brief and the reader's clip marks change.
    panels["brief"].quote_selection(_selection(session, "blocking"))
    assert ctx.check_now()  # the report, queued to the event loop, delivered now
    assert seen and all(not c.documents and not c.pages for c in seen)
    assert counts["brief"] >= 1 and counts["reader"] >= 1
    assert counts["library"] == 0 and counts["search"] == 0 and counts["history"] == 0

    # A document's details edited (the Library's dialog calls this): the Library, the
    # brief citing it, the reader and the search results reload; the history does not.
    counts.clear()
    docs_ops.edit_metadata(session, panels["doc_id"], title="Renamed in a test")
    assert ctx.check_now()
    assert counts["library"] == 1 and counts["search"] == 1
    assert counts["brief"] >= 1 and counts["reader"] >= 1
    assert counts["history"] == 0

    # A search saved: only the search panel's history.
    counts.clear()
    search_ops.save_search(session, "kept", "blocking")
    assert ctx.check_now()
    assert counts == Counter(history=1)


def test_a_change_by_another_process_shows_up_by_event(library_dir, prefs, qtbot) -> None:
    """The window reads only (a command line writes): `briefer meta` in a subprocess
    renames a document; the catalog's files change and the Library shows the new title
    — waited for as a signal, no timer polls."""
    session = Session.open(library_dir, readonly=True)
    ctx = AppContext(session, tasks=TaskRunner(SyncExecutor()), settings=prefs)
    try:
        assert not [t for t in ctx.findChildren(QTimer) if t.isActive()]  # nothing polls
        library = shown(qtbot, LibraryPanel(ctx), 600, 400)
        doc_id = docs_ops.list_documents(session)[0].id
        with qtbot.waitSignal(ctx.changed, timeout=60_000) as got:
            subprocess.run([sys.executable, "-m", "briefer", "--library", str(library_dir),
                            "meta", str(doc_id), "--title", "Renamed by the command line"],
                           check=True, capture_output=True, timeout=120)
        assert got.args[0].external and got.args[0].documents
        titles = [library.proxy.index(r, 0).data() for r in range(library.proxy.rowCount())]
        assert "Renamed by the command line" in titles
    finally:
        ctx.stop()
        session.close()


def test_a_second_session_is_seen_when_the_window_is_activated(library_dir, prefs,
                                                               qtbot) -> None:
    """Without the file watcher (poll=False), activating the window looks once."""
    session = Session.open(library_dir, readonly=True)
    ctx = AppContext(session, tasks=TaskRunner(SyncExecutor()), settings=prefs, poll=False)
    writer = Session.open(library_dir, samples=False)
    try:
        doc_id = docs_ops.list_documents(writer)[0].id
        seen: list[Changes] = []
        ctx.changed.connect(seen.append)
        docs_ops.edit_metadata(writer, doc_id, issuer="Another session")
        assert not seen  # its report went to its own process's listeners, not this one
        ctx._on_application_state(Qt.ApplicationState.ApplicationActive)
        assert len(seen) == 1 and seen[0].external
        ctx._on_application_state(Qt.ApplicationState.ApplicationActive)
        assert len(seen) == 1  # nothing new: no signal
    finally:
        writer.close()
        ctx.stop()
        session.close()


def test_the_task_runner_runs_plain_functions(qapp) -> None:
    runner = TaskRunner(SyncExecutor())
    calls = []

    def plain(a, b=2):
        calls.append((a, b))
        return a + b

    def long(a, *, progress=None, cancel=None):
        calls.append((a, progress is not None, cancel is not None))
        return a

    assert runner.submit(plain, 1, b=5, title="plain").result == 6
    assert runner.submit(long, 7, title="long").result == 7
    assert calls == [(1, 5), (7, True, True)]
    kwargs_only = runner.submit(lambda **kw: sorted(kw), title="kw", x=1)
    assert kwargs_only.result == ["x"]  # **kwargs does not ask for progress or cancel


def test_an_export_completes_while_an_import_is_held(threaded_ctx, session, qtbot,
                                                     tmp_path) -> None:
    from tests import pdfgen

    ctx = threaded_ctx
    panel = shown(qtbot, BriefPanel(ctx), 420, 700)
    panel.quote_selection(_selection(session, "blocking"))
    pdf = pdfgen.make_text_pdf(tmp_path / "more.pdf", ["An order published late. " * 8])
    entered, release = threading.Event(), threading.Event()

    def hold(_progress) -> None:  # the import's progress callback: inside its write
        entered.set()
        release.wait(120)

    def held_import(progress=None, cancel=None):  # an import held at its first progress
        return docs_ops.add_files(session, [getattr(pdf, "path", pdf)], ocr=False,
                                  progress=hold, cancel=cancel)

    importing = ctx.tasks.submit(held_import, title="Adding", kind="write")
    try:
        qtbot.waitUntil(entered.is_set, timeout=60_000)
        panel.export_current()
        dialog = panel.export_dialog
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
        out = tmp_path / dialog.target().name  # the format the dialog chose
        dialog.path.setText(str(out))
        with qtbot.waitSignal(dialog.exported, timeout=60_000):
            dialog.export_button.click()
        assert out.exists()
        assert importing.state == "running" and not release.is_set()  # still held
    finally:
        release.set()
    qtbot.waitUntil(lambda: importing.done, timeout=120_000)
    assert importing.state == "done"


def test_a_search_not_recorded_is_no_change(ctx, session) -> None:
    """A search the window runs to refresh its results writes nothing: the next look
    finds nothing changed (no reload of every view as if another process had written)."""
    seen: list[Changes] = []
    ctx.changed.connect(seen.append)
    search_ops.run_search(session, "blocking", record=False)
    assert not ctx.check_now() and not seen
    search_ops.run_search(session, "blocking")  # recorded: the history changed
    assert ctx.check_now() and [c.describe() for c in seen] == ["searches"]
