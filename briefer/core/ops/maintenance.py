"""Keeping a library: what it holds, backups of the catalog, putting a backup back.

Restoring replaces the catalog file, so it cannot happen while the library is open for
writing anywhere — not in another program, not in this one: :func:`restore_backup`
takes the library's writer lock itself (refusing with reason ``library_busy``), puts the
backup in place, and opens the library once so the search index is rebuilt now rather
than at the next start. Every failure is a :class:`BrieferError` with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from briefer import __version__
from briefer.core.clips import briefdb
from briefer.core.catalog import backup
from briefer.core.catalog.backup import BackupError, BackupInfo, RestoreResult
from briefer.core.errors import BrieferError
from briefer.core.library import (
    Library, LibraryError, exclusive_access, storage_problem, storage_reason)
from briefer.core.ops.session import Session
from briefer.core.paths import default_library_dir, resolve_library_dir
from briefer.core.progress import ProgressCallback

KEEP = backup.KEEP


@dataclass
class LibraryInfo:
    library: str
    default_library: str
    documents: int
    pages: int
    indexed_pages: int
    version: str
    readonly: bool

    def to_json(self) -> dict[str, Any]:
        return {"library": self.library, "default_library": self.default_library,
                "documents": self.documents, "pages": self.pages,
                "indexed_pages": self.indexed_pages, "version": self.version}


def library_info(session: Session) -> LibraryInfo:
    """Where the library is and how big it is."""
    stats = session.catalog().stats()
    return LibraryInfo(str(session.root), str(default_library_dir()), stats["documents"],
                       stats["pages"], session.library().index.page_count(), __version__,
                       session.readonly)


def backup_now(session: Session) -> BackupInfo:
    """Copy the catalog into the library's ``backups/`` now (the newest :data:`KEEP` are
    kept, and the newest of each of the days before). Raises :class:`BackupError` (e.g. the
    disk is full)."""
    session.require_writable()
    return backup.make_backup(session.root / backup.CATALOG_NAME, session.root, KEEP)


BACKUP_INTERVAL = backup.INTERVAL


def backup_if_due(session: Session, *, at_quit: bool = False,
                  now: Optional[float] = None) -> Optional[BackupInfo]:
    """Back up the library when it is due; the backup made, or None.

    The contract, for the window (and anything else that edits a library for long):

    * **When to call**: after every change notification (any edit of documents' details,
      clips, briefs, OCR, an import finishing …) — as often as you like — and once at
      quit with ``at_quit=True``, before the session is closed.
    * **Which thread**: any thread but the GUI thread (a worker; one call at a time is not
      required: calls for one library are serialised here, a second one waits and then
      finds nothing due). It opens its own SQLite connections by path, reads the catalog
      in one read transaction (WAL: edits on other threads go on), and never writes the
      catalog. The session must stay open until the call returns.
    * **What it decides**: a backup is made when the user's work (documents' metadata and
      tags, clips, briefs, sections and items, saved searches, settings — not page text,
      not the search history) differs from the newest backup, and that backup is at least
      :data:`BACKUP_INTERVAL` seconds (4 minutes) older than ``now`` (default: the clock;
      tests pass their own) — or ``at_quit``, where any difference is enough. Not due: a
      directory listing, plus one read of the work tables once the interval passed (a
      few milliseconds for a thousand documents).
    * **Cost when due**: the work tables and the page rows without their text, plus the
      text of documents that changed since the last backup (see
      :mod:`briefer.core.catalog.backup`): about 0.1 s for a 20,000-page library.
    * **Result**: the :class:`BackupInfo` made, or None (not due, or the session is
      read-only or closed). Raises :class:`BackupError` (reason ``backup_error``) when a
      due backup cannot be written — the disk is full, the folder is read-only; nothing
      is changed then and the next call tries again. Show it in the status line, not as a
      dialog: the user's work itself is saved.
    """
    if session.closed or session.readonly:
        return None
    return backup.backup_if_due(session.root, interval=BACKUP_INTERVAL, force=at_quit,
                                now=now)


@dataclass
class BackupEntry:
    info: BackupInfo
    problem: str  # '' when the copy passes its check

    @property
    def ok(self) -> bool:
        return not self.problem

    def to_json(self) -> dict[str, Any]:
        return {**self.info.to_json(), "ok": self.ok, "problem": self.problem}


def list_backups(root: Optional[str | Path] = None) -> list[BackupEntry]:
    """The backups of the library at ``root`` (default: the user's), newest first, each
    checked."""
    folder = resolve_library_dir(root)
    return [BackupEntry(b, backup.check_file(b.path) or "")
            for b in backup.list_backups(folder)]


def backup_folder(root: Optional[str | Path] = None) -> Path:
    return backup.backup_dir(resolve_library_dir(root))


def restore_backup(root: Optional[str | Path] = None, name: Optional[str] = None, *,
                   progress: Optional[ProgressCallback] = None) -> RestoreResult:
    """Put a backup (``name`` from :func:`list_backups`; default: the newest good one) in
    place of the catalog, keep the replaced file beside it, and rebuild the index.

    When the catalog being replaced is damaged (or empty, or missing), what can still be
    read from it and is newer than the backup — documents, metadata, clips, briefs — is
    merged in (``result.salvage``: what was merged, what could not be read). PDFs of
    documents added after the backup that could not be salvaged are moved to
    ``recovered-<time>/`` under their own names (``result.recovered``). Documents whose page
    text could not be found are named in ``result.text_missing``. Raises
    :class:`BrieferError`: ``no_library``, ``library_busy`` (open for writing, here or
    elsewhere), ``no_backup``, ``disk_full``/``read_only``.
    """
    folder = resolve_library_dir(root)
    if not folder.is_dir():
        raise LibraryError(f"there is no library at {folder}", reason="no_library")
    with exclusive_access(folder):
        try:
            result = backup.restore(folder, name)
        except OSError as exc:
            why = storage_problem(exc)
            raise BrieferError(f"could not restore the backup: {why or exc.strerror or exc}; "
                               "the catalog was not changed",
                               reason=storage_reason(why) if why else "backup_error") from None
    try:  # the index is rebuilt from the restored catalog now, not at the next open
        lib = Library.open(folder, progress=progress)
    except LibraryError as exc:
        raise LibraryError(f"the backup was put in place but cannot be opened: {exc}",
                           reason=exc.reason) from None
    try:
        result.documents = len(lib.documents())
        result.briefs = briefdb.count_briefs(lib.catalog)
        if result.salvage is not None and result.salvage.anything:
            try:  # what was salvaged is in no backup yet: the newest one holds it now
                lib.make_backup()
            except BackupError:
                pass  # the restored catalog itself is in place; the next backup tries again
    finally:
        lib.close()
    return result


__all__ = ["BACKUP_INTERVAL", "BackupError", "BackupEntry", "BackupInfo", "LibraryInfo",
           "RestoreResult", "backup_folder", "backup_if_due", "backup_now", "library_info",
           "list_backups", "restore_backup"]
