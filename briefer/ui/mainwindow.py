"""The main window: docks, menus, toolbar, shortcuts, drag and drop, the status bar.

Why it is built this way: the window owns no data and no policy. It places the four
panels (Library | Search tabbed on the left, the Reader in the centre, the Brief on the
right, every one a dock the user can move, close and restore), turns user gestures into
calls on the panels or the ops layer through the one task runner, and remembers its
geometry and dock layout (``saveState``/``restoreState`` in the preferences file). Each
action is a ``QAction`` with the platform's standard shortcut where one exists
(``QKeySequence.StandardKey``), so the menu, the toolbar and the keyboard share it, and
every action is reachable without a mouse.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Callable, Optional

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (QAction, QCloseEvent, QDragEnterEvent, QDropEvent,
                           QKeySequence)
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox,
                               QToolBar, QWidget)

from briefer.core.ops import documents as docs_ops
from briefer.ui.context import AppContext, describe, plain_reason
from briefer.ui.icons import retint, themed
from briefer.ui.library_panel import LibraryPanel
from briefer.ui.search_panel import SearchHit, SearchPanel
from briefer.ui.task_status import TaskStatus

log = logging.getLogger(__name__)

# 2: the Reader gets the width (issue 18); a layout saved by version 1 — the Reader held
# at 320–400 px while Search took the extra width — is not restored, the docks are shared
# again once
STATE_VERSION = 2
WARM_UP_AFTER_MS = 1000
# Imported in a worker soon after start: importing python-docx/lxml or pypdf holds the
# GIL for ~100 ms, which froze the window for that long at the first export (measured
# by bench/gui_bench.py: 117 ms at the first export, 6 ms once imported).
WARM_UP_MODULES = ("briefer.core.ops.export", "briefer.core.export.export_docx", "docx",
                   "briefer.core.ops.clips", "briefer.core.ops.ocr", "pypdf")


def _keys(standard: Optional[QKeySequence.StandardKey], fallback: str = "") -> list[QKeySequence]:
    """The platform's shortcut for ``standard``, else ``fallback`` (e.g. Ctrl+, on Linux)."""
    keys = QKeySequence.keyBindings(standard) if standard is not None else []
    if not keys and fallback:
        keys = [QKeySequence(k) for k in fallback.split(";")]
    return list(keys)


