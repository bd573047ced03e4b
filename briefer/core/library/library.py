"""A library folder: the catalog, the stored PDFs and the search index, kept in agreement.

Layout of a library folder::

    library.sqlite     the catalog (source of truth)
    files/ab/ab…ef.pdf imported PDFs, named by their SHA-256 (portable, re-checkable)
    index/             the Whoosh index (a cache, rebuilt from the catalog when needed)
    library.lock       held by the one process that may write

Writes go to the catalog first (one transaction per document), then to the index; each
document carries an ``indexed`` flag that is set only once the index has committed it. On
open, every document whose flag is not set is (re)indexed and every indexed document the
catalog no longer has is deleted, so after a crash at any moment the two agree again.

Opening never empties a library: a catalog that is missing, 0 bytes or an empty database
while the folder still holds stored PDFs, backups or an index is a lost catalog
(:class:`CatalogDamaged`, nothing created or deleted, the newest backup named), not a new
library; stored PDFs the catalog does not list are deleted only when provably leftovers
(see :meth:`Library.remove_orphan_files`); every open records stored copies that are
missing (:attr:`Library.missing_stored`). Folders are 0700 and files 0600 whatever the
umask; an existing library is tightened when it opens.
A :class:`Library` handle belongs to one thread; several threads share a library through
:class:`briefer.core.ops.session.Session`. The import pipeline is in
:mod:`briefer.core.library.importer`, the lock in :mod:`briefer.core.library.lock`.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from briefer.core.catalog import backup
from briefer.core.catalog.catalog import Catalog, CatalogError, Document
from briefer.core.files.workers import DEFAULT_TIMEOUT, ExtractionPool
from briefer.core.fsutil import PRIVATE_DIR, PRIVATE_FILE, private_dir, private_touch, tighten
from briefer.core.index.backend import SearchBackend
from briefer.core.index.index import OpenReport, SearchIndex
from briefer.core.index.sync import synchronise, write_document
from briefer.core.library.errors import (
    CatalogDamaged, DocumentNotFound, LibraryBusy, LibraryError, LibraryStorageError,
    storage_message, storage_problem, storage_reason)
from briefer.core.library.importer import ImportOptions, ImportReport, Importer
from briefer.core.library.lock import WriterLock
from briefer.core.paths import resources_dir, stored_pdfs_not_in
from briefer.core.progress import CancelToken, ProgressCallback

log = logging.getLogger(__name__)

CATALOG_NAME = "library.sqlite"

# Stored PDFs the catalog does not list that are removed without asking when the library
# opens (copies an import killed between copying a file and recording it). More than
# this is not a leftover but a sign the catalog lost documents (an older catalog put
# back, a catalog from elsewhere): they are kept and reported (Library.stray_files).
STRAY_LIMIT = 3


class Library:
    """One library folder. Open with :meth:`open`; close when done (or use ``with``)."""

    def __init__(self, root: Path, catalog: Catalog, index: SearchBackend,
                 lock: Optional[WriterLock], index_report: OpenReport) -> None:
        self.root = root
        self.catalog = catalog
        self.index: SearchBackend = index
        self._lock = lock
        self.index_report = index_report
        # Files written from here on are this process's own (it holds the writer lock).
        self.opened_at = time.time()
        #: Stored PDFs the catalog does not list, kept (not deleted) and reported.
        self.stray_files: list[Path] = []

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def open(cls, root: str | Path, *, create: bool = True, readonly_if_busy: bool = False,
             readonly: bool = False,
             progress: Optional[ProgressCallback] = None) -> "Library":
        """Open (and create) the library at ``root`` and bring the index up to date.

        Raises :class:`LibraryBusy` when another process (or another handle of this one)
        writes to it, unless ``readonly_if_busy``, which opens it for reading only.
        ``readonly`` opens it for reading only in any case (no lock, nothing written).
        """
        root = Path(root)
        catalog_path = root / CATALOG_NAME
        # A catalog that is missing or empty while the folder holds the library's data
        # (stored PDFs, backups, an index) is a lost catalog, never a new library: opening
        # it as new would rebuild the index and delete every stored PDF as a leftover.
        held = root.is_dir() and _holds_library_data(root)
        _refuse_lost_catalog(catalog_path, held)
        if readonly:
            if not catalog_path.exists():
                raise LibraryError(f"there is no library at {root}", reason="no_library")
            try:
                catalog = _open_checked_catalog(catalog_path, True, True, held)
            except LibraryStorageError as exc:
                if exc.reason != "disk_full":
                    raise
                catalog = _open_on_full_disk(catalog_path)
            return cls._open_readonly(root, catalog, "it was opened for reading only")
        _ensure_folder(root, create)
        lock, readonly_reason, busy = _take_lock(root, readonly_if_busy)
        existed = catalog_path.exists()
        try:
            if lock is None and not existed:
                raise LibraryError(f"there is no catalog in {root}")
            if not existed:  # SQLite gives its -wal and -shm files the catalog's mode
                private_touch(catalog_path)
            catalog = _open_checked_catalog(catalog_path, lock is None, existed, held)
        except (CatalogError, LibraryError) as exc:
            if lock is not None:
                lock.release()
            if isinstance(exc, LibraryStorageError) and readonly_if_busy \
                    and exc.reason == "disk_full":  # readers still read on a full disk
                catalog = _open_on_full_disk(catalog_path)
                return cls._open_readonly(root, catalog, exc.details.get("why", str(exc)))
            if isinstance(exc, LibraryError):
                raise
            raise LibraryError(str(exc)) from exc
        if lock is None:
            return cls._open_readonly(root, catalog, readonly_reason, busy)
        try:
            lib = cls._bring_up(root, catalog, lock, progress, created=not existed)
        except LibraryStorageError as exc:
            if not readonly_if_busy:
                raise
            # Readers still get a read-only view of an intact catalog.
            try:
                catalog = _open_checked_catalog(catalog_path, True, True)
            except LibraryStorageError as again:
                if again.reason != "disk_full":
                    raise
                catalog = _open_on_full_disk(catalog_path)
            return cls._open_readonly(root, catalog, exc.details.get("why", str(exc)))
        if existed:
            lib._auto_backup(backup.OPEN_INTERVAL)
        lib._changes_at_open = lib.catalog.total_changes()
        return lib

    @classmethod
    def _bring_up(cls, root: Path, catalog: Catalog, lock: WriterLock,
                  progress: Optional[ProgressCallback], created: bool = False) -> "Library":
        """The writable library: index opened (or rebuilt) and in agreement with the
        catalog, leftovers removed. On a full disk or read-only media everything opened is
        closed again and :class:`LibraryStorageError` says so (the catalog is untouched:
        every write is a transaction)."""
        lib = None
        try:
            index, rep = SearchIndex.open(root / "index", catalog.library_id)
            if rep.rebuilt:
                catalog.mark_all_unindexed()
            lib = cls(root, catalog, index, lock, rep)
            private_dir(root / "files")
            private_dir(root / backup.BACKUP_DIR)
            _make_private(root)
            lib.sync_index(progress=progress)
            lib.remove_orphan_files(new_catalog=created)
            lib.check_stored_files()
            return lib
        except (OSError, sqlite3.OperationalError) as exc:
            why = storage_problem(exc)
            if why is None:
                raise
            if lib is not None:
                lib.close(changed=False)  # no backup attempt on a full disk
            else:
                catalog.close()
                lock.release()
            raise LibraryStorageError(storage_message(why, root), reason=storage_reason(why),
                                      details={"why": why}) from None

    @classmethod
    def _open_readonly(cls, root: Path, catalog: Catalog, reason: str,
                       busy: bool = False) -> "Library":
        try:
            index = SearchIndex.open_existing(root / "index")
            rep = OpenReport(False)
        except Exception:
            catalog.close()
            raise LibraryBusy(f"the library {root} is being rebuilt by another process; "
                              "try again in a moment") from None
        lib = cls(root, catalog, index, None, rep)
        lib.readonly = True
        lib.readonly_reason = reason
        lib.readonly_busy = busy
        lib.check_stored_files()
        return lib

    readonly_reason = ""
    #: Ids of documents whose stored PDF was missing when the library opened.
    missing_stored: list[int] = []
    readonly_busy = False  # read-only because another writer has the library
    readonly = False
    _changes_at_open = 0
    backup_warning = ""

    def view(self, catalog: Catalog) -> "Library":
        """A handle of this library for another thread: its own ``catalog`` connection,
        this handle's index, and this handle's read-only state and opening time (the lock
        stays with this handle, and so does the index: a view is done with when its
        catalog is closed, never closed itself)."""
        lib = type(self)(self.root, catalog, self.index, None, self.index_report)
        lib.readonly = self.readonly
        lib.readonly_reason = self.readonly_reason
        lib.readonly_busy = self.readonly_busy
        lib.opened_at = self.opened_at  # the lock was taken then: its files are this one's
        return lib

    def make_backup(self) -> "backup.BackupInfo":
        """Make a backup of the catalog now (raises :class:`backup.BackupError`)."""
        return backup.make_backup(self.root / CATALOG_NAME, self.root, backup.KEEP)

    def _auto_backup(self, interval: float) -> None:
        """A backup when the newest is older than ``interval`` and the user's work differs
        from it (:func:`backup.backup_if_due`). Not at open when no backup has put its page
        text in the side file yet (a library from before lean backups): that first copy
        takes seconds on a large library (3.8 s for 100,000 pages), and the window waits
        for an open; the window's next ``backup_if_due`` on a worker thread, or the close,
        makes it."""
        if interval >= backup.OPEN_INTERVAL and not backup.side_file(self.root).exists() \
                and backup.list_backups(self.root):
            return
        try:
            backup.backup_if_due(self.root, interval=interval)
        except backup.BackupError as exc:  # never costs the user's work; told, not raised
            self.backup_warning = str(exc)
            log.warning("%s", exc)

    def changed_since_open(self) -> bool:
        """True when this handle's catalog connection wrote since the library opened."""
        return self.catalog.total_changes() > self._changes_at_open

    def close(self, changed: Optional[bool] = None) -> None:
        """Close the index, the catalog and the lock; a backup is made when the library
        changed (``changed``; by default: through this handle's catalog connection)."""
        if changed is None:
            changed = self.changed_since_open()
        if not self.readonly and self._lock is not None and changed:
            self._auto_backup(backup.SESSION_INTERVAL)
        self.index.close()
        self.catalog.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def require_writable(self) -> None:
        """Raise :class:`LibraryBusy` (reason ``read_only``) when this handle may not write."""
        if self.readonly:
            why = self.readonly_reason or "another Briefer process is writing to it"
            raise LibraryBusy(f"the library {self.root} is open read-only because {why}",
                              reason="library_busy" if self.readonly_busy else "read_only")

    _require_writable = require_writable

    # ------------------------------------------------------------------ files
    def file_path(self, doc: Document) -> Path:
        """The library's stored copy of ``doc``."""
        return self.root / "files" / doc.stored_name

    def missing_files(self, docs: Optional[Iterable[Document]] = None) -> list[Document]:
        """The documents (default: all) whose stored copy is not in ``files/``: one
        ``stat`` each; each is marked ``stored_missing``."""
        if docs is None:
            docs = self.catalog.documents()
        there = self._stored_file_test()
        missing = []
        for doc in docs:
            doc.stored_missing = not there(doc.sha256)
            if doc.stored_missing:
                missing.append(doc)
        return missing

    def _stored_file_test(self) -> Callable[[str], bool]:
        """sha256 → whether its stored copy is there: a ``stat`` on a path put together as
        a string (pathlib would cost more than the stat: 1,000 documents in about 4 ms)."""
        base = str(self.root / "files") + os.sep
        isfile = os.path.isfile
        return lambda sha: isfile(f"{base}{sha[:2]}{os.sep}{sha}.pdf")

    def check_stored_files(self) -> list[int]:
        """The ids of documents whose stored copy is missing (a ``stat`` each; done at
        every open), kept in :attr:`missing_stored`."""
        there = self._stored_file_test()
        self.missing_stored = sorted(doc_id for sha, doc_id in self.catalog.sha256s().items()
                                     if not there(sha))
        if self.missing_stored:
            log.info("%d stored PDFs are missing from %s", len(self.missing_stored),
                        self.root / "files")
        return self.missing_stored

    def remove_orphan_files(self, *, new_catalog: bool = False) -> list[Path]:
        """Delete stored copies no document refers to, as far as they are provably
        leftovers; returns the stored PDFs kept (also in :attr:`stray_files`).

        Always removed: partial copies (``.import-*``) and copies written since this handle
        opened (this process holds the writer lock: they are its own import's files that
        did not become documents). Copies from before are removed only when there are at
        most :data:`STRAY_LIMIT` of them and the catalog was not just created; more are
        not leftovers of one interrupted import but documents the catalog lost, and are
        kept for the user to decide (:func:`briefer.core.ops.documents.check_library`).
        """
        known = self.catalog.sha256s()
        files = self.root / "files"
        doomed: list[Path] = list(files.glob("*/.import-*")) if files.is_dir() else []
        older: list[Path] = []
        since = self.opened_at - 2.0  # file times may be a little coarse
        for f in stored_pdfs_not_in(self.root, known):
            try:
                mine = f.stat().st_mtime >= since
            except OSError:
                continue
            (doomed if mine else older).append(f)
        if older and not new_catalog and len(older) <= STRAY_LIMIT:
            doomed += older
            older = []
        for f in doomed:
            try:
                f.unlink()
            except OSError:
                pass
        if older:
            log.info("%d stored PDFs are not in the catalog of %s; kept", len(older),
                        self.root)
        self.stray_files = older
        return older

    # ------------------------------------------------------------------ lookups
    def documents(self, include_superseded: bool = True) -> list[Document]:
        return self.catalog.documents(include_superseded)

    def document(self, doc_id: int) -> Document:
        doc = self.catalog.document(doc_id)
        if doc is None:
            raise DocumentNotFound(f"there is no document #{doc_id} in this library")
        return doc

    def resolve(self, ref: str) -> Document:
        """Find a document by id ('12' or '#12'), SHA-256 prefix, file name or title words."""
        ref = ref.strip()
        key = ref.lstrip("#")
        if key.isdigit():
            doc = self.catalog.document(int(key))
            if doc is not None:
                return doc
        docs = self.catalog.documents()
        low = ref.lower()
        if len(key) >= 6 and all(c in "0123456789abcdef" for c in key.lower()):
            hits = [d for d in docs if d.sha256.startswith(key.lower())]
            if len(hits) == 1:
                return hits[0]
        for attr in ("file_name", "title"):
            exact = [d for d in docs if getattr(d, attr).lower() == low]
            if len(exact) == 1:
                return exact[0]
        current = [d for d in docs if d.status != "superseded"]
        partial = [d for d in current if low in d.title.lower() or low in d.file_name.lower()]
        if len(partial) == 1:
            return partial[0]
        if len(partial) > 1:
            names = "; ".join(f"#{d.id} {d.title[:50]}" for d in partial[:8])
            raise DocumentNotFound(f"'{ref}' matches {len(partial)} documents: {names}")
        raise DocumentNotFound(f"no document matches '{ref}'")

    # ------------------------------------------------------------------ index agreement
    def sync_index(self, progress: Optional[ProgressCallback] = None,
                   cancel: Optional[CancelToken] = None) -> int:
        """Bring the index into agreement with the catalog; returns documents (re)indexed
        (``index.sync.synchronise``)."""
        self._require_writable()
        return synchronise(self.catalog, self.index, progress, cancel)

    def reindex(self, progress: Optional[ProgressCallback] = None,
                cancel: Optional[CancelToken] = None) -> int:
        """Throw the index away and build it again from the catalog."""
        self._require_writable()
        self.index.close()
        self.index = SearchIndex.create(self.root / "index", self.catalog.library_id)
        self.catalog.mark_all_unindexed()
        return self.sync_index(progress=progress, cancel=cancel)

    # ------------------------------------------------------------------ import
    def import_paths(self, paths: Iterable[str | Path], *, password: Optional[str] = None,
                     progress: Optional[ProgressCallback] = None,
                     cancel: Optional[CancelToken] = None, engine: str = "auto",
                     timeout: float = DEFAULT_TIMEOUT, processes: Optional[int] = None,
                     tags: Iterable[str] = (), meta: Optional[dict[str, str]] = None,
                     memory_mb: Optional[int] = None, ocr: bool = False,
                     ocr_languages: Optional[str] = None,
                     pool: Optional[ExtractionPool] = None) -> ImportReport:
        """Import PDF files and folders (recursively; PDFs recognised by content).

        Returns a report with one outcome per file. With ``cancel`` set the import stops
        soon; every document finished by then is fully in the catalog and the index.
        With ``ocr``, scanned pages of the files imported (and of files already in the
        library whose scans still wait) are then read by OCR when Tesseract is installed;
        without Tesseract the import is unaffected. ``pool``: workers started beforehand,
        left open (their time limit and memory limit are the pool's own). See
        :mod:`briefer.core.library.importer`.
        """
        self.require_writable()
        options = ImportOptions(password, engine, timeout, processes, tags, meta, memory_mb,
                                ocr, ocr_languages, pool)
        return Importer(self, options).run(paths, progress, cancel)

    # ------------------------------------------------------------------ editing
    def set_metadata(self, doc_id: int, values: Optional[dict[str, str]] = None, *,
                     add_tags: Iterable[str] = (), remove_tags: Iterable[str] = (),
                     set_tags: Optional[Iterable[str]] = None) -> Document:
        """Edit a document's metadata and update its index entries."""
        self._require_writable()
        was_indexed = self.document(doc_id).indexed
        self.catalog.update_metadata(doc_id, values or {}, add_tags=add_tags,
                                     remove_tags=remove_tags, set_tags=set_tags)
        w = self.index.writer()
        # The text is unchanged: its words are counted in the vocabulary already.
        write_document(w, self.catalog, doc_id, new_text=not was_indexed)
        self.catalog.set_indexed(w.commit())
        return self.document(doc_id)

    def remove(self, doc_id: int, delete_file: bool = True) -> Document:
        """Remove a document from the catalog and the index (and its stored copy)."""
        self._require_writable()
        doc = self.document(doc_id)
        w = self.index.writer()
        # its words leave the vocabulary with it
        gone = self.catalog.pages(doc_id) if doc.indexed and doc.searchable else []
        self.catalog.delete_document(doc_id)
        w.delete_document(doc_id, gone_pages=gone)
        # An older version this one replaced becomes current again.
        if doc.supersedes:
            prev = self.catalog.document(doc.supersedes)
            if prev is not None:
                self.catalog.set_indexed([prev.id], False)
                write_document(w, self.catalog, prev.id)
        w.commit()
        if doc.supersedes:
            self.catalog.set_indexed([doc.supersedes])
        if delete_file and self.catalog.by_sha256(doc.sha256) is None:
            try:
                self.file_path(doc).unlink()
            except OSError:
                pass
        return doc

    # ------------------------------------------------------------------ samples
    def seed_samples(self, progress: Optional[ProgressCallback] = None,
                     cancel: Optional[CancelToken] = None) -> ImportReport:
        """Import the sample documents shipped in ``resources/samples`` with their metadata."""
        folder = resources_dir() / "samples"
        listing = folder / "samples.json"
        if not listing.exists():
            return ImportReport()
        entries = json.loads(listing.read_text(encoding="utf-8"))
        if isinstance(entries, dict):
            entries = entries.get("documents", entries.get("samples", []))
        by_name = {e["file"]: e for e in entries}
        rep = self.import_paths([folder / e["file"] for e in entries], progress=progress,
                                cancel=cancel, tags=["sample"])
        w = self.index.writer()
        for o in rep.of("added"):
            entry = by_name.get(Path(o.path).name)
            if entry is None or o.doc_id is None:
                continue
            values = {"title": entry.get("title", ""), "doc_type": entry.get("type", ""),
                      "issuer": entry.get("issuer", ""), "date": entry.get("date", ""),
                      "language": entry.get("language", "")}
            self.catalog.update_metadata(o.doc_id, {k: v for k, v in values.items() if v},
                                         add_tags=entry.get("tags", []), by_user=False)
            write_document(w, self.catalog, o.doc_id, new_text=False)
        self.catalog.set_indexed(w.commit())
        return rep


