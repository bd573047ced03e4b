"""Right-to-left lines in reading order, and the map back to the engine's characters.

Some PDFs draw each Arabic-script word as its own piece of text, left to right across
the page (visual order). pdfium then returns the words of such a line in that order: the
last word a reader reads comes first, so a phrase typed in reading order is not found and
a snippet reads backwards with its brackets turned around. :func:`logical_lines` puts such
lines in reading order: the line is cut into units (a right-to-left word, or a run of
left-to-right words and numbers, which keep their own order) and the units are reversed;
a unit whose brackets face the wrong way (``)…(``) gets them turned back.

Which lines are visual is decided from where the glyphs are (the caller measures it, see
:func:`line_order`): in reading order, each Arabic-script word of a line lies to the left
of the one before it, and each word's last letter left of its first. pdfium puts most
lines in reading order itself; it was seen to give a line whose text object is stored
in visual order fully reversed, and words drawn one by one with their letters reversed.
A line already in reading order is left alone, as is every page without Arabic script.

Stored offsets count in the reordered text; the reader's boxes come from pdfium's
characters. A page that was reordered keeps a run list ``[[stored, engine, length], …]``
(each run a block of characters moved as a whole), and :func:`to_engine_index` /
:func:`from_engine_index` convert in both directions. The run list is kept in the catalog
next to the page (:func:`store_orders`, a table of this module's own).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Callable, Optional, Sequence

Runs = list[list[int]]  # [[stored_start, engine_start, length], …] sorted by stored_start

_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
_LTR = re.compile(r"[A-Za-z0-9\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9]")
_TOKEN = re.compile(r"\S+|\s+")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)?")
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_OPENING, _CLOSING = "([{<«", ")]}>»"


def has_rtl(text: str) -> bool:
    return _ARABIC_LETTER.search(text) is not None


def mostly_rtl(line: str) -> bool:
    """Whether at least half the letters of ``line`` are Arabic-script (a line of
    mis-decoded text with a few stray Arabic code points is not judged)."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and 2 * len(_ARABIC_LETTER.findall(line)) >= len(letters)


@dataclass(frozen=True)
class LineOrder:
    """How a line's Arabic-script text came out of the engine: ``words`` in visual order
    (the first word leftmost), and/or the letters of each word in visual order."""

    words: bool = False
    letters: bool = False

    @property
    def visual(self) -> bool:
        return self.words or self.letters


def _mostly_rightward(pairs: Sequence[tuple[float, float]]) -> bool:
    steps = [b - a for a, b in pairs if b != a]
    return bool(steps) and sum(1 for d in steps if d > 0) * 2 > len(steps)


def line_order(word_x: Sequence[float], letter_x: Sequence[tuple[float, float]]) -> LineOrder:
    """Judge a line from glyph positions: ``word_x`` the x of each Arabic-script word's
    first letter, in text order; ``letter_x`` (first letter x, last letter x) of each word
    of two letters or more. In reading order, each word lies left of the one before and
    each word's last letter left of its first."""
    return LineOrder(words=_mostly_rightward(list(zip(word_x, word_x[1:]))),
                     letters=_mostly_rightward(letter_x))


def _flipped(token: str) -> bool:
    first = next((c for c in token if c in _OPENING or c in _CLOSING), None)
    return first is not None and first in _CLOSING


def _reorder_line(line: str, base: int, order: LineOrder) -> tuple[str, Runs]:
    """One visual line in reading order, with runs relative to the page (``base``)."""
    body = line.rstrip("\r\n")
    end = line[len(body):]
    units: list[tuple[int, str]] = []  # (engine offset within line, text)
    for m in _TOKEN.finditer(body):
        tok = m.group()
        ltr = not tok.isspace() and not has_rtl(tok) and _LTR.search(tok) is not None
        if units and ltr and units[-1][1] and _ltr_unit(units[-1][1]):
            units[-1] = (units[-1][0], units[-1][1] + tok)  # a run of LTR words stays whole
            continue
        if (tok.isspace() and len(units) >= 1 and _ltr_unit(units[-1][1])
                and m.end() < len(body) and _ltr_word(body, m.end())):
            units[-1] = (units[-1][0], units[-1][1] + tok)  # the space inside that run
            continue
        units.append((m.start(), tok))
    out: list[str] = []
    runs: Runs = []
    pos = 0
    for start, text in (reversed(units) if order.words else units):
        rtl = has_rtl(text)
        if rtl and order.letters and len(text) > 1:
            # letters in visual order: the word read backwards, one run per character
            text = text[::-1]
            runs.extend([base + pos + k, base + start + len(text) - 1 - k, 1]
                        for k in range(len(text)))
        else:
            runs.append([base + pos, base + start, len(text)])
        if rtl and _flipped(text):
            text = text.translate(_MIRROR)
        out.append(text)
        pos += len(text)
    if end:
        runs.append([base + pos, base + len(body), len(end)])
    return "".join(out) + end, runs


