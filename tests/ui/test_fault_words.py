"""Every fault named as what it is (issue 16), in the window with the command line's words.

A full disk or a folder that cannot be written, met in a slot or in a background task, is
phrased by the core's ``environment_error`` — the function the command line uses — and
never as "an unexpected problem"; an unexpected problem does not claim that the work is
saved, nor shows an exception's class name; the read-only refusal reads as sentences; an
import says what really happened to every file (all duplicates: nothing was added).
"""

from __future__ import annotations

import errno
import sys
from pathlib import Path

import pytest

from tests import pdfgen

from briefer.core.library import environment_error
from briefer.core.ops import documents as docs_ops
from briefer.core.ops.session import Session
from briefer.ui.app import install_exception_hooks

DISK_FULL = "the disk is full"
KEPT = "nothing was changed or lost"


def _enospc() -> OSError:
    return OSError(errno.ENOSPC, "No space left on device", "/library/files/x.pdf")


def _in_a_slot(ctx, exc: BaseException) -> None:
    """``exc`` raised in a Qt slot: Python hands it to sys.excepthook, as the app sets it."""
    old = sys.excepthook
    install_exception_hooks(ctx)
    try:
        try:
            raise exc
        except type(exc):
            sys.excepthook(*sys.exc_info())
    finally:
        install_exception_hooks(None)
        sys.excepthook = old


def _cli_words(exc: BaseException) -> str:
    """What ``briefer`` prints for ``exc`` after "briefer: " (briefer/cli/__init__.py main)."""
    return str(environment_error(exc))


def test_a_full_disk_in_a_slot_is_named_with_the_command_lines_words(window):
    exc = _enospc()
    _in_a_slot(window.ctx, exc)
    notice = window.ctx.notices[-1]
    assert notice.where == "dialog" and notice.reason == "disk_full"
    assert DISK_FULL in notice.text.lower() and KEPT in notice.text
    assert _cli_words(exc)[1:] in notice.text  # the same sentence (its first letter capital)
    assert "unexpected" not in notice.text and "OSError" not in notice.text


def test_a_full_disk_in_a_task_is_named_as_such(window, qtbot, monkeypatch):
    """A write task (an import) that meets SQLite's full disk: the task runner's error
    path phrases it like the command line."""
    import sqlite3

    def full(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(docs_ops, "add_files", full)
    before = len(window.ctx.notices)
    window.add_paths([Path("/nonexistent/a.pdf")])
    qtbot.waitUntil(lambda: len(window.ctx.notices) > before, timeout=10000)
    notice = window.ctx.notices[-1]
    assert notice.where == "dialog" and notice.reason == "disk_full", notice
    assert DISK_FULL in notice.text.lower() and KEPT in notice.text
    assert "unexpected" not in notice.text and "OperationalError" not in notice.text
    assert _cli_words(sqlite3.OperationalError("database or disk is full"))[1:] in notice.text


def test_a_read_only_folder_is_named_as_such(window):
    exc = PermissionError(errno.EACCES, "Permission denied", "/library/library.sqlite")
    _in_a_slot(window.ctx, exc)
    notice = window.ctx.notices[-1]
    assert notice.where == "dialog", notice  # a refused write is not a passing remark
    assert "read-only" in notice.text and "writable" in notice.text, notice
    assert "unexpected" not in notice.text and "PermissionError" not in notice.text


def test_an_unexpected_problem_claims_nothing_and_names_no_class(window):
    window.ctx.log_file = Path("/tmp/briefer-test.log")
    _in_a_slot(window.ctx, KeyError("clip_id"))
    notice = window.ctx.notices[-1]
    assert notice.reason == "unexpected" and "/tmp/briefer-test.log" in notice.text
    assert "KeyError" not in notice.text and "clip_id" not in notice.text
    assert "briefs are saved" not in notice.text and "keep working" not in notice.text


HOLDER = """
import sys
from briefer.core.ops.session import Session
s = Session.open(sys.argv[1])
print("open", flush=True)
sys.stdin.read()
s.close()
"""


def test_the_read_only_refusal_reads_as_sentences(library_dir, prefs, qapp):
    """Another Briefer process writes; this one opens read-only and refuses an edit with a
    sentence, then what to do."""
    import os
    import subprocess

    from briefer.core.ops import briefs as brief_ops
    from briefer.ui.context import AppContext

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(library_dir)], env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        session = Session.open(library_dir, readonly_if_busy=True)
        try:
            assert session.readonly
            ctx = AppContext(session, settings=prefs, poll=False)
            with pytest.raises(Exception) as refused:
                brief_ops.create_brief(session, "Concerns")
            ctx.report_error(refused.value)
            ctx.stop()
        finally:
            session.close()
    finally:
        holder.stdin.close()
        holder.wait(30)
    text = ctx.notices[-1].text
    assert "another Briefer process is writing to this library. Close the other Briefer " \
        "window or command" in text, text
    assert "library Another" not in text, text
    assert text[0].isupper() and text.endswith("."), text


