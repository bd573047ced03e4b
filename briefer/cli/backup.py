"""``briefer backup`` and ``briefer restore``: copies of the catalog and putting one back.

Exit codes as in :mod:`briefer.cli.common`: 3 when the library is in use by another Briefer, or
no usable backup exists.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, Callable

from briefer import lazy
from briefer.cli.common import EXIT_OK, ProgressBar, cli_error, print_json, session_of
from briefer.core.catalog.backup import KEEP, SIDE_NAME
from briefer.core.errors import BrieferError

if TYPE_CHECKING:
    from briefer.core.ops import maintenance
else:  # loaded on first use: a short command starts quickly (briefer/lazy.py)
    maintenance = lazy.module("briefer.core.ops.maintenance")


def cmd_backup(args: argparse.Namespace) -> int:
    if args.list:
        return _list(args.library, args.json)
    with session_of(args) as session:
        info = maintenance.backup_now(session)
    if args.json:
        print_json(info.to_json())
    else:
        print(f"Backed up the catalog to {info.path} ({info.size // 1024} KB; the page text "
              f"is kept once, in {info.path.parent / SIDE_NAME}). The newest "
              f"{maintenance.KEEP} backups and one a day for a week are kept.")
    return EXIT_OK


def _list(library: Any, as_json: bool) -> int:
    rows = [b.to_json() for b in maintenance.list_backups(library)]
    if as_json:
        print_json(rows)
        return EXIT_OK
    if not rows:
        print(f"No backups in {maintenance.backup_folder(library)} yet.")
        return EXIT_OK
    for r in rows:
        state = "ok" if r["ok"] else f"DAMAGED: {r['problem']}"
        print(f"  {r['created']}  {r['size'] // 1024:>8} KB  {r['name']}  {state}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    if args.list:
        return _list(args.library, args.json)
    bar = ProgressBar(False if args.json else None)
    try:
        result = maintenance.restore_backup(args.library, args.backup, progress=bar)
    except BrieferError as exc:
        raise cli_error(exc)
    finally:
        bar.finish()
    if args.json:
        print_json(result.to_json())
        return EXIT_OK
    print(f"Restored the catalog from the backup of {result.restored_from.when} "
          f"({result.documents} documents, {result.briefs} briefs); the search index was "
          "rebuilt.")
    if result.kept_aside:
        extra = " (with its -wal/-shm files)" if len(result.kept_aside) > 1 else ""
        print(f"  the previous catalog is kept as {result.kept_aside[0]}{extra}",
              file=sys.stderr)
    _print_salvage(result.salvage)
    if result.text_missing:
        print(f"The text of {len(result.text_missing)} document(s) was in no backup: "
              + ", ".join(result.text_missing[:5])
              + (" …" if len(result.text_missing) > 5 else "")
              + ". Remove them and add their PDFs again to search and quote them.",
              file=sys.stderr)
    if result.recovered:
        folder = result.recovered[0].parent
        print(f"{len(result.recovered)} PDF(s) added after that backup were moved to "
              f"{folder} under their own names; add them again with: "
              f"briefer add \"{folder}\"", file=sys.stderr)
    if result.salvage is None:
        print("Documents added and edits made after that backup are not in it (the "
              "catalog it replaced is kept as it was).", file=sys.stderr)
    return EXIT_OK


def _print_salvage(report: Any) -> None:
    """What was read back from the damaged catalog, and what could not be."""
    if report is None:
        return
    done: list[str] = []
    if report.documents_added:
        done.append(f"{len(report.documents_added)} document(s) added after the backup")
    if report.documents_updated:
        done.append(f"the details of {len(report.documents_updated)} document(s)")
    if report.clips_added or report.clips_updated:
        done.append(f"{report.clips_added + report.clips_updated} clip(s)")
    for title in report.briefs_added:
        done.append(f"the brief \"{title}\"")
    for title in report.briefs_updated:
        done.append(f"the changes to the brief \"{title}\"")
    for title in report.briefs_copied:
        done.append(f"the brief \"{title}\" as it was read, beside the backup's "
                    f"version (\"{title} (salvaged)\")")
    if report.saved_searches:
        done.append(f"{report.saved_searches} saved search(es)")
    if done:
        print("Salvaged from the damaged catalog: " + "; ".join(done) + ".",
              file=sys.stderr)
    else:
        print("Nothing newer than the backup could be read from the damaged catalog.",
              file=sys.stderr)
    if report.quotes_lost:
        print(f"{report.quotes_lost} quote(s) in salvaged briefs could not be read; each "
              "is marked in its brief.", file=sys.stderr)
    if report.unreadable:
        print("Could not be read from the damaged catalog (the backup's version, if any, "
              "is kept):", file=sys.stderr)
        for what in report.unreadable:
            print(f"  {what}", file=sys.stderr)


def register(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    b = sub.add_parser("backup", help="back up the catalog now (or --list the backups)",
                       description="Copy the catalog (documents, clips, briefs) into the "
                                   "library's backups/ folder (page text is kept once, in "
                                   "backups/page-text.sqlite). Briefer also does this by "
                                   "itself a few minutes after a change and when a command "
                                   f"that changed something ends; the newest {KEEP} copies "
                                   "and one a day for a week are kept.")
    common(b)
    b.add_argument("--list", action="store_true", help="list the backups and check each")
    b.set_defaults(func=cmd_backup)

    r = sub.add_parser("restore", help="put the newest good backup of the catalog in place",
                       description="Replace the catalog with a backup (by default the newest "
                                   "one that passes its check). The current catalog is kept "
                                   "beside it; when it is damaged, what can still be read "
                                   "from it and is newer than the backup (documents, details, "
                                   "clips, briefs) is salvaged into the restored one. The "
                                   "search index is rebuilt.")
    common(r)
    r.add_argument("backup", nargs="?", metavar="BACKUP",
                   help="a backup's file name from --list (default: the newest good one)")
    r.add_argument("--list", action="store_true", help="list the backups and check each")
    r.set_defaults(func=cmd_restore)
