"""Tesseract's TSV output → a page's text and the box of every word in it.

The page text is built here, from the words, so each word's character offsets and its box
on the page are known exactly: words of a line joined by a space, lines of a paragraph by
``\\n``, paragraphs and blocks by a blank line. Tesseract lists the words of right-to-left
lines (Urdu) in reading order, so the text is in logical order for every script.

Word boxes are ``[start, end, x0, y0, x1, y1]``: offsets into the page text and the box in
PDF points from the page's top left. :func:`boxes_for_span` (a hit → rectangles to paint)
and :func:`words_in_rect` (a rectangle drawn on a scan → the words and offsets in it) are
the two directions the reader needs; the second is plain geometry on stored boxes and lives
in :mod:`briefer.core.offsets` (below the files and OCR rooms, which both use offsets).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from briefer.core.files.results import clean_text
from briefer.core.offsets import words_in_rect as words_in_rect  # rectangle -> words: pure geometry

DEFAULT_DPI = 300

Box = tuple[float, float, float, float]


@dataclass
class PageOcr:
    """What Tesseract read on one page (or why it could not)."""

    text: str = ""
    confidence: Optional[float] = None  # mean word confidence 0..100; None without words
    words: list[list[float]] = field(default_factory=list)  # [start, end, x0, y0, x1, y1] pt
    dpi: int = DEFAULT_DPI
    seconds: float = 0.0
    error: str = ""
    languages: str = ""  # the languages it was read with (chosen by script when not given)


def parse_tsv(tsv: str, px_per_pt: float = DEFAULT_DPI / 72.0) -> PageOcr:
    """Page text, mean confidence and word boxes from Tesseract's TSV output."""
    out = PageOcr()
    parts: list[str] = []
    pos = 0
    last_line: Optional[tuple[str, ...]] = None
    last_par: Optional[tuple[str, ...]] = None
    confs: list[float] = []
    s = 1.0 / px_per_pt
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
        out.words.append([pos, pos + len(word), round(left * s, 2), round(top * s, 2),
                          round((left + width) * s, 2), round((top + height) * s, 2)])
        pos += len(word)
        if conf >= 0:
            confs.append(conf)
    out.text = clean_text("".join(parts))
    out.confidence = round(sum(confs) / len(confs), 2) if confs else None
    return out


def boxes_for_span(boxes: Sequence[Sequence[float]], start: int, end: int) -> list[Box]:
    """The boxes (x0, y0, x1, y1 in points) of the words a character span touches."""
    return [(b[2], b[3], b[4], b[5]) for b in boxes if b[0] < end and b[1] > start]
