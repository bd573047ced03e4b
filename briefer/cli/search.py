"""``briefer search`` and ``briefer find``: the search core on the command line."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from briefer import lazy
from briefer.cli.common import (EXIT_OK, EXIT_USAGE, CliError, cli_error, open_session, print_json,
                                resolve_doc)
from briefer.core.catalog.catalog import DOC_TYPES
from briefer.core.errors import BrieferError
from briefer.core.text.query import LANGUAGE_HELP

if TYPE_CHECKING:
    from briefer.core.ops import documents as docs_ops
    from briefer.core.ops import search as search_ops
else:  # loaded on first use: a short command starts quickly (briefer/lazy.py)
    docs_ops = lazy.module("briefer.core.ops.documents")
    search_ops = lazy.module("briefer.core.ops.search")

QUERY_HELP = LANGUAGE_HELP + """
examples:
  briefer search '"national coordinator" AND (block* OR remov*)'
  briefer search blocking --type rule --from 2020 --to 2021 --facets
  briefer search coordinator --json --limit 5
  briefer find 3 "national coordinator"
"""


def register(sub: Any, common: Any) -> None:
    s = sub.add_parser(
        "search", help="search the library (see `briefer search --help` for the syntax)",
        description="Search every page of the library. Hits are listed by document, best "
                    "first, with the printed page number and a snippet in which the "
                    "matched words are marked.",
        epilog=QUERY_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    common(s)
    s.add_argument("query", nargs="*", metavar="QUERY", help="the query (words are joined)")
    s.add_argument("--type", action="append", choices=DOC_TYPES, help="only this type "
                   "(repeatable)")
    s.add_argument("--tag", action="append", help="only documents with this tag (repeatable)")
    s.add_argument("--issuer", action="append", help="only this issuer (words of it)")
    s.add_argument("--doc", action="append", metavar="DOC", help="only this document")
    s.add_argument("--lang", action="append", help="only this language (e.g. en, ur)")
    s.add_argument("--from", dest="date_from", metavar="DATE",
                   help="documents dated from (YYYY, YYYY-MM or YYYY-MM-DD)")
    s.add_argument("--to", dest="date_to", metavar="DATE", help="documents dated up to")
    s.add_argument("--sort", choices=("relevance", "date", "document"), default="relevance")
    s.add_argument("--limit", type=int, default=20, help="pages to show (default 20)")
    s.add_argument("--offset", type=int, default=0, help="skip this many pages of hits")
    s.add_argument("--facets", action="store_true",
                   help="count the hits per type, year, issuer, tag and document")
    s.add_argument("--samples", dest="samples", action="store_const", const=True,
                   help="include the sample documents (left out by default once the "
                        "library holds documents of your own)")
    s.add_argument("--no-samples", dest="samples", action="store_const", const=False,
                   help="leave the sample documents out")
    s.add_argument("--no-history", action="store_true", help="do not add to the history")
    s.add_argument("--save", metavar="NAME", help="also save this search under NAME")
    s.add_argument("--run", metavar="NAME", help="run the saved search NAME")
    s.add_argument("--history", action="store_true", help="list recent searches")
    s.add_argument("--saved", action="store_true", help="list saved searches")
    s.set_defaults(func=cmd_search)

    f = sub.add_parser(
        "find", help="find every occurrence of a text in one document (like Ctrl+F)",
        description="Find a text in one document, page by page, as the reader's find bar "
                    "does: case, diacritics, ligatures, fractions and hyphens at line ends "
                    "are ignored unless asked.")
    common(f)
    f.add_argument("doc", metavar="DOC", help="document number, file name or title words")
    f.add_argument("text", nargs="+", metavar="TEXT")
    f.add_argument("--case-sensitive", action="store_true")
    f.add_argument("--whole-word", action="store_true")
    f.add_argument("--match-diacritics", action="store_true")
    f.set_defaults(func=cmd_find)


def prepare_argv(argv: list[str]) -> list[str]:
    """Keep ``-word`` (pages without the word) as part of a search query.

    argparse would read ``briefer search -defamation`` as an unknown option; after the
    ``search`` command, a word that starts with one dash and is none of the command's
    options is marked so that it is parsed as a query word (the mark is removed again).
    """
    k = 0  # the command word: the first after the global options
    while k < len(argv) and argv[k].startswith("-"):
        k += 2 if argv[k] == "--library" else 1
    if k >= len(argv) or argv[k] != "search":
        return argv  # another command, whose words may include "search"
    out = argv[:k + 1]
    takes_value = {"--type", "--tag", "--issuer", "--doc", "--lang", "--from", "--to",
                   "--sort", "--limit", "--offset", "--save", "--run", "--library"}
    after_value = False
    for word in argv[k + 1:]:
        if (not after_value and word.startswith("-") and not word.startswith("--")
                and len(word) > 1 and word not in ("-h",) and not _is_number(word)):
            out.append(_QUERY_MARK + word)
        else:
            out.append(word)
        after_value = word in takes_value
    return out


_QUERY_MARK = "\x00"


def _is_number(word: str) -> bool:
    try:
        float(word)
    except ValueError:
        return False
    return True


def _query_text(words: list[str]) -> str:
    return " ".join(w[len(_QUERY_MARK):] if w.startswith(_QUERY_MARK) else w for w in words)


def _marks() -> tuple[str, str]:
    if sys.stdout.isatty():
        return "\x1b[1;7m", "\x1b[0m"
    return "[", "]"


def cmd_search(args: argparse.Namespace) -> int:
    session = open_session(args, readonly_ok=True)
    try:
        if args.history or args.saved:
            rows = search_ops.saved_searches(session) if args.saved else \
                search_ops.search_history(session)
            if args.json:
                print_json([r.to_json() for r in rows])
            for r in rows if not args.json else ():
                extra = " ".join(f"--{k}={v}" for k, v in r.filters.items())
                head = f"{r.name}: " if args.saved else f"{r.searched_at[:16]}  "
                tail = "" if args.saved else f"  ({r.hits} hits)"
                print(f"{head}{r.query} {extra}".rstrip() + tail)
            return EXIT_OK
        text = _query_text(args.query)
        filters = search_ops.Filters(types=args.type or [], tags=args.tag or [],
                                     issuers=args.issuer or [], languages=args.lang or [],
                                     date_from=args.date_from or "", date_to=args.date_to or "",
                                     samples=getattr(args, "samples", None))
        if args.doc:
            filters.doc_ids = [resolve_doc(session, d).id for d in args.doc]
        if not args.run and not text.strip():
            raise CliError("give a query, e.g. briefer search 'national coordinator'",
                           EXIT_USAGE)
        try:
            if args.run:
                res = search_ops.run_saved_search(
                    session, args.run, query=text, filters=filters,
                    sort=None if args.sort == "relevance" else args.sort,
                    limit=args.limit, offset=args.offset, facets=args.facets,
                    record=not args.no_history)
            else:
                res = search_ops.run_search(session, text, filters=filters, sort=args.sort,
                                            limit=args.limit, offset=args.offset,
                                            facets=args.facets, record=not args.no_history)
            if args.save:
                if session.readonly:
                    print("note: the library is open read-only; the search was not saved",
                          file=sys.stderr)
                else:
                    search_ops.save_search(session, args.save, res.query, filters,
                                           res.sort)
        except BrieferError as exc:
            raise cli_error(exc)
        if args.json:
            print_json(res.to_json())
            return EXIT_OK
        _print_result(res)
        return EXIT_OK
    finally:
        session.close()


def _print_result(res: Any) -> None:
    a, b = _marks()
    n_docs = len(res.documents)
    about = "" if res.total_exact else "about "
    print(f"{about}{res.total} page{'s' if res.total != 1 else ''} match "
          f"{res.reading or res.query!r}" + (f" ({res.seconds:.2f} s)" if res.seconds else ""))
    for note in res.notes:
        print(f"note: {note}")
    if res.suggestion is not None:
        print(f"did you mean: {res.suggestion.query}")
    if res.samples_hidden:
        n = res.samples_hidden
        print(f"note: {n} sample document{'s' if n != 1 else ''} with matches left out "
              f"(--samples shows {'them' if n != 1 else 'it'})")
    shown = sum(len(d.hits) for d in res.documents)
    if shown and shown < res.total:
        print(f"showing {shown} pages in {n_docs} document{'s' if n_docs != 1 else ''}")
    for d in res.documents:
        meta = ", ".join(x for x in (d.doc_type, d.date, d.issuer) if x)
        print()
        print(f"#{d.doc_id} {d.title}" + (f"  ({meta})" if meta else ""))
        for h in d.hits:
            where = f"p. {h.page_label}" + (f" (PDF page {h.page_number})"
                                            if h.page_label != str(h.page_number) else "")
            snippet = " ".join(h.snippet.marked(a, b).split()) if h.snippet else ""
            print(f"  {where}: {snippet}" + (f"  [{h.note}]" if h.note else ""))
    if res.facets:
        print()
        for name, values in res.facets.items():
            if values:
                shown_vals = ", ".join(f"{v.label} {v.count}" for v in values[:8])
                more = f", … ({len(values) - 8} more)" if len(values) > 8 else ""
                print(f"{name}: {shown_vals}{more}")


def cmd_find(args: argparse.Namespace) -> int:
    session = open_session(args, readonly_ok=True)
    try:
        doc = resolve_doc(session, args.doc)
        needle = " ".join(args.text)
        res = search_ops.find_in_document_pages(
            session, doc.id, needle, case_sensitive=args.case_sensitive,
            whole_word=args.whole_word, match_diacritics=args.match_diacritics)
        if args.json:
            print_json(res.to_json())
            return EXIT_OK
        a, b = _marks()
        print(f"{res.total} match{'es' if res.total != 1 else ''} of {needle!r} in "
              f"#{doc.id} {doc.title}")
        for p in res.pages:
            text = docs_ops.get_page(session, doc.id, p.page_index).text
            where = f"p. {p.page_label}" + (f" (PDF page {p.page_number})"
                                            if p.page_label != str(p.page_number) else "")
            print(f"  {where}: {len(p.spans)}")
            for s, e in p.spans[:5]:
                lo, hi = max(0, s - 40), min(len(text), e + 40)
                line = text[lo:s] + a + text[s:e] + b + text[e:hi]
                print("     …" + " ".join(line.split()) + "…")
        return EXIT_OK
    finally:
        session.close()
