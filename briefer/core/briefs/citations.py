"""Citations of quoted passages: footnotes (default) or inline parentheses, full the first
time a document is cited and by short title after that, and the list of sources.

A brief's citation settings (``Brief.citation``)::

    style        "footnotes" | "inline"
    full         template of the first citation of a document
    short        template of later citations
    short_titles {sha256: short title} chosen by the user (else one is derived)
    ocr_note     True (default): a citation of a page whose text came from OCR says so,
                 "(text from OCR — check against the scan)", until the author has checked

Templates use ``{title} {short_title} {type} {issuer} {date} {year} {locator} {page}``;
the punctuation around a field that is empty is dropped, so a document without an issuer
reads "Rules 2020 (28 Jan 2020), Rule 5(1)(b), p. 3." and not "Rules 2020 (, 28 Jan …".
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from typing import Any, Optional

from briefer.core.clips.clips import Clip
from briefer.core.errors import BrieferError
from briefer.core.ocr.constants import OCR_NOTE

DEFAULT_FULL = "{title} ({issuer}, {date}), {locator}, {page}."
DEFAULT_SHORT = "{short_title}, {locator}, {page}."
FIELDS = ("title", "short_title", "type", "issuer", "date", "year", "locator", "page")
STYLES = ("footnotes", "inline")
TYPE_NAMES = {"rule": "Rules", "law": "Act", "judgment": "Judgment", "statement": "Statement",
              "report": "Report", "other": "Document"}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class CitationError(BrieferError, ValueError):
    """Citation settings that cannot be used; the message names the setting."""

    reason = "invalid_citation_settings"


def validate_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """Checked citation settings with defaults filled in; raises :class:`CitationError`."""
    out = {"style": "footnotes", "full": DEFAULT_FULL, "short": DEFAULT_SHORT,
           "short_titles": {}, "ocr_note": True}
    for k, v in settings.items():
        if k not in out:
            raise CitationError(f"unknown citation setting {k!r} "
                                f"(known: {', '.join(out)})")
        out[k] = v
    if out["style"] not in STYLES:
        raise CitationError(f"citation style must be one of {', '.join(STYLES)}, "
                            f"not {out['style']!r}")
    for key in ("full", "short"):
        t = out[key]
        if not isinstance(t, str) or not t.strip():
            raise CitationError(f"the {key} citation format must be a non-empty text")
        try:
            names = [f for _l, f, _s, _c in string.Formatter().parse(t) if f is not None]
        except ValueError as exc:
            raise CitationError(f"the {key} citation format is not valid: {exc}") from None
        bad = [n for n in names if n not in FIELDS]
        if bad:
            raise CitationError(f"the {key} citation format uses unknown field(s) "
                                f"{', '.join('{' + b + '}' for b in bad)}; "
                                f"known: {', '.join('{' + f + '}' for f in FIELDS)}")
    if not isinstance(out["short_titles"], dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in out["short_titles"].items()):
        raise CitationError("short_titles must map document hashes to titles")
    if not isinstance(out["ocr_note"], bool):
        raise CitationError("ocr_note must be true or false")
    return out


def format_date(iso: str) -> str:
    """'2020-01-28' → '28 Jan 2020'; '2020-01' → 'Jan 2020'; anything else unchanged."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", iso.strip())
    if not m:
        return iso.strip()
    y, mo, d = m.groups()
    if mo and 1 <= int(mo) <= 12:
        month = _MONTHS[int(mo) - 1]
        return f"{int(d)} {month} {y}" if d else f"{month} {y}"
    return y


def derive_short_title(title: str) -> str:
    """A short title: a case by its first party, otherwise without a leading 'The' and
    without words in brackets; kept whole when it is already short."""
    t = " ".join(title.split())
    if not t:
        return "Untitled document"
    m = re.match(r"(.+?)\s+v(?:s?\.|s)?\s+", t)
    if m and len(t) > 30:
        return m.group(1).strip()
    if len(t) <= 30:
        return t
    t = re.sub(r"^the\s+", "", t, flags=re.I)
    t = re.sub(r"\s*\([^)]*\)", "", t).strip()
    return t or title


@dataclass
class Source:
    """What a citation needs to know about a document."""

    key: str  # sha256
    title: str
    doc_type: str = "other"
    issuer: str = ""
    date: str = ""
    doc_id: Optional[int] = None
    language: str = ""
    ocr_pages: frozenset[int] = frozenset()  # page indexes whose text came from OCR
    # the page each PDF page is cited as now (printed, the PDF's label or a person's
    # correction of the numbering); a quote cites its page's label now, not the one it
    # was taken with
    page_labels: dict[int, str] = field(default_factory=dict)

    def page_cite(self, clip: Clip) -> str:
        """The page ``clip`` cites: its page's label now, else the label it was taken with."""
        return self.page_labels.get(clip.page_index) or clip.page_cite

    @property
    def type_name(self) -> str:
        return TYPE_NAMES.get(self.doc_type, self.doc_type.title() or "Document")


