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
from typing import TYPE_CHECKING, Any, Callable

from briefer import lazy
from briefer.cli.common import (EXIT_CANCELLED, EXIT_OK, EXIT_PARTIAL, CliError, ProgressBar,
                                cli_error, open_session, print_json, resolve_doc, shorten,
                                sigint_cancels)
from briefer.core.errors import BrieferError
from briefer.core.ocr.ocr import DEFAULT_DPI, DEFAULT_PAGE_TIMEOUT, OcrReport
from briefer.core.progress import CancelToken

if TYPE_CHECKING:
    from briefer.core.ops import documents as docs_ops
    from briefer.core.ops import ocr as ocr_ops
else:  # loaded on first use: a short command starts quickly (briefer/lazy.py)
    docs_ops = lazy.module("briefer.core.ops.documents")
    ocr_ops = lazy.module("briefer.core.ops.ocr")


def cmd_ocr(args: argparse.Namespace) -> int:
    if args.status:
        return _cmd_status(args)
    try:
        return _run(args)
    except BrieferError as exc:
        if exc.reason == "no_documents":
            raise CliError(f"{exc} (see `briefer list`)", cli_error(exc).code)
        raise cli_error(exc)


def _run(args: argparse.Namespace) -> int:
    session = open_session(args)
    try:
        if args.default_lang:
            value = ocr_ops.set_default_languages(session, args.default_lang)
            if not args.docs:
                if args.json:
                    print_json({"default_languages": value})
                else:
                    print(f"OCR languages for documents without language metadata: {value}")
                return EXIT_OK
        docs = [resolve_doc(session, ref) for ref in args.docs]
        if args.remove:
            removed = ocr_ops.remove_ocr(session, [d.id for d in docs])
            if args.json:
                print_json([{"id": i, "pages_restored": n} for i, n in removed.items()])
            else:
                for d in docs:
                    print(f"#{d.id} {d.title}: OCR text removed from {removed[d.id]} pages; "
                          "they wait for OCR again")
            return EXIT_OK
        token = CancelToken()
        restore = sigint_cancels(token)
        bar = ProgressBar(False if args.json else None)
        try:
            rep = ocr_ops.run_ocr(session, [d.id for d in docs] if docs else None,
                                  languages=args.lang, redo=args.redo,
                                  all_pages=args.all_pages, progress=bar, cancel=token,
                                  processes=args.jobs, page_timeout=args.timeout,
                                  dpi=args.dpi, password=args.password)
        finally:
            bar.finish()
            restore()
        states = {d.doc_id: docs_ops.get_document(session, d.doc_id) for d in rep.documents}
    finally:
        session.close()
    if args.json:
        data = rep.to_json()
        for d in data["documents"]:
            doc = states.get(d["id"])
            if doc is not None:
                d["status"], d["reason"] = doc.status, doc.reason
        print_json(data)
    else:
        print_report(rep, states)
    if rep.cancelled:
        return EXIT_CANCELLED
    if not rep.available or rep.pages_failed:
        return EXIT_PARTIAL
    return EXIT_OK


def print_report(rep: OcrReport, states: dict[int, Any]) -> None:
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
        langs = d.languages
        if d.page_languages:  # pages in another script than the rest (a cover)
            langs += "; " + ", ".join(f"page {i + 1}: {v}"
                                      for i, v in sorted(d.page_languages.items()))
        print(f"  #{d.doc_id} {shorten(d.title, 60)}: {d.done} of {len(d.pages)} pages read "
              f"({langs}){state}")
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
    print(f"Search results from these pages are marked \"{ocr_ops.OCR_NOTE}\".")


def _cmd_status(args: argparse.Namespace) -> int:
    session = open_session(args, readonly_ok=True)
    try:
        ids = [resolve_doc(session, ref).id for ref in args.docs] if args.docs else None
        status = ocr_ops.ocr_status(session, ids)
    finally:
        session.close()
    if args.json:
        print_json(status.to_json())
        return EXIT_OK
    t = status.tesseract
    if not t.available:
        print(f"Tesseract: not installed — {t.install_hint}")
    else:
        print(f"Tesseract: {t.version} ({t.path}); languages: {', '.join(t.languages)}")
    print(f"Default OCR languages: {status.default_languages} (a document's language "
          "metadata comes first)")
    if not status.documents:
        print("No document has scanned pages.")
    for r in status.documents:
        conf = f", mean confidence {r.mean_confidence:.0f} %" \
            if r.mean_confidence is not None else ""
        langs = f" ({', '.join(r.languages)}{conf})" if r.languages else ""
        print(f"  #{r.doc_id} {shorten(r.title, 60)}: {len(r.ocr_pages)} of {r.pages} pages "
              f"read by OCR{langs}, {len(r.waiting)} waiting")
        for f in r.failed:
            print(f"      page {f['page_number']}: {f['reason']}")
    return EXIT_OK


def register(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    o = sub.add_parser(
        "ocr", help="read scanned pages with Tesseract (offline OCR)",
        description="Read the scanned pages of documents (all that wait, or the documents "
                    "named) with Tesseract, offline, in worker processes. Ctrl+C stops after "
                    "the pages being read; pages read so far stay searchable and the same "
                    "command continues. Text from OCR is marked as such in search results.",
        epilog="Languages are Tesseract codes: eng, urd, eng+urd … (see --status). Without "
               "--lang (or with --lang auto) a document's language metadata decides (ur: "
               "Urdu and English), else the library default when one is set, else the script "
               "of its pages, judged page by page (an English cover over an Urdu body).")
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
    o.add_argument("--timeout", type=float, default=DEFAULT_PAGE_TIMEOUT,
                   help=f"seconds allowed per page (default {DEFAULT_PAGE_TIMEOUT:.0f})")
    o.add_argument("--dpi", type=int, default=DEFAULT_DPI,
                   help=f"rendering resolution (default {DEFAULT_DPI})")
    o.add_argument("--password", help="password of an encrypted PDF (never stored)")
    o.set_defaults(func=cmd_ocr)
