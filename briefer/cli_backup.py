"""``briefer backup`` and ``briefer restore``: copies of the catalog and putting one back.

Exit codes as in :mod:`briefer.cli`: 3 when the library is in use by another Briefer, or
no usable backup exists.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Callable

from briefer.cli import EXIT_LIBRARY, EXIT_OK, CliError, ProgressBar, _print_json, open_library
from briefer.core.catalog import backup
from briefer.core.library import Library, LibraryError, _Lock, storage_problem
from briefer.core.paths import resolve_library_dir


def cmd_backup(args: argparse.Namespace) -> int:
    root = resolve_library_dir(args.library)
    if args.list:
        return _list(root, args.json)
    lib = open_library(args)
    try:
        info = lib.make_backup()
    except backup.BackupError as exc:
        raise CliError(str(exc), EXIT_LIBRARY)
    finally:
        lib.close()
    if args.json:
        _print_json(info.to_json())
    else:
        print(f"Backed up the catalog to {info.path} ({info.size // 1024} KB). "
              f"The newest {backup.KEEP} backups are kept.")
    return EXIT_OK


def _list(root: Any, as_json: bool) -> int:
    rows = []
    for b in backup.list_backups(root):
        problem = backup.check_file(b.path)
        rows.append({**b.to_json(), "ok": problem is None, "problem": problem or ""})
    if as_json:
        _print_json(rows)
        return EXIT_OK
    if not rows:
        print(f"No backups in {backup.backup_dir(root)} yet.")
        return EXIT_OK
    for r in rows:
        state = "ok" if r["ok"] else f"DAMAGED: {r['problem']}"
        print(f"  {r['created']}  {r['size'] // 1024:>8} KB  {r['name']}  {state}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    root = resolve_library_dir(args.library)
    if args.list:
        return _list(root, args.json)
    if not root.is_dir():
        raise CliError(f"there is no library at {root}", EXIT_LIBRARY)
    lock = _Lock(root / "library.lock")
    try:
        locked = lock.acquire()
    except OSError as exc:
        why = storage_problem(exc) or exc.strerror
        raise CliError(f"cannot use the library folder {root}: {why}", EXIT_LIBRARY)
    if not locked:
        who = lock.holder()
        raise CliError(f"the library {root} is in use by another Briefer process"
                       + (f" (pid {who})" if who else "") + "; close it, then restore",
                       EXIT_LIBRARY)
    try:
        result = backup.restore(root, args.backup)
    except backup.BackupError as exc:
        raise CliError(str(exc), EXIT_LIBRARY)
    except OSError as exc:
        why = storage_problem(exc) or exc.strerror or exc
        raise CliError(f"could not restore the backup: {why}; the catalog was not changed",
                       EXIT_LIBRARY)
    finally:
        lock.release()
    bar = ProgressBar(False if args.json else None)
    try:  # the index is rebuilt from the restored catalog now, not on the next command
        lib = Library.open(root, progress=bar)
    except LibraryError as exc:
        raise CliError(f"the backup was put in place but cannot be opened: {exc}", EXIT_LIBRARY)
    finally:
        bar.finish()
    try:
        result.documents = len(lib.documents())
        try:
            result.briefs = lib.catalog.execute("SELECT COUNT(*) FROM briefs").fetchone()[0]
        except Exception:
            result.briefs = 0
    finally:
        lib.close()
    if args.json:
        _print_json(result.to_json())
        return EXIT_OK
    print(f"Restored the catalog from the backup of {result.restored_from.when} "
          f"({result.documents} documents, {result.briefs} briefs); the search index was "
          "rebuilt.")
    for p in result.kept_aside:
        print(f"  the previous catalog is kept as {p}", file=sys.stderr)
    if result.recovered:
        folder = result.recovered[0].parent
        print(f"{len(result.recovered)} PDF(s) added after that backup were moved to "
              f"{folder}; add them again with: briefer add \"{folder}\"", file=sys.stderr)
        print("Edits made after that backup (metadata, clips, briefs) are not in it.",
              file=sys.stderr)
    else:
        print("Documents added and edits made after that backup are not in it: add those "
              "files again.", file=sys.stderr)
    return EXIT_OK


def register(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    b = sub.add_parser("backup", help="back up the catalog now (or --list the backups)",
                       description="Copy the catalog (documents, clips, briefs) into the "
                                   "library's backups/ folder. Briefer also does this by "
                                   f"itself; the newest {backup.KEEP} copies are kept.")
    common(b)
    b.add_argument("--list", action="store_true", help="list the backups and check each")
    b.set_defaults(func=cmd_backup)

    r = sub.add_parser("restore", help="put the newest good backup of the catalog in place",
                       description="Replace the catalog with a backup (by default the newest "
                                   "one that passes its check). The current catalog is kept "
                                   "beside it, and the search index is rebuilt.")
    common(r)
    r.add_argument("backup", nargs="?", metavar="BACKUP",
                   help="a backup's file name from --list (default: the newest good one)")
    r.add_argument("--list", action="store_true", help="list the backups and check each")
    r.set_defaults(func=cmd_restore)
