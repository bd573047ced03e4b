"""What every panel of the window shares: the library session, the task runner, the
preferences, one "the library changed" signal and one way to tell the user about errors.

Why it is built this way:

* Panels take an :class:`AppContext` instead of reaching for globals, so each panel can be
  built and tested on its own over a real temporary library.
* Views refresh from what each action says it changed: every ops function that writes
  reports a :class:`~briefer.core.ops.changes.Changes` through the session, from whichever
  thread it ran on; the context queues it to the GUI thread's event loop (a signal
  without arguments, the reports merged behind a lock; queued from the GUI thread too, so
  a panel's own edit finishes before the views reload) and emits ``changed(Changes)``
  once, so a panel reloads only when what it shows changed (the Library for documents,
  the reader for its document's pages and clips, the brief panel for its brief…).
* Changes made by another process (the command line while this window reads only, a
  second window) are not reported to this one: a ``QFileSystemWatcher`` on the catalog's
  files, and the window becoming active, make it compare ``Session.generation()`` (one
  cheap ``PRAGMA data_version``) with the value seen last — no polling timer. A change
  seen while an action of this process runs is that action's (an import shows its
  documents as it adds them); one seen otherwise comes from elsewhere and refreshes every
  view. ``libraryChanged`` still fires when documents or pages changed, for listeners that
  only care about those.
* Errors are phrased here, once, by the core error's ``reason`` code: the core words what
  happened, the window adds what to do *in the window* (the command line adds its own
  hint). Small things go to the status bar, things that lost or blocked work to a dialog;
  an unexpected exception is logged with its traceback and shown with the log file's path.
* A failure of the machine (a full disk, a folder that cannot be written, another Briefer
  writing) is phrased by the core's own :func:`~briefer.core.library.environment_error`,
  the function the command line uses, so both say the same words; it is never "an
  unexpected problem". No message names an exception class (that goes to the log), and
  none says the work is saved unless it is.
  Dialogs are opened window-modal without blocking (``QMessageBox.open``), so an error in
  a test or in the middle of a task never stalls the event loop.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import shiboken6
from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from briefer.core.errors import BrieferError
from briefer.core.ops.changes import Changes
from briefer.core.library import (ENVIRONMENT_ERRORS, LibraryStorageError, environment_error,
                                  storage_problem)
from briefer.ui.settings import Preferences
from briefer.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the ops layer is imported by the caller that opens the session
    from briefer.core.ops.session import Session

log = logging.getLogger(__name__)

# A change seen on the catalog's files is looked at once this long after the first of
# a burst (an import commits many times a second); not a poll: nothing runs meanwhile.
SETTLE_MS = 400
# After a change, the window asks the core whether a backup is due this long afterwards
# (the core decides: work that differs from the newest backup, which is a few minutes
# old); changes in between do not ask again. The call runs on a worker thread.
BACKUP_CHECK_MS = 30_000

# reason → (where, what to do in the window). "status": the status bar; "dialog": a box.
_ACTIONS: dict[str, tuple[str, str]] = {
    "needs_password": ("status", "Select it in the Library and choose Enter Password…"),
    "wrong_password": ("status", "Check the password and try again."),
    "library_busy": ("dialog", "Close the other Briefer window or command, then reopen this "
                     "library to make changes."),
    "read_only": ("status", "This library is open read-only; reopen it to make changes."),
    "passage_not_found": ("status", "Select the passage in the reader instead."),
    "quotes_changed": ("dialog", "Open the brief's verification report to see which quotes "
                       "changed and jump to them."),
    "invalid_metadata": ("status", "Correct the highlighted field."),
    "tesseract_missing": ("dialog", "Install Tesseract OCR (on Debian/Ubuntu: "
                          "sudo apt install tesseract-ocr) and try again."),
    "ocr_language_missing": ("dialog", "Install the Tesseract language data it names, or "
                             "choose another language."),
    "disk_full": ("dialog", "Free some space on the disk that holds the library, then try "
                  "again. Nothing saved before was lost."),
    "read_only_media": ("dialog", "Move the library to a writable folder, or make this one "
                        "writable."),
    "catalog_damaged": ("dialog", "Restore the library from a backup (File ▸ Restore from "
                        "Backup…)."),
    "not_found": ("status", ""),
    "saved_search_not_found": ("status", ""),
    "document_not_found": ("status", "The document was removed; the Library is up to date."),
    "page_not_found": ("status", ""),
    "item_not_found": ("status", "The brief changed meanwhile; it has been reloaded."),
    "section_not_found": ("status", "The brief changed meanwhile; it has been reloaded."),
    "clip_not_found": ("status", ""),
    "brief_not_found": ("status", ""),
    "not_locked": ("status", ""),
    "needs_ocr": ("status", "Choose Library ▸ Read Scans with OCR… first."),
    "no_text": ("status", ""),
    "no_documents": ("status", "Select documents first."),
    "empty_query": ("status", "Type a query first."),
    "invalid_name": ("status", ""),
    "invalid_sort": ("status", ""),
    "invalid_date": ("status", ""),
    "invalid_edit": ("status", ""),
    "invalid_clip": ("status", "Select the passage again in the reader."),
    "invalid_target": ("status", ""),
    "invalid_citation_settings": ("status", ""),
    "clip_in_use": ("status", "Remove its quotes from the briefs first."),
    "ambiguous": ("status", ""),
    "template_unusable": ("dialog", "Choose another Word template in the export dialog, or "
                          "the built-in one."),
    "invalid_brief_file": ("dialog", ""),
    "ocr_error": ("dialog", ""),
    "no_backup": ("dialog", ""),
    "cancelled": ("status", ""),
}


@dataclass(frozen=True)
class Notice:
    """A message the window showed: where, its text, and the error behind it (if any)."""

    where: str  # "status" | "dialog"
    text: str
    reason: str = ""


class AppContext(QObject):
    """The session, task runner and preferences of one window; see the module docstring."""

    libraryChanged = Signal()  # documents or pages changed (the coarse signal)
    changed = Signal(object)  # Changes: what changed, once per action (or burst)
    statusMessage = Signal(str, int)  # text, milliseconds (0 = until replaced)
    noticeShown = Signal(object)  # Notice
    # Internal: posted from the thread that wrote; the reports wait behind a lock (only
    # the signal crosses threads, as in the task runner).
    _reports_posted = Signal()

    def __init__(self, session: "Session", *, tasks: Optional[TaskRunner] = None,
                 settings: Optional[Preferences] = None, log_file: Optional[Path] = None,
                 poll: bool = True, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks if tasks is not None else TaskRunner(parent=self)
        self.settings = settings if settings is not None else Preferences(parent=self)
        self.log_file = log_file
        self.window: Optional[QWidget] = None  # set by the main window; parent of dialogs
        self.notices: list[Notice] = []
        self.tasks.error_handler = self.report_error
        self._lock = threading.Lock()
        self._reports: list[Changes] = []
        self._generation = self._read_generation()
        self._delivered = self._reports_delivered()
        # Queued even from the GUI thread: a panel's own edit finishes (selects its new
        # row, closes its editor) before the views reload from its report.
        self._reports_posted.connect(self._take_reports, Qt.ConnectionType.QueuedConnection)
        subscribe = getattr(session, "subscribe", None)
        self._unsubscribe = subscribe(self._on_report) if subscribe is not None else None
        if self._unsubscribe is not None:  # a context deleted unstopped hears no more
            self.destroyed.connect(lambda *_a, stop=self._unsubscribe: stop())
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.check_now)
        self._watcher: Optional[QFileSystemWatcher] = None
        self._app_watched = False
        #: The brief open in the window (its citation style words "Copy with page").
        self.current_brief_id: Optional[int] = None
        self.backup_warning = ""  # the last backup failure, '' once one worked again
        self._backup_timer = QTimer(self)
        self._backup_timer.setSingleShot(True)
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.backup_if_due)
        self._backup_running = False
        self.changed.connect(self._on_library_changed)
        if poll:  # watch for other processes' changes (tests ask with check_now)
            self._watch()

    @property
    def readonly(self) -> bool:
        return bool(getattr(self.session, "readonly", False))

    # ----------------------------------------------------------------------- changes
    def _on_report(self, changes: Changes) -> None:
        """The session's listener: runs in the thread that wrote."""
        if not shiboken6.isValid(self):
            return
        with self._lock:
            self._reports.append(changes)
            post = len(self._reports) == 1
        if post:
            self._reports_posted.emit()

    @Slot()
    def _take_reports(self) -> bool:
        """Deliver the reports waiting (once, merged); say whether there were any."""
        with self._lock:
            reports, self._reports = self._reports, []
        if not reports:
            return False
        merged = reports[0]
        for c in reports[1:]:
            merged = merged | c
        self._delivered = self._reports_delivered()
        self._generation = self._read_generation()
        self.notify(merged)
        return True

    def set_current_brief(self, brief_id: Optional[int]) -> None:
        self.current_brief_id = brief_id

    def notify(self, changes: Optional[Changes] = None) -> None:
        """Tell every view that ``changes`` happened (everything when None)."""
        changes = changes if changes is not None else Changes.everything()
        if not changes:
            return
        log.debug("library changed: %s", changes.describe())
        self.changed.emit(changes)
        if changes.documents or changes.pages:
            self.libraryChanged.emit()

    def _reports_delivered(self) -> int:
        state = getattr(self.session, "reports_state", None)
        if state is None:
            return 0
        try:
            return int(state()[1])
        except Exception:  # a closing session
            return self._delivered

    def _watch(self) -> None:
        root = getattr(self.session, "root", None)
        if root is None:
            return
        from briefer.core.library import CATALOG_NAME

        self._catalog_files = [Path(root) / CATALOG_NAME, Path(root) / (CATALOG_NAME + "-wal")]
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._watcher.directoryChanged.connect(self._on_file_changed)
        self._watcher.addPath(str(root))  # a -wal file made or removed
        self._rewatch()
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._on_application_state)
            self._app_watched = True

    def _rewatch(self) -> None:
        if self._watcher is None:
            return
        watched = set(self._watcher.files())
        for path in self._catalog_files:
            if str(path) not in watched and path.exists():
                self._watcher.addPath(str(path))

    def _on_file_changed(self, _path: str) -> None:
        self._rewatch()  # a file replaced is no longer watched
        if not self._settle.isActive():
            self._settle.start()

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check_now()

    def _read_generation(self) -> Optional[int]:
        try:
            return int(self.session.generation())
        except Exception:  # a closing session must not break the check
            log.debug("generation() failed", exc_info=True)
            return None

    def check_now(self) -> bool:
        """Deliver this process's reports still queued, then look for changes not reported
        to this window; emit ``changed`` and say whether anything changed since the last
        look. Changes while an action of this process runs
        are that action's; otherwise another process made them (everything may have
        changed). The window calls it when the catalog's files change or it is activated."""
        if self.tasks.closed:
            return False
        reported = self._take_reports()  # this process's reports first, if still queued
        generation = self._read_generation()
        if generation is None or generation == self._generation:
            return reported
        state = getattr(self.session, "reports_state", None)
        under, delivered = state() if state is not None else (None, self._delivered)
        if delivered != self._delivered:
            return reported  # a report is on its way: it refreshes what it changed
        self._generation = generation
        if under is not None:
            if not under:
                return reported  # an action that reports once it knows what it changed
            self.notify(under)
        else:
            self.notify(Changes.everything(external=True))
        return True

    def stop(self) -> None:
        """Stop watching and cancel running tasks (the window is closing)."""
        self._settle.stop()
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None
        app = QGuiApplication.instance()
        if app is not None and self._app_watched:
            self._app_watched = False
            try:
                app.applicationStateChanged.disconnect(self._on_application_state)
            except (RuntimeError, TypeError):
                pass
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._backup_timer.stop()
        self.tasks.shutdown(wait=True)

    # ----------------------------------------------------------------------- backups
    def _on_library_changed(self, _changes: Any = None) -> None:
        if not self.readonly and not self._backup_timer.isActive():
            self._backup_timer.start()

    def backup_if_due(self) -> None:
        """Ask the core, on a worker thread, for a backup if one is due
        (:func:`briefer.core.ops.maintenance.backup_if_due`); a failure is said in the
        status bar (the work itself is saved) and tried again after the next change."""
        if self.readonly or self.tasks.closed or self._backup_running:
            return
        from briefer.core.ops import maintenance

        self._backup_running = True

        def done(info: Any) -> None:
            self._backup_running = False
            if info is not None:
                self.backup_warning = ""
                log.info("backup made: %s", getattr(info, "path", info))

        def failed(exc: BaseException) -> None:
            self._backup_running = False
            self.backup_warning = str(exc)
            log.warning("backup failed: %s", exc)
            self.show_status(f"No backup could be made: {sentence(str(exc))} Your work "
                             "itself is saved; Briefer tries again after the next change.",
                             15000)

        self.tasks.submit(maintenance.backup_if_due, self.session,
                          title="Backing up", kind="read", cancellable=False,
                          on_result=done, on_error=failed)

    def backup_at_quit(self) -> None:
        """The backup at quit (any change since the newest backup is enough); run after
        the window has closed and before the session does. Never raises: a failure is
        logged, the work itself is saved in the catalog."""
        if self.readonly:
            return
        from briefer.core.ops import maintenance

        try:
            maintenance.backup_if_due(self.session, at_quit=True)
        except Exception:  # a full disk at quit: the catalog holds the work
            log.warning("no backup at quit", exc_info=True)

    # ----------------------------------------------------------------------- messages
    def show_status(self, text: str, msecs: int = 6000) -> None:
        """A short message in the status bar."""
        self._notice(Notice("status", text))
        self.statusMessage.emit(text, msecs)

    def show_dialog(self, title: str, text: str, *, reason: str = "",
                    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
                    details: str = "") -> None:
        """A message box over the window that does not block the event loop."""
        self._notice(Notice("dialog", text, reason))
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setAccessibleName(title)
        if details:
            box.setDetailedText(details)
        box.open()

    def _notice(self, notice: Notice) -> None:
        self.notices.append(notice)
        del self.notices[:-50]
        self.noticeShown.emit(notice)

    def phrase(self, exc: BaseException) -> tuple[str, str]:
        """``(where, text)`` for an error: the core's words plus what to do here, joined as
        sentences."""
        exc = as_user_error(exc)
        if isinstance(exc, BrieferError):
            where, action = _ACTIONS.get(exc.reason, ("dialog", ""))
            if isinstance(exc, LibraryStorageError):
                # a write that failed for the disk's sake: a dialog, in the core's words,
                # which already say what to do (as on the command line)
                where, action = "dialog", ""
            text = sentence(str(exc))
            if action and action not in text:
                text = f"{text} {action}" if text else action
            return where, text
        return "dialog", ""

    def report_error(self, exc: BaseException, *, title: str = "Briefer") -> None:
        """Tell the user about ``exc``: phrased by reason, or logged as unexpected."""
        if storage_problem(exc) is not None:
            log.warning("storage problem", exc_info=(type(exc), exc, exc.__traceback__))
            exc = as_user_error(exc)
        if isinstance(exc, BrieferError) or _is_user_error(exc):
            where, text = self.phrase(exc) if isinstance(exc, BrieferError) else (
                "dialog", str(exc))
            reason = getattr(exc, "reason", "")
            log.info("user error (%s): %s", reason, text)
            if where == "status":
                self._notice(Notice("status", text, reason))
                self.statusMessage.emit(text, 10000)
            else:
                self.show_dialog(title, text, reason=reason)
            return
        self.report_unexpected(exc)

    def report_unexpected(self, exc: BaseException) -> None:
        """Log ``exc`` with its traceback; show a message naming the log file."""
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        if storage_problem(exc) is not None:  # a full disk is not "unexpected"
            self.report_error(exc)
            return
        where = f"\n\nThe details were written to {self.log_file}." if self.log_file else ""
        # Not "everything is saved": whatever failed may have been a write. What the core
        # committed before is kept (every write is one transaction).
        self.show_dialog(
            "Something went wrong",
            "Briefer hit an unexpected problem and could not finish what it was doing. "
            "Everything saved before is kept; check that your last change is there before "
            f"you go on.{where}",
            reason="unexpected", icon=QMessageBox.Icon.Critical)


