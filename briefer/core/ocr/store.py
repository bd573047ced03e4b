"""What OCR keeps in the catalog: the queue of pages, each page's result, undo.

The catalog is the queue: pages with ``needs_ocr = 1`` wait. A page's result is written
in one transaction: the OCR text becomes the page's text (``text_source = 'ocr'``,
``ocr_confidence`` = Tesseract's mean word confidence, ``needs_ocr = 0``), the page's own
text layer (a "CamScanner" watermark, say) is kept in ``ocr_pages`` so that removing or
re-running OCR can restore it, the word boxes are stored with it, and the document's
status is recomputed. Per document, ``ocr_documents`` remembers the languages chosen by
the user, or found from the scan's script (``source = 'detected'``), so a later run reads
the document the same way without asking again.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Optional, Sequence

from briefer.core.catalog.catalog import Catalog
from briefer.core.catalog.records import Document
from briefer.core.catalog.tables import OCR
from briefer.core.handle import LibraryHandle, LibraryView
from briefer.core.ocr.languages import (DEFAULT_LANGUAGES, default_languages, parse_languages,
                                        resolve_languages)
from briefer.core.ocr.tesseract import tesseract
from briefer.core.ocr.tsv import PageOcr

_LIBRARY_DEFAULT_KEY = "ocr.languages"


def ensure_schema(catalog: Catalog) -> None:
    """Kept for callers of the former first-use set-up: the OCR tables are made when the
    catalog opens (``catalog/tables.py``). Raises ``CatalogError`` only for a read-only
    catalog no writer has upgraded, which lacks them."""
    catalog.require_module_schema(OCR.module)


def _has_tables(lib: LibraryView) -> bool:
    """Whether the catalog has the OCR tables (a read-only one may not: nothing read yet)."""
    return lib.catalog.has_module_schema(OCR.module)


# --------------------------------------------------------------------------- languages


def library_default_languages(lib: LibraryView) -> str:
    return lib.catalog.meta(_LIBRARY_DEFAULT_KEY) or DEFAULT_LANGUAGES


def library_default_is_set(lib: LibraryView) -> bool:
    """Whether the user chose the library's OCR languages (else scans are checked)."""
    return bool(lib.catalog.meta(_LIBRARY_DEFAULT_KEY))


def set_library_default_languages(lib: LibraryView, languages: str,
                                  executable: Optional[str] = None) -> str:
    """Set the languages OCR uses for documents without language metadata."""
    codes = parse_languages(languages)
    t = tesseract(executable)
    if t is not None:
        resolve_languages(codes, t.languages)
    value = "+".join(codes) or DEFAULT_LANGUAGES
    lib.catalog.set_meta(_LIBRARY_DEFAULT_KEY, value)
    return value


def remember_languages(lib: LibraryView, doc_id: int, languages: str, source: str = "user") -> None:
    """Keep a document's OCR languages (``source``: 'user' or 'detected')."""
    with lib.catalog.transaction() as db:
        db.execute("INSERT INTO ocr_documents(doc_id, languages, source) VALUES (?, ?, ?) "
                   "ON CONFLICT(doc_id) DO UPDATE SET languages = excluded.languages, "
                   "source = excluded.source", (doc_id, languages, source))


def forget_languages(lib: LibraryView, doc_id: int) -> None:
    """Forget a document's OCR languages (chosen or found): the next run decides again
    from its metadata, the library's default or its pages' script."""
    with lib.catalog.transaction() as db:
        db.execute("DELETE FROM ocr_documents WHERE doc_id = ?", (doc_id,))


def document_languages(lib: LibraryView, doc: Document, available: Sequence[str],
                       detect: bool = False) -> Optional[str]:
    """A document's OCR languages: the user's last choice for it, else those found from
    its script, else its language metadata, else the library's default. With ``detect``,
    ``None`` means nothing says (no metadata, no default chosen): check the scan's script."""
    row = lib.catalog.execute("SELECT languages FROM ocr_documents WHERE doc_id = ?",
                              (doc.id,)).fetchone() if _has_tables(lib) else None
    if row is not None:
        chosen = parse_languages(row[0])
        if chosen and all(c in available for c in chosen):
            return "+".join(chosen)
    if detect and not parse_languages(doc.language) and not library_default_is_set(lib):
        return None
    return default_languages(doc.language, available, library_default_languages(lib))


# --------------------------------------------------------------------------- the queue


