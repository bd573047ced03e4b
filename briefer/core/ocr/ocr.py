"""OCR of scanned pages: offline, with the ``tesseract`` program, in worker processes.

Import flags a page ``needs_ocr`` when it has no usable text (none, only a scanner
watermark, or far too few characters for a page covered by an image). This module reads
those pages:

* **in a worker** (:func:`ocr_page_job`, run by :class:`briefer.core.files.workers.ExtractionPool`
  like extraction): the page is rendered with pdfium (``QPdfDocument.render``, no
  application object needed) at 300 dpi into a greyscale PNG, and ``tesseract`` is run on
  it as a subprocess with a time limit, writing TSV: every word with its box and
  confidence. The page text is built from the TSV (words joined by spaces, lines by
  ``\\n``, paragraphs by a blank line), so each word's character offset and its box on the
  page are known exactly;
* **in the parent** (:func:`run_ocr`): the catalog is the queue (pages with
  ``needs_ocr = 1``). Each page's result is written in one transaction: the OCR text
  becomes the page's text (``text_source = 'ocr'``, ``ocr_confidence`` = Tesseract's mean
  word confidence, ``needs_ocr = 0``), the page's original text layer (a "CamScanner"
  watermark, say) is kept in ``ocr_pages`` so that removing or re-running OCR can restore
  it, and the document's ``indexed`` flag is cleared; the index is updated every few
  seconds and the flag set again after its commit. A run that is cancelled, killed or
  loses power resumes where it stopped: the pages not yet done still have ``needs_ocr``.

An OCR page is a page like any other for search and clips; whoever shows its text says
where it came from: :func:`page_is_ocr` and :data:`OCR_NOTE`.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from briefer.core.progress import CancelToken, Cancelled, ProgressCallback, report

log = logging.getLogger(__name__)

#: What search results, citations and the reader say about text that came from OCR.
OCR_NOTE = "text from OCR — check against the scan"
#: The status of a scan while Tesseract is not installed.
MISSING_NOTE = "needs OCR — install tesseract-ocr to search this scan"

DEFAULT_DPI = 300
DEFAULT_PAGE_TIMEOUT = 120.0
DEFAULT_LANGUAGES = "eng"
#: Environment variable naming the tesseract program (else it is looked up on PATH).
TESSERACT_ENV = "BRIEFER_TESSERACT"
_MAX_PIXELS = 60_000_000  # a huge page is rendered at a lower resolution
_MAX_SIDE = 16_000
_INDEX_COMMIT_SECONDS = 2.0
_LIBRARY_DEFAULT_KEY = "ocr.languages"

OCR_SCHEMA = [
    # 1: the original text layer of OCR'd pages, the word boxes, per-document languages
    """
    CREATE TABLE ocr_pages (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page_index INTEGER NOT NULL,
        original_text TEXT NOT NULL,
        flagged INTEGER NOT NULL DEFAULT 1,
        languages TEXT NOT NULL DEFAULT '',
        dpi INTEGER,
        seconds REAL,
        error TEXT NOT NULL DEFAULT '',
        words TEXT NOT NULL DEFAULT '[]',
        at TEXT NOT NULL,
        PRIMARY KEY (doc_id, page_index)
    ) WITHOUT ROWID;
    CREATE TABLE ocr_documents (
        doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        languages TEXT NOT NULL
    );
    """,
]

# ISO 639-1 codes and English names (what document metadata holds) -> Tesseract codes.
_LANGUAGE_CODES = {
    "en": "eng", "english": "eng", "ur": "urd", "urdu": "urd", "ar": "ara", "arabic": "ara",
    "fa": "fas", "persian": "fas", "farsi": "fas", "hi": "hin", "hindi": "hin",
    "bn": "ben", "bengali": "ben", "pa": "pan", "punjabi": "pan", "ps": "pus",
    "pashto": "pus", "sd": "snd", "sindhi": "snd", "fr": "fra", "french": "fra",
    "de": "deu", "german": "deu", "es": "spa", "spanish": "spa", "it": "ita",
    "italian": "ita", "pt": "por", "portuguese": "por", "nl": "nld", "dutch": "nld",
    "ru": "rus", "russian": "rus", "zh": "chi_sim", "chinese": "chi_sim", "ja": "jpn",
    "japanese": "jpn", "ko": "kor", "korean": "kor", "tr": "tur", "turkish": "tur",
}
_PACKAGE_NAMES = {"eng": "English", "urd": "Urdu", "ara": "Arabic", "fas": "Persian",
                  "hin": "Hindi"}


class OcrError(Exception):
    """OCR cannot run as asked; the message says why and what to do."""


class TesseractMissing(OcrError):
    pass


# --------------------------------------------------------------------------- helpers for others


def page_is_ocr(page: Any) -> bool:
    """True when a catalog page's text came from OCR (show :data:`OCR_NOTE` with it)."""
    return getattr(page, "text_source", "pdf") == "ocr"


