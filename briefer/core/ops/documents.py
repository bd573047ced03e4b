"""Documents: list, show, add, unlock, edit, remove, re-index — the library's actions.

Every rule a front end would otherwise repeat lives here once: which documents a filter
keeps, what a status means in words (:func:`explain_status`), how metadata typed by a
person is checked (:func:`validate_metadata`: types, dates, tags — the same for the
command line, the import options and the window's editor), what removing a document
does to the clips and briefs that cite it (:func:`removal_impact`; removal asks for
confirmation through the ``confirm_removal`` reason), and how a document is found from
what a person typed (:func:`find_document`). Writes run inside
:meth:`Session.writing <briefer.core.ops.session.Session.writing>`, so an import in one
thread and an edit in another take turns at the index instead of failing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from briefer.core.clips import briefdb
from briefer.core.catalog.catalog import DOC_TYPES, Document, Page, normalise_tags
from briefer.core.catalog.records import PageNumbering
from briefer.core.errors import BrieferError
from briefer.core.files.pagelabels import page_cite_text  # noqa: F401  (front ends' formatter)
from briefer.core.files.workers import DEFAULT_TIMEOUT, ExtractionPool
from briefer.core.library import DocumentNotFound, ImportOutcome, ImportReport
from briefer.core.offsets import PageKind, page_kind
from briefer.core.ops.changes import reports
from briefer.core.ops.session import Session
from briefer.core.progress import CancelToken, ProgressCallback

STATUSES = ("ok", "needs_ocr", "needs_password", "no_text", "superseded")

# Plain words for each status; the reason stored with a document adds the detail.
_STATUS_WORDS = {"ok": "ok", "needs_ocr": "needs OCR", "needs_password": "needs password",
                 "no_text": "no text", "superseded": "superseded"}


class InvalidMetadata(BrieferError):
    """A metadata value cannot be used; ``details["field"]`` names the field."""

    reason = "invalid_metadata"

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message, details={"field": field_name})
        self.field = field_name


class RemovalNeedsConfirmation(BrieferError):
    """Removing these documents affects clips or briefs; ``details["impact"]`` says how."""

    reason = "confirm_removal"


class PasswordRejected(BrieferError):
    """The password given does not open the document."""

    reason = "needs_password"


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents a list shows: every given condition must hold."""

    types: Sequence[str] = ()
    tags: Sequence[str] = ()
    statuses: Sequence[str] = ()
    include_superseded: bool = False
    text: str = ""  # words of the title, issuer or file name

    def active(self) -> bool:
        return bool(self.types or self.tags or self.statuses or self.text.strip())

    def matches(self, doc: Document) -> bool:
        if self.types and doc.doc_type not in self.types:
            return False
        if self.tags and not set(normalise_tags(self.tags)) <= set(doc.tags):
            return False
        if self.statuses and doc.status not in self.statuses:
            return False
        if self.text.strip():
            hay = f"{doc.title} {doc.issuer} {doc.file_name}".lower()
            if not all(w in hay for w in self.text.lower().split()):
                return False
        return True


@dataclass
class DocumentRow:
    """One line of the document list: the document and its status in words."""

    document: Document
    status_text: str

    @property
    def id(self) -> int:
        return self.document.id

    @property
    def title(self) -> str:
        return self.document.title

    def to_json(self) -> dict[str, Any]:
        return {**self.document.to_json(), "status_text": self.status_text}


def explain_status(status: str, reason: str = "", *, superseded_by: Optional[int] = None,
                   scanned_pages: int = 0, ocr_available: Optional[bool] = None) -> str:
    """A document's status in a few plain words ("needs OCR", "superseded by #4" …).

    ``scanned_pages`` (pages still waiting for OCR) and ``ocr_available`` refine the
    words for documents with scans; ``reason`` is the stored detail, shown by callers
    beside these words where there is room.
    """
    if status == "superseded":
        return f"superseded by #{superseded_by}" if superseded_by else "superseded"
    if status in ("ok", "needs_ocr") and scanned_pages:
        if ocr_available is None:
            from briefer.core.ocr.ocr import tesseract_available

            ocr_available = tesseract_available()
        if not ocr_available:
            from briefer.core.ocr.ocr import MISSING_NOTE

            return MISSING_NOTE
        if status == "needs_ocr":
            return "needs OCR"
        return f"ok, {scanned_pages} scanned page{'s' if scanned_pages != 1 else ''} need OCR"
    return _STATUS_WORDS.get(status, status)


