"""Reading one PDF: text, labels, outline and metadata. Runs inside an extraction worker.

:func:`extract_pdf` reads the text with pdfium (:mod:`.pdfium`, the reader's engine, so
its offsets are the reader's) and falls back to pypdf (:mod:`.pypdf_reader`) when pdfium
cannot open a file; pypdf also checks near-empty pages for scanned images and supplies
metadata, labels and the outline when it reads the text. The printed page numbers are
chosen in :mod:`.pagelabels`; the records returned are in :mod:`.results`.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any, Callable, Optional

from briefer.core.files.pagelabels import PageLabel, band_number, choose_labels, has_lone_number
from briefer.core.files.pdfium import PdfiumDoc, load_engine
from briefer.core.files.pypdf_reader import (PypdfDoc, open_pypdf, page_has_big_image,
                                             pypdf_info, pypdf_labels, pypdf_outline)
from briefer.core.files.results import (DAMAGED, MIN_CHARS_WITH_IMAGE, MIN_USABLE_CHARS,
                                        ExtractionError, ExtractResult, PageResult,
                                        clean_text, content_letters, plain_reason)
from briefer.core.files.sniff import sniff_file

log = logging.getLogger(__name__)

ENGINES = ("auto", "pdfium", "pypdf")


def extract_pdf(path: str | Path, password: Optional[str] = None, engine: str = "auto",
                deadline: Optional[float] = None,
                on_page: Optional[Callable[[int, int], None]] = None,
                deadline_for: Optional[Callable[[int], float]] = None) -> ExtractResult:
    """Extract one PDF. Never raises for a bad file: the result says what went wrong.

    ``engine`` is 'auto' (pdfium, falling back to pypdf), 'pdfium' or 'pypdf'.
    ``deadline`` is a ``time.monotonic()`` value after which page extraction stops (the
    worker pool enforces a hard limit on top of this); ``deadline_for(pages)``, when
    given, replaces it once the page count is known (a long document gets more time).
    Pages read by then are kept: the result is partial (:attr:`ExtractResult.pages_read`
    less than the page count, the reason says which pages are not read yet); a document
    stopped before its first page is 'failed'. ``on_page(done, total)`` is called before
    each page is read.
    """
    t0 = time.monotonic()
    path = str(path)
    warnings: list[str] = []
    try:
        res = _extract(path, password, engine, deadline, warnings, on_page, deadline_for)
    except ExtractionError as exc:
        res = ExtractResult(status=exc.status, reason=exc.reason)
    except MemoryError:
        res = ExtractResult(status="failed", reason="too large to read (memory limit reached)")
    except RecursionError:
        res = ExtractResult(status="failed", reason="the PDF's structure is nested too deeply")
    except Exception as exc:  # a parser bug must cost one file, never the import
        log.exception("extraction failed for %s", path)
        res = ExtractResult(status="failed", reason=plain_reason(exc))
        warnings.append(f"{type(exc).__name__}: {exc}"[:500])
    res.warnings = warnings[:50] + res.warnings
    res.seconds = time.monotonic() - t0
    return res


def _extract(path: str, password: Optional[str], engine: str, deadline: Optional[float],
             warnings: list[str], on_page: Optional[Callable[[int, int], None]] = None,
             deadline_for: Optional[Callable[[int], float]] = None) -> ExtractResult:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}")
    sniff = sniff_file(path)
    if not sniff.is_pdf:
        raise ExtractionError(sniff.reason)

    # pypdf is opened only when needed: pdfium cannot open the file or refuses its password,
    # the pypdf engine was asked for, or a page with little text must be checked for images.
    # (Opening every file with pypdf cost about a fifth of an import.)
    pypdf_state: dict[str, Any] = {}
    failures: list[BaseException] = []  # why pypdf could not open the file
    pdfium_failure = ""

    def get_reader() -> tuple[Any, str]:
        if "reader" not in pypdf_state:
            r, enc, problem = open_pypdf(path, password, warnings, failures)
            pypdf_state.update(reader=None if problem else r, encrypted=enc, problem=problem)
        return pypdf_state["reader"], pypdf_state["problem"]

    def password_error() -> ExtractionError:
        return ExtractionError("wrong password" if password else
                               "password protected",
                               "needs_password")

    doc: Any = None
    if engine in ("auto", "pdfium"):
        try:
            doc = PdfiumDoc(path, password)
        except ExtractionError as exc:
            reader, problem = get_reader()
            if exc.status == "needs_password":
                if reader is None:
                    raise password_error() from None
                # pypdf decrypted it (e.g. with the owner password, or a SASLprep password
                # pdfium does not normalise): read it with pypdf.
                warnings.append("pdfium refused the password; pypdf reads the file")
            elif problem:
                raise password_error() from None
            else:
                warnings.append(exc.reason)
                pdfium_failure = exc.reason
                if engine == "pdfium":
                    raise
    if doc is None:
        reader, problem = get_reader()
        if problem:
            raise password_error()
        if reader is None:  # the reason pypdf gives is more telling than pdfium's code
            raise ExtractionError(plain_reason(failures[-1]) if failures else
                                  pdfium_failure or DAMAGED)
        try:
            doc = PypdfDoc(reader)
        except Exception as exc:
            warnings.append(f"pypdf: {type(exc).__name__}: {exc}"[:500])
            raise ExtractionError(plain_reason(exc)) from None

    try:
        n = doc.page_count
        if n <= 0:
            raise ExtractionError("the file is damaged: it has no pages")
        texts: list[str] = []
        orders: list[Optional[list[list[int]]]] = []
        if deadline_for is not None:
            deadline = deadline_for(n)
        read = n
        for i in range(n):
            if deadline is not None and time.monotonic() > deadline:
                if i == 0:
                    raise ExtractionError(f"could not be read in time (stopped at page 1 of {n})")
                read = i  # the pages read are kept; the rest can be read with more time
                texts += [""] * (n - i)
                orders += [None] * (n - i)
                break
            if on_page is not None:
                on_page(i, n)
            text = clean_text(doc.page_text(i))
            order = None
            if doc.name == "pdfium":
                text, order = doc.reading_order(i, text)
            texts.append(text)
            orders.append(order)
        if on_page is not None:
            on_page(read, n)
        if doc.name == "pdfium":
            pdf_labels: Optional[list[str]] = doc.labels()
            info = doc.info()
            outline = doc.outline()
        else:
            pdf_labels = pypdf_labels(doc.reader, n)
            info = pypdf_info(doc.reader, warnings)
            outline = pypdf_outline(doc.reader, warnings)
    finally:
        doc.close()

    # Page labels: the PDF's own, else printed numbers found on the pages, else 1..n.
    labels: list[PageLabel] = choose_labels(pdf_labels, texts)
    if doc.name == "pdfium":
        labels = _labels_from_layout(path, password, texts, orders, pdf_labels, labels, read)

    pages: list[PageResult] = []
    letter_counts = [content_letters(t) for t in texts]
    for i, text in enumerate(texts):
        letters = letter_counts[i]
        has_image = False
        if letters < MIN_CHARS_WITH_IMAGE and i < read:
            # Without pypdf we cannot look for images; a near-empty page is then assumed scanned.
            reader, _problem = get_reader()
            has_image = page_has_big_image(reader, i, n) if reader is not None else (
                letters < MIN_USABLE_CHARS)
        pages.append(PageResult(text=text, label=labels[i].label, label_source=labels[i].source,
                                needs_ocr=has_image and letters < MIN_CHARS_WITH_IMAGE,
                                has_images=has_image, order=orders[i],
                                pdf_label=labels[i].pdf_label))

    encrypted = bool(pypdf_state.get("encrypted")) if "reader" in pypdf_state else \
        _has_encryption_dictionary(path)
    # A document is searchable when some page has real text that is not a scan's stray layer.
    any_text = any(n > 0 and not p.needs_ocr for n, p in zip(letter_counts, pages))
    ocr_pages = sum(p.needs_ocr for p in pages)
    if not any_text:
        if ocr_pages:
            status, reason = "needs_ocr", "scanned: no text layer — needs OCR"
        else:
            status, reason = "no_text", "no text found on any page (blank or drawn text)"
    else:
        status = "ok"
        reason = f"{ocr_pages} of {n} pages are scans without text — need OCR" if ocr_pages else ""
    if read < n:
        reason = "; ".join(r for r in (not_read_reason(read, n), reason) if r)
    return ExtractResult(status=status, reason=reason, engine=doc.name, pages=pages,
                         outline=outline, info=info, encrypted=encrypted,
                         pages_read=read if read < n else None)


# The most pages of one document whose layout is read for a page number (see below).
LAYOUT_LABEL_PAGES = 40


def _labels_from_layout(path: str, password: Optional[str], texts: list[str],
                        orders: list[Optional[list[list[int]]]], pdf_labels: Optional[list[str]],
                        labels: list[PageLabel], read: int) -> list[PageLabel]:
    """The labels again, with the page numbers the layout shows alone in a page's top or
    bottom band (:func:`briefer.core.files.pagelabels.band_number`) on pages the text left
    without a printed number. Only pages with a line that is just a number other than the
    page's label are read (and at most :data:`LAYOUT_LABEL_PAGES`): nearly every import
    reads no layout at all (a page printing its own PDF page number alone is left cited by
    that number, as before, rather than paying for its layout)."""
    wanted = [i for i, lab in enumerate(labels[:read])
              if lab.source in ("index", "pdf") and has_lone_number(texts[i], lab.label)]
    wanted = wanted[:LAYOUT_LABEL_PAGES]
    if not wanted:
        return labels
    from briefer.core.files import layout

    if not layout.available():
        return labels
    keep = set(wanted)
    try:
        # one character a line is enough to know which lines are in the bands
        lays = layout.read_layouts(path, [t if i in keep else None for i, t in enumerate(texts)],
                                   orders, password, head=1)
    except Exception:  # the layout is a refinement: never a reason to fail an import
        log.exception("layout of %s for its page numbers", path)
        return labels
    band: dict[int, int] = {}
    for i in wanted:
        lay = lays[i]
        if lay is not None:
            value = band_number(texts[i], [(ln.start, ln.end) for ln in _outermost(lay.lines)])
            if value is not None:
                band[i] = value
    return choose_labels(pdf_labels, texts, band) if band else labels


def _outermost(lines: list[Any]) -> list[Any]:
    """The highest lines of a page in its top band and the lowest in its bottom band (with
    the lines level with them), where a running header or footer stands."""
    def height(ln: Any, name: str) -> float:  # how far out: up for a header, down for a footer
        return float(ln.top if name == "header" else -ln.bottom)

    out = []
    for name in ("header", "footer"):
        lines_in = [ln for ln in lines if ln.band == name and ln.chars]
        if lines_in:
            edge = max(lines_in, key=lambda ln: height(ln, name))
            tol = max(2.0, 0.5 * (edge.top - edge.bottom))
            out += [ln for ln in lines_in if height(ln, name) >= height(edge, name) - tol]
    return out


def not_read_reason(read: int, n: int) -> str:
    """The reason of a partly read document: which pages are not read yet."""
    first = read + 1
    pages = f"page {first}" if first == n else f"pages {first}–{n}"
    return f"{pages} not read yet: the time allowed ran out — read them with more time"


def _has_encryption_dictionary(path: str) -> bool:
    """Whether the file names an /Encrypt dictionary (it is in the trailer, never compressed)."""
    import mmap

    try:
        with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
            return m.rfind(b"/Encrypt") >= 0
    except (OSError, ValueError):
        return False


def warm_up() -> None:
    """Load, before a worker's first job, what nearly every import needs: the modules
    that prepare a result for the catalog, pypdf (most files have a page whose images are
    looked at) and the PDF engine's one-time set-up. About 0.25 s a worker, which an
    import otherwise waits for at its first file."""
    import importlib

    load_engine()
    for name in ("briefer.core.files.metadata", "briefer.core.text.analysis", "pypdf"):
        importlib.import_module(name)


def prepare_for_catalog(result: ExtractResult, file_name: str) -> None:
    """Add metadata guesses and analysed page terms (work done in the worker process)."""
    from briefer.core.files.metadata import guess_metadata
    from briefer.core.text.analysis import term_texts

    if not result.pages:
        return
    try:
        result.guesses = guess_metadata(file_name, result.info,
                                        "\n".join(p.text for p in result.pages[:15]))
        result.page_terms = [term_texts(p.text) for p in result.pages]
    except Exception:  # the parent can always do this itself
        log.exception("preparing %s", file_name)
        result.page_terms = None
