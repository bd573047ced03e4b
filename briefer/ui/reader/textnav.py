"""Word and sentence steps for selecting with the keyboard in the reader.

A selection made with the keyboard grows or shrinks by whole words (Shift+Left/Right) and
whole sentences (Shift+Up/Down), and Alt+Down/Alt+Up select the next/previous sentence:
quoting is about sentences, so the keyboard path goes by them. Pure functions over the
page's stored text (code points), no Qt.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_WORD = re.compile(r"\w[\w\u00ad'’-]*|[^\w\s]", re.UNICODE)
# A sentence ends at . ! ? ; or : followed by white space, or at a blank line / end of text;
# in statutes a heading ends at ".—" ("Powers of the Coordinator.—(1) The …"), the dash
# belonging to neither side.
_SENTENCE_END = re.compile(r"[.!?;:][\"'”’)\]]*(?=\s)|\.(?=[—–])|\n\s*\n|\r\n\s*\r\n|$")
_LEAD = " \t\r\n\u00a0—–"


def word_ends(text: str) -> list[int]:
    """Offsets just after each word (and each punctuation mark)."""
    return [m.end() for m in _WORD.finditer(text)]


def word_starts(text: str) -> list[int]:
    return [m.start() for m in _WORD.finditer(text)]


# A full stop after these does not end a sentence: numbers ("5. Powers"), single letters,
# roman numerals and the abbreviations of legal citations.
_NOT_AN_END = re.compile(
    r"(?:^|[\s(.])(?:\d+|[A-Za-z]|[ivxlcdm]+|no|nos|art|arts|s|ss|sec|p|pp|para|paras|"
    r"cl|ch|r|v|vs|cf|e\.g|i\.e|mr|mrs|ms|dr|st|viz|etc|ltd|co|inc)\.$", re.I)


def sentences(text: str) -> list[tuple[int, int]]:
    """The page's sentences as ``(start, end)``, white space trimmed, in order."""
    out: list[tuple[int, int]] = []
    pos = 0
    start: int | None = None  # a sentence carried over a full stop that does not end it
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip(_LEAD))
        s, e = pos + lead, pos + len(chunk.rstrip())
        if e > s:
            if start is None:
                start = s
            last = text[max(start, e - 8):e]
            if end < len(text) and text[e - 1] == "." and _NOT_AN_END.search(last):
                pass  # "No. 5", "Art. 19": the sentence goes on
            else:
                out.append((start, e))
                start = None
        pos = end
        if pos >= len(text):
            break
    if start is not None:
        out.append((start, len(text.rstrip())))
    return out


def sentence_at(text: str, offset: int) -> tuple[int, int] | None:
    """The sentence that contains ``offset`` (or the next one after it)."""
    for s, e in sentences(text):
        if offset < e:
            return s, e
    return None


def next_sentence(text: str, after: int) -> tuple[int, int] | None:
    """The first sentence that starts at or after ``after``."""
    for s, e in sentences(text):
        if s >= after:
            return s, e
    return None


def previous_sentence(text: str, before: int) -> tuple[int, int] | None:
    """The last sentence that ends at or before ``before``."""
    found = None
    for s, e in sentences(text):
        if e <= before:
            found = (s, e)
    return found


def step_end(text: str, end: int, start: int, unit: str, forward: bool) -> int:
    """Move a selection's end by one ``unit`` ('word' or 'sentence'), never before
    ``start`` + one word."""
    if unit == "word":
        ends = word_ends(text)
        if forward:
            i = bisect_right(ends, end)
            return ends[i] if i < len(ends) else end
        i = bisect_left(ends, end) - 1
        return ends[i] if i >= 0 and ends[i] > start else end
    bounds = [e for _s, e in sentences(text)]
    if forward:
        i = bisect_right(bounds, end)
        return bounds[i] if i < len(bounds) else end
    i = bisect_left(bounds, end) - 1
    return bounds[i] if i >= 0 and bounds[i] > start else end
