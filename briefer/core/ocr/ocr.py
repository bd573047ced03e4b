"""OCR of scanned pages: offline, with the ``tesseract`` program, in worker processes.

This module is the public face of the OCR package; each job lives in its own module:

* :mod:`.tesseract` — finding the program, its languages, running it on one image;
* :mod:`.languages` — language names to Tesseract codes, defaults, checks;
* :mod:`.script` — choosing the languages of a scan from its script;
* :mod:`.tsv` — Tesseract's TSV → page text and word boxes; boxes ↔ spans and rectangles;
* :mod:`.pagejob` — the work done in a worker (render a page through
  :func:`briefer.core.files.pdfium.render_page_png`, read it; detect the script);
* :mod:`.store` — the catalog side: the queue, results, word boxes, undo;
* :mod:`.run` — a run over a library through the worker pool;
* :mod:`.notes` — the words shown about OCR text.

An OCR page is a page like any other for search and clips; whoever shows its text says
where it came from: :func:`page_is_ocr` and :data:`OCR_NOTE`.
"""

from __future__ import annotations

from briefer.core.ocr.errors import LanguageMissing, OcrError, TesseractMissing
from briefer.core.ocr.languages import (DEFAULT_LANGUAGES, default_languages, language_hint,
                                        parse_languages, resolve_languages)
from briefer.core.ocr.notes import OCR_NOTE, needs_ocr_status, page_is_ocr
from briefer.core.ocr.pagejob import (DEFAULT_PAGE_TIMEOUT, Detection, detect_languages,
                                      ocr_page)
from briefer.core.ocr.run import DocumentOcr, OcrReport, run_ocr
from briefer.core.ocr.store import (document_languages, ensure_schema,
                                    library_default_languages, ocr_summary, pending_pages,
                                    remove_ocr, request_ocr, set_library_default_languages,
                                    store_result, word_boxes)
from briefer.core.ocr.tesseract import (MISSING_NOTE, TESSERACT_ENV, Tesseract, find_tesseract,
                                        forget_tesseract, install_hint, recognise, tesseract,
                                        tesseract_available)
from briefer.core.ocr.tsv import DEFAULT_DPI, PageOcr, boxes_for_span, parse_tsv, words_in_rect

__all__ = [
    "DEFAULT_DPI", "DEFAULT_LANGUAGES", "DEFAULT_PAGE_TIMEOUT", "Detection", "DocumentOcr",
    "LanguageMissing", "MISSING_NOTE", "OCR_NOTE", "OcrError", "OcrReport", "PageOcr",
    "TESSERACT_ENV", "Tesseract", "TesseractMissing", "boxes_for_span", "default_languages",
    "detect_languages", "document_languages", "ensure_schema", "find_tesseract",
    "forget_tesseract", "install_hint", "language_hint", "library_default_languages",
    "needs_ocr_status", "ocr_page", "ocr_summary", "page_is_ocr", "parse_languages",
    "parse_tsv", "pending_pages", "recognise", "remove_ocr", "request_ocr",
    "resolve_languages", "run_ocr", "set_library_default_languages", "store_result",
    "tesseract", "tesseract_available", "word_boxes", "words_in_rect",
]