def _tidy(text: str) -> str:
    s = text
    for _ in range(3):
        s = re.sub(r"\(\s*[,;]\s*", "(", s)
        s = re.sub(r"\s*[,;]\s*\)", ")", s)
        s = re.sub(r"\s*\(\s*\)", "", s)
        s = re.sub(r"(?:,\s*){2,}", ", ", s)
        s = re.sub(r"\s+([,.;)])", r"\1", s)
        s = re.sub(r"^[\s,;.]+", "", s)
        s = re.sub(r",\s*\.", ".", s)
        s = re.sub(r"\.\.+$", ".", s)
        s = re.sub(r"\s{2,}", " ", s)
    return s.strip()


@dataclass
class Citer:
    """Numbers and words citations in document order; remembers what was cited."""

    settings: dict[str, Any]
    sources: dict[str, Source]
    _seen: set[str] = field(default_factory=set)
    used: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # key → pages
    order: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.settings = validate_settings(self.settings)

    @property
    def style(self) -> str:
        return str(self.settings["style"])

    def short_title(self, src: Source) -> str:
        return self.settings["short_titles"].get(src.key) or derive_short_title(src.title)

    def cite(self, clip: Clip) -> str:
        """The citation of ``clip`` as a sentence ("…, Rule 5(1)(b), p. 3.")."""
        src = self.sources.get(clip.doc_sha256) or Source(clip.doc_sha256, clip.doc_title)
        first = src.key not in self._seen
        self._seen.add(src.key)
        if first:
            self.order.append(src.key)
        pages = self.used.setdefault(src.key, [])
        page = src.page_cite(clip)
        if (clip.page_index, page) not in pages:
            pages.append((clip.page_index, page))
        values = {"title": src.title or "Untitled document", "short_title": self.short_title(src),
                  "type": src.type_name, "issuer": src.issuer, "date": format_date(src.date),
                  "year": src.date[:4], "locator": clip.locator,
                  "page": f"p. {page}"}
        template = self.settings["full"] if first else self.settings["short"]
        text = _tidy(template.format(**values))
        if self.settings["ocr_note"] and clip.page_index in src.ocr_pages:
            text = f"{text[:-1] if text.endswith('.') else text} ({OCR_NOTE})."
        return text

    def inline(self, clip: Clip) -> str:
        """The parenthetical form: "(Short title, Rule 5(1)(b), p. 3)"."""
        text = self.cite(clip)
        return f"({text[:-1] if text.endswith('.') else text})"

    def annex_rows(self) -> list[dict[str, str]]:
        """One row per cited source, in order of first citation, with the pages used."""
        rows = []
        for key in self.order:
            src = self.sources.get(key) or Source(key, "")
            pages = sorted(self.used.get(key, []))
            rows.append({"title": src.title, "type": src.type_name, "issuer": src.issuer,
                         "date": format_date(src.date), "pages": page_list([p for _i, p in pages]),
                         "sha256": key})
        return rows


def page_list(pages: list[str]) -> str:
    """'3, 4, 5, 9' → '3–5, 9' for numeric labels; others are listed as they are."""
    out: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            out.append(str(run[0]) if len(run) == 1 else
                       (f"{run[0]}, {run[1]}" if len(run) == 2 else f"{run[0]}\u2013{run[-1]}"))
            run.clear()

    for p in pages:
        if p.isdigit() and run and int(p) == run[-1] + 1:
            run.append(int(p))
        elif p.isdigit():
            flush()
            run.append(int(p))
        else:
            flush()
            out.append(p)
    flush()
    return ", ".join(out)


def sources_from_catalog(catalog: Any, clips: list[Clip]) -> dict[str, Source]:
    """Sources of ``clips`` from the catalog (a removed document falls back to the title
    the clip remembers)."""
    out: dict[str, Source] = {}
    for c in clips:
        if c.doc_sha256 in out:
            continue
        doc = catalog.by_sha256(c.doc_sha256) or (catalog.document(c.doc_id) if c.doc_id else None)
        if doc is not None:
            ocr = frozenset(r[0] for r in catalog.execute(
                "SELECT page_index FROM pages WHERE doc_id = ? AND text_source = 'ocr'", (doc.id,)))
            cited = {x.page_index for x in clips if x.doc_sha256 == c.doc_sha256}
            labels = {r[0]: (str(r[0] + 1) if r[2] == "index" or not r[1] else r[1])
                      for r in catalog.execute("SELECT page_index, label, label_source FROM "
                                               "pages WHERE doc_id = ?", (doc.id,))
                      if r[0] in cited}
            out[c.doc_sha256] = Source(c.doc_sha256, doc.title, doc.doc_type, doc.issuer, doc.date,
                                       doc.id, doc.language, ocr, labels)
        else:
            out[c.doc_sha256] = Source(c.doc_sha256, c.doc_title)
    return out