# What a document whose stored copy was deleted shows as its status (short: a list column).
MISSING_STATUS = "stored PDF missing"
# The same, said in full where there is room (a document's details, the reader).
MISSING_TEXT = ("the stored PDF is missing: the library's copy of this file was deleted "
                "outside Briefer. Its text is still searchable, but it cannot be shown and "
                "quotes from it cannot be checked. Add the original file again to put the "
                "copy back.")


def readable_reason(reason: str) -> str:
    """A document's stored reason in plain words (a reason an older import stored with
    an exception's class name in it, "PdfReadError: …", is put in the importer's words)."""
    from briefer.core.files.results import readable_reason as words

    return words(reason)


def status_text(doc: Document) -> str:
    """:func:`explain_status` for one document ("stored PDF missing" when its stored
    copy is gone: see :attr:`Document.stored_missing`)."""
    if doc.stored_missing:
        return MISSING_STATUS
    return explain_status(doc.status, doc.reason, superseded_by=doc.superseded_by,
                          scanned_pages=doc.ocr_pages)


# A status as a short label for a table column; explain_status gives the detail.
STATUS_LABELS = {"ok": "Searchable", "needs_ocr": "Needs OCR", "needs_password": "Locked",
                 "no_text": "No text", "superseded": "Older version"}


def status_label(doc: Document) -> str:
    """A document's status in one or two words for a column ("Searchable", "Needs OCR",
    "Locked", "No text", "Older version"); a searchable document with scanned pages
    still unread is "Partly searchable", one whose stored copy is gone "Stored PDF missing".
    :func:`status_text` says more."""
    if doc.stored_missing:
        return "Stored PDF missing"
    if doc.status == "ok" and doc.ocr_pages:
        return "Partly searchable"
    return STATUS_LABELS.get(doc.status, doc.status)


def list_documents(session: Session, filter: Optional[DocumentFilter] = None
                   ) -> list[DocumentRow]:
    """The library's documents (current versions unless the filter includes older ones)."""
    f = filter or DocumentFilter()
    docs = [d for d in session.catalog().documents(include_superseded=f.include_superseded)
            if f.matches(d)]
    session.library().missing_files(docs)  # marks stored_missing (a stat each)
    return [DocumentRow(d, status_text(d)) for d in docs]


def get_document(session: Session, doc_id: int) -> Document:
    """One document; :class:`DocumentNotFound` (reason ``document_not_found``) if there is none."""
    doc = session.catalog().document(doc_id)
    if doc is None:
        raise DocumentNotFound(f"there is no document #{doc_id} in this library")
    session.library().missing_files([doc])
    return doc


def find_document(session: Session, ref: str) -> Document:
    """The document a person means by ``ref``: its number ('12', '#12'), a SHA-256 prefix,
    its file name (with or without '.pdf'), or words of its title or file name.

    Raises :class:`DocumentNotFound` (reason ``document_not_found``); when several match,
    ``details["candidates"]`` lists their ids and the message names them.
    """
    try:
        return session.library().resolve(ref)
    except DocumentNotFound:
        pass
    # Words of a short name ('online-harms-rules', 'rules.pdf') against the words of
    # each current document's file name and title.
    want = _name_words(ref)
    if not want:
        raise DocumentNotFound(f"no document matches '{ref}'")
    docs = [d for d in session.catalog().documents() if d.status != "superseded"]
    hits = [d for d in docs if want <= (_name_words(d.file_name) | _name_words(d.title))]
    if len(hits) == 1:
        return hits[0]
    if hits:
        names = "; ".join(f"#{d.id} {d.title[:50]}" for d in hits[:8])
        raise DocumentNotFound(f"'{ref}' matches {len(hits)} documents: {names}",
                               details={"candidates": [d.id for d in hits]})
    raise DocumentNotFound(f"no document matches '{ref}'")