def install_hint() -> str:
    """How to install Tesseract on this system, in one sentence."""
    if sys.platform == "win32":
        return ("install Tesseract (UB Mannheim installer, with the Urdu language data) and "
                f"put tesseract.exe on PATH or set {TESSERACT_ENV}")
    if sys.platform == "darwin":
        return "install Tesseract: `brew install tesseract tesseract-lang`"
    return "install Tesseract: `sudo apt install tesseract-ocr tesseract-ocr-urd`"


def language_hint(code: str) -> str:
    name = _PACKAGE_NAMES.get(code, code)
    if sys.platform.startswith("linux"):
        return f"{name} OCR data is not installed — install tesseract-ocr-{code.replace('_', '-')}"
    if sys.platform == "darwin":
        return f"{name} OCR data is not installed — `brew install tesseract-lang`"
    return f"{name} OCR data ({code}.traineddata) is not installed in Tesseract's tessdata folder"


# --------------------------------------------------------------------------- finding tesseract


@dataclass
class Tesseract:
    """An installed tesseract program and the language data it has."""

    path: str
    version: str
    languages: list[str]


_CACHE: dict[str, Optional[Tesseract]] = {}


def find_tesseract(executable: Optional[str] = None) -> Optional[str]:
    """The tesseract program to use: ``executable``, ``$BRIEFER_TESSERACT``, PATH."""
    candidates = [executable] if executable else []
    if os.environ.get(TESSERACT_ENV):
        candidates.append(os.environ[TESSERACT_ENV])
    candidates.append("tesseract")
    if sys.platform == "win32":
        for base in (os.environ.get("ProgramFiles", r"C:\Program Files"),
                     os.environ.get("LOCALAPPDATA", "")):
            if base:
                candidates.append(str(Path(base) / "Tesseract-OCR" / "tesseract.exe"))
    elif sys.platform == "darwin":
        candidates += ["/opt/homebrew/bin/tesseract", "/usr/local/bin/tesseract"]
    for c in candidates:
        found = shutil.which(c)
        if found:
            return found
        if executable and c == executable:
            return None  # an explicit program that does not exist: no silent fallback
    return None


def tesseract(executable: Optional[str] = None, refresh: bool = False) -> Optional[Tesseract]:
    """The installed Tesseract (version and languages), or None when it is not installed."""
    path = find_tesseract(executable)
    if path is None:
        return None
    if not refresh and path in _CACHE:
        return _CACHE[path]
    info: Optional[Tesseract] = None
    try:
        v = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30,
                           creationflags=_NO_WINDOW)
        version = (v.stdout or v.stderr).strip().splitlines()[0] if (v.stdout or v.stderr) \
            else ""
        ls = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=30,
                            creationflags=_NO_WINDOW)
        langs = [ln.strip() for ln in ls.stdout.splitlines()[1:] if ln.strip()]
        if ls.returncode == 0:
            info = Tesseract(path, version, sorted(set(langs) - {"osd", "equ"}))
    except (OSError, subprocess.SubprocessError, IndexError) as exc:
        log.warning("tesseract at %s does not work: %s", path, exc)
    _CACHE[path] = info
    return info


