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
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection, Iterable, Iterator, Optional

from briefer.core.catalog import backup
from briefer.core import fsutil
from briefer.core.errors import BrieferError
from briefer.core.catalog.catalog import (
    EDITABLE_FIELDS, Catalog, CatalogError, Document, normalise_tags)
from briefer.core.files.extract import ExtractResult
from briefer.core.index.index import OpenReport, SearchIndex
from briefer.core.files.metadata import guess_metadata
from briefer.core.paths import resources_dir, stored_pdfs_not_in
from briefer.core.progress import CancelToken, Cancelled, ProgressCallback, check, report
from briefer.core.files.sniff import sniff_file
from briefer.core.files.workers import DEFAULT_TIMEOUT, ExtractionPool, Job, JobFailure

log = logging.getLogger(__name__)

CATALOG_NAME = "library.sqlite"
# An import commits the index after 5 s, then after twice as long each time up to a
# minute: every commit adds a segment (searches slow down as segments pile up), and a
# crash loses only the uncommitted part, which the next open redoes from the catalog.
_INDEX_COMMIT_SECONDS = 5.0
_INDEX_COMMIT_MAX_SECONDS = 60.0
_REORDER_LIMIT = 16


# The reasons stored with a document that waits for its password.
PASSWORD_PROTECTED = "password protected"
WRONG_PASSWORD = "wrong password"


class LibraryError(BrieferError):
    """A library-level problem, worded for the user."""

    reason = "library_error"


class LibraryBusy(LibraryError):
    """Another Briefer process (or another handle in this one) is writing to this library."""

    reason = "library_busy"


class DocumentNotFound(LibraryError):
    reason = "not_found"


class LibraryStorageError(LibraryError):
    """The disk holding the library is full, or the library folder cannot be written."""

    reason = "disk_full"


def storage_problem(exc: BaseException) -> Optional[str]:
    """'the disk is full' / 'the library folder is read-only' … for such errors, else None."""
    import errno

    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return "the disk is full"
        if exc.errno == errno.EROFS:
            return "the library folder is on read-only media"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return "the library folder is read-only (permission denied)"
        return None
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        if "disk is full" in text:
            return "the disk is full"
        if "readonly" in text or "read-only" in text:
            return "the library folder is read-only"
        if "disk i/o error" in text:
            return "the disk could not be written (disk I/O error; is it full?)"
    return None


def storage_message(why: str, where: Any = None) -> str:
    fix = ("free some space" if "full" in why else "make the folder writable")
    return (f"{why}{f' ({where})' if where else ''}: nothing was changed or lost — everything saved before is "
            f"intact. {fix[0].upper()}{fix[1:]}, then try again.")


def storage_reason(why: str) -> str:
    """The reason code of a :func:`storage_problem` text: ``disk_full`` or ``read_only``."""
    return "disk_full" if "full" in why else "read_only"


# Errors of the machine rather than of the user's request: a front end turns them into
# words with environment_error() instead of showing a traceback.
ENVIRONMENT_ERRORS: tuple[type[BaseException], ...] = (OSError, sqlite3.OperationalError)


def environment_error(exc: BaseException) -> "LibraryError":
    """One of :data:`ENVIRONMENT_ERRORS` as an error worded for a person."""
    why = storage_problem(exc)
    if why is not None:
        return LibraryStorageError(storage_message(why, getattr(exc, "filename", None)),
                                   reason=storage_reason(why))
    if isinstance(exc, sqlite3.Error):
        return LibraryError(f"the catalog could not be used: {exc}")
    filename = getattr(exc, "filename", None)
    return LibraryError(f"{getattr(exc, 'strerror', None) or exc}"
                        + (f": {filename}" if filename else ""))


class CatalogDamaged(LibraryError):
    """The catalog file fails its check; the message says a backup can be restored."""

    reason = "catalog_damaged"


@dataclass
class ImportOutcome:
    """What became of one file."""

    path: str
    outcome: str  # added | new_version | unlocked | duplicate | needs_password | failed | skipped
    reason: str = ""
    doc_id: Optional[int] = None
    pages: int = 0
    status: str = ""
    title: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "outcome": self.outcome, "reason": self.reason,
                "id": self.doc_id, "pages": self.pages, "status": self.status,
                "title": self.title}


