"""OCR actions: what waits, which Tesseract is installed, read, read again, undo.

The policy the command line used to hold lives here: naming documents together with
languages (or asking to read again, or every page) queues their pages again before the
run; reading again needs named documents; which documents the status lists (those with
pages waiting and those read by OCR). The OCR module's errors become
:class:`OcrProblem` with a reason (``tesseract_missing``, ``ocr_language_missing``,
``no_documents``). The run itself writes the index, so it happens inside
:meth:`Session.writing`; searches and brief edits go on meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from briefer.core.errors import BrieferError
from briefer.core.library import journal
from briefer.core.ocr import ocr
from briefer.core.ocr.languages import AUTOMATIC, is_automatic  # noqa: F401 (AUTOMATIC: for front ends)
from briefer.core.ocr.ocr import OcrReport
from briefer.core.ops.changes import reports
from briefer.core.ops.documents import get_document
from briefer.core.ops.session import Session
from briefer.core.progress import CancelToken, ProgressCallback

OCR_NOTE = ocr.OCR_NOTE


class OcrProblem(BrieferError):
    """OCR cannot run as asked (Tesseract or a language's data missing, …)."""

    reason = "ocr_error"


def _problem(exc: Exception) -> OcrProblem:
    reason = "tesseract_missing" if isinstance(exc, ocr.TesseractMissing) else \
        "ocr_language_missing"
    return OcrProblem(str(exc), reason=reason)


@dataclass
class TesseractInfo:
    """The installed Tesseract, or how to install it."""

    available: bool
    path: str = ""
    version: str = ""
    languages: list[str] = field(default_factory=list)
    install_hint: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"tesseract": self.path or None, "version": self.version or None,
                "languages": self.languages,
                "install_hint": None if self.available else self.install_hint}


def tesseract_info() -> TesseractInfo:
    t = ocr.tesseract()
    if t is None:
        return TesseractInfo(False, install_hint=ocr.install_hint())
    return TesseractInfo(True, t.path, t.version, list(t.languages))


@dataclass
class DocumentOcrState:
    """One document's OCR state (page numbers count from 1)."""

    doc_id: int
    title: str
    status: str
    reason: str
    pages: int
    ocr_pages: list[int]
    waiting: list[int]
    failed: list[dict[str, Any]]
    languages: list[str]
    mean_confidence: Optional[float]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.doc_id, "title": self.title, "status": self.status,
                "reason": self.reason, "pages": self.pages, "ocr_pages": self.ocr_pages,
                "waiting": self.waiting, "failed": self.failed, "languages": self.languages,
                "mean_confidence": self.mean_confidence}


@dataclass
class OcrStatus:
    tesseract: TesseractInfo
    default_languages: str
    documents: list[DocumentOcrState]

    def to_json(self) -> dict[str, Any]:
        return {**self.tesseract.to_json(), "default_languages": self.default_languages,
                "documents": [d.to_json() for d in self.documents]}


def _documents_with_scans(session: Session) -> list[int]:
    lib = session.library()
    read = session.catalog().documents_with_ocr_text()
    return sorted(set(ocr.pending_pages(lib)) | read)


def _state(session: Session, doc_id: int) -> DocumentOcrState:
    doc = get_document(session, doc_id)
    cat = session.catalog()
    if cat.readonly and not cat.has_module_schema("ocr"):  # never OCR'd; cannot add tables
        pages = cat.pages(doc_id)
        summary: dict[str, Any] = {"pages": len(pages), "ocr_pages": [], "failed": [],
                                   "waiting": [p.number for p in pages if p.needs_ocr],
                                   "languages": [], "mean_confidence": None}
    else:
        summary = ocr.ocr_summary(session.library(), doc_id)
    return DocumentOcrState(doc.id, doc.title, doc.status, doc.reason, summary["pages"],
                            summary["ocr_pages"], summary["waiting"], summary["failed"],
                            summary["languages"], summary["mean_confidence"])


def ocr_status(session: Session, doc_ids: Optional[Iterable[int]] = None) -> OcrStatus:
    """Tesseract, the default languages and the OCR state of the documents named (by
    default: every document with scanned pages waiting or read)."""
    ids = list(doc_ids) if doc_ids is not None else _documents_with_scans(session)
    return OcrStatus(tesseract_info(), default_languages(session),
                     [_state(session, i) for i in ids])


def default_languages(session: Session) -> str:
    """The languages for documents without language metadata ('eng', 'eng+urd' …)."""
    return ocr.library_default_languages(session.library())


