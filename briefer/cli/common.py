"""What every command module of the ``briefer`` command line shares: exit codes, the
command line's wording of the core's errors (the action behind an error's ``reason``
phrased as a command to run; the window phrases the same reasons as buttons and dialogs),
printing (JSON, shortened text, progress), Ctrl+C as a cancel request, and opening the
library and finding the document an argument names.

Exit codes: 0 success; 1 finished, but some files were not imported; 2 usage error;
3 the library cannot be used (busy, damaged, not writable); 4 no such document;
5 a confirmation is needed (``remove`` of cited documents without ``--yes``);
130 cancelled with Ctrl+C.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional

from briefer import lazy
from briefer.core.errors import BrieferError
from briefer.core.paths import resolve_library_dir
from briefer.core.progress import CancelToken, Progress

if TYPE_CHECKING:
    from briefer.core.catalog.catalog import Document
    from briefer.core.ops import documents as docs_ops
    from briefer.core.ops.session import Session
else:  # loaded on first use: a short command starts quickly (briefer/lazy.py)
    docs_ops = lazy.module("briefer.core.ops.documents")

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_LIBRARY = 3
EXIT_NOT_FOUND = 4
EXIT_CONFIRM = 5
EXIT_CANCELLED = 130
EXIT_UNEXPECTED = 70  # a bug: the details are in the log file, not on the screen


class CliError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


# How the command line phrases the action behind a reason, and its exit code.
_REASON_EXIT = {"not_found": EXIT_NOT_FOUND, "document_not_found": EXIT_NOT_FOUND,
                "saved_search_not_found": EXIT_NOT_FOUND, "invalid_metadata": EXIT_USAGE,
                "invalid_sort": EXIT_USAGE, "invalid_name": EXIT_USAGE,
                "empty_query": EXIT_USAGE, "no_documents": EXIT_USAGE,
                "ocr_language_missing": EXIT_USAGE, "tesseract_missing": EXIT_USAGE,
                "not_locked": EXIT_USAGE, "confirm_removal": EXIT_CONFIRM}
_REASON_HINT = {
    "catalog_damaged": "Run `briefer restore` (with --library DIR if it is not your default "
                       "library) to put the newest good backup in place.",
    "no_backup": "`briefer restore --list` lists the backups.",
    "document_not_found": "Use its number from `briefer list`.",
    "saved_search_not_found": "`briefer search --saved` lists them.",
    "needs_password": "Run `briefer add FILE --password …` with the right password.",
    "confirm_removal": "Run the same command with --yes to remove it anyway.",
}


def cli_error(exc: BrieferError, hint: bool = True) -> CliError:
    """The command line's words and exit code for an error of the core."""
    message = str(exc)
    extra = _REASON_HINT.get(exc.reason) if hint else None
    if extra:
        message = f"{message.rstrip('.')}. {extra}" if not message.endswith("\n") else \
            message + extra
    return CliError(message, _REASON_EXIT.get(exc.reason, EXIT_LIBRARY))


# --------------------------------------------------------------------------- output helpers


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis when it was cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[:max(0, width - 1)].rstrip() + "…"


class ProgressBar:
    """Progress on stderr: a one-line bar on a terminal; elsewhere (a log, a pipe) a plain
    line when a new stage starts and at most every :attr:`LINE_SECONDS` within one."""

    LINE_SECONDS = 10.0

    def __init__(self, enabled: Optional[bool] = None, *, lines: Optional[bool] = None) -> None:
        tty = sys.stderr.isatty()
        self.enabled = tty if enabled is None else enabled
        self.lines = (not tty) if lines is None else lines
        if enabled is False:
            self.lines = False
        self._last = 0.0
        self._shown = False
        self._stage = ""
        self._last_line = 0.0

    def __call__(self, p: Progress) -> None:
        if self.lines:
            self._line(p)
            return
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and p.done != p.total:
            return
        self._last = now
        width = 30
        if p.total > 0:
            frac = p.fraction or 0.0
            bar = "#" * int(frac * width)
            line = f"\r{p.message} [{bar:<{width}}] {p.done}/{p.total} {p.item[:40]}"
        else:
            line = f"\r{p.message} {p.item[:50]}"
        sys.stderr.write(line[:120].ljust(120))
        sys.stderr.flush()
        self._shown = True

    def _line(self, p: Progress) -> None:
        now = time.monotonic()
        stage = re.sub(r"\d+", "#", p.message)  # "Checking 3 of 40 files": one stage
        if stage == self._stage and now - self._last_line < self.LINE_SECONDS:
            return
        self._stage = stage
        self._last_line = now
        count = f" {p.done}/{p.total}" if p.total > 0 else ""
        item = f" ({p.item})" if p.item else ""
        sys.stderr.write(f"{p.message}{count}{item}\n")
        sys.stderr.flush()

    def finish(self) -> None:
        if self._shown:
            sys.stderr.write("\r" + " " * 120 + "\r")
            sys.stderr.flush()
            self._shown = False


