"""``briefer ocr``: read scanned pages with Tesseract (offline), resumably.

    briefer ocr                 every page that waits for OCR, in the whole library
    briefer ocr 12 15           those documents
    briefer ocr 12 --lang urd   read document 12 again, in Urdu
    briefer ocr --status        what waits, what was read, what failed; Tesseract's languages
    briefer ocr 12 --remove     undo OCR: the pages get back their own text layer
    briefer ocr --default-lang eng+urd   languages for documents without language metadata
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Callable

from briefer.cli import (EXIT_CANCELLED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, CliError,
                         ProgressBar, _print_json, _sigint_cancels, open_library, resolve_doc)
from briefer.core.ocr import ocr
from briefer.core.progress import CancelToken


def cmd_ocr(args: argparse.Namespace) -> int:
    if args.status:
        return _cmd_status(args)
    lib = open_library(args)
    try:
        if args.default_lang:
            try:
                value = ocr.set_library_default_languages(lib, args.default_lang)
            except ocr.OcrError as exc:
                raise CliError(str(exc), EXIT_USAGE)
            if not args.docs:
                if args.json:
                    _print_json({"default_languages": value})
                else:
                    print(f"OCR languages for documents without language metadata: {value}")
                return EXIT_OK
        docs = [resolve_doc(lib, ref) for ref in args.docs]
        if (args.redo or args.all_pages) and not docs:
            raise CliError("name the documents to read again (see `briefer list`)", EXIT_USAGE)
        if args.remove:
            if not docs:
                raise CliError("name the documents whose OCR text to remove", EXIT_USAGE)
            removed = {d.id: ocr.remove_ocr(lib, d.id) for d in docs}
            if args.json:
                _print_json([{"id": i, "pages_restored": n} for i, n in removed.items()])
            else:
                for d in docs:
                    print(f"#{d.id} {d.title}: OCR text removed from {removed[d.id]} pages; "
                          "they wait for OCR again")
            return EXIT_OK
        t = ocr.tesseract()
        if t is not None and args.lang:
            try:
                ocr.resolve_languages(ocr.parse_languages(args.lang), t.languages)
            except ocr.OcrError as exc:
                raise CliError(str(exc), EXIT_USAGE)
        for d in docs:
            # Naming a document with --lang (or --redo) reads its scanned pages again.
            if args.redo or args.lang or args.all_pages:
                ocr.request_ocr(lib, d.id, args.lang, redo=True, all_pages=args.all_pages)
        token = CancelToken()
        restore = _sigint_cancels(token)
        bar = ProgressBar(False if args.json else None)
        try:
            rep = ocr.run_ocr(lib, [d.id for d in docs] if docs else None,
                              args.lang if not docs else None, progress=bar, cancel=token,
                              processes=args.jobs, page_timeout=args.timeout, dpi=args.dpi,
                              password=args.password)
        except ocr.OcrError as exc:
            raise CliError(str(exc), EXIT_USAGE)
        finally:
            bar.finish()
            restore()
        states = {d.doc_id: lib.document(d.doc_id) for d in rep.documents}
    finally:
        lib.close()
    if args.json:
        data = rep.to_json()
        for d in data["documents"]:
            doc = states.get(d["id"])
            if doc is not None:
                d["status"], d["reason"] = doc.status, doc.reason
        _print_json(data)
    else:
        _print_report(rep, states)
    if rep.cancelled:
        return EXIT_CANCELLED
    if not rep.available or rep.pages_failed:
        return EXIT_PARTIAL
    return EXIT_OK


def _print_report(rep: ocr.OcrReport, states: dict[int, Any]) -> None:
    if not rep.available:
        n = rep.pages_total
        print(f"briefer: {rep.reason}", file=sys.stderr)
        if n:
            print(f"{n} scanned page{'s' if n != 1 else ''} in {len(rep.documents)} "
                  "document(s) wait for OCR; run `briefer ocr` once Tesseract is installed.",
                  file=sys.stderr)
        return
    if not rep.documents:
        print("No scanned pages wait for OCR.")
        return
    for d in rep.documents:
        doc = states.get(d.doc_id)
        state = f" — {doc.reason}" if doc is not None and doc.reason else ""
        print(f"  #{d.doc_id} {d.title[:60]}: {d.done} of {len(d.pages)} pages read "
              f"({d.languages}){state}")
        for idx, reason in sorted(d.failed.items()):
            print(f"      page {idx + 1}: {reason}")
    words = (f"Read {rep.pages_done} of {rep.pages_total} scanned pages in "
             f"{rep.seconds:.1f} s.")
    if rep.pages_failed:
        words += f" {rep.pages_failed} could not be read (run `briefer ocr` to try again)."
    if rep.cancelled:
        words += " Cancelled: pages read so far are saved and searchable; `briefer ocr` " \
                 "continues with the rest."
    print(words)
    print(f"Search results from these pages are marked \"{ocr.OCR_NOTE}\".")


def _cmd_status(args: argparse.Namespace) -> int:
    lib = open_library(args, readonly_ok=True)
    try:
        t = ocr.tesseract()
        if args.docs:
            docs = [resolve_doc(lib, ref) for ref in args.docs]
        else:
            ids = set(ocr.pending_pages(lib)) | {r[0] for r in lib.catalog.execute(
                "SELECT DISTINCT doc_id FROM pages WHERE text_source = 'ocr'")}
            docs = [lib.document(i) for i in sorted(ids)]
        rows = []
        for d in docs:
            s = _summary(lib, d.id)
            rows.append({"id": d.id, "title": d.title, "status": d.status,
                         "reason": d.reason, **s})
        default = ocr.library_default_languages(lib)
    finally:
        lib.close()
    data = {"tesseract": t.path if t else None, "version": t.version if t else None,
            "languages": t.languages if t else [], "default_languages": default,
            "install_hint": None if t else ocr.install_hint(), "documents": rows}
    if args.json:
        _print_json(data)
        return EXIT_OK
    if t is None:
        print(f"Tesseract: not installed — {ocr.install_hint()}")
    else:
        print(f"Tesseract: {t.version} ({t.path}); languages: {', '.join(t.languages)}")
    print(f"Default OCR languages: {default} (a document's language metadata comes first)")
    if not rows:
        print("No document has scanned pages.")
    for r in rows:
        conf = f", mean confidence {r['mean_confidence']:.0f} %" \
            if r["mean_confidence"] is not None else ""
        langs = f" ({', '.join(r['languages'])}{conf})" if r["languages"] else ""
        print(f"  #{r['id']} {r['title'][:60]}: {len(r['ocr_pages'])} of {r['pages']} pages "
              f"read by OCR{langs}, {len(r['waiting'])} waiting")
        for f in r["failed"]:
            print(f"      page {f['page_number']}: {f['reason']}")
    return EXIT_OK


def _summary(lib: Any, doc_id: int) -> dict[str, Any]:
    if lib.readonly and lib.catalog.meta("schema.ocr") is None:
        pages = lib.catalog.pages(doc_id)
        return {"pages": len(pages), "ocr_pages": [], "waiting":
                [p.number for p in pages if p.needs_ocr], "failed": [], "languages": [],
                "mean_confidence": None, "page_confidence": {}}
    return ocr.ocr_summary(lib, doc_id)


def register(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    o = sub.add_parser(
        "ocr", help="read scanned pages with Tesseract (offline OCR)",
        description="Read the scanned pages of documents (all that wait, or the documents "
                    "named) with Tesseract, offline, in worker processes. Ctrl+C stops after "
                    "the pages being read; pages read so far stay searchable and the same "
                    "command continues. Text from OCR is marked as such in search results.",
        epilog="Languages are Tesseract codes: eng, urd, eng+urd … (see --status). Without "
               "--lang a document's language metadata decides (ur: Urdu and English), else "
               "the library default (English).")
    common(o)
    o.add_argument("docs", nargs="*", metavar="DOC", help="documents (default: all waiting)")
    o.add_argument("--lang", metavar="LANGS",
                   help="languages to read with, e.g. eng, urd or eng+urd; with DOC the "
                        "document is read again in these languages")
    o.add_argument("--redo", action="store_true",
                   help="read the named documents' scanned pages again")
    o.add_argument("--all-pages", action="store_true",
                   help="read every page of the named documents, also pages with a text "
                        "layer (for text that is partly an image; --remove restores it)")
    o.add_argument("--remove", action="store_true",
                   help="remove the OCR text of the named documents (restore their own text)")
    o.add_argument("--status", action="store_true",
                   help="show Tesseract, its languages and the OCR state of documents")
    o.add_argument("--default-lang", metavar="LANGS",
                   help="set the languages for documents without language metadata")
    o.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    o.add_argument("--timeout", type=float, default=ocr.DEFAULT_PAGE_TIMEOUT,
                   help=f"seconds allowed per page (default {ocr.DEFAULT_PAGE_TIMEOUT:.0f})")
    o.add_argument("--dpi", type=int, default=ocr.DEFAULT_DPI,
                   help=f"rendering resolution (default {ocr.DEFAULT_DPI})")
    o.add_argument("--password", help="password of an encrypted PDF (never stored)")
    o.set_defaults(func=cmd_ocr)