def _name_words(text: str) -> set[str]:
    stem = text.strip()
    if stem.lower().endswith(".pdf"):
        stem = stem[:-4]
    words = "".join(c.lower() if c.isalnum() else " " for c in stem).split()
    return set(words)


def get_page(session: Session, doc_id: int, page_index: int) -> Page:
    """One page of a document (its stored text, printed label and source)."""
    page = session.catalog().page(doc_id, page_index)
    if page is None:
        raise DocumentNotFound(f"document #{doc_id} has no page {page_index + 1}")
    return page


@dataclass
class DocumentDetail:
    """Everything a document view shows."""

    document: Document
    status_text: str
    stored_file: Path
    pages: list[Page]
    outline: list[tuple[int, str, Optional[int]]]

    @property
    def stored_missing(self) -> bool:
        """The stored copy is gone (:data:`MISSING_TEXT` says what that means)."""
        return self.document.stored_missing

    @property
    def ocr_page_count(self) -> int:
        return sum(1 for p in self.pages if p.text_source == "ocr")

    def label_summary(self) -> str:
        """The printed page labels in short ('i, ii, 1, 2, …, 40'), or '' when they are
        only the page numbers."""
        labels = [p.label for p in self.pages]
        if not labels or all(p.label_source == "index" for p in self.pages):
            return ""
        if len(labels) <= 12:
            return ", ".join(labels)
        return ", ".join(labels[:6]) + ", …, " + ", ".join(labels[-3:])


def document_detail(session: Session, doc_id: int) -> DocumentDetail:
    doc = get_document(session, doc_id)
    cat = session.catalog()
    words = MISSING_TEXT if doc.stored_missing else status_text(doc)
    return DocumentDetail(doc, words, session.library().file_path(doc),
                          cat.pages(doc_id), cat.outline(doc_id))


@dataclass
class ReaderPage:
    """One page as a reader of the PDF needs it: the stored text, and how its offsets map
    onto the PDF (see :mod:`briefer.core.offsets`)."""

    index: int
    label: str
    text: str
    kind: PageKind  # 'pdfium', 'other' (another engine's text) or 'ocr'
    boxes: list[list[float]] = field(default_factory=list)  # OCR words with their boxes
    order: Optional[list[list[int]]] = None  # right-to-left lines put in reading order
    # where ``label`` comes from: 'printed', 'inferred', 'pdf', 'user' (a person's
    # correction) or 'index' (no printed number could be read: the PDF page number)
    label_source: str = ""


def reader_pages(session: Session, detail: DocumentDetail) -> list[ReaderPage]:
    """The pages of ``detail`` for a reader: each page's kind, an OCR page's word boxes
    ``[start, end, x0, y0, x1, y1]`` and the reading-order runs of a page whose
    right-to-left lines were reordered (None when the text is in the engine's order)."""
    from briefer.core.catalog.pageorder import page_order
    from briefer.core.files import textorder
    from briefer.core.ocr import ocr

    out = []
    for p in detail.pages:
        page = ReaderPage(p.index, p.label, p.text, page_kind(detail.document.engine,
                                                               p.text_source),
                          label_source=p.label_source)
        if page.kind == "ocr":
            page.boxes = ocr.word_boxes(session.library(), detail.document.id, p.index)
        elif page.kind == "pdfium" and textorder.has_rtl(p.text):
            page.order = page_order(session.catalog(), detail.document.id, p.index)
        out.append(page)
    return out


# --------------------------------------------------------------------------- metadata


