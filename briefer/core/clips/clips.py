"""Clips: exact passages of a document with the page, offsets and a pinpoint locator.

A clip records the verbatim text (``page.text[start:end]`` of the catalog, code-point
offsets), the PDF page and its printed label, the locator worked out from the numbering
around the passage ("Rule 5(1)(b)", "Section 20", "para 12") or set by the user, a note
and tags. ``display_text`` is the same passage cleaned for quotation: words broken at a
line end are joined, runs of white space become one space, ligatures are spelt out and
characters that cannot appear in a document are dropped. Cleaning never changes, drops
or adds a word (see :func:`quote_words`, which the tests compare). Footnote references
and amendment markers ("court, ¹[commission of]") are then left out of the display text,
as a reader reads the passage (:func:`reader_quote`; a clip can keep them): markers are
not words, and :func:`same_words` is the check that only markers went.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Optional

from briefer.core.clips import briefdb
from briefer.core.catalog.catalog import Catalog, Document, Page, normalise_tags, now_iso
from briefer.core.clips.nearest import NearMatch, nearest_passage, overlap, word_counts
from briefer.core.errors import BrieferError
from briefer.core.text.textmap import FoldedText, find_all, fold, fold_with_map


class ClipError(BrieferError):
    """A clip cannot be made or found; the message says why in plain words.

    ``reason``: ``"clip_not_found"``, ``"page_not_found"``, ``"clip_in_use"`` (quoted in a
    brief), ``"passage_not_found"`` or ``"invalid_clip"``.
    """

    reason = "invalid_clip"


class PassageNotFound(ClipError):
    """The text asked for is not on the page.

    ``other_pages``: PDF page numbers (from 1) where the text is; ``nearest``: the passage
    on the page nearest to the typed text and where the two differ (or None).
    """

    reason = "passage_not_found"

    def __init__(self, message: str, other_pages: Optional[list[int]] = None,
                 nearest: Optional[NearMatch] = None,
                 nearest_elsewhere: Optional[NearMatch] = None) -> None:
        self.other_pages = other_pages or []
        self.nearest = nearest
        self.nearest_elsewhere = nearest_elsewhere
        super().__init__(message, details={
            "other_pages": self.other_pages,
            "nearest": nearest.to_json() if nearest else None,
            "nearest_elsewhere": nearest_elsewhere.to_json() if nearest_elsewhere else None})


@dataclass
class Clip:
    """One clipped passage. ``locator`` is the user's override when set, else the detected one."""

    id: int
    uid: str
    doc_id: Optional[int]
    doc_sha256: str
    doc_title: str
    page_index: int
    page_label: str
    label_source: str
    start: int
    end: int
    text: str
    display_text: str
    locator_auto: str = ""
    locator_user: Optional[str] = None
    note: str = ""
    tags: list[str] = field(default_factory=list)
    created_at: str = ""
    updated_at: str = ""

    @property
    def locator(self) -> str:
        return self.locator_user if self.locator_user is not None else self.locator_auto

    @property
    def page_cite(self) -> str:
        """The page as cited: the printed label, or the PDF page number when none is known."""
        if self.label_source == "index" or not self.page_label:
            return str(self.page_index + 1)
        return self.page_label

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["locator"] = self.locator
        d["page_number"] = self.page_index + 1
        d["page"] = self.page_cite
        return d


# --------------------------------------------------------------------------- cleaning

_LINE_HYPHEN = re.compile(r"(\w)(?:[-\u2010\u2011][ \t]*(?:\r\n|\r|\n)[ \t]*|"
                          r"\u00ad[ \t]*(?:(?:\r\n|\r|\n)[ \t]*)?)(?=\w)")
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]|[\ud800-\udfff]")
_SPACE = re.compile(r"\s+")
_HYPHEN_CHARS = "-\u2010\u2011\u00ad"


def _compat(ch: str) -> bool:
    o = ord(ch)
    return 0xFB00 <= o <= 0xFB06 or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF


def clean_quote(raw: str, keep_hyphen: Optional[Iterable[str]] = None) -> str:
    """The passage as it is printed in a brief (see the module docstring).

    A hyphen at a line end (or pdfium's soft hyphen, which marks one) joins the two halves
    of a word — "regu-|lation" reads "regulation" — unless ``keep_hyphen`` (lower-cased
    hyphenated words seen elsewhere in the document, e.g. "seventy-two") says the hyphen
    belongs to the word, or the second half starts with a capital letter or a digit.
    """
    keep = set(keep_hyphen or ())
    s = _INVALID.sub(" ", raw)

    def join(m: re.Match[str]) -> str:
        left = m.group(1)
        # the words around the break, to ask whether the hyphen is part of the word
        a = m.start(1)
        while a > 0 and s[a - 1].isalnum():
            a -= 1
        b = m.end()
        while b < len(s) and s[b].isalnum():
            b += 1
        first, second = s[a:m.end(1)], s[m.end():b]
        if second[:1].isupper() or second[:1].isdigit() or \
                f"{first}-{second}".lower() in keep:
            return str(left) + "-"
        return str(left)

    s = _LINE_HYPHEN.sub(join, s)
    s = s.replace("\u00ad", "")  # any soft hyphen left is invisible
    if any(_compat(c) for c in s):
        s = "".join(unicodedata.normalize("NFKC", c) if _compat(c) else c for c in s)
    return _SPACE.sub(" ", s).strip()


# ------------------------------------------------------------------ markers

# A footnote reference or amendment number: a short run of digits or note signs.
_MARKER_CHARS = re.compile(r"[0-9*\u2020\u2021]{1,3}")
# Without the page's layout only one pattern is unambiguous: digits standing right before
# the "[" that opens an amendment ("contempt of court, 1 [commission of] or"), after a
# word or punctuation on the same line (a line starting "12 [" may be a provision number).
_TEXT_MARKER = re.compile(r"(?<=[^\s\d])([ \t]+|(?<=[,;:\u2014]))(\d{1,3})[ \t]?"
                          r"(?=\[[(A-Za-z][^\]\n]{0,400}\])")
# ... and never after a word that a number belongs to ("section 12 [omitted]")
_NUMBERED = {"section", "sections", "s.", "ss.", "article", "articles", "art.", "rule",
             "rules", "r.", "para", "paras", "paragraph", "paragraphs", "clause", "clauses",
             "sub-section", "subsection", "chapter", "part", "schedule", "order", "regulation",
             "regulations", "no.", "no", "nos.", "item", "entry", "and", "or", "to", "of",
             "act", "ordinance", "year", "page", "p.", "pp."}


def marker_spans(raw: str, layout_spans: Optional[Iterable[tuple[int, int]]] = None
                 ) -> list[tuple[int, int]]:
    """The footnote references and amendment markers of ``raw`` (ranges into it).

    ``layout_spans``: the superscript ranges the page's layout found (offsets into
    ``raw``); those made of digits or note signs are markers ("th" of "5th" is not). When
    no layout is known (None), only digits right before an amendment's "[" count."""
    out: list[tuple[int, int]] = []
    if layout_spans is not None:
        for a, b in layout_spans:
            a, b = max(a, 0), min(b, len(raw))
            if a < b and _MARKER_CHARS.fullmatch(raw[a:b]):
                out.append((a, b))
        return out
    for m in _TEXT_MARKER.finditer(raw):
        before = raw[:m.start(2)].rstrip(" \t").split()
        if before and before[-1].lower().strip(",;:") in _NUMBERED:
            continue
        out.append((m.start(2), m.end(2)))
    return out


def drop_markers(raw: str, spans: Iterable[tuple[int, int]]) -> str:
    """``raw`` without the characters of ``spans`` (see :func:`marker_spans`)."""
    keep = list(raw)
    for a, b in spans:
        for k in range(a, b):
            keep[k] = ""
    return "".join(keep)


def reader_quote(raw: str, keep_hyphen: Optional[Iterable[str]] = None,
                 layout_spans: Optional[Iterable[tuple[int, int]]] = None,
                 keep_markers: bool = False) -> str:
    """The passage as a reader reads it: :func:`clean_quote` of ``raw`` with its footnote
    references and amendment markers left out (``keep_markers``: kept)."""
    if not keep_markers:
        raw = drop_markers(raw, marker_spans(raw, layout_spans))
    return clean_quote(raw, keep_hyphen)


def _is_marker_word(w: str) -> bool:
    return bool(_MARKER_CHARS.fullmatch(w))