def as_user_error(exc: BaseException) -> BaseException:
    """A failure of the machine that the core can name (full disk, read-only folder) as the
    core's error worded for a person — the same words as the command line's; anything
    else unchanged."""
    if isinstance(exc, ENVIRONMENT_ERRORS) and storage_problem(exc) is not None:
        return environment_error(exc)
    return exc


def sentence(text: str) -> str:
    """``text`` as a sentence: a capital first letter and a full stop, so that an action
    can follow it ("… writing to this library. Close the other …")."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…:" or text.endswith("\n") else text + "."


def plain_reason(text: str) -> str:
    """A stored reason without a programmer's words (the core's
    :func:`briefer.core.ops.documents.readable_reason`); the raw text goes to the log."""
    from briefer.core.ops.documents import readable_reason

    words = readable_reason(text)
    if words != (text or "").strip():
        log.info("reason shown in plain words: %s", text)
    return words


def _is_user_error(exc: BaseException) -> bool:
    """Core errors written for a person before ``BrieferError`` existed (LibraryError…)."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    return bool(names & {"LibraryError", "CatalogError", "BriefError", "ClipError",
                         "ExportError", "OcrError", "QueryError", "BackupError",
                         "QuotesChanged", "TemplateError", "BriefFileError",
                         "CitationError"})