def validate_metadata(values: dict[str, Any]) -> dict[str, str]:
    """Check metadata typed by a person and put it in stored form.

    Known fields: title, doc_type, issuer, date (YYYY-MM-DD, YYYY-MM, YYYY or a written
    date; '' clears it), language (a short code), source_url. Values are trimmed.
    Raises :class:`InvalidMetadata` naming the first field that cannot be used.
    """
    from briefer.core.files.metadata import parse_user_date

    out: dict[str, str] = {}
    for key, raw in values.items():
        if raw is None:
            continue
        if key not in ("title", "doc_type", "issuer", "date", "language", "source_url"):
            raise InvalidMetadata(key, f"'{key}' is not a metadata field")
        if not isinstance(raw, str):
            raise InvalidMetadata(key, f"the {key.replace('_', ' ')} must be text")
        value = " ".join(raw.split()) if key != "source_url" else raw.strip()
        if key == "title" and not value:
            raise InvalidMetadata("title", "a document needs a title")
        if key == "doc_type":
            value = value.lower()
            if value not in DOC_TYPES:
                raise InvalidMetadata("doc_type", f"'{raw}' is not a document type (one of: "
                                      f"{', '.join(DOC_TYPES)})")
        if key == "date" and value:
            parsed = parse_user_date(value)
            if parsed is None:
                raise InvalidMetadata("date", f"not a date: {raw!r} (use YYYY-MM-DD, "
                                      "YYYY-MM or YYYY)")
            value = parsed
        if key == "language" and value:
            value = value.lower()
            if not all(c.isalpha() or c in "-_" for c in value) or len(value) > 12:
                raise InvalidMetadata("language", f"not a language code: {raw!r} "
                                      "(e.g. en or ur)")
        if len(value) > 2000:
            raise InvalidMetadata(key, f"the {key.replace('_', ' ')} is too long")
        out[key] = value
    return out


@reports("documents")
def edit_metadata(session: Session, doc_id: int, *, title: Optional[str] = None,
                  doc_type: Optional[str] = None, issuer: Optional[str] = None,
                  date: Optional[str] = None, language: Optional[str] = None,
                  source_url: Optional[str] = None, add_tags: Iterable[str] = (),
                  remove_tags: Iterable[str] = (),
                  tags: Optional[Iterable[str]] = None) -> Document:
    """Change a document's metadata (None leaves a field as it is; ``tags`` replaces all
    tags). The values are checked first; nothing is written if one is wrong."""
    values = validate_metadata({"title": title, "doc_type": doc_type, "issuer": issuer,
                                "date": date, "language": language,
                                "source_url": source_url})
    add = normalise_tags(add_tags)
    remove = normalise_tags(remove_tags)
    replace = normalise_tags(tags) if tags is not None else None
    get_document(session, doc_id)
    with session.writing() as lib:
        return lib.set_metadata(doc_id, values, add_tags=add, remove_tags=remove,
                                set_tags=replace)


@reports("documents")
def confirm_metadata(session: Session, doc_id: int,
                     fields: Optional[Iterable[str]] = None) -> Document:
    """Mark Briefer's guesses of a document's metadata as confirmed by a person, without
    changing them: ``fields`` (default: every field still a guess, see
    :func:`briefer.core.files.metadata.is_guess`) join ``edited_fields``, so they are no
    longer shown as guesses and a re-import keeps them. A field that is not a guessed
    field is refused (reason ``invalid_metadata``)."""
    from briefer.core.files.metadata import GUESSED_FIELDS, is_guess

    doc = get_document(session, doc_id)
    wanted = list(fields) if fields is not None else list(GUESSED_FIELDS)
    for name in wanted:
        if name not in GUESSED_FIELDS:
            raise InvalidMetadata(name, f"{name} is not a guessed field (guessed: "
                                  f"{', '.join(GUESSED_FIELDS)})")
    values = {name: getattr(doc, name) for name in wanted if is_guess(doc, name)}
    if not values:
        return doc
    with session.writing() as lib:
        return lib.set_metadata(doc_id, values)


# --------------------------------------------------------------------------- adding


@reports("documents", "pages")
def add_files(session: Session, paths: Iterable[str | Path], *,
              password: Optional[str] = None, ocr: bool = True,
              ocr_lang: Optional[str] = None, tags: Iterable[str] = (),
              meta: Optional[dict[str, Optional[str]]] = None, engine: str = "auto",
              timeout: float = DEFAULT_TIMEOUT, processes: Optional[int] = None,
              progress: Optional[ProgressCallback] = None,
              cancel: Optional[CancelToken] = None,
              pool: Optional[ExtractionPool] = None) -> ImportReport:
    """Import PDF files and folders; one outcome per file in the report.

    ``meta`` (title, doc_type, issuer, date, language, source_url) applies to every file
    and is checked like :func:`edit_metadata`. With ``ocr``, scanned pages are read with
    Tesseract afterwards when it is installed. Cancelling keeps every finished document.
    A file that needs a password has outcome ``needs_password``. ``pool``: workers
    started beforehand (:func:`~briefer.core.ops.importing.start_import_workers`), which the import
    uses and leaves open.
    """
    checked = validate_metadata({k: v for k, v in (meta or {}).items() if v})
    with session.writing() as lib:
        return lib.import_paths(paths, password=password, progress=progress, cancel=cancel,
                                engine=engine, timeout=timeout, processes=processes,
                                tags=normalise_tags(tags), meta=checked, ocr=ocr,
                                ocr_languages=ocr_lang, pool=pool)