def _without_one_marker(word: str, shorter: str) -> bool:
    """Whether ``shorter`` is ``word`` less one whole run of marker characters."""
    cut = len(word) - len(shorter)
    if not 1 <= cut <= 3:
        return False
    for a in range(len(shorter) + 1):
        run = word[a:a + cut]
        if word[:a] == shorter[:a] and word[a + cut:] == shorter[a:] and \
                _MARKER_CHARS.fullmatch(run) and \
                not (a > 0 and word[a - 1].isdigit()) and \
                not (a + cut < len(word) and word[a + cut].isdigit()):
            return True
    return False


def same_words(printed: str, raw: str) -> bool:
    """Whether ``printed`` (a clip's display text) has exactly the words of the source
    passage ``raw``, markers aside: a word of ``raw`` may be left out only when it is a
    marker (up to three digits or note signs), or lose one such marker run inside it
    ("court,1[commission" printed "court,[commission")."""
    got, want = quote_words(printed), quote_words(raw)
    i = 0
    for w in want:
        if i < len(got) and got[i] == w:
            i += 1
            continue
        if i < len(got) and _without_one_marker(w, got[i]):
            i += 1
            continue
        if _is_marker_word(w):
            continue
        return False
    return i == len(got)


def hyphenated_words(texts: Iterable[str]) -> set[str]:
    """Lower-cased words written with a hyphen inside a line ("seventy-two") in ``texts``."""
    out: set[str] = set()
    for t in texts:
        for m in re.finditer(r"\w+(?:-\w+)+", t):
            out.add(m.group().lower())
    return out


def quote_words(raw: str) -> list[str]:
    """The words of a passage, as cleaning must keep them: broken words joined (hyphen or
    not), ligatures spelt out, lower-cased.
    ``quote_words(raw) == quote_words(clean_quote(raw))``."""
    s = _INVALID.sub(" ", raw)
    s = re.sub(r"(\w)[-\u2010\u2011\u00ad][ \t]*(?:(?:\r\n|\r|\n)[ \t]*)?(?=\w)", r"\1", s)
    s = s.replace("\u00ad", "")
    s = "".join(unicodedata.normalize("NFKC", c) if _compat(c) else c for c in s)
    return [w.lower() for w in s.split()]


def sanitize(text: str) -> str:
    """Drop characters that cannot be stored in XML; lone surrogates become U+FFFD."""
    s = re.sub("[\ud800-\udfff]", "\ufffd", text)
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", " ", s)


# --------------------------------------------------------------------------- finding


def _without_hyphens(ft: FoldedText) -> FoldedText:
    keep = [i for i, c in enumerate(ft.text) if c != "-"]
    return FoldedText(ft.raw, "".join(ft.text[i] for i in keep),
                      [ft.starts[i] for i in keep], [ft.ends[i] for i in keep])


_AMENDMENT_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?=\s{0,3}\[)")  # the "2" of "of 2[the Punjab]"


def _without_amendment_numbers(ft: FoldedText) -> Optional[FoldedText]:
    """``ft`` without the numbers that mark an amendment ("2" in "of 2[the Punjab]", often
    on a line of its own): a reader quotes the words, not the footnote's number. None when
    the page has none."""
    marks: set[int] = set()
    for m in _AMENDMENT_NUMBER.finditer(ft.raw):
        marks.update(range(m.start(), m.end()))
    if not marks:
        return None
    keep = [i for i, c in enumerate(ft.text) if ft.starts[i] not in marks]
    # a space left doubled where the number stood is one space
    kept = [i for k, i in enumerate(keep)
            if not (ft.text[i] == " " and k > 0 and ft.text[keep[k - 1]] == " ")]
    return FoldedText(ft.raw, "".join(ft.text[i] for i in kept),
                      [ft.starts[i] for i in kept], [ft.ends[i] for i in kept])


def find_passage(page_text: str, needle: str) -> list[tuple[int, int]]:
    """Raw ``[start, end)`` spans of ``needle`` on a page, ignoring case, ligatures,
    diacritics, line breaks, white space, hyphenation and the numbers that mark an
    amendment ("of 2[the Punjab]" is found as "of [the Punjab]"). Empty when it is not
    there."""
    if not fold(needle):
        return []
    return find_in_folded(fold_with_map(page_text), needle)