@dataclass
class ImportReport:
    """The summary of one import run."""

    outcomes: list[ImportOutcome] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0
    skipped_non_pdf: int = 0
    ocr: Optional[Any] = None  # briefer.core.ocr.ocr.OcrReport when scans were read after import

    def of(self, *kinds: str) -> list[ImportOutcome]:
        return [o for o in self.outcomes if o.outcome in kinds]

    @property
    def documents_added(self) -> int:
        return len(self.of("added", "new_version", "unlocked"))

    @property
    def pages_added(self) -> int:
        return sum(o.pages for o in self.of("added", "new_version", "unlocked"))

    @property
    def problems(self) -> list[ImportOutcome]:
        return self.of("failed", "needs_password")

    def to_json(self) -> dict[str, Any]:
        return {"documents_added": self.documents_added, "pages_added": self.pages_added,
                "cancelled": self.cancelled, "seconds": round(self.seconds, 3),
                "skipped_non_pdf": self.skipped_non_pdf,
                "files": [o.to_json() for o in self.outcomes],
                **({"ocr": self.ocr.to_json()} if self.ocr is not None else {})}


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            b = f.read(chunk)
            if not b:
                break
            h.update(b)
    return h.hexdigest()


class _Lock:
    """An exclusive advisory lock on ``library.lock`` (released by the OS if we die).

    ``flock`` locks belong to an open file, so a second handle in the same process would
    be refused as if it were another program: the paths this process holds are kept in
    :data:`_HELD_HERE`, and :attr:`same_process` tells the two cases apart.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._f: Any = None
        self.same_process = False

    def acquire(self) -> bool:
        key = str(self.path.resolve())
        with _HELD_GUARD:
            if key in _HELD_HERE:
                self.same_process = True
                return False
            if not self._acquire_file():
                return False
            _HELD_HERE.add(key)
            self._key = key
        return True

    def _acquire_file(self) -> bool:
        self._f = open(self.path, "a+")
        try:
            import fcntl

            fcntl.flock(self._f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # Windows
            try:
                import msvcrt

                msvcrt.locking(self._f.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            except OSError:
                self._f.close()
                self._f = None
                return False
        except OSError:
            self._f.close()
            self._f = None
            return False
        self._f.seek(0)
        self._f.truncate()
        self._f.write(str(os.getpid()))
        self._f.flush()
        return True

    def holder(self) -> str:
        try:
            return self.path.read_text().strip()
        except OSError:
            return ""

    def busy_message(self, root: Path) -> str:
        """Why the lock was refused, in plain words."""
        if self.same_process:
            return (f"the library {root} is already open for writing in this program; "
                    "use that session (it can be shared between threads)")
        who = self.holder()
        return (f"the library {root} is in use by another Briefer process"
                + (f" (pid {who})" if who else "") + "; close it and try again")

    def release(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None
            with _HELD_GUARD:
                _HELD_HERE.discard(getattr(self, "_key", ""))


# Library folders whose writer lock this process holds (see _Lock).
_HELD_HERE: set[str] = set()
_HELD_GUARD = threading.Lock()


@contextmanager
def exclusive_access(root: Path) -> Iterator[None]:
    """Hold the library's writer lock without opening it (to replace its catalog).

    Raises :class:`LibraryBusy` when a process (this one included) has it open for
    writing, :class:`LibraryError` when the folder cannot be used.
    """
    lock = _Lock(Path(root) / "library.lock")
    try:
        locked = lock.acquire()
    except OSError as exc:
        why = storage_problem(exc)
        raise LibraryError(f"cannot use the library folder {root}: {why or exc.strerror}",
                           reason=storage_reason(why or "")) from None
    if not locked:
        raise LibraryBusy(lock.busy_message(Path(root)))
    try:
        yield
    finally:
        lock.release()


class Library:
    """One library folder. Open with :meth:`open`; close when done (or use ``with``)."""

    def __init__(self, root: Path, catalog: Catalog, index: SearchIndex,
                 lock: Optional[_Lock], index_report: OpenReport) -> None:
        self.root = root
        self.catalog = catalog
        self.index = index
        self._lock = lock
        self.index_report = index_report

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
        if readonly:
            catalog_path = root / CATALOG_NAME
            if not catalog_path.exists():
                raise LibraryError(f"there is no library at {root}", reason="no_library")
            catalog = _open_checked_catalog(catalog_path, True, True)
            return cls._open_readonly(root, catalog, "it was opened for reading only")
        if not root.exists():
            if not create:
                raise LibraryError(f"there is no library at {root}", reason="no_library")
            try:
                root.mkdir(parents=True, exist_ok=True)  # another process may race us
            except OSError as exc:
                raise LibraryError(f"cannot create the library folder {root}: {exc.strerror}",
                                   reason=storage_reason(storage_problem(exc) or ""))
        elif not root.is_dir():
            raise LibraryError(f"{root} is not a folder")
        lock = _Lock(root / "library.lock")
        readonly = False
        readonly_reason = "another Briefer process is writing to this library"
        try:
            locked = lock.acquire()
        except OSError as exc:
            locked = False
            why = storage_problem(exc)
            if not readonly_if_busy:
                raise LibraryError(f"cannot use the library folder {root}: "
                                   f"{why or exc.strerror}",
                                   reason=storage_reason(why or ""))
            readonly_reason = why or f"the library folder cannot be written ({exc.strerror})"
        if not locked:
            if lock.same_process:
                readonly_reason = "it is open for writing elsewhere in this program"
            if not readonly_if_busy:
                raise LibraryBusy(lock.busy_message(root))
            readonly = True
            lock_obj: Optional[_Lock] = None
        else:
            lock_obj = lock
        catalog_path = root / CATALOG_NAME
        existed = catalog_path.exists()
        try:
            if readonly and not existed:
                raise LibraryError(f"there is no catalog in {root}")
            catalog = _open_checked_catalog(catalog_path, readonly, existed)
        except (CatalogError, LibraryError) as exc:
            if lock_obj:
                lock_obj.release()
            if isinstance(exc, LibraryError):
                raise
            raise LibraryError(str(exc)) from exc
        if readonly:
            return cls._open_readonly(root, catalog, readonly_reason)
        lib = None
        try:
            index, rep = SearchIndex.open(root / "index", catalog.library_id)
            if rep.rebuilt:
                catalog.mark_all_unindexed()
            lib = cls(root, catalog, index, lock_obj, rep)
            lib.readonly = False
            (root / "files").mkdir(exist_ok=True)
            lib.sync_index(progress=progress)
            lib._remove_orphan_files()
        except (OSError, sqlite3.OperationalError) as exc:
            # A full disk or read-only media: the catalog is untouched (every write is a
            # transaction); readers still get a read-only view, writers a plain message.
            why = storage_problem(exc)
            if why is None:
                raise
            if lib is not None:
                lib._changes_at_open = 1 << 62  # no backup attempt on a full disk
                lib.close()
            else:
                catalog.close()
                if lock_obj:
                    lock_obj.release()
            if readonly_if_busy:
                catalog = _open_checked_catalog(catalog_path, True, True)
                return cls._open_readonly(root, catalog, why)
            raise LibraryStorageError(storage_message(why, root),
                                      reason=storage_reason(why)) from None
        if existed:
            lib._auto_backup(backup.OPEN_INTERVAL)
        lib._changes_at_open = lib.catalog.total_changes()
        return lib

    @classmethod
    def _open_readonly(cls, root: Path, catalog: Catalog, reason: str) -> "Library":
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
        return lib

    readonly_reason = ""
    readonly = False
    _changes_at_open = 0
    backup_warning = ""

    def make_backup(self) -> "backup.BackupInfo":
        """Make a backup of the catalog now (raises :class:`backup.BackupError`)."""
        return backup.make_backup(self.catalog.connection, self.root, backup.KEEP)

    def _auto_backup(self, interval: float) -> None:
        """A backup when the newest is older than ``interval`` and there is data to keep."""
        age = backup.newest_age(self.root)
        if age is not None and age < interval:
            return
        if not self.catalog.has_content():
            return
        try:
            self.make_backup()
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
                              reason="library_busy" if "writing" in why else "read_only")

    _require_writable = require_writable

    # ------------------------------------------------------------------ files
    def file_path(self, doc: Document) -> Path:
        """The library's stored copy of ``doc``."""
        return self.root / "files" / doc.stored_name

    def _store(self, src: Path, sha: str) -> Path:
        dest = self.root / "files" / sha[:2] / f"{sha}.pdf"
        if dest.exists() and dest.stat().st_size == src.stat().st_size:
            return dest
        dest.parent.mkdir(parents=True, exist_ok=True)

        def copy(out: Any) -> None:
            with open(src, "rb") as inp:
                shutil.copyfileobj(inp, out, 1 << 20)

        fsutil.atomic_write(dest, copy, temp_prefix=".import-")
        return dest

    def _remove_orphan_files(self) -> None:
        """Delete stored copies no document refers to (left by an interrupted import)."""
        known = {r[0] for r in self.catalog.execute("SELECT sha256 FROM documents")}
        leftovers = list(stored_pdfs_not_in(self.root, known))
        files = self.root / "files"
        if files.is_dir():  # copies an interrupted import was still writing
            leftovers += files.glob("*/.import-*")
        for f in leftovers:
            try:
                f.unlink()
            except OSError:
                pass

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
        """Bring the index into agreement with the catalog; returns documents (re)indexed."""
        self._require_writable()
        index_ids = self.index.doc_ids()
        catalog_ids = set(self.catalog.document_ids())
        todo = self.catalog.unindexed_ids()
        flagged = self.catalog.indexed_ids()
        searchable = self.catalog.searchable_ids()
        # An 'indexed' searchable document the index lacks (index lost a commit): redo it.
        todo_set = set(todo) | {i for i in flagged & searchable if i not in index_ids}
        stale = (index_ids - catalog_ids) | (index_ids & (catalog_ids - searchable))
        if not todo_set and not stale:
            return 0
        w = self.index.writer()
        for doc_id in stale:
            w.delete_document(doc_id)
        done: list[int] = []
        last = time.monotonic()
        total = len(todo_set)
        for k, doc_id in enumerate(sorted(todo_set)):
            check(cancel)
            self.apply_to_index(w, doc_id)
            done.append(doc_id)
            report(progress, k + 1, total, "Rebuilding the search index")
            if time.monotonic() - last > 30:
                w.commit()
                self.catalog.set_indexed(done)
                done = []
                last = time.monotonic()
        w.commit()
        self.catalog.set_indexed(done)
        return total

    def apply_to_index(self, w: Any, doc_id: int,
                       page_terms: Optional[list[list[str]]] = None,
                       count_words: "bool | Collection[int]" = True) -> None:
        """Put a document's current state into the index writer ``w`` (its pages when it
        is searchable, else its removal). ``count_words`` as in ``IndexWriter.add_document``."""
        doc = self.catalog.document(doc_id)
        if doc is None:
            w.delete_document(doc_id)
            return
        if doc.searchable:
            w.add_document(doc, self.catalog.pages(doc_id), page_terms=page_terms,
                           count_words=count_words)
        else:
            w.delete_document(doc_id)
            w.pending_docs.append(doc_id)

    def reindex(self, progress: Optional[ProgressCallback] = None,
                cancel: Optional[CancelToken] = None) -> int:
        """Throw the index away and build it again from the catalog."""
        self._require_writable()
        self.index.close()
        self.index = SearchIndex._create(self.root / "index", self.catalog.library_id)
        self.catalog.mark_all_unindexed()
        return self.sync_index(progress=progress, cancel=cancel)

    # ------------------------------------------------------------------ import
    def import_paths(self, paths: Iterable[str | Path], *, password: Optional[str] = None,
                     progress: Optional[ProgressCallback] = None,
                     cancel: Optional[CancelToken] = None, engine: str = "auto",
                     timeout: float = DEFAULT_TIMEOUT, processes: Optional[int] = None,
                     tags: Iterable[str] = (), meta: Optional[dict[str, str]] = None,
                     memory_mb: Optional[int] = None, ocr: bool = False,
                     ocr_languages: Optional[str] = None) -> ImportReport:
        """Import PDF files and folders (recursively; PDFs recognised by content).

        Returns a report with one outcome per file. With ``cancel`` set the import stops
        soon; every document finished by then is fully in the catalog and the index.
        With ``ocr``, scanned pages of the files imported (and of files already in the
        library whose scans still wait) are then read by OCR when Tesseract is installed
        (see :mod:`briefer.core.ocr.ocr`); without Tesseract the import is unaffected.
        """
        self._require_writable()
        t0 = time.monotonic()
        rep = ImportReport()
        tags = normalise_tags(tags)
        meta = {k: v for k, v in (meta or {}).items() if v}
        jobs: list[Job] = []
        seen: set[str] = set()
        files = list(_walk(paths, rep))
        pool_kwargs: dict[str, Any] = {"processes": processes, "timeout": timeout}
        if memory_mb:
            pool_kwargs["memory_mb"] = memory_mb
        with ExtractionPool(**pool_kwargs) as pool:
            for k, (path, explicit) in enumerate(files):
                if cancel is not None and cancel.cancelled:
                    rep.cancelled = True
                    break
                report(progress, 0, 0, f"Checking {k + 1} of {len(files)} files", path.name)
                self._plan_file(path, explicit, password, engine, rep, jobs, seen)
                if jobs:  # the workers start up while the other files are checked
                    pool.start(len(files) - k)
            if not rep.cancelled and jobs:
                self._run_jobs(pool, jobs, rep, tags, meta, progress, cancel)
        if ocr and not rep.cancelled:
            self._ocr_after_import(rep, ocr_languages, password, processes, progress, cancel)
        rep.seconds = time.monotonic() - t0
        return rep

    def _ocr_after_import(self, rep: ImportReport, languages: Optional[str],
                          password: Optional[str], processes: Optional[int],
                          progress: Optional[ProgressCallback],
                          cancel: Optional[CancelToken]) -> None:
        from briefer.core.ocr import ocr

        ids = [o.doc_id for o in rep.outcomes if o.doc_id is not None
               and o.outcome in ("added", "new_version", "unlocked", "duplicate")]
        if not ocr.pending_pages(self, ids):
            return
        try:
            rep.ocr = ocr.run_ocr(self, ids, languages, progress=progress, cancel=cancel,
                                  processes=processes, password=password)
        except ocr.OcrError as exc:  # e.g. a language whose data is not installed
            rep.ocr = ocr.OcrReport(reason=str(exc))
        except Exception as exc:  # OCR must never cost the import
            log.exception("OCR after import")
            rep.ocr = ocr.OcrReport(reason=f"OCR failed: {type(exc).__name__}: {exc}")
        rep.cancelled = rep.ocr.cancelled
        for o in rep.outcomes:
            doc = self.catalog.document(o.doc_id) if o.doc_id is not None else None
            if doc is not None and o.outcome != "duplicate":
                o.status, o.reason = doc.status, doc.reason
                if doc.ocr_pages and not rep.ocr.available:
                    o.reason = f"{o.reason} — install tesseract-ocr to search this scan"

    def _plan_file(self, path: Path, explicit: bool, password: Optional[str], engine: str,
                   rep: ImportReport, jobs: list[Job], seen: set[str]) -> None:
        display = str(path)
        try:
            sn = sniff_file(path)
        except OSError as exc:
            rep.outcomes.append(ImportOutcome(display, "failed", f"cannot read the file "
                                              f"({exc.strerror or exc})"))
            return
        if not sn.is_pdf:
            if explicit or path.suffix.lower() == ".pdf":
                rep.outcomes.append(ImportOutcome(display, "failed", sn.reason))
                self.catalog.log_import(display, None, "failed", sn.reason)
            else:
                rep.skipped_non_pdf += 1
            return
        try:
            sha = sha256_file(path)
        except OSError as exc:
            rep.outcomes.append(ImportOutcome(display, "failed",
                                              f"cannot read the file ({exc.strerror or exc})"))
            return
        if sha in seen:
            rep.outcomes.append(ImportOutcome(display, "duplicate", "same file as another in "
                                              "this import"))
            return
        seen.add(sha)
        existing = self.catalog.by_sha256(sha)
        source = str(path.resolve())
        if existing is not None:
            if existing.status == "needs_password" and password:
                jobs.append(Job(("unlock", existing.id, source, path.name, None),
                                str(self.file_path(existing)), password, engine, path.name))
                return
            rep.outcomes.append(ImportOutcome(
                display, "duplicate", f"already in the library as #{existing.id}",
                existing.id, existing.page_count, existing.status, existing.title))
            return
        previous = self.catalog.latest_by_source_path(source)
        supersedes = previous.id if previous is not None else None
        try:
            stored = self._store(path, sha)
        except OSError as exc:
            reason = f"cannot copy the file into the library ({exc.strerror or exc})"
            rep.outcomes.append(ImportOutcome(display, "failed", reason))
            return
        jobs.append(Job(("new", sha, source, path.name, supersedes), str(stored), password,
                        engine, path.name))

    def _run_jobs(self, pool: ExtractionPool, jobs: list[Job], rep: ImportReport,
                  tags: list[str], meta: dict[str, str], progress: Optional[ProgressCallback],
                  cancel: Optional[CancelToken]) -> None:
        total = len(jobs)
        done = 0
        writer = self.index.writer()
        last_commit = time.monotonic()
        interval = _INDEX_COMMIT_SECONDS
        report(progress, 0, total, "Reading PDFs")
        # Results arrive in completion order; documents are recorded in the order of the
        # files (so their numbers follow the folder listing), with a bounded wait buffer.
        position = {id(job): k for k, job in enumerate(jobs)}
        ready: dict[int, tuple[Job, Any]] = {}
        next_k = 0

        def record(k: int) -> None:
            job, result = ready.pop(k)
            rep.outcomes.append(self._record(job, result, tags, meta, writer))

        try:
            for job, result in pool.run(jobs, cancel=cancel):
                ready[position[id(job)]] = (job, result)
                done += 1
                report(progress, done, total, "Reading PDFs", Path(job.name).name)
                while next_k in ready:
                    record(next_k)
                    next_k += 1
                if len(ready) > _REORDER_LIMIT:  # one slow file must not hold everything
                    record(min(ready))
                if time.monotonic() - last_commit > interval:
                    self.catalog.set_indexed(writer.commit(merge=False))
                    last_commit = time.monotonic()
                    interval = min(2 * interval, _INDEX_COMMIT_MAX_SECONDS)
        except Cancelled:
            rep.cancelled = True
        finally:
            for k in sorted(ready):  # finished before a cancel: keep them
                record(k)
            # Imports write segments without merging (fast); the last commit of an import
            # merges segments as they pile up (see index.plan_merges), or searches slow down.
            report(progress, done, total, "Saving the search index")
            self.catalog.set_indexed(writer.commit(merge=True))
            # Stored copies of files that did not become documents are removed.
            self._remove_orphan_files()

    def _record(self, job: Job, result: Any, tags: list[str], meta: dict[str, str],
                writer: Any) -> ImportOutcome:
        kind, key, source, file_name, supersedes = job.key
        if isinstance(result, JobFailure):
            res = ExtractResult(status=result.status, reason=result.reason)
        else:
            res = result
        if res.status == "failed":
            self.catalog.log_import(source, key if kind == "new" else None, "failed", res.reason)
            return ImportOutcome(source, "failed", res.reason)
        if res.status == "needs_password":
            # Stored words are for every front end: the action (a password prompt, an
            # option to give one) is each front end's to phrase from the status.
            res.reason = WRONG_PASSWORD if job.password else PASSWORD_PROTECTED
        pages = [(i, p.label, p.label_source, p.text, p.needs_ocr) for i, p in enumerate(res.pages)]
        if res.guesses:
            guesses = dict(res.guesses)
        elif res.pages:
            guesses = guess_metadata(file_name, res.info,
                                     "\n".join(p.text for p in res.pages[:3]))
        else:
            guesses = {"title": Path(file_name).stem, "doc_type": "other", "issuer": "",
                       "date": "", "language": ""}
        guesses.update({k: v for k, v in meta.items() if k in EDITABLE_FIELDS})
        if kind == "unlock" and res.status == "needs_password":
            doc = self.document(key)
            self.catalog.log_import(source, doc.sha256, "needs_password", res.reason, key)
            return ImportOutcome(source, "needs_password", res.reason, key, 0, doc.status,
                                 doc.title)
        if kind == "unlock":
            doc_id = key
            self.catalog.replace_content(doc_id, status=res.status, reason=res.reason,
                                         engine=res.engine, encrypted=res.encrypted,
                                         info=res.info, pages=pages, outline=res.outline,
                                         meta=guesses)
            if tags:
                self.catalog.update_metadata(doc_id, {}, add_tags=tags, by_user=False)
            outcome_kind = "unlocked"
        else:
            if res.status == "needs_password":
                guesses["title"] = Path(file_name).stem
            size = Path(job.path).stat().st_size
            doc_id = self.catalog.insert_document(
                sha256=key, file_name=file_name, source_path=source, size=size,
                status=res.status, reason=res.reason, info=res.info, engine=res.engine,
                encrypted=res.encrypted, pages=pages, outline=res.outline, tags=tags,
                supersedes=supersedes,
                version=(self.document(supersedes).version + 1) if supersedes else 1,
                **{k: guesses.get(k, "") for k in ("title", "doc_type", "issuer", "date",
                                                    "language")})
            outcome_kind = "new_version" if supersedes else "added"
            if res.status == "needs_password":
                outcome_kind = "needs_password"
        if supersedes:
            self.apply_to_index(writer, supersedes)
        self.apply_to_index(writer, doc_id, res.page_terms)
        doc = self.document(doc_id)
        self.catalog.log_import(source, doc.sha256, outcome_kind, res.reason, doc_id)
        return ImportOutcome(source, outcome_kind, res.reason, doc_id, doc.page_count,
                             doc.status, doc.title)

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
        self.apply_to_index(w, doc_id, count_words=not was_indexed)
        self.catalog.set_indexed(w.commit())
        return self.document(doc_id)

    def remove(self, doc_id: int, delete_file: bool = True) -> Document:
        """Remove a document from the catalog and the index (and its stored copy)."""
        self._require_writable()
        doc = self.document(doc_id)
        w = self.index.writer()
        if doc.indexed and doc.searchable:  # its words leave the vocabulary with it
            w.forget_words(self.catalog.pages(doc_id))
        self.catalog.delete_document(doc_id)
        w.delete_document(doc_id)
        # An older version this one replaced becomes current again.
        if doc.supersedes:
            prev = self.catalog.document(doc.supersedes)
            if prev is not None:
                self.catalog.set_indexed([prev.id], False)
                self.apply_to_index(w, prev.id)
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
            self.apply_to_index(w, o.doc_id, count_words=False)
        self.catalog.set_indexed(w.commit())
        return rep


