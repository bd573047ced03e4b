"""Tesseract's TSV output → a page's text and the box of every word in it.

The page text is built here, from the words, so each word's character offsets and its box
on the page are known exactly: words of a line joined by a space, lines of a paragraph by
``\\n``, paragraphs and blocks by a blank line. Tesseract lists the words of right-to-left
lines (Urdu) in reading order, so the text is in logical order for every script.

Word boxes are ``[start, end, x0, y0, x1, y1]``: offsets into the page text and the box in
PDF points from the page's top left. :func:`boxes_for_span` (a hit → rectangles to paint)
and :func:`words_in_rect` (a rectangle drawn on a scan → the words and offsets in it) are
the two directions the reader needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from briefer.core.files.results import clean_text

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


def words_in_rect(boxes: Sequence[Sequence[float]], rect: Sequence[float]
                  ) -> list[tuple[int, int, Box]]:
    """The words of an OCR page inside ``rect`` (x0, y0, x1, y1 in points from the top
    left, either corner first): ``(start, end, box)`` in text order. A word counts when
    the middle of its box is inside the rectangle, so a selection drawn loosely around a
    line takes its words and not the neighbours it grazes."""
    x0, x1 = sorted((float(rect[0]), float(rect[2])))
    y0, y1 = sorted((float(rect[1]), float(rect[3])))
    out = []
    for b in boxes:
        cx, cy = (b[2] + b[4]) / 2, (b[3] + b[5]) / 2
        if x0 <= cx <= x1 and y0 <= cy <= y1:
            out.append((int(b[0]), int(b[1]), (b[2], b[3], b[4], b[5])))
    out.sort(key=lambda w: w[0])
    return out
