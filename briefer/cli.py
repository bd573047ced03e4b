"""The ``briefer`` command line: the same core the desktop app uses.

Exit codes: 0 success; 1 finished, but some files were not imported; 2 usage error;
3 the library cannot be used (busy, damaged, not writable); 4 no such document;
130 cancelled with Ctrl+C.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sqlite3
import sys
import time
from typing import Any, Callable, Optional, Sequence

from briefer import __version__
from briefer.core.catalog.catalog import DOC_TYPES, Document
from briefer.core.library import DocumentNotFound, ImportReport, Library, LibraryBusy, LibraryError
from briefer.core.paths import ENV_VAR, default_library_dir, resolve_library_dir
from briefer.core.progress import CancelToken, Cancelled, Progress

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_LIBRARY = 3
EXIT_NOT_FOUND = 4
EXIT_CANCELLED = 130


class CliError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


# --------------------------------------------------------------------------- output helpers


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


class ProgressBar:
    """A one-line progress bar on stderr (only when stderr is a terminal)."""

    def __init__(self, enabled: Optional[bool] = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._last = 0.0
        self._shown = False

    def __call__(self, p: Progress) -> None:
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


def open_library(args: argparse.Namespace, readonly_ok: bool = False) -> Library:
    root = resolve_library_dir(args.library)
    is_default = not args.library and not os.environ.get(ENV_VAR)
    fresh = not (root / "library.sqlite").exists()
    bar = ProgressBar()
    try:
        lib = Library.open(root, readonly_if_busy=readonly_ok, progress=bar)
    except LibraryBusy as exc:
        raise CliError(str(exc), EXIT_LIBRARY)
    except LibraryError as exc:
        raise CliError(str(exc), EXIT_LIBRARY)
    finally:
        bar.finish()
    if lib.index_report.rebuilt and not fresh:
        print(f"note: {lib.index_report.reason}; the search index was rebuilt from the catalog",
              file=sys.stderr)
    if lib.readonly:
        reason = lib.readonly_reason or "another Briefer process is writing to this library"
        print(f"note: {reason}; opened read-only", file=sys.stderr)
    if fresh and is_default and not lib.readonly:
        rep = lib.seed_samples()
        if rep.documents_added:
            print(f"Created your library at {root} with {rep.documents_added} sample documents "
                  "(tagged 'sample'; remove them with `briefer remove`).", file=sys.stderr)
    return lib


def resolve_doc(lib: Library, ref: str) -> Document:
    try:
        return lib.resolve(ref)
    except DocumentNotFound as exc:
        raise CliError(str(exc), EXIT_NOT_FOUND)


# --------------------------------------------------------------------------- commands


def cmd_add(args: argparse.Namespace) -> int:
    lib = open_library(args)
    token = CancelToken()
    restore = _sigint_cancels(token)
    bar = ProgressBar(False if args.json else None)
    meta = {"doc_type": args.type or "", "issuer": args.issuer or "", "date": args.date or "",
            "title": args.title or "", "language": args.lang or "",
            "source_url": args.url or ""}
    try:
        rep = lib.import_paths(args.paths, password=args.password, progress=bar, cancel=token,
                               engine=args.engine, timeout=args.timeout, processes=args.jobs,
                               tags=args.tag or [], meta=meta, ocr=not args.no_ocr,
                               ocr_languages=args.ocr_lang)
    finally:
        bar.finish()
        restore()
        lib.close()
    if args.json:
        _print_json(rep.to_json())
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
            print(f"  {o.path}{doc}: {o.reason}")


def _status_text(d: Document) -> str:
    if d.status in ("ok", "needs_ocr") and d.ocr_pages:
        from briefer.core.ocr.ocr import needs_ocr_status

        return needs_ocr_status(d)
    if d.status == "superseded":
        return f"superseded by #{d.superseded_by}"
    return {"ok": "ok", "needs_ocr": "needs OCR", "needs_password": "needs password",
            "no_text": "no text"}.get(d.status, d.status)


def cmd_list(args: argparse.Namespace) -> int:
    lib = open_library(args, readonly_ok=True)
    try:
        docs = lib.documents(include_superseded=args.all)
        if args.type:
            docs = [d for d in docs if d.doc_type == args.type]
        if args.tag:
            docs = [d for d in docs if args.tag.lower() in d.tags]
        if args.status:
            docs = [d for d in docs if d.status == args.status]
    finally:
        lib.close()
    if args.json:
        _print_json([d.to_json() for d in docs])
        return EXIT_OK
    if not docs:
        filtered = args.type or args.tag or args.status
        print("No documents match." if filtered else
              "The library is empty. Add PDFs with `briefer add FILE_OR_FOLDER`.")
        return EXIT_OK
    print(f"{'#':>4}  {'type':9} {'date':10} {'pages':>5}  {'status':26} title")
    notes: list[str] = []
    for d in docs:
        status = _status_text(d)
        if len(status) > 26:  # a long status is told once, below the table
            if status not in notes:
                notes.append(status)
            status = "needs OCR" + "*" * (notes.index(status) + 1)
        print(f"{d.id:>4}  {d.doc_type:9} {d.date or '—':10} {d.page_count:>5}  "
              f"{status:26} {d.title[:70]}")
    for k, note in enumerate(notes):
        print(f"{'*' * (k + 1)} {note}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    lib = open_library(args, readonly_ok=True)
    try:
        doc = resolve_doc(lib, args.doc)
        pages = lib.catalog.pages(doc.id)
        outline = lib.catalog.outline(doc.id)
        stored = lib.file_path(doc)
    finally:
        lib.close()
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
        _print_json(data)
        return EXIT_OK
    print(f"#{doc.id} {doc.title}")
    rows = [("file", doc.file_name), ("from", doc.source_path or ""), ("stored as", str(stored)),
            ("type", doc.doc_type), ("issuer", doc.issuer), ("date", doc.date),
            ("language", doc.language), ("tags", ", ".join(doc.tags)),
            ("source URL", doc.source_url), ("pages", str(doc.page_count)),
            ("status", _status_text(doc) + (f" — {doc.reason}" if doc.reason else "")),
            ("version", str(doc.version) + (f" (replaces #{doc.supersedes})"
                                             if doc.supersedes else "")),
            ("text engine", doc.engine), ("added", doc.added_at)]
    for k, v in rows:
        if v:
            print(f"  {k:12} {v}")
    labels = [p.label for p in pages]
    if labels and any(p.label_source != "index" for p in pages):
        print(f"  {'page labels':12} {_label_ranges(labels)}")
    if outline:
        print("  outline:")
        for level, title, page in outline[:60]:
            where = f"p. {pages[page].label}" if page is not None and page < len(pages) else ""
            print(f"    {'  ' * level}{title[:70]}  {where}")
    ocr_pages = [p for p in pages if p.text_source == "ocr"]
    if ocr_pages:
        from briefer.core.ocr.ocr import OCR_NOTE

        print(f"  {'OCR':12} {len(ocr_pages)} page{'s' if len(ocr_pages) != 1 else ''} "
              f"({OCR_NOTE})")
    if args.text:
        for p in pages:
            source = " — text from OCR" if p.text_source == "ocr" else ""
            print(f"\n--- page {p.number} (printed {p.label}){source} ---")
            print(p.text)
    return EXIT_OK


def _label_ranges(labels: list[str]) -> str:
    if len(labels) <= 12:
        return ", ".join(labels)
    return ", ".join(labels[:6]) + ", …, " + ", ".join(labels[-3:])


def cmd_remove(args: argparse.Namespace) -> int:
    lib = open_library(args)
    removed = []
    try:
        for ref in args.docs:
            doc = resolve_doc(lib, ref)
            lib.remove(doc.id)
            removed.append(doc)
    finally:
        lib.close()
    if args.json:
        _print_json([{"id": d.id, "title": d.title} for d in removed])
    else:
        for d in removed:
            print(f"Removed #{d.id} {d.title}")
    return EXIT_OK


def cmd_meta(args: argparse.Namespace) -> int:
    values = {}
    for field, attr in (("title", "title"), ("doc_type", "type"), ("issuer", "issuer"),
                        ("date", "date"), ("language", "lang"), ("source_url", "url")):
        v = getattr(args, attr)
        if v is not None:
            values[field] = v.strip()
    if "date" in values and values["date"]:
        from briefer.core.files.metadata import parse_user_date

        parsed = parse_user_date(values["date"])
        if parsed is None:
            raise CliError(f"not a date: {values['date']!r} (use YYYY-MM-DD, YYYY-MM or YYYY)",
                           EXIT_USAGE)
        values["date"] = parsed
    lib = open_library(args)
    try:
        doc = resolve_doc(lib, args.doc)
        doc = lib.set_metadata(doc.id, values, add_tags=args.tag or [],
                               remove_tags=args.untag or [],
                               set_tags=args.set_tags.split(",") if args.set_tags is not None
                               else None)
    finally:
        lib.close()
    if args.json:
        _print_json(doc.to_json())
    else:
        print(f"#{doc.id} {doc.title}: type {doc.doc_type}, issuer {doc.issuer or '—'}, "
              f"date {doc.date or '—'}, tags {', '.join(doc.tags) or '—'}")
    return EXIT_OK


def cmd_reindex(args: argparse.Namespace) -> int:
    lib = open_library(args)
    token = CancelToken()
    restore = _sigint_cancels(token)
    bar = ProgressBar(False if args.json else None)
    t0 = time.monotonic()
    try:
        n = lib.reindex(progress=bar, cancel=token)
        pages = lib.index.page_count()
    except Cancelled:
        print("Cancelled; the index will be completed the next time the library opens.",
              file=sys.stderr)
        return EXIT_CANCELLED
    finally:
        bar.finish()
        restore()
        lib.close()
    if args.json:
        _print_json({"documents": n, "pages": pages, "seconds": round(time.monotonic() - t0, 3)})
    else:
        print(f"Rebuilt the search index: {n} documents, {pages} pages in "
              f"{time.monotonic() - t0:.1f} s.")
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    lib = open_library(args, readonly_ok=True)
    try:
        stats = lib.catalog.stats()
        data = {"library": str(lib.root), "default_library": str(default_library_dir()),
                "documents": stats["documents"], "pages": stats["pages"],
                "indexed_pages": lib.index.page_count(), "version": __version__}
    finally:
        lib.close()
    if args.json:
        _print_json(data)
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

    rm = sub.add_parser("remove", help="remove documents from the library")
    common(rm)
    rm.add_argument("docs", nargs="+", metavar="DOC")
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
    import importlib

    for name in EXTRA_COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub, common)
    return p


# Modules that add subcommands (search; clips and briefs; OCR). Each defines
# ``register(subparsers, common)`` where ``common(parser)`` adds --library and --json.
EXTRA_COMMAND_MODULES = ("briefer.cli_search", "briefer.cli_briefs", "briefer.cli_ocr",
                         "briefer.cli_backup")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; returns the exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_OK
    if not hasattr(args, "json"):
        args.json = False
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"briefer: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("\nbriefer: interrupted", file=sys.stderr)
        return EXIT_CANCELLED
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except (OSError, sqlite3.OperationalError) as exc:
        if args.debug:
            raise
        from briefer.core.library import storage_message, storage_problem

        why = storage_problem(exc)
        if why is not None:
            where = getattr(exc, "filename", None)
            print(f"briefer: {storage_message(why, where)}", file=sys.stderr)
            return EXIT_LIBRARY
        if isinstance(exc, sqlite3.Error):
            print(f"briefer: the catalog could not be used: {exc}", file=sys.stderr)
            return EXIT_LIBRARY
        print(f"briefer: {exc.strerror or exc}"
              + (f": {exc.filename}" if getattr(exc, "filename", None) else ""), file=sys.stderr)
        return EXIT_LIBRARY


if __name__ == "__main__":
    raise SystemExit(main())
