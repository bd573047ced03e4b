"""What reading a PDF gives: the result records, the reason a file could not be read, and
the text rules every engine shares (what counts as content, characters made safe to store
without moving an offset). Plain data that pickles across a process boundary.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Optional

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


class ExtractionError(Exception):
    """A file could not be read; ``reason`` is a sentence a user understands."""

    def __init__(self, reason: str, status: str = "failed") -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


# Plain words for what a PDF library's exception says (the raw text goes to the log only):
# the first pattern found in "<ExceptionName>: <message>" decides.
DAMAGED = "the file is damaged and cannot be read"
_PLAIN_REASONS: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.I), words) for p, words in (
    (r"/Kids|/Pages|page tree|\bpages?\b.*(tree|count|array|missing|found)|/Count",
     "the file is damaged: its page list cannot be read"),
    (r"EOF marker|unexpected(ly)? end|ended unexpectedly|truncat|ended? (early|prematurely)|"
     r"EmptyFileError",
     "the file is incomplete: it ends too early (perhaps a download that stopped)"),
    (r"xref|startxref|trailer|cross.?reference|/Root|catalog",
     "the file is damaged: the table that locates its parts cannot be read"),
    (r"header|not a PDF", "the file is damaged: it does not start like a PDF"),
    (r"crypt|AES|RC4|security handler|SecurityScheme|DependencyError",
     "it is encrypted in a way Briefer cannot read"),
    (r"decompress|inflate|zlib|flate|decode|filter|stream",
     "the file is damaged: part of its content cannot be unpacked"),
    (r"recursion|nested|depth", "the PDF's structure is nested too deeply"),
    (r"MemoryError|memory", "too large to read (memory limit reached)"),
    (r"Permission|EACCES|EPERM", "cannot be read: permission denied"),
    (r"FileNotFound|No such file", "the file cannot be found"),
)]


# An exception's class name in a text ("PdfReadError: …"): a programmer's words.
_EXCEPTION_NAME = re.compile(r"\b[A-Z]\w*(?:Error|Exception)\b")


def readable_reason(text: str) -> str:
    """A stored reason as a person should read it: unchanged when it is already words,
    :func:`plain_reason` when it holds an exception's class name (reasons stored by an
    import of an older Briefer)."""
    text = (text or "").strip()
    if not _EXCEPTION_NAME.search(text):
        return text
    return plain_reason(text)


def plain_reason(exc: BaseException | str) -> str:
    """A reason a person understands for an exception raised by a PDF library (pypdf's
    ``PdfReadError: Expected /Kids to be an array`` becomes "the file is damaged: its page
    list cannot be read"). The raw text belongs in the log, never in the reason."""
    raw = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    for pattern, words in _PLAIN_REASONS:
        if pattern.search(raw):
            return words
    return DAMAGED


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
    # Set when the time allowed ran out part-way: the pages before this index were read,
    # the others are empty (see extract.not_read_reason); None when every page was read.
    pages_read: Optional[int] = None

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