@reports("documents", "pages")
def unlock_document(session: Session, doc_id: int, password: str, *, ocr: bool = True,
                    progress: Optional[ProgressCallback] = None,
                    cancel: Optional[CancelToken] = None) -> ImportOutcome:
    """Read a password-protected document with its password (never stored).

    Raises :class:`PasswordRejected` (reason ``needs_password``) when it does not open.
    """
    doc = get_document(session, doc_id)
    if doc.status != "needs_password":
        raise BrieferError(f"#{doc_id} {doc.title} is not locked", reason="not_locked")
    with session.writing() as lib:
        rep = lib.import_paths([lib.file_path(doc)], password=password, progress=progress,
                               cancel=cancel, ocr=ocr)
    outcome = next((o for o in rep.outcomes if o.doc_id == doc_id), None)
    if outcome is None or outcome.outcome != "unlocked":
        raise PasswordRejected(f"the password does not open #{doc_id} {doc.title}")
    return outcome


# --------------------------------------------------------------------------- removing


@dataclass
class CitingBrief:
    brief_id: int
    title: str
    quotes: int


@dataclass
class RemovalImpact:
    """What removing documents would affect: their clips and the briefs quoting them.

    The clips and quotes stay (their text is kept), but they can no longer be checked
    against the source, so a brief's verification will report them.
    """

    documents: list[Document]
    clips: int = 0
    briefs: list[CitingBrief] = field(default_factory=list)

    @property
    def quotes(self) -> int:
        return sum(b.quotes for b in self.briefs)

    @property
    def harmless(self) -> bool:
        return self.clips == 0

    def describe(self) -> str:
        """One or two sentences for a confirmation question."""
        if self.harmless:
            return ""
        n = len(self.documents)
        what = (f"#{self.documents[0].id} {self.documents[0].title}" if n == 1
                else f"these {n} documents")
        text = (f"{self.clips} clip{'s' if self.clips != 1 else ''} "
                f"cite{'s' if self.clips == 1 else ''} {what}")
        if self.briefs:
            names = ", ".join(f"#{b.brief_id} {b.title}" for b in self.briefs[:5])
            text += (f", quoted {self.quotes} time{'s' if self.quotes != 1 else ''} in "
                     f"{len(self.briefs)} brief{'s' if len(self.briefs) != 1 else ''} "
                     f"({names})")
        return (text + ". The clips and quotes keep their text, but they can no longer be "
                "checked against the document.")

    def to_json(self) -> dict[str, Any]:
        return {"documents": [d.id for d in self.documents], "clips": self.clips,
                "quotes": self.quotes,
                "briefs": [{"id": b.brief_id, "title": b.title, "quotes": b.quotes}
                           for b in self.briefs]}


def removal_impact(session: Session, doc_ids: Iterable[int]) -> RemovalImpact:
    """The clips and briefs that cite ``doc_ids`` (nothing is changed)."""
    ids = list(dict.fromkeys(doc_ids))
    docs = [get_document(session, i) for i in ids]
    impact = RemovalImpact(docs)
    impact.clips, briefs = briefdb.citations_of(session.catalog(), ids)
    impact.briefs = [CitingBrief(*b) for b in briefs]
    return impact