def pending_pages(lib: LibraryView,
                  doc_ids: Optional[Iterable[int]] = None) -> dict[int, list[int]]:
    """Pages waiting for OCR, by document (only documents that can be searched)."""
    sql = ("SELECT p.doc_id, p.page_index FROM pages p JOIN documents d ON d.id = p.doc_id "
           "WHERE p.needs_ocr = 1 AND d.status IN ('ok', 'needs_ocr', 'no_text')")
    params: list[Any] = []
    if doc_ids is not None:
        ids = list(doc_ids)
        if not ids:
            return {}
        sql += f" AND p.doc_id IN ({','.join('?' * len(ids))})"
        params = ids
    out: dict[int, list[int]] = {}
    for doc_id, idx in lib.catalog.execute(sql + " ORDER BY p.doc_id, p.page_index", params):
        out.setdefault(doc_id, []).append(idx)
    return out


def request_ocr(lib: LibraryHandle, doc_id: int, languages: Optional[str] = None, *,
                executable: Optional[str] = None, redo: bool = True,
                all_pages: bool = False) -> int:
    """Queue a document's scanned pages for OCR again (other languages, a better scan).

    Pages read by OCR before are flagged again; they keep their current text (and stay
    searchable) until the new result replaces it. ``languages`` is remembered for the
    document. ``all_pages`` queues every page, also those with a text layer (for a page
    whose text is partly an image, which import cannot tell); their own text is kept and
    comes back with :func:`remove_ocr`. Returns the number of pages queued.
    """
    lib.require_writable()
    if languages:
        codes = parse_languages(languages)
        t = tesseract(executable)
        if t is not None:
            resolve_languages(codes, t.languages)
        remember_languages(lib, doc_id, "+".join(codes), "user")
    if not redo:
        return len(pending_pages(lib, [doc_id]).get(doc_id, []))
    from briefer.core.catalog.catalog import now_iso

    pages = [p for p in lib.catalog.pages(doc_id)
             if all_pages or p.text_source == "ocr" or p.needs_ocr]
    with lib.catalog.transaction() as db:
        # A page with its own text that import did not flag: remember that, for remove_ocr.
        db.executemany(
            "INSERT OR IGNORE INTO ocr_pages(doc_id, page_index, original_text, flagged, at) "
            "VALUES (?,?,?,0,?)", [(doc_id, p.index, p.text, now_iso()) for p in pages
                                   if p.text_source == "pdf" and not p.needs_ocr])
        lib.catalog.flag_pages_for_ocr(doc_id, [p.index for p in pages])
    return len(pages)


def remove_ocr(lib: LibraryHandle, doc_id: int) -> int:
    """Undo OCR for a document: its pages get back their own text layer and the flag."""
    lib.require_writable()
    rows = list(lib.catalog.execute(
        "SELECT o.page_index, o.original_text, o.flagged, p.text_source FROM ocr_pages o "
        "JOIN pages p ON p.doc_id = o.doc_id AND p.page_index = o.page_index "
        "WHERE o.doc_id = ?", (doc_id,)))
    with lib.catalog.transaction() as db:
        for idx, original, flagged, source in rows:
            if source == "ocr" or not flagged:  # not flagged: queued with --all-pages
                lib.catalog.set_page_text(doc_id, idx, original, text_source="pdf",
                                          needs_ocr=bool(flagged), ocr_confidence=None)
        rows = [r for r in rows if r[3] == "ocr"]
        db.execute("DELETE FROM ocr_pages WHERE doc_id = ?", (doc_id,))
        db.execute("DELETE FROM ocr_documents WHERE doc_id = ?", (doc_id,))
        refresh_status(lib, doc_id)
    lib.sync_index()
    return len(rows)


# --------------------------------------------------------------------------- results


def word_boxes(lib: LibraryView, doc_id: int, page_index: int) -> list[list[float]]:
    """An OCR page's words: ``[start, end, x0, y0, x1, y1]`` (offsets into the page text,
    box in PDF points from the page's top left), for highlighting hits on the scan."""
    if not _has_tables(lib):
        return []
    row = lib.catalog.execute("SELECT words FROM ocr_pages WHERE doc_id = ? AND page_index = ?",
                              (doc_id, page_index)).fetchone()
    return json.loads(row[0]) if row else []