def tesseract_available(executable: Optional[str] = None) -> bool:
    return tesseract(executable) is not None


def needs_ocr_status(doc: Any, executable: Optional[str] = None) -> str:
    """Status words for a document with scanned pages not yet read."""
    if not tesseract_available(executable):
        return MISSING_NOTE
    if doc.status == "needs_ocr":
        return "needs OCR"
    n = doc.ocr_pages
    return f"ok, {n} scanned page{'s' if n != 1 else ''} need OCR"


_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)


# --------------------------------------------------------------------------- languages


def parse_languages(spec: str | Sequence[str] | None) -> list[str]:
    """'eng+urd', 'en,ur', 'English urdu' -> ['eng', 'urd'] (order kept, duplicates dropped)."""
    if spec is None:
        return []
    parts: list[str] = []
    items = [spec] if isinstance(spec, str) else list(spec)
    for item in items:
        for p in str(item).replace(",", "+").replace(" ", "+").replace("/", "+").split("+"):
            p = p.strip()
            if not p:
                continue
            code = _LANGUAGE_CODES.get(p.lower(), p)
            if code not in parts:
                parts.append(code)
    return parts


def resolve_languages(requested: Sequence[str], available: Sequence[str]) -> str:
    """Check an explicit request against the installed data; raise with a hint if missing."""
    if not requested:
        raise OcrError("no OCR language given (for example eng, urd or eng+urd)")
    missing = [c for c in requested if c not in available]
    if missing:
        raise OcrError("; ".join(language_hint(c) for c in missing)
                       + f" (installed: {', '.join(available) or 'none'})")
    return "+".join(requested)


def default_languages(doc_language: str, available: Sequence[str],
                      library_default: Optional[str] = None) -> str:
    """The languages to read a document with when the user did not say.

    The document's language metadata decides ('ur' -> Urdu with English, as Pakistani
    documents mix both), else the library's default (English unless changed); a language
    whose data is not installed is left out, and English is the last resort.
    """
    wanted = parse_languages(doc_language)
    if "urd" in wanted and "eng" not in wanted:
        wanted.append("eng")
    if not wanted:
        wanted = parse_languages(library_default or DEFAULT_LANGUAGES)
    usable = [c for c in wanted if c in available]
    if not usable:
        usable = ["eng"] if "eng" in available else list(available[:1])
    return "+".join(usable)


# --------------------------------------------------------------------------- worker side


@dataclass
class PageOcr:
    """What Tesseract read on one page."""

    text: str = ""
    confidence: Optional[float] = None  # mean word confidence 0..100; None without words
    words: list[list[float]] = field(default_factory=list)  # [start, end, x0, y0, x1, y1] pt
    dpi: int = DEFAULT_DPI
    seconds: float = 0.0
    error: str = ""


_doc_cache: dict[str, Any] = {}


def _open_pdf(path: str, password: Optional[str]) -> Any:
    from PySide6.QtPdf import QPdfDocument

    key = f"{path}\0{password or ''}"
    doc = _doc_cache.get(key)
    if doc is not None:
        return doc
    for old in _doc_cache.values():
        old.close()
    _doc_cache.clear()
    doc = QPdfDocument(None)
    if password:
        doc.setPassword(password)
    err = doc.load(path)
    E = QPdfDocument.Error
    if err == E.IncorrectPassword:
        raise OcrError("password protected — run `briefer ocr DOC --password …`")
    if err != E.None_:
        raise OcrError(f"the PDF could not be opened for rendering ({err.name})")
    _doc_cache[key] = doc
    return doc


