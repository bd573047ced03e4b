"""Offsets at the Qt boundary: stored code-point offsets ↔ ``QPdfDocument`` UTF-16 indices.

Every offset Briefer stores (search hits, clips, quotes) counts Python code points in the
page text the catalog holds. pdfium, through ``QPdfDocument.getSelectionAtIndex`` and
``QPdfSelection.startIndex``, counts UTF-16 units: a character outside the Basic
Multilingual Plane (𝐀, U+1D400) is one code point but two units, so on a page that starts
with "𝐀𝐁𝐂" every later highlight lands six units too early unless converted (measured with
QtPdf 6.12: ``getSelectionAtIndex(0, 8, 6)`` on "The 𝐀𝐁𝐂 clause…" gives "𝐂 cla").

The conversion is pure arithmetic over the positions of the wide characters, computed once
per page (a sorted list; each conversion is one binary search), so it costs nothing on the
common page that has none. No Qt here: the caller passes the page text it has.

Which pages have pdfium-compatible offsets at all:

* text read by pdfium (the default engine) — the stored text *is* ``getAllText``, with
  only length-preserving cleaning (U+FFFE for a hyphen pdfium removed at a line end is
  stored as a soft hyphen U+00AD; control characters become spaces);
* text read by the pypdf engine (files pdfium could not open, or asked for) — pypdf's text
  differs (ligatures kept, other line breaks), so offsets are *not* pdfium's. When the
  reader can give pdfium's own text of the page, :func:`align` maps the two by their common
  words, which is right for the words both engines read;
* OCR pages — the text came from Tesseract and the words have stored boxes
  (``briefer.core.ocr.word_boxes``), so highlights come from those boxes instead.

:func:`page_kind` says which of the three a page is, from the document's engine and the
page's ``text_source``, both in the catalog. A pdfium page whose right-to-left lines were
put in reading order at import (``briefer.core.files.textorder`` keeps its runs) composes
the two maps: :class:`ReorderedMap`, where one stored span may be several engine pieces.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Literal, Protocol, Sequence

PageKind = Literal["pdfium", "ocr", "other"]

# pdfium marks a hyphen it removed at a line end with U+FFFE; the catalog stores U+00AD.
_PDFIUM_HYPHEN = "\ufffe"
_STORED_HYPHEN = "\u00ad"


def page_kind(engine: str, text_source: str) -> PageKind:
    """How a page's stored offsets relate to pdfium's: ``'pdfium'`` (same characters, convert
    code points ↔ UTF-16), ``'ocr'`` (use the stored word boxes) or ``'other'`` (another
    engine's text: align with pdfium's text, see :func:`align`)."""
    if text_source == "ocr":
        return "ocr"
    if engine in ("pdfium", ""):  # '' = documents recorded before the engine was stored
        return "pdfium"
    return "other"


def pdfium_text_as_stored(text: str) -> str:
    """pdfium's page text as the catalog stores it (the only change that matters for
    comparing: the line-end hyphen marker U+FFFE → U+00AD; the length never changes)."""
    return text.replace(_PDFIUM_HYPHEN, _STORED_HYPHEN) if _PDFIUM_HYPHEN in text else text


class OffsetMap(Protocol):
    """Converts spans of one page between stored offsets and the reader's engine indices."""

    def to_engine(self, start: int, end: int) -> tuple[int, int]:
        """Stored ``[start, end)`` → engine ``(start, length)`` (length 0: not shown)."""
        ...

    def from_engine(self, start: int, end: int) -> tuple[int, int]:
        """Engine ``[start, end)`` → stored ``(start, end)``."""
        ...

    def to_engine_spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """Stored ``[start, end)`` → the engine ``(start, length)`` pieces it covers (one,
        except where right-to-left lines were reordered)."""
        ...


@dataclass(frozen=True)
class Utf16Map:
    """Code points ↔ UTF-16 units for one page text (see the module docstring)."""

    length: int  # the text's length in code points
    wide: tuple[int, ...]  # code-point positions of characters outside the BMP
    wide16: tuple[int, ...]  # the same characters' positions in UTF-16 units

    @classmethod
    def of(cls, text: str) -> "Utf16Map":
        """The map of ``text`` (one pass; a page without wide characters costs one scan)."""
        wide = () if text.isascii() else tuple(i for i, ch in enumerate(text) if ord(ch) > 0xFFFF)
        return cls(len(text), wide, tuple(p + k for k, p in enumerate(wide)))

    @property
    def length16(self) -> int:
        return self.length + len(self.wide)

    def cp_to_utf16(self, cp: int) -> int:
        """A code-point offset (0 … length) as a UTF-16 index."""
        cp = min(max(cp, 0), self.length)
        return cp + bisect_left(self.wide, cp)

    def utf16_to_cp(self, u: int, round_up: bool = False) -> int:
        """A UTF-16 index as a code-point offset; an index inside a surrogate pair goes to
        the character's start (or, with ``round_up``, past it — for span ends)."""
        u = min(max(u, 0), self.length16)
        k = bisect_left(self.wide16, u)  # wide characters that start before u
        cp = u - k
        if round_up and k and self.wide16[k - 1] + 1 == u:  # u splits a pair
            cp += 1
        return cp

    def to_engine(self, start: int, end: int) -> tuple[int, int]:
        s = self.cp_to_utf16(start)
        return s, max(0, self.cp_to_utf16(end) - s)

    def from_engine(self, start: int, end: int) -> tuple[int, int]:
        s = self.utf16_to_cp(start)
        return s, max(s, self.utf16_to_cp(end, round_up=True))

    def to_engine_spans(self, start: int, end: int) -> list[tuple[int, int]]:
        return [self.to_engine(start, end)]