def _ltr_unit(text: str) -> bool:
    return bool(text.strip()) and not has_rtl(text) and _LTR.search(text) is not None


def _ltr_word(body: str, at: int) -> bool:
    m = _TOKEN.match(body, at)
    return m is not None and _ltr_unit(m.group())


def logical_lines(text: str, judge: Callable[[int, int], LineOrder]
                  ) -> tuple[str, Optional[Runs]]:
    """``text`` with the lines ``judge(start, end)`` finds in visual order put in reading
    order; the run list, or None when nothing moved (the common case)."""
    if not has_rtl(text):
        return text, None
    out: list[str] = []
    runs: Runs = []
    moved = False
    for m in _LINE.finditer(text):
        line = m.group()
        if not line:
            break
        order = judge(m.start(), m.start() + len(line.rstrip("\r\n"))) if mostly_rtl(line) \
            else LineOrder()
        if order.visual:
            new, line_runs = _reorder_line(line, m.start(), order)
            moved = moved or new != line
            out.append(new)
            runs.extend(line_runs)
        else:
            out.append(line)
            runs.append([m.start(), m.start(), len(line)])
    if not moved:
        return text, None
    return "".join(out), _merge(runs)


def _merge(runs: Runs) -> Runs:
    merged: Runs = []
    for s, e, n in runs:
        if n <= 0:
            continue
        if merged and merged[-1][0] + merged[-1][2] == s and merged[-1][1] + merged[-1][2] == e:
            merged[-1][2] += n
        else:
            merged.append([s, e, n])
    return merged


def to_engine_index(runs: Optional[Runs], stored: int) -> int:
    """The engine's character index of stored offset ``stored`` (identity without runs).
    An offset at the end of a run maps to the end of that run's block."""
    if not runs:
        return stored
    k = bisect_right([r[0] for r in runs], stored) - 1
    if k < 0:
        return stored
    s, e, n = runs[k]
    if stored > s + n:
        return stored
    return e + (stored - s)


def from_engine_index(runs: Optional[Runs], engine: int) -> int:
    """The stored offset of the engine's character index ``engine`` (identity without runs)."""
    if not runs:
        return engine
    for s, e, n in runs:
        if e <= engine < e + n:
            return s + (engine - e)
    last = max(runs, key=lambda r: r[1] + r[2])
    return last[0] + last[2] if engine >= last[1] + last[2] else engine


# --------------------------------------------------------------------------- in the catalog

TEXTORDER_SCHEMA = [
    """
    CREATE TABLE page_text_order (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page_index INTEGER NOT NULL,
        runs TEXT NOT NULL,
        PRIMARY KEY (doc_id, page_index)
    ) WITHOUT ROWID;
    """,
]


def store_orders(catalog: Any, doc_id: int, orders: dict[int, Runs]) -> None:
    """Keep the run lists of a document's reordered pages (replacing earlier ones)."""
    catalog.ensure_module_schema("textorder", TEXTORDER_SCHEMA)
    with catalog.transaction() as db:
        db.execute("DELETE FROM page_text_order WHERE doc_id = ?", (doc_id,))
        db.executemany("INSERT INTO page_text_order(doc_id, page_index, runs) VALUES (?,?,?)",
                       [(doc_id, i, json.dumps(r, separators=(",", ":")))
                        for i, r in sorted(orders.items()) if r])


def page_order(catalog: Any, doc_id: int, page_index: int) -> Optional[Runs]:
    """A page's run list, or None when its text is in the engine's own order."""
    if catalog.readonly and not catalog.has_module_schema("textorder"):
        return None  # never stored (a read-only catalog cannot make the table)
    catalog.ensure_module_schema("textorder", TEXTORDER_SCHEMA)
    row = catalog.execute("SELECT runs FROM page_text_order WHERE doc_id = ? AND "
                          "page_index = ?", (doc_id, page_index)).fetchone()
    return json.loads(row[0]) if row else None
