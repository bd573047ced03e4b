"""Ranking that puts the passage first: pages where a query's words stand together come
before pages where they are scattered.

Why it is built this way: BM25 (the index's score) counts words and knows nothing of where
they stand, so for ``freedom of speech`` a long report that says "freedom" and "speech"
many times, far apart, outranks the article that states the phrase. The index's own
searcher still decides *which* pages match; this module only re-orders its best
:data:`RERANK_TOP` pages, using the page text the catalog stores (the text the snippets and
the reader's highlights come from), so the set of pages and the count never change. A
page's *tier* is 2 when the words stand in the query's order next to each other (the
phrase), 1 when they all stand within :data:`NEAR_WORDS` words of each other, 0 otherwise;
pages sort by tier, then by the index's score. :class:`Tiers` works a page out in about
0.05 ms: the phrase is one regular expression of the words' forms, the window is found
among the content words' places (``str.find`` on the lower case), and word distances are
counted only across short gaps within a sentence. Measured on the 20,000-page search bench
(``bench/search_bench.py``'s library), plain queries of two or three words: median 15 ms
without the re-ranking, 31 ms with it (fetching 200 hits instead of 20 and their page
text is most of the difference); the bench's own query set has no such query.

Also here: the function words ("of", "the" …) that are not highlighted on their own, and
the nearest phrase with hits for a phrase that has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional, Protocol, Sequence, TypeVar

from briefer.core.text.analysis import normalise_word, terms
from briefer.core.text.query import And, Node, Phrase, Word

RERANK_TOP = 200  # the index's best pages that are re-ordered
NEAR_WORDS = 5  # "within a few words": at most this many other words among them
_FAR = 1000  # a gap too long to count its words: far apart
_GAP_CHARS = 120  # gaps longer than this are not counted word by word
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.;:?!](?:\s|$)|\n\s*\n")

# Function words: highlighted only inside a matched phrase (or when the query has no other
# word). Words with a legal meaning ("not", "may", "shall") are not in the list.
STOP_WORDS = frozenset(normalise_word(w) for w in (
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is",
    "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "with"))


def without_stop_words(stems: Iterable[str]) -> set[str]:
    """``stems`` without function words — unless that would leave none."""
    stems = set(stems)
    kept = {s for s in stems if s not in STOP_WORDS}
    return kept or stems


def plain_terms(root: Optional[Node]) -> list[str]:
    """The index terms of a query made of plain words (``freedom of speech``, possibly
    beside filters or NOT parts), in the query's order without repeats; [] for any other
    query (one word, a phrase, OR, a prefix …), which is ranked as the index ranks it."""
    if isinstance(root, Word):
        items: Sequence[Node] = [root]
    elif isinstance(root, And):
        items = root.items
    else:
        return []
    out: list[str] = []
    for n in items:
        if isinstance(n, Word) and n.mode == "word" and n.field is None:
            out += [t.text for t in terms(n.text) if t.text]
        elif isinstance(n, (Word, Phrase)) and n.field is None:
            return []  # a phrase, prefix or fuzzy word among them: not plain words
    out = list(dict.fromkeys(out))
    return out if len(out) >= 2 else []


Finder = Callable[[str, Optional[str]], list[tuple[int, int]]]


def word_finder(query_terms: Sequence[str], vocab: Any,
                fallback: Callable[[str], list[tuple[int, int]]]) -> Finder:
    """A function page text -> spans of the words that have ``query_terms``' stems: the
    page is searched with ``str.find`` for each ASCII word form the vocabulary knows (C
    speed, a fraction of the highlighter's regular expression, which matters for 200 pages
    a search). For ranking only: a form split by a line-end hyphen or written with a
    ligature is not seen. A page whose lower case changes its length goes to
    ``fallback``."""
    forms = sorted({w.lower() for st in query_terms for w in vocab.words_of_stem(st)
                    if w.isascii()} | {st for st in query_terms if st.isascii()})
    if not forms or len(forms) > 400:
        def fall_back(text: str, low: Optional[str] = None) -> list[tuple[int, int]]:
            return fallback(text)  # the caller's lower case is of no use to it

        return fall_back

    def find(text: str, low: Optional[str] = None) -> list[tuple[int, int]]:
        low = text.lower() if low is None else low
        n = len(low)
        if n != len(text):  # a letter whose lower case is longer: offsets would move
            return fallback(text)
        out = []
        for form in forms:
            k = len(form)
            i = low.find(form)
            while i >= 0:
                j = i + k
                if (i == 0 or not (low[i - 1].isalnum() or low[i - 1] == "_")) and \
                        (j >= n or not (low[j].isalnum() or low[j] == "_")):
                    out.append((i, j))
                i = low.find(form, i + 1)
        out.sort()
        return out

    return find


@dataclass
class Located:
    """Where the query's words are on a page: (term, start, end, word position)."""

    words: list[tuple[str, int, int, int]]