def _ensure_folder(root: Path, create: bool) -> None:
    if not root.exists():
        if not create:
            raise LibraryError(f"there is no library at {root}", reason="no_library")
        try:
            private_dir(root)  # 0700; another process may race us
        except OSError as exc:
            raise LibraryError(f"cannot create the library folder {root}: {exc.strerror}",
                               reason=storage_reason(storage_problem(exc) or "")) from None
    elif not root.is_dir():
        raise LibraryError(f"{root} is not a folder")


def _take_lock(root: Path, readonly_if_busy: bool) -> tuple[Optional[WriterLock], str, bool]:
    """The writer lock, or (with ``readonly_if_busy``) None, why it could not be had and
    whether that is because someone else writes (rather than the folder being read-only);
    without ``readonly_if_busy`` a busy library raises :class:`LibraryBusy`."""
    lock = WriterLock(root / "library.lock")
    try:
        if lock.acquire():
            return lock, "", False
    except OSError as exc:
        why = storage_problem(exc)
        if not readonly_if_busy:
            raise LibraryError(f"cannot use the library folder {root}: {why or exc.strerror}",
                               reason=storage_reason(why or "")) from None
        return None, why or f"the library folder cannot be written ({exc.strerror})", False
    if not readonly_if_busy:
        raise LibraryBusy(lock.busy_message(root))
    if lock.same_process:
        return None, "it is open for writing elsewhere in this program", True
    return None, "another Briefer process is writing to this library", True