@reports("documents", "pages", "clips", all_briefs=True)
def remove_documents(session: Session, doc_ids: Iterable[int], *,
                     confirmed: bool = False) -> list[Document]:
    """Remove documents from the library (catalog, index and stored copy).

    When clips cite them and not ``confirmed``, nothing is removed and
    :class:`RemovalNeedsConfirmation` (reason ``confirm_removal``) carries the
    :class:`RemovalImpact` in ``details["impact"]`` for the question to ask.
    """
    impact = removal_impact(session, doc_ids)
    if not impact.harmless and not confirmed:
        raise RemovalNeedsConfirmation(impact.describe(), details={"impact": impact})
    removed = []
    with session.writing() as lib:
        for doc in impact.documents:
            removed.append(lib.remove(doc.id))
    return removed


# --------------------------------------------------------------------------- index


@dataclass
class ReindexReport:
    documents: int
    pages: int
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {"documents": self.documents, "pages": self.pages,
                "seconds": round(self.seconds, 3)}


@reports("documents", "pages")
def reindex(session: Session, progress: Optional[ProgressCallback] = None,
            cancel: Optional[CancelToken] = None) -> ReindexReport:
    """Throw the search index away and build it again from the catalog.

    Cancelled (:class:`briefer.core.progress.Cancelled`), the rest is indexed the next
    time the library opens.
    """
    t0 = time.monotonic()
    with session.writing() as lib:
        n = lib.reindex(progress=progress, cancel=cancel)
        pages = lib.index.page_count()
    return ReindexReport(n, pages, time.monotonic() - t0)


# --------------------------------------------------------------------------- checking


@dataclass
class MissingPdf:
    """A document whose stored copy is gone, with the work that depends on it."""

    document: Document
    stored_file: Path
    clips: int = 0
    briefs: list[CitingBrief] = field(default_factory=list)

    @property
    def quotes(self) -> int:
        return sum(b.quotes for b in self.briefs)

    def to_json(self) -> dict[str, Any]:
        d = self.document
        return {"id": d.id, "title": d.title, "file_name": d.file_name,
                "source_path": d.source_path, "stored_file": str(self.stored_file),
                "clips": self.clips, "quotes": self.quotes,
                "briefs": [{"id": b.brief_id, "title": b.title, "quotes": b.quotes}
                           for b in self.briefs]}


@dataclass
class LibraryCheck:
    """What :func:`check_library` found. ``ok`` when there is nothing to repair."""

    catalog_problem: str  # '' when the catalog passes SQLite's check
    missing: list[MissingPdf]
    stray_files: list[Path]  # stored PDFs the catalog does not list (kept, not deleted)
    not_indexed: list[int]  # searchable documents the search index lacks
    stale_in_index: list[int]  # documents the index has that it should not
    documents: int = 0

    @property
    def ok(self) -> bool:
        return not (self.catalog_problem or self.missing or self.stray_files
                    or self.not_indexed or self.stale_in_index)

    def notes(self) -> list[str]:
        """Each problem in one plain sentence (what it is and what keeps it safe)."""
        out = []
        if self.catalog_problem:
            out.append(f"The catalog fails its check: {self.catalog_problem}.")
        if self.missing:
            n = len(self.missing)
            quotes = sum(m.quotes for m in self.missing)
            out.append(f"{n} stored PDF{'s are' if n != 1 else ' is'} missing (deleted "
                       "outside Briefer); the text stays searchable"
                       + (f", but {quotes} quote{'s' if quotes != 1 else ''} cannot be "
                          "checked against the source" if quotes else "")
                       + ". Add the original file again to put the copy back.")
        if self.stray_files:
            n = len(self.stray_files)
            out.append(f"{n} stored PDF{'s are' if n != 1 else ' is'} not in the catalog; "
                       "nothing was deleted.")
        if self.not_indexed or self.stale_in_index:
            out.append("The search index does not agree with the catalog "
                       f"({len(self.not_indexed)} documents missing from it, "
                       f"{len(self.stale_in_index)} that should not be there); it is "
                       "repaired when the library next opens for writing, or by re-indexing.")
        return out

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "documents": self.documents,
                "catalog_problem": self.catalog_problem,
                "missing": [m.to_json() for m in self.missing],
                "stray_files": [str(p) for p in self.stray_files],
                "not_indexed": self.not_indexed, "stale_in_index": self.stale_in_index,
                "notes": self.notes()}