def render_page(path: str, page_index: int, dpi: int = DEFAULT_DPI,
                password: Optional[str] = None) -> tuple[Any, float]:
    """Render one page with pdfium; returns (greyscale QImage, pixels per PDF point)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage

    doc = _open_pdf(path, password)
    if not 0 <= page_index < doc.pageCount():
        raise OcrError(f"the PDF has no page {page_index + 1}")
    size = doc.pagePointSize(page_index)
    w_pt, h_pt = max(1.0, size.width()), max(1.0, size.height())
    scale = dpi / 72.0
    # Huge pages (posters, broken media boxes) are rendered smaller, never enormous.
    scale = min(scale, _MAX_SIDE / w_pt, _MAX_SIDE / h_pt, (_MAX_PIXELS / (w_pt * h_pt)) ** 0.5)
    w_px, h_px = max(1, round(w_pt * scale)), max(1, round(h_pt * scale))
    img = doc.render(page_index, QSize(w_px, h_px))
    if img.isNull():
        raise OcrError(f"page {page_index + 1} could not be rendered")
    return img.convertToFormat(QImage.Format.Format_Grayscale8), w_px / w_pt


def parse_tsv(tsv: str, px_per_pt: float = DEFAULT_DPI / 72.0) -> PageOcr:
    """Page text, mean confidence and word boxes from Tesseract's TSV output.

    Words of a line are joined by a space, lines of a paragraph by ``\\n``, paragraphs and
    blocks by a blank line. Tesseract lists the words of right-to-left lines (Urdu) in
    reading order, so the text is in logical order for every script.
    """
    out = PageOcr()
    parts: list[str] = []
    pos = 0
    last_line: Optional[tuple[str, ...]] = None
    last_par: Optional[tuple[str, ...]] = None
    confs: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11].strip()
        if not word:
            continue
        par = tuple(cols[1:4])
        line = tuple(cols[1:5])
        if last_line is None:
            sep = ""
        elif par != last_par:
            sep = "\n\n"
        elif line != last_line:
            sep = "\n"
        else:
            sep = " "
        last_line, last_par = line, par
        parts.append(sep)
        pos += len(sep)
        try:
            left, top, width, height = (float(c) for c in cols[6:10])
            conf = float(cols[10])
        except ValueError:
            left = top = width = height = 0.0
            conf = -1.0
        parts.append(word)
        s = 1.0 / px_per_pt
        out.words.append([pos, pos + len(word), round(left * s, 2), round(top * s, 2),
                          round((left + width) * s, 2), round((top + height) * s, 2)])
        pos += len(word)
        if conf >= 0:
            confs.append(conf)
    from briefer.core.files.extract import clean_text

    out.text = clean_text("".join(parts))
    out.confidence = round(sum(confs) / len(confs), 2) if confs else None
    return out


def recognise(image_path: str, languages: str, timeout: float,
              executable: Optional[str] = None, dpi: int = DEFAULT_DPI) -> str:
    """Run tesseract on an image file; returns its TSV output. Raises OcrError."""
    exe = find_tesseract(executable)
    if exe is None:
        raise TesseractMissing(MISSING_NOTE)
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"  # one page per worker process; the pool uses the cores
    with tempfile.TemporaryDirectory(prefix="briefer-ocr-") as tmp:
        base = os.path.join(tmp, "out")
        cmd = [exe, image_path, base, "-l", languages, "--dpi", str(dpi), "tsv"]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=max(1.0, timeout), env=env,
                                  creationflags=_NO_WINDOW)
        except subprocess.TimeoutExpired:
            raise OcrError(f"OCR did not finish within {timeout:.0f} s") from None
        except OSError as exc:
            raise OcrError(f"tesseract could not be started ({exc.strerror or exc})") from None
        tsv_path = base + ".tsv"
        if proc.returncode != 0 or not os.path.exists(tsv_path):
            msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            detail = next((m for m in msg if "rror" in m or "ailed" in m), msg[-1] if msg else "")
            raise OcrError(f"tesseract failed (exit code {proc.returncode}): {detail}"[:300])
        with open(tsv_path, encoding="utf-8", errors="replace") as f:
            return f.read()


def ocr_page(path: str, page_index: int, languages: str, *, dpi: int = DEFAULT_DPI,
             timeout: float = DEFAULT_PAGE_TIMEOUT, password: Optional[str] = None,
             executable: Optional[str] = None) -> PageOcr:
    """Render one page and read it. Raises OcrError (worded for the user)."""
    t0 = time.monotonic()
    img, px_per_pt = render_page(path, page_index, dpi, password)
    with tempfile.TemporaryDirectory(prefix="briefer-page-") as tmp:
        png = os.path.join(tmp, "page.png")
        if not img.save(png, "PNG"):
            raise OcrError("the page image could not be written")
        del img
        used_dpi = round(px_per_pt * 72)
        remaining = timeout - (time.monotonic() - t0)
        tsv = recognise(png, languages, remaining, executable, used_dpi)
    res = parse_tsv(tsv, px_per_pt)
    res.dpi = used_dpi
    res.seconds = time.monotonic() - t0
    return res


def ocr_page_job(job: Any, deadline: float) -> PageOcr:
    """Worker entry point (``Job.task = "briefer.core.ocr.ocr:ocr_page_job"``)."""
    p = job.payload
    timeout = min(p["timeout"], max(1.0, deadline - time.monotonic()))
    try:
        return ocr_page(job.path, p["page"], p["languages"], dpi=p["dpi"], timeout=timeout,
                        password=job.password, executable=p.get("executable"))
    except OcrError as exc:
        return PageOcr(error=str(exc))


# --------------------------------------------------------------------------- library side


@dataclass
class DocumentOcr:
    doc_id: int
    title: str
    languages: str
    pages: list[int]
    done: int = 0
    failed: dict[int, str] = field(default_factory=dict)  # page index -> reason

    def to_json(self) -> dict[str, Any]:
        return {"id": self.doc_id, "title": self.title, "languages": self.languages,
                "pages": [i + 1 for i in self.pages], "pages_done": self.done,
                "failed": [{"page_number": i + 1, "reason": r}
                           for i, r in sorted(self.failed.items())]}


@dataclass
class OcrReport:
    """The summary of one OCR run."""

    available: bool = True
    reason: str = ""  # why nothing ran (Tesseract missing, language data missing …)
    documents: list[DocumentOcr] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def pages_total(self) -> int:
        return sum(len(d.pages) for d in self.documents)

    @property
    def pages_done(self) -> int:
        return sum(d.done for d in self.documents)

    @property
    def pages_failed(self) -> int:
        return sum(len(d.failed) for d in self.documents)

    def to_json(self) -> dict[str, Any]:
        return {"available": self.available, "reason": self.reason,
                "cancelled": self.cancelled, "seconds": round(self.seconds, 3),
                "pages_total": self.pages_total, "pages_done": self.pages_done,
                "pages_failed": self.pages_failed,
                "documents": [d.to_json() for d in self.documents]}


def ensure_schema(catalog: Any) -> None:
    catalog.ensure_module_schema("ocr", OCR_SCHEMA)


def library_default_languages(lib: Any) -> str:
    return lib.catalog.meta(_LIBRARY_DEFAULT_KEY) or DEFAULT_LANGUAGES


def set_library_default_languages(lib: Any, languages: str,
                                  executable: Optional[str] = None) -> str:
    """Set the languages OCR uses for documents without language metadata."""
    codes = parse_languages(languages)
    t = tesseract(executable)
    if t is not None:
        resolve_languages(codes, t.languages)
    value = "+".join(codes) or DEFAULT_LANGUAGES
    lib.catalog.set_meta(_LIBRARY_DEFAULT_KEY, value)
    return value


def document_languages(lib: Any, doc: Any, available: Sequence[str]) -> str:
    """A document's OCR languages: the user's last choice for it, else the default."""
    ensure_schema(lib.catalog)
    row = lib.catalog.execute("SELECT languages FROM ocr_documents WHERE doc_id = ?",
                              (doc.id,)).fetchone()
    if row is not None:
        chosen = parse_languages(row[0])
        if all(c in available for c in chosen):
            return "+".join(chosen)
    return default_languages(doc.language, available, library_default_languages(lib))


def pending_pages(lib: Any, doc_ids: Optional[Iterable[int]] = None) -> dict[int, list[int]]:
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


def request_ocr(lib: Any, doc_id: int, languages: Optional[str] = None, *,
                executable: Optional[str] = None, redo: bool = True,
                all_pages: bool = False) -> int:
    """Queue a document's scanned pages for OCR again (other languages, a better scan).

    Pages read by OCR before are flagged again; they keep their current text (and stay
    searchable) until the new result replaces it. ``languages`` is remembered for the
    document. ``all_pages`` queues every page, also those with a text layer (for a page
    whose text is partly an image, which import cannot tell); their own text is kept and
    comes back with :func:`remove_ocr`. Returns the number of pages queued.
    """
    lib._require_writable()
    ensure_schema(lib.catalog)
    if languages:
        codes = parse_languages(languages)
        t = tesseract(executable)
        if t is not None:
            resolve_languages(codes, t.languages)
        with lib.catalog.transaction() as db:
            db.execute("INSERT INTO ocr_documents(doc_id, languages) VALUES (?, ?) "
                       "ON CONFLICT(doc_id) DO UPDATE SET languages = excluded.languages",
                       (doc_id, "+".join(codes)))
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


def remove_ocr(lib: Any, doc_id: int) -> int:
    """Undo OCR for a document: its pages get back their own text layer and the flag."""
    lib._require_writable()
    ensure_schema(lib.catalog)
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
        _refresh_status(lib, doc_id)
    lib.sync_index()
    return len(rows)


def word_boxes(lib: Any, doc_id: int, page_index: int) -> list[list[float]]:
    """An OCR page's words: ``[start, end, x0, y0, x1, y1]`` (offsets into the page text,
    box in PDF points from the page's top left), for highlighting hits on the scan."""
    ensure_schema(lib.catalog)
    row = lib.catalog.execute("SELECT words FROM ocr_pages WHERE doc_id = ? AND page_index = ?",
                              (doc_id, page_index)).fetchone()
    return json.loads(row[0]) if row else []


