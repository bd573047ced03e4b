"""Text, labels, outline and metadata of one PDF. Runs inside an extraction worker process.

Two text engines sit behind :func:`extract_pdf`: pdfium through Qt's PDF module (fast, and
the same engine as the reader, so a character offset here is the offset the reader turns
into highlight boxes) and pypdf (the fallback when pdfium cannot open a file). pypdf also
supplies what it is best at: encryption, metadata, page labels and the outline.

This is the only core module allowed to import PySide6 (``QtPdf`` needs no application
object), so it also renders pages to images for OCR (:func:`render_page_png`). Everything
returned is plain data that pickles across a process boundary.
"""

from __future__ import annotations

import logging
import re
import time
from bisect import bisect_left
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional

from briefer.core.files import textorder
from briefer.core.files.pagelabels import PageLabel, choose_labels
from briefer.core.files.sniff import sniff_file

log = logging.getLogger(__name__)

ENGINES = ("auto", "pdfium", "pypdf")

# Phone-scanner apps stamp a small text layer on image-only pages; it is not content.
_WATERMARKS = re.compile(
    r"(scanned\s+(with|by)\s+)?(camscanner|cam\s*scanner|adobe\s+scan|genius\s+scan|"
    r"microsoft\s+lens|office\s+lens|tapscanner|clearscanner)|\bCS\b",
    re.I,
)
# A page whose text (watermarks removed) has fewer letters and digits than this is empty.
MIN_USABLE_CHARS = 20
# ... and a page with a large image and fewer than this is a scan with a stray text layer.
MIN_CHARS_WITH_IMAGE = 100
_BIG_IMAGE_PIXELS = 400 * 400
# An Arabic-script word (its first letter is where the glyph positions are measured).
_RTL_WORD = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+")


class ExtractionError(Exception):
    """A file could not be read; ``reason`` is a sentence a user understands."""

    def __init__(self, reason: str, status: str = "failed") -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass
class PageResult:
    """One page: raw engine text (offsets point into it), printed label, OCR need."""

    text: str
    label: str
    label_source: str
    needs_ocr: bool = False
    has_images: bool = False
    pdf_label: str = ""  # the PDF's own label where the printed one cited differs
    # Set when right-to-left lines were put in reading order: stored offset -> engine
    # character runs (briefer.core.files.textorder); None when the text is the engine's.
    order: Optional[list[list[int]]] = None


@dataclass
class ExtractResult:
    """Everything extracted from one PDF (plain data; crosses the process boundary)."""

    status: str  # 'ok' | 'needs_ocr' | 'needs_password' | 'failed'
    reason: str = ""
    engine: str = ""
    pages: list[PageResult] = field(default_factory=list)
    outline: list[tuple[int, str, Optional[int]]] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)
    encrypted: bool = False
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # Filled in by the worker so the parent process does less: metadata guesses and each
    # page's analysed terms (what the index would compute from the text itself).
    guesses: dict[str, str] = field(default_factory=dict)
    page_terms: Optional[list[list[str]]] = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def usable_text(text: str) -> str:
    """The page text with scanner watermarks removed, for deciding whether OCR is needed."""
    return _WATERMARKS.sub(" ", text)


def count_letters(text: str, limit: int = 1 << 30) -> int:
    """Letters and digits in ``text`` (what counts as real content), counting up to ``limit``."""
    n = 0
    for ch in text:
        if ch.isalnum():
            n += 1
            if n >= limit:
                break
    return n


def content_letters(text: str, limit: int = MIN_CHARS_WITH_IMAGE) -> int:
    """Letters and digits of real content (watermarks removed), counting up to ``limit``."""
    n = count_letters(text, limit + 40)
    if n < limit + 40:  # a scanner watermark is short: only then can it matter
        n = count_letters(usable_text(text), limit)
    return min(n, limit)


# --------------------------------------------------------------------------- engines


