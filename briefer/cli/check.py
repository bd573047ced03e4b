"""``briefer check``: is the library whole? The catalog's soundness, every stored PDF (a
missing one named by its original file name, with the quotes that depend on it and the
repair), stored PDFs the catalog does not list, and the search index's agreement with the
catalog — printed over :func:`briefer.core.ops.documents.check_library`.

Exit codes: 0 nothing to repair; 1 something to repair (each problem is printed with what
to do); 3 the library cannot be used (as every command).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, Callable

from briefer import lazy
from briefer.cli.common import EXIT_OK, EXIT_PARTIAL, print_json, session_of, shorten

if TYPE_CHECKING:
    from briefer.core.ops import documents as docs_ops
else:  # loaded on first use: a short command starts quickly (briefer/lazy.py)
    docs_ops = lazy.module("briefer.core.ops.documents")


def cmd_check(args: argparse.Namespace) -> int:
    with session_of(args, readonly_ok=not args.delete_strays) as session:
        result = docs_ops.check_library(session)
        deleted = docs_ops.remove_stray_files(session) if args.delete_strays else []
    if args.json:
        data = result.to_json()
        data["deleted"] = [str(p) for p in deleted]
        print_json(data)
        return EXIT_OK if result.ok else EXIT_PARTIAL
    if result.ok:
        print(f"The library is whole: {result.documents} documents, every stored PDF is "
              "there, and the search index agrees with the catalog.")
        return EXIT_OK
    if result.catalog_problem:
        print(f"The catalog fails its check: {result.catalog_problem}. Run `briefer "
              "restore` to put the newest good backup in place (the damaged file is kept).")
    if result.missing:
        n = len(result.missing)
        print(f"{n} stored PDF{'s are' if n != 1 else ' is'} missing (deleted outside "
              "Briefer):")
        for m in result.missing:
            d = m.document
            print(f"  #{d.id} {d.file_name} — {shorten(d.title, 60)}")
            if d.source_path:
                print(f"      added from {d.source_path}")
            if m.clips:
                briefs = ", ".join(f"#{b.brief_id} {b.title}" for b in m.briefs[:4])
                print(f"      {m.clips} clip{'s' if m.clips != 1 else ''}"
                      + (f", {m.quotes} quote{'s' if m.quotes != 1 else ''} in {briefs}"
                         if m.briefs else "")
                      + " cannot be checked against it")
        print("  To repair: add the original file again (`briefer add PATH`); the search "
              "text, metadata, clips and quotes are kept.")
    if result.stray_files:
        n = len(result.stray_files)
        print(f"{n} stored PDF{'s are' if n != 1 else ' is'} not in the catalog (nothing "
              "was deleted):")
        for p in result.stray_files[:20]:
            print(f"  {p}")
        if n > 20:
            print(f"  … and {n - 20} more")
        if deleted:
            print(f"  Deleted {len(deleted)} of them, as asked.")
        else:
            print("  They may be documents a restored backup does not know: add them again "
                  "(`briefer add` on the files), or delete them with `briefer check "
                  "--delete-strays`.")
    if result.not_indexed or result.stale_in_index:
        print(f"The search index does not agree with the catalog ({len(result.not_indexed)} "
              f"documents missing from it, {len(result.stale_in_index)} that should not be "
              "there). Run `briefer reindex` to rebuild it.")
    return EXIT_PARTIAL


def register(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    c = sub.add_parser("check", help="check that the library is whole (catalog, stored PDFs, "
                                     "index)",
                       description="Check the catalog, that every stored PDF is there (a "
                                   "missing one is named with the quotes that depend on it "
                                   "and how to put it back), stored PDFs the catalog does "
                                   "not list, and the search index. Changes nothing unless "
                                   "--delete-strays. Exit code 1 when something needs "
                                   "repair.")
    common(c)
    c.add_argument("--delete-strays", action="store_true",
                   help="delete the stored PDFs the catalog does not list")
    c.set_defaults(func=cmd_check)
