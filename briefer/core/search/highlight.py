"""Where a hit's words are on its page, and the snippet shown around them.

Offsets are into the page text the catalog stores (the text the reader highlights), found
by analysing the text as the index did. Plain ASCII pages (most pages) are scanned with
one regular expression of the words that have the query's stems (kept for as long as
the word list it was made from lives — a commit hands out a new one — so no cache
outlives the index's words) instead of analysing every word. Nothing here knows the
search engine: the words come through the seam's ``WordList``.
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
import weakref
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from briefer.core.index.backend import WordList
from briefer.core.text.analysis import WORD_RE, Term, normalise_word, terms

SNIPPET_CHARS = 220


@dataclass
class Snippet:
    """``text`` is ``page_text[start:end]`` with line breaks shown as spaces (same length);
    ``highlights`` are the matches as ``[a, b)`` offsets into ``text``."""

    text: str
    start: int
    end: int
    highlights: list[tuple[int, int]]

    def marked(self, before: str = "[", after: str = "]") -> str:
        out, pos = [], 0
        for a, b in self.highlights:
            out.append(self.text[pos:a])
            out.append(before + self.text[a:b] + after)
            pos = b
        out.append(self.text[pos:])
        return ("…" if self.start > 0 else "") + "".join(out).strip() + "…"


def match_spans(text: str, stems: set[str], phrases: Iterable[tuple[str, ...]],
                vocab: Optional[WordList] = None) -> list[tuple[int, int]]:
    """Spans of ``text`` whose terms are in ``stems`` or form one of ``phrases``.

    With a vocabulary, plain ASCII pages (most pages) are scanned with one regular
    expression of the words that have those stems, instead of analysing every word.
    """
    phrases = list(phrases)
    if vocab is not None:
        fast = _fast_spans(text, stems, phrases, vocab)
        if fast is not None:
            return fast
    ts = list(terms(text))
    return _spans_of(ts, stems, phrases)


def _spans_of(ts: list[Any], stems: set[str], phrases: list[tuple[str, ...]]
              ) -> list[tuple[int, int]]:
    words = [t.text for t in ts]
    found: set[tuple[int, int]] = set()
    if stems:
        for t in ts:
            if t.text in stems:
                found.add((t.start, t.end))
    for ph in phrases:
        k = len(ph)
        first = ph[0]
        i = -1
        while True:
            try:
                i = words.index(first, i + 1)
            except ValueError:
                break
            if tuple(words[i:i + k]) == ph:
                for t in ts[i:i + k]:
                    found.add((t.start, t.end))
    return sorted(found)


# Where a word needs the full analysis: a letter, digit or mark outside ASCII, a soft
# hyphen, or a hyphen at a line end.
_SPECIAL_SPOT = re.compile(r"(?![\x00-\x7f])[\w\u00ad\u0300-\u036f\u0610-\u061a\u064b-\u065f"
                           r"\u0670\u06d6-\u06ed\u200c\u200d]|[-\u2010\u2011]\r?\n")
_GAP_WORD = re.compile(r"\w")


def _fast_spans(text: str, stems: set[str], phrases: list[tuple[str, ...]],
                vocab: WordList) -> Optional[list[tuple[int, int]]]:
    wanted = frozenset(stems | {t for ph in phrases for t in ph})
    if not wanted:
        return []
    rx = _pattern(wanted, vocab)
    if rx is None:
        return None
    # Words that need the full analysis, analysed one by one.
    special: list[Any] = []
    covered_to = -1
    for m in _SPECIAL_SPOT.finditer(text):
        p = m.start()
        if p < covered_to:
            continue
        a = p
        while a > 0 and (text[a - 1].isalnum() or text[a - 1] in "_\u00ad" or
                         unicodedata.combining(text[a - 1])):
            a -= 1
        wm = WORD_RE.match(text, a)
        if wm is None or wm.end() <= p:
            continue
        covered_to = wm.end()
        for t in terms(wm.group(0)):
            special.append(Term(t.text, a + t.start, a + t.end))
    cands = []
    if special:
        bounds = [(t.start, t.end) for t in special]
        starts = [b[0] for b in bounds]
    for m in rx.finditer(text):
        if special:
            k = bisect.bisect_right(starts, m.start()) - 1
            if k >= 0 and bounds[k][1] > m.start() or \
                    k + 1 < len(bounds) and bounds[k + 1][0] < m.end():
                continue  # part of a word analysed above
        term = normalise_word(m.group(0))
        if term in wanted:
            cands.append(Term(term, m.start(), m.end()))
    if special:
        cands = sorted(cands + [t for t in special if t.text in wanted],
                       key=lambda t: t.start)
    if not phrases:
        return [(t.start, t.end) for t in cands if t.text in stems]
    # Candidates next to each other with no word between them are consecutive terms.
    found: set[tuple[int, int]] = {(t.start, t.end) for t in cands if t.text in stems}
    for ph in phrases:
        k = len(ph)
        for i in range(len(cands) - k + 1):
            if cands[i].text != ph[0]:
                continue
            run = cands[i:i + k]
            if all(run[j].text == ph[j] for j in range(k)) and all(
                    not _GAP_WORD.search(text, run[j].end, run[j + 1].start)
                    for j in range(k - 1)):
                found.update((t.start, t.end) for t in run)
    return sorted(found)


_BREAKS = str.maketrans("\r\n\t\f\v", "     ")


def make_snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> Snippet:
    """A window of about ``width`` characters around the densest cluster of ``spans``."""
    if not spans:
        end = min(len(text), width)
        if end < len(text):
            cut = text.rfind(" ", 0, end)
            end = cut if cut > width // 2 else end
        return Snippet(text[:end].translate(_BREAKS), 0, end, [])
    best, best_n, j = 0, 0, 0
    for i in range(len(spans)):
        while j < len(spans) and spans[j][1] - spans[i][0] <= width - 40:
            j += 1
        if j - i > best_n:
            best, best_n = i, j - i
    first = spans[best][0]
    last = spans[best + best_n - 1][1]
    pad = max(20, (width - (last - first)) // 3)
    start = max(0, first - pad)
    if start > 0:
        k = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start))
        start = k + 1 if k >= 0 and start - k < 30 else start
    end = min(len(text), max(last, start + width))
    if end < len(text):
        k = text.find(" ", end)
        end = k if 0 <= k < end + 20 else end
    snippet = text[start:end].translate(_BREAKS)
    hl = [(a - start, b - start) for a, b in spans if a >= start and b <= end]
    return Snippet(snippet, start, end, hl)


_PATTERNS_KEPT = 256  # per word list
_patterns_lock = threading.Lock()
_patterns: "weakref.WeakKeyDictionary[Any, dict[frozenset[str], Optional[re.Pattern[str]]]]" = \
    weakref.WeakKeyDictionary()


def _pattern(wanted: frozenset[str], vocab: WordList) -> Optional[re.Pattern[str]]:
    """:func:`_words_pattern`, remembered with the word list (which never changes)."""
    try:
        with _patterns_lock:
            kept = _patterns.setdefault(vocab, {})
            if wanted in kept:
                return kept[wanted]
    except TypeError:  # a word list that cannot be referred to weakly: not remembered
        return _words_pattern(wanted, vocab)
    rx = _words_pattern(wanted, vocab)
    with _patterns_lock:
        if len(kept) >= _PATTERNS_KEPT:
            kept.clear()
        kept[wanted] = rx
    return rx


def _words_pattern(wanted: frozenset[str], vocab: WordList) -> Optional[re.Pattern[str]]:
    """One pattern for every ASCII word of the vocabulary whose term is wanted (None when
    there are none or too many)."""
    words = {w for st in wanted for w in vocab.words_of_stem(st) if w.isascii()}
    words |= {st for st in wanted if st.isascii() and st.isalnum()}
    if not words or len(words) > 2000:
        return None
    alt = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<![\w])(?:{alt})(?![\w])", re.IGNORECASE)