class _PdfiumDoc:
    """pdfium through ``QPdfDocument``; raises ExtractionError when it cannot open."""

    name = "pdfium"

    def __init__(self, path: str, password: Optional[str]) -> None:
        from PySide6.QtPdf import QPdfDocument

        self._doc = QPdfDocument(None)
        if password:
            self._doc.setPassword(password)
        err = self._doc.load(path)
        E = QPdfDocument.Error
        if err == E.IncorrectPassword:
            raise ExtractionError("password", "needs_password")
        if err != E.None_:
            raise ExtractionError(f"pdfium could not open the file ({err.name})")
        self.page_count = self._doc.pageCount()

    def page_text(self, i: int) -> str:
        return self._doc.getAllText(i).text()

    def reading_order(self, i: int, text: str) -> tuple[str, Optional[list[list[int]]]]:
        """The page text with right-to-left lines drawn in visual order put in reading
        order (see :mod:`briefer.core.files.textorder`), judged by where pdfium puts the
        first glyph of each Arabic-script word."""
        if not textorder.has_rtl(text):
            return text, None
        wide = [k for k, ch in enumerate(text) if ord(ch) > 0xFFFF]  # two UTF-16 units

        def glyph(k: int) -> tuple[float, float]:
            utf16 = k + bisect_left(wide, k)
            c = self._doc.getSelectionAtIndex(i, utf16, 1).boundingRectangle().center()
            return c.x(), c.y()

        def judge(start: int, end: int) -> textorder.LineOrder:
            words = list(_RTL_WORD.finditer(text, start, end))[:12]
            firsts = [glyph(m.start()) for m in words]
            lasts = [glyph(m.end() - 1) for m in words]
            xs, ys = [p[0] for p in firsts + lasts], [p[1] for p in firsts + lasts]
            if not xs or max(ys) - min(ys) > 0.5 * (max(xs) - min(xs)):
                return textorder.LineOrder()  # not a horizontal line (rotated, scattered)
            letters = [(f[0], la[0]) for f, la, m in zip(firsts, lasts, words)
                       if m.end() - m.start() >= 2]
            return textorder.line_order([f[0] for f in firsts], letters)

        return textorder.logical_lines(text, judge)

    def labels(self) -> list[str]:
        """The PDF's page labels (pdfium gives 1, 2, 3 … where the PDF has none)."""
        return [clean_text(self._doc.pageLabel(i)) for i in range(self.page_count)]

    def info(self) -> dict[str, str]:
        from PySide6.QtPdf import QPdfDocument

        F = QPdfDocument.MetaDataField
        out: dict[str, str] = {}
        for key, fld in (("title", F.Title), ("author", F.Author), ("subject", F.Subject),
                         ("keywords", F.Keywords), ("creator", F.Creator),
                         ("producer", F.Producer), ("creationdate", F.CreationDate),
                         ("moddate", F.ModificationDate)):
            value = self._doc.metaData(fld)
            if hasattr(value, "isValid"):  # QDateTime
                value = value.toString("'D:'yyyyMMddHHmmss") if value.isValid() else ""
            value = clean_text(str(value or "")).strip()
            if value:
                out[key] = value[:1000]
        return out

    def outline(self) -> list[tuple[int, str, Optional[int]]]:
        from PySide6.QtCore import QModelIndex
        from PySide6.QtPdf import QPdfBookmarkModel

        model = QPdfBookmarkModel(None)
        model.setDocument(self._doc)
        out: list[tuple[int, str, Optional[int]]] = []
        page_role = QPdfBookmarkModel.Role.Page
        title_role = QPdfBookmarkModel.Role.Title

        def walk(parent: Any, level: int) -> None:
            for r in range(model.rowCount(parent)):
                if len(out) >= 5000:
                    return
                idx = model.index(r, 0, parent)
                page = idx.data(page_role)
                page = page if isinstance(page, int) and 0 <= page < self.page_count else None
                out.append((level, clean_text(str(idx.data(title_role) or "")).strip()[:500],
                            page))
                walk(idx, level + 1)

        walk(QModelIndex(), 0)
        return out

    def close(self) -> None:
        self._doc.close()


class _PypdfDoc:
    """pypdf's text extraction (slow, but reads some files pdfium refuses)."""

    name = "pypdf"

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self.page_count = len(reader.pages)

    def page_text(self, i: int) -> str:
        try:
            return self._reader.pages[i].extract_text() or ""
        except Exception as exc:  # pypdf raises many kinds on broken content streams
            log.debug("pypdf page %d: %s", i, exc)
            return ""

    def close(self) -> None:
        pass