def missing_pdfs(session: Session) -> list[MissingPdf]:
    """The documents whose stored copy is missing now, each with the clips and briefs
    that depend on it (one ``stat`` a document)."""
    lib = session.library()
    out = []
    for doc in lib.missing_files():
        clips, briefs = briefdb.citations_of(session.catalog(), [doc.id])
        out.append(MissingPdf(doc, lib.file_path(doc), clips,
                              [CitingBrief(*b) for b in briefs]))
    return out


def check_library(session: Session) -> LibraryCheck:
    """Check the whole library (nothing is changed): the catalog's soundness (SQLite's
    ``quick_check``), every stored PDF (missing ones with their original file names and
    the quotes that depend on them), stored PDFs the catalog does not list, and whether
    the search index agrees with the catalog."""
    from briefer.core.catalog import backup
    from briefer.core.paths import stored_pdfs_not_in

    lib = session.library()
    cat = session.catalog()
    problem = backup.check_connection(cat.connection) or ""
    known = cat.sha256s()
    strays = list(stored_pdfs_not_in(session.root, known))
    searchable = cat.searchable_ids()
    indexed = lib.index.doc_ids()
    return LibraryCheck(problem, missing_pdfs(session), strays,
                        sorted(searchable - indexed), sorted(indexed - searchable),
                        len(known))


def open_notes(session: Session) -> list[str]:
    """What a front end should tell the user when the library opens: stored PDFs found
    missing by the check at open, and stored PDFs the catalog does not list (kept). Plain
    sentences; empty when all is well."""
    out = []
    n = len(session.missing_stored)
    if n:
        one = n == 1
        out.append(f"{n} stored PDF{' is' if one else 's are'} missing from the library "
                   "(deleted outside Briefer); "
                   f"{'its document is' if one else 'their documents are'}"
                   f" marked. Add the original file{'' if one else 's'} again to put "
                   f"{'the copy' if one else 'the copies'} back.")
    k = len(session.stray_files)
    if k:
        out.append(f"{k} stored PDF{'s are' if k != 1 else ' is'} not in the catalog; "
                   "nothing was deleted.")
    slow = search_notice(session)
    if slow:
        out.append(slow)
    return out


def search_notice(session: Session) -> str:
    """What the user should know about the search engine ('' when nothing): searches on
    the slow path, and what that costs (``SearchBackend.notice``)."""
    notice = session.library().index.notice()
    return notice.text if notice is not None else ""


def remove_stray_files(session: Session) -> list[Path]:
    """Delete the stored PDFs the catalog does not list (after the user confirmed: they
    are reported by :func:`check_library`, never deleted without asking). Returns them."""
    from briefer.core.paths import stored_pdfs_not_in

    with session.writing() as lib:
        known = lib.catalog.sha256s()
        gone = []
        for f in stored_pdfs_not_in(session.root, known):
            try:
                f.unlink()
                gone.append(f)
            except OSError:
                pass
        lib.stray_files = []
    session.stray_files = []
    return gone


# --------------------------------------------------------------------------- samples


def sample_documents(session: Session) -> list[Document]:
    """The sample documents (tagged 'sample') still in the library."""
    from briefer.core.search.filters import is_sample

    return [d for d in session.catalog().documents() if is_sample(d)]


def remove_samples(session: Session, *, confirmed: bool = False) -> list[Document]:
    """Remove every sample document in one step (see :func:`remove_documents`): when
    quotes or clips cite one and not ``confirmed``, nothing is removed and
    :class:`RemovalNeedsConfirmation` (reason ``confirm_removal``) says what cites them.
    Returns the documents removed ([] when there were none)."""
    session.require_writable()
    ids = [d.id for d in sample_documents(session)]
    if not ids:
        return []
    return remove_documents(session, ids, confirmed=confirmed)


# --------------------------------------------------------------------------- page numbering


class InvalidPageNumbering(BrieferError):
    """A page-numbering correction cannot be used; the message says which range and why."""

    reason = "invalid_page_numbering"