def sigint_cancels(token: CancelToken) -> Callable[[], None]:
    """First Ctrl+C requests cancellation; a second one stops at once."""
    previous = signal.getsignal(signal.SIGINT)

    def handler(signum: int, frame: Any) -> None:
        if token.cancelled:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            raise KeyboardInterrupt
        token.cancel()
        sys.stderr.write("\nStopping after the files being read… (Ctrl+C again to abort)\n")

    signal.signal(signal.SIGINT, handler)
    return lambda: signal.signal(signal.SIGINT, previous)


# --------------------------------------------------------------------------- library access


def open_session(args: argparse.Namespace, readonly_ok: bool = False) -> Session:
    """Open the library the arguments name. ``readonly_ok``: a reader command, which
    falls back to reading only when another process writes (a note says so)."""
    from briefer.core.ops.session import Session  # the library and the index: on use

    root = resolve_library_dir(args.library)
    bar = ProgressBar(lines=False)
    try:  # a new library: the core decides whether it gets the samples
        session = Session.open(args.library or None, readonly_if_busy=readonly_ok,
                               progress=bar)
    except BrieferError as exc:
        raise cli_error(exc)
    finally:
        bar.finish()
    if session.index_report.rebuilt and not session.created:
        print(f"note: {session.index_report.reason}; the search index was rebuilt from the "
              "catalog", file=sys.stderr)
    if session.readonly:
        print(f"note: {session.readonly_reason}; opened read-only", file=sys.stderr)
    elif not readonly_ok and not getattr(args, "resume", False):
        from briefer.cli.interrupted import print_notes  # an import or OCR run killed

        print_notes(session)
    if getattr(args, "command", None) not in ("info", "check"):  # they say it in full
        from briefer.core.ops.documents import open_notes, search_notice  # stored PDFs

        slow = search_notice(session)  # the slow search path: `briefer info` says it too
        for note in open_notes(session):
            more = "" if note == slow else " (`briefer check` says more)"
            print(f"note: {note}{more}", file=sys.stderr)
    if session.samples_added is not None and session.samples_added.documents_added:
        print(f"Created your library at {root} with {session.samples_added.documents_added} "
              "sample documents (tagged 'sample'; remove them with `briefer remove`).",
              file=sys.stderr)
    return session


@contextmanager
def session_of(args: argparse.Namespace, readonly_ok: bool = False) -> Iterator[Session]:
    """The library the arguments name, open for one command and closed after it (an error
    worded by the core reaches :func:`briefer.cli.main`, which phrases it)."""
    session = open_session(args, readonly_ok)
    try:
        yield session
    finally:
        session.close()


@contextmanager
def long_work(args: argparse.Namespace) -> Iterator[tuple[ProgressBar, CancelToken]]:
    """A progress bar (none with --json) and a token that Ctrl+C cancels, for one long
    operation; afterwards the bar is finished and Ctrl+C works as before."""
    token = CancelToken()
    restore = sigint_cancels(token)
    bar = ProgressBar(False if args.json else None)
    try:
        yield bar, token
    finally:
        bar.finish()
        restore()


def resolve_doc(session: Session, ref: str) -> Document:
    """The document a command-line argument names (number, file name, title words)."""
    try:
        return docs_ops.find_document(session, ref)
    except BrieferError as exc:
        raise cli_error(exc)


def ask(question: str) -> bool:
    """Ask on the terminal; never when input is not a terminal (then: no)."""
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")