@dataclass(frozen=True)
class AlignedMap:
    """Stored text of another engine ↔ pdfium's text of the same page, by common words.

    ``blocks`` are the matched words ``(stored_start, engine_cp_start, size)`` (see
    :func:`align`);
    offsets outside any block move to the nearest block edge. Engine positions are then
    converted to UTF-16 with the engine text's own :class:`Utf16Map`.
    """

    blocks: tuple[tuple[int, int, int], ...]
    engine: Utf16Map
    starts: tuple[tuple[int, ...], tuple[int, ...]]  # block starts on each side

    @classmethod
    def of(cls, blocks: tuple[tuple[int, int, int], ...], engine: Utf16Map) -> "AlignedMap":
        return cls(blocks, engine, (tuple(b[0] for b in blocks), tuple(b[1] for b in blocks)))

    def _map(self, pos: int, src: int, dst: int, end: bool) -> int:
        starts = self.starts[src]
        # an end belongs to the block it closes, a start to the block it opens
        i = (bisect_left(starts, pos) if end else bisect_right(starts, pos)) - 1
        if i >= 0:
            b = self.blocks[i]
            if pos <= b[src] + b[2]:
                return b[dst] + (pos - b[src])
        if end:  # an end in a gap: the end of the block before it
            return self.blocks[i][dst] + self.blocks[i][2] if i >= 0 else 0
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        return nxt[dst] if nxt else (self.blocks[-1][dst] + self.blocks[-1][2])

    def to_engine(self, start: int, end: int) -> tuple[int, int]:
        if not self.blocks:
            return 0, 0
        s = self._map(start, 0, 1, end=False)
        e = max(s, self._map(end, 0, 1, end=True))
        return self.engine.to_engine(s, e)

    def from_engine(self, start: int, end: int) -> tuple[int, int]:
        if not self.blocks:
            return 0, 0
        s, e = self.engine.from_engine(start, end)
        s2 = self._map(s, 1, 0, end=False)
        return s2, max(s2, self._map(e, 1, 0, end=True))

    def to_engine_spans(self, start: int, end: int) -> list[tuple[int, int]]:
        return [self.to_engine(start, end)]


@dataclass(frozen=True)
class ReorderedMap:
    """A pdfium page whose right-to-left lines the catalog stores in reading order
    (``briefer.core.files.textorder``): ``runs`` ``[[stored, engine, length], …]`` move
    blocks of characters; characters outside every run keep their place. A stored span
    can therefore be several engine pieces (a reversed line's words), each converted to
    UTF-16 with the engine text's own :class:`Utf16Map`."""

    runs: tuple[tuple[int, int, int], ...]  # sorted by stored start
    engine: Utf16Map

    @classmethod
    def of(cls, runs: Sequence[Sequence[int]], engine_text: str) -> "ReorderedMap":
        return cls(tuple(sorted((int(r[0]), int(r[1]), int(r[2])) for r in runs)),
                   Utf16Map.of(engine_text))

    def _pieces(self, start: int, end: int, src: int, dst: int) -> list[tuple[int, int]]:
        """``[start, end)`` on side ``src`` (0 stored, 1 engine) as ranges on ``dst``."""
        out: list[tuple[int, int]] = []
        pos = start
        for run in sorted(self.runs, key=lambda r: r[src]):
            a, n = run[src], run[2]
            if a + n <= pos:
                continue
            if a >= end:
                break
            if a > pos:  # a gap before this run: characters in place
                out.append((pos, a))
                pos = a
            lo, hi = pos, min(end, a + n)
            out.append((run[dst] + lo - a, run[dst] + hi - a))
            pos = hi
        if pos < end:
            out.append((pos, end))
        merged: list[tuple[int, int]] = []
        for lo, hi in out:
            if merged and merged[-1][1] == lo:
                merged[-1] = (merged[-1][0], hi)
            elif hi > lo:
                merged.append((lo, hi))
        return merged

    def to_engine_spans(self, start: int, end: int) -> list[tuple[int, int]]:
        return [self.engine.to_engine(lo, hi) for lo, hi in self._pieces(start, end, 0, 1)]

    def to_engine(self, start: int, end: int) -> tuple[int, int]:
        pieces = self._pieces(start, end, 0, 1)
        if not pieces:
            return self.engine.to_engine(start, start)
        return self.engine.to_engine(min(p[0] for p in pieces), max(p[1] for p in pieces))

    def from_engine(self, start: int, end: int) -> tuple[int, int]:
        s, e = self.engine.from_engine(start, end)
        pieces = self._pieces(s, e, 1, 0)
        if not pieces:
            return s, s
        return min(p[0] for p in pieces), max(p[1] for p in pieces)