@dataclass
class PageNumberingReport:
    """A document's page numbering after a correction: the ranges the person set, the
    pages whose cited number changed (``[(page index, before, after)]``) and how many
    clips cite one of those pages (their citations follow: they read the page's label)."""

    doc_id: int
    numbering: list[PageNumbering]
    changed: list[tuple[int, str, str]]
    clips_changed: int

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "numbering": [n.to_json() for n in self.numbering],
                "changed": [{"page_number": i + 1, "before": a, "after": b}
                            for i, a, b in self.changed],
                "clips_changed": self.clips_changed}


def page_numbering(session: Session, doc_id: int) -> list[PageNumbering]:
    """The corrections a person made to ``doc_id``'s page numbering ([] when none)."""
    get_document(session, doc_id)
    return session.catalog().page_numbering(doc_id)


def parse_page_numbering(text: str, *, style: str = "arabic") -> PageNumbering:
    """"29-64=11" or "29–64 = xi" (PDF pages 29 to 64 are printed 11 …) as a range; the
    command line and the dialog both read this form. Raises :class:`InvalidPageNumbering`."""
    import re

    from briefer.core.files.pagelabels import roman_to_int

    m = re.fullmatch(r"\s*(\d+)\s*(?:[-\u2013]\s*(\d+))?\s*=\s*(\w+)\s*", text)
    if not m:
        raise InvalidPageNumbering(f"\u201c{text}\u201d is not a page range with its printed "
                                   "number (for example 29-64=11)")
    first = int(m.group(1))
    last = int(m.group(2) or first)
    number = m.group(3)
    if number.isdigit():
        value = int(number)
    else:
        value = roman_to_int(number) or 0
        style = "roman"
        if not value:
            raise InvalidPageNumbering(f"\u201c{number}\u201d is not a page number")
    return PageNumbering(first - 1, last - 1, value, style)


@reports("pages")
def set_page_numbering(session: Session, doc_id: int,
                       numbering: Iterable[PageNumbering]) -> PageNumberingReport:
    """Correct ``doc_id``'s printed page numbers: each range says "PDF pages first to last
    are printed n, n+1 …" (as Zotero's page offset). ``numbering`` replaces the corrections
    made before ([] takes them all back: the pages cite what Briefer found again). The
    ranges are checked first and nothing is written if one is wrong
    (:class:`InvalidPageNumbering`, reason ``invalid_page_numbering``). The correction is
    kept in the catalog by the file's hash: re-indexing, a new import of the same file and
    a backup keep it; every quote of the document cites the corrected number."""
    doc = get_document(session, doc_id)
    ranges = sorted(numbering, key=lambda n: n.first_index)
    n_pages = doc.page_count
    for k, r in enumerate(ranges):
        where = f"PDF pages {r.first_index + 1}\u2013{r.last_index + 1}"
        if r.first_index < 0 or r.last_index < r.first_index:
            raise InvalidPageNumbering(f"{where}: the first page must come before the last")
        if r.last_index >= n_pages:
            raise InvalidPageNumbering(f"{where}: the document has {n_pages} pages")
        if r.style not in ("arabic", "roman"):
            raise InvalidPageNumbering(f"{where}: numbers are Arabic (11) or Roman (xi)")
        if r.first_number < 1 or (r.style == "roman" and
                                  r.first_number + r.last_index - r.first_index >= 400):
            raise InvalidPageNumbering(f"{where}: the printed numbers must be 1 or more"
                                       + (" and below 400 in Roman numerals"
                                          if r.style == "roman" else ""))
        if k and ranges[k - 1].last_index >= r.first_index:
            raise InvalidPageNumbering(f"{where} overlap the range before it")
    cat = session.catalog()
    before = {p.index: page_cite_text(p.label, p.label_source, p.index) for p in cat.pages(doc_id)}
    with session.writing() as lib:
        lib.catalog.set_page_numbering(doc_id, ranges)
        lib.sync_index()  # search results show the labels: the document is indexed again
    changed = []
    for p in session.catalog().pages(doc_id):
        now = page_cite_text(p.label, p.label_source, p.index)
        if before.get(p.index) != now:
            changed.append((p.index, before.get(p.index, ""), now))
    clips = cat.clips_on_pages(doc.sha256, [i for i, _a, _b in changed])
    return PageNumberingReport(doc_id, ranges, changed, clips)
