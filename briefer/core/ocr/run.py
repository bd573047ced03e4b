"""An OCR run over a library: every page waiting for OCR is read in the worker pool.

The parent only plans and stores: which documents wait, with which languages (the user's
choice, the document's metadata, or — when nothing says — the scan's script, found first
by one :func:`~briefer.core.ocr.pagejob.detect_job` per document), then one
:func:`~briefer.core.ocr.pagejob.ocr_page_job` per page. Each result is stored at once
(:func:`~briefer.core.ocr.store.store_result`) and the index is updated every few seconds,
so a run that is cancelled, killed or loses power resumes where it stopped: the pages not
yet done still have ``needs_ocr``.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from briefer.core.files.workers import ExtractionPool, Job, JobFailure
from briefer.core.ocr.languages import default_languages, parse_languages, resolve_languages
from briefer.core.ocr.pagejob import (DEFAULT_PAGE_TIMEOUT, DETECT_TASK, PAGE_TASK, Detection)
from briefer.core.ocr.store import (document_languages, ensure_schema,
                                    library_default_languages, pending_pages,
                                    remember_languages, store_result)
from briefer.core.ocr.tesseract import MISSING_NOTE, Tesseract, install_hint, tesseract
from briefer.core.ocr.tsv import DEFAULT_DPI, PageOcr
from briefer.core.progress import CancelToken, Cancelled, ProgressCallback, report

log = logging.getLogger(__name__)

_INDEX_COMMIT_SECONDS = 2.0


@dataclass
class DocumentOcr:
    doc_id: int
    title: str
    languages: str
    pages: list[int]
    done: int = 0
    failed: dict[int, str] = field(default_factory=dict)  # page index -> reason
    detected: str = ""  # how the languages were found from the scan, when they were

    def to_json(self) -> dict[str, Any]:
        return {"id": self.doc_id, "title": self.title, "languages": self.languages,
                "languages_detected": bool(self.detected),
                "pages": [i + 1 for i in self.pages], "pages_done": self.done,
                "failed": [{"page_number": i + 1, "reason": r}
                           for i, r in sorted(self.failed.items())]}


@dataclass
class OcrReport:
    """The summary of one OCR run."""

    available: bool = True
    reason: str = ""  # why nothing ran (Tesseract missing, language data missing …)
    documents: list[DocumentOcr] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def pages_total(self) -> int:
        return sum(len(d.pages) for d in self.documents)

    @property
    def pages_done(self) -> int:
        return sum(d.done for d in self.documents)

    @property
    def pages_failed(self) -> int:
        return sum(len(d.failed) for d in self.documents)

    def to_json(self) -> dict[str, Any]:
        return {"available": self.available, "reason": self.reason,
                "cancelled": self.cancelled, "seconds": round(self.seconds, 3),
                "pages_total": self.pages_total, "pages_done": self.pages_done,
                "pages_failed": self.pages_failed,
                "documents": [d.to_json() for d in self.documents]}


def _detect(lib: Any, pool: ExtractionPool, t: Tesseract, undecided: dict[int, DocumentOcr],
            paths: dict[int, str], password: Optional[str], page_timeout: float,
            cancel: Optional[CancelToken]) -> None:
    """Choose the languages of the documents nothing said anything about, from their
    first waiting page, and remember them for the document."""
    jobs = [Job(doc_id, paths[doc_id], password=password, task=DETECT_TASK,
                name=f"{d.title[:40]} (script)",
                payload={"page": d.pages[0], "available": list(t.languages), "osd": t.osd,
                         "timeout": page_timeout, "executable": t.path},
                timeout=page_timeout * 1.2 + 15)
            for doc_id, d in undecided.items()]
    for job, result in pool.run(jobs, cancel=cancel, release_idle=False):
        d = undecided[job.key]
        if isinstance(result, Detection) and result.languages and not result.error:
            d.languages, d.detected = result.languages, result.how
            remember_languages(lib, d.doc_id, d.languages, "detected")
            log.info("OCR languages of #%d: %s (%s)", d.doc_id, d.languages, result.how)
        else:  # detection failed: read with the usual default
            why = result.reason if isinstance(result, JobFailure) else result.error
            log.warning("script of #%d not found (%s); reading it with the default", d.doc_id,
                        why)
            d.languages = default_languages("", t.languages, library_default_languages(lib))


def run_ocr(lib: Any, doc_ids: Optional[Iterable[int]] = None, languages: Optional[str] = None,
            *, progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
            processes: Optional[int] = None, page_timeout: float = DEFAULT_PAGE_TIMEOUT,
            dpi: int = DEFAULT_DPI, password: Optional[str] = None,
            executable: Optional[str] = None) -> OcrReport:
    """OCR every page waiting for it (of ``doc_ids``, else of the whole library).

    ``languages`` ('eng', 'urd', 'eng+urd' …) applies to every document of this run; by
    default each document's own choice or language metadata decides, and a document with
    neither (and no library default chosen) is first checked for its script. Never raises
    for a bad page or a missing Tesseract: the report says what happened. Raises
    :class:`~briefer.core.ocr.errors.OcrError` only for an explicit language whose data is
    not installed; :class:`Cancelled` is never raised: ``report.cancelled`` is set instead
    (every page finished by then is stored and indexed).
    """
    lib.require_writable()
    t0 = time.monotonic()
    rep = OcrReport()
    ensure_schema(lib.catalog)
    todo = pending_pages(lib, doc_ids)
    t = tesseract(executable)
    if t is None:
        rep.available = False
        rep.reason = f"{MISSING_NOTE} ({install_hint()})"
        for doc_id, pages in todo.items():
            doc = lib.catalog.document(doc_id)
            rep.documents.append(DocumentOcr(doc_id, doc.title if doc else "", "", pages))
        return rep
    explicit = resolve_languages(parse_languages(languages), t.languages) if languages else None
    if not todo:
        rep.seconds = time.monotonic() - t0
        return rep
    by_doc: dict[int, DocumentOcr] = {}
    paths: dict[int, str] = {}
    for doc_id, pages in todo.items():
        doc = lib.catalog.document(doc_id)
        if doc is None:
            continue
        langs = explicit or document_languages(lib, doc, t.languages, detect=True) or ""
        by_doc[doc_id] = d = DocumentOcr(doc_id, doc.title, langs, pages)
        rep.documents.append(d)
        paths[doc_id] = str(lib.file_path(doc))
    total = sum(len(d.pages) for d in by_doc.values())
    done = 0
    dirty: dict[int, set[int]] = {}  # document -> pages with new text
    writer = lib.index.writer()
    last = time.monotonic()

    def flush() -> None:
        nonlocal last
        for did in sorted(dirty):
            # only the pages read now bring new words to the vocabulary
            lib.apply_to_index(writer, did, count_words=dirty[did])
        dirty.clear()
        lib.catalog.set_indexed(writer.commit())
        last = time.monotonic()

    report(progress, 0, total, "Reading scans (OCR)")
    try:
        with ExtractionPool(processes=processes, timeout=page_timeout * 1.2 + 15) as pool:
            undecided = {i: d for i, d in by_doc.items() if not d.languages}
            if undecided:
                report(progress, 0, total, "Reading scans (OCR)", "finding the script")
                _detect(lib, pool, t, undecided, paths, password, page_timeout, cancel)
            jobs = [Job((d.doc_id, idx, d.languages), paths[d.doc_id], password=password,
                        name=f"{d.title[:40]} p. {idx + 1}", task=PAGE_TASK,
                        payload={"page": idx, "languages": d.languages, "dpi": dpi,
                                 "timeout": page_timeout, "executable": t.path},
                        timeout=page_timeout * 1.2 + 15)
                    for d in by_doc.values() for idx in d.pages]
            for job, result in pool.run(jobs, cancel=cancel):
                doc_id, idx, langs = job.key
                if isinstance(result, JobFailure):
                    reason = result.reason.replace("could not be read", "OCR did not finish")
                    result = PageOcr(error=reason)
                store_result(lib, doc_id, idx, langs, result)
                d = by_doc[doc_id]
                if result.error:
                    d.failed[idx] = result.error
                    dirty.setdefault(doc_id, set())
                else:
                    d.done += 1
                    dirty.setdefault(doc_id, set()).add(idx)
                done += 1
                report(progress, done, total, "Reading scans (OCR)", job.name)
                if time.monotonic() - last > _INDEX_COMMIT_SECONDS:
                    flush()
    except Cancelled:
        rep.cancelled = True
    finally:
        flush()
    rep.seconds = time.monotonic() - t0
    return rep
