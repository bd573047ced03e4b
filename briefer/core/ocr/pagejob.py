"""The work done in a worker process for OCR: read one page, or find a scan's languages.

Both are pool tasks (:class:`briefer.core.files.workers.Job` with ``task`` naming
:func:`ocr_page_job` or :func:`detect_job`): the page is rendered by the module that owns
pdfium (:func:`briefer.core.files.pdfium.render_page_png`) into a temporary PNG, and
``tesseract`` reads it. Results are plain data (:class:`PageOcr`, :class:`Detection`);
a failure is returned as an error string, never raised across the process boundary.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from briefer.core.files.pdfium import render_page_png
from briefer.core.files.results import ExtractionError
from briefer.core.ocr import script
from briefer.core.ocr.errors import OcrError
from briefer.core.ocr.tesseract import run_tesseract
from briefer.core.ocr.tsv import DEFAULT_DPI, PageOcr, parse_tsv

DEFAULT_PAGE_TIMEOUT = 120.0
#: Resolution of the trial readings that choose a scan's language (a quarter of the work).
DETECT_DPI = 150
PAGE_TASK = "briefer.core.ocr.pagejob:ocr_page_job"
DETECT_TASK = "briefer.core.ocr.pagejob:detect_job"


def _render(path: str, page_index: int, png: str, dpi: int, password: Optional[str]) -> float:
    try:
        return render_page_png(path, page_index, png, dpi, password)
    except ExtractionError as exc:
        raise OcrError(exc.reason) from None


def ocr_page(path: str, page_index: int, languages: str, *, dpi: int = DEFAULT_DPI,
             timeout: float = DEFAULT_PAGE_TIMEOUT, password: Optional[str] = None,
             executable: Optional[str] = None) -> PageOcr:
    """Render one page and read it. Raises :class:`OcrError` (worded for the user)."""
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="briefer-page-") as tmp:
        png = os.path.join(tmp, "page.png")
        px_per_pt = _render(path, page_index, png, dpi, password)
        used_dpi = round(px_per_pt * 72)
        remaining = timeout - (time.monotonic() - t0)
        tsv = run_tesseract(png, languages, remaining, executable=executable, dpi=used_dpi)
    res = parse_tsv(tsv, px_per_pt)
    res.dpi = used_dpi
    res.seconds = time.monotonic() - t0
    res.languages = languages
    return res


def ocr_page_job(job: Any, deadline: float) -> PageOcr:
    """Worker entry point for one page (``payload``: page, languages, dpi, timeout, exe)."""
    p = job.payload
    timeout = min(p["timeout"], max(1.0, deadline - time.monotonic()))
    try:
        return ocr_page(job.path, p["page"], p["languages"], dpi=p["dpi"], timeout=timeout,
                        password=job.password, executable=p.get("executable"))
    except OcrError as exc:
        return PageOcr(error=str(exc), languages=p["languages"])


@dataclass
class Detection:
    """The languages chosen for a scan, and how (for the log and the tests)."""

    languages: str = ""
    osd: Optional[script.OsdResult] = None
    trials: list[script.Trial] = field(default_factory=list)
    error: str = ""

    @property
    def how(self) -> str:
        osd = f"script {self.osd.script} ({self.osd.confidence:g})" if self.osd else "no OSD"
        return f"{osd}; " + (", ".join(str(t) for t in self.trials) or "no trial")


def _trial_words(tsv: str) -> list[tuple[str, float]]:
    out = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 12 and cols[0] == "5" and cols[11].strip():
            try:
                out.append((cols[11].strip(), float(cols[10])))
            except ValueError:
                continue
    return out


def detect_languages(path: str, page_index: int, available: Sequence[str], *,
                     osd: bool = True, timeout: float = DEFAULT_PAGE_TIMEOUT,
                     password: Optional[str] = None,
                     executable: Optional[str] = None) -> Detection:
    """Choose the languages of a scan from one of its pages (see :mod:`.script`)."""
    t0 = time.monotonic()
    det = Detection()
    if not available:
        raise OcrError("no OCR language data is installed")
    with tempfile.TemporaryDirectory(prefix="briefer-detect-") as tmp:
        png = os.path.join(tmp, "page.png")
        px_per_pt = _render(path, page_index, png, DETECT_DPI, password)
        dpi = round(px_per_pt * 72)
        if osd:
            try:
                left = timeout - (time.monotonic() - t0)
                det.osd = script.parse_osd(run_tesseract(png, "", left, executable=executable,
                                                         dpi=dpi, psm=0, output="osd"))
            except OcrError:  # too little text for OSD: the trial readings decide
                det.osd = None
        tried = script.candidates(available, det.osd)
        if len(tried) == 1:  # OSD is sure and one language writes that script
            det.trials.append(script.Trial(tried[0], det.osd.confidence if det.osd else 0.0, 0))
        else:
            for lang in tried:
                det.trials.append(_trial(png, lang, dpi, timeout - (time.monotonic() - t0),
                                         executable))
        # the usual companion (English beside Urdu) is read too, to see whether it is there
        best = script.best_language(det.trials)
        done = {t.language for t in det.trials}
        for lang in script.companions_to_try(best, available):
            if lang not in done:
                det.trials.append(_trial(png, lang, dpi, timeout - (time.monotonic() - t0),
                                         executable))
    det.languages = script.choose(best, det.trials, available)
    return det


def _trial(png: str, lang: str, dpi: int, timeout: float,
           executable: Optional[str]) -> script.Trial:
    words = _trial_words(run_tesseract(png, lang, timeout, executable=executable, dpi=dpi))
    return script.score_trial(lang, words)


def detect_job(job: Any, deadline: float) -> Detection:
    """Worker entry point for choosing a scan's languages (``payload``: page, available,
    osd, timeout, exe)."""
    p = job.payload
    timeout = min(p["timeout"], max(1.0, deadline - time.monotonic()))
    try:
        return detect_languages(job.path, p["page"], p["available"], osd=p.get("osd", True),
                                timeout=timeout, password=job.password,
                                executable=p.get("executable"))
    except OcrError as exc:
        return Detection(error=str(exc))