def boxes_for_span(boxes: Sequence[Sequence[float]], start: int, end: int
                   ) -> list[tuple[float, float, float, float]]:
    """The boxes (x0, y0, x1, y1 in points) of the words a character span touches."""
    return [(b[2], b[3], b[4], b[5]) for b in boxes if b[0] < end and b[1] > start]


def ocr_summary(lib: Any, doc_id: int) -> dict[str, Any]:
    """OCR state of one document: pages read, waiting, failed; languages; confidence."""
    ensure_schema(lib.catalog)
    pages = lib.catalog.pages(doc_id)
    ocr = [p for p in pages if p.text_source == "ocr"]
    errors = {r[0]: r[1] for r in lib.catalog.execute(
        "SELECT page_index, error FROM ocr_pages WHERE doc_id = ? AND error != ''", (doc_id,))}
    langs = sorted({r[0] for r in lib.catalog.execute(
        "SELECT languages FROM ocr_pages WHERE doc_id = ? AND error = '' AND languages != ''",
        (doc_id,))})
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


def _refresh_status(lib: Any, doc_id: int) -> None:
    """Recompute a document's status and reason from its pages (inside a transaction)."""
    from briefer.core.files.extract import content_letters

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


def _store_result(lib: Any, doc_id: int, page_index: int, languages: str,
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
        _refresh_status(lib, doc_id)


def run_ocr(lib: Any, doc_ids: Optional[Iterable[int]] = None, languages: Optional[str] = None,
            *, progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
            processes: Optional[int] = None, page_timeout: float = DEFAULT_PAGE_TIMEOUT,
            dpi: int = DEFAULT_DPI, password: Optional[str] = None,
            executable: Optional[str] = None) -> OcrReport:
    """OCR every page waiting for it (of ``doc_ids``, else of the whole library).

    ``languages`` ('eng', 'urd', 'eng+urd' …) applies to every document of this run; by
    default each document's own choice or language metadata decides. Never raises for a
    bad page or a missing Tesseract: the report says what happened. Raises
    :class:`OcrError` only for an explicit language whose data is not installed, and
    :class:`Cancelled` is never raised: ``report.cancelled`` is set instead (every page
    finished by then is stored and indexed).
    """
    from briefer.core.files.workers import ExtractionPool, Job, JobFailure

    lib._require_writable()
    t0 = time.monotonic()
    rep = OcrReport()
    ensure_schema(lib.catalog)
    todo = pending_pages(lib, doc_ids)
    t = tesseract(executable)
    if t is None:
        rep.available = False
        rep.reason = f"{MISSING_NOTE} ({install_hint()})"
        for doc_id, pages in todo.items():
            doc = lib.catalog.document(doc_id)
            rep.documents.append(DocumentOcr(doc_id, doc.title if doc else "", "", pages))
        return rep
    explicit = resolve_languages(parse_languages(languages), t.languages) if languages else None
    if not todo:
        rep.seconds = time.monotonic() - t0
        return rep
    jobs: list[Job] = []
    by_doc: dict[int, DocumentOcr] = {}
    for doc_id, pages in todo.items():
        doc = lib.catalog.document(doc_id)
        if doc is None:
            continue
        langs = explicit or document_languages(lib, doc, t.languages)
        d = DocumentOcr(doc_id, doc.title, langs, pages)
        by_doc[doc_id] = d
        rep.documents.append(d)
        path = str(lib.file_path(doc))
        for idx in pages:
            jobs.append(Job((doc_id, idx, langs), path, password=password,
                            name=f"{doc.title[:40]} p. {idx + 1}",
                            task="briefer.core.ocr.ocr:ocr_page_job",
                            payload={"page": idx, "languages": langs, "dpi": dpi,
                                     "timeout": page_timeout, "executable": t.path},
                            timeout=page_timeout * 1.2 + 15))
    total = len(jobs)
    done = 0
    dirty: dict[int, set[int]] = {}  # document -> pages with new text
    writer = lib.index.writer()
    last = time.monotonic()

    def flush() -> None:
        nonlocal writer, last
        for did in sorted(dirty):
            # only the pages read now bring new words to the vocabulary
            lib._apply_to_index(writer, did, count_words=dirty[did])
        dirty.clear()
        lib.catalog.set_indexed(writer.commit())
        last = time.monotonic()

    report(progress, 0, total, "Reading scans (OCR)")
    try:
        with ExtractionPool(processes=processes, timeout=page_timeout * 1.2 + 15) as pool:
            for job, result in pool.run(jobs, cancel=cancel):
                doc_id, idx, langs = job.key
                if isinstance(result, JobFailure):
                    reason = result.reason.replace("could not be read", "OCR did not finish")
                    result = PageOcr(error=reason)
                _store_result(lib, doc_id, idx, langs, result)
                d = by_doc[doc_id]
                if result.error:
                    d.failed[idx] = result.error
                else:
                    d.done += 1
                if not result.error:
                    dirty.setdefault(doc_id, set()).add(idx)
                else:
                    dirty.setdefault(doc_id, set())
                done += 1
                report(progress, done, total, "Reading scans (OCR)", job.name)
                if time.monotonic() - last > _INDEX_COMMIT_SECONDS:
                    flush()
    except Cancelled:
        rep.cancelled = True
    finally:
        flush()
    rep.seconds = time.monotonic() - t0
    return rep