_TOKEN = re.compile(r"\S+")


def align(stored: str, engine_text: str) -> OffsetMap:
    """A map between ``stored`` and pdfium's text of the same page. Identical texts (after
    pdfium's hyphen marker) give the exact :class:`Utf16Map`; different ones (the pypdf
    engine, text in another order) an :class:`AlignedMap` over their common words.

    The texts are matched word by word, not character by character: difflib over the
    characters of a 3,000-character page took 0.5 s and over 10,000 characters 8 s
    (measured), over their words a few milliseconds. A word that differs (a ligature kept
    by one engine) is left out, and offsets inside it move to the nearest matched word.
    """
    engine_text = pdfium_text_as_stored(engine_text)
    if engine_text == stored:
        return Utf16Map.of(stored)
    a_tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(stored)]
    b_tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(engine_text)]
    sm = difflib.SequenceMatcher(None, [t for _p, t in a_tokens], [t for _p, t in b_tokens],
                                 autojunk=False)
    blocks: list[tuple[int, int, int]] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                pa, word = a_tokens[i1 + k]
                blocks.append((pa, b_tokens[j1 + k][0], len(word)))
        elif op == "replace" and i2 - i1 == j2 - j1:  # word for word, spelt differently
            for k in range(i2 - i1):
                blocks.extend(_word_blocks(a_tokens[i1 + k], b_tokens[j1 + k]))
    return AlignedMap.of(tuple(sorted(blocks)), Utf16Map.of(engine_text))


def _word_blocks(a: tuple[int, str], b: tuple[int, str]) -> list[tuple[int, int, int]]:
    """Blocks for one word two engines spell differently ("ﬁnancial" / "financial"):
    its start, the common beginning and the common ending, so a span over the word maps
    to the whole word."""
    (pa, wa), (pb, wb) = a, b
    head = 0
    while head < min(len(wa), len(wb)) and wa[head] == wb[head]:
        head += 1
    tail = 0
    while (tail < min(len(wa), len(wb)) - head
           and wa[len(wa) - 1 - tail] == wb[len(wb) - 1 - tail]):
        tail += 1
    out = [(pa, pb, head)]  # head may be 0: the word's start still maps to its start
    if tail:
        out.append((pa + len(wa) - tail, pb + len(wb) - tail, tail))
    return out


def words_in_rect(boxes: Sequence[Sequence[float]], rect: Sequence[float]
                  ) -> list[tuple[int, int, tuple[float, float, float, float]]]:
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


def ocr_span_in_rect(boxes: Sequence[Sequence[float]],
                     rect: tuple[float, float, float, float]) -> tuple[int, int] | None:
    """The stored span of the OCR words inside ``rect`` (x0, y0, x1, y1 in points from
    the page's top left, either corner first), from the first in text order to the last;
    ``None`` when no word's middle is inside. A rectangle drawn on a scan (one column of
    two, a block of a table) turned into text: see :func:`words_in_rect`."""
    words = words_in_rect(boxes, rect)
    return (words[0][0], words[-1][1]) if words else None


def ocr_span_between(boxes: Sequence[Sequence[float]], p0: tuple[float, float],
                     p1: tuple[float, float]) -> tuple[int, int] | None:
    """The stored span from the OCR word nearest ``p0`` to the one nearest ``p1`` (points
    from the page's top left; boxes ``[start, end, x0, y0, x1, y1]`` as
    ``briefer.core.ocr.word_boxes`` gives them), in reading order whichever way the mouse
    went; ``None`` on a page without words. This is a drag on a scan turned into text."""
    if not boxes:
        return None

    def nearest(p: tuple[float, float]) -> Sequence[float]:
        def dist(b: Sequence[float]) -> float:
            dx = max(b[2] - p[0], 0.0, p[0] - b[4])
            dy = max(b[3] - p[1], 0.0, p[1] - b[5])
            return dy * 4 + dx  # the line matters more than the column
        return min(boxes, key=dist)

    a, b = nearest(p0), nearest(p1)
    return int(min(a[0], b[0])), int(max(a[1], b[1]))
