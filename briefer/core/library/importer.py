"""The import pipeline: files → checks → worker processes → catalog → index.

One :class:`Importer` runs one import for a :class:`~briefer.core.library.library.Library`:
it walks the paths given, sniffs and hashes each file, stores a copy named by its
SHA-256, has the text read in worker processes (:mod:`briefer.core.files.workers`),
records each document in one catalog transaction in the order of the files, feeds the
index writer, and commits the index now and then (every commit adds a segment; a crash
loses only the uncommitted part, which the next open redoes from the catalog). Scanned
pages are then read by OCR when asked. The reasons it stores are plain words.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import shutil
import os
import stat
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Protocol

from briefer.core import fsutil
from briefer.core.catalog.catalog import EDITABLE_FIELDS, Document, normalise_tags
from briefer.core.files.results import ExtractResult
from briefer.core.files.metadata import guess_metadata
from briefer.core.files.sniff import sniff_file
from briefer.core.catalog.pageorder import store_orders
from briefer.core.catalog.partial import mark_partial, partial_read
from briefer.core.files.workers import (DEFAULT_TIMEOUT, ExtractionPool, Job, JobFailure,
                                        PageProgress)
from briefer.core.handle import LibraryHandle, LibraryView
from briefer.core.index.backend import PageWriter
from briefer.core.index.sync import write_document
from briefer.core.library import journal
from briefer.core.library.errors import DocumentNotFound
from briefer.core.progress import CancelToken, Cancelled, ProgressCallback, report

log = logging.getLogger(__name__)

# An import commits the index after 5 s, then after twice as long each time up to a
# minute: every commit adds a segment (searches slow down as segments pile up), and a
# crash loses only the uncommitted part, which the next open redoes from the catalog.
_INDEX_COMMIT_SECONDS = 5.0
_INDEX_COMMIT_MAX_SECONDS = 60.0
_REORDER_LIMIT = 16

# The reasons stored with a document that waits for its password.
PASSWORD_PROTECTED = "password protected"
WRONG_PASSWORD = "wrong password"
# The reason given when re-adding a file put back its missing or damaged stored copy.
RESTORED = "restored the stored copy"

# What the system's error numbers mean, in plain words.
_OS_WORDS = {errno.EACCES: "permission denied", errno.EPERM: "permission denied",
             errno.ENOENT: "no such file or folder", errno.ENOTDIR: "no such file or folder",
             errno.EIO: "the disk reported a read error", errno.ENOSPC: "the disk is full",
             errno.EDQUOT: "the disk quota is used up", errno.EROFS: "the disk is read-only",
             errno.ENAMETOOLONG: "the name is too long",
             errno.ELOOP: "a link in its path points back to itself",
             errno.ESTALE: "the network drive is no longer there",
             errno.ETIMEDOUT: "the network drive did not answer"}


def os_words(exc: OSError) -> str:
    """The plain words for an operating-system error ("permission denied")."""
    words = _OS_WORDS.get(exc.errno) if exc.errno is not None else None
    return words or (exc.strerror or str(exc)).lower() or "unknown error"


def cannot_read(exc: OSError) -> str:
    """The reason for a file or folder that cannot be read."""
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "no such file or folder"
    return f"cannot be read: {os_words(exc)}"


@dataclass
class ImportOutcome:
    """What became of one file."""

    path: str
    # added | new_version | unlocked | reread | duplicate | repaired | needs_password |
    # failed | skipped (repaired: already in the library, and its missing or damaged stored
    # copy was put back; reread: already in the library read in part, now read again with
    # more time)
    outcome: str
    reason: str = ""
    doc_id: Optional[int] = None
    pages: int = 0
    status: str = ""
    title: str = ""
    # pages read when the time allowed ran out part-way (the rest can be read with more
    # time); None when the document was read whole
    pages_read: Optional[int] = None

    @property
    def partial(self) -> bool:
        return self.pages_read is not None

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "outcome": self.outcome, "reason": self.reason,
                "id": self.doc_id, "pages": self.pages, "status": self.status,
                "title": self.title, "pages_read": self.pages_read}


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

    @property
    def already_in_library(self) -> int:
        """Files that were in the library already (nothing to do; repaired ones apart)."""
        return sum(1 for o in self.of("duplicate") if o.doc_id is not None)

    @property
    def repeated_in_import(self) -> int:
        """Files that were the same as another file of this import."""
        return sum(1 for o in self.of("duplicate") if o.doc_id is None)

    @property
    def repaired(self) -> int:
        """Documents whose missing or damaged stored copy was put back."""
        return len(self.of("repaired"))

    @property
    def partial(self) -> list[ImportOutcome]:
        """Documents kept with only some of their pages read (the time allowed ran out)."""
        return [o for o in self.outcomes if o.partial and o.doc_id is not None]

    @property
    def not_imported(self) -> int:
        """Files (and folders) that were not imported, each with a reason."""
        return len(self.problems)

    def to_json(self) -> dict[str, Any]:
        return {"documents_added": self.documents_added, "pages_added": self.pages_added,
                "already_in_library": self.already_in_library,
                "repeated_in_import": self.repeated_in_import,
                "repaired": self.repaired, "not_imported": self.not_imported,
                "cancelled": self.cancelled, "seconds": round(self.seconds, 3),
                "skipped_non_pdf": self.skipped_non_pdf,
                "partial": len(self.partial),
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


@dataclass
class ImportOptions:
    """How to import (see :meth:`Library.import_paths` for each one's meaning)."""

    password: Optional[str] = None
    engine: str = "auto"
    timeout: float = DEFAULT_TIMEOUT
    processes: Optional[int] = None
    tags: Iterable[str] = ()
    meta: Optional[dict[str, str]] = None
    memory_mb: Optional[int] = None
    ocr: bool = False
    ocr_languages: Optional[str] = None
    # Workers started beforehand (see ``start_import_workers`` in the operations layer),
    # used for this import and left open for the caller to close; else the import starts
    # and closes its own.
    pool: Optional[ExtractionPool] = None
    # The journal of an interrupted import this one continues: removed once this import's
    # own journal is written (see :func:`interrupted_imports`).
    replaces_journal: Optional[str] = None


class ImportTarget(LibraryHandle, Protocol):
    """What an import needs of a library: a writable handle that also removes the stored
    copies an import leaves behind (``Library.remove_orphan_files``)."""

    def remove_orphan_files(self) -> list[Path]:
        ...


class Importer:
    """One import into ``lib`` with ``options`` (use :meth:`Library.import_paths`)."""

    def __init__(self, lib: ImportTarget, options: ImportOptions) -> None:
        self.lib = lib
        self.catalog = lib.catalog
        self.index = lib.index
        self.options = options

    def run(self, paths: Iterable[str | Path], progress: Optional[ProgressCallback] = None,
            cancel: Optional[CancelToken] = None) -> ImportReport:
        """Import the files and folders ``paths``; one outcome per file in the report.

        While it runs, a journal in the library folder names the files asked for (see
        :mod:`.journal`): a crash leaves it behind, and :func:`interrupted_imports` tells
        what is left. It is removed at the end, cancelled or not."""
        opt = self.options
        self.lib.require_writable()
        t0 = time.monotonic()
        rep = ImportReport()
        tags = normalise_tags(opt.tags)
        meta = {k: v for k, v in (opt.meta or {}).items() if v}
        jobs: list[Job] = []
        seen: set[str] = set()
        paths = list(paths)
        files = self._find_files(paths, rep, progress)
        name = self._begin_journal(paths, files) if files else None
        pool_kwargs: dict[str, Any] = {"processes": opt.processes, "timeout": opt.timeout}
        if opt.memory_mb:
            pool_kwargs["memory_mb"] = opt.memory_mb
        given = opt.pool
        with nullcontext(given) if given is not None else ExtractionPool(**pool_kwargs) as pool:
            for k, (path, explicit) in enumerate(files):
                if cancel is not None and cancel.cancelled:
                    rep.cancelled = True
                    break
                report(progress, 0, 0, f"Checking {k + 1} of {len(files)} files", path.name)
                self._plan_file(path, explicit, opt.password, opt.engine, rep, jobs, seen)
                if jobs:  # the workers start up while the other files are checked
                    pool.start(len(files) - k)
            if name is not None and not rep.cancelled:
                # what is left to do is the files sent to the workers
                self._update_journal(name, paths, [job.key[2] for job in jobs])
            if not rep.cancelled and jobs:
                self._run_jobs(pool, jobs, rep, tags, meta, progress, cancel)
        if opt.ocr and not rep.cancelled:
            name = self._ocr_after_import(rep, opt.ocr_languages, opt.password, opt.processes,
                                          progress, cancel, name)
        if name is not None:
            journal.end(self.lib.root, name)
        rep.seconds = time.monotonic() - t0
        return rep

    def _find_files(self, paths: list[str | Path], rep: ImportReport,
                    progress: Optional[ProgressCallback]) -> list[tuple[Path, bool]]:
        """The files to import; while folders are searched, how many were found so far
        ("Looking for PDFs in rules: found 26 files"), so a count that grows has a reason."""
        files: list[tuple[Path, bool]] = []
        last = time.monotonic()
        for found in _walk(paths, rep):
            files.append(found)
            now = time.monotonic()
            if progress is not None and not found[1] and now - last >= 0.25:
                last = now
                report(progress, 0, 0, f"Looking for PDFs in {found[0].parent.name}: found "
                       f"{len(files)} files")
        if progress is not None and any(not explicit for _, explicit in files):
            report(progress, 0, 0, f"Found {len(files)} file{'s' if len(files) != 1 else ''} "
                   "in the folders given")
        return files

    # ------------------------------------------------------------------ the journal
    def _journal_data(self, paths: list[str | Path], files: list[str]) -> dict[str, Any]:
        opt = self.options
        row = self.catalog.execute("SELECT COALESCE(MAX(id), 0) FROM import_log").fetchone()
        return {"paths": [str(Path(p).expanduser().absolute()) for p in paths],
                "files": files, "log_from": int(row[0]),
                "options": {"engine": opt.engine, "timeout": opt.timeout,
                            "tags": list(opt.tags), "meta": dict(opt.meta or {}),
                            "ocr": opt.ocr, "ocr_languages": opt.ocr_languages,
                            "password_given": bool(opt.password)}}

    def _begin_journal(self, paths: list[str | Path],
                       files: list[tuple[Path, bool]]) -> Optional[str]:
        try:
            name = journal.begin(self.lib.root, "import", self._journal_data(
                paths, [str(f.resolve()) for f, _explicit in files]))
        except OSError:  # the import itself will say what is wrong with the disk
            log.exception("cannot write the import journal")
            return None
        if self.options.replaces_journal:
            journal.end(self.lib.root, self.options.replaces_journal)
        return name

    def _update_journal(self, name: str, paths: list[str | Path], files: list[str]) -> None:
        try:
            journal.update(self.lib.root, name, self._journal_data(paths, files))
        except OSError:
            log.exception("cannot update the import journal")

    def _ocr_after_import(self, rep: ImportReport, languages: Optional[str],
                          password: Optional[str], processes: Optional[int],
                          progress: Optional[ProgressCallback],
                          cancel: Optional[CancelToken], name: Optional[str]) -> Optional[str]:
        """Read the scans of the documents imported; returns the journal left to remove
        (the import's is replaced by one for the OCR run)."""
        from briefer.core.ocr import ocr
        from briefer.core.ocr.languages import is_automatic

        if is_automatic(languages):  # 'auto': each document's metadata, else its script
            languages = None
        ids = [o.doc_id for o in rep.outcomes if o.doc_id is not None
               and o.outcome in ("added", "new_version", "unlocked", "duplicate", "repaired")]
        if not ocr.pending_pages(self.lib, ids):
            return name
        if ocr.tesseract() is not None:  # without Tesseract nothing runs to be interrupted
            try:
                ocr_name = journal.begin(self.lib.root, "ocr",
                                         {"doc_ids": ids, "languages": languages})
            except OSError:
                log.exception("cannot write the OCR journal")
            else:
                if name is not None:
                    journal.end(self.lib.root, name)
                name = ocr_name
        try:
            rep.ocr = ocr.run_ocr(self.lib, ids, languages, progress=progress, cancel=cancel,
                                  processes=processes, password=password)
        except ocr.OcrError as exc:  # e.g. a language whose data is not installed
            rep.ocr = ocr.OcrReport(reason=str(exc))
        except Exception as exc:  # OCR must never cost the import
            log.exception("OCR after import")
            rep.ocr = ocr.OcrReport(reason=f"OCR failed: {type(exc).__name__}: {exc}")
        rep.cancelled = rep.ocr.cancelled
        for o in rep.outcomes:
            doc = self.catalog.document(o.doc_id) if o.doc_id is not None else None
            if doc is not None and o.outcome not in ("duplicate", "repaired"):
                o.status, o.reason = doc.status, doc.reason
                if doc.ocr_pages and not rep.ocr.available:
                    o.reason = f"{o.reason} — install tesseract-ocr to search this scan"
        return name

    def _plan_file(self, path: Path, explicit: bool, password: Optional[str], engine: str,
                   rep: ImportReport, jobs: list[Job], seen: set[str]) -> None:
        display = str(path)
        source = str(path.resolve())
        try:
            sn = sniff_file(path)
        except OSError as exc:
            rep.outcomes.append(ImportOutcome(display, "failed", cannot_read(exc)))
            self.catalog.log_import(source, None, "failed", cannot_read(exc))
            return
        if not sn.is_pdf:
            if explicit or path.suffix.lower() == ".pdf":
                rep.outcomes.append(ImportOutcome(display, "failed", sn.reason))
                self.catalog.log_import(source, None, "failed", sn.reason)
            else:
                rep.skipped_non_pdf += 1
            return
        try:
            sha = sha256_file(path)
        except OSError as exc:
            rep.outcomes.append(ImportOutcome(display, "failed", cannot_read(exc)))
            self.catalog.log_import(source, None, "failed", cannot_read(exc))
            return
        if sha in seen:
            rep.outcomes.append(ImportOutcome(display, "duplicate", "same file as another in "
                                              "this import"))
            return
        seen.add(sha)
        existing = self.catalog.by_sha256(sha)
        if existing is not None:
            repaired = False
            if not self._stored_copy_intact(existing):
                # The stored copy is missing or damaged, and this is the original: put the
                # copy back (the catalog's text, clips and quotes were never lost).
                try:
                    self._store(path, sha, replace=True)
                except OSError as exc:
                    reason = f"cannot copy the file into the library: {os_words(exc)}"
                    rep.outcomes.append(ImportOutcome(display, "failed", reason, existing.id,
                                                      existing.page_count, existing.status,
                                                      existing.title))
                    self.catalog.log_import(source, sha, "failed", reason, existing.id)
                    return
                self.catalog.log_import(source, sha, "repaired", RESTORED, existing.id)
                repaired = True
            if existing.status == "needs_password" and password:
                jobs.append(Job(("unlock", existing.id, source, path.name, None),
                                str(self.lib.file_path(existing)), password, engine, path.name,
                                timeout=self.options.timeout))
                return
            was = partial_read(self.catalog, existing.id)
            if was is not None and self.options.timeout > was.time_limit:
                # read in part before; this import allows more time: read it again
                name = existing.file_name or path.name
                jobs.append(Job(("reread", existing.id, source, name, None),
                                str(self.lib.file_path(existing)), password, engine, name,
                                timeout=self.options.timeout))
                return
            if repaired:
                rep.outcomes.append(ImportOutcome(
                    display, "repaired", RESTORED, existing.id, existing.page_count,
                    existing.status, existing.title))
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
            reason = f"cannot copy the file into the library: {os_words(exc)}"
            rep.outcomes.append(ImportOutcome(display, "failed", reason))
            return
        jobs.append(Job(("new", sha, source, path.name, supersedes), str(stored), password,
                        engine, path.name, timeout=self.options.timeout))

    def _stored_copy_intact(self, doc: Document) -> bool:
        """Whether the library's copy of ``doc`` is there with its size and SHA-256."""
        stored = self.lib.file_path(doc)
        try:
            if stored.stat().st_size != doc.size:
                return False
            return bool(sha256_file(stored) == doc.sha256)
        except OSError:
            return False

    def _run_jobs(self, pool: ExtractionPool, jobs: list[Job], rep: ImportReport,
                  tags: list[str], meta: dict[str, str], progress: Optional[ProgressCallback],
                  cancel: Optional[CancelToken]) -> None:
        total = len(jobs)
        done = 0
        writer = self.index.writer()
        last_commit = time.monotonic()
        interval = _INDEX_COMMIT_SECONDS
        # Results arrive in completion order; documents are recorded in the order of the
        # files (so their numbers follow the folder listing), with a bounded wait buffer.
        position = {id(job): k for k, job in enumerate(jobs)}
        ready: dict[int, tuple[Job, Any]] = {}
        next_k = 0

        def record(k: int) -> None:
            job, result = ready.pop(k)
            rep.outcomes.append(self._record(job, result, tags, meta, writer))

        reading = _ReadingProgress(progress, total)

        def on_page(job: Job, p: PageProgress) -> None:
            reading.page(job, p, done)

        try:
            for job, result in pool.run(jobs, cancel=cancel, on_progress=on_page):
                ready[position[id(job)]] = (job, result)
                done += 1
                reading.finished(job, done)
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
            self.lib.remove_orphan_files()

    def _record(self, job: Job, result: Any, tags: list[str], meta: dict[str, str],
                writer: PageWriter) -> ImportOutcome:
        kind, key, source, file_name, supersedes = job.key
        if isinstance(result, JobFailure):
            res = ExtractResult(status=result.status, reason=result.reason)
        else:
            res = result
        if res.status == "failed":
            if res.warnings:  # what the PDF libraries said, for the log only
                log.info("%s: %s", source, "; ".join(res.warnings)[:2000])
            self.catalog.log_import(source, key if kind == "new" else None, "failed", res.reason)
            return ImportOutcome(source, "failed", res.reason)
        if res.status == "needs_password":
            # Stored words are for every front end: the action (a password prompt, an
            # option to give one) is each front end's to phrase from the status.
            res.reason = WRONG_PASSWORD if job.password else PASSWORD_PROTECTED
        pages = [(i, p.label, p.label_source, p.text, p.needs_ocr, p.pdf_label)
                 for i, p in enumerate(res.pages)]
        if res.guesses:
            guesses = dict(res.guesses)
        elif res.pages:
            guesses = guess_metadata(file_name, res.info,
                                     "\n".join(p.text for p in res.pages[:3]))
        else:
            guesses = {"title": Path(file_name).stem, "doc_type": "other", "issuer": "",
                       "date": "", "language": ""}
        guesses.update({k: v for k, v in meta.items() if k in EDITABLE_FIELDS})
        if kind in ("unlock", "reread") and res.status == "needs_password":
            doc = self._document(key)
            self.catalog.log_import(source, doc.sha256, "needs_password", res.reason, key)
            return ImportOutcome(source, "needs_password", res.reason, key, 0, doc.status,
                                 doc.title)
        if kind in ("unlock", "reread"):
            doc_id = key
            self.catalog.replace_content(doc_id, status=res.status, reason=res.reason,
                                         engine=res.engine, encrypted=res.encrypted,
                                         info=res.info, pages=pages, outline=res.outline,
                                         meta=guesses if kind == "unlock" else None)
            if tags:
                self.catalog.update_metadata(doc_id, {}, add_tags=tags, by_user=False)
            outcome_kind = "unlocked" if kind == "unlock" else "reread"
        else:
            if res.status == "needs_password":
                guesses["title"] = Path(file_name).stem
            size = Path(job.path).stat().st_size
            doc_id = self.catalog.insert_document(
                sha256=key, file_name=file_name, source_path=source, size=size,
                status=res.status, reason=res.reason, info=res.info, engine=res.engine,
                encrypted=res.encrypted, pages=pages, outline=res.outline, tags=tags,
                supersedes=supersedes,
                version=(self._document(supersedes).version + 1) if supersedes else 1,
                **{k: guesses.get(k, "") for k in ("title", "doc_type", "issuer", "date",
                                                    "language")})
            outcome_kind = "new_version" if supersedes else "added"
            if res.status == "needs_password":
                outcome_kind = "needs_password"
        mark_partial(self.catalog, doc_id, res.pages_read, len(res.pages),
                     job.timeout if job.timeout is not None else self.options.timeout)
        if kind in ("unlock", "reread") or any(p.order for p in res.pages):
            # right-to-left lines put in reading order: their map to pdfium's characters
            store_orders(self.catalog, doc_id, {i: p.order for i, p in enumerate(res.pages)
                                                if p.order})
        if supersedes:
            write_document(writer, self.catalog, supersedes)
        write_document(writer, self.catalog, doc_id, res.page_terms)
        doc = self._document(doc_id)
        self.catalog.log_import(source, doc.sha256, outcome_kind, res.reason, doc_id)
        return ImportOutcome(source, outcome_kind, res.reason, doc_id, doc.page_count,
                             doc.status, doc.title, res.pages_read)

    def _document(self, doc_id: int) -> Document:
        doc = self.catalog.document(doc_id)
        if doc is None:
            raise DocumentNotFound(f"there is no document #{doc_id} in this library")
        return doc

    def _store(self, src: Path, sha: str, replace: bool = False) -> Path:
        """Copy ``src`` into the library under its SHA-256 (atomically, private to the
        user); ``replace``: also over a copy that is there (a damaged one)."""
        dest = self.lib.root / "files" / sha[:2] / f"{sha}.pdf"
        if not replace and dest.exists() and dest.stat().st_size == src.stat().st_size:
            return dest
        fsutil.private_dir(dest.parent)  # 0700 at once, whatever the umask

        def copy(out: Any) -> None:
            with open(src, "rb") as inp:
                shutil.copyfileobj(inp, out, 1 << 20)

        fsutil.atomic_write(dest, copy, temp_prefix=".import-")
        os.chmod(dest, 0o600)
        return dest


class _ReadingProgress:
    """Words for an import's progress while PDFs are read: the file being read and its
    page, and an estimate when it is long ("Reading rules.pdf — page 52 of 194 · about
    2 min left"), as the message of a progress that counts files (the pages of the one file
    an import of one file reads). When a file is done the
    message is "Reading PDFs" with the file as its item."""

    ESTIMATE_AFTER = 10.0  # seconds into a file before its time left is guessed

    def __init__(self, progress: Optional[ProgressCallback], total: int) -> None:
        self.progress = progress
        self.total = total
        self.t0 = time.monotonic()
        self.started: dict[int, float] = {}  # id(job) -> when its first page was reported
        report(progress, 0, total, self.files_text(0))

    def files_text(self, done: int) -> str:
        return "Reading PDFs"  # with the count of files: the progress's own done and total

    def page(self, job: Job, p: PageProgress, done: int) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        first = self.started.setdefault(id(job), now)
        name = Path(job.name).name or "the PDF"
        # the files done are the progress's count ("3 of 30" beside the text)
        text = f"Reading {name} — page {min(p.done + 1, p.total)} of {p.total}"
        left = _estimate(now - first, p.done, p.total)
        if now - first >= self.ESTIMATE_AFTER and left:
            text += f" · {left}"
        if self.total == 1:  # one file: the bar counts its pages
            report(self.progress, min(p.done, p.total), p.total, text)
        else:  # the name is in the text, not the item
            report(self.progress, done, self.total, text)

    def finished(self, job: Job, done: int) -> None:
        self.started.pop(id(job), None)
        report(self.progress, done, self.total, self.files_text(done), Path(job.name).name)


def _estimate(elapsed: float, done: int, total: int) -> str:
    """"about N min left" for a file ``done`` of ``total`` pages into ``elapsed`` seconds."""
    if done <= 0 or total <= done:
        return ""
    left = elapsed / done * (total - done)
    if left < 60:
        return f"about {max(5, round(left / 5) * 5)} s left"
    return f"about {round(left / 60)} min left"


def _walk(paths: Iterable[str | Path], rep: ImportReport) -> Iterator[tuple[Path, bool]]:
    """Files to consider: explicit files, and every file below explicit folders (sorted).
    A path or folder that cannot be read is an outcome with its reason."""
    for p in paths:
        path = Path(p).expanduser()
        try:
            st = path.stat()
        except OSError as exc:
            rep.outcomes.append(ImportOutcome(str(path), "failed", cannot_read(exc)))
            continue
        if stat.S_ISDIR(st.st_mode):
            def unreadable(exc: OSError, top: Path = path) -> None:
                where = exc.filename or str(top)
                rep.outcomes.append(ImportOutcome(str(where), "failed", cannot_read(exc)))

            for dirpath, dirnames, filenames in os.walk(path, onerror=unreadable):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if name.startswith("."):
                        continue
                    f = Path(dirpath) / name
                    if f.is_file():
                        yield f, False
        elif stat.S_ISREG(st.st_mode):
            yield path, True
        else:
            rep.outcomes.append(ImportOutcome(str(path), "failed", "not a regular file"))


def remaining_files(lib: LibraryView, entry: journal.Entry) -> list[str]:
    """The files of an interrupted import (its journal ``entry``) that it did not finish:
    those the catalog has no word of since the import started (neither a document from
    that path nor an outcome in the import log)."""
    data = entry.data
    files = [str(f) for f in data.get("files") or []]
    if not files:
        return []
    done = {r[0] for r in lib.catalog.execute(
        "SELECT path FROM import_log WHERE id > ?", (int(data.get("log_from") or 0),))}
    done |= {r[0] for r in lib.catalog.execute(
        "SELECT source_path FROM documents WHERE added_at >= ?", (entry.started,))}
    return [f for f in files if f not in done]