def _make_private(root: Path) -> None:
    """Tighten an existing library to 0700 folders and 0600 files where this process owns
    them (libraries made before Briefer did so, or files made under a loose umask by
    code that does not choose the mode): the library folder, every file and folder in it
    (the catalog with its journal files and kept-aside copies, the lock, backups, index,
    journal, recovered PDFs) and what those folders hold directly, except the stored PDFs
    themselves, which are written 0600 (fsutil.atomic_write): a few hundred ``stat`` calls
    at most, not one per stored PDF."""
    tighten(root, PRIVATE_DIR)
    try:
        top = list(os.scandir(root))
    except OSError:
        return
    for item in top:
        if not item.is_dir(follow_symlinks=False):
            tighten(item.path, PRIVATE_FILE)
            continue
        tighten(item.path, PRIVATE_DIR)
        try:
            entries = list(os.scandir(item.path))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                tighten(entry.path, PRIVATE_DIR)
            elif item.name != "files":
                tighten(entry.path, PRIVATE_FILE)


def _holds_library_data(root: Path) -> bool:
    """Whether the library folder holds data besides its catalog (an index, backups,
    stored PDFs); False for a new library. One stat for a library in use (its index)."""
    if (root / "index").is_dir() or backup.list_backups(root):
        return True
    return next(stored_pdfs_not_in(root, ()), None) is not None


