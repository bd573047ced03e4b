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

A line with more left-to-right letters (an English sentence naming a term with its Urdu
name in brackets, "The Code of Criminal Procedure (ضابطہ فوجداری) applies") is not judged
as a whole: each of its right-to-left stretches is (:func:`_mixed_line`). Producers that
draw such a stretch in visual order give pdfium its words left to right, and pdfium, taking
the drawing order for reading order, turns the bracket after it around (the text read
"(فوجداری ضابطہ (applies"). When the caller can say where each glyph is (``where``), the
stretch's characters are put in the order they stand on the line, and then in reading order
as the Unicode bidirectional algorithm would have them: the right-to-left stretch reversed
(numbers inside it keep their digits' order, brackets inside it mirrored), the neutral
characters beside it (brackets, spaces, punctuation) in the line's own direction, each
bracket given the shape it has on the page. Only a stretch whose words or letters pdfium
gives left to right is touched: a stretch already in reading order is left as it is.

Stored offsets count in the reordered text; the reader's boxes come from pdfium's
characters. A page that was reordered keeps a run list ``[[stored, engine, length], …]``
(each run a block of characters moved as a whole), and :func:`to_engine_index` /
:func:`from_engine_index` convert in both directions. The run list is kept in the catalog
next to the page (:mod:`briefer.core.catalog.pageorder`); this module only works it out.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

Runs = list[list[int]]  # [[stored_start, engine_start, length], …] sorted by stored_start
# Where pdfium puts the glyph of the page's character ``k`` (code points): its centre
# (x, y) and, when known, its left and right edge (x0, x1).
Where = Callable[[int], Sequence[float]]

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


def logical_lines(text: str, judge: Callable[[int, int], LineOrder],
                  where: Optional[Where] = None) -> tuple[str, Optional[Runs]]:
    """``text`` with the lines ``judge(start, end)`` finds in visual order put in reading
    order, and (when ``where`` tells where each glyph is) the right-to-left stretches of
    mixed lines; the run list, or None when nothing moved (the common case)."""
    if not has_rtl(text):
        return text, None
    out: list[str] = []
    runs: Runs = []
    moved = False
    for m in _LINE.finditer(text):
        line = m.group()
        if not line:
            break
        rtl_line = mostly_rtl(line)
        order = judge(m.start(), m.start() + len(line.rstrip("\r\n"))) if rtl_line \
            else LineOrder()
        if order.visual:
            new, line_runs = _reorder_line(line, m.start(), order)
        elif not rtl_line and where is not None and has_rtl(line):
            new, line_runs = _mixed_line(line, m.start(), where)
        else:
            new, line_runs = line, [[m.start(), m.start(), len(line)]]
        moved = moved or new != line
        out.append(new)
        runs.extend(line_runs)
    if not moved:
        return text, None
    return "".join(out), _merge(runs)


# ----------------------------------------------------------------- mixed lines


def _bidi(ch: str) -> str:
    """The bidirectional class, coarsely: 'R' (Hebrew, Arabic letters), 'L' (other
    letters), 'N' (a digit), 'M' (a combining mark) or '' (neutral)."""
    if _ARABIC_LETTER.match(ch):
        return "R"
    cls = unicodedata.bidirectional(ch)
    if cls in ("R", "AL"):
        return "R"
    if cls == "NSM":
        return "M"
    if cls in ("EN", "AN"):
        return "N"
    return "L" if cls == "L" else ""


_NUMBER_INSIDE = ".,/:\u066b\u066c"  # separators between two digits of one number


def _stretches(body: str) -> list[tuple[int, int]]:
    """[start, end) of each stretch of ``body`` without a left-to-right letter that holds a
    right-to-left letter (with the spaces, brackets, numbers and marks around it)."""
    out: list[tuple[int, int]] = []
    start = 0
    for k in range(len(body) + 1):
        if k == len(body) or _bidi(body[k]) == "L":
            if any(_bidi(c) == "R" for c in body[start:k]):
                out.append((start, k))
            start = k + 1
    return out


def _visual_evidence(body: str, a: int, b: int, xs: dict[int, float]) -> bool:
    """Whether pdfium gives the right-to-left words or letters of ``body[a:b]`` left to
    right (as drawn), not right to left (as read). Words: the sum of the steps to the right
    between consecutive words (each at the mean x of its letters) against the steps to the
    left; letters: most words of two letters or more run left to right."""
    words: list[list[int]] = []
    for m in re.finditer(r"\S+", body[a:b]):
        letters = [a + m.start() + i for i, c in enumerate(m.group())
                   if _bidi(c) == "R" and a + m.start() + i in xs]
        if letters:
            words.append(letters)
    centres = [sum(xs[k] for k in w) / len(w) for w in words]
    steps = [q - p for p, q in zip(centres, centres[1:])]
    right, left = sum(d for d in steps if d > 0), -sum(d for d in steps if d < 0)
    if right > left:
        return True
    pairs = [(xs[w[0]], xs[w[-1]]) for w in words if len(w) >= 2]
    return _mostly_rightward(pairs)


def _mixed_line(line: str, base: int, where: Where) -> tuple[str, Runs]:
    """A line mostly left to right, each right-to-left stretch drawn in visual order put in
    reading order (see the module docstring); runs relative to the page (``base``)."""
    body = line.rstrip("\r\n")
    end = line[len(body):]
    pieces: list[tuple[str, list[int]]] = []  # (text, engine offsets within the line)
    pos = 0
    for a, b in _stretches(body):
        pieces.append((body[pos:a], list(range(pos, a))))
        pieces.append(_mixed_stretch(body, a, b, base, where))
        pos = b
    pieces.append((body[pos:], list(range(pos, len(body)))))
    text = "".join(t for t, _ in pieces) + end
    engine = [k for _, ks in pieces for k in ks] + list(range(len(body), len(line)))
    return text, _merge([[base + s, base + e, 1] for s, e in enumerate(engine)])


def _mixed_stretch(body: str, a: int, b: int, base: int, where: Where
                   ) -> tuple[str, list[int]]:
    """``body[a:b]`` in reading order, and the engine offset (within the line) of each of
    its characters; unchanged unless pdfium gave it in visual order."""
    unchanged = (body[a:b], list(range(a, b)))
    xs: dict[int, float] = {}
    ys: list[float] = []
    edges: list[tuple[float, float]] = []  # the glyphs' left and right edges
    made_up: list[tuple[int, float]] = []  # spaces pdfium made up (no width) and their x
    for k in range(a, b):
        try:
            p = where(base + k)
        except Exception:
            return unchanged
        if len(p) < 2:
            return unchanged
        if body[k].isspace() and len(p) >= 4 and p[3] - p[2] <= 0.01:
            made_up.append((k, float(p[0])))
            continue
        xs[k] = float(p[0])
        if len(p) >= 4 and not body[k].isspace():
            edges.append((float(p[2]), float(p[3])))
        if _bidi(body[k]) == "R":
            ys.append(float(p[1]))
    # A made-up space standing in a gap between glyphs separates two words drawn apart;
    # one where glyphs touch (pdfium saw a jump in the drawing order) is put at the end.
    floating: list[int] = []
    width = sorted(x1 - x0 for x0, x1 in edges)[len(edges) // 2] if edges else 0.0
    for k, x in made_up:
        left = max((x1 for x0, x1 in edges if x1 <= x + 0.5), default=None)
        right = min((x0 for x0, x1 in edges if x0 >= x - 0.5), default=None)
        if left is not None and right is not None and right - left >= 0.4 * width > 0 \
                and not any(x0 < x < x1 for x0, x1 in edges):
            xs[k] = x
        else:
            floating.append(k)
    rtl_x = [xs[k] for k in range(a, b) if k in xs and _bidi(body[k]) == "R"]
    if not rtl_x:
        return unchanged
    # pdfium's own order is kept unless it is visibly wrong: words or letters left to
    # right, a space it made up inside a word, or brackets it turned around.
    split = any(_bidi(body[k - 1]) in "RM" and k + 1 < b and _bidi(body[k + 1]) == "R"
                for k in floating if k > a)
    drawn = _visual_evidence(body, a, b, xs)
    if max(ys) - min(ys) > max(0.5 * (max(rtl_x) - min(rtl_x)), 2.0):
        return unchanged  # not one horizontal line
    # Units in engine order: a letter with the marks after it, or a character.
    units: list[list[int]] = []
    for k in range(a, b):
        if k not in xs:
            continue
        if _bidi(body[k]) == "M" and units:
            units[-1].append(k)
        else:
            units.append([k])
    for k in (a - 1, b):  # the characters beside the stretch, for the brackets' shapes
        if 0 <= k < len(body) and not body[k].isspace():
            try:
                xs[k] = float(where(base + k)[0])
            except Exception:
                pass
    shape = {k: _shape_on_page(body, k, xs) for u in units for k in u}
    evidence = drawn or split
    # the units as they stand on the line, left to right
    visual = sorted(units, key=lambda u: (xs[u[0]], u[0]))
    kinds = [_bidi(body[u[0]]) for u in visual]
    rtl = [i for i, c in enumerate(kinds) if c == "R"]
    lo, hi = rtl[0], rtl[-1]
    # A number just left of the stretch is read after it ("(دفعہ 5)" shows as "(5 ہعفد)")
    # unless a left-to-right word stands before the number ("section 5 ہعفد").
    i = lo - 1
    while i >= 0 and body[visual[i][0]].isspace():
        i -= 1
    if i >= 0 and kinds[i] == "N":
        j = i
        while j > 0 and (kinds[j - 1] == "N" or (body[visual[j - 1][0]] in _NUMBER_INSIDE
                                                 and j > 1 and kinds[j - 2] == "N")):
            j -= 1
        before = j - 1
        while before >= 0 and body[visual[before][0]].isspace():
            before -= 1
        if before >= 0 or not _l_before(body, a):
            lo = j
    core: list[list[list[int]]] = []  # the stretch's units, numbers whole
    i = lo
    while i <= hi:
        j = i
        while kinds[i] == "N" and j + 1 <= hi and (
                kinds[j + 1] == "N" or (body[visual[j + 1][0]] in _NUMBER_INSIDE
                                        and j + 2 <= hi and kinds[j + 2] == "N")):
            j += 1
        core.append(visual[i:j + 1])
        i = j + 1
    order: list[tuple[list[int], bool]] = [(u, False) for u in visual[:lo]]
    order += [(u, True) for group in reversed(core) for u in group]
    order += [(u, False) for u in visual[hi + 1:]]
    chars: list[str] = []
    engine: list[int] = []
    for u, inside in order:
        for k in u:
            ch = shape.get(k, body[k])
            chars.append(ch.translate(_MIRROR) if inside else ch)
            engine.append(k)
    chars += [body[k] for k in floating]  # spaces pdfium made up: at the stretch's end
    engine += floating
    text = "".join(chars)
    if not evidence and not (_balanced(text) and not _balanced(body[a:b])):
        return unchanged
    return text, engine


def _balanced(text: str) -> bool:
    """Whether the round and square brackets of ``text`` pair up, each opened first."""
    depth = {"(": 0, "[": 0}
    for ch in text:
        if ch in "([":
            depth[ch] += 1
        elif ch in ")]":
            key = "(" if ch == ")" else "["
            depth[key] -= 1
            if depth[key] < 0:
                return False
    return not any(depth.values())


def _l_before(body: str, a: int) -> bool:
    """Whether a left-to-right letter comes before ``body[a]`` on its line."""
    return a > 0 and _bidi(body[a - 1]) == "L"


def _shape_on_page(body: str, k: int, xs: dict[int, float]) -> str:
    """The bracket as drawn: pdfium mirrors a character it puts in right-to-left order, so
    a bracket standing left of the character before it (or, first on the line, right of the
    one after it) is reported mirrored."""
    ch = body[k]
    if ch.translate(_MIRROR) == ch:
        return ch
    prev = next((j for j in range(k - 1, -1, -1) if j in xs), None)
    if prev is not None:
        flipped = xs[prev] > xs[k]
    else:
        nxt = next((j for j in range(k + 1, k + 64) if j in xs), None)
        flipped = nxt is not None and xs[nxt] < xs[k]
    return ch.translate(_MIRROR) if flipped else ch


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
