"""The layout of a page's text: lines with each character's size, baseline and x range,
superscript markers, and running headers and footers by position.

Plain text cannot tell a footnote marker from a section number: "¹500." (a marker "1"
8 pt and raised 4 pt above a 12 pt "500.") reads "1500.". The page can. This module reads
the stored PDF with pdfium through ``pypdfium2`` (the engine Qt's PDF module wraps, so its
page text is, character for character, the text Briefer stored: measured in
``docs/layout-engine.md``) and gives, per page:

* :class:`Line` — one line of the stored text (split at its line breaks, as the provision
  parser splits it) with its stored offsets, the x range and vertical extent of its
  characters, its body size (the size most of its letters have), its baseline, and the
  offsets of its superscript characters;
* :attr:`PageLayout.superscripts` — offset ranges ``[start, end)`` of superscript markers
  (a run of at most :data:`MAX_MARKER` characters clearly smaller than the line's body
  AND raised above its baseline). A line made only of small text (a footnote at the page
  bottom) has that small size as its body, so nothing in it is flagged for being small;
  a drop cap is larger, never smaller; a subscript is lowered, not raised;
* :attr:`PageLayout.margins` — offset ranges of marginal notes: a narrow column printed
  beside the body (statutes print section headings in the margin), whole lines left of the
  body's left edge, or the start of a line that stands left of it before the body text
  (pdfium joins a note to the body line on its baseline: "Short title. 1. This Act …"), and,
  when lines are measured whole, lines right of the body's right edge;
  :func:`apart_spans` gives them with the superscripts: what the provision parser keeps
  apart from the body;
* :func:`running_lines` — for a set of pages, which lines are running headers or footers:
  in the top or bottom band of the page and repeated (digits aside) on other pages, or a
  bare page number there.

A page is described only when pdfium's text equals the stored text (after the same
clean-up as extraction, :func:`briefer.core.files.results.clean_text`, and the stored
page's right-to-left reordering when it has one): an OCR'd page, a page extracted by
pypdf, or a file that changed gets ``None`` and callers keep their plain-text behaviour.
Everything here is optional: without ``pypdfium2`` installed, or a stored PDF that
cannot be opened, :func:`read_layouts` returns ``None`` for every page.

Plain data only (no Qt). CPU per page (``bench/layout_bench.py``, 423 report pages):
about 14 ms for every character, 6.5 ms for the first 24 characters of each line (what
the provision parser asks for), against 3.5 ms for QtPdf's text.
"""

from __future__ import annotations

import ctypes
import logging
import re
import statistics
import threading
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Optional, Sequence

from briefer.core.files.results import clean_text
from briefer.core.files.textorder import Runs, to_engine_index

log = logging.getLogger(__name__)

# A superscript is at most this share of its line's body size ...
SMALL = 0.85
# ... and its baseline at least this share of the body size above the line's baseline
# (and less than a whole body size above it: higher up is another line).
RAISED = 0.2
# A superscript marker is a short run ("1", "12", "*", "th"): longer small raised text is
# something else (a marginal note caught in the line, an inline heading).
MAX_MARKER = 3
# The top and bottom bands of a page where running headers and footers sit (share of the
# page height).
BAND = 0.1

Span = tuple[int, int]
# pdfium (pypdfium2's copy) must not be entered from two threads at once
_PDFIUM = threading.Lock()
_MARKS = "*\u2020\u2021\u00a7\u00b6#"  # a marker is letters, digits or these signs


class Char(NamedTuple):
    """One character of a line: its stored offset and what pdfium says of it."""

    offset: int
    ch: str
    size: float       # height of the glyph's em box (the size as drawn, matrix applied)
    font_size: float  # the font size pdfium reports (points)
    x0: float
    x1: float
    baseline: float   # y of the glyph origin (PDF points, from the page bottom)
    top: float
    bottom: float


@dataclass
class Line:
    """One line of a page's stored text."""

    start: int        # stored offsets [start, end) of the line (without its line break)
    end: int
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0       # highest glyph box top
    bottom: float = 0.0    # lowest glyph box bottom
    size: float = 0.0      # the body size: the em-box height most of its letters and
    #                        digits have (what superscripts are compared with)
    font_size: float = 0.0  # the font size pdfium reports for those body characters (pt)
    baseline: float = 0.0  # the baseline of its body-size characters
    superscripts: list[Span] = field(default_factory=list)
    band: str = "body"     # 'header' | 'footer' | 'body' (by position on the page)
    chars: list[Char] = field(default_factory=list, repr=False)