def locate(text: str, spans: Sequence[tuple[int, int]]) -> Located:
    """The matched spans with their terms and word positions (positions exact across
    short gaps; a long gap, or one that ends a sentence, counts as far apart)."""
    out: list[tuple[str, int, int, int]] = []
    pos = 0
    prev_end = None
    for a, b in spans:
        if prev_end is not None:
            gap = text[prev_end:a] if a - prev_end <= _GAP_CHARS else None
            if gap is None or _SENTENCE_END.search(gap):
                pos += _FAR  # far apart, or in another sentence
            else:
                pos += 1 + len(_WORD.findall(gap))
        out.append((normalise_word(text[a:b]), a, b, pos))
        prev_end = b
    return Located(out)


def tier(found: Located, query_terms: Sequence[str]) -> int:
    """2: the words in order next to each other; 1: all within :data:`NEAR_WORDS` other
    words; 0: scattered (or some missing from the text)."""
    words = [(t, p) for t, _a, _b, p in found.words if t in query_terms]
    k = len(query_terms)
    if k < 2 or not words:
        return 0
    # in order, adjacent
    at: dict[int, str] = {}
    for t, p in words:
        at.setdefault(p, t)
    for t, p in words:
        if t == query_terms[0] and all(at.get(p + i) == query_terms[i] for i in range(1, k)):
            return 2
    return 1 if _window(found, query_terms) <= NEAR_WORDS else 0


class Tiers:
    """:func:`tier` for one query, made fast for many pages: the phrase (tier 2) is one
    regular expression of the words' forms in order; the window (tier 1) is worked out
    on the query's content words only (function words are on every page, and a window
    of "freedom … speech" says what matters). Pages a lower case would change in length
    go through ``fallback_spans`` and :func:`tier` itself."""

    def __init__(self, query_terms: Sequence[str], vocab: Any,
                 fallback_spans: Callable[[str], list[tuple[int, int]]]) -> None:
        self.terms = list(query_terms)
        self.fallback_spans = fallback_spans
        content = [t for t in self.terms if t not in STOP_WORDS]
        self.content = content if len(content) >= 2 else []
        forms = [sorted({w.lower() for w in vocab.words_of_stem(t) if w.isascii()}
                        | ({t} if t.isascii() else set()), key=lambda w: (-len(w), w))
                 for t in self.terms]
        # no word-boundary assertions in the pattern (they make the engine try every
        # position: 15 times slower); a match's boundaries are checked after
        self.phrase = re.compile(r"[^\w.;:?!]+".join(
            "(?:" + "|".join(map(re.escape, f)) + ")" for f in forms)) if all(forms) else None
        self.find = word_finder(self.content, vocab, fallback_spans) if self.content \
            else None

    def __call__(self, text: str) -> int:
        low = text.lower()
        if self.phrase is None or len(low) != len(text):
            return tier(locate(text, self.fallback_spans(text)), self.terms)
        n = len(low)
        for m in self.phrase.finditer(low):
            a, b = m.span()
            if (a == 0 or not _is_word_char(low[a - 1])) and \
                    (b >= n or not _is_word_char(low[b])):
                return 2
        if self.find is None:
            return 0
        return 1 if _window(locate(text, self.find(text, low)), self.content) <= NEAR_WORDS \
            else 0


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _window(found: Located, need: Sequence[str]) -> int:
    """The fewest other words in a stretch holding every term of ``need`` (a large
    number when there is none)."""
    words = [(t, p) for t, _a, _b, p in found.words if t in need]
    k = len(set(need))
    count: dict[str, int] = {}
    best = _FAR * 10
    lo = 0
    for t, p in words:
        count[t] = count.get(t, 0) + 1
        while len(count) == k:
            best = min(best, p - words[lo][1] + 1 - k)
            lt = words[lo][0]
            count[lt] -= 1
            if not count[lt]:
                del count[lt]
            lo += 1
    return best


class _Scored(Protocol):
    @property
    def score(self) -> float: ...


H = TypeVar("H", bound=_Scored)  # a hit


def rerank(hits: list[H], tier_of: Callable[[H], int]) -> list[H]:
    """``hits`` (best first, objects with ``score``) with their first :data:`RERANK_TOP`
    re-ordered by tier (``tier_of(hit)``), then score (ties keep the index's order); the
    rest follow as they were."""
    head, rest = hits[:RERANK_TOP], hits[RERANK_TOP:]
    keyed = [(-tier_of(h), -h.score, n, h) for n, h in enumerate(head)]
    keyed.sort(key=lambda k: k[:3])
    return [k[3] for k in keyed] + rest
