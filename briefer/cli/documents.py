"""The document commands: ``briefer add``, ``list``, ``show``, ``remove``, ``meta``,
``reindex`` and ``info`` — argument parsing and printing over
:mod:`briefer.core.ops.documents` and :mod:`briefer.core.ops.maintenance`. Exit codes as
in :mod:`briefer.cli.common`.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, Callable

from briefer import lazy
from briefer.cli import interrupted as cli_interrupted
from briefer.cli.common import (EXIT_CANCELLED, EXIT_CONFIRM, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE,
                                CliError, ask, cli_error, long_work, open_session, print_json,
                                resolve_doc, session_of, shorten)
from briefer.core.catalog.catalog import DOC_TYPES
from briefer.core.errors import BrieferError
from briefer.core.files.metadata import GUESSED_FIELDS, is_guess
from briefer.core.ops.importing import ExtractionPool, start_import_workers
from briefer.core.progress import Cancelled

if TYPE_CHECKING:
    from briefer.core.library import ImportReport
    from briefer.core.ops import documents as docs_ops
    from briefer.core.ops import maintenance
else:  # loaded on first use: a short command starts quickly (briefer/lazy.py)
    docs_ops = lazy.module("briefer.core.ops.documents")
    maintenance = lazy.module("briefer.core.ops.maintenance")


def cmd_add(args: argparse.Namespace) -> int:
    if args.resume or args.discard_interrupted:
        return _cmd_interrupted(args)
    if not args.paths:
        raise CliError("name the files or folders to add (or --resume)", EXIT_USAGE)
    meta = {"doc_type": args.type, "issuer": args.issuer, "date": args.date,
            "title": args.title, "language": args.lang, "source_url": args.url}
    if args.more_time:
        from briefer.core.ops.importing import more_time

        args.timeout = more_time(args.timeout)
    # The PDF workers start loading first (about 0.6 s), while the operations load, the
    # library opens and the files are checked.
    with start_import_workers(args.paths, args.jobs, args.timeout) as pool:
        try:  # wrong metadata is a usage error before anything is opened
            docs_ops.validate_metadata({k: v for k, v in meta.items() if v})
        except BrieferError as exc:
            raise cli_error(exc)
        rep = _add(args, meta, pool)
    if args.json:
        print_json(rep.to_json())
    else:
        _print_import_summary(rep)
    if rep.cancelled:
        return EXIT_CANCELLED
    return EXIT_PARTIAL if rep.problems else EXIT_OK


def _add(args: argparse.Namespace, meta: dict[str, Any],
         pool: ExtractionPool) -> "ImportReport":
    with session_of(args) as session, long_work(args) as (bar, token):
        return docs_ops.add_files(session, args.paths, password=args.password, progress=bar,
                                  cancel=token, engine=args.engine, timeout=args.timeout,
                                  processes=args.jobs, tags=args.tag or [], meta=meta,
                                  ocr=not args.no_ocr, ocr_lang=args.ocr_lang, pool=pool)


def _files(n: int) -> str:
    return f"{n} file{'s' if n != 1 else ''}"


def _print_import_summary(rep: ImportReport) -> None:
    added = rep.of("added", "new_version", "unlocked")
    for o in added:
        extra = f" — {o.reason}" if o.reason else ""
        kind = {"new_version": " (new version)", "unlocked": " (unlocked)"}.get(o.outcome, "")
        plural = "s" if o.pages != 1 else ""
        print(f"  added #{o.doc_id}{kind}: {o.title} ({o.pages} page{plural}){extra}")
    for o in rep.of("reread"):
        got = "every page read" if o.pages_read is None else \
            f"{o.pages_read} of {o.pages} pages read"
        print(f"  read again #{o.doc_id}: {o.title} ({got}){' — ' + o.reason if o.reason else ''}")
    if rep.partial:
        n = len(rep.partial)
        print(f"{n} document{'s were' if n != 1 else ' was'} read only in part (the time "
              "allowed ran out); read the rest with `briefer add FILE --more-time`.")
    for o in rep.of("repaired"):
        print(f"  #{o.doc_id} {o.title}: {o.reason} (its copy in the library was missing "
              "or damaged)")
    if rep.documents_added:
        words = f"Imported {rep.documents_added} document" \
                f"{'s' if rep.documents_added != 1 else ''} ({rep.pages_added} pages) in " \
                f"{rep.seconds:.1f} s."
    else:  # say plainly that nothing new came in, and why
        words = "No new documents were added."
    locked = sum(1 for o in rep.of("needs_password") if o.doc_id is not None)
    if locked:
        words += f" {locked} locked document{'s' if locked != 1 else ''} kept in the " \
                 "library, waiting for a password."
    if rep.already_in_library:
        one = rep.already_in_library == 1
        words += f" {_files(rep.already_in_library)} {'was' if one else 'were'} already in " \
                 "the library."
    if rep.repeated_in_import:
        words += f" {_files(rep.repeated_in_import)} repeated another file of this import."
    if rep.repaired:
        words += f" Restored the stored copy of {rep.repaired} document" \
                 f"{'s' if rep.repaired != 1 else ''}."
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
            if "could not be read within" in o.reason or "could not be read in time" in o.reason:
                hint = " — try `briefer add FILE --more-time`"
            print(f"  {o.path}{doc}: {o.reason}{hint}")


def _cmd_interrupted(args: argparse.Namespace) -> int:
    """``briefer add --resume`` / ``--discard-interrupted``: continue or forget the work a
    crash interrupted."""
    from briefer.core.ops import importing

    if args.paths:
        raise CliError("--resume and --discard-interrupted take no files", EXIT_USAGE)
    with session_of(args) as session:
        found = importing.interrupted_work(session)
        if not found:
            if args.json:
                print_json([])
            else:
                print("Nothing was interrupted: there is no import or OCR run to continue.")
            return EXIT_OK
        if args.discard_interrupted:
            for w in found:
                importing.discard_interrupted(session, w)
            if args.json:
                print_json([w.to_json() for w in found])
            else:
                for w in found:
                    print(f"Forgot {w.description} (started {cli_interrupted.when(w.started)}"
                          f"): {cli_interrupted.what_is_left(w)}.")
            return EXIT_OK
        code, results = EXIT_OK, []
        for w in found:
            if not args.json:
                print(f"Continuing {w.description} (started "
                      f"{cli_interrupted.when(w.started)}): {cli_interrupted.what_is_left(w)}.")
                if w.needs_password and not args.password:
                    print("  It was given a password, which is never kept: files that need "
                          "it wait locked (give it again with --password).")
            with long_work(args) as (bar, token):
                rep = importing.resume_interrupted(session, w, bar, token,
                                                   password=args.password, processes=args.jobs)
            results.append({"work": w.to_json(), "report": rep.to_json()})
            if not args.json:
                if w.kind == "import":
                    _print_import_summary(rep)  # type: ignore[arg-type]
                else:
                    from briefer.cli.ocr import print_report

                    print_report(rep, {})  # type: ignore[arg-type]
            if rep.cancelled:
                code = EXIT_CANCELLED
                break
            if getattr(rep, "problems", None) or getattr(rep, "pages_failed", 0) \
                    or getattr(rep, "available", True) is False:
                code = EXIT_PARTIAL
    if args.json:
        print_json(results)
    return code


def cmd_list(args: argparse.Namespace) -> int:
    f = docs_ops.DocumentFilter(types=[args.type] if args.type else [],
                                tags=[args.tag] if args.tag else [],
                                statuses=[args.status] if args.status else [],
                                include_superseded=args.all or args.status == "superseded")
    with session_of(args, readonly_ok=True) as session:
        rows = docs_ops.list_documents(session, f)
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
    with session_of(args, readonly_ok=True) as session:
        detail = docs_ops.document_detail(session, resolve_doc(session, args.doc).id)
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
    reason = docs_ops.readable_reason(doc.reason) + (" — run `briefer add FILE --password …`"
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


def cmd_remove(args: argparse.Namespace) -> int:
    session = open_session(args)
    try:
        ids = [resolve_doc(session, ref).id for ref in args.docs]
        if getattr(args, "samples", False):  # every sample document, decided by the core
            ids += [d.id for d in docs_ops.sample_documents(session)]
            if not ids:
                print("There are no sample documents to remove.", file=sys.stderr)
                return EXIT_OK
        if not ids:
            raise CliError("name the documents to remove, or give --samples", EXIT_USAGE)
        impact = docs_ops.removal_impact(session, ids)
        confirmed = args.yes
        if not impact.harmless and not confirmed and not args.json:
            print(impact.describe(), file=sys.stderr)
            confirmed = ask("Remove anyway?")
            if not confirmed and not sys.stdin.isatty():
                print("Nothing was removed. Run the same command with --yes to remove it "
                      "anyway.", file=sys.stderr)
                return EXIT_CONFIRM
            if not confirmed:
                print("Nothing was removed.", file=sys.stderr)
                return EXIT_CONFIRM
        removed = docs_ops.remove_documents(session, ids, confirmed=confirmed)
    finally:
        session.close()
    if args.json:
        print_json([{"id": d.id, "title": d.title} for d in removed])
    else:
        for d in removed:
            print(f"Removed #{d.id} {d.title}")
        if not impact.harmless:
            one = impact.clips == 1
            print(f"{impact.clips} clip{'' if one else 's'} {'keeps its' if one else 'keep their'}"
                  " text but can no longer be checked against the source.")
    return EXIT_OK


def cmd_meta(args: argparse.Namespace) -> int:
    values = {"title": args.title, "doc_type": args.type, "issuer": args.issuer,
              "date": args.date, "language": args.lang, "source_url": args.url}
    try:  # a wrong value is a usage error before the library is opened
        docs_ops.validate_metadata(values)
        ranges = [docs_ops.parse_page_numbering(p) for p in args.pages or []]
    except BrieferError as exc:
        raise cli_error(exc)
    numbering = None
    with session_of(args) as session:
        doc = resolve_doc(session, args.doc)
        doc = docs_ops.edit_metadata(
            session, doc.id, **values, add_tags=args.tag or [], remove_tags=args.untag or [],
            tags=args.set_tags.split(",") if args.set_tags is not None else None)
        if ranges or args.clear_pages:
            kept = [] if args.clear_pages else docs_ops.page_numbering(session, doc.id)
            starts = {r.first_index for r in ranges}
            numbering = docs_ops.set_page_numbering(
                session, doc.id, [r for r in kept if r.first_index not in starts] + ranges)
    if args.json:
        data = doc.to_json()
        if numbering is not None:
            data["page_numbering"] = numbering.to_json()
        print_json(data)
    else:
        print(f"#{doc.id} {doc.title}: type {doc.doc_type}, issuer {doc.issuer or '—'}, "
              f"date {doc.date or '—'}, tags {', '.join(doc.tags) or '—'}")
        if numbering is not None:
            said = "; ".join(
                f"PDF pages {n.first_index + 1}\u2013{n.last_index + 1} are printed "
                f"{n.label(n.first_index)}\u2013{n.label(n.last_index)}"
                for n in numbering.numbering) or "no corrections (the numbers found are cited)"
            print(f"Page numbering: {said}. {len(numbering.changed)} pages renumbered; "
                  f"{numbering.clips_changed} clips cite them and follow.")
    return EXIT_OK


def cmd_reindex(args: argparse.Namespace) -> int:
    try:
        with session_of(args) as session, long_work(args) as (bar, token):
            rep = docs_ops.reindex(session, progress=bar, cancel=token)
    except Cancelled:
        print("Cancelled; the index will be completed the next time the library opens.",
              file=sys.stderr)
        return EXIT_CANCELLED
    if args.json:
        print_json(rep.to_json())
    else:
        print(f"Rebuilt the search index: {rep.documents} documents, {rep.pages} pages in "
              f"{rep.seconds:.1f} s.")
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    with session_of(args, readonly_ok=True) as session:
        data = maintenance.library_info(session).to_json()
        # missing stored PDFs, PDFs kept aside, searches on the slow path
        notes = docs_ops.open_notes(session)
        slow = docs_ops.search_notice(session)
    if args.json:
        print_json({**data, "notes": notes, "search_notice": slow})
    else:
        for k, v in data.items():
            print(f"{k.replace('_', ' '):16} {v}")
        for note in notes:
            print(f"note: {note}" + ("" if note == slow else " (`briefer check` says more)"))
    return EXIT_OK



def register(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    a = sub.add_parser("add", help="import PDF files and folders",
                       description="Import PDFs (folders recursively; PDFs are recognised by "
                                   "content). Text is extracted offline in worker processes.")
    common(a)
    a.add_argument("paths", nargs="*", metavar="FILE_OR_FOLDER")
    a.add_argument("--resume", action="store_true",
                   help="continue an import or OCR run that was interrupted (a crash, "
                        "kill -9): the files it had not finished, the pages still waiting")
    a.add_argument("--discard-interrupted", action="store_true",
                   help="forget interrupted work instead (what it finished stays)")
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
                   help="seconds allowed per file (default 120; a file of more than 100 "
                        "pages gets half a second more a page)")
    a.add_argument("--more-time", action="store_true",
                   help="allow four times as long per file, and read again the documents "
                        "of these files that were read only in part")
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
    rm.add_argument("docs", nargs="*", metavar="DOC")
    rm.add_argument("--samples", action="store_true",
                    help="remove every sample document (tagged 'sample')")
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
    m.add_argument("--pages", action="append", metavar="FIRST-LAST=N",
                   help="correct the printed page numbers: PDF pages FIRST to LAST are "
                        "printed N, N+1 … (e.g. 29-64=11, or 1-4=i; repeatable)")
    m.add_argument("--clear-pages", action="store_true",
                   help="take back every page-number correction of the document")
    m.set_defaults(func=cmd_meta)

    r = sub.add_parser("reindex", help="rebuild the search index from the catalog")
    common(r)
    r.set_defaults(func=cmd_reindex)

    i = sub.add_parser("info", help="where the library is and how big it is")
    common(i)
    i.set_defaults(func=cmd_info)
