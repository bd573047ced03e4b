"""Getting ready for an import, and work a crash interrupted.

A light module on purpose (it loads only the worker pool; the rest on use): a front end
calls :func:`start_import_workers` first thing, so the workers load Python, pypdf and
pdfium (0.5–0.7 s of CPU each) while it loads the rest of the core, opens the library and
the files are checked; then it passes the pool to
:func:`briefer.core.ops.documents.add_files`.

Interrupted work: an import or OCR run killed half-way (``kill -9``, a power cut) leaves
its journal in the library folder (:mod:`briefer.core.library.journal`).
:func:`interrupted_work` says what is left of each, :func:`resume_interrupted` continues
one, :func:`discard_interrupted` forgets it. Each front end phrases the offer.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional, Union

from briefer.core.errors import BrieferError
from briefer.core.files.workers import DEFAULT_TIMEOUT, ExtractionPool
from briefer.core.ops.changes import reports

if TYPE_CHECKING:
    from briefer.core.library.importer import ImportOutcome, ImportReport
    from briefer.core.ocr.ocr import OcrReport
    from briefer.core.ops.session import Session
    from briefer.core.progress import CancelToken, ProgressCallback


def start_import_workers(paths: Iterable[str], processes: Optional[int] = None,
                         timeout: float = DEFAULT_TIMEOUT) -> ExtractionPool:
    """A pool for importing ``paths``, its workers starting now (one per file named, all of
    them when a folder is named). Use it as a context manager: it is closed afterwards,
    and workers not yet used are stopped without waiting for them to load."""
    pool = ExtractionPool(processes=processes, timeout=timeout)
    names = list(paths)
    pool.start(None if any(os.path.isdir(p) for p in names) else len(names))
    return pool


@dataclass
class InterruptedWork:
    """Work a crash interrupted, as plain data.

    ``kind`` 'import' (``left`` files not imported yet, of ``total`` asked for) or 'ocr'
    (``left`` scanned pages of ``documents`` documents still waiting); ``started`` when it
    began (ISO-8601, UTC); ``description`` what it was, in a few words ("an import of 200
    files from rules"); ``name`` the handle :func:`resume_interrupted` and
    :func:`discard_interrupted` take; ``paths`` the files left (import)."""

    kind: str
    name: str
    started: str
    left: int
    total: int
    documents: int = 0
    description: str = ""
    paths: list[str] = field(default_factory=list)
    needs_password: bool = False  # the import was given a password (never stored)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "started": self.started,
                "left": self.left, "total": self.total, "documents": self.documents,
                "description": self.description, "paths": self.paths,
                "needs_password": self.needs_password}


class NoSuchWork(BrieferError):
    """The interrupted work named is not there (finished, discarded, or another name)."""

    reason = "no_interrupted_work"


def _describe_import(data: dict[str, Any], total: int) -> str:
    asked = [Path(p).name or p for p in data.get("paths") or []]
    where = ""
    if len(asked) == 1:
        where = f" from {asked[0]}"
    elif asked:
        where = f" from {asked[0]} and {len(asked) - 1} more"
    return f"an import of {total} file{'s' if total != 1 else ''}{where}"


def interrupted_work(session: "Session") -> list[InterruptedWork]:
    """Imports and OCR runs that were interrupted (oldest first), each with what is left.

    Empty for a read-only session (another Briefer may be doing that work right now).
    A journal whose work turns out to be complete is removed without a word."""
    from briefer.core.library import journal

    if session.readonly:
        return []
    lib = session.library()
    entries = journal.left_over(lib.root)
    if not entries:
        return []
    from briefer.core.library.importer import remaining_files
    from briefer.core.ocr import ocr

    out = []
    for e in entries:
        if e.kind == "import":  # files deleted since cannot be continued: not counted
            left = [p for p in remaining_files(lib, e) if os.path.exists(p)]
            total = len(e.data.get("files") or [])
            if not left:
                journal.end(lib.root, e.name)
                continue
            options = e.data.get("options") or {}
            out.append(InterruptedWork("import", e.name, e.started, len(left), total,
                                       description=_describe_import(e.data, total),
                                       paths=left,
                                       needs_password=bool(options.get("password_given"))))
        elif e.kind == "ocr":
            ids = e.data.get("doc_ids")
            waiting = ocr.pending_pages(lib, ids)
            pages = sum(len(v) for v in waiting.values())
            if not pages:
                journal.end(lib.root, e.name)
                continue
            n = len(waiting)
            out.append(InterruptedWork("ocr", e.name, e.started, pages,
                                       pages, documents=n,
                                       description=f"OCR of {n} document{'s' if n != 1 else ''}"))
    return out


def _find(session: "Session", work: Union[InterruptedWork, str]) -> Any:
    from briefer.core.library import journal

    name = work.name if isinstance(work, InterruptedWork) else str(work)
    e = journal.entry(session.library().root, name)
    if e is None:
        raise NoSuchWork("that interrupted work is no longer there (it was finished or "
                         "discarded)")
    return e


@reports("documents", "pages")
def resume_interrupted(session: "Session", work: Union[InterruptedWork, str],
                       progress: Optional["ProgressCallback"] = None,
                       cancel: Optional["CancelToken"] = None, *,
                       password: Optional[str] = None, processes: Optional[int] = None,
                       pool: Optional[ExtractionPool] = None
                       ) -> Union["ImportReport", "OcrReport"]:
    """Continue interrupted work: an import imports the files it had not finished that
    still exist, with the options it was given (a password is never kept: give it again
    as ``password``); an OCR run reads the pages still waiting. Returns the import's or
    the OCR run's report; the interrupted work's journal is gone once the new run has
    started (if that run is interrupted too, it leaves its own)."""
    from briefer.core.library import journal

    session.require_writable()
    e = _find(session, work)
    if e.kind == "ocr":
        from briefer.core.ops import ocr as ocr_ops

        return ocr_ops.run_ocr(session, e.data.get("doc_ids"), progress=progress,
                               cancel=cancel, processes=processes, password=password,
                               replaces_journal=e.name)
    from briefer.core.library.importer import ImportReport, remaining_files

    lib = session.library()
    left = [p for p in remaining_files(lib, e) if os.path.exists(p)]
    if not left:
        journal.end(lib.root, e.name)
        return ImportReport()
    from briefer.core.library.importer import ImportOptions, Importer

    o = e.data.get("options") or {}
    options = ImportOptions(password=password, engine=o.get("engine") or "auto",
                            timeout=float(o.get("timeout") or DEFAULT_TIMEOUT),
                            processes=processes, tags=o.get("tags") or (),
                            meta=o.get("meta") or None, ocr=bool(o.get("ocr")),
                            ocr_languages=o.get("ocr_languages"), pool=pool,
                            replaces_journal=e.name)
    with session.writing() as lib:
        return Importer(lib, options).run(left, progress, cancel)


MORE_TIME_FACTOR = 4.0


def more_time(timeout: float = DEFAULT_TIMEOUT) -> float:
    """The time limit "more time" means: four times ``timeout`` (the base limit; a long
    document gets more on top, see :func:`briefer.core.files.workers.time_limit`)."""
    return timeout * MORE_TIME_FACTOR


def partly_read(session: "Session") -> list[Any]:
    """Documents kept with only some pages read because the time allowed ran out, as
    :class:`~briefer.core.catalog.partial.PartialRead` records (``pages_read`` of
    ``page_count``; the reason of each document says which pages are not read yet)."""
    from briefer.core.catalog.partial import partial_reads

    return partial_reads(session.library().catalog)


@reports("documents", "pages")
def retry_with_more_time(session: "Session", doc_id: int, *, timeout: Optional[float] = None,
                         progress: Optional["ProgressCallback"] = None,
                         cancel: Optional["CancelToken"] = None,
                         processes: Optional[int] = None,
                         password: Optional[str] = None,
                         pool: Optional[ExtractionPool] = None) -> "ImportOutcome":
    """Read a partly read document again, from its stored copy, with more time
    (``timeout``, default :func:`more_time` of the limit it was read with). Its pages,
    text and index entries are replaced; clips and quotes keep their pages. Returns the
    outcome: 'reread' (``pages_read`` None once every page is read, else how far it got)
    or 'failed' with a reason (the document then stays as it was).

    Raises :class:`NotPartlyRead` (reason ``not_partial``) when the document was read
    whole, :class:`~briefer.core.errors.BrieferError` ``no_document`` when there is none."""
    from briefer.core.catalog.partial import partial_read
    from briefer.core.library.importer import ImportOptions, ImportOutcome, Importer

    session.require_writable()
    lib = session.library()
    doc = lib.document(doc_id)  # raises when there is no such document
    was = partial_read(lib.catalog, doc_id)
    if was is None:
        raise NotPartlyRead(f"#{doc_id} {doc.title} was read whole: there is nothing more "
                            "to read")
    limit = float(timeout) if timeout is not None else more_time(max(was.time_limit,
                                                                     DEFAULT_TIMEOUT))
    if limit <= was.time_limit:
        limit = more_time(was.time_limit)
    options = ImportOptions(password=password, timeout=limit, processes=processes, pool=pool)
    with session.writing() as lib:
        rep = Importer(lib, options).run([lib.file_path(doc)], progress, cancel)
    outcome = next((o for o in rep.outcomes if o.doc_id == doc_id), None)
    if outcome is None:
        failed = next((o for o in rep.outcomes if o.outcome == "failed"), None)
        return ImportOutcome(str(lib.file_path(doc)), "failed",
                             failed.reason if failed else "it was not read again", doc_id,
                             doc.page_count, doc.status, doc.title, was.pages_read)
    return outcome


class NotPartlyRead(BrieferError):
    """The document was read whole: there is nothing more to read."""

    reason = "not_partial"


@reports("documents")
def discard_interrupted(session: "Session", work: Union[InterruptedWork, str]) -> None:
    """Forget interrupted work (nothing is undone: what it finished stays)."""
    from briefer.core.library import journal

    session.require_writable()
    e = _find(session, work)
    journal.end(session.library().root, e.name)


__all__ = ["ExtractionPool", "InterruptedWork", "NoSuchWork", "NotPartlyRead",
           "discard_interrupted", "interrupted_work", "more_time", "partly_read",
           "resume_interrupted", "retry_with_more_time", "start_import_workers"]