def test_an_import_of_files_already_in_the_library_says_nothing_was_added(window, qtbot,
                                                                           tmp_path):
    stored = [docs_ops.document_detail(window.ctx.session, r.document.id)
              for r in docs_ops.list_documents(window.ctx.session)][:2]
    copies = []
    for k, detail in enumerate(stored):
        path = tmp_path / f"again{k}.pdf"
        path.write_bytes(Path(detail.stored_file).read_bytes())
        copies.append(path)
    with qtbot.waitSignal(window.importFinished, timeout=60000):
        window.add_paths(copies)
    message = window.statusBar().currentMessage()
    assert message.startswith("Nothing was added"), message
    assert "2 files were already in the library" in message, message
    assert "Added" not in message


def test_a_failed_file_beside_duplicates_does_not_say_everything_else_was_added(
        window, qtbot, tmp_path):
    detail = docs_ops.document_detail(window.ctx.session,
                                      docs_ops.list_documents(window.ctx.session)[0].document.id)
    again = tmp_path / "again.pdf"
    again.write_bytes(Path(detail.stored_file).read_bytes())
    broken = pdfgen.make_truncated_pdf(tmp_path / "broken.pdf").path
    before = len(window.ctx.notices)
    with qtbot.waitSignal(window.importFinished, timeout=120000) as done:
        window.add_paths([again, broken])
    report = done.args[0]
    assert [o.outcome for o in report.outcomes] and report.of("failed"), report.outcomes
    dialogs = [n for n in window.ctx.notices[before:] if n.where == "dialog"]
    assert dialogs, window.ctx.notices[before:]
    text = dialogs[-1].text
    assert "Everything else was added" not in text, text
    assert "1 file was already in the library" in text, text
    assert "Error" not in text, text  # no exception class names


def test_reasons_hold_no_exception_class_names():
    from briefer.ui.context import plain_reason

    assert plain_reason("could not be read (PdfReadError: Expected /Kids to be an array)") \
        == "the file is damaged: its page list cannot be read"  # the importer's own words
    assert "PdfReadError" not in plain_reason("PdfReadError: Expected /Kids to be an array")
    assert plain_reason("not a PDF (it is an HTML page)") == "not a PDF (it is an HTML page)"


def test_an_import_on_a_really_full_disk_says_the_disk_is_full(seeded_library, prefs, qtbot,
                                                               tmp_path):
    """The library on a small file system that is full (mounted by the test; root only):
    adding a PDF through the window says the disk is full, never "unexpected"."""
    import os
    import shutil

    from briefer.ui.context import AppContext
    from briefer.ui.mainwindow import MainWindow
    from briefer.ui.tasks import TaskRunner
    from tests.reliability.test_full_disk import tmpfs

    pdf = pdfgen.make_text_pdf(tmp_path / "new.pdf",
                               [f"Page {i} on proportionality. " * 40 for i in range(20)]).path
    with tmpfs(tmp_path / "small", "8m") as mnt:
        shutil.copytree(seeded_library, mnt / "lib", ignore=shutil.ignore_patterns("library.lock"))
        session = Session.open(mnt / "lib")
        ctx = AppContext(session, tasks=TaskRunner(), settings=prefs, poll=False)
        try:
            window = MainWindow(ctx)
            qtbot.addWidget(window)
            fd = os.open(mnt / "filler", os.O_WRONLY | os.O_CREAT)
            try:  # every block of the disk taken
                for size in (1 << 20, 65536, 4096, 512, 1):
                    try:
                        while os.write(fd, b"\0" * size):
                            pass
                    except OSError:
                        pass
            finally:
                os.close(fd)
            before = len(ctx.notices)
            window.add_paths([pdf])
            qtbot.waitUntil(lambda: any(n.where == "dialog" for n in ctx.notices[before:]),
                            timeout=60000)
            said = " ".join(n.text for n in ctx.notices[before:])
            assert "disk is full" in said.lower(), said
            assert "unexpected" not in said and "Error" not in said, said
            window.close()
        finally:
            ctx.stop()
            session.close()