def _library_data(root: Path) -> list[str]:
    """What the library folder holds besides its catalog, in words ('5 stored PDFs', '2
    backups of it', 'a search index'), for a message."""
    held: list[str] = []
    files = root / "files"
    n = sum(1 for _ in stored_pdfs_not_in(root, ())) if files.is_dir() else 0
    if n:
        held.append(f"{n} stored PDF{'s' if n != 1 else ''}")
    k = len(backup.list_backups(root))
    if k:
        held.append(f"{k} backup{'s' if k != 1 else ''} of it")
    if (root / "index").is_dir():
        held.append("a search index")
    for suffix in ("-wal", "-shm"):
        if Path(str(root / CATALOG_NAME) + suffix).exists() and not \
                (root / CATALOG_NAME).exists():
            held.append(f"the catalog's {suffix[1:].upper()} file")
    return held


def _refuse_lost_catalog(path: Path, held: bool) -> None:
    """Raise :class:`CatalogDamaged` when the catalog at ``path`` is missing or empty (0
    bytes) while the library holds ``held``; nothing is created or deleted."""
    if not held:  # a catalog's WAL file without the catalog is not a new library either
        wal = Path(str(path) + "-wal")
        if path.exists() or not wal.exists() or wal.stat().st_size == 0:
            return
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _lost_catalog(path, "is missing") from None
    except OSError:
        return  # unreadable: opening it says why
    if size == 0:
        raise _lost_catalog(path, "is empty (0 bytes)")


