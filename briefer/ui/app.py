"""Start the desktop window: the application object, looks, logging, the safety net.

Why it is built this way:

* The platform look, not a theme: Fusion on every platform, with the system's light or
  dark palette (Qt 6.5+ reports the colour scheme; Fusion's standard palette follows it).
  ``BRIEFER_COLOR_SCHEME=dark|light`` forces one (screenshots, a desktop that does not
  say). Only highlights carry colours of their own.
* Tracebacks go to a log file in the user's data folder, never to the user. Python calls
  ``sys.excepthook`` for an exception raised in a Qt slot; the hook logs it and shows a
  message naming the log file, and the window stays up (a slot that failed changed
  nothing the core did not already commit).
* The library opens on the GUI thread (its first catalog connection is the GUI thread's,
  and opening an existing library takes milliseconds); the first run, which imports the
  sample documents, shows a progress dialog that keeps the event loop turning.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import signal
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import Optional, Sequence

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QStyleFactory

from briefer import __version__
from briefer.core.paths import APP_NAME, log_path, resolve_library_dir
from briefer.core.progress import CancelToken, Progress
from briefer.ui.dialogs.restore import restore_library

log = logging.getLogger("briefer.ui")

_context = None  # the running window's AppContext, for the exception hook


def setup_logging(path: Optional[Path] = None) -> Path:
    """Log INFO and above to a rotating file (1 MB × 3); returns its path."""
    path = path or log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1 << 20, backupCount=3,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler)
               and Path(h.baseFilename) == path for h in root.handlers):
        root.addHandler(handler)
    for other in root.handlers:  # a terminal (the command line's handler) keeps warnings only
        if type(other) is logging.StreamHandler and other.level < logging.WARNING:
            other.setLevel(logging.WARNING)
    root.setLevel(logging.INFO)
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    return path


def _excepthook(kind: type[BaseException], exc: BaseException,
                tb: Optional[TracebackType]) -> None:
    """Log an uncaught exception and show it without closing the window."""
    if issubclass(kind, KeyboardInterrupt):
        QCoreApplication.quit()
        return
    log.error("uncaught exception:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
    exc.__traceback__ = tb
    if _context is not None:  # phrased like any error: a full disk is named as one
        _context.report_error(exc)
    elif QApplication.instance() is not None:
        from briefer.ui.context import as_user_error, sentence

        plain = as_user_error(exc)
        words = sentence(str(plain)) if plain is not exc else \
            "Briefer hit an unexpected problem and could not finish what it was doing."
        QMessageBox.critical(None, "Briefer", f"{words}\n\n"
                             f"The details were written to {log_path()}.")


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        log.error("uncaught exception in thread %s", getattr(args.thread, "name", "?"),
                  exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def install_exception_hooks(context: object = None) -> None:
    """Route uncaught exceptions (GUI slots and threads) to the log and the window."""
    global _context
    _context = context
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook


def dark_palette() -> QPalette:
    """A dark palette in Fusion's spirit (for desktops that do not provide one)."""
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    base, window, text = QColor(30, 30, 32), QColor(45, 45, 48), QColor(230, 230, 230)
    for r, c in ((role.Window, window), (role.WindowText, text), (role.Base, base),
                 (role.AlternateBase, QColor(38, 38, 41)), (role.ToolTipBase, window),
                 (role.ToolTipText, text), (role.Text, text), (role.Button, window),
                 (role.ButtonText, text), (role.BrightText, QColor(255, 90, 90)),
                 (role.Link, QColor(110, 170, 255)), (role.Highlight, QColor(42, 110, 200)),
                 (role.HighlightedText, QColor(255, 255, 255)),
                 (role.PlaceholderText, QColor(150, 150, 150)),
                 (role.Light, QColor(70, 70, 74)), (role.Midlight, QColor(58, 58, 62)),
                 (role.Mid, QColor(40, 40, 43)), (role.Dark, QColor(25, 25, 27)),
                 (role.Shadow, QColor(0, 0, 0))):
        p.setColor(r, c)
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, QColor(120, 120, 120))
    return p


def apply_palette(app: QApplication, scheme: Optional[str] = None) -> str:
    """Use the system's light or dark palette (or ``scheme``); returns the one applied."""
    scheme = (scheme or os.environ.get("BRIEFER_COLOR_SCHEME", "")).lower()
    if scheme not in ("dark", "light"):
        hint = QGuiApplication.styleHints().colorScheme()
        scheme = "dark" if hint == Qt.ColorScheme.Dark else "light"
    if scheme == "dark":
        app.setPalette(dark_palette())
    else:
        app.setPalette(app.style().standardPalette())
    app.setProperty("briefer_scheme", scheme)
    return scheme