def _open_pypdf(path: str, password: Optional[str], warnings: list[str]) -> tuple[Any, bool, str]:
    """Open with pypdf; returns (reader or None, encrypted, password problem or '')."""
    try:
        import pypdf

        reader = pypdf.PdfReader(path, strict=False)
    except Exception as exc:
        warnings.append(f"pypdf could not open the file: {type(exc).__name__}: {exc}")
        return None, False, ""
    encrypted = False
    try:
        encrypted = bool(reader.is_encrypted)
    except Exception as exc:
        warnings.append(f"pypdf: {type(exc).__name__}: {exc}")
    if encrypted:
        try:
            result = reader.decrypt(password or "")
            if not result:
                return reader, True, "wrong" if password else "needed"
        except Exception as exc:  # DependencyError, NotImplementedError, cryptography errors
            warnings.append(f"pypdf could not decrypt: {type(exc).__name__}: {exc}")
            return None, True, ""
    return reader, encrypted, ""


def _pypdf_info(reader: Any, warnings: list[str]) -> dict[str, str]:
    info: dict[str, str] = {}
    try:
        meta = reader.metadata
        if meta:
            for key in ("/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer",
                        "/CreationDate", "/ModDate"):
                value = meta.get(key)
                if value is not None:
                    info[key[1:].lower()] = clean_text(str(value))[:1000]
    except Exception as exc:
        warnings.append(f"metadata unreadable: {type(exc).__name__}")
    return info


def _pypdf_labels(reader: Any, n: int) -> Optional[list[str]]:
    try:
        root = reader.trailer["/Root"]
        if "/PageLabels" not in root:
            return None
        labels = list(reader.page_labels)
        if len(labels) != n:
            return None
        return [clean_text(lab) for lab in labels]
    except Exception:
        return None


def _pypdf_outline(reader: Any, warnings: list[str]) -> list[tuple[int, str, Optional[int]]]:
    out: list[tuple[int, str, Optional[int]]] = []

    def walk(items: Any, level: int) -> None:
        for item in items:
            if len(out) >= 5000:
                return
            if isinstance(item, list):
                walk(item, level + 1)
                continue
            try:
                title = clean_text(str(item.title or "")).strip()
            except Exception:
                continue
            page: Optional[int]
            try:
                page = reader.get_destination_page_number(item)
                if page is not None and page < 0:
                    page = None
            except Exception:
                page = None
            out.append((level, title[:500], page))

    try:
        walk(reader.outline, 0)
    except Exception as exc:
        warnings.append(f"outline unreadable: {type(exc).__name__}")
    return out


def _page_resources(reader: Any, i: int, n: int) -> Any:
    """Page ``i``'s resources (its own or inherited from the page tree), the page found by
    following the tree's ``/Count`` entries: pypdf's ``reader.pages[i]`` reads the whole
    tree first (0.2–0.3 s on a report of 100–350 pages, for one cover page).
    Falls back to that when the tree's count is not the ``n`` pages pdfium found, or the
    walk does not reach a page."""
    try:
        node = reader.trailer["/Root"].get_object()["/Pages"].get_object()
        if int(node.get("/Count", -1)) == n:
            resources = node.get("/Resources")
            k = i
            for _ in range(64):  # deeper than any real page tree
                kids = node.get("/Kids")
                if node.get("/Type") == "/Page" or kids is None:
                    return node.get("/Resources", resources)
                for kid in list(kids.get_object())[:100_000]:
                    kid = kid.get_object()
                    inner = kid.get("/Type") == "/Pages" or (
                        kid.get("/Type") != "/Page" and "/Kids" in kid)
                    size = int(kid.get("/Count", 0)) if inner else 1
                    if k < size:
                        node = kid
                        resources = kid.get("/Resources", resources)
                        break
                    k -= size
                else:
                    break
    except Exception:  # a broken tree: pypdf's own walk is more forgiving
        pass
    return reader.pages[i].get("/Resources")


def _page_has_big_image(reader: Any, i: int, n: int) -> bool:
    try:
        resources = _page_resources(reader, i, n)
        if resources is None:
            return False
        xobjects = resources.get_object().get("/XObject")
        if xobjects is None:
            return False
        xobjects = xobjects.get_object()
        for name in list(xobjects.keys())[:50]:
            obj = xobjects[name].get_object()
            if obj.get("/Subtype") == "/Image":
                w = int(obj.get("/Width", 0))
                h = int(obj.get("/Height", 0))
                if w * h >= _BIG_IMAGE_PIXELS:
                    return True
            elif obj.get("/Subtype") == "/Form":
                inner = obj.get("/Resources")
                if inner is not None:
                    inner_x = inner.get_object().get("/XObject")
                    if inner_x is not None:
                        for sub in list(inner_x.get_object().values())[:20]:
                            sub = sub.get_object()
                            if sub.get("/Subtype") == "/Image" and int(sub.get("/Width", 0)) * int(
                                sub.get("/Height", 0)
                            ) >= _BIG_IMAGE_PIXELS:
                                return True
    except Exception:
        return False
    return False