def _open_checked_catalog(path: Path, readonly: bool, existed: bool) -> Catalog:
    """Open the catalog and check it (``PRAGMA quick_check``); a damaged one raises
    :class:`CatalogDamaged` with a message that tells how to restore a backup."""
    try:
        catalog = Catalog(path, readonly=readonly)
    except CatalogError:
        problem = backup.check_file(path) if existed else None
        if problem is not None:
            raise CatalogDamaged(backup.damaged_message(path, problem)) from None
        raise
    if existed:
        problem = backup.check_connection(catalog.connection)
        if problem is not None:
            catalog.close()
            raise CatalogDamaged(backup.damaged_message(path, problem))
    return catalog


def _walk(paths: Iterable[str | Path], rep: ImportReport) -> Iterator[tuple[Path, bool]]:
    """Files to consider: explicit files, and every file below explicit folders (sorted)."""
    for p in paths:
        path = Path(p).expanduser()
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if name.startswith("."):
                        continue
                    f = Path(dirpath) / name
                    if f.is_file():
                        yield f, False
        elif path.is_file():
            yield path, True
        elif path.exists():
            rep.outcomes.append(ImportOutcome(str(path), "failed", "not a regular file"))
        else:
            rep.outcomes.append(ImportOutcome(str(path), "failed", "no such file or folder"))