def make_application(argv: Optional[list[str]] = None) -> QApplication:
    """The QApplication with Briefer's names, Fusion style, palette and icon."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    assert isinstance(app, QApplication)
    from briefer.ui.qtfix import guard_singleton_refcounts

    guard_singleton_refcounts()
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("briefer")
    style = QStyleFactory.create("Fusion")
    if style is not None:
        app.setStyle(style)
    apply_palette(app)
    if not os.environ.get("BRIEFER_COLOR_SCHEME"):  # follow the desktop switching theme
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: apply_palette(app))
    from briefer.ui.icons import app_icon

    app.setWindowIcon(app_icon())
    return app


def open_session(library: Optional[Path], parent: object = None):  # -> Session
    """Open the library (creating it, with the samples the first time when it is the
    user's own library) with visible progress."""
    from briefer.core.ops.session import Session, samples_wanted

    folder = resolve_library_dir(library)
    cancel = CancelToken()
    dialog: Optional[QProgressDialog] = None
    if not (folder / "library.sqlite").exists() and samples_wanted(library):
        dialog = QProgressDialog("Setting up your library with the sample documents…",
                                 "Skip", 0, 0)
        dialog.setWindowTitle("Briefer")
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(cancel.cancel)
        dialog.show()

    def progress(p: Progress) -> None:
        if dialog is not None:
            dialog.setMaximum(max(p.total, 0))
            dialog.setValue(min(p.done, p.total) if p.total else 0)
            if p.item:
                dialog.setLabelText(f"Setting up your library: {Path(p.item).name}")
            QApplication.processEvents()

    try:
        return Session.open(library, readonly_if_busy=True, progress=progress, cancel=cancel)
    finally:
        if dialog is not None:
            dialog.close()


def open_or_recover(library: Optional[Path]):  # -> Optional[Session]
    """Open the library; when its catalog is damaged, say so and offer to restore the
    newest good backup (or quit) instead of stopping or starting an empty library.
    None: the library stays closed (the user chose Quit, or it cannot be opened)."""
    from briefer.core.errors import BrieferError
    from briefer.ui.context import as_user_error, sentence

    while True:
        try:
            return open_session(library)
        except Exception as exc:  # the library cannot be opened: say why
            log.error("cannot open the library", exc_info=True)
            exc = as_user_error(exc)
            if isinstance(exc, BrieferError) and exc.reason == "catalog_damaged":
                if offer_restore(library, str(exc)):
                    continue  # restored: open it again
                return None
            words = sentence(str(exc)) if isinstance(exc, BrieferError) else \
                "Briefer hit an unexpected problem while opening it."
            QMessageBox.critical(None, "Briefer", f"The library could not be opened.\n\n"
                                 f"{words}\n\nDetails: {log_path()}")
            return None


def offer_restore(library: Optional[Path], problem: str) -> bool:
    """The damaged-catalog question at start: "Restore Newest Backup…" or "Quit". True
    when a backup was put in place."""
    from briefer.core.ops import maintenance
    from briefer.ui.context import sentence
    from briefer.ui.dialogs.restore import RestoreDialog, restore_library

    entries = maintenance.list_backups(library)
    good = [e for e in entries if e.ok]
    box = QMessageBox(QMessageBox.Icon.Critical, "The library is damaged",
                      sentence(problem), parent=None)
    box.setObjectName("catalog-damaged")
    if good:
        box.setInformativeText(
            "Restore Newest Backup… puts a backup in place of the catalog (the newest good "
            "one is chosen; the file it replaces is kept beside it) and opens the library. "
            "Quit changes nothing.")
        restore = box.addButton("Restore Newest Backup…", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText("There is no good backup to restore. Quit changes nothing; "
                               f"the library folder is {resolve_library_dir(library)}.")
        restore = None
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(quit_button)
    box.setEscapeButton(quit_button)
    box.exec()
    if restore is None or box.clickedButton() is not restore:
        return False
    dialog = RestoreDialog(entries)
    if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.chosen() is None:
        return False
    return restore_library(library, dialog.chosen()) is not None


def run(library: Optional[Path] = None, files: Sequence[Path] = ()) -> int:
    """Open the window on ``library`` (default: the user's library) and add ``files`` (a
    desktop's "Open with Briefer"); returns the exit code. A restore chosen in the window
    (File ▸ Restore from Backup…) closes the library, restores and opens it again."""
    logfile = setup_logging()
    log.info("Briefer %s starting (library %s)", __version__, library or "default")
    app = make_application()
    install_exception_hooks()
    session = open_or_recover(library)
    if session is None:
        return 3
    while True:
        code, restore = _run_window(app, session, logfile, files)
        files = ()
        if restore is None:
            return code
        log.info("restoring the backup %s", restore)
        restore_library(library, restore)  # says what happened, or why not
        session = open_or_recover(library)
        if session is None:
            return 3


def _run_window(app: QApplication, session: object, logfile: Path,
                files: Sequence[Path]) -> tuple[int, Optional[str]]:
    """Show the window over ``session`` until it closes; the exit code and the backup the
    user chose to restore (None: none). The session is closed afterwards."""
    from briefer.ui.context import AppContext
    from briefer.ui.mainwindow import MainWindow

    ctx = AppContext(session, log_file=logfile)
    install_exception_hooks(ctx)
    window = MainWindow(ctx)
    window.show()
    if files:
        QTimer.singleShot(0, lambda: window.add_paths(list(files)))
    # Ctrl+C in the terminal closes the window like Ctrl+Q (Python sees the signal only
    # when it runs, so a timer gives it a turn four times a second). The close is posted,
    # not made inside the handler: the handler runs inside whatever slot Python was in,
    # and the close may ask "Quit Briefer?" in a nested loop where that slot's timer
    # could not fire again.
    signal.signal(signal.SIGINT, lambda *_args: QTimer.singleShot(0, window.close))
    ticker = QTimer()
    ticker.timeout.connect(lambda: None)
    ticker.start(250)
    try:
        code = app.exec()
    finally:
        ticker.stop()
        install_exception_hooks(None)
        ctx.stop()
        ctx.backup_at_quit()  # the window is gone: this short wait blocks no one
        session.close()
        from briefer.ui.reader.bounded import close_renderer

        close_renderer()
        log.info("Briefer closed")
    restore = window.pending_restore
    window.deleteLater()
    return int(code), restore