_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\uffff]|[\ud800-\udfff]")


def clean_text(s: str) -> str:
    """Make engine text safe to store and show without changing any character offset.

    pdfium marks a hyphen it removed at a line end with U+FFFE; it becomes a soft hyphen
    (U+00AD), which the analysis treats as joining the two halves of the word. Control
    characters, lone surrogates and other non-characters become spaces. The length never
    changes, so offsets stay those of the engine (and of the reader's highlight boxes).
    """
    if "\ufffe" in s:
        s = s.replace("\ufffe", "\u00ad")
    return _INVALID_XML.sub(" ", s)


def extract_pdf(path: str | Path, password: Optional[str] = None, engine: str = "auto",
                deadline: Optional[float] = None) -> ExtractResult:
    """Extract one PDF. Never raises for a bad file: the result says what went wrong.

    ``engine`` is 'auto' (pdfium, falling back to pypdf), 'pdfium' or 'pypdf'.
    ``deadline`` is a ``time.monotonic()`` value after which page extraction stops with a
    'failed' result (the worker pool enforces a hard limit on top of this).
    """
    t0 = time.monotonic()
    path = str(path)
    warnings: list[str] = []
    try:
        res = _extract(path, password, engine, deadline, warnings)
    except ExtractionError as exc:
        res = ExtractResult(status=exc.status, reason=exc.reason)
    except MemoryError:
        res = ExtractResult(status="failed", reason="too large to read (memory limit reached)")
    except RecursionError:
        res = ExtractResult(status="failed", reason="the PDF's structure is nested too deeply")
    except Exception as exc:  # a parser bug must cost one file, never the import
        log.exception("extraction failed for %s", path)
        res = ExtractResult(status="failed",
                            reason=f"could not be read ({type(exc).__name__}: {exc})"[:500])
    res.warnings = warnings[:50] + res.warnings
    res.seconds = time.monotonic() - t0
    return res


