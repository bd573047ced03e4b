"""The errors of OCR, worded for a person, with reason codes for the front ends.

Kept apart so that every OCR module (the program, the languages, the page job, the run)
raises the same classes without importing one another.
"""

from __future__ import annotations

from briefer.core.errors import BrieferError


class OcrError(BrieferError):
    """OCR cannot run as asked; the message says why."""

    reason = "ocr_error"


class TesseractMissing(OcrError):
    """The tesseract program is not installed (or not where it was said to be)."""

    reason = "tesseract_missing"


class LanguageMissing(OcrError):
    """A language was asked for whose Tesseract data is not installed."""

    reason = "ocr_language_missing"
