"""What the rest of Briefer says about OCR text and scans waiting for it.

Search results, citations, the reader and the document list all need the same few words
about OCR, so no front end rewords them; the words themselves are in :mod:`.constants`, a
leaf other rooms import without loading the rest of OCR.
"""

from __future__ import annotations

from typing import Any, Optional

from briefer.core.ocr.constants import MISSING_NOTE, OCR_NOTE
from briefer.core.ocr.tesseract import tesseract_available

__all__ = ["MISSING_NOTE", "OCR_NOTE", "needs_ocr_status", "page_is_ocr"]


def page_is_ocr(page: Any) -> bool:
    """True when a catalog page's text came from OCR (show :data:`OCR_NOTE` with it)."""
    return getattr(page, "text_source", "pdf") == "ocr"


def needs_ocr_status(doc: Any, executable: Optional[str] = None) -> str:
    """Status words for a document with scanned pages not yet read."""
    if not tesseract_available(executable):
        return MISSING_NOTE
    if doc.status == "needs_ocr":
        return "needs OCR"
    n = doc.ocr_pages
    return f"ok, {n} scanned page{'s' if n != 1 else ''} need OCR"
