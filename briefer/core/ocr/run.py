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
from briefer.core.handle import LibraryHandle
from briefer.core.index.sync import write_document
from briefer.core.ocr.store import (document_languages,
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
    # pages whose script differs from the document's (a cover in English over an Urdu
    # body): page index -> languages; the others are read in ``languages``
    page_languages: dict[int, str] = field(default_factory=dict)

    def languages_of(self, page: int) -> str:
        return self.page_languages.get(page, self.languages)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.doc_id, "title": self.title, "languages": self.languages,
                "languages_detected": bool(self.detected),
                "page_languages": {str(i + 1): v for i, v in sorted(self.page_languages.items())},
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


def _sample_pages(pages: list[int]) -> list[int]:
    """The pages whose script is judged first: the first waiting page and one from the
    middle (a cover often differs from the body)."""
    if len(pages) < 2:
        return list(pages)
    return [pages[0], pages[len(pages) // 2]]


def _detect(lib: LibraryHandle, pool: ExtractionPool, t: Tesseract,
            undecided: dict[int, DocumentOcr], paths: dict[int, str],
            password: Optional[str], page_timeout: float,
            cancel: Optional[CancelToken]) -> None:
    """Choose the languages of the documents nothing said anything about, page by page.

    The script is judged on the first waiting page and on one from the middle; when they
    agree, the document is read in those languages (and they are remembered for it). When
    they differ (an English and Hindi cover over an Urdu body), every waiting page is
    judged and read in its own languages; the document's languages are those most of its
    pages have, and nothing is remembered, so that a later run judges the pages again."""

    def job(doc_id: int, page: int) -> Job:
        d = undecided[doc_id]
        return Job((doc_id, page), paths[doc_id], password=password, task=DETECT_TASK,
                   name=f"{d.title[:40]} p. {page + 1} (script)",
                   payload={"page": page, "available": list(t.languages), "osd": t.osd,
                            "timeout": page_timeout, "executable": t.path},
                   timeout=page_timeout * 1.2 + 15)

    found: dict[int, dict[int, Detection]] = {doc_id: {} for doc_id in undecided}

    def run(jobs: list[Job]) -> None:
        for j, result in pool.run(jobs, cancel=cancel, release_idle=False):
            doc_id, page = j.key
            if isinstance(result, Detection) and result.languages and not result.error:
                found[doc_id][page] = result
            else:
                why = result.reason if isinstance(result, JobFailure) else result.error
                log.warning("script of #%d page %d not found (%s)", doc_id, page + 1, why)

    run([job(doc_id, p) for doc_id, d in undecided.items() for p in _sample_pages(d.pages)])
    mixed = [doc_id for doc_id, pages in found.items()
             if len({r.languages for r in pages.values()}) > 1]
    if mixed:
        run([job(doc_id, p) for doc_id in mixed for p in undecided[doc_id].pages
             if p not in found[doc_id]])
    fallback = default_languages("", t.languages, library_default_languages(lib))
    for doc_id, d in undecided.items():
        results = found[doc_id]
        if not results:  # detection failed: read with the usual default
            d.languages = fallback
            continue
        counts: dict[str, int] = {}
        for r in results.values():
            counts[r.languages] = counts.get(r.languages, 0) + 1
        # most pages; on a tie the languages that reach furthest into the document (the body)
        main = max(counts, key=lambda k: (counts[k], max(p for p, r in results.items()
                                                         if r.languages == k)))
        d.languages = main
        d.detected = "; ".join(f"p. {p + 1}: {r.how}" for p, r in sorted(results.items())) \
            if doc_id in mixed else next(iter(results.values())).how
        if doc_id in mixed:
            d.page_languages = {p: r.languages for p, r in results.items()
                                if r.languages != main}
            log.info("OCR languages of #%d by page: %s", doc_id,
                     {p + 1: r.languages for p, r in sorted(results.items())})
        else:
            remember_languages(lib, d.doc_id, d.languages, "detected")
            log.info("OCR languages of #%d: %s (%s)", d.doc_id, d.languages, d.detected)


def run_ocr(lib: LibraryHandle, doc_ids: Optional[Iterable[int]] = None,
            languages: Optional[str] = None, *,
            progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
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
            write_document(writer, lib.catalog, did, new_text=dirty[did])
        dirty.clear()
        lib.catalog.set_indexed(writer.commit())
        last = time.monotonic()

    n_docs = len(by_doc)
    # the count changes from files to scanned pages: say so
    words = (f"Reading scans (OCR): {total} scanned page{'s' if total != 1 else ''} in "
             f"{n_docs} document{'s' if n_docs != 1 else ''}")
    report(progress, 0, total, words)
    try:
        with ExtractionPool(processes=processes, timeout=page_timeout * 1.2 + 15) as pool:
            undecided = {i: d for i, d in by_doc.items() if not d.languages}
            if undecided:
                report(progress, 0, total, words, "finding the script of each document")
                _detect(lib, pool, t, undecided, paths, password, page_timeout, cancel)
            jobs = [Job((d.doc_id, idx, d.languages_of(idx)), paths[d.doc_id],
                        password=password,
                        name=f"{d.title[:40]} p. {idx + 1}", task=PAGE_TASK,
                        payload={"page": idx, "languages": d.languages_of(idx), "dpi": dpi,
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
                report(progress, done, total, words, job.name)
                if time.monotonic() - last > _INDEX_COMMIT_SECONDS:
                    flush()
    except Cancelled:
        rep.cancelled = True
    finally:
        flush()
    rep.seconds = time.monotonic() - t0
    return rep
