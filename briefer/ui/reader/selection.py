"""What the reader hands to the rest of the window: a selection in stored offsets.

Plain data, so the brief panel, the clipboard and tests need nothing from the reader's
widgets: offsets count code points in the catalog's page text, like every offset Briefer
stores (the reader converts from pdfium's UTF-16 indices before making one).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReaderSelection:
    """A passage selected in the reader: ``text == page_text[start:end]``."""

    doc_id: int
    page_index: int
    start: int
    end: int
    text: str
    ocr: bool = False  # the page's text came from OCR: check it against the scan
