"""What the rest of Briefer says about OCR text and scans waiting for it.

Search results, citations, the reader and the document list all need the same few words
about OCR; they live here so no front end rewords them.
"""

from __future__ import annotations

from typing import Any, Optional

from briefer.core.ocr.tesseract import MISSING_NOTE, tesseract_available

#: What search results, citations and the reader say about text that came from OCR.
OCR_NOTE = "text from OCR — check against the scan"


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