def find_in_folded(folded: FoldedText, needle: str) -> list[tuple[int, int]]:
    """:func:`find_passage` on a page already folded (``fold_with_map(page_text)``), for
    callers that ask several questions of the same page."""
    page_text = folded.raw
    spans = find_all(folded, needle)
    if not spans:
        # a word hyphenated at a line end may be typed with its hyphen or without it
        nh = fold(needle).replace("-", "")
        if nh:
            spans = find_all(_without_hyphens(folded), nh)
            spans = [(a, b) for a, b in spans]
    if not spans:
        bare = _without_amendment_numbers(folded)
        if bare is not None:
            spans = find_all(bare, needle)
    # trim white space the match may have swallowed at its ends
    out = []
    for a, b in spans:
        while a < b and page_text[a].isspace():
            a += 1
        while b > a and page_text[b - 1].isspace():
            b -= 1
        out.append((a, b))
    return out


# --------------------------------------------------------------------------- storage

_COLS = ("id, uid, doc_id, doc_sha256, doc_title, page_index, page_label, label_source, start, "
         "\"end\", text, display_text, locator_auto, locator_user, note, tags, created_at, "
         "updated_at")


def clip_from_row(r: sqlite3.Row | tuple[Any, ...]) -> Clip:
    r = tuple(r)
    return Clip(id=r[0], uid=r[1], doc_id=r[2], doc_sha256=r[3], doc_title=r[4],
                page_index=r[5], page_label=r[6], label_source=r[7], start=r[8], end=r[9],
                text=r[10], display_text=r[11], locator_auto=r[12], locator_user=r[13],
                note=r[14], tags=json.loads(r[15] or "[]"), created_at=r[16], updated_at=r[17])


def clip_row(c: Clip) -> tuple[Any, ...]:
    return (c.id, c.uid, c.doc_id, c.doc_sha256, c.doc_title, c.page_index, c.page_label,
            c.label_source, c.start, c.end, c.text, c.display_text, c.locator_auto,
            c.locator_user, c.note, json.dumps(c.tags, ensure_ascii=False), c.created_at,
            c.updated_at)