def _extract(path: str, password: Optional[str], engine: str, deadline: Optional[float],
             warnings: list[str]) -> ExtractResult:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}")
    sniff = sniff_file(path)
    if not sniff.is_pdf:
        raise ExtractionError(sniff.reason)

    # pypdf is opened only when needed: pdfium cannot open the file or refuses its password,
    # the pypdf engine was asked for, or a page with little text must be checked for images.
    # (Opening every file with pypdf cost about a fifth of an import.)
    pypdf_state: dict[str, Any] = {}

    def get_reader() -> tuple[Any, str]:
        if "reader" not in pypdf_state:
            r, enc, problem = _open_pypdf(path, password, warnings)
            pypdf_state.update(reader=None if problem else r, encrypted=enc, problem=problem)
        return pypdf_state["reader"], pypdf_state["problem"]

    def password_error() -> ExtractionError:
        return ExtractionError("wrong password" if password else
                               "password protected",
                               "needs_password")

    doc: Any = None
    if engine in ("auto", "pdfium"):
        try:
            doc = _PdfiumDoc(path, password)
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
                if engine == "pdfium":
                    raise
    if doc is None:
        reader, problem = get_reader()
        if problem:
            raise password_error()
        if reader is None:
            raise ExtractionError("damaged PDF: neither PDF engine could open it")
        try:
            doc = _PypdfDoc(reader)
        except Exception as exc:
            raise ExtractionError(f"damaged PDF: {type(exc).__name__}: {exc}"[:300]) from None

    try:
        n = doc.page_count
        if n <= 0:
            raise ExtractionError("damaged PDF: it has no pages")
        texts: list[str] = []
        orders: list[Optional[list[list[int]]]] = []
        for i in range(n):
            if deadline is not None and time.monotonic() > deadline:
                raise ExtractionError(f"could not be read in time (stopped at page {i + 1} of {n})")
            text = clean_text(doc.page_text(i))
            order = None
            if doc.name == "pdfium":
                text, order = doc.reading_order(i, text)
            texts.append(text)
            orders.append(order)
        if doc.name == "pdfium":
            pdf_labels: Optional[list[str]] = doc.labels()
            info = doc.info()
            outline = doc.outline()
        else:
            pdf_labels = _pypdf_labels(doc._reader, n)
            info = _pypdf_info(doc._reader, warnings)
            outline = _pypdf_outline(doc._reader, warnings)
    finally:
        doc.close()

    # Page labels: the PDF's own, else printed numbers found on the pages, else 1..n.
    labels: list[PageLabel] = choose_labels(pdf_labels, texts)

    pages: list[PageResult] = []
    letter_counts = [content_letters(t) for t in texts]
    for i, text in enumerate(texts):
        letters = letter_counts[i]
        has_image = False
        if letters < MIN_CHARS_WITH_IMAGE:
            # Without pypdf we cannot look for images; a near-empty page is then assumed scanned.
            reader, _problem = get_reader()
            has_image = _page_has_big_image(reader, i, n) if reader is not None else (
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
    return ExtractResult(status=status, reason=reason, engine=doc.name, pages=pages,
                         outline=outline, info=info, encrypted=encrypted)


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

    from PySide6.QtPdf import QPdfDocument

    for name in ("briefer.core.files.metadata", "briefer.core.index.analysis", "pypdf"):
        importlib.import_module(name)
    QPdfDocument(None)


def prepare_for_catalog(result: ExtractResult, file_name: str) -> None:
    """Add metadata guesses and analysed page terms (work done in the worker process)."""
    from briefer.core.index.analysis import term_texts
    from briefer.core.files.metadata import guess_metadata

    if not result.pages:
        return
    try:
        result.guesses = guess_metadata(file_name, result.info,
                                        "\n".join(p.text for p in result.pages[:15]))
        result.page_terms = [term_texts(p.text) for p in result.pages]
    except Exception:  # the parent can always do this itself
        log.exception("preparing %s", file_name)
        result.page_terms = None


# --------------------------------------------------------------------------- rendering for OCR

_MAX_RENDER_PIXELS = 60_000_000  # a huge page is rendered at a lower resolution
_MAX_RENDER_SIDE = 16_000
_render_cache: dict[str, Any] = {}  # one open document per worker: OCR jobs come page by page


def _render_doc(path: str, password: Optional[str]) -> Any:
    from PySide6.QtPdf import QPdfDocument

    key = f"{path}\0{password or ''}"
    doc = _render_cache.get(key)
    if doc is not None:
        return doc
    for old in _render_cache.values():
        old.close()
    _render_cache.clear()
    doc = QPdfDocument(None)
    if password:
        doc.setPassword(password)
    err = doc.load(path)
    E = QPdfDocument.Error
    if err == E.IncorrectPassword:
        raise ExtractionError("password protected", "needs_password")
    if err != E.None_:
        raise ExtractionError(f"the PDF could not be opened for rendering ({err.name})")
    _render_cache[key] = doc
    return doc


def render_page_png(path: str, page_index: int, out_path: str, dpi: int = 300,
                    password: Optional[str] = None) -> float:
    """Render one page with pdfium into a greyscale PNG at ``dpi`` (less for huge pages);
    returns the pixels per PDF point used. Raises :class:`ExtractionError`."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage

    doc = _render_doc(path, password)
    if not 0 <= page_index < doc.pageCount():
        raise ExtractionError(f"the PDF has no page {page_index + 1}")
    size = doc.pagePointSize(page_index)
    w_pt, h_pt = max(1.0, size.width()), max(1.0, size.height())
    scale = min(dpi / 72.0, _MAX_RENDER_SIDE / w_pt, _MAX_RENDER_SIDE / h_pt,
                (_MAX_RENDER_PIXELS / (w_pt * h_pt)) ** 0.5)
    w_px, h_px = max(1, round(w_pt * scale)), max(1, round(h_pt * scale))
    img = doc.render(page_index, QSize(w_px, h_px))
    if img.isNull():
        raise ExtractionError(f"page {page_index + 1} could not be rendered")
    if not img.convertToFormat(QImage.Format.Format_Grayscale8).save(out_path, "PNG"):
        raise ExtractionError("the page image could not be written")
    return w_px / w_pt
