"""The window's conventions: drag and drop, remembered layout, keyboard focus of panels,
errors phrased for the user (never a traceback), the failing export's report, help,
about and preferences."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence

from briefer.core.errors import BrieferError
from briefer.core.ops import briefs as brief_ops
from briefer.core.ops import documents as docs_ops
from briefer.core.paths import resources_dir


def _drop(window, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    return event


def test_dropping_a_folder_imports_it(window, qtbot, tmp_path, generated):
    folder = tmp_path / "dropped"
    folder.mkdir()
    (folder / "apples.pdf").write_bytes(Path(generated["text"].path).read_bytes())
    (folder / "notes.txt").write_text("not a pdf")
    with qtbot.waitSignal(window.importFinished, timeout=60000) as done:
        event = _drop(window, [folder])
    assert event.isAccepted()
    assert done.args[0].documents_added == 1
    assert "Added 1 document" in window.statusBar().currentMessage()


def test_drop_of_other_files_is_refused(window, tmp_path):
    other = tmp_path / "a.txt"
    other.write_text("x")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    from briefer.ui.mainwindow import _local_paths

    assert _local_paths(mime) == []


def test_layout_is_remembered(threaded_ctx, qtbot):
    from briefer.ui.mainwindow import MainWindow

    first = MainWindow(threaded_ctx)
    qtbot.addWidget(first)
    first.show()
    first.brief_dock.hide()
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.reader_dock)
    first.close()
    assert threaded_ctx.settings.window_state("state") is not None
    assert threaded_ctx.settings.window_state("geometry") is not None
    second = MainWindow(threaded_ctx)
    qtbot.addWidget(second)
    second.show()
    assert second.brief_dock.isHidden()
    assert second.dockWidgetArea(second.reader_dock) == Qt.DockWidgetArea.LeftDockWidgetArea


def test_standard_shortcuts_and_panel_focus(window, qtbot):
    A = window.actions_by_name
    assert QKeySequence("Ctrl+O") in A["add"].shortcuts()
    assert QKeySequence("Ctrl+F") in A["search"].shortcuts()
    assert QKeySequence("Ctrl+B") in A["quote"].shortcuts()
    assert QKeySequence("Ctrl+E") in A["export"].shortcuts()
    assert QKeySequence("Ctrl+Shift+Z") in A["redo"].shortcuts()
    assert QKeySequence("Ctrl+Z") in A["undo"].shortcuts()
    assert QKeySequence("Ctrl+,") in A["preferences"].shortcuts()
    assert QKeySequence("F1") in A["help"].shortcuts()
    A["search"].trigger()
    assert window.search.query_box.hasFocus() or window.search.query_box.lineEdit().hasFocus()
    A["focus_library"].trigger()
    assert window.library.table.hasFocus()
    for action in A.values():
        assert action.text(), "every action has a name for menus and screen readers"


def test_ctrl_b_without_a_selection_says_what_to_do(window):
    window.reader.clear_selection()
    window.search.model.set_result(None)
    window.actions_by_name["quote"].trigger()
    assert "Select a passage" in window.statusBar().currentMessage()


def test_errors_are_phrased_never_tracebacks(window, qtbot):
    ctx = window.ctx
    ctx.report_error(BrieferError("the PDF is locked", reason="needs_password"))
    notice = ctx.notices[-1]
    assert notice.where == "status" and "Enter Password" in notice.text
    ctx.report_error(BrieferError("the disk is full", reason="disk_full"))
    assert ctx.notices[-1].where == "dialog" and "Free some space" in ctx.notices[-1].text
    ctx.log_file = Path("/tmp/briefer-test.log")
    ctx.report_error(ZeroDivisionError("division by zero"))
    last = ctx.notices[-1]
    assert last.reason == "unexpected" and "/tmp/briefer-test.log" in last.text
    assert "Traceback" not in last.text


def test_exception_in_a_slot_is_logged_and_shown(window, qtbot, caplog):
    import sys

    from briefer.ui.app import install_exception_hooks

    old = sys.excepthook
    install_exception_hooks(window.ctx)
    try:
        try:
            raise RuntimeError("a slot failed")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        install_exception_hooks(None)
        sys.excepthook = old
    assert window.ctx.notices[-1].reason == "unexpected"
    assert "a slot failed" in caplog.text
    assert window.isVisible()


def test_failing_export_shows_its_report(window, qtbot):
    ctx = window.ctx
    doc = next(r.document for r in docs_ops.list_documents(ctx.session)
               if r.document.doc_type == "rule")
    from briefer.ui.reader import ReaderSelection

    detail = docs_ops.document_detail(ctx.session, doc.id)
    page = detail.pages[1]
    window.brief.quote_selection(ReaderSelection(doc.id, 1, 0, 60, page.text[:60]))
    brief_id = window.brief.current_brief_id()
    assert brief_id is not None
    docs_ops.remove_documents(ctx.session, [doc.id], confirmed=True)
    window.actions_by_name["export"].trigger()
    dialog = window.brief.export_dialog
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    assert not dialog.report.ok
    assert dialog.problems.topLevelItemCount() == 1
    assert "Nothing has been written" in dialog.summary.text()
    assert brief_ops.get_brief(ctx.session, brief_id)  # the brief itself is untouched


def test_help_lists_query_language_and_shortcuts(window, qtbot):
    from briefer.ui.dialogs.help import HelpDialog, help_html

    text = help_html(window)
    assert "national coordinator" in text and "date:2020" in text
    assert "Ctrl+B" in text and "Quote Selection into Brief" in text
    dialog = HelpDialog(window)
    qtbot.addWidget(dialog)
    assert "Keyboard" in dialog.browser.toPlainText()


def test_about_names_library_and_log(window, qtbot):
    from briefer.ui.dialogs.about import about_text

    assert str(window.ctx.session.root) in about_text(window.ctx)


def test_preferences_round_trip(window, qtbot):
    from briefer.ui.dialogs.preferences import PreferencesDialog

    prefs = window.ctx.settings
    dialog = PreferencesDialog(prefs, window)
    qtbot.addWidget(dialog)
    dialog.editors["ocr/languages"].setText("eng+urd")
    dialog.editors["export/citation_style"].setCurrentText("inline")
    dialog.save()
    assert prefs.get("ocr/languages") == "eng+urd"
    assert prefs.get("export/citation_style") == "inline"
    dialog = PreferencesDialog(prefs, window)
    qtbot.addWidget(dialog)
    dialog.restore_defaults()
    dialog.save()
    assert prefs.get("export/citation_style") == "footnote"


def test_settings_are_typed_and_versioned(tmp_path, qapp):
    from briefer.ui.settings import SCHEMA_VERSION, Preferences

    path = tmp_path / "s.ini"
    path.write_text("[search]\npage_size=banana\n[ui]\nshow_what_to_try=false\n")
    prefs = Preferences.at(path)
    assert prefs.get("search/page_size") == 20  # junk reads as the default
    assert prefs.get("ui/show_what_to_try") is False
    assert int(prefs.qsettings.value("settings/version")) == SCHEMA_VERSION


def test_an_ops_edit_refreshes_the_views_by_its_report(window, qtbot):
    ctx = window.ctx
    doc_id = docs_ops.list_documents(ctx.session)[0].id
    seen = []
    ctx.changed.connect(seen.append)
    docs_ops.edit_metadata(ctx.session, doc_id, title="Changed behind the window's back")
    qtbot.waitUntil(lambda: bool(seen))  # the report, queued to the event loop
    titles = [window.library.proxy.index(r, 0).data()
              for r in range(window.library.proxy.rowCount())]
    assert "Changed behind the window's back" in titles
    assert [c.describe() for c in seen] == ["documents"]  # one signal per change
    assert not ctx.check_now()  # nothing changed that the window was not told of


def test_desktop_file_and_icons_exist():
    desktop = (resources_dir() / "briefer.desktop").read_text()
    assert "Exec=briefer" in desktop and "Icon=briefer" in desktop
    from briefer.ui.icons import available

    for name in ("briefer", "add-pdf", "search", "quote", "export", "undo", "redo"):
        assert name in available()


def test_briefer_without_a_command_opens_the_window_only_with_a_display(monkeypatch, capsys):
    from briefer import entry
    from briefer.entry import display_available

    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("DISPLAY", ":0")
    assert not display_available()  # offscreen: nobody would see it
    assert entry.main([]) == 0 and "usage" in capsys.readouterr().out.lower()
    monkeypatch.delenv("QT_QPA_PLATFORM")
    assert display_available()
    opened = []
    monkeypatch.setattr("briefer.ui.app.run",
                        lambda library=None, files=(): opened.append((library, files)) or 0)
    assert entry.main(["--library", "/tmp/some-library"]) == 0
    assert opened and str(opened[0][0]).endswith("some-library") and not opened[0][1]
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")


def test_briefer_with_files_opens_the_window_and_adds_them(monkeypatch, capsys, tmp_path):
    """``briefer FILE…`` is what a desktop's "Open with Briefer" runs (briefer.desktop)."""
    from briefer import cli, entry

    pdf = resources_dir() / "samples" / "digital-communications-act-2024.pdf"
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # no display: say how to add them
    assert entry.main(["--library", str(tmp_path / "lib"), str(pdf)]) == cli.EXIT_USAGE
    assert "briefer add" in capsys.readouterr().err
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("DISPLAY", ":0")
    opened = []
    monkeypatch.setattr("briefer.ui.app.run",
                        lambda library=None, files=(): opened.append((library, files)) or 0)
    assert entry.main(["--library", str(tmp_path / "lib"), str(pdf), str(pdf.parent)]) == 0
    assert opened[-1][1] == [pdf, pdf.parent]
    # a command is still a command, and a word that is no file is still an error
    assert entry.main(["--library", str(tmp_path / "lib"), "list"]) == 0
    with pytest.raises(SystemExit):
        entry.main(["no-such-file.pdf"])
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")


