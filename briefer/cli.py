"""The ``briefer`` command line: argument parsing and printing over the operations layer.

Every rule (validation, what a status means, what removing a document affects, first-run
samples …) lives in :mod:`briefer.core.ops`; this module parses, prints, and phrases the
action behind an error's ``reason`` as a command to run (the window phrases the same
reasons as buttons and dialogs).

Exit codes: 0 success; 1 finished, but some files were not imported; 2 usage error;
3 the library cannot be used (busy, damaged, not writable); 4 no such document;
5 a confirmation is needed (``remove`` of cited documents without ``--yes``);
130 cancelled with Ctrl+C.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import signal
import sys
import time
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence

from briefer import __version__, lazy
from briefer.core.catalog.catalog import DOC_TYPES, Document
from briefer.core.errors import BrieferError
from briefer.core.files.metadata import GUESSED_FIELDS, is_guess
from briefer.core.library import ENVIRONMENT_ERRORS, environment_error
from briefer.core.paths import ENV_VAR, default_library_dir, resolve_library_dir
from briefer.core.progress import CancelToken, Cancelled, Progress

if TYPE_CHECKING:
    from briefer.core.library import ImportReport
    from briefer.core.ops import documents as docs_ops
    from briefer.core.ops import maintenance
    from briefer.core.ops.session import Session
else:  # loaded on first use: a short command starts quickly (briefer/lazy.py)
    docs_ops = lazy.module("briefer.core.ops.documents")
    maintenance = lazy.module("briefer.core.ops.maintenance")

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_LIBRARY = 3
EXIT_NOT_FOUND = 4
EXIT_CONFIRM = 5
EXIT_CANCELLED = 130


class CliError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


# How the command line phrases the action behind a reason, and its exit code.
_REASON_EXIT = {"not_found": EXIT_NOT_FOUND, "invalid_metadata": EXIT_USAGE,
                "invalid_sort": EXIT_USAGE, "invalid_name": EXIT_USAGE,
                "empty_query": EXIT_USAGE, "no_documents": EXIT_USAGE,
                "ocr_language_missing": EXIT_USAGE, "tesseract_missing": EXIT_USAGE,
                "not_locked": EXIT_USAGE, "confirm_removal": EXIT_CONFIRM}
_REASON_HINT = {
    "catalog_damaged": "Run `briefer restore` (with --library DIR if it is not your default "
                       "library) to put the newest good backup in place.",
    "no_backup": "`briefer restore --list` lists the backups.",
    "needs_password": "Run `briefer add FILE --password …` with the right password.",
    "confirm_removal": "Run the same command with --yes to remove it anyway.",
}


def cli_error(exc: BrieferError, hint: bool = True) -> CliError:
    """The command line's words and exit code for an error of the core."""
    message = str(exc)
    extra = _REASON_HINT.get(exc.reason) if hint else None
    if exc.reason == "not_found" and "document" in message and "briefer list" not in message:
        extra = "Use its number from `briefer list`."
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