def ocr_summary(lib: LibraryView, doc_id: int) -> dict[str, Any]:
    """OCR state of one document: pages read, waiting, failed; languages; confidence."""
    pages = lib.catalog.pages(doc_id)
    ocr = [p for p in pages if p.text_source == "ocr"]
    errors: dict[int, str] = {}
    langs: list[str] = []
    if _has_tables(lib):
        errors = {r[0]: r[1] for r in lib.catalog.execute(
            "SELECT page_index, error FROM ocr_pages WHERE doc_id = ? AND error != ''",
            (doc_id,))}
        langs = sorted({r[0] for r in lib.catalog.execute(
            "SELECT languages FROM ocr_pages WHERE doc_id = ? AND error = '' AND "
            "languages != ''", (doc_id,))})
    confs = [p.ocr_confidence for p in ocr if p.ocr_confidence is not None]
    return {
        "pages": len(pages),
        "ocr_pages": [p.number for p in ocr],
        "waiting": [p.number for p in pages if p.needs_ocr],
        "failed": [{"page_number": i + 1, "reason": r} for i, r in sorted(errors.items())
                   if i < len(pages) and pages[i].needs_ocr],
        "languages": langs,
        "mean_confidence": round(sum(confs) / len(confs), 1) if confs else None,
        "page_confidence": {p.number: p.ocr_confidence for p in ocr},
    }


def refresh_status(lib: LibraryView, doc_id: int) -> None:
    """Recompute a document's status and reason from its pages (inside a transaction)."""
    from briefer.core.files.results import content_letters

    doc = lib.catalog.document(doc_id)
    if doc is None or doc.status not in ("ok", "needs_ocr", "no_text"):
        return
    pages = lib.catalog.pages(doc_id)
    n = len(pages)
    ocr = [p for p in pages if p.text_source == "ocr"]
    waiting = sum(p.needs_ocr for p in pages)
    has_text = any(not p.needs_ocr and content_letters(p.text, 1) > 0 for p in pages)
    parts = []
    if ocr:
        confs = [p.ocr_confidence for p in ocr if p.ocr_confidence is not None]
        langs = sorted({r[0] for r in lib.catalog.execute(
            "SELECT languages FROM ocr_pages WHERE doc_id = ? AND languages != ''",
            (doc_id,))})
        conf = f", mean confidence {sum(confs) / len(confs):.0f} %" if confs else ""
        lang = f" ({'; '.join(langs)}{conf})" if langs else ""
        parts.append(f"{len(ocr)} of {n} page{'s' if n != 1 else ''} read by OCR{lang} — "
                     "check quotes against the scan")
    if has_text:
        status = "ok"
        if waiting:
            parts.append(f"{waiting} of {n} pages are scans without text — need OCR")
    elif waiting:
        status = "needs_ocr"
        if not ocr:
            parts = ["scanned: no text layer — needs OCR"]
        else:
            parts.append(f"{waiting} of {n} pages still need OCR")
    else:
        status = "no_text"
        parts = ["OCR found no text on the scanned pages" if ocr else
                 "no text found on any page (blank or drawn text)"]
    lib.catalog.set_status(doc_id, status, "; ".join(parts))


def store_result(lib: LibraryView, doc_id: int, page_index: int, languages: str,
                 res: PageOcr) -> None:
    """Write one page's OCR result (or its failure) in one transaction."""
    from briefer.core.catalog.catalog import now_iso

    with lib.catalog.transaction() as db:
        page = lib.catalog.page(doc_id, page_index)
        if page is None:  # the document was removed meanwhile
            return
        row = db.execute("SELECT original_text FROM ocr_pages WHERE doc_id = ? AND "
                         "page_index = ?", (doc_id, page_index)).fetchone()
        # The page's own text layer: what it has now, unless that is an earlier OCR text.
        original = row[0] if row is not None and page.text_source == "ocr" else page.text
        if res.error:
            db.execute(
                "INSERT INTO ocr_pages(doc_id, page_index, original_text, languages, error, at) "
                "VALUES (?,?,?,?,?,?) ON CONFLICT(doc_id, page_index) DO UPDATE SET "
                "error = excluded.error, at = excluded.at",
                (doc_id, page_index, original, languages, res.error, now_iso()))
            return
        db.execute(
            "INSERT INTO ocr_pages(doc_id, page_index, original_text, languages, dpi, seconds, "
            "error, words, at) VALUES (?,?,?,?,?,?,'',?,?) ON CONFLICT(doc_id, page_index) "
            "DO UPDATE SET original_text = excluded.original_text, languages = "
            "excluded.languages, dpi = excluded.dpi, seconds = excluded.seconds, error = '', "
            "words = excluded.words, at = excluded.at",
            (doc_id, page_index, original, languages, res.dpi, round(res.seconds, 3),
             json.dumps(res.words, separators=(",", ":")), now_iso()))
        lib.catalog.set_page_text(doc_id, page_index, res.text, text_source="ocr",
                                  needs_ocr=False,
                                  ocr_confidence=res.confidence if res.confidence is not None
                                  else 0.0)
        refresh_status(lib, doc_id)