def _lost_catalog(path: Path, what: str) -> CatalogDamaged:
    """The error for a catalog that is gone while the library's data is still there."""
    root = path.parent
    held = _library_data(root) or ["data"]
    backups = backup.list_backups(root)
    if len(held) > 1:
        holds = ", ".join(held[:-1]) + " and " + held[-1]
    else:
        holds = held[0]
    text = (f"the library's catalog {path} {what}, but the library still holds {holds}. "
            "Nothing was deleted or created. ")
    if backups:
        text += (f"The newest backup is from {backups[0].when}; restoring it brings the "
                 "library back (PDFs added after it are kept aside to be added again).")
    elif any("stored PDF" in h for h in held):
        text += (f"There is no backup to restore; the stored PDFs in {root / 'files'} are "
                 "intact and can be added to a new library.")
    else:
        text += ("There is no backup to restore and no stored PDF; a new library can be "
                 "made in another folder.")
    return CatalogDamaged(text, details={"problem": what, "holds": held,
                                         "newest_backup": backups[0].when if backups else ""})


def _open_checked_catalog(path: Path, readonly: bool, existed: bool,
                          held: bool = False) -> Catalog:
    """Open the catalog and check it (``PRAGMA quick_check``); a damaged one raises
    :class:`CatalogDamaged` with a message that tells how to restore a backup. ``held``:
    what else the library holds (:func:`_library_data`); with it, an empty catalog is a
    lost one, not a new library."""
    try:
        catalog = Catalog(path, readonly=readonly, new_ok=not held)
    except CatalogError as exc:
        why = _storage_trouble(path, exc)
        if why is not None:  # not damage: the disk is full, or cannot be written
            raise LibraryStorageError(storage_message(why, path.parent),
                                      reason=storage_reason(why), details={"why": why}) from None
        if exc.reason == "catalog_empty":
            raise _lost_catalog(path, "holds no data (an empty database)") from None
        if exc.reason == "not_a_catalog":
            raise CatalogDamaged(backup.damaged_message(path, str(exc)),
                                 details={"problem": str(exc)}) from None
        problem = backup.check_file(path) if existed else None
        if problem is not None:
            raise CatalogDamaged(backup.damaged_message(path, problem)) from None
        raise
    if existed:
        problem = backup.check_connection(catalog.connection)
        if problem is not None:
            catalog.close()
            why = _storage_trouble(path, sqlite3.OperationalError(problem))
            if why is not None:
                raise LibraryStorageError(storage_message(why, path.parent),
                                          reason=storage_reason(why), details={"why": why})
            raise CatalogDamaged(backup.damaged_message(path, problem))
    return catalog


