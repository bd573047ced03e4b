"""What every panel of the window shares: the library session, the task runner, the
preferences, one "the library changed" signal and one way to tell the user about errors.

Why it is built this way:

* Panels take an :class:`AppContext` instead of reaching for globals, so each panel can be
  built and tested on its own over a real temporary library.
* Views refresh when the catalog says it changed, whoever changed it (this window's
  worker threads, another Briefer process, the command line). ``Session.generation()`` is
  one cheap ``PRAGMA data_version`` read plus an in-process counter, so a timer polls it
  every few hundred milliseconds and ``libraryChanged`` fires once per change, never per
  row; a task that writes calls :meth:`check_now` when it ends so its own change shows at
  once.
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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from briefer.core.errors import BrieferError
from briefer.core.library import (ENVIRONMENT_ERRORS, LibraryStorageError, environment_error,
                                  storage_problem)
from briefer.ui.settings import Preferences
from briefer.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the ops layer is imported by the caller that opens the session
    from briefer.core.ops.session import Session

log = logging.getLogger(__name__)

POLL_MS = 400
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

    libraryChanged = Signal()
    statusMessage = Signal(str, int)  # text, milliseconds (0 = until replaced)
    noticeShown = Signal(object)  # Notice

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
        self._generation = self._read_generation()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check_now)
        self.tasks.ended.connect(lambda _handle: self.check_now())
        self.backup_warning = ""  # the last backup failure, '' once one worked again
        self._backup_timer = QTimer(self)
        self._backup_timer.setSingleShot(True)
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.backup_if_due)
        self._backup_running = False
        self.libraryChanged.connect(self._on_library_changed)
        if poll:
            self._timer.start()

    @property
    def readonly(self) -> bool:
        return bool(getattr(self.session, "readonly", False))

    def _read_generation(self) -> Optional[int]:
        try:
            return int(self.session.generation())
        except Exception:  # a closing session must not break the timer
            log.debug("generation() failed", exc_info=True)
            return None

    def check_now(self) -> bool:
        """Emit ``libraryChanged`` if the catalog changed since the last look; say if so."""
        generation = self._read_generation()
        if generation is None or generation == self._generation:
            return False
        self._generation = generation
        self.libraryChanged.emit()
        return True

    def stop(self) -> None:
        """Stop polling and cancel running tasks (the window is closing)."""
        self._timer.stop()
        self._backup_timer.stop()
        self.tasks.shutdown(wait=True)

    # ----------------------------------------------------------------------- backups
    def _on_library_changed(self) -> None:
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

        self.tasks.submit(_backup_task, maintenance.backup_if_due, self.session,
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


def _backup_task(backup_if_due: Any, session: Any, *, progress: Any = None,
                 cancel: Any = None) -> Any:
    return backup_if_due(session)