@dataclass
class PageLayout:
    """The layout of one page; offsets are into the page's stored text."""

    index: int
    width: float
    height: float
    lines: list[Line]
    margins: list[Span] = field(default_factory=list)  # marginal notes (see the module)

    @property
    def superscripts(self) -> list[Span]:
        return [s for ln in self.lines for s in ln.superscripts]


# ---------------------------------------------------------------------- reading


def available() -> bool:
    """Whether pdfium's layout can be read here (``pypdfium2`` is installed)."""
    try:
        import pypdfium2  # noqa: F401
    except Exception:
        return False
    return True


def read_layouts(path: str | Path, texts: Sequence[Optional[str]],
                 orders: Optional[Sequence[Optional[Runs]]] = None,
                 password: Optional[str] = None, head: int = 0) -> list[Optional[PageLayout]]:
    """The layout of each page of the PDF at ``path`` whose stored text is ``texts[i]``
    (``None``: not wanted). A page whose pdfium text differs from its stored text, or any
    page when the file cannot be read, gives ``None``. Never raises for a bad file.

    ``head`` > 0 measures only the first ``head`` non-space characters of each line (what
    the provision parser needs: markers against a number at a line's start), about half
    the time; the line's x range, extent and body size are then those of its head."""
    out: list[Optional[PageLayout]] = [None] * len(texts)
    try:
        import pypdfium2 as pdfium
    except Exception:
        return out
    with _PDFIUM:
        return _read_all(pdfium, path, texts, orders, password, head, out)


def _read_all(pdfium: Any, path: str | Path, texts: Sequence[Optional[str]],
              orders: Optional[Sequence[Optional[Runs]]], password: Optional[str], head: int,
              out: list[Optional[PageLayout]]) -> list[Optional[PageLayout]]:
    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except Exception as exc:  # missing, damaged, encrypted
        log.info("layout: %s cannot be opened: %s", path, exc)
        return out
    try:
        n = len(pdf)
        for i, text in enumerate(texts):
            if text is None or i >= n:
                continue
            try:
                out[i] = _read_page(pdf, i, text, orders[i] if orders and i < len(orders)
                                    else None, head)
            except Exception:  # one odd page must not cost the others
                log.exception("layout: page %d of %s", i + 1, path)
    finally:
        pdf.close()
    return out


def page_text(pdf: object, i: int) -> str:
    """pdfium's text of page ``i`` cleaned as extraction cleans it (for comparisons)."""
    page = pdf[i]  # type: ignore[index]
    try:
        tp = page.get_textpage()
        try:
            return clean_text(tp.get_text_range())
        finally:
            tp.close()
    finally:
        page.close()


_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")


def _same_text(stored: str, engine: str, order: Optional[Runs]) -> bool:
    if not order:
        return stored == engine
    if len(stored) != len(engine):
        return False
    for k, ch in enumerate(stored):
        e = to_engine_index(order, k)
        if e >= len(engine) or (engine[e] != ch and engine[e].translate(_MIRROR) != ch):
            return False
    return True