def describe(value: Any) -> str:
    """A one-line description of a task's result for the status bar (import reports…)."""
    added = getattr(value, "documents_added", None)
    if added is not None:
        return import_summary(value)
    return ""


def _files(n: int) -> str:
    return f"{n} file{'s' if n != 1 else ''}"


def import_summary(report: Any) -> str:
    """What an import did, in counts: added, already in the library, not added (and why
    in the Library), cancelled — never "added" for what was not."""
    outcomes = list(getattr(report, "outcomes", []) or [])
    added = int(getattr(report, "documents_added", 0) or 0)
    pages = int(getattr(report, "pages_added", 0) or 0)
    dups = sum(1 for o in outcomes if o.outcome == "duplicate")
    repeated = int(getattr(report, "repeated_in_import", 0) or 0)
    dups -= repeated
    repaired = sum(1 for o in outcomes if o.outcome == "repaired")
    failed = sum(1 for o in outcomes if o.outcome == "failed")
    locked = sum(1 for o in outcomes if o.outcome == "needs_password")
    parts = []
    if added:
        parts.append(f"Added {added} document{'s' if added != 1 else ''} ({pages} "
                     f"page{'s' if pages != 1 else ''})")
    if repaired:
        parts.append(f"put back the missing stored cop{'ies' if repaired != 1 else 'y'} of "
                     f"{repaired} document{'s' if repaired != 1 else ''}")
    if dups:
        were = "was" if dups == 1 else "were"
        parts.append(f"{_files(dups)} {were} already in the library")
    if repeated:
        parts.append(f"{_files(repeated)} repeated another file of this import")
    if locked:
        parts.append(f"{_files(locked)} need{'s' if locked == 1 else ''} a password")
    if failed:
        parts.append(f"{_files(failed)} could not be added")
    if not parts:
        skipped = int(getattr(report, "skipped_non_pdf", 0) or 0)
        were = "was" if skipped == 1 else "were"
        parts.append("Nothing was added" + (f": {_files(skipped)} {were} not PDFs"
                                            if skipped else ": no PDF was found"))
    elif not added and not repaired:
        parts[0] = "Nothing was added: " + parts[0]
    parts[0] = parts[0][0].upper() + parts[0][1:]
    text = "; ".join(parts)
    if getattr(report, "cancelled", False):
        text += " — cancelled (what was added is complete)"
    return text + "."