# Less free space than this where the catalog lives: SQLite cannot make the shared-memory
# file (32 KB) or write its journal, and its "disk I/O error" means a full disk.
_FULL_BYTES = 256 * 1024


def _storage_trouble(path: Path, exc: BaseException) -> Optional[str]:
    """'the disk is full' (…) when opening the catalog failed because its disk is full or
    cannot be written rather than because the file is damaged; else None. SQLite reports a
    full disk at open as 'disk I/O error' (the -shm file cannot be sized): the free space
    decides."""
    cause = exc.__cause__ if isinstance(exc.__cause__, sqlite3.Error) else exc
    why = storage_problem(cause) if isinstance(cause, (OSError, sqlite3.Error)) else None
    try:
        st = os.statvfs(path.parent)
        full = st.f_bavail * st.f_frsize < _FULL_BYTES
    except (OSError, AttributeError):  # no statvfs (Windows)
        full = False
    if full and (why is not None or "i/o" in str(cause).lower()):
        return "the disk is full"
    if why is not None and "full" not in why and "I/O" not in why:
        return why  # read-only media or folder
    return None


def _open_on_full_disk(path: Path) -> Catalog:
    """The catalog for reading on a full disk, where SQLite cannot make its -shm file: as
    an immutable file, which is only right when no ``-wal`` file holds commits (else the
    storage error stands)."""
    wal = Path(str(path) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise LibraryStorageError(storage_message("the disk is full", path.parent),
                                  reason="disk_full", details={"why": "the disk is full"})
    return Catalog(path, readonly=True, immutable=True)