def _sigint_cancels(token: CancelToken) -> Callable[[], None]:
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
    is_default = not args.library and not os.environ.get(ENV_VAR)
    bar = ProgressBar(lines=False)
    try:
        session = Session.open(root, readonly_if_busy=readonly_ok, samples=is_default,
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
    if session.samples_added is not None and session.samples_added.documents_added:
        print(f"Created your library at {root} with {session.samples_added.documents_added} "
              "sample documents (tagged 'sample'; remove them with `briefer remove`).",
              file=sys.stderr)
    return session


def resolve_doc(session: Session, ref: str) -> Document:
    """The document a command-line argument names (number, file name, title words)."""
    try:
        return docs_ops.find_document(session, ref)
    except BrieferError as exc:
        raise cli_error(exc)


# --------------------------------------------------------------------------- commands


def cmd_add(args: argparse.Namespace) -> int:
    meta = {"doc_type": args.type, "issuer": args.issuer, "date": args.date,
            "title": args.title, "language": args.lang, "source_url": args.url}
    try:  # wrong metadata is a usage error before anything is opened
        docs_ops.validate_metadata({k: v for k, v in meta.items() if v})
    except BrieferError as exc:
        raise cli_error(exc)
    session = open_session(args)
    token = CancelToken()
    restore = _sigint_cancels(token)
    bar = ProgressBar(False if args.json else None)
    try:
        rep = docs_ops.add_files(session, args.paths, password=args.password, progress=bar,
                                 cancel=token, engine=args.engine, timeout=args.timeout,
                                 processes=args.jobs, tags=args.tag or [], meta=meta,
                                 ocr=not args.no_ocr, ocr_lang=args.ocr_lang)
    except BrieferError as exc:
        raise cli_error(exc)
    finally:
        bar.finish()
        restore()
        session.close()
    if args.json:
        print_json(rep.to_json())
    else:
        _print_import_summary(rep)
    if rep.cancelled:
        return EXIT_CANCELLED
    return EXIT_PARTIAL if rep.problems else EXIT_OK


def _print_import_summary(rep: ImportReport) -> None:
    added = rep.of("added", "new_version", "unlocked")
    for o in added:
        extra = f" — {o.reason}" if o.reason else ""
        kind = {"new_version": " (new version)", "unlocked": " (unlocked)"}.get(o.outcome, "")
        plural = "s" if o.pages != 1 else ""
        print(f"  added #{o.doc_id}{kind}: {o.title} ({o.pages} page{plural}){extra}")
    dups = rep.of("duplicate")
    words = f"Imported {rep.documents_added} document{'s' if rep.documents_added != 1 else ''}" \
            f" ({rep.pages_added} pages) in {rep.seconds:.1f} s."
    if dups:
        words += f" {len(dups)} already in the library."
    if rep.skipped_non_pdf:
        words += f" {rep.skipped_non_pdf} non-PDF files skipped."
    if rep.cancelled:
        words += " Cancelled: the files above are fully imported; run the same command again " \
                 "to import the rest."
    print(words)
    if rep.problems:
        print(f"{len(rep.problems)} file{'s' if len(rep.problems) != 1 else ''} not imported:")
        for o in rep.problems:
            doc = f" (#{o.doc_id})" if o.doc_id else ""
            hint = " — run `briefer add FILE --password …`" if o.outcome == "needs_password" \
                else ""
            print(f"  {o.path}{doc}: {o.reason}{hint}")


def cmd_list(args: argparse.Namespace) -> int:
    session = open_session(args, readonly_ok=True)
    f = docs_ops.DocumentFilter(types=[args.type] if args.type else [],
                                tags=[args.tag] if args.tag else [],
                                statuses=[args.status] if args.status else [],
                                include_superseded=args.all or args.status == "superseded")
    try:
        rows = docs_ops.list_documents(session, f)
    finally:
        session.close()
    if args.json:
        print_json([r.document.to_json() for r in rows])
        return EXIT_OK
    if not rows:
        print("No documents match." if f.active() else
              "The library is empty. Add PDFs with `briefer add FILE_OR_FOLDER`.")
        return EXIT_OK
    print(f"{'#':>4}  {'type':9} {'date':10} {'pages':>5}  {'status':26} title")
    notes: list[str] = []
    for r in rows:
        d, status = r.document, r.status_text
        if len(status) > 26:  # a long status is told once, below the table
            if status not in notes:
                notes.append(status)
            status = "needs OCR" + "*" * (notes.index(status) + 1)
        print(f"{d.id:>4}  {d.doc_type:9} {d.date or '—':10} {d.page_count:>5}  "
              f"{status:26} {shorten(d.title, 70)}")
    for k, note in enumerate(notes):
        print(f"{'*' * (k + 1)} {note}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    session = open_session(args, readonly_ok=True)
    try:
        detail = docs_ops.document_detail(session, resolve_doc(session, args.doc).id)
    finally:
        session.close()
    doc, pages, outline, stored = detail.document, detail.pages, detail.outline, \
        detail.stored_file
    if args.json:
        data = doc.to_json()
        data["stored_file"] = str(stored)
        data["outline"] = [{"level": lv, "title": t, "page_index": p} for lv, t, p in outline]
        data["page_labels"] = [p.label for p in pages]
        data["pages"] = [{"page_number": p.number, "page_label": p.label,
                          "label_source": p.label_source, "needs_ocr": p.needs_ocr,
                          "text_source": p.text_source, "ocr_confidence": p.ocr_confidence,
                          "characters": len(p.text),
                          **({"text": p.text} if args.text else {})} for p in pages]
        data["page_count"] = doc.page_count
        data["guessed"] = [f for f in GUESSED_FIELDS if is_guess(doc, f)]
        print_json(data)
        return EXIT_OK
    guessed = {f for f in GUESSED_FIELDS if is_guess(doc, f)}

    def mark(field: str, value: str) -> str:  # a value Briefer guessed and no one confirmed
        return f"{value} (guess)" if value and field in guessed else value

    print(f"#{doc.id} {mark('title', doc.title)}")
    reason = doc.reason + (" — run `briefer add FILE --password …`"
                           if doc.status == "needs_password" else "")
    rows = [("file", doc.file_name), ("from", doc.source_path or ""), ("stored as", str(stored)),
            ("type", mark("doc_type", doc.doc_type)), ("issuer", mark("issuer", doc.issuer)),
            ("date", mark("date", doc.date)), ("language", mark("language", doc.language)),
            ("tags", ", ".join(doc.tags)),
            ("source URL", doc.source_url), ("pages", str(doc.page_count)),
            ("status", detail.status_text + (f" — {reason}" if reason else "")),
            ("version", str(doc.version) + (f" (replaces #{doc.supersedes})"
                                             if doc.supersedes else "")),
            ("text engine", doc.engine), ("added", doc.added_at)]
    for k, v in rows:
        if v:
            print(f"  {k:12} {v}")
    labels = detail.label_summary()
    if labels:
        print(f"  {'page labels':12} {labels}")
    if outline:
        print("  outline:")
        for level, title, page in outline[:60]:
            where = f"p. {pages[page].label}" if page is not None and page < len(pages) else ""
            print(f"    {'  ' * level}{shorten(title, 70)}  {where}")
    if detail.ocr_page_count:
        from briefer.core.ops.ocr import OCR_NOTE

        n = detail.ocr_page_count
        print(f"  {'OCR':12} {n} page{'s' if n != 1 else ''} ({OCR_NOTE})")
    if args.text:
        for p in pages:
            source = " — text from OCR" if p.text_source == "ocr" else ""
            print(f"\n--- page {p.number} (printed {p.label}){source} ---")
            print(p.text)
    return EXIT_OK


def _confirm(question: str) -> bool:
    """Ask on the terminal; never when input is not a terminal (then: no)."""
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def cmd_remove(args: argparse.Namespace) -> int:
    session = open_session(args)
    try:
        ids = [resolve_doc(session, ref).id for ref in args.docs]
        impact = docs_ops.removal_impact(session, ids)
        confirmed = args.yes
        if not impact.harmless and not confirmed and not args.json:
            print(impact.describe(), file=sys.stderr)
            confirmed = _confirm("Remove anyway?")
            if not confirmed and not sys.stdin.isatty():
                print("Nothing was removed. Run the same command with --yes to remove it "
                      "anyway.", file=sys.stderr)
                return EXIT_CONFIRM
            if not confirmed:
                print("Nothing was removed.", file=sys.stderr)
                return EXIT_CONFIRM
        try:
            removed = docs_ops.remove_documents(session, ids, confirmed=confirmed)
        except BrieferError as exc:
            raise cli_error(exc)
    finally:
        session.close()
    if args.json:
        print_json([{"id": d.id, "title": d.title} for d in removed])
    else:
        for d in removed:
            print(f"Removed #{d.id} {d.title}")
        if not impact.harmless:
            print(f"{impact.clips} clip{'s' if impact.clips != 1 else ''} keep their text "
                  "but can no longer be checked against the source.")
    return EXIT_OK


def cmd_meta(args: argparse.Namespace) -> int:
    values = {"title": args.title, "doc_type": args.type, "issuer": args.issuer,
              "date": args.date, "language": args.lang, "source_url": args.url}
    try:  # a wrong value is a usage error before the library is opened
        docs_ops.validate_metadata(values)
    except BrieferError as exc:
        raise cli_error(exc)
    session = open_session(args)
    try:
        doc = resolve_doc(session, args.doc)
        doc = docs_ops.edit_metadata(
            session, doc.id, **values, add_tags=args.tag or [], remove_tags=args.untag or [],
            tags=args.set_tags.split(",") if args.set_tags is not None else None)
    except BrieferError as exc:
        raise cli_error(exc)
    finally:
        session.close()
    if args.json:
        print_json(doc.to_json())
    else:
        print(f"#{doc.id} {doc.title}: type {doc.doc_type}, issuer {doc.issuer or '—'}, "
              f"date {doc.date or '—'}, tags {', '.join(doc.tags) or '—'}")
    return EXIT_OK


def cmd_reindex(args: argparse.Namespace) -> int:
    session = open_session(args)
    token = CancelToken()
    restore = _sigint_cancels(token)
    bar = ProgressBar(False if args.json else None)
    try:
        rep = docs_ops.reindex(session, progress=bar, cancel=token)
    except Cancelled:
        print("Cancelled; the index will be completed the next time the library opens.",
              file=sys.stderr)
        return EXIT_CANCELLED
    except BrieferError as exc:
        raise cli_error(exc)
    finally:
        bar.finish()
        restore()
        session.close()
    if args.json:
        print_json(rep.to_json())
    else:
        print(f"Rebuilt the search index: {rep.documents} documents, {rep.pages} pages in "
              f"{rep.seconds:.1f} s.")
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    session = open_session(args, readonly_ok=True)
    try:
        data = maintenance.library_info(session).to_json()
    finally:
        session.close()
    if args.json:
        print_json(data)
    else:
        for k, v in data.items():
            print(f"{k.replace('_', ' '):16} {v}")
    return EXIT_OK


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="briefer",
        description="Briefer: an offline library of PDFs for policy briefs — import, search, "
                    "quote and export to Word.",
        epilog=f"The library folder is --library DIR, else ${ENV_VAR}, else "
               f"{default_library_dir()}.")
    p.add_argument("--version", action="version", version=f"briefer {__version__}")
    p.add_argument("--library", metavar="DIR", help="library folder to use")
    p.add_argument("--debug", action="store_true", help="show internal errors in full")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                        help="library folder to use")
        sp.add_argument("--json", action="store_true", help="print JSON for scripts")

    a = sub.add_parser("add", help="import PDF files and folders",
                       description="Import PDFs (folders recursively; PDFs are recognised by "
                                   "content). Text is extracted offline in worker processes.")
    common(a)
    a.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
    a.add_argument("--password", help="password for encrypted PDFs (never stored)")
    a.add_argument("--type", choices=DOC_TYPES, help="document type for all imported files")
    a.add_argument("--issuer")
    a.add_argument("--date", help="date (YYYY-MM-DD)")
    a.add_argument("--title")
    a.add_argument("--lang", help="language code, e.g. en or ur")
    a.add_argument("--url", help="source URL")
    a.add_argument("--tag", action="append", help="tag to add (repeatable)")
    a.add_argument("--engine", choices=("auto", "pdfium", "pypdf"), default="auto",
                   help="text engine (default: pdfium, falling back to pypdf)")
    a.add_argument("--timeout", type=float, default=120.0,
                   help="seconds allowed per file (default 120)")
    a.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    a.add_argument("--no-ocr", action="store_true",
                   help="do not read scanned pages with Tesseract now (`briefer ocr` later)")
    a.add_argument("--ocr-lang", metavar="LANGS",
                   help="OCR languages, e.g. eng, urd or eng+urd (default: from --lang, "
                        "else English)")
    a.set_defaults(func=cmd_add)

    ls = sub.add_parser("list", help="list the documents and their status")
    common(ls)
    ls.add_argument("--all", action="store_true", help="include superseded versions")
    ls.add_argument("--type", choices=DOC_TYPES)
    ls.add_argument("--tag")
    ls.add_argument("--status", choices=("ok", "needs_ocr", "needs_password", "no_text",
                                         "superseded"))
    ls.set_defaults(func=cmd_list)

    sh = sub.add_parser("show", help="show one document's metadata, labels and outline")
    common(sh)
    sh.add_argument("doc", metavar="DOC", help="document number, file name or title words")
    sh.add_argument("--text", action="store_true", help="also print every page's text")
    sh.set_defaults(func=cmd_show)

    rm = sub.add_parser("remove", help="remove documents from the library",
                        description="Remove documents (catalog, index and stored copy). When "
                                    "clips or briefs cite them you are told how many and "
                                    "asked first; --yes removes them without asking.")
    common(rm)
    rm.add_argument("docs", nargs="+", metavar="DOC")
    rm.add_argument("--yes", "-y", action="store_true",
                    help="remove even documents that clips or briefs cite")
    rm.set_defaults(func=cmd_remove)

    m = sub.add_parser("meta", help="edit a document's metadata")
    common(m)
    m.add_argument("doc", metavar="DOC")
    m.add_argument("--title")
    m.add_argument("--type", choices=DOC_TYPES)
    m.add_argument("--issuer")
    m.add_argument("--date", help="YYYY-MM-DD, YYYY-MM or YYYY ('' clears it)")
    m.add_argument("--lang")
    m.add_argument("--url")
    m.add_argument("--tag", action="append", help="add a tag (repeatable)")
    m.add_argument("--untag", action="append", help="remove a tag (repeatable)")
    m.add_argument("--set-tags", metavar="A,B", help="replace all tags")
    m.set_defaults(func=cmd_meta)

    r = sub.add_parser("reindex", help="rebuild the search index from the catalog")
    common(r)
    r.set_defaults(func=cmd_reindex)

    i = sub.add_parser("info", help="where the library is and how big it is")
    common(i)
    i.set_defaults(func=cmd_info)

    # Feature modules add their own commands: each has register(sub, common).
    for module in _command_modules():
        module.register(sub, common)
    return p