@reports("settings")
def set_default_languages(session: Session, languages: str) -> str:
    session.require_writable()
    try:
        return ocr.set_library_default_languages(session.library(), languages)
    except ocr.OcrError as exc:
        raise _problem(exc) from None


def check_languages(languages: Optional[str]) -> None:
    """Raise :class:`OcrProblem` when Tesseract is installed but lacks these languages."""
    t = ocr.tesseract()
    if t is None or is_automatic(languages):
        return
    try:
        ocr.resolve_languages(ocr.parse_languages(languages), t.languages)
    except ocr.OcrError as exc:
        raise _problem(exc) from None


@reports("documents")
def request_ocr(session: Session, doc_ids: Iterable[int], *,
                languages: Optional[str] = None, all_pages: bool = False) -> dict[int, int]:
    """Queue documents to be read again (in ``languages``, remembered per document;
    ``all_pages`` also pages with a text layer). Returns pages queued per document."""
    ids = list(dict.fromkeys(doc_ids))
    if not ids:
        raise OcrProblem("name the documents to read again", reason="no_documents")
    for i in ids:
        get_document(session, i)
    check_languages(languages)
    automatic = is_automatic(languages)
    out = {}
    with session.writing() as lib:
        for i in ids:
            try:
                out[i] = ocr.request_ocr(lib, i, None if automatic else languages, redo=True,
                                         all_pages=all_pages)
            except ocr.OcrError as exc:
                raise _problem(exc) from None
            if automatic and languages:  # asked for explicitly: decide again
                from briefer.core.ocr.store import forget_languages

                forget_languages(lib, i)
    return out


@reports("documents", "pages")
def run_ocr(session: Session, doc_ids: Optional[Iterable[int]] = None, *,
            languages: Optional[str] = None, redo: bool = False, all_pages: bool = False,
            processes: Optional[int] = None,
            page_timeout: float = ocr.DEFAULT_PAGE_TIMEOUT, dpi: int = ocr.DEFAULT_DPI,
            password: Optional[str] = None, progress: Optional[ProgressCallback] = None,
            cancel: Optional[CancelToken] = None,
            replaces_journal: Optional[str] = None) -> OcrReport:
    """Read the pages waiting for OCR (of ``doc_ids``, else of the whole library).

    Naming documents with ``languages``, ``redo`` or ``all_pages`` reads them again
    (queued first, see :func:`request_ocr`). ``languages`` :data:`AUTOMATIC` ('auto', what
    the window passes unless the user picked languages) is the command line's policy
    without ``--lang``: each document's metadata, else its pages' script judged page by
    page; named documents forget languages chosen before. Without Tesseract the report says so
    (``available`` False) instead of raising; cancelled, ``report.cancelled`` is set and
    every page read so far is kept and searchable. While it runs, a journal in the library
    folder lets the next start report it if it is killed
    (:func:`briefer.core.ops.importing.interrupted_work`); ``replaces_journal``: the
    journal of the interrupted run this one continues, removed once this one's is written.
    """
    ids = list(dict.fromkeys(doc_ids)) if doc_ids is not None else []
    if (redo or all_pages) and not ids:
        raise OcrProblem("name the documents to read again", reason="no_documents")
    check_languages(languages)
    if ids and (redo or languages or all_pages):
        request_ocr(session, ids, languages=languages, all_pages=all_pages)
    if is_automatic(languages):
        languages = None
    with session.writing() as lib:
        name = None
        if ocr.tesseract() is not None and ocr.pending_pages(lib, ids or None):
            name = journal.begin(lib.root, "ocr", {"doc_ids": ids or None,
                                                   "languages": languages})
            if replaces_journal:
                journal.end(lib.root, replaces_journal)
        try:
            rep = ocr.run_ocr(lib, ids or None, languages if not ids else None,
                              progress=progress, cancel=cancel, processes=processes,
                              page_timeout=page_timeout, dpi=dpi, password=password)
        except ocr.OcrError as exc:
            raise _problem(exc) from None
        finally:  # finished, cancelled or refused: only a crash leaves it behind
            if name is not None:
                journal.end(lib.root, name)
        if replaces_journal and name is None:
            journal.end(lib.root, replaces_journal)
        return rep


@reports("documents", "pages")
def remove_ocr(session: Session, doc_ids: Iterable[int]) -> dict[int, int]:
    """Undo OCR: the pages get back their own text layer and wait for OCR again.
    Returns the pages restored per document."""
    ids = list(dict.fromkeys(doc_ids))
    if not ids:
        raise OcrProblem("name the documents whose OCR text to remove", reason="no_documents")
    for i in ids:
        get_document(session, i)
    with session.writing() as lib:
        return {i: ocr.remove_ocr(lib, i) for i in ids}