def _read_page(pdf: object, i: int, stored: str, order: Optional[Runs],
               head: int = 0) -> Optional[PageLayout]:
    import pypdfium2.raw as R

    page = pdf[i]  # type: ignore[index]
    try:
        width, height = page.get_size()
        tp = page.get_textpage()
        try:
            engine = clean_text(tp.get_text_range())
            if not _same_text(stored, engine, order):
                return None
            # pdfium counts UTF-16 units; Python strings count code points
            wide = [k for k, c in enumerate(engine) if ord(c) > 0xFFFF] \
                if not engine.isascii() else []
            raw = tp.raw
            rect = R.FS_RECTF()
            ox, oy = ctypes.c_double(), ctypes.c_double()
            p_rect, p_ox, p_oy = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy)
            get_box, get_origin = R.FPDFText_GetLooseCharBox, R.FPDFText_GetCharOrigin
            get_size = R.FPDFText_GetFontSize
            lines: list[Line] = []
            for m in re.finditer(r"[^\r\n]+", stored):
                ln = Line(m.start(), m.end())
                chars = ln.chars
                for k in range(m.start(), m.end()):
                    ch = stored[k]
                    if ch.isspace():
                        continue
                    ci = to_engine_index(order, k) if order else k
                    if wide:
                        ci += bisect_left(wide, ci)
                    if not get_box(raw, ci, p_rect):
                        continue
                    get_origin(raw, ci, p_ox, p_oy)
                    chars.append(Char(k, ch, rect.top - rect.bottom, get_size(raw, ci),
                                      rect.left, rect.right, oy.value, rect.top, rect.bottom))
                    if len(chars) == head:
                        break
                if chars:
                    ln.x0, ln.x1 = min(c.x0 for c in chars), max(c.x1 for c in chars)
                    ln.top, ln.bottom = max(c.top for c in chars), min(c.bottom for c in chars)
                _measure(ln)
                ln.band = _band(ln, height)
                lines.append(ln)
        finally:
            tp.close()
    finally:
        page.close()
    return PageLayout(i, width, height, lines, _margins(lines, stored, width, head))


# A page needs this many body lines of some length before a column beside them is judged
MARGIN_LINES = 6
# ... and a note stands at least this far (points) outside the body's edge
MARGIN_GAP = 4.0


def _note_like(text: str) -> bool:
    """Whether text could be a marginal note: a word, not a list marker ("(viii)", "[(xxxa)")
    or a number standing in a hanging indent."""
    t = text.strip()
    return bool(re.search(r"[A-Za-z]{3,}", t)) and not re.fullmatch(
        r"[\[(]+[0-9A-Za-z]{1,7}[)\]]*[.,:]*|\d{1,4}[A-Za-z]?[.,:)]*|[ivxlcdm]{1,7}[.)]|"
        r"[IVXLCDM]{1,7}[.)]", t)


def _gutter(ln: Line) -> int:
    """The index of the first character after a gutter near the line's start (a gap wider
    than a word space within its first 40 characters), or 0."""
    for k in range(1, min(len(ln.chars), 40)):
        a, b = ln.chars[k - 1], ln.chars[k]
        if b.x0 - a.x1 >= max(2 * MARGIN_GAP, 0.6 * ln.size):
            return k
    return 0


def _margins(lines: list[Line], text: str, width: float, head: int) -> list[Span]:
    """The marginal notes of a page: see :attr:`PageLayout.margins`. The body's left edge is
    where the leftmost lines of body text start (after a note joined to them); a note's
    column holds no such line, since a note wraps inside its narrow column. A note has a
    word, not only a list marker or a number (a footnote marker or a page number standing
    in the margin is not a note)."""
    body = [ln for ln in lines if ln.band == "body" and ln.chars and
            sum(c.ch.isalnum() for c in ln.chars) >= 12]
    if len(body) < MARGIN_LINES:
        return []
    starts: dict[int, int] = {}
    for ln in body:
        k = _gutter(ln)
        x = ln.chars[k].x0
        if ln.chars[-1].x1 - x >= 0.2 * width:  # body text running across the column
            starts[round(x)] = starts.get(round(x), 0) + 1
    edges = sorted(x for x, n in starts.items() if n >= 2)
    if not edges:
        return []
    left = edges[0]
    right = max(ln.x1 for ln in body) if head == 0 else None
    out: list[Span] = []
    for ln in lines:  # a running header left of the body goes too: it is no provision
        if not ln.chars:
            continue
        whole = head == 0 or len(ln.chars) < head  # the line was measured to its end
        if whole and ln.x1 <= left - MARGIN_GAP and _note_like(text[ln.start:ln.end]):
            out.append((ln.start, ln.end))  # a line of its own in the left margin
            continue
        if right is not None and ln.x0 >= right + MARGIN_GAP and \
                _note_like(text[ln.start:ln.end]):
            out.append((ln.start, ln.end))  # a line of its own in the right margin
            continue
        # a note joined to the body line on its baseline: the line starts left of the
        # body's edge, and after a gutter the body text begins at the edge
        k = _gutter(ln) if ln.x0 <= left - MARGIN_GAP else 0
        if k and abs(ln.chars[k].x0 - left) <= 2 and \
                _note_like(text[ln.start:ln.chars[k - 1].offset + 1]):
            out.append((ln.start, ln.chars[k].offset))
    return out