# Modules that add subcommands (search; clips and briefs; OCR). Each defines
# ``register(subparsers, common)`` where ``common(parser)`` adds --library and --json.
EXTRA_COMMAND_MODULES = ("briefer.cli_search", "briefer.cli_briefs", "briefer.cli_ocr",
                         "briefer.cli_backup")


def _command_modules() -> list[Any]:
    """The command modules that are installed (a missing one is left out)."""
    import importlib

    out = []
    for name in EXTRA_COMMAND_MODULES:
        try:
            out.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return out


def prepare_argv(argv: Sequence[str]) -> list[str]:
    """Give each command module the chance to adjust its words before parsing (``search``
    keeps a query word such as ``-draft`` instead of reading it as an option)."""
    out = list(argv)
    for module in _command_modules():
        prepare = getattr(module, "prepare_argv", None)
        if prepare is not None:
            out = prepare(out)
    return out


def no_command(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """``briefer`` without a command (``args.library`` is the --library given, if any):
    open the window; without a display, print the help."""
    from briefer.ui.app import display_available

    if not display_available():
        parser.print_help()
        return EXIT_OK
    from briefer.ui.app import run

    return run(library=args.library or None)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; returns the exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    parser = build_parser()
    args = parser.parse_args(prepare_argv(sys.argv[1:] if argv is None else argv))
    if not getattr(args, "command", None):
        return no_command(parser, args)
    if not hasattr(args, "json"):
        args.json = False
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"briefer: {exc}", file=sys.stderr)
        return exc.code
    except BrieferError as exc:
        err = cli_error(exc)
        print(f"briefer: {err}", file=sys.stderr)
        return err.code
    except KeyboardInterrupt:
        print("\nbriefer: interrupted", file=sys.stderr)
        return EXIT_CANCELLED
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except ENVIRONMENT_ERRORS as exc:
        if args.debug:
            raise
        print(f"briefer: {environment_error(exc)}", file=sys.stderr)
        return EXIT_LIBRARY


if __name__ == "__main__":
    raise SystemExit(main())