class MainWindow(QMainWindow):
    """The Briefer window over one :class:`AppContext`."""

    importFinished = Signal(object)  # the ImportReport, after the window handled it

    def __init__(self, ctx: AppContext, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        ctx.window = self
        self.setObjectName("MainWindow")
        self.setWindowTitle(f"Briefer — {ctx.session.root.name}")
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AllowTabbedDocks
                            | QMainWindow.DockOption.AllowNestedDocks
                            | QMainWindow.DockOption.AnimatedDocks)
        self.actions_by_name: dict[str, QAction] = {}
        # The backup the user chose to restore: the window closes, and app.run restores it
        # with the library closed and opens the library again.
        self.pending_restore: Optional[str] = None
        self._build_panels()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        from briefer.ui.drop_overlay import DropOverlay

        self.drop_overlay = DropOverlay(self)
        self._connect()
        self.resize(1400, 880)
        self.restore_layout()
        self.interrupted_bar.hide()  # shown by check_interrupted only (not by the layout)
        QTimer.singleShot(WARM_UP_AFTER_MS, self._warm_up)
        QTimer.singleShot(0, self.restore_place)
        QTimer.singleShot(0, self.check_interrupted)
        QTimer.singleShot(0, self.say_open_notes)

    # ----------------------------------------------------------------------- panels
    def _dock(self, name: str, title: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        dock.setAccessibleName(f"{title} panel")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _build_panels(self) -> None:
        from briefer.ui.reader import ReaderPanel

        self.library = LibraryPanel(self.ctx, self)
        self.search = SearchPanel(self.ctx, self)
        self.reader = ReaderPanel(self.ctx, self)
        self.brief = _brief_panel(self.ctx, self)
        if hasattr(self.brief, "briefChanged"):  # "Copy with page" cites in its style
            self.brief.briefChanged.connect(self.ctx.set_current_brief)
            self.ctx.set_current_brief(self.brief.current_brief_id())
        self.library_dock = self._dock("library", "Library", self.library,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.search_dock = self._dock("search", "Search", self.search,
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tabifyDockWidget(self.library_dock, self.search_dock)
        self.reader_dock = self._dock("reader", "Reader", self.reader,
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.brief_dock = self._dock("brief", "Brief", self.brief,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.splitDockWidget(self.reader_dock, self.brief_dock, Qt.Orientation.Horizontal)
        first_run = bool(self.ctx.settings.get("ui/show_what_to_try"))
        (self.search_dock if first_run else self.library_dock).raise_()

    @property
    def docks(self) -> list[QDockWidget]:
        return [self.library_dock, self.search_dock, self.reader_dock, self.brief_dock]

    # ----------------------------------------------------------------------- actions
    def _action(self, name: str, text: str, slot: Callable[[], Any], *,
                keys: Optional[list[QKeySequence]] = None, icon_name: str = "",
                tip: str = "", context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut
                ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action-{name}")
        if icon_name:
            themed(action, icon_name)
        if keys:
            action.setShortcuts(keys)
            action.setShortcutContext(context)
        plain = text.replace("&", "").rstrip("…")
        shortcut = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
        action.setToolTip(f"{tip or plain}" + (f" ({shortcut})" if keys else ""))
        action.setStatusTip(tip or plain)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        SK = QKeySequence.StandardKey
        a = self._action
        a("add", "&Add PDFs…", self.choose_files, keys=_keys(SK.Open, "Ctrl+O"),
          icon_name="add-pdf", tip="Add PDF files to the library")
        a("add_folder", "Add &Folder…", self.choose_folder, icon_name="folder",
          tip="Add every PDF in a folder and its subfolders")
        a("export", "&Export Brief…", self.export_brief, keys=[QKeySequence("Ctrl+E")],
          icon_name="export", tip="Export the current brief to Word or Markdown")
        a("restore_backup", "&Restore from Backup…", self.restore_from_backup,
          tip="Put a backup of the library's catalog in place (closes and reopens the library)")
        a("quit", "&Quit", self.close, keys=_keys(SK.Quit, "Ctrl+Q"))
        a("search", "&Search the Library", self.focus_search, keys=_keys(SK.Find, "Ctrl+F"),
          icon_name="search", tip="Type a query in the search box")
        a("find_in_doc", "&Find in Document…", self.find_in_document,
          keys=[QKeySequence("Ctrl+Shift+F")], icon_name="find",
          tip="Find words in the open document")
        a("next_hit", "&Next Hit", lambda: self._reader_call("next_hit"),
          keys=_keys(SK.FindNext, "F3"), tip="Go to the next highlighted hit")
        a("prev_hit", "&Previous Hit", lambda: self._reader_call("previous_hit"),
          keys=_keys(SK.FindPrevious, "Shift+F3"), tip="Go to the previous highlighted hit")
        a("quote", "&Quote Selection into Brief", self.quote_selection,
          keys=[QKeySequence("Ctrl+B")], icon_name="quote",
          tip="Quote the selected passage (or search hit) into the current brief")
        a("preferences", "&Preferences…", self.show_preferences,
          keys=_keys(SK.Preferences, "Ctrl+,"), icon_name="preferences")
        a("help", "Briefer &Help", self.show_help, keys=_keys(SK.HelpContents, "F1"),
          icon_name="help", tip="The query language and the keyboard shortcuts")
        a("about", "&About Briefer", self.show_about)
        a("edit_metadata", "&Edit Details…", self.library.edit_selected, icon_name="edit",
          tip="Edit the title, type, issuer, date and tags of the selected document")
        a("remove", "&Remove from Library…", self.library.remove_selected,
          icon_name="remove", tip="Remove the selected documents (says first what it affects)")
        a("password", "Enter Pass&word…", self.library.unlock_selected, icon_name="password",
          tip="Open a password-protected PDF")
        a("ocr", "Read Scans with &OCR…", self.library.ocr_selected, icon_name="ocr",
          tip="Read the scanned pages of the selected documents with OCR")
        a("reindex", "Re&build Search Index", self.library.reindex, icon_name="reindex",
          tip="Rebuild the search index from the catalog")
        a("compare", "&Compare Versions…", self.compare_versions,
          tip="Compare two versions of a document provision by provision")
        for n, (label, target) in enumerate((("&Library", "library"), ("&Search", "search"),
                                              ("&Reader", "reader"), ("&Brief", "brief")), 1):
            a(f"focus_{target}", f"Go to {label}", lambda t=target: self.focus_panel(t),
              keys=[QKeySequence(f"Alt+{n}")], tip="Move the keyboard focus to the panel")
        undo_stack = self.brief.undo_stack
        undo = undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(_keys(SK.Undo, "Ctrl+Z"))
        themed(undo, "undo")
        undo.setObjectName("action-undo")
        redo = undo_stack.createRedoAction(self, "&Redo")
        redo_keys = _keys(SK.Redo, "Ctrl+Shift+Z")
        if QKeySequence("Ctrl+Shift+Z") not in redo_keys:  # the same on every platform
            redo_keys.append(QKeySequence("Ctrl+Shift+Z"))
        redo.setShortcuts(redo_keys)
        themed(redo, "redo")
        redo.setObjectName("action-redo")
        for act in (undo, redo):
            self.addAction(act)
        self.actions_by_name["undo"], self.actions_by_name["redo"] = undo, redo

    def _build_menus(self) -> None:
        A = self.actions_by_name
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for name in ("add", "add_folder", None, "export", None, "restore_backup", None, "quit"):
            file_menu.addSeparator() if name is None else file_menu.addAction(A[name])
        edit = bar.addMenu("&Edit")
        for name in ("undo", "redo", None, "quote", None, "search", "find_in_doc",
                     "next_hit", "prev_hit", None, "preferences"):
            edit.addSeparator() if name is None else edit.addAction(A[name])
        library = bar.addMenu("&Library")
        for name in ("edit_metadata", "password", "ocr", None, "compare", None, "remove", None,
                     "reindex"):
            library.addSeparator() if name is None else library.addAction(A[name])
        # the Library panel's own actions (enabled by its selection and its documents)
        library.insertAction(A["password"], self.library.numbering_action)
        library.insertAction(A["remove"], self.library.more_time_action)
        library.insertAction(A["reindex"], self.library.remove_samples_action)
        library.insertSeparator(A["reindex"])
        view = bar.addMenu("&View")
        for dock in self.docks:
            toggle = dock.toggleViewAction()
            toggle.setText(f"Show {dock.windowTitle()}")
            view.addAction(toggle)
        view.addSeparator()
        for target in ("library", "search", "reader", "brief"):
            view.addAction(A[f"focus_{target}"])
        reader_actions = self.reader.find_action_targets()
        view.addSeparator()
        for name in ("zoom_in", "zoom_out", "fit_width"):
            if name in reader_actions:
                view.addAction(reader_actions[name])
        if "copy" in reader_actions:
            edit.insertAction(A["quote"], reader_actions["copy"])
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(A["help"])
        help_menu.addAction(A["about"])
        self.library.set_context_actions([A["edit_metadata"], A["password"], A["ocr"],
                                          A["compare"], A["remove"]])

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main toolbar", self)
        bar.setObjectName("toolbar-main")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setAccessibleName("Main toolbar")
        A = self.actions_by_name
        for name in ("add", "search", None, "quote", "undo", "redo", None, "export"):
            bar.addSeparator() if name is None else bar.addAction(A[name])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar
        from briefer.ui.interrupted_bar import InterruptedBar

        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.interrupted_bar = InterruptedBar(self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.interrupted_bar)
        self.interrupted_bar.hide()
        self.interrupted_bar.resumeRequested.connect(self.resume_interrupted)
        self.interrupted_bar.discardRequested.connect(self.discard_interrupted)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.task_status = TaskStatus(self.ctx.tasks, status)
        status.addPermanentWidget(self.task_status)
        self.library_label = QLabel(str(self.ctx.session.root), status)
        self.library_label.setToolTip("The library folder")
        self.library_label.setAccessibleName("Library folder")
        status.addPermanentWidget(self.library_label)
        if self.ctx.readonly:
            why = getattr(self.ctx.session, "readonly_reason", "") or "opened read-only"
            badge = QLabel("Read-only", status)
            badge.setToolTip(f"This library is read-only: {why}. Searching and reading work; "
                             "nothing can be changed.")
            badge.setAccessibleName("Read-only library")
            badge.setStyleSheet("QLabel { font-weight: bold; }")
            status.addPermanentWidget(badge)
            self.readonly_badge = badge

    def _connect(self) -> None:
        self.ctx.statusMessage.connect(self.statusBar().showMessage)
        self.search.openHit.connect(self.open_hit)
        self.library.openDocument.connect(lambda doc_id: self.open_hit(
            SearchHit(doc_id=doc_id, page_index=0, spans=[])))
        self.library.addRequested.connect(self.choose_files)
        self.library.importRequested.connect(self.add_paths)
        self.brief.openPassage.connect(self.open_passage)
        self.reader.quoteRequested.connect(self._quote)
        self.reader.searchRequested.connect(self.search_library)
        self.search.helpRequested.connect(self.show_help)
        self.search.exportRequested.connect(self.export_brief)

    # ----------------------------------------------------------------------- behaviour
    def focus_panel(self, target: str) -> None:
        """Show and focus one of the four panels (Alt+1…4)."""
        dock = {"library": self.library_dock, "search": self.search_dock,
                "reader": self.reader_dock, "brief": self.brief_dock}[target]
        dock.show()
        dock.raise_()
        widget = dock.widget()
        focus = getattr(widget, "focus_main", None)
        if callable(focus):
            focus()
        else:
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.focus_query()

    def search_library(self, query: str) -> None:
        """Search the whole library for ``query`` (the reader's "Find in library")."""
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.search(query)

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Add PDFs to the library", str(Path.home()),
                                                "PDF files (*.pdf *.PDF);;All files (*)")
        if files:
            self.add_paths([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of PDFs", str(Path.home()))
        if folder:
            self.add_paths([Path(folder)])

    def add_paths(self, paths: list[Path], password: Optional[str] = None) -> None:
        """Import files and folders in the background; the status bar shows progress."""
        if self.ctx.readonly:
            self.ctx.show_status("This library is open read-only; nothing can be added.")
            return
        settings = self.ctx.settings
        names = ", ".join(p.name for p in paths[:2]) + (" …" if len(paths) > 2 else "")
        self.ctx.tasks.submit(
            docs_ops.add_files, self.ctx.session, [str(p) for p in paths], title=f"Adding {names}",
            kind="write", password=password, ocr=bool(settings.get("ocr/after_import")),
            ocr_lang=settings.get("ocr/languages") or None, on_result=self._on_imported)

    def _on_imported(self, report: Any) -> None:
        text = describe(report)
        if text:
            self.ctx.show_status(text, 10000)
        outcomes = list(getattr(report, "outcomes", []))
        failed = [o for o in outcomes if o.outcome == "failed"]
        if failed:
            lines = "\n".join(f"• {Path(o.path).name}: {plain_reason(o.reason)}"
                              for o in failed[:12])
            more = f"\n… and {len(failed) - 12} more" if len(failed) > 12 else ""
            self.ctx.show_dialog(
                "Some files were not added",
                f"{len(failed)} file{'s were' if len(failed) != 1 else ' was'} not added:\n"
                f"{lines}{more}\n\n{text}",  # the same counts as the status bar
                reason="import_failed", icon=QMessageBox.Icon.Information)
        locked = [o for o in outcomes if o.outcome == "needs_password"]
        if locked:
            self.library.ask_passwords(locked)
        self.importFinished.emit(report)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt)
        """Files dragged over the window: say where they will go (the overlay) and take
        them if any is a PDF or a folder."""
        from briefer.ui.drop_overlay import drop_words, other_files

        paths = _local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        readonly = bool(self.ctx.readonly)
        self.drop_overlay.show_words(drop_words(paths, other_files(event.mimeData()),
                                                readonly=readonly), refused=readonly)
        event.acceptProposedAction()  # (read-only: the moves are refused, the leave comes)

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802 (Qt)
        if _local_paths(event.mimeData()) and not self.ctx.readonly:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: Any) -> None:  # noqa: N802 (Qt)
        self.drop_overlay.hide()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt)
        self.drop_overlay.hide()
        paths = _local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    @Slot(object)
    def open_hit(self, hit: SearchHit) -> None:
        """Open the reader at a hit's page with its words highlighted."""
        self.reader_dock.show()
        self.reader_dock.raise_()
        self.reader.open_document(hit.doc_id, hit.page_index, list(hit.spans) or None,
                                  hit.hit_pages or None)

    @Slot(int, int, int, int)
    def open_passage(self, doc_id: int, page_index: int, start: int, end: int) -> None:
        self.reader_dock.show()
        self.reader_dock.raise_()
        self.reader.open_document(doc_id, page_index, [(start, end)])

    def _reader_call(self, name: str) -> None:
        method = getattr(self.reader, name, None)
        if callable(method):
            method()

    def find_in_document(self) -> None:
        if self.reader.current_document() is None:
            self.ctx.show_status("Open a document first (double-click one in the Library).")
            return
        self.reader_dock.show()
        self.reader_dock.raise_()
        self.reader.open_find()

    def current_selection(self) -> Any:
        """What Ctrl+B quotes: the reader's selection, else the selected search hit (with
        highlighted words), else None."""
        selection = self.reader.selection()
        if selection is not None:
            return selection
        hit = self.search.current_hit()
        return hit if hit is not None and hit.spans else None

    def quote_selection(self) -> None:
        """Ctrl+B: the selection (or hit) becomes a quote in the current brief."""
        selection = self.current_selection()
        if selection is None:
            self.ctx.show_status("Select a passage in the reader, or a hit in the search "
                                 "results, then press Ctrl+B to quote it.")
            return
        if isinstance(selection, SearchHit):
            self.brief_dock.show()
            self.brief.quote_hit(selection)  # ops.briefs.quote_search_hit: one undo step
            return
        self._quote(selection)

    def _quote(self, selection: Any) -> None:
        self.brief_dock.show()
        self.brief.quote_selection(selection)

    def compare_versions(self) -> None:
        """Library ▸ Compare Versions…: the comparison window (briefer.ui.compare)."""
        from briefer.ui.compare import open_compare

        open_compare(self)

    def export_brief(self) -> None:
        self.brief_dock.show()
        self.brief_dock.raise_()
        self.brief.export_current()

    # ----------------------------------------------------------------------- at open
    def say_open_notes(self) -> None:
        """What the check at open found (stored PDFs missing, stored PDFs the catalog does
        not list, kept) in the status bar until something replaces it; the Library table
        marks the documents."""
        from briefer.core.ops import documents

        try:
            notes = documents.open_notes(self.ctx.session)
        except Exception:  # a closing session; nothing to say
            log.debug("open notes could not be read", exc_info=True)
            return
        if notes:
            self.ctx.show_status(" ".join(notes), 0)

    # ----------------------------------------------------------------------- interrupted work
    def check_interrupted(self) -> None:
        """Name work a crash interrupted (an import, an OCR run) in the bar under the
        toolbar, with one action to continue it (read off the GUI thread)."""
        if self.ctx.readonly or self.ctx.tasks.closed:
            return
        from briefer.core.ops import importing

        self.ctx.tasks.submit(importing.interrupted_work, self.ctx.session,
                              title="Looking for interrupted work", kind="read",
                              cancellable=False, on_result=self.interrupted_bar.show_work,
                              on_error=lambda exc: log.warning(
                                  "interrupted work could not be listed: %s", exc))

    def resume_interrupted(self, work: Any) -> None:
        """Continue an interrupted import (like any import) or OCR run."""
        from briefer.core.ops import importing

        if work.kind == "import":
            self.ctx.tasks.submit(importing.resume_interrupted, self.ctx.session, work,
                                  title=f"Continuing {work.description or 'an import'}",
                                  kind="write", on_result=self._on_imported)
        else:
            self.ctx.tasks.submit(importing.resume_interrupted, self.ctx.session, work,
                                  title="Continuing OCR", kind="write",
                                  on_result=self.library.ocr_finished)

    def discard_interrupted(self, work: Any) -> None:
        from briefer.core.ops import importing

        try:
            importing.discard_interrupted(self.ctx.session, work)
        except Exception as exc:  # phrased like any error
            self.ctx.report_error(exc)
            return
        self.ctx.show_status("The interrupted work was forgotten; what it finished is kept.")

    def restore_from_backup(self) -> None:
        """File ▸ Restore from Backup…: choose a backup; the window then closes, the
        library is restored and opened again (app.run does that with it closed)."""
        from briefer.core.ops import maintenance
        from briefer.ui.dialogs.restore import RestoreDialog

        if self.ctx.readonly:  # restoring needs the library to itself: say so before closing
            why = getattr(self.ctx.session, "readonly_reason", "") or "it is open read-only"
            self.ctx.show_dialog("Restore from backup",
                                 f"A backup cannot be restored now: this library is read-only "
                                 f"because {why}. Close the other Briefer window or command, "
                                 "then reopen this library and try again.",
                                 reason="library_busy")
            return
        entries = maintenance.list_backups(self.ctx.session.root)
        if not entries:
            self.ctx.show_dialog("Restore from backup", "This library has no backups yet. "
                                 "Briefer makes one as you work; try again later.",
                                 reason="no_backup", icon=QMessageBox.Icon.Information)
            return
        dialog = RestoreDialog(entries, self)
        dialog.accepted.connect(lambda: self._restore_chosen(dialog))
        dialog.open()
        self.restore_dialog = dialog

    def _restore_chosen(self, dialog: Any) -> None:
        name = dialog.chosen()
        if name is None:
            return
        self.pending_restore = name
        self.close()
        if self.isVisible():  # the user chose not to quit while work runs
            self.pending_restore = None

    def show_preferences(self) -> None:
        from briefer.ui.dialogs.preferences import PreferencesDialog

        PreferencesDialog(self.ctx.settings, self).open()

    def show_help(self) -> None:
        from briefer.ui.dialogs.help import HelpDialog

        HelpDialog(self).show()

    def show_about(self) -> None:
        from briefer.ui.dialogs.about import show_about

        show_about(self, self.ctx)

    def _warm_up(self) -> None:
        if not self.ctx.tasks.closed and not self.ctx.tasks.active:
            self.ctx.tasks.submit(_import_modules, WARM_UP_MODULES, title="Preparing",
                                  kind="read", cancellable=False, on_error=lambda _e: None)
            # the worker process that draws pages (under a memory limit) starts now too
            self.ctx.tasks.submit(_start_renderer, title="Preparing", kind="read",
                                  cancellable=False, on_error=lambda _e: None)

    # ----------------------------------------------------------------------- layout
    def restore_layout(self) -> None:
        """Restore the geometry and dock layout of the last session, if any."""
        geometry = self.ctx.settings.window_state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.ctx.settings.window_state("state")
        self._restored = state is not None and self.restoreState(state, STATE_VERSION)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        if not getattr(self, "_restored", True):
            # First start: share the width once the window has its real size (before
            # that, resizeDocks has nothing to divide).
            self._restored = True
            QTimer.singleShot(0, self._share_width)

    def _share_width(self) -> None:
        """Divide the width: the side panels at a comfortable reading width of their own,
        the Reader — where pages are read at "Fit width" — gets the rest (issue 18)."""
        left, reader, brief = side_widths(self.width())
        self.resizeDocks([self.library_dock, self.search_dock, self.reader_dock,
                          self.brief_dock], [left, left, reader, brief],
                         Qt.Orientation.Horizontal)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt)
        """A wider or narrower window: the change goes to the Reader, the side panels keep
        their widths within their bounds (a restored layout is kept as it was: the first
        resize, at show, has no old size)."""
        super().resizeEvent(event)
        old = event.oldSize()
        if (old.isValid() and old.width() > 0 and old.width() != event.size().width()
                and self._standard_layout()):
            self._share_width()

    def _standard_layout(self) -> bool:
        """The docks stand where Briefer puts them (Library and Search on the left, the
        Reader and the Brief on the right, none floating): a layout the user rearranged is
        left to the user."""
        Area = Qt.DockWidgetArea
        where = {self.library_dock: Area.LeftDockWidgetArea,
                 self.search_dock: Area.LeftDockWidgetArea,
                 self.reader_dock: Area.RightDockWidgetArea,
                 self.brief_dock: Area.RightDockWidgetArea}
        return all(self.dockWidgetArea(d) == a and not d.isFloating() for d, a in where.items())

    # ----------------------------------------------------------------------- where the user was
    def _library_key(self) -> str:
        try:
            return str(Path(self.ctx.session.root).resolve())
        except OSError:
            return str(self.ctx.session.root)

    def save_place(self) -> None:
        """Keep where the user is — the open document, its page and zoom, the last search
        with its filters, the brief shown — for the next start (``place/*`` options)."""
        settings = self.ctx.settings
        doc_id = self.reader.current_document()
        zoom = self.reader.zoom_choice()
        filters = getattr(self.search, "_filters", None)  # what the last search ran with
        to_json = getattr(filters, "to_json", None)
        values = {
            "place/library": self._library_key(),
            "place/document": int(doc_id or 0),
            "place/page": max(0, self.reader.current_page()) if doc_id else 0,
            "place/zoom": "fit" if zoom is None else f"{zoom:g}",
            "place/query": self.search.query_text().strip(),
            "place/filters": json.dumps(to_json()) if callable(to_json) and to_json() else "",
            "place/brief": int(self.brief.current_brief_id() or 0),
        }
        for key, value in values.items():
            settings.set(key, value)

    def restore_place(self) -> None:
        """Bring back where the user left this library (see :meth:`save_place`); a document
        or brief that is no longer there is skipped without a word."""
        settings = self.ctx.settings
        left_in = settings.get("place/library")
        if not left_in or left_in != self._library_key():
            return
        brief_id = settings.get("place/brief")
        if brief_id and hasattr(self.brief, "set_current_brief"):
            self.brief.set_current_brief(brief_id)  # a deleted brief: the latest is shown
        query = settings.get("place/query")
        if query:
            from briefer.core.search.filters import Filters

            try:
                filters = Filters.from_json(json.loads(settings.get("place/filters") or "{}"))
            except (ValueError, TypeError):
                filters = Filters()
            self.search.search(query, filters)
        doc_id = settings.get("place/document")
        if doc_id:
            try:
                docs_ops.get_document(self.ctx.session, doc_id)
            except Exception:  # removed since (or the library cannot say): nothing to open
                log.debug("the last open document %s is not there", doc_id, exc_info=True)
                return
            zoom = settings.get("place/zoom")
            try:
                self.reader.set_zoom(float(zoom)) if zoom != "fit" else self.reader.fit_width()
            except ValueError:
                self.reader.fit_width()
            self.reader.open_document(doc_id, settings.get("place/page"))

    def save_layout(self) -> None:
        self.ctx.settings.set_window_state("geometry", self.saveGeometry())
        self.ctx.settings.set_window_state("state", self.saveState(STATE_VERSION))
        self.ctx.settings.sync()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        """The desktop switched between light and dark (or changed its palette) while
        the window is open: draw the icons again in the new text colour."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            retint()

    def unsaved_work(self) -> list[str]:
        """Edits typed in the brief that the library does not hold, after trying once more
        to store them (the brief panel's ``save_pending``); empty when all is stored."""
        panel = self.brief
        save = getattr(panel, "save_pending", None)
        if callable(save):
            try:
                save()
            except Exception:  # still listed below; the question says so
                log.warning("saving pending edits failed", exc_info=True)
        unsaved = getattr(panel, "unsaved_work", None)
        return list(unsaved()) if callable(unsaved) else []

    def _quit_without_saving(self, unsaved: list[str]) -> bool:
        """Ask "Quit without saving …?" (Cancel is the default); True to quit."""
        listed = "\n".join(f"• {what}" for what in unsaved[:8])
        more = f"\n… and {len(unsaved) - 8} more" if len(unsaved) > 8 else ""
        one = len(unsaved) == 1
        from briefer.ui.dialogs.ask import ask_destructive

        return ask_destructive(
            self, "Quit without saving?",
            f"Quit without saving {'this edit' if one else 'these edits'}? The library could "
            f"not store {'it' if one else 'them'}:\n{listed}{more}",
            "Cancel keeps the window open with the text in the editor: copy it somewhere, or "
            "save it again (Ctrl+Enter) once the library can be written.",
            "Quit Without Saving", name="quit-unsaved")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt)
        unsaved = self.unsaved_work()
        if unsaved and not self._quit_without_saving(unsaved):
            event.ignore()
            return
        running = [h for h in self.ctx.tasks.active if h.kind == "write"]
        if running:
            answer = QMessageBox.question(
                self, "Quit Briefer?",
                f"“{running[0].title}” is still running. Quit and cancel it? What was "
                "finished so far is kept.")
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        try:
            self.save_place()
        except Exception:  # never stop the window closing
            log.warning("where the user was could not be kept", exc_info=True)
        self.save_layout()
        event.accept()


# The side panels' widths: a share of the window's width, within these bounds (px); the
# Reader takes the rest, so it is the widest panel from 1366 px up.
LEFT_SHARE, LEFT_BOUNDS = 0.24, (260, 420)
BRIEF_SHARE, BRIEF_BOUNDS = 0.26, (280, 460)


def side_widths(width: int) -> tuple[int, int, int]:
    """``(left, reader, brief)`` widths for a window ``width`` pixels wide."""
    left = int(min(max(width * LEFT_SHARE, LEFT_BOUNDS[0]), LEFT_BOUNDS[1]))
    brief = int(min(max(width * BRIEF_SHARE, BRIEF_BOUNDS[0]), BRIEF_BOUNDS[1]))
    return left, max(200, width - left - brief), brief


def _start_renderer() -> None:
    from briefer.ui.reader.bounded import renderer

    renderer().warm_up()


def _import_modules(names: tuple[str, ...]) -> None:
    import importlib

    for name in names:
        importlib.import_module(name)


def _brief_panel(ctx: AppContext, parent: QWidget) -> Any:
    """The brief composer (ui-panels' half); while it is not installed, an empty panel
    that says so and an undo stack of its own keep the window usable."""
    try:
        from briefer.ui.brief import BriefPanel
    except ImportError as exc:
        if "briefer.ui.brief" not in str(exc) and "BriefPanel" not in str(exc):
            raise
        log.warning("the brief composer is not available: %s", exc)
        return _NoBriefPanel(ctx, parent)
    return BriefPanel(ctx, parent)


class _NoBriefPanel(QLabel):
    """Stands in for the brief composer in a build without it."""

    openPassage = Signal(int, int, int, int)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__("The brief composer is not part of this build.", parent)
        from PySide6.QtGui import QUndoStack

        self.ctx = ctx
        self.undo_stack = QUndoStack(self)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def current_brief_id(self) -> Optional[int]:
        return None

    def quote_selection(self, selection: Any) -> None:
        self.ctx.show_status("Quoting needs the brief composer, which this build lacks.")

    def quote_hit(self, hit: Any) -> None:
        self.quote_selection(hit)

    def export_current(self) -> None:
        self.ctx.show_status("Exporting needs the brief composer, which this build lacks.")


def _local_paths(mime: Any) -> list[Path]:
    """The local files and folders in a drag, PDFs and folders only."""
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.is_dir() or p.suffix.lower() == ".pdf"]