# ---------------------------------------------------------------------- judging


def _body_size(chars: list[Char]) -> float:
    """The size most of a line's letters and digits have (sizes to a tenth of a point;
    ties go to the larger size, so a line half marker and half text keeps the text)."""
    counts: dict[float, int] = {}
    for c in chars:
        if c.ch.isalnum() and c.size > 0:
            s = round(c.size, 1)
            counts[s] = counts.get(s, 0) + 1
    if not counts:
        return 0.0
    return max(counts, key=lambda s: (counts[s], s))


def _measure(ln: Line) -> None:
    """Body size, baseline and superscript runs of a line."""
    ln.size = body = _body_size(ln.chars)
    if body <= 0:
        return
    main = [c for c in ln.chars if c.ch.isalnum() and abs(c.size - body) <= 0.06 * body]
    ln.baseline = statistics.median(c.baseline for c in main) if main else 0.0
    ln.font_size = statistics.median(c.font_size for c in main) if main else 0.0
    flagged = [c for c in ln.chars
               if 0 < c.size <= SMALL * body
               and RAISED * body <= c.baseline - ln.baseline < body]
    # consecutive flagged characters (no other character between them) make one marker
    runs: list[list[Char]] = []
    for c in flagged:
        if runs and c.offset == runs[-1][-1].offset + 1:
            runs[-1].append(c)
        else:
            runs.append([c])
    ln.superscripts = [(r[0].offset, r[-1].offset + 1) for r in runs
                       if len(r) <= MAX_MARKER and all(c.ch.isalnum() or c.ch in _MARKS
                                                       for c in r)]


def _band(ln: Line, height: float) -> str:
    if not ln.chars or height <= 0:
        return "body"
    if ln.top >= height * (1 - BAND):
        return "header"
    if ln.bottom <= height * BAND:
        return "footer"
    return "body"


# ---------------------------------------------------------------------- running lines


def _shape(text: str) -> str:
    """A line with its numbers and spacing made alike ("Page 4 of 39" ~ "Page 5 of 39")."""
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def running_lines(layouts: Sequence[Optional[PageLayout]], texts: Sequence[str]
                  ) -> dict[int, list[Line]]:
    """The running header and footer lines of each page (page index -> lines): lines in
    the top or bottom band that repeat, numbers aside, on at least two other pages in the
    same band, or that are a bare page number ("4", "- 4 -", "Page 4 of 39") there."""
    seen: dict[tuple[str, str], set[int]] = {}
    for lay in layouts:
        if lay is None:
            continue
        for ln in lay.lines:
            if ln.band != "body":
                seen.setdefault((ln.band, _shape(texts[lay.index][ln.start:ln.end])),
                                set()).add(lay.index)
    out: dict[int, list[Line]] = {}
    for lay in layouts:
        if lay is None:
            continue
        for ln in lay.lines:
            if ln.band == "body":
                continue
            shape = _shape(texts[lay.index][ln.start:ln.end])
            bare = re.fullmatch(r"[-\u2013\u2014 ]*(?:page\s*)?#(?:\s*of\s*#)?[-\u2013\u2014 ]*",
                                shape)
            if bare or len(seen.get((ln.band, shape), ())) >= 3:
                out.setdefault(lay.index, []).append(ln)
    return out


def superscript_spans(layouts: Sequence[Optional[PageLayout]]) -> list[Optional[list[Span]]]:
    """Per page, the superscript marker ranges (``None`` where the page has no layout)."""
    return [lay.superscripts if lay is not None else None for lay in layouts]


def apart_spans(layouts: Sequence[Optional[PageLayout]]) -> list[Optional[list[Span]]]:
    """Per page, what the provision parser keeps apart from the body: superscript markers
    and marginal notes (``None`` where the page has no layout)."""
    return [sorted(lay.superscripts + lay.margins) if lay is not None else None
            for lay in layouts]