class ClipStore:
    """Clips kept in the catalog. Every write is one transaction."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        catalog.require_module_schema(briefdb.MODULE)  # made when the catalog opened

    def get(self, clip_id: int) -> Clip:
        r = self.catalog.execute(f"SELECT {_COLS} FROM clips WHERE id = ?", (clip_id,)).fetchone()
        if r is None:
            raise ClipError(f"there is no clip #{clip_id}", reason="clip_not_found")
        return clip_from_row(r)

    def find(self, clip_id: int) -> Optional[Clip]:
        r = self.catalog.execute(f"SELECT {_COLS} FROM clips WHERE id = ?", (clip_id,)).fetchone()
        return clip_from_row(r) if r else None

    def all(self, doc_id: Optional[int] = None) -> list[Clip]:
        if doc_id is None:
            rows = self.catalog.execute(f"SELECT {_COLS} FROM clips ORDER BY id")
        else:
            rows = self.catalog.execute(f"SELECT {_COLS} FROM clips WHERE doc_id = ? ORDER BY id",
                                        (doc_id,))
        return [clip_from_row(r) for r in rows]

    def insert(self, clip: Clip) -> Clip:
        """Store ``clip`` (its id is kept when set, else assigned)."""
        with self.catalog.transaction() as db:
            row = clip_row(clip)
            if clip.id:
                db.execute(f"INSERT INTO clips ({_COLS}) VALUES ({','.join('?' * 18)})", row)
            else:
                cur = db.execute(f"INSERT INTO clips ({_COLS[4:]}) VALUES ({','.join('?' * 17)})",
                                 row[1:])
                clip.id = int(cur.lastrowid or 0)
        return clip

    def update(self, clip: Clip) -> None:
        with self.catalog.transaction() as db:
            db.execute("UPDATE clips SET uid=?, doc_id=?, doc_sha256=?, doc_title=?, page_index=?, "
                       "page_label=?, label_source=?, start=?, \"end\"=?, text=?, display_text=?, "
                       "locator_auto=?, locator_user=?, note=?, tags=?, created_at=?, "
                       "updated_at=? WHERE id=?", clip_row(clip)[1:] + (clip.id,))

    def quoted_in(self, clip_id: int) -> list[int]:
        """Ids of the briefs that quote clip ``clip_id``."""
        return [int(r[0]) for r in self.catalog.execute(
            "SELECT DISTINCT s.brief_id FROM brief_items i JOIN brief_sections s "
            "ON i.section_id = s.id WHERE i.clip_id = ? ORDER BY s.brief_id", (clip_id,))]

    def delete(self, clip_id: int, *, check_quoted: bool = True) -> None:
        """Delete a clip; refused while a brief quotes it (unless an undo puts back an
        exact earlier state, ``check_quoted=False``)."""
        if check_quoted:
            briefs = self.quoted_in(clip_id)
            if briefs:
                which = ", ".join(f"#{b}" for b in briefs)
                raise ClipError(f"clip #{clip_id} is quoted in brief {which}; remove the quote "
                                "first", reason="clip_in_use", details={"briefs": briefs})
        with self.catalog.transaction() as db:
            db.execute("DELETE FROM clips WHERE id = ?", (clip_id,))


# --------------------------------------------------------------------------- making clips


def _document_hyphen_words(catalog: Catalog, doc_id: int) -> set[str]:
    return hyphenated_words(p.text for p in catalog.pages(doc_id))


def page_superscripts(catalog: Catalog, doc: Document, page: Page
                      ) -> Optional[list[tuple[int, int]]]:
    """The superscript ranges of ``page`` (offsets into its stored text) read from every
    character of the library's stored PDF, or None when the page's layout cannot be read
    (no pypdfium2, no stored copy, an OCR'd or reordered page that pdfium reads
    differently)."""
    import logging
    from pathlib import Path

    from briefer.core.catalog.pageorder import page_order
    from briefer.core.files import layout, textorder
    from briefer.core.paths import stored_pdf

    if not layout.available():
        return None
    try:
        path = stored_pdf(Path(catalog.path).parent, doc.sha256)
        if not path.is_file():
            return None
        texts: list[Optional[str]] = [None] * (page.index + 1)
        texts[page.index] = page.text
        orders: Optional[list[Any]] = None
        if textorder.has_rtl(page.text):
            orders = [None] * (page.index + 1)
            orders[page.index] = page_order(catalog, doc.id, page.index)
        lay = layout.read_layouts(path, texts, orders)[page.index]
    except Exception:  # the layout is a refinement: never a reason to fail a clip
        logging.getLogger(__name__).exception("layout of page %d", page.number)
        return None
    return None if lay is None else list(lay.superscripts)


def build_clip(catalog: Catalog, doc: Document, page: Page, start: int, end: int, *,
               locator: Optional[str] = None, note: str = "",
               tags: Iterable[str] = (), keep_markers: bool = False) -> Clip:
    """A clip of ``page.text[start:end]`` (not yet stored) with its locator detected.

    Its display text leaves out footnote references and amendment markers (found from
    the page's layout where it can be read, else only digits before an amendment's "[")
    unless ``keep_markers``; the verbatim ``text`` keeps them and stays the reference."""
    from briefer.core.clips.locators import detect_locator, document_marks

    if not (0 <= start < end <= len(page.text)):
        raise ClipError(f"characters {start}–{end} are not a passage of page {page.number} "
                        f"({len(page.text)} characters)", reason="invalid_clip")
    text = page.text[start:end]
    pages = catalog.pages(doc.id)
    texts = [p.text for p in pages]
    auto = detect_locator(texts, page.index, start, end, doc_type=doc.doc_type,
                          title=doc.title, marks=document_marks(catalog, doc, texts))
    spans = None
    if not keep_markers:
        sup = page_superscripts(catalog, doc, page)
        if sup is not None:
            spans = [(max(a, start) - start, min(b, end) - start) for a, b in sup
                     if a < end and b > start]
    display = reader_quote(text, hyphenated_words(p.text for p in pages), spans,
                           keep_markers=keep_markers)
    ts = now_iso()
    return Clip(id=0, uid=uuid.uuid4().hex, doc_id=doc.id, doc_sha256=doc.sha256,
                doc_title=doc.title, page_index=page.index, page_label=page.label,
                label_source=page.label_source, start=start, end=end, text=text,
                display_text=display, locator_auto=auto,
                locator_user=locator if locator else None, note=note,
                tags=normalise_tags(tags), created_at=ts, updated_at=ts)


def resolve_page(catalog: Catalog, doc: Document, page_number: Optional[int] = None,
                 label: Optional[str] = None) -> Page:
    """A page by PDF page number (from 1) or by printed label."""
    if label is not None:
        hits = catalog.page_by_label(doc.id, label)
        if not hits:
            known = [p.label for p in catalog.pages(doc.id)]
            sample = ", ".join(known[:12]) + (" …" if len(known) > 12 else "")
            raise ClipError(f"#{doc.id} has no page printed '{label}' (its labels: {sample})",
                            reason="page_not_found", details={"labels": known})
        return hits[0]
    if page_number is None:
        raise ClipError("say which page: a PDF page number or a printed label",
                        reason="page_not_found")
    page = catalog.page(doc.id, page_number - 1)
    if page is None or page_number < 1:
        raise ClipError(f"#{doc.id} has {doc.page_count} pages; there is no page {page_number}",
                        reason="page_not_found")
    return page


def passage_not_found(catalog: Catalog, doc: Document, page: Optional[Page],
                      text: str) -> PassageNotFound:
    """The error for ``text`` missing from ``page`` (or, when ``page`` is None, from the
    whole document — the caller has looked on every page): where else it is, the nearest
    passage on the page and the first words where they differ (and, when the text is on no
    page, the nearest passage on the pages sharing most of its words). Each page is folded
    once for both questions."""
    pages = catalog.pages(doc.id)
    here = page.index if page is not None else -1
    need = word_counts(fold_with_map(text))
    others: list[int] = []
    shared: list[tuple[int, int]] = []
    for p in pages:
        if p.index == here:
            continue
        folded = fold_with_map(p.text)
        if page is not None and find_in_folded(folded, text):
            others.append(p.number)
        shared.append((overlap(word_counts(folded), need), p.index))
    near = nearest_passage(page.text, text, page.index) if page is not None else None
    elsewhere: Optional[NearMatch] = None
    if not others:
        for n, idx in sorted(shared, reverse=True)[:3]:
            m = nearest_passage(pages[idx].text, text, idx) if n else None
            if m and (elsewhere is None or m.similarity > elsewhere.similarity):
                elsewhere = m
        if elsewhere and near and elsewhere.similarity <= near.similarity:
            elsewhere = None
    if page is not None:
        where = f"page {page.number}" + (f" (printed {page.label})"
                                          if page.label_source != "index" else "")
        msg = f"the text is not on {where} of #{doc.id} {doc.title}"
    else:
        msg = f"the text is not in #{doc.id} {doc.title}"
    if near is not None:
        msg += (f"; the nearest passage there is \u201c{_short(near.text)}\u201d "
                f"({near.difference()})")
    if others:
        msg += "; it is on PDF page" + ("s " if len(others) > 1 else " ") + \
            ", ".join(map(str, others[:10]))
    elif elsewhere is not None:
        msg += (f"; {'a closer' if page is not None else 'the nearest'} passage is on PDF page "
                f"{elsewhere.page_index + 1}: \u201c{_short(elsewhere.text)}\u201d "
                f"({elsewhere.difference()})")
    return PassageNotFound(msg, others, near, elsewhere)


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[:n - 1].rstrip() + "\u2026"


def clip_text(catalog: Catalog, doc: Document, page: Page, text: str, *, occurrence: int = 1,
              locator: Optional[str] = None, note: str = "", tags: Iterable[str] = ()) -> Clip:
    """Find ``text`` on ``page`` (across line breaks and hyphenation) and build its clip."""
    spans = find_passage(page.text, text)
    if not spans:
        raise passage_not_found(catalog, doc, page, text)
    if not 1 <= occurrence <= len(spans):
        raise ClipError(f"the text occurs {len(spans)} time(s) on that page; "
                        f"occurrence {occurrence} does not exist", reason="invalid_clip")
    a, b = spans[occurrence - 1]
    return build_clip(catalog, doc, page, a, b, locator=locator, note=note, tags=tags)