def test_read_only_library_says_so_and_refuses_changes(library_dir, prefs, qtbot):
    from briefer.core.ops.session import Session
    from briefer.ui.context import AppContext
    from briefer.ui.mainwindow import MainWindow
    from briefer.ui.tasks import SyncExecutor, TaskRunner

    session = Session.open(library_dir, readonly=True)
    ctx = AppContext(session, tasks=TaskRunner(SyncExecutor()), settings=prefs, poll=False)
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        assert window.readonly_badge.text() == "Read-only"
        window.add_paths([resources_dir() / "samples"])
        assert "read-only" in window.statusBar().currentMessage()
        window.library.select_ids([docs_ops.list_documents(session)[0].id])
        assert not window.actions_by_name["remove"].isEnabled()
        assert not window.actions_by_name["edit_metadata"].isEnabled()
        window.search.search("national coordinator")  # reading still works
        assert window.search.model.rowCount() > 0
    finally:
        ctx.stop()
        session.close()


def test_keyboard_shortcuts_reach_their_actions(window, qtbot):
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=30000)
    with qtbot.waitSignal(window.search.searched, timeout=10000):
        window.search.search("national coordinator")
    window.reader.clear_selection()
    triggered = []
    window.actions_by_name["quote"].triggered.connect(lambda *_a: triggered.append("quote"))
    window.search.tree.setFocus()
    qtbot.keyClick(window.search.tree, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert triggered == ["quote"]  # one action owns Ctrl+B: no ambiguous shortcut
    qtbot.waitUntil(lambda: window.brief.current_brief_id() is not None, timeout=30000)
    qtbot.keyClick(window.search.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.brief.undo_stack.canUndo(), timeout=30000)
    qtbot.keyClick(window.search.tree, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.library.table.hasFocus()


def test_files_that_fail_are_named_with_their_reason(window, qtbot, tmp_path):
    from tests.pdfgen import make_not_pdf

    fake = make_not_pdf(tmp_path / "download.pdf")  # an HTML page saved as .pdf
    with qtbot.waitSignal(window.importFinished, timeout=60000):
        window.add_paths([Path(fake)])
    notice = window.ctx.notices[-1]
    assert notice.where == "dialog" and notice.reason == "import_failed"
    assert "download.pdf" in notice.text and "Traceback" not in notice.text


def test_find_in_library_from_the_reader_runs_a_search(window, qtbot):
    with qtbot.waitSignal(window.search.searched, timeout=10000):
        window.reader.searchRequested.emit('"national coordinator"')
    assert window.search.query_text() == '"national coordinator"'
    assert window.search.model.rowCount() > 0
